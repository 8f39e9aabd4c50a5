// Differential test of the parser: for every program under tests/ and
// examples/ that python3.11 parses and we parse, our AST printed in the form
// of `ast.dump(tree, include_attributes=True)` equals what python3.11 prints.
// Positions (line, column, end line, end column) are part of the comparison.
#include <gtest/gtest.h>

#include "tests/support/python.h"

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "vm/ast_dump.h"
#include "vm/diagnostic.h"
#include "vm/parser.h"

namespace fs = std::filesystem;

namespace {

const fs::path kRoot = GILSIM_SOURCE_DIR;

using gilsim_test::python;

std::pair<std::string, int> run(const std::string& cmd) {
  std::string full = "cd '" + kRoot.string() + "' && " + cmd;
  FILE* p = popen(full.c_str(), "r");
  if (!p) return {"", -1};
  std::string out;
  std::array<char, 4096> buf{};
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  return {out, pclose(p)};
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> programs() {
  std::vector<std::string> out;
  for (const char* dir : {"tests", "examples"}) {
    if (!fs::exists(kRoot / dir)) continue;
    for (auto& e : fs::recursive_directory_iterator(kRoot / dir))
      if (e.is_regular_file() && e.path().extension() == ".py")
        out.push_back(fs::relative(e.path(), kRoot).string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

class ParserDiff : public ::testing::TestWithParam<std::string> {};

TEST_P(ParserDiff, AstDumpMatchesPython311) {
  const std::string rel = GetParam();
  auto [expected, status] = run(
      "'" + python() + "' -c 'import ast,sys; "
      "print(ast.dump(ast.parse(open(sys.argv[1],\"rb\").read()), include_attributes=True))' '" +
      rel + "' 2>/dev/null");
  if (status != 0) GTEST_SKIP() << "python3.11 does not parse " << rel;
  // `match` is kept only as a placeholder (vm/parser.h); the compiler refuses it.
  if (expected.find("Match(subject=") != std::string::npos)
    GTEST_SKIP() << rel << " has a match statement";
  std::string actual;
  try {
    actual = vm::ast::dump(vm::parse(read_file(kRoot / rel), rel)) + "\n";
  } catch (const vm::CompileError& e) {
    // Only the documented refusals may stop a file python3.11 parses.
    std::string msg = e.what();
    EXPECT_NE(msg.find("not supported"), std::string::npos) << rel << ": " << msg;
    GTEST_SKIP() << msg;
  }
  EXPECT_EQ(actual, expected) << "in " << rel;
}

std::string test_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string n = info.param;
  for (char& c : n)
    if (!isalnum(static_cast<unsigned char>(c))) c = '_';
  return n;
}

INSTANTIATE_TEST_SUITE_P(Programs, ParserDiff, ::testing::ValuesIn(programs()), test_name);

// Syntax errors: our line, column and message equal CPython's SyntaxError.
struct BadSource {
  const char* source;
  int line, col;
  const char* message;
};

class ParserErrors : public ::testing::TestWithParam<BadSource> {};

TEST_P(ParserErrors, ReportsWhereAndWhat) {
  const BadSource& b = GetParam();
  try {
    vm::parse(b.source, "t.py");
    FAIL() << "parsed: " << b.source;
  } catch (const vm::CompileError& e) {
    EXPECT_EQ(e.diagnostic().line, b.line) << b.source;
    EXPECT_EQ(e.diagnostic().col, b.col) << b.source;
    EXPECT_EQ(e.diagnostic().message, b.message) << b.source;
  }
}

// Each expectation was checked by hand against python3.11's SyntaxError
// (lineno, offset, msg).
INSTANTIATE_TEST_SUITE_P(
    Cases, ParserErrors,
    ::testing::Values(BadSource{"if x\n    pass\n", 1, 5, "expected ':'"},
                      BadSource{"x = (1,\n", 1, 5, "'(' was never closed"},
                      BadSource{"x = 1)\n", 1, 6, "unmatched ')'"},
                      BadSource{"def f(:\n  pass\n", 1, 7, "invalid syntax"},
                      BadSource{"x = 'abc\n", 1, 5, "unterminated string literal (detected at line 1)"},
                      BadSource{"  x = 1\n", 1, 2, "unexpected indent"},
                      BadSource{"if x:\npass\n", 2, 1, "expected an indented block after 'if' statement on line 1"}));

}  // namespace
