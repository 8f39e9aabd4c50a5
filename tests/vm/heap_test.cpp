// The heap's guarantees: a freed slot is never silently reused under a live
// handle (use after free and double free are detected exactly), and the
// audit notices a count that disagrees with the references found.
#include <gtest/gtest.h>

#include <string>

#include "vm/compiler.h"
#include "vm/heap.h"
#include "vm/interpreter.h"

namespace {

TEST(Heap, StaleRefAfterFreeIsUseAfterFree) {
  vm::Heap heap;
  vm::Ref r = vm::Heap::ref(heap.alloc<vm::IntObj>(vm::Kind::Int));
  heap.dec(r);  // count 1 -> 0: freed
  try {
    heap.inc(r);
    FAIL() << "a stale reference was accepted";
  } catch (const vm::HeapViolation& v) {
    EXPECT_EQ(v.kind_of, vm::HeapViolation::What::UseAfterFree);
  }
}

TEST(Heap, ReusedSlotStillCatchesOldHandle) {
  vm::Heap heap;
  vm::Ref old = vm::Heap::ref(heap.alloc<vm::ListObj>(vm::Kind::List));
  heap.dec(old);
  vm::Ref fresh = vm::Heap::ref(heap.alloc<vm::ListObj>(vm::Kind::List));
  ASSERT_EQ(fresh.p, old.p) << "the pool should reuse the freed slot";
  EXPECT_THROW(heap.check(old), vm::HeapViolation);
  EXPECT_NO_THROW(heap.check(fresh));
}

TEST(Heap, SecondReleaseIsDoubleFree) {
  vm::Heap heap;
  vm::Object* o = heap.alloc<vm::ListObj>(vm::Kind::List);
  heap.dec(vm::Heap::ref(o));
  try {
    heap.release(o);
    FAIL() << "a second free was accepted";
  } catch (const vm::HeapViolation& v) {
    EXPECT_EQ(v.kind_of, vm::HeapViolation::What::DoubleFree);
  }
}

TEST(Heap, FreeingALongChainUsesNoRecursion) {
  vm::Heap heap;
  // A list holding a list holding a list ... a million deep.
  vm::Ref inner = vm::Heap::ref(heap.alloc<vm::ListObj>(vm::Kind::List));
  for (int i = 0; i < 1000000; ++i) {
    auto* outer = heap.alloc<vm::ListObj>(vm::Kind::List);
    outer->items.push_back(inner);
    inner = vm::Heap::ref(outer);
  }
  size_t before = heap.live();
  heap.dec(inner);
  EXPECT_EQ(before - heap.live(), 1000001u);
}

std::string run(vm::Interpreter& in, const std::string& src, std::string* err = nullptr) {
  auto code = vm::compile_source(src, "t.py");
  std::string out, e;
  in.run_main(code, src, vm::RunOptions{}, out, e);
  if (err) *err = e;
  return out;
}

TEST(Heap, ResetForgetsWhatWasAllocatedSinceTheMark) {
  vm::Heap heap;
  vm::Ref kept = vm::Heap::ref(heap.alloc<vm::ListObj>(vm::Kind::List));
  heap.dec(vm::Heap::ref(heap.alloc<vm::IntObj>(vm::Kind::Int)));  // a slot free at the mark
  heap.mark();
  size_t live = heap.live();
  uint32_t serial = heap.allocations();
  for (int i = 0; i < 100; ++i) heap.alloc<vm::IntObj>(vm::Kind::Int);
  static_cast<vm::ListObj*>(heap.alloc<vm::ListObj>(vm::Kind::List))->items.push_back(kept);
  heap.reset();
  EXPECT_EQ(heap.live(), live);
  EXPECT_EQ(heap.allocations(), serial);
  EXPECT_NO_THROW(heap.check(kept));
  // Numbered as in a heap that never saw the forgotten objects.
  EXPECT_EQ(heap.alloc<vm::IntObj>(vm::Kind::Int)->serial, serial + 1);
}

// A program that changes what the runtime owns: a module's attributes,
// sys.modules, the switch interval, names interned, threads, exceptions.
const char* kMutator =
    "import threading, sys, time\n"
    "threading.foo = 1\n"
    "sys.modules['extra'] = 5\n"
    "sys.setswitchinterval(0.25)\n"
    "some_new_name_here = [1, 2]\n"
    "def f():\n"
    "    global counter\n"
    "    counter = 1\n"
    "t = threading.Thread(target=f)\n"
    "t.start()\n"
    "t.join()\n"
    "try:\n"
    "    raise ValueError('x')\n"
    "except ValueError:\n"
    "    pass\n";
// What a fresh interpreter shows (python3.11 prints the first line too).
const char* kObserver =
    "import threading, sys\n"
    "print(hasattr(threading, 'foo'), 'extra' in sys.modules, sys.getswitchinterval())\n"
    "class A:\n"
    "    pass\n"
    "print(repr(A()), len(sys.modules), threading.active_count())\n";

TEST(Interpreter, ResetGivesBackTheStateConstructionLeft) {
  vm::Interpreter fresh;
  std::string expected = run(fresh, kObserver);
  EXPECT_EQ(expected.substr(0, expected.find('\n')), "False False 0.005");

  vm::Interpreter in;
  uint64_t start = in.runtime_digest();
  for (int i = 0; i < 3; ++i) {
    std::string err;
    run(in, kMutator, &err);
    EXPECT_EQ(err, "");
    EXPECT_NE(in.runtime_digest(), start) << "the mutator should have changed the runtime";
    in.reset();
    EXPECT_EQ(in.runtime_digest(), start) << "round " << i;
    EXPECT_EQ(run(in, kObserver), expected) << "round " << i;
    EXPECT_TRUE(in.audit().empty());
    in.reset();
  }
}

TEST(Audit, CleanAfterARun) {
  vm::Interpreter in;
  run(in, "a = [1, [2]]\nd = {'k': a}\nclass C:\n    pass\nc = C()\nc.x = d\n");
  EXPECT_TRUE(in.audit().empty());
}

TEST(Audit, NoticesACorruptedCount) {
  vm::Interpreter in;
  run(in, "a = [1, 2, 3]\n");
  bool corrupted = false;
  in.heap().for_each_live([&](vm::Object* o) {
    if (!corrupted && !o->immortal && o->kind == vm::Kind::List) {
      ++o->refcnt;  // a lost decrement, as a racy decref would leave it
      corrupted = true;
    }
  });
  ASSERT_TRUE(corrupted);
  auto bad = in.audit();
  ASSERT_EQ(bad.size(), 1u);
  EXPECT_NE(bad[0].find("list"), std::string::npos) << bad[0];
  EXPECT_NE(bad[0].find("count 2 but 1 references found"), std::string::npos) << bad[0];
}

// The shared-memory announcements the atomicity models will hook into.
struct Recorder : vm::MemoryHook {
  int list_writes = 0, dict_writes = 0, dict_reads = 0, adds = 0, observed = 0;
  void access(vm::Object* o, vm::Access a) override {
    if (o->kind == vm::Kind::List && a == vm::Access::Write) ++list_writes;
    if (o->kind == vm::Kind::Dict) ++(a == vm::Access::Write ? dict_writes : dict_reads);
  }
  void count(vm::Object*, vm::CountUse u, int64_t) override {
    if (u == vm::CountUse::Add) ++adds;
    else if (u == vm::CountUse::Observe) ++observed;
  }
};

TEST(MemoryHook, SeesContainerAccessesAndCounts) {
  vm::Interpreter in;
  Recorder rec;
  in.set_memory_hook(&rec);
  std::string out = run(in, "import sys\nx = []\nx.append(1)\nx[0] = 2\nprint(sys.getrefcount(x))\n");
  in.set_memory_hook(nullptr);
  EXPECT_EQ(out, "2\n");
  EXPECT_EQ(rec.list_writes, 2);   // append and the item store
  EXPECT_GE(rec.dict_writes, 3);   // the globals sys, x (and the module's set-up)
  EXPECT_GE(rec.dict_reads, 4);    // LOAD_NAME x twice, sys, print ...
  EXPECT_GT(rec.adds, 0);           // under `gil` (the default) every change is one atomic add
  EXPECT_EQ(rec.observed, 1);      // sys.getrefcount reads the count once
}

}  // namespace
