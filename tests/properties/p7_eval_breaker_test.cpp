// P7: where CPython 3.11 can switch threads.  Under `cpython-3.11`, for
// generated loop bodies of two threads updating a global x, exploration
// finds a lost update exactly when the window between the thread's load of
// x and its store contains an eval-breaker check: a call (a Python
// function, a builtin, `with`'s call of __exit__), a backward jump that is
// taken, or a GIL release (time.sleep).  A `for` loop jumps back after each
// run of its body, so one run is enough; 3.11 compiles a `while` with its
// test repeated at the bottom (POP_JUMP_BACKWARD_IF_TRUE), so its first
// run ends in a forward fall-through and only a second run jumps back.
// Arithmetic, forward jumps and loops that do not run leave the window
// atomic, and `x += 1` has no window at all.
//
// The prediction is made from the generated program alone, not from
// gilsim: the window's statements and whether their loops run.
//
// Paired falsification: the same property under `gil`, where a switch may
// fall between any two bytecodes, must fail on a body the prediction calls
// atomic, with a lost-update trace `gilsim replay` reproduces.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "tests/properties/harness.h"
#include "tests/support/run.h"

namespace {

using namespace gilsim_properties;

enum class Item { Arith, IfForward, CallPython, CallBuiltin, ForTuple, While, Sleep, With };

struct WindowItem {
  Item item = Item::Arith;
  int k = 0;  // ForTuple, While: how many times the loop body runs (0..2)
};

struct Body {
  int form = 0;  // 0: t = x; <items>; x = t + 1.   1: <items>; x += 1.   2: <items>; x = bump(x)
  std::vector<WindowItem> items;
  int n = 1;  // iterations of each thread's loop
};

std::string item_text(const WindowItem& w) {
  static const char* tuples[] = {"()", "(0,)", "(0, 1)"};
  switch (w.item) {
    case Item::Arith: return "        t = t * 1\n";
    case Item::IfForward: return "        if t < 0:\n            t = 0\n";
    case Item::CallPython: return "        t = same(t)\n";
    case Item::CallBuiltin: return "        t = abs(t)\n";
    case Item::ForTuple: return fmt::format("        for j in {}:\n            t = t + 0\n", tuples[w.k]);
    case Item::While: return fmt::format("        j = {}\n        while j > 0:\n            j -= 1\n", w.k);
    case Item::Sleep: return "        time.sleep(0)\n";
    case Item::With: return "        with lock:\n            t = t + 0\n";
  }
  return "";
}

std::string source(const Body& b) {
  std::string loop = "    for i in range(n):\n";
  if (b.form == 0) {
    loop += "        t = x\n";
    for (auto& w : b.items) loop += item_text(w);
    loop += "        x = t + 1\n";
  } else {
    loop += "        t = 0\n";
    for (auto& w : b.items) loop += item_text(w);
    loop += b.form == 1 ? "        x += 1\n" : "        x = bump(x)\n";
  }
  return fmt::format(
      "import threading\nimport time\nx = 0\nlock = threading.Lock()\n\n\ndef same(v):\n    return v + 0\n\n\ndef bump(v):\n    return v + 1\n\n\n"
      "def work(n):\n    global x\n{}\n\nt1 = threading.Thread(target=work, args=({},))\n"
      "t2 = threading.Thread(target=work, args=({},))\nt1.start()\nt2.start()\nt1.join()\nt2.join()\n",
      loop, b.n, b.n);
}

// RapidCheck shows a generated body as the program it becomes.
[[maybe_unused]] void showValue(const Body& b, std::ostream& os) { os << "\n" << source(b); }

// Whether the window between the load of x and the store holds a check.
bool predicted_window(const Body& b) {
  if (b.form == 1) return false;  // x += 1: load, add, store, nothing between
  if (b.form == 2) return true;   // x = bump(x): the call is inside the window
  for (const auto& w : b.items) {
    switch (w.item) {
      case Item::CallPython:
      case Item::CallBuiltin:
      case Item::Sleep:
      case Item::With: return true;
      case Item::ForTuple:
        if (w.k >= 1) return true;  // JUMP_BACKWARD after each run of the body
        break;
      case Item::While:
        if (w.k >= 2) return true;  // the bottom test jumps back only if the body runs again
        break;
      case Item::Arith:
      case Item::IfForward: break;
    }
  }
  return false;
}

rc::Gen<Body> body() {
  auto item = rc::gen::build<WindowItem>(
      rc::gen::set(&WindowItem::item, rc::gen::elementOf(std::vector<Item>{Item::Arith, Item::IfForward, Item::ForTuple,
                                                                           Item::While, Item::CallPython,
                                                                           Item::CallBuiltin, Item::Sleep, Item::With})),
      rc::gen::set(&WindowItem::k, rc::gen::elementOf(std::vector<int>{0, 1, 2})));
  return rc::gen::build<Body>(
      rc::gen::set(&Body::form, rc::gen::weightedElement<int>({{6, 0}, {1, 1}, {1, 2}})),
      rc::gen::set(&Body::items, rc::gen::scale(0.03, rc::gen::container<std::vector<WindowItem>>(item))),
      rc::gen::set(&Body::n, rc::gen::elementOf(std::vector<int>{1, 2})));
}

void lost_exactly_with_a_check(const Body& b, vm::Model m) {
  std::string expect = fmt::format("x == {}", 2 * b.n);
  sim::Program prog = compile(source(b), "p7");
  prog.expect_code = vm::compile_source("__gilsim_expect__ = (" + expect + ")\n", "<expect>");
  sim::CheckOptions o;
  o.model = m;
  o.expect = expect;
  Checked c = check(prog, o);
  bool window = predicted_window(b);
  RC_CLASSIFY(window, "window with an eval-breaker check");
  if (c.result.violation) {
    RC_ASSERT(c.result.violation->kind == std::string("expect"));
    if (!window) fail_with_trace(prog, o, *c.result.violation, "a lost update with no eval-breaker check between the load and the store");
    return;
  }
  RC_ASSERT(c.result.complete);
  if (window)
    fail_without_violation("no lost update although the window holds an eval-breaker check",
                           fmt::format("{} --model {} --expect '{}'", prog.path, vm::model_name(m), expect));
}

}  // namespace

RC_GTEST_PROP(P7, LostUpdateExactlyWhenTheWindowHasAnEvalBreakerCheck, ()) {
  lost_exactly_with_a_check(*body(), vm::Model::CPython311);
}

TEST(P7, UnderTheGilEveryWindowLoses) {
  last_saved().reset();
  auto result = run_property(
      "P7/gil", [] { lost_exactly_with_a_check(*body(), vm::Model::Gil); }, 100);
  ASSERT_TRUE(result.is<rc::detail::FailureResult>()) << result_text(result);
  EXPECT_NE(result_text(result).find("a lost update with no eval-breaker check"), std::string::npos)
      << result_text(result);
  ASSERT_TRUE(last_saved().has_value());
  const Saved& s = *last_saved();
  EXPECT_EQ(s.kind, "expect");
  expect_replay_reproduces(s);
}
