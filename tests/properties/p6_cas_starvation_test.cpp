// P6: lock-free reference counts are correct and can starve.  Under
// `nogil-cas-rc` two threads take and drop references to one shared object
// (a list, a dict or an instance; by assignment or by passing it to a
// function), each n times:
//   - counts stay correct: refcount integrity holds after every step of
//     every explored schedule (no bound on retries);
//   - with `--cas-bound K` (K in 1..4, n = K + 1), exploration finds a
//     schedule in which one thread's compare-and-swap fails K times in a
//     row, the most the bound allows: the other thread changed the count
//     between its load and its swap every time.  That is the price of a
//     lock-free count: no thread is ever blocked, but one can be made to
//     retry for as long as the others keep winning.  The trace replays to
//     the same starvation.
//
// Paired falsification: the same property when each thread borrows only
// once (n = 1) and K is 3 or 4 must fail: exploration completes without
// finding so many failures in a row (two is the most that schedule space
// holds), and the printed `gilsim check` command proves it.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <map>

#include "tests/properties/harness.h"

namespace {

using namespace gilsim_properties;

constexpr uint64_t kExecutions = 200;  // dpor executions for "counts stay correct"

struct Contention {
  int kind;  // 0 list, 1 dict, 2 instance
  int form;  // 0 `tmp = shared; del tmp`, 1 `touch(shared)`
  int bound;
  int n;     // iterations of each thread's loop
};

sim::Program contention_program(const Contention& c) {
  static const char* values[] = {"[1, 2, 3]", "{'a': 1}", "Box()"};
  static const char* bodies[] = {"        tmp = shared\n        del tmp\n", "        touch(shared)\n"};
  std::string src = fmt::format(
      "import threading\n\n\nclass Box:\n    pass\n\n\nshared = {}\n\n\ndef touch(obj):\n    return None\n\n\n"
      "def borrow(n):\n    for i in range(n):\n{}\n\n"
      "t1 = threading.Thread(target=borrow, args=({},))\nt2 = threading.Thread(target=borrow, args=({},))\n"
      "t1.start()\nt2.start()\nt1.join()\nt2.join()\n",
      values[c.kind], bodies[c.form], c.n, c.n);
  return compile(src, "p6");
}

void starves_within_bound(const Contention& c, vm::Model m) {
  sim::Program prog = contention_program(c);
  RC_TAG(fmt::format("bound {}", c.bound));
  if (m == vm::Model::NogilCasRc) {
    sim::CheckOptions free;
    free.model = m;
    free.audit_every_step = true;
    free.max_executions = kExecutions;
    Checked ok = check(prog, free);
    if (ok.result.violation) fail_with_trace(prog, free, *ok.result.violation);
  }
  sim::CheckOptions o;
  o.model = m;
  o.cas_bound = static_cast<uint32_t>(c.bound);
  Checked s = check(prog, o);
  if (!s.result.violation)
    fail_without_violation(fmt::format("no starvation under {} with --cas-bound {} ({} executions{})",
                                       vm::model_name(m), c.bound, s.result.executions,
                                       s.result.complete ? ", every schedule" : ""),
                           fmt::format("{} --model {} --cas-bound {}", prog.path, vm::model_name(m), c.bound));
  RC_ASSERT(s.result.violation->kind == std::string("starvation"));
  std::string times = fmt::format(" failed {} time{} in a row", c.bound, c.bound == 1 ? "" : "s");
  RC_ASSERT(s.result.violation->message.find(times) != std::string::npos);
  sim::Replayed r = sim::replay(prog, o, s.result.violation->decisions);
  RC_ASSERT(r.violation.kind == std::string("starvation"));
  RC_ASSERT(r.violation.message == s.result.violation->message);
  // In the replay's own record of count operations, the longest run of
  // failed swaps of one thread on one object (no successful store by it in
  // between) is exactly the bound: the monitor stops at the bound, not
  // before and not after.
  std::map<std::pair<int, uint32_t>, int> run;
  int longest = 0;
  for (const sim::CountEvent& e : r.counts) {
    auto key = std::make_pair(e.thread, e.serial);
    if (e.use == vm::CountUse::Retry) longest = std::max(longest, ++run[key]);
    else if (e.use == vm::CountUse::Store) run[key] = 0;
  }
  RC_ASSERT(longest == c.bound);
}

// K in 1..4 and n = K + 1: enough count changes in the other thread to
// fail a swap K times.
rc::Gen<Contention> contention() {
  return rc::gen::map(
      rc::gen::build<Contention>(rc::gen::set(&Contention::kind, properties::gen::element<int>({0, 1, 2})),
                                 rc::gen::set(&Contention::form, properties::gen::element<int>({0, 1})),
                                 rc::gen::set(&Contention::bound, properties::gen::element<int>({1, 2, 3, 4}))),
      [](Contention c) {
        c.n = c.bound + 1;
        return c;
      });
}

}  // namespace

RC_GTEST_PROP(P6, CasCountsStayCorrectAndCanStarve, ()) {
  starves_within_bound(*contention(), vm::Model::NogilCasRc);
}

TEST(P6, NoStarvationBeyondWhatTheOtherThreadCanCause) {
  last_rerun().clear();
  auto result = run_property(
      "P6/n=1",
      [] {
        Contention c = *contention();
        c.bound = *properties::gen::element<int>({3, 4});
        c.n = 1;
        starves_within_bound(c, vm::Model::NogilCasRc);
      },
      20);
  ASSERT_TRUE(result.is<rc::detail::FailureResult>()) << result_text(result);
  EXPECT_NE(result_text(result).find("no starvation under nogil-cas-rc"), std::string::npos) << result_text(result);
  expect_check_passes(last_rerun());
}

// The belief P6 refutes: "a lock-free count never makes a thread retry K
// times in a row".  It must fail with a starvation trace `gilsim replay`
// reproduces.
TEST(P6, LockFreeCountsCanStarveAThread) {
  last_saved().reset();
  auto result = run_property(
      "P6/never-starves",
      [] {
        Contention c = *contention();
        sim::Program prog = contention_program(c);
        sim::CheckOptions o;
        o.model = vm::Model::NogilCasRc;
        o.cas_bound = static_cast<uint32_t>(c.bound);
        Checked s = check(prog, o);
        if (s.result.violation) fail_with_trace(prog, o, *s.result.violation, "a compare-and-swap starved");
      },
      20);
  ASSERT_TRUE(result.is<rc::detail::FailureResult>()) << result_text(result);
  ASSERT_TRUE(last_saved().has_value());
  EXPECT_EQ(last_saved()->kind, "starvation");
  expect_replay_reproduces(*last_saved());
}
