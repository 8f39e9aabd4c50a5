// P1: under `gil` and `cpython-3.11`, for all generated programs and their
// explored schedules, reference-count integrity holds after every step, and
// no execution uses a freed object, frees one twice or leaks.
//
// Each program is explored with dpor (up to kExecutions executions per
// model) with the refcount monitor after every step.  Generated programs
// never raise or deadlock (properties/program.h), so the property asks for
// no violation at all.
//
// The switch: GILSIM_P1_MODELS=nogil-naive runs the same property against
// another model (a comma-separated list); under `nogil-naive` it fails with
// a counterexample: the program, the `gilsim check` command that finds the
// violation again and the saved trace `gilsim replay` reproduces.  The
// paired test P1.FailsUnderNogilNaive does exactly that.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "tests/properties/harness.h"
#include "tests/support/run.h"

namespace {

using namespace gilsim_properties;

constexpr uint64_t kExecutions = 200;

void integrity_holds(const properties::Program& p, const std::vector<vm::Model>& models) {
  sim::Program prog = compile(p, "p1");
  properties::Touches t = properties::touches(p);
  RC_CLASSIFY(t.shared_unlocked_object, "objects shared without a lock");
  RC_CLASSIFY(t.shared_int_update, "ints updated by two threads");
  bool complete = true;
  for (vm::Model m : models) {
    sim::CheckOptions o;
    o.model = m;
    o.strategy = "dpor";
    o.audit_every_step = true;
    o.max_executions = kExecutions;
    Checked c = check(prog, o);
    complete = complete && c.result.complete;
    if (c.result.violation) fail_with_trace(prog, o, *c.result.violation);
  }
  RC_CLASSIFY(complete, "every schedule explored");
}

}  // namespace

RC_GTEST_PROP(P1, RefcountIntegrityHoldsUnderTheGilModels, (const properties::Program& p)) {
  integrity_holds(p, models_from_env("GILSIM_P1_MODELS", {vm::Model::Gil, vm::Model::CPython311}));
}

// The same property against nogil-naive must fail, with a counterexample
// that `gilsim replay` reproduces.
TEST(P1, FailsUnderNogilNaive) {
  last_saved().reset();
  auto result = run_property(
      "P1/nogil-naive", [](const properties::Program& p) { integrity_holds(p, {vm::Model::NogilNaive}); }, 100);
  ASSERT_TRUE(result.is<rc::detail::FailureResult>()) << result_text(result);
  std::string text = result_text(result);
  EXPECT_NE(text.find("def t0():"), std::string::npos) << "the counterexample shows the program:\n" << text;
  EXPECT_NE(text.find("gilsim replay"), std::string::npos) << text;
  ASSERT_TRUE(last_saved().has_value());
  const Saved& s = *last_saved();
  EXPECT_TRUE(heap_kind(s.kind)) << s.kind;
  expect_replay_reproduces(s);
}
