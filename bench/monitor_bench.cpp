// What the per-step monitors cost (issue 5).  One run of a two-thread
// program under a seeded random schedule (a scheduling point before every
// bytecode), with and without properties::RefcountMonitor, which audits
// every reference count after every step.  The program first makes `live`
// instances that stay alive, because an audit walks every object made since
// start-up: its cost grows with the live heap, and the counters show by how
// much.  Counters: ns_per_step (time per bytecode executed, the end-of-run
// audit included in both) and steps.
#include <benchmark/benchmark.h>

#include <fmt/format.h>

#include <chrono>
#include <string>

#include "properties/monitors.h"
#include "vm/compiler.h"
#include "vm/interpreter.h"

namespace {

std::string program(int live) {
  return fmt::format(
      "import threading\n\n\nclass Box:\n    def __init__(self, n):\n        self.n = n\n\n\n"
      "keep = [Box(i) for i in range({})]\nx = 0\n\n\n"
      "def work():\n    global x\n    for i in range(200):\n        x += 1\n\n\n"
      "t1 = threading.Thread(target=work)\nt2 = threading.Thread(target=work)\n"
      "t1.start()\nt2.start()\nt1.join()\nt2.join()\n",
      live);
}

void run(benchmark::State& state, bool every_step) {
  std::string src = program(static_cast<int>(state.range(0)));
  auto code = vm::compile_source(src, "monitor_bench.py");
  vm::Interpreter in;
  uint64_t steps = 0, all_steps = 0;
  double seconds = 0;
  for (auto _ : state) {
    properties::RefcountMonitor monitor;
    vm::RunOptions ro;
    ro.seed = 1;
    if (every_step) ro.monitor = &monitor;
    std::string out, err;
    auto t0 = std::chrono::steady_clock::now();
    vm::RunResult r = in.run_main(code, src, ro, out, err);
    if (!in.audit().empty()) state.SkipWithError("the end-of-run audit failed");  // what check does at every end
    seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (r.exit_code != 0) state.SkipWithError(err.c_str());
    steps = 0;
    for (int t = 0; t < in.thread_count(); ++t) steps += in.thread(t)->steps;
    all_steps += steps;
    in.reset();
  }
  state.counters["steps"] = static_cast<double>(steps);
  state.counters["ns_per_step"] = all_steps ? seconds * 1e9 / static_cast<double>(all_steps) : 0;
}

void BM_AtTheEnd(benchmark::State& state) { run(state, false); }
void BM_EveryStep(benchmark::State& state) { run(state, true); }

BENCHMARK(BM_AtTheEnd)->Arg(0)->Arg(100)->Arg(1000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_EveryStep)->Arg(0)->Arg(100)->Arg(1000)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
