// The C++ API (sim/gilsim.h), used as a library user would: values in,
// values out, gilsim::Error for bad input.  The expected outcomes are worked
// out by hand from the programs (two threads that each run `x += 1` once end
// with x = 1 or x = 2) and, for run() and dis(), taken from python3.11.
#include "sim/gilsim.h"

#include <gtest/gtest.h>

#include "tests/support/python.h"

#include <cstdio>
#include <filesystem>
#include <regex>
#include <set>

namespace {

namespace fs = std::filesystem;

const fs::path kRoot = GILSIM_SOURCE_DIR;

std::string counter_path() { return (kRoot / "examples/counter.py").string(); }

std::set<std::string> final_xs(const gilsim::Result& r) {
  std::set<std::string> xs;
  for (const auto& o : r.outcomes) xs.insert(o.state.at("x"));
  return xs;
}

std::string python_stdout(const std::string& args) {
  std::string out;
  FILE* p = popen((gilsim_test::python() + " " + args + " 2>/dev/null").c_str(), "r");
  if (!p) return out;
  char buf[4096];
  for (size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  pclose(p);
  return out;
}

TEST(Api, TheGilLetsTwoIncrementsLoseAnUpdate) {
  gilsim::Program p = gilsim::Program::from_file(counter_path());
  EXPECT_EQ(p.expectation(), "x == 2");  // the program's `# gilsim-expect:` line
  gilsim::Result r = gilsim::check(p, {.model = "gil", .stop_at_violation = false});
  EXPECT_TRUE(r.complete);
  EXPECT_EQ(final_xs(r), (std::set<std::string>{"1", "2"}));
  ASSERT_TRUE(r.violation);
  EXPECT_FALSE(r.passed());
  EXPECT_EQ(r.violation->kind, "expect");
  EXPECT_EQ(r.violation->message, "expected x == 2 but at the end x = 1");
  EXPECT_EQ(r.violation->output, "1\n");
  EXPECT_NE(r.violation->trace.json.find("\"format\": \"gilsim-trace\""), std::string::npos) << r.violation->trace.json;
}

TEST(Api, CPython311NeverSwitchesInsideTheIncrement) {
  gilsim::Result r = gilsim::check(gilsim::Program::from_file(counter_path()), {.model = "cpython-3.11"});
  EXPECT_TRUE(r.passed());
  EXPECT_TRUE(r.complete);
  EXPECT_EQ(final_xs(r), (std::set<std::string>{"2"}));
}

TEST(Api, AViolationsTraceReplaysExplainsAndMinimizes) {
  gilsim::Program p = gilsim::Program::from_file(counter_path());
  gilsim::Result r = gilsim::check(p, {.model = "gil", .strategy = "random", .seed = 3});
  ASSERT_TRUE(r.violation);
  // Saved and loaded, the trace is the same text.
  fs::path file = fs::temp_directory_path() / "gilsim_api_test_counter.json";
  r.violation->trace.save(file.string());
  gilsim::Trace t = gilsim::Trace::load(file.string());
  fs::remove(file);
  EXPECT_EQ(t.json, r.violation->trace.json);

  gilsim::Replay rep = gilsim::replay(p, t);
  ASSERT_TRUE(rep.violation);
  EXPECT_EQ(rep.violation->kind, "expect");
  EXPECT_EQ(rep.state.at("x"), "1");
  EXPECT_EQ(rep.output, "1\n");
  EXPECT_NE(rep.table.find("STORE_GLOBAL x"), std::string::npos) << rep.table;

  std::string why = gilsim::explain(p, t);
  EXPECT_NE(why.find("a lost update of global `x`"), std::string::npos) << why;

  // One preemption is the fewest that loses the update: a switch between
  // the first thread's load and its store.
  gilsim::Trace m = gilsim::minimize(p, t);
  gilsim::Replay small = gilsim::replay(p, m);
  ASSERT_TRUE(small.violation);
  EXPECT_EQ(small.violation->kind, "expect");
  EXPECT_LE(small.steps, rep.steps);
  EXPECT_NE(m.json.find("\"decisions\""), std::string::npos);
}

TEST(Api, TheResultIsTheSameWhateverTheJobs) {
  gilsim::Program p = gilsim::Program::from_file(counter_path());
  gilsim::Options o{.model = "gil", .strategy = "random", .seed = 11, .max_executions = 200,
                    .stop_at_violation = false};
  gilsim::Result one = gilsim::check(p, o);
  o.jobs = 2;
  gilsim::Result two = gilsim::check(p, o);
  EXPECT_EQ(one.executions, two.executions);
  ASSERT_EQ(one.outcomes.size(), two.outcomes.size());
  for (size_t i = 0; i < one.outcomes.size(); ++i) {
    EXPECT_EQ(one.outcomes[i].state, two.outcomes[i].state);
    EXPECT_EQ(one.outcomes[i].count, two.outcomes[i].count);
  }
  ASSERT_TRUE(one.violation && two.violation);
  EXPECT_EQ(one.violation->trace.json, two.violation->trace.json);
}

TEST(Api, RunAndDisAgreeWithPython311) {
  gilsim::Program p = gilsim::Program::from_file(counter_path());
  gilsim::RunResult r = gilsim::run(p);
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.output, python_stdout("'" + counter_path() + "'"));
  // Code objects' addresses differ from run to run (gilsim prints fixed ones).
  auto no_addresses = [](const std::string& s) { return std::regex_replace(s, std::regex("at 0x[0-9a-f]+"), "at 0x"); };
  EXPECT_EQ(no_addresses(p.dis()), no_addresses(python_stdout("-m dis '" + counter_path() + "'")));
}

TEST(Api, BadInputThrowsErrorSayingWhere) {
  try {
    gilsim::Program::from_source("x = (\n", "bad.py");
    FAIL() << "compiled";
  } catch (const gilsim::Error& e) {
    EXPECT_EQ(e.file, "bad.py");
    EXPECT_EQ(e.line, 1);
    EXPECT_EQ(e.column, 5);
    EXPECT_NE(std::string(e.what()).find("'(' was never closed"), std::string::npos) << e.what();
  }
  gilsim::Program p = gilsim::Program::from_source("x = 1\n", "one.py");
  EXPECT_THROW(gilsim::check(p, {.model = "no-such-model"}), gilsim::Error);
  EXPECT_THROW(gilsim::check(p, {.strategy = "guess"}), gilsim::Error);
  EXPECT_THROW(gilsim::check(p, {.expect = "x =="}), gilsim::Error);
  EXPECT_THROW(gilsim::Program::from_file("/nonexistent/prog.py"), gilsim::Error);
  // A trace replays only against the program it was made from.
  gilsim::Program counter = gilsim::Program::from_file(counter_path());
  gilsim::Result r = gilsim::check(counter);
  ASSERT_TRUE(r.violation);
  try {
    gilsim::replay(p, r.violation->trace);
    FAIL() << "replayed against another program";
  } catch (const gilsim::Error& e) {
    EXPECT_NE(std::string(e.what()).find("another program"), std::string::npos) << e.what();
  }
  EXPECT_THROW(gilsim::replay(counter, gilsim::Trace{"{not json"}), gilsim::Error);
  // Options a trace could not record, and a Program never made.
  EXPECT_THROW(gilsim::check(counter, {.max_steps = 0}), gilsim::Error);
  EXPECT_THROW(gilsim::check(counter, {.cas_bound = 2000000}), gilsim::Error);
  gilsim::Program empty;
  EXPECT_THROW(gilsim::check(empty), gilsim::Error);
  EXPECT_THROW((void)empty.name(), gilsim::Error);
  EXPECT_THROW(gilsim::Program::from_file(GILSIM_SOURCE_DIR "/examples"), gilsim::Error);
  // A format index past what an index holds is the program's ValueError,
  // as in python3.11, not an exception out of gilsim.
  gilsim::RunResult big = gilsim::run(gilsim::Program::from_source("'{99999999999999999999}'.format(1)\n", "f.py"));
  EXPECT_EQ(big.exit_code, 1);
  EXPECT_NE(big.output.find("ValueError: Too many decimal digits in format string"), std::string::npos) << big.output;
}

TEST(Api, TheSamplingStrategiesStopAtAThousandExecutionsByDefault) {
  // As `gilsim check`: random and pct never finish by themselves.
  gilsim::Result r = gilsim::check(gilsim::Program::from_file(counter_path().substr(0, counter_path().size() - 3) +
                                                              "_lock.py"),
                                   {.strategy = "random"});
  EXPECT_TRUE(r.passed());
  EXPECT_EQ(r.executions, 1000u);
  EXPECT_EQ(r.stopped_by, "executions");
}

TEST(Api, NamesTheModelsAndStrategies) {
  EXPECT_EQ(gilsim::models().size(), 7u);
  EXPECT_EQ(gilsim::models().front(), "gil");
  EXPECT_EQ(gilsim::strategies().front(), "dpor");
  EXPECT_EQ(gilsim::version(), GILSIM_VERSION);
}

}  // namespace
