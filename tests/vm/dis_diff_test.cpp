// Differential test of the compiler: for every program under tests/ and
// examples/, `python3.11 -m dis PROG` and gilsim's disassembly must be the
// same text, code-object addresses aside.  Expectations come from the real
// python3.11 at test time, never from our own output.
#include <gtest/gtest.h>

#include "tests/support/python.h"

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <regex>
#include <string>
#include <vector>

#include "vm/compiler.h"
#include "vm/diagnostic.h"
#include "vm/dis.h"

namespace fs = std::filesystem;

namespace {

const fs::path kRoot = GILSIM_SOURCE_DIR;

using gilsim_test::python;

// Runs a shell command in the source root; returns its stdout and status.
std::pair<std::string, int> run(const std::string& cmd) {
  std::string full = "cd '" + kRoot.string() + "' && " + cmd;
  FILE* p = popen(full.c_str(), "r");
  if (!p) return {"", -1};
  std::string out;
  std::array<char, 4096> buf{};
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  int status = pclose(p);
  return {out, status};
}

std::string mask_addresses(const std::string& s) {
  static const std::regex kAddr(" at 0x[0-9a-f]+");
  return std::regex_replace(s, kAddr, " at 0xADDR");
}

// Programs that must compile: the corpus, the dis tests and the examples.
// tests/parser/ holds parser-only inputs, some outside the compiled subset;
// those are compared when gilsim compiles them.
std::vector<std::string> programs() {
  std::vector<std::string> out;
  for (const char* dir : {"tests", "examples"}) {
    if (!fs::exists(kRoot / dir)) continue;
    for (auto& e : fs::recursive_directory_iterator(kRoot / dir)) {
      if (!e.is_regular_file() || e.path().extension() != ".py") continue;
      // tests/fuzz/*.py are the fuzzer's own tools (generator, reducer), not
      // programs; its regression programs live in tests/fuzz/regressions/.
      fs::path rel = fs::relative(e.path(), kRoot);
      if (rel.parent_path() == fs::path("tests/fuzz")) continue;
      out.push_back(rel.string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool must_compile(const std::string& rel) {
  return rel.rfind("tests/parser/", 0) != 0 && rel.rfind("tests/errors/", 0) != 0;
}

class DisDiff : public ::testing::TestWithParam<std::string> {};

TEST_P(DisDiff, MatchesPython311) {
  const std::string rel = GetParam();
  auto [expected, status] = run("'" + python() + "' -m dis '" + rel + "' 2>/dev/null");
  if (status != 0) GTEST_SKIP() << "python3.11 rejects " << rel;
  std::string actual;
  try {
    std::ifstream in(kRoot / rel, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    actual = vm::disassemble(*vm::compile_source(ss.str(), rel));
  } catch (const vm::CompileError& e) {
    if (must_compile(rel)) FAIL() << rel << " does not compile: " << e.what();
    GTEST_SKIP() << e.what();
  }
  EXPECT_EQ(mask_addresses(actual), mask_addresses(expected)) << "in " << rel;
}

std::string test_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string n = info.param;
  for (char& c : n)
    if (!isalnum(static_cast<unsigned char>(c))) c = '_';
  return n;
}

INSTANTIATE_TEST_SUITE_P(Programs, DisDiff, ::testing::ValuesIn(programs()), test_name);

TEST(DisDiff, CorpusIsLargeEnough) {
  size_t n = 0;
  for (auto& p : programs())
    if (must_compile(p)) ++n;
  EXPECT_GE(n, 60u) << "the issue asks for at least 60 programs";
}

}  // namespace
