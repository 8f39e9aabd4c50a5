// How fast gilsim turns source into code objects.  `gilsim check` compiles a
// program once per run, so this matters for the under-a-second demo, not for
// exploration speed; it is here so regressions show up.
#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>
#include <string>

#include "vm/compiler.h"
#include "vm/dis.h"

namespace {

std::string read(const std::string& rel) {
  std::ifstream in(std::string(GILSIM_SOURCE_DIR) + "/" + rel);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void BM_CompileCounter(benchmark::State& state) {
  std::string src = read("examples/counter.py");
  for (auto _ : state) benchmark::DoNotOptimize(vm::compile_source(src, "counter.py"));
}
BENCHMARK(BM_CompileCounter);

void BM_CompileAndDisassembleBank(benchmark::State& state) {
  std::string src = read("examples/bank_transfer.py");
  for (auto _ : state) {
    auto code = vm::compile_source(src, "bank_transfer.py");
    benchmark::DoNotOptimize(vm::disassemble(*code));
  }
}
BENCHMARK(BM_CompileAndDisassembleBank);

}  // namespace

BENCHMARK_MAIN();
