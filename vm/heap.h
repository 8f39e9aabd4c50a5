// The heap: pooled storage for every Object, reference counts, deallocation,
// and exact detection of use after free and double free.
//
// Each object kind has a pool of slots whose addresses never move.  Freeing
// an object releases what it owns, bumps its slot's generation and puts the
// slot on the pool's free list; a later allocation may reuse the slot, but
// every Ref taken before the free still carries the old generation and is
// caught on its next use (vm/object.h).  Nothing is ever returned to the
// system while the heap lives, so a stale Ref always points at a valid slot.
//
// Deallocation does not recurse: an object whose count reaches zero is queued
// and its children are released from a work list, so freeing a linked list
// of a million nodes uses no C++ stack (CPython needs its "trashcan" for this).
//
// The raw operations here (inc, dec) are the mechanism.  The interpreter
// reaches them only through vm/access.h, where the atomicity model decides
// how each one is carried out.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "vm/object.h"

namespace vm {

// What went wrong on the heap.  These are violations of the user's program
// under a GIL-less model (or bugs of gilsim under the GIL models); the
// checker reports them with the object and the step.
struct HeapViolation : std::runtime_error {
  // CountMismatch: a per-step monitor found a stored count that disagrees
  // with the references found from the roots.
  enum class What { UseAfterFree, DoubleFree, NegativeCount, CountMismatch };
  What kind_of;
  uint32_t serial;  // the object's allocation number
  HeapViolation(What w, uint32_t s, const std::string& msg)
      : std::runtime_error(msg), kind_of(w), serial(s) {}
};

const char* kind_name(Kind k);

namespace detail {

template <class T>
struct Pool {
  std::deque<T> slots;      // invariant: addresses are stable
  std::vector<T*> free;     // slots with freed == true
  // Heap::mark: the slots and the free list as they were then.
  size_t mark_size = 0;
  std::vector<T*> mark_free;
};

}  // namespace detail

// Carries out the count decrements a deallocation makes on the objects the
// freed one owned, when an atomicity model must see them (vm/refcount.cpp).
class ChildReleaser {
 public:
  virtual ~ChildReleaser() = default;
  virtual void release_child(Ref child) = 0;
};

class Heap {
 public:
  Heap();
  Heap(const Heap&) = delete;
  Heap& operator=(const Heap&) = delete;
  ~Heap();

  // A new object of kind K with a count of 1 (the caller's reference).
  template <class T>
  T* alloc(Kind k) {
    auto& pool = pool_of<T>();
    T* o;
    if (!pool.free.empty()) {
      o = pool.free.back();
      pool.free.pop_back();
    } else {
      o = &pool.slots.emplace_back();
      o->gen = 1;
    }
    o->kind = k;
    o->refcnt = 1;
    o->freed = false;
    o->immortal = false;
    o->base_refs = 0;
    o->serial = ++serial_;
    o->tid = current_thread;
    ++live_;
    return o;
  }

  static Ref ref(Object* o) { return Ref{o, o->gen}; }

  // Use-after-free check of a Ref about to be used.
  void check(Ref r) const {
    if (r.p->gen != r.gen) [[unlikely]]
      stale(r);
  }

  // The plain operations (no model): a count change and, at zero, a free.
  void inc(Ref r) {
    check(r);
    if (tallying) [[unlikely]]
      tally_change(r.p);
    ++r.p->refcnt;
  }
  void dec(Ref r) {
    check(r);
    if (tallying) [[unlikely]]
      tally_change(r.p);
    if (--r.p->refcnt == 0) [[unlikely]]
      release(r.p);
  }

  // Count changes so far, when `tallying` (`gilsim simulate` charges each
  // as its model makes it): of immortal objects, of objects the changing
  // thread made (free-threaded's biased fast path), and of others.
  struct Tally {
    uint64_t immortal = 0, owned = 0, shared = 0;
  };
  Tally tally;
  bool tallying = false;
  void tally_change(const Object* o) {
    if (o->immortal) ++tally.immortal;
    else if (o->tid == current_thread) ++tally.owned;
    else ++tally.shared;
  }

  // Frees an object whose count is zero: queues it and drains the queue,
  // releasing children.  A second free of the same object is a DoubleFree.
  void release(Object* o);

  // The thread that allocates now (stamped into Object::tid).
  int32_t current_thread = 0;
  // Set when the atomicity model can free objects that are still in use
  // (counts lost without a GIL): a freed object keeps its contents and its
  // slot is never reused, so C++ code reading it through a stale Ref reads
  // what it held, never another object, until a checked use reports the use
  // after free.  An execution's freed objects then stay allocated until its
  // heap is destroyed.
  bool quarantine = false;
  // Null: a deallocation drops its children's counts itself (plain).
  ChildReleaser* releaser = nullptr;
  // When set, a deallocation that drops an immortal child's count itself
  // notes the child here, once per log_stamp (see Interpreter::reset).
  std::vector<Object*>* immortal_log = nullptr;
  uint32_t log_stamp = 0;

  // Objects alive now (allocated and not freed), immortals included.
  size_t live() const { return live_; }
  uint32_t allocations() const { return serial_; }

  // Calls f on every live object.
  void for_each_live(const std::function<void(Object*)>& f);

  // Remembers the heap as it is now (the runtime's objects, after the
  // interpreter's start-up).  reset() then forgets every object allocated
  // since: their slots are dropped or emptied and the free lists, the
  // allocation serial and the live count are what they were at the mark,
  // so the next allocations are numbered as in a new heap.  The objects
  // alive at the mark are left as they are (the interpreter restores what
  // an execution may have changed in them).  No Ref to an object allocated
  // after the mark may be used after reset().
  void mark();
  void reset();
  // Calls f on every object alive at the mark (in allocation-pool order).
  void for_each_marked(const std::function<void(Object*)>& f);
  // Calls f on every live object allocated since the mark.
  template <class F>
  void for_each_live_since_mark(F&& f) {
    for_each_pool([&](auto& pool) {
      for (auto* o : pool.mark_free)
        if (!o->freed) f(o);
      for (size_t i = pool.mark_size; i < pool.slots.size(); ++i)
        if (!pool.slots[i].freed) f(&pool.slots[i]);
    });
  }

  // Calls f on every Ref that object `o` owns (CPython's tp_traverse).
  static void traverse(Object* o, const std::function<void(Ref)>& f);
  // The same without the std::function (hot loops: the audit).
  template <class F>
  static void for_each_ref(Object* o, F&& f);

  // Called when a Ref's generation is stale.  Throws HeapViolation.
  [[noreturn]] void stale(Ref r) const;

  // The serial of the object a stale Ref pointed at when it was made is not
  // known any more; the heap remembers, per slot, the serial of the last
  // object freed there so reports can name it.
  std::string describe(Ref r) const;

 private:
  template <class T>
  detail::Pool<T>& pool_of();
  template <class F>
  void for_each_pool(F&& f);
  void destroy(Object* o);  // release children, reset payload, mark freed

  detail::Pool<IntObj> ints_;
  detail::Pool<FloatObj> floats_;
  detail::Pool<StrObj> strs_;
  detail::Pool<TupleObj> tuples_;
  detail::Pool<ListObj> lists_;
  detail::Pool<DictObj> dicts_;
  detail::Pool<SliceObj> slices_;
  detail::Pool<RangeObj> ranges_;
  detail::Pool<IterObj> iters_;
  detail::Pool<CodeObj> codes_;
  detail::Pool<FunctionObj> functions_;
  detail::Pool<BuiltinObj> builtins_;
  detail::Pool<BoundMethodObj> methods_;
  detail::Pool<CellObj> cells_;
  detail::Pool<ClassObj> classes_;
  detail::Pool<InstanceObj> instances_;
  detail::Pool<PropertyObj> properties_;
  detail::Pool<WrapperObj> wrappers_;
  detail::Pool<ModuleObj> modules_;
  detail::Pool<SyncObj> syncs_;
  detail::Pool<Object> plain_;  // None, NotImplemented, Ellipsis, bools

  std::vector<Object*> pending_;  // objects at zero whose children are being released
  bool draining_ = false;
  uint32_t serial_ = 0;
  size_t live_ = 0;
  uint32_t mark_serial_ = 0;
  size_t mark_live_ = 0;
};

template <class F>
void Heap::for_each_pool(F&& f) {
  f(ints_);
  f(floats_);
  f(strs_);
  f(tuples_);
  f(lists_);
  f(dicts_);
  f(slices_);
  f(ranges_);
  f(iters_);
  f(codes_);
  f(functions_);
  f(builtins_);
  f(methods_);
  f(cells_);
  f(classes_);
  f(instances_);
  f(properties_);
  f(wrappers_);
  f(modules_);
  f(syncs_);
  f(plain_);
}

template <class F>
void Heap::for_each_ref(Object* o, F&& f) {
  auto visit = [&](const Ref& r) {
    if (r) f(r);
  };
  switch (o->kind) {
    case Kind::Tuple:
      for (auto& r : static_cast<TupleObj*>(o)->items) visit(r);
      break;
    case Kind::List:
      for (auto& r : static_cast<ListObj*>(o)->items) visit(r);
      break;
    case Kind::Dict:
      for (auto& e : static_cast<DictObj*>(o)->entries) {
        visit(e.key);
        visit(e.value);
      }
      break;
    case Kind::Slice: {
      auto* s = static_cast<SliceObj*>(o);
      visit(s->start);
      visit(s->stop);
      visit(s->step);
      break;
    }
    case Kind::Iter:
    case Kind::DictView: {
      auto* it = static_cast<IterObj*>(o);
      visit(it->a);
      visit(it->b);
      break;
    }
    case Kind::Code:
      for (auto& r : static_cast<CodeObj*>(o)->consts) visit(r);
      for (auto& r : static_cast<CodeObj*>(o)->names) visit(r);
      break;
    case Kind::Function: {
      auto* fn = static_cast<FunctionObj*>(o);
      for (Ref* r : {&fn->code, &fn->globals, &fn->name, &fn->qualname, &fn->defaults,
                     &fn->kwdefaults, &fn->closure, &fn->doc, &fn->dict, &fn->module})
        visit(*r);
      break;
    }
    case Kind::Builtin:
      visit(static_cast<BuiltinObj*>(o)->self);
      break;
    case Kind::BoundMethod:
      visit(static_cast<BoundMethodObj*>(o)->func);
      visit(static_cast<BoundMethodObj*>(o)->self);
      break;
    case Kind::Cell:
      visit(static_cast<CellObj*>(o)->value);
      break;
    case Kind::Class: {
      auto* c = static_cast<ClassObj*>(o);
      visit(c->dict);
      for (auto& b : c->bases) visit(b);
      break;
    }
    case Kind::Instance: {
      auto* i = static_cast<InstanceObj*>(o);
      visit(i->cls);
      visit(i->dict);
      visit(i->args);
      visit(i->cause);
      visit(i->context);
      for (auto& t : i->tb) visit(t.code);
      break;
    }
    case Kind::Property: {
      auto* p = static_cast<PropertyObj*>(o);
      visit(p->fget);
      visit(p->fset);
      visit(p->fdel);
      visit(p->doc);
      break;
    }
    case Kind::StaticMethod:
    case Kind::ClassMethod:
      visit(static_cast<WrapperObj*>(o)->func);
      break;
    case Kind::Module:
      visit(static_cast<ModuleObj*>(o)->dict);
      break;
    case Kind::Sync:
      visit(static_cast<SyncObj*>(o)->lock);
      break;
    default:
      break;
  }
}

}  // namespace vm
