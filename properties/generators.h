// RapidCheck generators of programs (properties/program.h) and schedules
// (properties/schedule.h).  Header-only: the library itself does not need
// RapidCheck, the property suites do.
//
// Shrinking goes where a reader wants it to:
//   - threads: a container of two to four, which shrinks by removing any
//     thread but the last two;
//   - statements: every block is a RapidCheck container, which shrinks by
//     removing statements; a statement shrinks toward the first operation
//     of its list (`g0 += 1`) and its indices toward 0, so the program
//     uses fewer globals, locks and helpers as it shrinks;
//   - schedules: the choices shrink toward 0 (no preemption) and the list
//     toward empty, the seed toward 0 (no preemption after the list).
// Program sizes grow with RapidCheck's size parameter: early cases are
// tiny, later ones have up to `kMaxStatements` statements per block.
#pragma once

#include <rapidcheck.h>

#include <algorithm>

#include "properties/program.h"
#include "properties/schedule.h"

namespace properties::gen {

inline constexpr int kMaxStatements = 8;  // per block, at RapidCheck's largest size
inline constexpr int kIndices = 3;        // globals of each kind, locks and helpers: indices 0..2

// An index 0..weights.size()-1 drawn with these weights whatever the size,
// shrinking toward 0.  (RapidCheck's elementOf and weightedElement do not
// shrink, and its inRange narrows with the size.)
inline rc::Gen<int> weighted_index(std::vector<int> weights) {
  return [weights](const rc::Random& random, int) {
    int total = 0;
    for (int w : weights) total += w;
    int r = static_cast<int>(rc::Random(random).next() % static_cast<uint64_t>(total));
    int i = 0;
    while (r >= weights[static_cast<size_t>(i)]) r -= weights[static_cast<size_t>(i++)];
    return rc::shrinkable::shrinkRecur(i, [](int x) { return rc::shrink::towards(x, 0); });
  };
}

// One of `items`, uniformly, shrinking toward the first.
template <class T>
rc::Gen<T> element(std::vector<T> items) {
  return rc::gen::map(weighted_index(std::vector<int>(items.size(), 1)),
                      [items](int i) { return items[static_cast<size_t>(i)]; });
}

// An index of a global, lock or helper: mostly 0, so threads share often.
inline rc::Gen<int> index() { return weighted_index({6, 3, 1}); }

namespace detail {

// The statements that touch one global, in the order they shrink toward.
inline const std::vector<Op>& simple_ops() {
  static const std::vector<Op> ops = {Op::IncGlobal, Op::ReadInt,  Op::CallUpdate, Op::CopyInt, Op::ReadList,
                                      Op::Append,    Op::ItemInc,  Op::ReadItem,   Op::NewList, Op::SetKey,
                                      Op::KeyInc,    Op::ReadKey,  Op::AttrInc,    Op::AttrAppend,
                                      Op::NewItems,  Op::ReadObj,  Op::NewObj};
  return ops;
}

inline rc::Gen<Stmt> simple(bool calls) {
  std::vector<Op> ops = simple_ops();
  if (calls) ops.push_back(Op::CallHelper);
  return rc::gen::apply(
      [](Op op, int a, int b, int k) {
        Stmt s;
        s.op = op;
        s.a = a;
        s.b = op == Op::CopyInt ? b : op == Op::SetKey || op == Op::KeyInc || op == Op::ReadKey ? b % 2 : 0;
        s.k = op == Op::Append || op == Op::NewList || op == Op::SetKey || op == Op::AttrAppend || op == Op::NewItems
                  ? k
                  : 0;
        return s;
      },
      element(ops), index(), index(), rc::gen::map(weighted_index({3, 2, 2, 1, 1, 1, 1, 1, 1}), [](int i) { return i + 1; }));
}

// Up to `most` statements (at RapidCheck's largest size; fewer at small
// sizes); shrinks by removing statements.  Only the length is scaled: the
// statements see the size as it was.
inline rc::Gen<Block> block_of(rc::Gen<Stmt> stmt, int most = kMaxStatements) {
  return rc::gen::withSize([stmt, most](int size) {
    return rc::gen::resize(std::min(size, 100) * most / 100, rc::gen::container<Block>(rc::gen::resize(size, stmt)));
  });
}

// One statement, then up to `most` - 1 more: never empty, at any size
// (a filter would have to retry until the size allowed a statement).
inline rc::Gen<Block> nonempty_block_of(rc::Gen<Stmt> stmt, int most = kMaxStatements) {
  return rc::gen::apply(
      [](Stmt first, Block rest) {
        rest.insert(rest.begin(), std::move(first));
        return rest;
      },
      stmt, block_of(stmt, most - 1));
}

inline rc::Gen<Stmt> locked(bool calls) {
  return rc::gen::apply(
      [](int lock, Block body) {
        Stmt s;
        s.op = Op::Locked;
        s.a = lock;
        s.body = std::move(body);
        return s;
      },
      index(), nonempty_block_of(simple(calls), 3));
}

inline rc::Gen<Stmt> loop(rc::Gen<Stmt> inner) {
  return rc::gen::apply(
      [](int bound, Block body) {
        Stmt s;
        s.op = Op::Loop;
        s.k = bound;
        s.body = std::move(body);
        return s;
      },
      rc::gen::map(weighted_index({1, 1, 1}), [](int i) { return i + 1; }),
      nonempty_block_of(std::move(inner), 3));
}

// One of `choices` by weight; shrinking goes to the first (a simple
// statement) and then shrinks it.
inline rc::Gen<Stmt> one_of(std::vector<int> weights, std::vector<rc::Gen<Stmt>> choices) {
  return rc::gen::mapcat(weighted_index(std::move(weights)),
                         [choices](int i) { return choices[static_cast<size_t>(i)]; });
}

// A thread body's statement: simple, a `with`, or a loop of either.
inline rc::Gen<Stmt> thread_stmt() {
  auto inner = one_of({4, 1}, {simple(true), locked(true)});
  return one_of({8, 2, 1}, {simple(true), locked(true), loop(inner)});
}

// A helper's statement: no locks (so no lock is ever taken inside another)
// and no calls.
inline rc::Gen<Stmt> helper_stmt() { return one_of({6, 1}, {simple(false), loop(simple(false))}); }

inline void scan(const Block& b, Program& p, int& helpers) {
  for (const Stmt& s : b) {
    switch (s.op) {
      case Op::IncGlobal:
      case Op::CallUpdate:
      case Op::ReadInt: p.ints = std::max(p.ints, s.a + 1); break;
      case Op::CopyInt: p.ints = std::max({p.ints, s.a + 1, s.b + 1}); break;
      case Op::Append:
      case Op::ItemInc:
      case Op::ReadItem:
      case Op::ReadList:
      case Op::NewList: p.lists = std::max(p.lists, s.a + 1); break;
      case Op::SetKey:
      case Op::KeyInc:
      case Op::ReadKey: p.dicts = std::max(p.dicts, s.a + 1); break;
      case Op::AttrInc:
      case Op::AttrAppend:
      case Op::NewItems:
      case Op::ReadObj:
      case Op::NewObj: p.objects = std::max(p.objects, s.a + 1); break;
      case Op::CallHelper: helpers = std::max(helpers, s.a + 1); break;
      case Op::Locked: p.locks = std::max(p.locks, s.a + 1); [[fallthrough]];
      case Op::Loop: scan(s.body, p, helpers); break;
    }
  }
}

// Declares exactly the globals, locks and helpers the statements use
// (helpers called but not generated get an empty body).
inline Program assemble(std::vector<Block> threads, std::vector<Block> helpers) {
  Program p;
  p.ints = 0;
  p.threads = std::move(threads);
  int called = 0;
  for (const Block& b : p.threads) scan(b, p, called);
  helpers.resize(static_cast<size_t>(called));
  p.helpers = std::move(helpers);
  int unused = 0;
  for (const Block& b : p.helpers) scan(b, p, unused);
  return p;
}

}  // namespace detail

// A random program of 2 to 4 threads (properties/program.h).
inline rc::Gen<Program> program(int min_threads = 2, int max_threads = 4) {
  using namespace detail;
  auto body = nonempty_block_of(thread_stmt());
  // A container of threads: shrinking removes any of them, down to two.
  auto threads = rc::gen::withSize([body, min_threads, max_threads](int size) {
    return rc::gen::suchThat(
        rc::gen::resize(max_threads, rc::gen::container<std::vector<Block>>(rc::gen::resize(size, body))),
        [min_threads, max_threads](const std::vector<Block>& v) {
          return static_cast<int>(v.size()) >= min_threads && static_cast<int>(v.size()) <= max_threads;
        });
  });
  auto helpers = rc::gen::container<std::vector<Block>>(static_cast<size_t>(kIndices), block_of(helper_stmt()));
  return rc::gen::apply(assemble, threads, helpers);
}

// A generated schedule (properties/schedule.h).
inline rc::Gen<Schedule> schedule() {
  return rc::gen::build<Schedule>(
      rc::gen::set(&Schedule::choices, rc::gen::withSize([](int size) {
                     return rc::gen::resize(size * 2 / 5,
                                            rc::gen::container<std::vector<int>>(weighted_index({4, 2, 1, 1})));
                   })),
      rc::gen::set(&Schedule::seed, rc::gen::resize(100, rc::gen::inRange<uint64_t>(0, 1000))));
}

}  // namespace properties::gen

namespace rc {

template <>
struct Arbitrary<properties::Program> {
  static Gen<properties::Program> arbitrary() { return properties::gen::program(); }
};

template <>
struct Arbitrary<properties::Schedule> {
  static Gen<properties::Schedule> arbitrary() { return properties::gen::schedule(); }
};

}  // namespace rc

namespace properties {

// RapidCheck prints a counterexample's values with showValue: a program as
// its Python source, which `gilsim check` runs as it is.
inline void showValue(const Program& p, std::ostream& os) { os << "\n" << to_python(p); }
inline void showValue(const Schedule& s, std::ostream& os) { os << describe(s); }

}  // namespace properties
