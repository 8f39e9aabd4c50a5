// Differential test of the interpreter: `gilsim run PROG` prints the same
// stdout and exits with the same status as `python3.11 PROG`, for every
// program whose output does not depend on the thread schedule.  Each program
// also runs with --audit (every reference count checked against the heap
// after every instruction) and must give the same result.  stderr must
// match too, tracebacks included.  Expectations come
// from the real python3.11 at test time.
//
// Programs: tests/programs/ (and its errors/), tests/refcount/, and the
// examples/ that state their python3.11 output (`# expect-output-python:`).
// A first line containing "nondeterministic-output" excludes a program.
#include <gtest/gtest.h>

#include "tests/support/run.h"

#include "tests/support/python.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

const fs::path kRoot = GILSIM_SOURCE_DIR;

using gilsim_test::python;
const std::string kGilsim = GILSIM_BINARY;

using gilsim_test::Result;

// Runs `cmd` in the source root; stdout only (stderr is discarded).
Result run(const std::string& cmd) { return gilsim_test::run_in(kRoot.string(), cmd, false); }

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// gilsim's threading module is native, so a traceback from a thread has
// no frames in python3.11's Lib/threading.py; drop those from the expected
// text (each frame is its File line and the indented lines under it).
std::string without_threading_frames(const std::string& err) {
  std::istringstream in(err);
  std::string line, out;
  bool skipping = false;
  while (std::getline(in, line)) {
    if (line.rfind("  File \"", 0) == 0) skipping = line.find("/threading.py\", line ") != std::string::npos;
    else if (line.rfind("    ", 0) != 0) skipping = false;
    if (!skipping) out += line + "\n";
  }
  return out;
}

bool deterministic(const std::string& rel) {
  std::string text = slurp(kRoot / rel);
  std::string first = text.substr(0, text.find('\n'));
  if (first.find("nondeterministic-output") != std::string::npos) return false;
  if (rel.rfind("examples/", 0) == 0) return text.find("# expect-output-python:") != std::string::npos;
  return true;
}

std::vector<std::string> programs() {
  std::vector<std::string> out;
  for (const char* dir : {"tests/programs", "tests/refcount", "examples"}) {
    if (!fs::exists(kRoot / dir)) continue;
    for (auto& e : fs::recursive_directory_iterator(kRoot / dir)) {
      if (!e.is_regular_file() || e.path().extension() != ".py") continue;
      std::string rel = fs::relative(e.path(), kRoot).string();
      if (deterministic(rel)) out.push_back(rel);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

class RunDiff : public ::testing::TestWithParam<std::string> {};

TEST_P(RunDiff, StdoutAndStatusMatchPython311) {
  const std::string rel = GetParam();
  Result want = run("timeout 60 '" + python() + "' '" + rel + "'");
  ASSERT_NE(want.status, 124) << "python3.11 timed out on " << rel;
  Result got = run("timeout 60 '" + kGilsim + "' run '" + rel + "'");
  EXPECT_EQ(got.out, want.out) << "stdout of " << rel;
  EXPECT_EQ(got.status, want.status) << "exit status of " << rel;
  // The whole of stderr: tracebacks with their carets.
  // The subshell's own stderr is what run() discards; the program's goes to the pipe.
  Result want_err = run("(timeout 60 '" + python() + "' '" + rel + "' 2>&1 >/dev/null)");
  Result got_err = run("(timeout 60 '" + kGilsim + "' run '" + rel + "' 2>&1 >/dev/null)");
  EXPECT_EQ(got_err.out, without_threading_frames(want_err.out)) << "stderr of " << rel;
  Result audited = run("timeout 120 '" + kGilsim + "' run --audit '" + rel + "'");
  EXPECT_EQ(audited.out, want.out) << "stdout of " << rel << " under --audit";
  EXPECT_EQ(audited.status, want.status) << "exit status of " << rel << " under --audit";
}

std::string test_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string n = info.param;
  for (char& c : n)
    if (!isalnum(static_cast<unsigned char>(c))) c = '_';
  return n;
}

INSTANTIATE_TEST_SUITE_P(Programs, RunDiff, ::testing::ValuesIn(programs()), test_name);

TEST(RunDiff, EnoughPrograms) {
  size_t threaded = 0;
  for (auto& p : programs())
    if (slurp(kRoot / p).find("threading") != std::string::npos) ++threaded;
  EXPECT_GE(programs().size(), 60u);
  EXPECT_GE(threaded, 10u) << "the differential test must cover multi-threaded programs";
}

// A seeded random schedule changes nothing for a program whose output does
// not depend on the schedule, and the same seed gives the same bytes.
TEST(RunDiff, SeededSchedulesAgreeAndRepeat) {
  for (const char* rel : {"tests/programs/threads_lock_counter.py", "examples/counter_lock.py"}) {
    if (!fs::exists(kRoot / rel)) continue;
    Result want = run("'" + python() + "' '" + rel + "'");
    for (int seed : {1, 2, 3}) {
      std::string cmd = "'" + kGilsim + "' run --seed " + std::to_string(seed) + " '" + rel + "'";
      Result a = run(cmd), b = run(cmd);
      EXPECT_EQ(a.out, want.out) << rel << " seed " << seed;
      EXPECT_EQ(a.out, b.out) << rel << " seed " << seed << " is not deterministic";
    }
  }
}

}  // namespace
