// Interpreter speed against the real python3.11, side by side in one run.
//
// The same CPU-bound function runs in gilsim's interpreter (in process) and
// in python3.11 (a child process that times the function itself with
// perf_counter, so interpreter start-up is left out).  Both report manual
// time per iteration; after the run, the ratio gilsim / python3.11 is printed.
// The goal (issue 3) is a ratio of 2 or less.
#include <benchmark/benchmark.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

#include "vm/compiler.h"
#include "vm/interpreter.h"

namespace {

const char* const kProgram =
    "def work():\n"
    "    total = 0\n"
    "    for i in range(10_000_000):\n"
    "        total += i\n"
    "    return total\n";

double gilsim_seconds = 0, python_seconds = 0;

// state.range(0) = 1: the heap tallies count changes by kind, as `gilsim
// simulate` runs it (Heap::inc and dec take their tally branch): what the
// per-model reference-count costs cost to compute.
void BM_Gilsim(benchmark::State& state) {
  std::string src = std::string(kProgram) + "work()\n";
  auto code = vm::compile_source(src, "bench.py");
  for (auto _ : state) {
    vm::Interpreter in;
    in.heap().tallying = state.range(0) != 0;
    std::string out, err;
    auto start = std::chrono::steady_clock::now();
    vm::RunResult r = in.run_main(code, src, vm::RunOptions{}, out, err);
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (r.exit_code != 0) state.SkipWithError(err.c_str());
    state.SetIterationTime(s);
    if (state.range(0) == 0) gilsim_seconds = s;
  }
}
BENCHMARK(BM_Gilsim)->ArgName("tally")->Arg(0)->Arg(1)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_Python311(benchmark::State& state) {
  std::string script = std::string(kProgram) +
                       "import time\n"
                       "t = time.perf_counter()\n"
                       "work()\n"
                       "print(time.perf_counter() - t)\n";
  std::string cmd = "python3.11 -c '" + script + "'";
  for (auto _ : state) {
    std::unique_ptr<FILE, int (*)(FILE*)> p(popen(cmd.c_str(), "r"), pclose);
    std::array<char, 128> buf{};
    if (!p || !fgets(buf.data(), buf.size(), p.get())) {
      state.SkipWithError("python3.11 did not run");
      return;
    }
    double s = std::stod(buf.data());
    state.SetIterationTime(s);
    python_seconds = s;
  }
}
BENCHMARK(BM_Python311)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  if (gilsim_seconds > 0 && python_seconds > 0)
    std::printf("gilsim / python3.11 on the 10M-iteration loop: %.2fx (%.3f s vs %.3f s)\n",
                gilsim_seconds / python_seconds, gilsim_seconds, python_seconds);
  return 0;
}
