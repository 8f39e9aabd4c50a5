// P4: replay is faithful.  For every generated program, model and generated
// schedule, replaying the decisions of an execution (after a round trip
// through the trace format) gives the same steps with the same footprints,
// the same output, the same final state and the same violation.
//
// Paired falsification: the same comparison after changing one decision of
// the schedule (a switch taken out) must fail: the comparison can see a
// different execution.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "tests/properties/harness.h"
#include "tests/support/run.h"

namespace {

using namespace gilsim_properties;

const std::vector<vm::Model> kModels = {vm::Model::Gil,           vm::Model::CPython311,
                                        vm::Model::NogilNaive,    vm::Model::NogilObjectLocks,
                                        vm::Model::NogilAtomicRc, vm::Model::NogilCasRc,
                                        vm::Model::FreeThreaded};

bool same_steps(const std::vector<sim::Step>& a, const std::vector<sim::Step>& b, std::string& why) {
  if (a.size() != b.size()) {
    why = fmt::format("{} steps recorded, {} replayed", a.size(), b.size());
    return false;
  }
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].thread != b[i].thread || a[i].fp != b[i].fp || a[i].spawned_by != b[i].spawned_by ||
        a[i].blocked_on != b[i].blocked_on || a[i].ends_run != b[i].ends_run) {
      why = fmt::format("step {} differs (thread {} recorded, {} replayed; {} and {} accesses)", i, a[i].thread,
                        b[i].thread, a[i].fp.size(), b[i].fp.size());
      return false;
    }
  }
  return true;
}

struct Case {
  sim::Program prog;
  sim::CheckOptions opts;
  sim::Execution run;
};

Case run_case(const properties::Program& p, const properties::Schedule& s) {
  Case c{compile(p, "p4"), {}, {}};
  c.opts.model = *rc::gen::elementOf(kModels);
  c.opts.audit_every_step = *rc::gen::arbitrary<bool>();
  properties::GuidedStrategy g(s);
  g.begin();
  c.run = sim::execute(c.prog, c.opts, g);
  tally(1);
  RC_TAG(std::string(vm::model_name(c.opts.model)));
  RC_CLASSIFY(g.preemptions() > 0, "with preemptions");
  return c;
}

// Replays `decisions` and compares with the recorded execution.
void faithful(const Case& c, const std::vector<int>& decisions) {
  // The decisions go through the trace format first, as a saved trace does.
  sim::Violation v = c.run.violation;
  v.decisions = decisions;
  sim::Replayed shown = sim::replay(c.prog, c.opts, decisions);
  traces::Trace t = traces::from_json(traces::to_json(traces::make_trace(c.prog, c.opts, "guided", v, shown)));
  RC_ASSERT(t.decisions == decisions);
  sim::Replayed r = sim::replay(c.prog, c.opts, t.decisions);
  std::string why;
  bool ok = !r.diverged && same_steps(c.run.steps, r.steps, why) && r.ended == c.run.ended &&
            r.state == c.run.state && r.output == c.run.output && r.violation.kind == c.run.violation.kind &&
            r.violation.message == c.run.violation.message;
  if (!ok) {
    if (why.empty())
      why = r.diverged ? "the replay diverged" : r.state != c.run.state ? "the final states differ"
                         : r.output != c.run.output                   ? "the outputs differ"
                                                                      : "the violations differ";
    // The recorded execution, saved so `gilsim replay` shows it.
    sim::Violation orig = c.run.violation;
    orig.decisions = c.run.decisions;
    Saved s = save(c.prog, c.opts, orig);
    RC_FAIL(fmt::format("replay under {} not faithful: {}\n  recorded: {}\n  {}", vm::model_name(c.opts.model), why,
                        s.trace, s.text));
  }
}

}  // namespace

RC_GTEST_PROP(P4, ReplayReproducesStepsStateAndVerdict,
              (const properties::Program& p, const properties::Schedule& s)) {
  Case c = run_case(p, s);
  RC_CLASSIFY(!c.run.violation.kind.empty(), "with a violation");
  faithful(c, c.run.decisions);
}

// Replaying a schedule with one switch taken out must not pass for the
// recorded execution.
TEST(P4, ComparisonSeesAChangedSchedule) {
  last_saved().reset();
  auto result = run_property(
      "P4/changed-schedule",
      [](const properties::Program& p, const properties::Schedule& s) {
        Case c = run_case(p, s);
        std::vector<int> d = c.run.decisions;
        size_t i = 1;
        while (i < d.size() && d[i] == d[i - 1]) ++i;
        RC_PRE(i < d.size());
        d[i] = d[i - 1];
        faithful(c, d);
      },
      100);
  ASSERT_TRUE(result.is<rc::detail::FailureResult>()) << result_text(result);
  ASSERT_TRUE(last_saved().has_value());
  const Saved& s = *last_saved();
  // The recorded execution replays as recorded.
  expect_replay_reproduces(s);
}
