// Reference-count changes as each atomicity model carries them out.
//
// Under the GIL models a change is one plain operation, atomic because only
// one thread runs bytecode at a time.  Without a GIL the models differ:
//
//   nogil-naive        Py_INCREF as C compiles it: load the count, add, store.
//   nogil-cas-rc       load, then compare-and-swap; a failed swap reloads and
//                      tries again after another scheduling point.  The
//                      value is that of an atomic count from the start: the
//                      model shows the swaps' contention, not lost counts.
//   nogil-atomic-rc    one atomic read-modify-write.
//   nogil-object-locks the change happens under the object's own lock.
//   free-threaded      biased counting (PEP 703, CPython 3.13t): the owner
//                      thread (ob_tid) changes its local count without
//                      atomics; any other thread adds atomically to the
//                      shared count.  Runtime objects (None, small ints,
//                      types) are immortal.
//
// The split operations (naive, cas) are where counts can be lost, and they
// are modelled without ever switching fibers in the middle of C++ code (a
// C++ frame suspended mid-operation could be left holding a pointer into a
// vector another thread reallocates, which would crash gilsim rather than
// report the race).  The load happens at the operation; the store is made
// when the thread next runs after a scheduling point, so every step of
// every other thread can fall between the two.  A thread's changes to one
// object within one step merge into one load and one store.
//
// A thread's store must not be put off past its own later writes to shared
// memory: CPython finishes Py_INCREF(v) before it stores v where other
// threads can find it, so no thread may see v published with the increment
// missing.  So when a thread first writes shared memory in a step, its
// pending stores are made there and then, and its count changes for the
// rest of the step are whole (load and store together).  What stays split is
// what a thread does between its last write and the end of its step.  A store to an
// object freed in the meantime is a use after free; a store of zero by a
// decrement frees the object, as Py_DECREF does.
//
// Objects the runtime made immortal are not subject to the split: their
// counts are never checked and they are never freed, so a lost change to
// them has no consequence gilsim can observe.
#include <fmt/format.h>

#include <unordered_map>

#include "vm/interpreter.h"

namespace vm {

void Interpreter::set_count_model(Model m) {
  switch (m) {
    case Model::Gil:
    case Model::CPython311: rc_mode_ = RcMode::Plain; break;
    case Model::NogilNaive: rc_mode_ = RcMode::Naive; break;
    case Model::NogilObjectLocks: rc_mode_ = RcMode::Locked; break;
    case Model::NogilAtomicRc: rc_mode_ = RcMode::Atomic; break;
    case Model::NogilCasRc: rc_mode_ = RcMode::Cas; break;
    case Model::FreeThreaded: rc_mode_ = RcMode::Biased; break;
  }
  // Deallocation's decrements of the children are count changes like any
  // other once the model can lose or reorder them.
  releaser_.in = this;
  heap_.releaser = rc_mode_ == RcMode::Plain ? nullptr : &releaser_;
  rc_split_ = rc_mode_ == RcMode::Naive || rc_mode_ == RcMode::Cas;
  heap_.quarantine = rc_mode_ != RcMode::Plain;
}

void Interpreter::count_plain(Ref r, int delta) {
  if (r.p->immortal) note_immortal(r.p);
  uint32_t stamp = hook_->step_stamp;
  if ((stamp == 0 || r.p->hook_stamp != stamp) && r.p->serial <= hook_->ignore_above &&
      !(r.p->immortal && hook_->immortal_change_seen)) {
    r.p->hook_stamp = stamp;
    hook_->count(r.p, CountUse::Add);
  }
  delta > 0 ? heap_.inc(r) : heap_.dec(r);
}

void Interpreter::count_change(Ref r, int delta) {  // not under a GIL: incref/decref call count_plain
  // Before a second thread exists and after the last has finished there is
  // nobody to race with (and no change is pending); immortal objects are
  // never freed nor checked.
  if (r.p->immortal || cur_ < 0 || threads_.size() < 2) {
    if (r.p->immortal) note_immortal(r.p);
    delta > 0 ? heap_.inc(r) : heap_.dec(r);
    return;
  }
  if (r.gen != r.p->gen) {
    // A use after free: the step did look at the freed object.
    hook_->count(r.p, CountUse::Load, r.p->refcnt);
    hook_->access(r.p, Access::Read);
    heap_.stale(r);
  }
  switch (rc_mode_) {
    case RcMode::Cas: {
      // The value changes at once, as one atomic instruction would leave
      // it (so counts stay right); what is split is the instruction: the
      // compare-and-swap is tried when the thread next runs, and fails, to
      // be retried after another point, when another thread changed the
      // count since this thread's load.
      ThreadState& t = current();
      int64_t before = r.p->refcnt;
      bool merged = false;
      for (auto& p : t.rc_pending)
        if (p.o == r.p) {
          p.net += delta;
          merged = true;
          hook_->count(r.p, CountUse::Rmw, before);  // the value changes now: a write
          break;
        }
      if (!merged) {
        hook_->count(r.p, CountUse::Rmw, before);
        if (t.wrote) hook_->count(r.p, CountUse::Store, before + delta);  // after a write: whole
        else t.rc_pending.push_back({r.p, r.gen, before, delta, delta < 0});
      }
      if (delta < 0 && before == 1) hook_->access(r.p, Access::Write);  // freed: a later use depends on it
      delta > 0 ? heap_.inc(r) : heap_.dec(r);
      return;
    }
    case RcMode::Naive: {
      ThreadState& t = current();
      if (t.wrote) {  // after a write in this step: load and store together
        int64_t v = r.p->refcnt;
        hook_->count(r.p, CountUse::Load, v);
        if (store_count(t, r.p, v + delta, delta < 0)) free_counted(r.p);
        return;
      }
      for (auto& p : t.rc_pending) {
        if (p.o == r.p) {
          p.net += delta;
          p.last_dec = delta < 0;
          return;
        }
      }
      hook_->count(r.p, CountUse::Load, r.p->refcnt);
      t.rc_pending.push_back({r.p, r.gen, r.p->refcnt, delta, delta < 0});
      return;
    }
    case RcMode::Biased:
      if (r.p->tid == cur_ && r.p->refcnt + delta != 0) {
        hook_->count(r.p, CountUse::Owner);
        delta > 0 ? heap_.inc(r) : heap_.dec(r);
        return;
      }
      [[fallthrough]];
    case RcMode::Atomic:
    case RcMode::Locked:
      // Reaching zero is acted on (the object is freed): an observation.
      hook_->count(r.p, delta < 0 && r.p->refcnt == 1 ? CountUse::Observe : CountUse::Add);
      delta > 0 ? heap_.inc(r) : heap_.dec(r);
      return;
    case RcMode::Plain: break;
  }
}

int64_t Interpreter::count_observe(Ref r) {
  if (rc_mode_ != RcMode::Naive) {
    hook_->count(r.p, CountUse::Observe);
    return r.p->refcnt;
  }
  if (cur_ < 0 || threads_.size() < 2) return r.p->refcnt;
  // The thread sees its own pending changes (they are in its registers).
  for (auto& p : current().rc_pending)
    if (p.o == r.p) return p.loaded + p.net;
  hook_->count(r.p, CountUse::Load, r.p->refcnt);
  return r.p->refcnt;
}

void Interpreter::note_write() {
  if (cur_ < 0 || threads_.size() < 2) return;
  ThreadState& t = current();
  if (t.wrote) return;
  t.wrote = true;
  commit_counts(t, true);
}

bool Interpreter::commit_counts(ThreadState& t, bool in_place) {
  if (t.rc_pending.empty()) return true;
  std::vector<ThreadState::PendingCount> pending;
  pending.swap(t.rc_pending);
  std::vector<Object*> to_free;
  bool all = true;
  for (size_t i = 0; i < pending.size(); ++i) {
    ThreadState::PendingCount& p = pending[i];
    Object* o = p.o;
    if (rc_mode_ == RcMode::Cas) {
      // The value is already right (see count_change); the swap itself:
      if (o->gen != p.gen) continue;  // freed by this thread's own last decrement
      if (o->refcnt != p.loaded + p.net) {
        // Another thread changed the count since the load: the swap fails.
        hook_->count(o, CountUse::Retry, o->refcnt);
        ++t.cas_failures;
        ++p.failures;
        p.loaded = o->refcnt - p.net;
        if (!in_place && opts_.cas_bound && p.failures >= opts_.cas_bound) {
          // Still pending when the run stops: this change and those not tried yet.
          t.rc_pending.insert(t.rc_pending.end(), pending.begin() + static_cast<std::ptrdiff_t>(i), pending.end());
          starvation(t, o, p.failures);
        }
        if (!in_place) {
          t.rc_pending.push_back(p);
          all = false;
          continue;
        }
        // No scheduling point can fall here: the retry succeeds at once.
      }
      hook_->count(o, CountUse::Store, o->refcnt);
      continue;
    }
    if (o->gen != p.gen) {
      hook_->count(o, CountUse::Store, p.loaded + p.net);  // the store that fails: part of the step
      throw HeapViolation(HeapViolation::What::UseAfterFree, o->serial,
                          fmt::format("use after free: {} stored the reference count of {} #{} after it was freed",
                                      t.name, kind_name(o->kind), o->serial));
    }
    if (store_count(t, o, p.loaded + p.net, p.last_dec)) to_free.push_back(o);
  }
  // Freeing drops the children's counts: new loads of this thread, made
  // after all of its stores above.
  for (Object* o : to_free) free_counted(o);
  return all;
}

bool Interpreter::store_count(ThreadState& t, Object* o, int64_t value, bool decrement) {
  hook_->count(o, CountUse::Store, value);
  o->refcnt = value;
  if (value == 0 && decrement) return true;  // Py_DECREF frees at zero
  if (value <= 0) {
    throw HeapViolation(HeapViolation::What::NegativeCount, o->serial,
                        fmt::format("reference count corrupted: {} stored {} as the count of {} #{}", t.name, value,
                                    kind_name(o->kind), o->serial));
  }
  return false;
}

void Interpreter::free_counted(Object* o) {
  hook_->access(o, Access::Write);  // freeing rewrites the whole object: a later use depends on it
  heap_.release(o);
}

void Interpreter::flush_counts(ThreadState& me) {
  while (!me.rc_pending.empty()) schedule_point(OpKind::Flush);
}

int64_t Interpreter::pending_delta(Object* o) const {
  int64_t d = 0;
  for (auto& t : threads_)
    for (auto& p : t->rc_pending)
      if (p.o == o && p.gen == o->gen) d += p.net;
  return d;
}

}  // namespace vm
