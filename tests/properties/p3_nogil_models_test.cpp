// P3: what each GIL-less design keeps and loses.
//
//   - Under `nogil-naive`, a generated program in which two threads reach
//     the same object without a common lock has its reference counts
//     corrupted (a count that disagrees with the references, a use after
//     free, a double free or a leak), and dpor finds it within kFew
//     executions.
//   - Under `nogil-object-locks`, `nogil-atomic-rc`, `nogil-cas-rc` and
//     `free-threaded`, integrity holds for every generated program, after
//     every step, while two threads doing `x += 1` still lose an update: the
//     counts are safe, the program's own data is not.
//
// Paired falsifications: the "integrity holds" property run against
// `nogil-naive` fails with a trace `gilsim replay` reproduces; the "finds
// corruption" property run against `nogil-atomic-rc` fails with a program
// `gilsim check` passes.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "tests/properties/harness.h"
#include "tests/support/run.h"

namespace {

using namespace gilsim_properties;

constexpr uint64_t kFew = 10;          // dpor executions allowed to find the corruption
constexpr uint64_t kExecutions = 100;  // dpor executions per program and model for "holds"

const std::vector<vm::Model> kSafeModels = {vm::Model::NogilObjectLocks, vm::Model::NogilAtomicRc,
                                            vm::Model::NogilCasRc, vm::Model::FreeThreaded};

sim::CheckOptions options(vm::Model m, uint64_t executions) {
  sim::CheckOptions o;
  o.model = m;
  o.strategy = "dpor";
  o.audit_every_step = true;
  o.max_executions = executions;
  return o;
}

void corruption_found_quickly(const properties::Program& p, vm::Model m) {
  RC_PRE(properties::touches(p).shared_unlocked_object);
  sim::Program prog = compile(p, "p3");
  Checked c = check(prog, options(m, kFew));
  if (!c.result.violation)
    fail_without_violation(fmt::format("no reference-count corruption under {} in {} executions{}",
                                       vm::model_name(m), c.result.executions,
                                       c.result.complete ? " (every schedule)" : ""),
                           fmt::format("{} --model {} --audit", prog.path, vm::model_name(m)));
  RC_ASSERT(heap_kind(c.result.violation->kind));
  RC_TAG(c.result.violation->kind);
  RC_TAG(fmt::format("found in execution {}", c.result.violation->execution + 1));
}

void integrity_holds(const properties::Program& p, const std::vector<vm::Model>& models) {
  sim::Program prog = compile(p, "p3");
  RC_CLASSIFY(properties::touches(p).shared_unlocked_object, "objects shared without a lock");
  for (vm::Model m : models) {
    sim::CheckOptions o = options(m, kExecutions);
    Checked c = check(prog, o);
    if (c.result.violation) fail_with_trace(prog, o, *c.result.violation);
  }
}

// Two threads each doing `x += 1` (in a loop of `n`), expecting every update.
sim::Program counter(int n) {
  std::string src = fmt::format(
      "import threading\nx = 0\n\n\ndef work():\n    global x\n    for i in range({}):\n        x += 1\n\n\n"
      "threads = [threading.Thread(target=work) for i in range(2)]\nfor t in threads:\n    t.start()\n"
      "for t in threads:\n    t.join()\n",
      n);
  return compile(src, "p3-counter");
}

}  // namespace

RC_GTEST_PROP(P3, NogilNaiveCorruptsSharedCountsWithinAFewExecutions, (const properties::Program& p)) {
  corruption_found_quickly(p, vm::Model::NogilNaive);
}

RC_GTEST_PROP(P3, SafeRefcountModelsKeepIntegrity, (const properties::Program& p)) {
  integrity_holds(p, models_from_env("GILSIM_P3_MODELS", kSafeModels));
}

// ... while `x += 1` still loses updates under each of them.
TEST(P3, SafeRefcountModelsStillLoseUpdates) {
  for (vm::Model m : kSafeModels) {
    for (int n : {1, 2}) {
      sim::Program prog = counter(n);
      sim::CheckOptions o = options(m, 0);
      o.expect = fmt::format("x == {}", 2 * n);
      prog.expect_code = vm::compile_source("__gilsim_expect__ = (" + *o.expect + ")\n", "<expect>");
      Checked c = check(prog, o);
      ASSERT_TRUE(c.result.violation) << vm::model_name(m) << " n=" << n;
      EXPECT_EQ(c.result.violation->kind, "expect") << c.result.violation->message;
      EXPECT_NE(c.result.violation->message.find("x = "), std::string::npos) << c.result.violation->message;
    }
  }
}

TEST(P3, IntegrityFailsUnderNogilNaive) {
  last_saved().reset();
  auto result = run_property(
      "P3/holds-under-nogil-naive",
      [](const properties::Program& p) { integrity_holds(p, {vm::Model::NogilNaive}); }, 100);
  ASSERT_TRUE(result.is<rc::detail::FailureResult>()) << result_text(result);
  ASSERT_TRUE(last_saved().has_value());
  const Saved& s = *last_saved();
  EXPECT_TRUE(heap_kind(s.kind)) << s.kind;
  EXPECT_NE(result_text(result).find("def t1():"), std::string::npos) << result_text(result);
  expect_replay_reproduces(s);
}

TEST(P3, CorruptionIsNotFoundUnderAtomicCounts) {
  last_rerun().clear();
  auto result = run_property(
      "P3/corrupts-under-nogil-atomic-rc",
      [](const properties::Program& p) { corruption_found_quickly(p, vm::Model::NogilAtomicRc); }, 100);
  ASSERT_TRUE(result.is<rc::detail::FailureResult>()) << result_text(result);
  EXPECT_NE(result_text(result).find("no reference-count corruption under nogil-atomic-rc"), std::string::npos)
      << result_text(result);
  expect_check_passes(last_rerun());
}
