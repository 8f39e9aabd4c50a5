// Claims about `x += 1` in threads, checked with gilsim from an ordinary
// GoogleTest and RapidCheck test suite.
#include <gilsim/gilsim.h>
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <set>
#include <string>

namespace {

// `threads` threads each add 1 to a global `n` times, under a lock or not.
std::string increments(int threads, int n, bool locked) {
  std::string s = "import threading\nx = 0\nlock = threading.Lock()\n\ndef inc():\n    global x\n";
  s += "    for _ in range(" + std::to_string(n) + "):\n";
  s += locked ? "        with lock:\n            x += 1\n" : "        x += 1\n";
  s += "\nts = [threading.Thread(target=inc) for _ in range(" + std::to_string(threads) + ")]\n";
  s += "for t in ts:\n    t.start()\nfor t in ts:\n    t.join()\n";
  return s;
}

std::set<long> final_xs(const gilsim::Result& r) {
  std::set<long> xs;
  for (const gilsim::Outcome& o : r.outcomes) xs.insert(std::stol(o.state.at("x")));
  return xs;
}

// The classic: under the GIL two threads' `x += 1` can lose an update, and
// gilsim hands back the interleaving that does it.
TEST(Increment, TheGilDoesNotMakeItAtomic) {
  gilsim::Program p = gilsim::Program::from_source(increments(2, 1, false), "counter.py");
  gilsim::Result r = gilsim::check(p, {.model = "gil", .expect = "x == 2"});
  ASSERT_FALSE(r.passed());
  EXPECT_EQ(r.violation->kind, "expect");
  EXPECT_EQ(r.violation->message, "expected x == 2 but at the end x = 1");
  gilsim::Replay replay = gilsim::replay(p, r.violation->trace);
  EXPECT_EQ(replay.state.at("x"), "1");
  EXPECT_NE(gilsim::explain(p, r.violation->trace).find("lost update"), std::string::npos);
}

// CPython 3.11 checks for a switch only at calls, backward jumps and
// function entries: never inside `x += 1` on a global, so no update is lost.
TEST(Increment, CPython311NeverSwitchesInsideIt) {
  gilsim::Program p = gilsim::Program::from_source(increments(2, 1, false), "counter.py");
  gilsim::Result r = gilsim::check(p, {.model = "cpython-3.11", .expect = "x == 2"});
  EXPECT_TRUE(r.passed());
  EXPECT_TRUE(r.complete);
}

// Over small random shapes: with a lock every interleaving ends with every
// increment counted; without one, exploring under the GIL finds schedules
// that lose updates, and none that counts more than there were.
RC_GTEST_PROP(Increment, ALockMakesEveryScheduleCountEveryIncrement, ()) {
  const int threads = *rc::gen::inRange(2, 4);
  const int n = *rc::gen::inRange(1, 3);
  const long all = static_cast<long>(threads) * n;
  RC_TAG(threads, n);

  gilsim::Options o{.model = "gil", .max_executions = 20000, .stop_at_violation = false};
  gilsim::Result locked = gilsim::check(gilsim::Program::from_source(increments(threads, n, true), "locked.py"), o);
  RC_ASSERT(locked.passed());
  RC_ASSERT(final_xs(locked) == std::set<long>{all});

  gilsim::Result racy = gilsim::check(gilsim::Program::from_source(increments(threads, n, false), "racy.py"), o);
  std::set<long> xs = final_xs(racy);
  RC_ASSERT(*xs.begin() < all);
  RC_ASSERT(*xs.rbegin() == all);
  RC_ASSERT(*xs.begin() >= 1);
}

}  // namespace
