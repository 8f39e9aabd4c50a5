// What the property suites share: compiling a generated program, exploring
// it, and turning a failure into something a person can rerun (the program
// saved as a .py file, the violation's trace saved beside it, and the
// `gilsim check` and `gilsim replay` commands for both).
#pragma once

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <rapidcheck.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "properties/generators.h"
#include "properties/program.h"
#include "sim/explorer.h"
#include "tests/support/run.h"
#include "traces/sha256.h"
#include "traces/trace.h"
#include "vm/compiler.h"
#include "vm/model.h"

namespace gilsim_properties {

// Executions run per test, printed at the end of the run (main.cpp): how
// many schedules each suite's claim rests on.
struct Tally {
  uint64_t explorations = 0;  // programs explored (one per model)
  uint64_t executions = 0;
};
inline std::map<std::string, Tally>& tallies() {
  static std::map<std::string, Tally> t;
  return t;
}
inline void tally(uint64_t executions, uint64_t explorations = 1) {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string name = info ? std::string(info->test_suite_name()) + "." + info->name() : "?";
  Tally& t = tallies()[name];
  t.explorations += explorations;
  t.executions += executions;
}

inline std::string out_dir() {
  const char* env = std::getenv("GILSIM_PROPERTY_OUT");
  std::string dir = env && *env ? env : GILSIM_BINARY_DIR "/property-counterexamples";
  std::filesystem::create_directories(dir);
  return dir;
}

// The program as gilsim runs it: its source saved under out_dir() (named
// by its hash, so every failing case can be rerun from the file).
inline sim::Program compile(const std::string& source, const std::string& stem) {
  std::string hash = traces::sha256_hex(source).substr(0, 12);
  std::string path = fmt::format("{}/{}-{}.py", out_dir(), stem, hash);
  if (!std::filesystem::exists(path)) {
    std::ofstream(path, std::ios::binary) << source;
  }
  sim::Program p;
  p.path = p.display = path;
  p.source = source;
  p.code = vm::compile_source(source, path);
  return p;
}

inline sim::Program compile(const properties::Program& prog, const std::string& stem) {
  return compile(properties::to_python(prog), stem);
}

inline std::string model_flag(const sim::CheckOptions& o) {
  return fmt::format("--model {}{}{}", vm::model_name(o.model), o.audit_every_step ? " --audit" : "",
                     o.expect ? fmt::format(" --expect '{}'", *o.expect) : "");
}

// A counterexample saved for people: the trace beside the program.
struct Saved {
  std::string program;  // the .py file
  std::string trace;    // the .trace.json file
  std::string kind;     // the violation
  std::string text;     // what to print: the violation and the two commands
};

// The last counterexample any suite saved in this process (the paired
// falsification tests replay it).  Only a failing call saves one
// (fail_with_trace), and RapidCheck calls a property again and again while
// it shrinks: the last failing call is the minimal case it prints.
inline std::optional<Saved>& last_saved() {
  static std::optional<Saved> s;
  return s;
}

// A property that expected a violation and found none fails through this:
// `args` are what follows `gilsim check` to see the pass verdict again; the
// paired tests run it.
inline std::string& last_rerun() {
  static std::string s;
  return s;
}
[[noreturn]] inline void fail_without_violation(const std::string& what, const std::string& args) {
  last_rerun() = args;
  RC_FAIL(fmt::format("{}\n  rerun: gilsim check {}", what, args));
}

// Runs `gilsim check ARGS` and expects the pass verdict over every schedule.
inline void expect_check_passes(const std::string& args) {
  ASSERT_FALSE(args.empty());
  auto r = gilsim_test::run_in(GILSIM_SOURCE_DIR, std::string("'") + GILSIM_BINARY + "' check " + args);
  EXPECT_EQ(r.status, 0) << args << "\n" << r.out;
  EXPECT_NE(r.out.find("Verdict: pass (proved for every schedule"), std::string::npos) << r.out;
}

// Runs `gilsim replay` on a saved counterexample: it must end as recorded
// (exit 1 and the same violation kind, or exit 0 and no violation).
inline void expect_replay_reproduces(const Saved& s) {
  auto r = gilsim_test::run_in(GILSIM_SOURCE_DIR, std::string("'") + GILSIM_BINARY + "' replay '" + s.trace + "'");
  EXPECT_EQ(r.status, s.kind.empty() ? 0 : 1) << r.out;
  EXPECT_NE(r.out.find(s.kind.empty() ? "No violation" : "VIOLATION (" + s.kind + ")"), std::string::npos) << r.out;
}

inline Saved save(const sim::Program& prog, const sim::CheckOptions& opts, const sim::Violation& v) {
  sim::Replayed rep = sim::replay(prog, opts, v.decisions);
  traces::Trace t = traces::make_trace(prog, opts, opts.strategy, v, rep);
  Saved s;
  s.program = prog.path;
  s.kind = v.kind;
  s.trace = prog.path.substr(0, prog.path.size() - 3) + "." + std::string(vm::model_name(opts.model)) + ".trace.json";
  std::ofstream(s.trace, std::ios::binary) << traces::to_json(t);
  s.text = fmt::format(
      "{} under {} in execution {}: {}\n  program: {}\n  rerun:   gilsim check {} {} --strategy {}\n  replay:  gilsim "
      "replay {}",
      v.kind.empty() ? "no violation" : v.kind, vm::model_name(opts.model), v.execution + 1, v.message, s.program, s.program, model_flag(opts),
      opts.strategy, s.trace);
  last_saved() = s;
  return s;
}

// Fails the property with a violation it did not expect: saves the
// program's trace and prints it with the commands that find and replay it.
[[noreturn]] inline void fail_with_trace(const sim::Program& prog, const sim::CheckOptions& opts,
                                         const sim::Violation& v, const std::string& what = "") {
  Saved s = save(prog, opts, v);
  RC_FAIL(what.empty() ? s.text : what + "\n  " + s.text);
}

// Explores, counting the executions for the summary.
struct Checked {
  sim::CheckResult result;
};

inline Checked check(const sim::Program& prog, const sim::CheckOptions& opts) {
  Checked c;
  c.result = sim::explore(prog, opts);
  tally(c.result.executions + c.result.abandoned);
  return c;
}

// The violation kinds that mean the heap was corrupted.
inline bool heap_kind(const std::string& k) {
  return k == "refcount" || k == "use-after-free" || k == "double-free" || k == "leak";
}

// Models named in an environment variable ("gil,cpython-3.11"), or the
// defaults: the documented switch of a suite.
inline std::vector<vm::Model> models_from_env(const char* var, std::vector<vm::Model> defaults) {
  const char* env = std::getenv(var);
  if (!env || !*env) return defaults;
  std::vector<vm::Model> ms;
  std::string s = env;
  size_t at = 0;
  while (at <= s.size()) {
    size_t comma = s.find(',', at);
    std::string name = s.substr(at, comma == std::string::npos ? std::string::npos : comma - at);
    auto m = vm::parse_model(name);
    if (!m) throw std::runtime_error(fmt::format("{}: unknown model '{}'", var, name));
    ms.push_back(*m);
    if (comma == std::string::npos) break;
    at = comma + 1;
  }
  return ms;
}

// Runs a property the way RC_GTEST_PROP does, but hands back RapidCheck's
// result, for the paired falsification tests: they expect a failure.
template <class Testable>
rc::detail::TestResult run_property(const std::string& id, Testable&& t, int max_success, uint64_t seed = 1) {
  rc::detail::TestMetadata meta;
  meta.id = id;
  meta.description = id;
  rc::detail::TestParams params;
  params.seed = seed;
  params.maxSuccess = max_success;
  // A listener of our own: RapidCheck's default one would end the run
  // with "Some of your RapidCheck properties had failures" for a failure
  // these tests expect.
  struct Quiet : rc::detail::TestListener {
    void onTestCaseFinished(const rc::detail::CaseDescription&) override {}
    void onShrinkTried(const rc::detail::CaseDescription&, bool) override {}
    void onTestFinished(const rc::detail::TestMetadata&, const rc::detail::TestResult&) override {}
  } quiet;
  return rc::detail::checkProperty(rc::detail::toProperty(std::forward<Testable>(t)), meta, params, quiet);
}

inline std::string result_text(const rc::detail::TestResult& r) {
  std::ostringstream ss;
  rc::detail::printResultMessage(r, ss);
  return ss.str();
}

}  // namespace gilsim_properties
