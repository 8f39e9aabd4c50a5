// The cost of a scheduling point (issue 4), next to a bare Boost.Context
// switch:
//   BM_BareContextSwitch     two boost::context fibers passing control back and forth
//   BM_FiberRoundTrip        sim::Fiber resume + yield (with the sanitizer hooks compiled out)
//   BM_Bytecode/*            a bytecode of a CPU-bound loop: without scheduling points (`run`
//                            with one thread), with a point that keeps the thread, and with a
//                            point that switches threads every bytecode
// Each reports nanoseconds per switch or per bytecode.
#include <benchmark/benchmark.h>

#include <boost/context/fiber.hpp>

#include "sim/fiber.h"
#include "vm/compiler.h"
#include "vm/interpreter.h"

namespace {

namespace ctx = boost::context;

void BM_BareContextSwitch(benchmark::State& state) {
  ctx::fiber other{[&](ctx::fiber&& back) {
    for (;;) back = std::move(back).resume();
    return std::move(back);
  }};
  for (auto _ : state) other = std::move(other).resume();
  state.SetItemsProcessed(state.iterations() * 2);  // there and back
}
BENCHMARK(BM_BareContextSwitch);

void BM_FiberRoundTrip(benchmark::State& state) {
  bool stop = false;
  sim::Fiber* self = nullptr;
  sim::Fiber f([&] {
    while (!stop) self->yield();
  });
  self = &f;
  for (auto _ : state) f.resume();
  stop = true;
  f.resume();
  state.SetItemsProcessed(state.iterations() * 2);
}
BENCHMARK(BM_FiberRoundTrip);

// Keeps the running thread at every point (the `skip` fast path is not
// taken: pick is asked each time).
class Keep : public vm::Scheduler {
 public:
  int pick(const std::vector<int>& runnable, int current, vm::OpKind) override {
    for (int t : runnable)
      if (t == current) return t;
    return runnable[0];
  }
};

// Switches to the next runnable thread at every point.
class Alternate : public vm::Scheduler {
 public:
  int pick(const std::vector<int>& runnable, int current, vm::OpKind) override {
    for (int t : runnable)
      if (t > current) return t;
    return runnable[0];
  }
};

const char* const kLoop =
    "import threading\n"
    "def work():\n"
    "    for i in range(20000):\n"
    "        pass\n";

void bytecodes(benchmark::State& state, bool threads, vm::Scheduler* sched) {
  std::string src = std::string(kLoop) +
                    (threads ? "t = threading.Thread(target=work)\nt.start()\nwork()\nt.join()\n" : "work()\nwork()\n");
  auto code = vm::compile_source(src, "bench.py");
  uint64_t total = 0;
  for (auto _ : state) {
    vm::Interpreter in;
    std::string out, err;
    vm::RunOptions opts;
    opts.scheduler = sched;
    in.run_main(code, src, opts, out, err);
    total += in.total_steps_;
  }
  state.SetItemsProcessed(static_cast<int64_t>(total));
}

void BM_Bytecode_NoPoints(benchmark::State& state) { bytecodes(state, false, nullptr); }
void BM_Bytecode_PointKeepsThread(benchmark::State& state) {
  Keep k;
  bytecodes(state, true, &k);
}
void BM_Bytecode_PointSwitches(benchmark::State& state) {
  Alternate a;
  bytecodes(state, true, &a);
}
BENCHMARK(BM_Bytecode_NoPoints)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Bytecode_PointKeepsThread)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Bytecode_PointSwitches)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
