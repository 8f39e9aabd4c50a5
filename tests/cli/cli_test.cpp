// The `gilsim` command as a user meets it: exit codes and messages.  Each
// file under tests/errors/ states on its first line the error it must produce
// (`# expect-error: LINE:COL: MESSAGE`); that expectation was checked against
// python3.11 where CPython rejects the program too.
#include <gtest/gtest.h>

#include "tests/support/python.h"

#include "tests/support/run.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>

namespace fs = std::filesystem;

namespace {

const fs::path kRoot = GILSIM_SOURCE_DIR;
const std::string kGilsim = GILSIM_BINARY;

using gilsim_test::Result;

// Runs `cmd` in the source root with stderr merged into stdout.
Result run(const std::string& cmd) { return gilsim_test::run_in(kRoot.string(), cmd, true); }

std::vector<std::string> error_programs() {
  std::vector<std::string> out;
  for (auto& e : fs::directory_iterator(kRoot / "tests/errors"))
    if (e.path().extension() == ".py") out.push_back(fs::relative(e.path(), kRoot).string());
  std::sort(out.begin(), out.end());
  return out;
}

class ErrorPrograms : public ::testing::TestWithParam<std::string> {};

TEST_P(ErrorPrograms, RefusedWithLocationAndExitCode2) {
  const std::string rel = GetParam();
  std::ifstream in(kRoot / rel);
  std::string first;
  std::getline(in, first);
  const std::string tag = "# expect-error: ";
  ASSERT_EQ(first.rfind(tag, 0), 0u) << rel << " must start with '" << tag << "'";
  std::string expected = rel + ":" + first.substr(tag.size());
  // "L:C: msg" -> "FILE:L:C: error: msg"
  std::smatch m;
  std::string rest = first.substr(tag.size());
  ASSERT_TRUE(std::regex_match(rest, m, std::regex(R"((\d+):(\d+): (.*))")));
  expected = rel + ":" + m[1].str() + ":" + m[2].str() + ": error: " + m[3].str() + "\n";
  Result r = run("'" + kGilsim + "' dis '" + rel + "'");
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.out, expected);
}

std::string test_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string n = fs::path(info.param).stem().string();
  for (char& c : n)
    if (!isalnum(static_cast<unsigned char>(c))) c = '_';
  return n;
}

INSTANTIATE_TEST_SUITE_P(Cli, ErrorPrograms, ::testing::ValuesIn(error_programs()), test_name);

TEST(Cli, DisOfTheDemoMatchesPython) {
  Result ours = run("'" + kGilsim + "' dis examples/counter.py");
  Result theirs = run(gilsim_test::python() + " -m dis examples/counter.py");
  ASSERT_EQ(ours.status, 0) << ours.out;
  std::regex addr(" at 0x[0-9a-f]+");
  EXPECT_EQ(std::regex_replace(ours.out, addr, " at 0x"), std::regex_replace(theirs.out, addr, " at 0x"));
}

TEST(Cli, MissingFileIsBadInput) {
  // The message says why and where a relative path starts.
  for (const char* cmd : {"dis", "run", "check", "simulate"}) {
    Result r = run("'" + kGilsim + "' " + cmd + " no/such/file.py");
    EXPECT_EQ(r.status, 2) << cmd;
    EXPECT_EQ(r.out, "no/such/file.py: error: cannot open file: No such file or directory (a relative path starts at "
                     "the current directory, " + kRoot.string() + ")\n")
        << cmd;
  }
  Result t = run("'" + kGilsim + "' replay no/such/trace.json");
  EXPECT_EQ(t.status, 2);
  EXPECT_NE(t.out.find("cannot open the trace: No such file or directory (gilsim check prints the path of every trace"),
            std::string::npos) << t.out;
}

TEST(Cli, NoSubcommandIsBadUsage) {
  Result r = run("'" + kGilsim + "'");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.out.find("gilsim --help"), std::string::npos) << r.out;
}

TEST(Cli, UnknownOptionIsBadUsage) {
  Result r = run("'" + kGilsim + "' dis --frobnicate examples/counter.py");
  EXPECT_EQ(r.status, 2);
  // It points at the command's own help.
  EXPECT_NE(r.out.find("Run 'gilsim dis --help' for its options and examples."), std::string::npos) << r.out;
}

TEST(Cli, OutOfRangeLimitsAreBadUsage) {
  Result r = run("'" + kGilsim + "' check examples/counter.py --max-steps 0");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.out.find("--max-steps 0 is out of range: give 1 to 1000000000"), std::string::npos) << r.out;
  r = run("'" + kGilsim + "' check examples/counter.py --cas-bound 2000000");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.out.find("--cas-bound 2000000 is out of range"), std::string::npos) << r.out;
  r = run("'" + kGilsim + "' run examples");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.out.find("examples: error: cannot open file: it is a directory"), std::string::npos) << r.out;
}

TEST(Cli, EveryCommandsHelpHasAnExample) {
  for (const char* cmd : {"dis", "run", "check", "replay", "minimize", "explain", "simulate"}) {
    Result h = run("'" + kGilsim + "' " + cmd + " --help");
    EXPECT_EQ(h.status, 0) << cmd;
    EXPECT_NE(h.out.find(std::string("\n  gilsim ") + cmd + " "), std::string::npos) << cmd << ":\n" << h.out;
  }
  Result top = run("'" + kGilsim + "' --help");
  EXPECT_NE(top.out.find("gilsim check examples/counter.py"), std::string::npos) << top.out;
}

// Colour on a terminal only (script(1) gives the command one), never with
// NO_COLOR set to anything but "" (no-color.org), never into a pipe.
TEST(Cli, ColourOnlyOnATerminalAndNeverWithNoColor) {
  const std::string red = "\033[1;31mVIOLATION (expect)\033[0m", green = "\033[1;32mpass\033[0m";
  auto on_terminal = [&](const std::string& env, const std::string& args) {
    return run("env -u NO_COLOR TERM=xterm " + env + " script -qec \"'" + kGilsim + "' " + args + "\" /dev/null");
  };
  Result tty = on_terminal("", "check examples/counter.py");
  EXPECT_NE(tty.out.find(red), std::string::npos) << tty.out;
  EXPECT_NE(on_terminal("", "check examples/counter_lock.py").out.find(green), std::string::npos);
  EXPECT_NE(on_terminal("NO_COLOR=", "check examples/counter.py").out.find(red), std::string::npos)
      << "an empty NO_COLOR does not turn colour off";
  for (const std::string& env : {std::string("NO_COLOR=1"), std::string("TERM=dumb")}) {
    Result plain = on_terminal(env, "check examples/counter.py");
    EXPECT_NE(plain.out.find("VIOLATION (expect)"), std::string::npos) << env << plain.out;
    // (The progress line on stderr still clears itself with \033[K: that is not colour.)
    EXPECT_EQ(plain.out.find("\033[0m"), std::string::npos) << env;
    EXPECT_EQ(plain.out.find("\033[1;"), std::string::npos) << env;
  }
  Result piped = run("env -u NO_COLOR TERM=xterm '" + kGilsim + "' check examples/counter.py | cat");
  EXPECT_EQ(piped.out.find('\033'), std::string::npos);
}

TEST(Cli, VersionAndHelp) {
  Result v = run("'" + kGilsim + "' --version");
  EXPECT_EQ(v.status, 0);
  EXPECT_EQ(v.out, "gilsim 0.1.0\n");
  Result h = run("'" + kGilsim + "' dis --help");
  EXPECT_EQ(h.status, 0);
  EXPECT_NE(h.out.find("gilsim dis examples/counter.py"), std::string::npos) << h.out;
}

TEST(Cli, SyntaxErrorIsBadInputWithLocation) {
  fs::path tmp = fs::temp_directory_path() / "gilsim_cli_syntax.py";
  {
    std::ofstream f(tmp);
    f << "x = 1\nif x\n    pass\n";
  }
  Result r = run("'" + kGilsim + "' dis '" + tmp.string() + "'");
  EXPECT_EQ(r.status, 2);
  // CPython: SyntaxError: expected ':' at line 2, offset 5.
  EXPECT_EQ(r.out, tmp.string() + ":2:5: error: expected ':'\n");
  fs::remove(tmp);
}

}  // namespace
