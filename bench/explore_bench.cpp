// Exploration speed (issue 4): executions per second and whole explorations
// of the `x += 1` counters (threads each doing N non-atomic increments of a
// global), with dpor and dfs under the `gil` model, the workloads the issue
// compares with loom 0.7.1.  Each benchmark iteration is one complete
// exploration; the counters report executions, dfs's traces, and
// executions per second.
#include <benchmark/benchmark.h>

#include <fmt/format.h>

#include <string>

#include "sim/explorer.h"
#include "vm/compiler.h"

namespace {

sim::Program counter_program(int threads, int increments) {
  std::string src = "import threading\nx = 0\n\n\ndef work():\n    global x\n";
  src += fmt::format("    for i in range({}):\n        x += 1\n\n\n", increments);
  for (int t = 0; t < threads; ++t) src += fmt::format("t{} = threading.Thread(target=work)\n", t);
  for (int t = 0; t < threads; ++t) src += fmt::format("t{}.start()\n", t);
  for (int t = 0; t < threads; ++t) src += fmt::format("t{}.join()\n", t);
  sim::Program p;
  p.path = p.display = fmt::format("counter_{}x{}.py", threads, increments);
  p.source = src;
  p.code = vm::compile_source(src, p.path);
  return p;
}

void explore(benchmark::State& state, const std::string& strategy) {
  sim::Program p = counter_program(static_cast<int>(state.range(0)), static_cast<int>(state.range(1)));
  sim::CheckOptions opts;
  opts.strategy = strategy;
  sim::CheckResult r;
  for (auto _ : state) {
    r = sim::explore(p, opts);
    if (!r.complete) state.SkipWithError("exploration incomplete");
  }
  state.counters["executions"] = static_cast<double>(r.executions);
  state.counters["cut_short"] = static_cast<double>(r.abandoned);
  if (r.classes >= 0) state.counters["traces"] = static_cast<double>(r.classes);
  state.counters["exec_per_s"] = benchmark::Counter(static_cast<double>(r.executions + r.abandoned) * state.iterations(),
                                                    benchmark::Counter::kIsRate);
}

void BM_Dpor(benchmark::State& state) { explore(state, "dpor"); }
void BM_Dfs(benchmark::State& state) { explore(state, "dfs"); }

BENCHMARK(BM_Dpor)->Args({2, 1})->Args({2, 2})->Args({2, 3})->Args({3, 1})->Args({3, 2})->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Dfs)->Args({2, 1})->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
