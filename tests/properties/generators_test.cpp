// The generators themselves: every generated program compiles, under gilsim
// and under python3.11, to the same bytecode; and RapidCheck shrinks
// programs toward fewer threads and statements and schedules toward no
// preemption, to a counterexample that is locally minimal.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <regex>

#include "tests/properties/harness.h"
#include "tests/support/python.h"
#include "tests/support/run.h"
#include "vm/dis.h"

namespace {

using namespace gilsim_properties;

std::string mask_addresses(const std::string& s) {
  static const std::regex kAddr(" at 0x[0-9a-f]+");
  return std::regex_replace(s, kAddr, " at 0xADDR");
}

// Every simple statement of a block, bodies included.
void simple_statements(const properties::Block& b, std::vector<const properties::Stmt*>& out) {
  for (const auto& s : b) {
    if (s.op == properties::Op::Locked || s.op == properties::Op::Loop) simple_statements(s.body, out);
    else out.push_back(&s);
  }
}

}  // namespace

RC_GTEST_PROP(Generators, ProgramsCompileToPython311sBytecode, (const properties::Program& p)) {
  sim::Program prog = compile(p, "gen");
  std::string ours = mask_addresses(vm::disassemble(*prog.code));
  auto r = gilsim_test::run_in(GILSIM_SOURCE_DIR, "'" + gilsim_test::python() + "' -m dis '" + prog.path + "'", false);
  RC_ASSERT(r.status == 0);
  RC_ASSERT(mask_addresses(r.out) == ours);
  RC_TAG(p.threads.size());
}

TEST(Generators, ProgramsShrinkTowardFewerThreadsAndSimplerStatements) {
  static properties::Program last;
  auto result = run_property(
      "shrink/threads",
      [](const properties::Program& p) {
        if (p.threads.size() >= 3) {
          last = p;
          RC_FAIL("three threads or more");
        }
      },
      200);
  ASSERT_TRUE(result.is<rc::detail::FailureResult>());
  EXPECT_EQ(last.threads.size(), 3u) << properties::to_python(last);
  for (const auto& t : last.threads) EXPECT_EQ(t.size(), 1u) << properties::to_python(last);
  std::vector<const properties::Stmt*> simple;
  for (const auto& t : last.threads) simple_statements(t, simple);
  for (const auto* s : simple) {
    EXPECT_EQ(s->op, properties::Op::IncGlobal) << properties::to_python(last);
    EXPECT_EQ(s->a, 0) << properties::to_python(last);
  }
  EXPECT_TRUE(last.helpers.empty());
  EXPECT_EQ(last.ints, 1);
}

TEST(Generators, ProgramsShrinkToTheStatementThatMatters) {
  static properties::Program last;
  auto has_append = [](const properties::Program& p) {
    std::vector<const properties::Stmt*> simple;
    for (const auto& t : p.threads) simple_statements(t, simple);
    for (const auto& h : p.helpers) simple_statements(h, simple);
    return std::any_of(simple.begin(), simple.end(), [](auto* s) { return s->op == properties::Op::Append; });
  };
  auto result = run_property(
      "shrink/append",
      [&](const properties::Program& p) {
        if (has_append(p)) {
          last = p;
          RC_FAIL("appends to a list");
        }
      },
      200);
  ASSERT_TRUE(result.is<rc::detail::FailureResult>());
  std::string text = properties::to_python(last);
  EXPECT_EQ(last.threads.size(), 2u) << text;
  std::vector<const properties::Stmt*> simple;
  for (const auto& t : last.threads) simple_statements(t, simple);
  for (const auto& h : last.helpers) simple_statements(h, simple);
  int appends = 0;
  for (const auto* s : simple) {
    if (s->op == properties::Op::Append) {
      ++appends;
      EXPECT_EQ(s->a, 0) << text;
      EXPECT_EQ(s->k, 1) << text;
    } else {
      EXPECT_EQ(s->op, properties::Op::IncGlobal) << text;
    }
  }
  EXPECT_EQ(appends, 1) << text;
  EXPECT_NE(text.find("l0.append(1)"), std::string::npos) << text;
}

TEST(Generators, SchedulesShrinkTowardNoPreemption) {
  static properties::Schedule last;
  auto result = run_property(
      "shrink/schedule",
      [](const properties::Schedule& s) {
        if (std::any_of(s.choices.begin(), s.choices.end(), [](int c) { return c >= 2; })) {
          last = s;
          RC_FAIL("a choice of 2 or more");
        }
      },
      200);
  ASSERT_TRUE(result.is<rc::detail::FailureResult>());
  EXPECT_EQ(last.choices, std::vector<int>{2}) << properties::describe(last);
  EXPECT_EQ(last.seed, 0u) << properties::describe(last);
}
