// P2: `x += 1` races at the bytecode level under the GIL.  For two threads
// each adding 1 to a global `a` and `b` times (a, b in 1..3), expecting
// x == a + b:
//   - dpor under `gil` finds a lost update;
//   - replaying that trace, and every generated schedule that loses an
//     update, loses it again (same verdict, same final state);
//   - the minimized trace (traces/minimize.h) has exactly one preemption,
//     and it falls inside one thread's `x += 1`: between its LOAD_GLOBAL x
//     and its STORE_GLOBAL x the other thread stores x.
//
// Paired falsification: the same property under `cpython-3.11`, where a
// loop body of `x += 1` has no eval-breaker check between the load and the
// store, must fail; the printed `gilsim check` command then passes.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "tests/properties/harness.h"
#include "tests/support/run.h"
#include "traces/minimize.h"
#include "vm/dis.h"

namespace {

using namespace gilsim_properties;

sim::Program counter(int a, int b, const std::string& expect) {
  std::string src = fmt::format(
      "import threading\nx = 0\n\n\ndef work(n):\n    global x\n    for i in range(n):\n        x += 1\n\n\n"
      "t1 = threading.Thread(target=work, args=({},))\nt2 = threading.Thread(target=work, args=({},))\n"
      "t1.start()\nt2.start()\nt1.join()\nt2.join()\n",
      a, b);
  sim::Program p = compile(src, "p2");
  p.expect_code = vm::compile_source("__gilsim_expect__ = (" + expect + ")\n", "<expect>");
  return p;
}

std::string text_at(const sim::Executed& e) { return vm::instruction_text(*e.code, e.pc); }

// In the replayed execution: a thread's LOAD_GLOBAL x and its next
// STORE_GLOBAL x with another thread's STORE_GLOBAL x in between.
bool store_between_load_and_store(const sim::Replayed& r) {
  const auto& ins = r.instructions;
  for (size_t i = 0; i < ins.size(); ++i) {
    if (text_at(ins[i]) != "LOAD_GLOBAL x") continue;
    bool other_stored = false;
    for (size_t j = i + 1; j < ins.size(); ++j) {
      bool store = text_at(ins[j]) == "STORE_GLOBAL x";
      if (ins[j].thread != ins[i].thread) {
        other_stored = other_stored || store;
      } else if (store) {
        if (other_stored) return true;
        break;
      }
    }
  }
  return false;
}

void loses_an_update(int a, int b, const properties::Schedule& s, vm::Model m) {
  std::string expect = fmt::format("x == {}", a + b);
  sim::Program prog = counter(a, b, expect);
  sim::CheckOptions o;
  o.model = m;
  o.expect = expect;
  Checked c = check(prog, o);
  if (!c.result.violation)
    fail_without_violation(fmt::format("no lost update under {} ({} executions{})", vm::model_name(m),
                                       c.result.executions, c.result.complete ? ", every schedule" : ""),
                           fmt::format("{} --model {} --expect '{}'", prog.path, vm::model_name(m), expect));
  RC_ASSERT(c.result.violation->kind == std::string("expect"));

  // The trace replays to the same lost update.
  sim::Replayed again = sim::replay(prog, o, c.result.violation->decisions);
  RC_ASSERT(again.violation.kind == std::string("expect"));
  RC_ASSERT(again.violation.message == c.result.violation->message);

  // So does any generated schedule that loses one.
  properties::GuidedStrategy g(s);
  g.begin();
  sim::Execution e = sim::execute(prog, o, g);
  tally(1);
  RC_CLASSIFY(!e.violation.kind.empty(), "the generated schedule lost an update");
  if (!e.violation.kind.empty()) {
    sim::Replayed r = sim::replay(prog, o, e.decisions);
    RC_ASSERT(r.violation.kind == e.violation.kind);
    RC_ASSERT(r.state == e.state);
  }

  // Minimized: one preemption, inside an `x += 1`.
  traces::Minimized mz = traces::minimize(prog, o, *c.result.violation);
  RC_ASSERT(mz.violation.kind == std::string("expect"));
  RC_ASSERT(mz.preemptions_after == 1);
  sim::Replayed shown = sim::replay(prog, o, mz.violation.decisions);
  RC_ASSERT(shown.violation.kind == std::string("expect"));
  RC_ASSERT(store_between_load_and_store(shown));
  RC_TAG(mz.preemptions_before);
}

}  // namespace

RC_GTEST_PROP(P2, TwoThreadsLoseAnUpdateUnderTheGil, (const properties::Schedule& s)) {
  int a = *rc::gen::resize(100, rc::gen::inRange(1, 4));  // every count at every size, shrinking to 1
  int b = *rc::gen::resize(100, rc::gen::inRange(1, 4));
  loses_an_update(a, b, s, vm::Model::Gil);
}

TEST(P2, NoLostUpdateUnderCPython311) {
  last_rerun().clear();
  auto result = run_property(
      "P2/cpython-3.11",
      [](const properties::Schedule& s) {
        loses_an_update(*rc::gen::resize(100, rc::gen::inRange(1, 4)), *rc::gen::resize(100, rc::gen::inRange(1, 4)),
                        s, vm::Model::CPython311);
      },
      20);
  ASSERT_TRUE(result.is<rc::detail::FailureResult>()) << result_text(result);
  EXPECT_NE(result_text(result).find("no lost update under cpython-3.11"), std::string::npos) << result_text(result);
  expect_check_passes(last_rerun());
}

// The belief P2 refutes, as a property: "under the GIL, `x += 1` never loses
// an update".  It must fail, and its counterexample (the minimized trace:
// one preemption) must replay to the lost update with `gilsim replay`.
TEST(P2, TheGilDoesNotMakeIncrementAtomic) {
  last_saved().reset();
  auto result = run_property(
      "P2/atomic-under-gil",
      [] {
        int a = *rc::gen::resize(100, rc::gen::inRange(1, 4));
        int b = *rc::gen::resize(100, rc::gen::inRange(1, 4));
        std::string expect = fmt::format("x == {}", a + b);
        sim::Program prog = counter(a, b, expect);
        sim::CheckOptions o;
        o.expect = expect;
        Checked c = check(prog, o);
        if (c.result.violation) {
          traces::Minimized mz = traces::minimize(prog, o, *c.result.violation);
          fail_with_trace(prog, o, mz.violation,
                          fmt::format("x += 1 lost an update under gil ({} preemption{} after minimizing)",
                                      mz.preemptions_after, mz.preemptions_after == 1 ? "" : "s"));
        }
      },
      20);
  ASSERT_TRUE(result.is<rc::detail::FailureResult>()) << result_text(result);
  EXPECT_NE(result_text(result).find("(1 preemption after minimizing)"), std::string::npos) << result_text(result);
  ASSERT_TRUE(last_saved().has_value());
  EXPECT_EQ(last_saved()->kind, "expect");
  expect_replay_reproduces(*last_saved());
}
