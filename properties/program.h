// The random multi-threaded programs of the property suites, as a small AST
// that prints as Python source.  The RapidCheck generators that build and
// shrink them are in properties/generators.h; this part needs no RapidCheck,
// so a failure is always something a person can read and rerun with
// `gilsim check`.
//
// The shape of every program:
//
//     import threading
//
//     class Box:                     # instances, with an int and a list attribute
//         def __init__(self):
//             self.n = 0
//             self.items = []
//
//     lock0 = threading.Lock()       # the locks
//     g0 = 0                         # shared ints,
//     l0 = [0]                       # lists (never empty),
//     d0 = {'k0': 0, 'k1': 0}        # dicts (their keys never go away)
//     o0 = Box()                     # and instances
//
//     def bump(v):                   # a Python function called between a load and a store
//         return v + 1
//
//     def f0():                      # helpers the threads call
//         global g0
//         g0 += 1
//
//     def t0():                      # the thread bodies
//         global g0, l0
//         for i in range(2):
//             with lock0:
//                 g0 += 1
//         l0 = [3]
//
//     threads = [threading.Thread(target=t0), threading.Thread(target=t1)]
//     for t in threads:
//         t.start()
//     for t in threads:
//         t.join()
//
// Every statement keeps each global's type (ints stay ints, lists stay
// non-empty lists, dicts keep their keys), so a generated program never
// raises.  Locks are taken one at a time (no `with` inside a `with` or in a
// helper), so it never deadlocks.  What is left to go wrong is what the
// models disagree on: lost updates and reference counts.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace properties {

enum class Op : uint8_t {
  // ints: g{a}
  IncGlobal,   // g{a} += 1
  CallUpdate,  // g{a} = bump(g{a})   (a call between the load and the store)
  ReadInt,     // v = g{a}
  CopyInt,     // g{a} = g{b}
  // lists: l{a}
  Append,      // l{a}.append(k)
  ItemInc,     // l{a}[0] += 1
  ReadItem,    // v = l{a}[-1]
  ReadList,    // v = l{a}           (a second reference to the shared list)
  NewList,     // l{a} = [k]         (the old list may be freed here)
  // dicts: d{a}, keys 'k0' and 'k1'
  SetKey,      // d{a}['k{b}'] = k
  KeyInc,      // d{a}['k{b}'] += 1
  ReadKey,     // v = d{a}['k{b}']
  // instances: o{a}
  AttrInc,     // o{a}.n += 1
  AttrAppend,  // o{a}.items.append(k)
  NewItems,    // o{a}.items = [k]
  ReadObj,     // v = o{a}.items
  NewObj,      // o{a} = Box()
  // calls and blocks
  CallHelper,  // f{a}()
  Locked,      // with lock{a}: body   (body: simple statements)
  Loop,        // for i in range(k): body   (body: simple statements and Locked)
};

struct Stmt {
  Op op = Op::IncGlobal;
  int a = 0;  // which global, helper or lock
  int b = 0;  // CopyInt: the source int; SetKey, KeyInc, ReadKey: the key
  int k = 0;  // a small int value; Loop: the bound
  std::vector<Stmt> body;  // Locked, Loop
};

using Block = std::vector<Stmt>;

struct Program {
  int ints = 1, lists = 0, dicts = 0, objects = 0, locks = 0;
  std::vector<Block> helpers;  // f0, f1, ...: simple statements and loops without locks
  std::vector<Block> threads;  // t0, t1, ...: 2 to 4 of them
};

// The program as Python 3.11 source.
std::string to_python(const Program& p);

// The thread bodies' statements as one short line each ("t0: g0 += 1;
// with lock0: [l0.append(1)]"), for RapidCheck's counterexample output.
std::string summary(const Program& p);

// What a program touches, for preconditions and classification.
struct Touches {
  // A mortal shared object (a list, dict or instance global) that two
  // threads reach without holding one same lock around both: without a
  // GIL, their reference-count changes to it can race.
  bool shared_unlocked_object = false;
  // Two threads update one int global (+=, bump, copy into it).
  bool shared_int_update = false;
  // A thread writes an int or list global (the values an outcome shows)
  // that another thread reads or writes: the outcome can depend on the
  // schedule.
  bool racy_outcome = false;
  int statements = 0;  // in threads and helpers, blocks counted with their bodies
};
Touches touches(const Program& p);

}  // namespace properties
