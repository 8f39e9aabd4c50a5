// The built-in modules gilsim provides (threading, time, sys, and the
// builtins that are classes: int, str, range, property, ...), plus value
// formatting (format specs, % formatting).
#include <fmt/format.h>

#include <cmath>
#include <cstdio>

#include "vm/check.h"
#include "vm/interpreter.h"
#include "vm/objects_impl.h"

namespace vm {

namespace {

int nkw_of(Ref kwnames) {
  return kwnames ? static_cast<int>(static_cast<TupleObj*>(kwnames.p)->items.size()) : 0;
}

// Looks up keyword `name` among a call's keyword arguments; borrowed or null.
Ref kwarg(const Ref* args, int nargs, Ref kwnames, std::string_view name) {
  int nkw = nkw_of(kwnames);
  for (int k = 0; k < nkw; ++k)
    if (str_of(static_cast<TupleObj*>(kwnames.p)->items[static_cast<size_t>(k)]) == name)
      return args[nargs - nkw + k];
  return {};
}

void add_method(Interpreter& in, Ref cls, const char* name, NativeFn fn) {
  Ref m = in.new_builtin(name, fn, {}, as_class(cls)->name);
  static_cast<BuiltinObj*>(m.p)->method = true;
  in.dict_set_str(as_class(cls)->dict, name, m);
  in.decref(m);
}

void add_fn(Interpreter& in, Ref dict, const char* name, NativeFn fn) {
  Ref f = in.new_builtin(name, fn);
  in.dict_set_str(dict, name, f);
  in.decref(f);
}

Ref new_module(Interpreter& in, const char* name) {
  ModuleObj* m = in.heap().alloc<ModuleObj>(Kind::Module);
  m->name = name;
  m->dict = in.new_dict();
  Ref r = Heap::ref(m);
  Ref n = in.new_str(name);
  in.dict_set_str(m->dict, "__name__", n);
  in.decref(n);
  in.dict_set_str(in.modules_dict(), name, r);
  return r;  // the caller drops it; sys.modules keeps it
}

Ref mdict(Ref m) { return static_cast<ModuleObj*>(m.p)->dict; }

// ---- classes that are builtins

Ref range_ctor(Interpreter& in, Ref, const Ref* args, int nargs, Ref kwnames) {
  if (nkw_of(kwnames)) in.type_error("range() takes no keyword arguments");
  if (nargs < 1 || nargs > 3)
    in.type_error(nargs < 1 ? "range expected at least 1 argument, got 0"
                            : fmt::format("range expected at most 3 arguments, got {}", nargs));
  int64_t v[3] = {0, 0, 1};
  for (int i = 0; i < nargs; ++i) {
    if (!is_int(args[i]))
      in.type_error(fmt::format("'{}' object cannot be interpreted as an integer", in.type_name(args[i])));
    if (!int_small(args[i], v[i])) in.raise(in.exc_.OverflowError, "Python int too large to convert to C ssize_t");
  }
  if (nargs == 3 && v[2] == 0) in.value_error("range() arg 3 must not be zero");
  RangeObj* r = in.heap().alloc<RangeObj>(Kind::Range);
  if (nargs == 1) {
    r->stop = v[0];
  } else {
    r->start = v[0];
    r->stop = v[1];
    if (nargs == 3) {
      if (v[2] == 0) in.value_error("range() arg 3 must not be zero");
      r->step = v[2];
    }
  }
  return Heap::ref(r);
}

Ref property_ctor(Interpreter& in, Ref, const Ref* args, int nargs, Ref kwnames) {
  PropertyObj* p = in.heap().alloc<PropertyObj>(Kind::Property);
  int npos = nargs - nkw_of(kwnames);
  Ref* slots[4] = {&p->fget, &p->fset, &p->fdel, &p->doc};
  for (int i = 0; i < npos && i < 4; ++i) *slots[i] = in.is_none(args[i]) ? Ref{} : in.newref(args[i]);
  const char* names[4] = {"fget", "fset", "fdel", "doc"};
  for (int i = 0; i < 4; ++i) {
    Ref v = kwarg(args, nargs, kwnames, names[i]);
    if (v && !in.is_none(v)) *slots[i] = in.newref(v);
  }
  return Heap::ref(p);
}

Ref wrapper_ctor(Interpreter& in, const Ref* args, int nargs, Kind k) {
  if (nargs != 1) in.type_error("expected 1 argument");
  WrapperObj* w = in.heap().alloc<WrapperObj>(k);
  w->func = in.newref(args[0]);
  return Heap::ref(w);
}

Ref staticmethod_ctor(Interpreter& in, Ref, const Ref* args, int nargs, Ref) {
  return wrapper_ctor(in, args, nargs, Kind::StaticMethod);
}
Ref classmethod_ctor(Interpreter& in, Ref, const Ref* args, int nargs, Ref) {
  return wrapper_ctor(in, args, nargs, Kind::ClassMethod);
}

Ref object_ctor(Interpreter& in, Ref, const Ref*, int nargs, Ref) {
  if (nargs) in.type_error("object() takes no arguments");
  InstanceObj* o = in.heap().alloc<InstanceObj>(Kind::Instance);
  o->cls = in.newref(in.types_.object);
  return Heap::ref(o);
}

Ref exc_init(Interpreter& in, Ref self, const Ref* args, int nargs, Ref kwnames) {
  // BaseException.__init__(self, *args) stores args.
  auto* e = static_cast<InstanceObj*>(self.p);
  std::vector<Ref> a;
  for (int i = 0; i < nargs - nkw_of(kwnames); ++i) a.push_back(in.newref(args[i]));
  in.assign(e->args, in.new_tuple(std::move(a)));
  return in.none();
}

Ref object_init(Interpreter& in, Ref, const Ref*, int, Ref) { return in.none(); }

// super() without arguments: the __class__ cell and the first argument of
// the calling frame, as super_init_without_args does.
Ref super_ctor(Interpreter& in, Ref, const Ref* args, int nargs, Ref) {
  Ref cls, self;
  if (nargs == 2) {
    cls = args[0];
    self = args[1];
  } else if (nargs == 0) {
    Frame* f = in.current().frame;
    if (!f || !f->func) in.raise(in.exc_.RuntimeError, "super(): no arguments");
    const Code& co = *f->code->code;
    if (co.argcount == 0 || !f->fast[0]) in.raise(in.exc_.RuntimeError, "super(): no arguments");
    self = f->fast[0];
    if (self.p->kind == Kind::Cell) self = static_cast<CellObj*>(self.p)->value;
    for (size_t i = 0; i < co.localsplusnames.size(); ++i)
      if (co.localsplusnames[i] == "__class__" && f->fast[i]) cls = static_cast<CellObj*>(f->fast[i].p)->value;
    if (!cls) in.raise(in.exc_.RuntimeError, "super(): __class__ cell not found");
  } else {
    in.type_error("super() takes 0 or 2 arguments in gilsim");
  }
  // A super object: an instance of `super` carrying the class and self.
  InstanceObj* o = in.heap().alloc<InstanceObj>(Kind::Instance);
  Ref sup = in.dict_get_str(in.builtins_dict(), "super");
  o->cls = in.newref(sup);
  o->dict = in.new_dict();
  in.dict_set_str(o->dict, "__thisclass__", cls);
  in.dict_set_str(o->dict, "__self__", self);
  return Heap::ref(o);
}

// ---- threading

Ref thread_init(Interpreter& in, Ref self, const Ref* args, int nargs, Ref kwnames) {
  static const char* const kNames[] = {"group", "target", "name", "args", "kwargs"};
  int npos = nargs - nkw_of(kwnames);
  Ref vals[5] = {};
  for (int i = 0; i < npos && i < 5; ++i) vals[i] = args[i];
  for (int i = 0; i < 5; ++i)
    if (Ref v = kwarg(args, nargs, kwnames, kNames[i])) vals[i] = v;
  Ref daemon = kwarg(args, nargs, kwnames, "daemon");
  Ref d = static_cast<InstanceObj*>(self.p)->dict;
  ClassObj* cls = as_class(static_cast<InstanceObj*>(self.p)->cls);
  bool process = cls->is_process;
  std::string name;
  if (vals[2] && !in.is_none(vals[2])) {
    name = in.str_s(vals[2]);
  } else if (process) {
    // multiprocessing names a process by its class: Process-1, Worker-2.
    name = fmt::format("{}-{}", cls->name, ++in.process_counter);
  } else {
    name = fmt::format("Thread-{}", ++in.thread_counter);
    if (vals[1] && vals[1].p->kind == Kind::Function)
      name += " (" + str_of(static_cast<FunctionObj*>(vals[1].p)->name) + ")";
  }
  Ref tgt = vals[1] ? vals[1] : in.none_ref();
  in.dict_set_str(d, "_target", tgt);
  Ref a = vals[3] ? in.newref(vals[3]) : in.new_tuple({});
  in.dict_set_str(d, "_args", a);
  in.decref(a);
  Ref kw = vals[4] && !in.is_none(vals[4]) ? in.newref(vals[4]) : in.new_dict();
  in.dict_set_str(d, "_kwargs", kw);
  in.decref(kw);
  Ref n = in.new_str(name);
  in.dict_set_str(d, "name", n);
  in.decref(n);
  in.dict_set_str(d, "daemon", daemon && !in.is_none(daemon) ? daemon : in.false_);
  if (process) in.dict_set_str(d, "exitcode", in.none_ref());
  return in.none();
}

Ref thread_start(Interpreter& in, Ref self, const Ref*, int, Ref) {
  auto* inst = static_cast<InstanceObj*>(self.p);
  if (in.spawner && as_class(inst->cls)->is_process) {
    if (inst->native != -1) in.raise(in.exc_.RuntimeError, "processes can only be started once");
    in.spawned[self.p] = in.spawner(self);
    inst->native = -2;  // in its own interpreter
    return in.none();
  }
  in.start_thread(self);
  return in.none();
}

// A spawned process's join: waits (without the GIL) until it ends.
Ref process_join(Interpreter& in, Ref self, Ref timeout) {
  SpawnedProcess& p = in.spawned[self.p];
  int64_t deadline = timeout && !in.is_none(timeout) ? in.now() + static_cast<int64_t>(float_of(in, timeout) * 1e9) : 0;
  while (in.now() < p.end) {
    if (deadline && in.now() >= deadline) return in.none();
    in.current().wake_at = deadline ? std::min(deadline, p.end) : p.end;
    in.block_on(self.p);
  }
  Ref code = in.new_int(p.exit_code);
  in.dict_set_str(static_cast<InstanceObj*>(self.p)->dict, "exitcode", code);
  in.decref(code);
  if (!p.reported) {  // what it printed shows once it is known to have ended
    p.reported = true;
    in.out() += p.output;
  }
  return in.none();
}

Ref thread_run(Interpreter& in, Ref self, const Ref*, int, Ref) {
  Ref d = static_cast<InstanceObj*>(self.p)->dict;
  Ref target = in.dict_get_str(d, "_target");
  if (target && !in.is_none(target)) {
    Ref t = in.newref(target);
    Ref args = in.newref(in.dict_get_str(d, "_args"));
    Ref kwargs = in.newref(in.dict_get_str(d, "_kwargs"));
    std::vector<Ref> all = in.unpack_iterable(args);
    std::vector<Ref> names;
    for (auto& e : static_cast<DictObj*>(kwargs.p)->entries) {
      if (!e.key) continue;
      names.push_back(in.newref(e.key));
      all.push_back(in.newref(e.value));
    }
    Ref kwn = names.empty() ? Ref{} : in.new_tuple(std::move(names));
    auto& held = in.current().held;
    size_t mark = held.size();
    held.insert(held.end(), {t, args, kwargs});
    held.insert(held.end(), all.begin(), all.end());
    if (kwn) held.push_back(kwn);
    auto cleanup = [&] {
      held.resize(mark);
      // Thread.run's finally: del self._target, self._args, self._kwargs.
      for (const char* k : {"_target", "_args", "_kwargs"}) {
        Ref key = in.intern(k);
        in.dict_del(d, key);
        in.decref(key);
      }
      in.xdecref(kwn);
      for (auto& x : all) in.decref(x);
      in.decref(t);
      in.decref(args);
      in.decref(kwargs);
    };
    Ref r;
    try {
      r = in.call(t, all.data(), static_cast<int>(all.size()), kwn);
    } catch (...) {
      cleanup();
      throw;
    }
    cleanup();
    in.decref(r);
  }
  return in.none();
}

Ref thread_join(Interpreter& in, Ref self, const Ref* args, int nargs, Ref kwnames) {
  auto* inst = static_cast<InstanceObj*>(self.p);
  Ref timeout = nargs - nkw_of(kwnames) > 0 ? args[0] : kwarg(args, nargs, kwnames, "timeout");
  if (inst->native == -2) return process_join(in, self, timeout);
  if (inst->native < 0) in.raise(in.exc_.RuntimeError, "cannot join thread before it is started");
  if (inst->native == in.current().id) in.raise(in.exc_.RuntimeError, "cannot join current thread");
  ThreadState* t = in.thread(static_cast<int>(inst->native));
  int64_t deadline = 0;
  if (timeout && !in.is_none(timeout)) deadline = in.now() + static_cast<int64_t>(float_of(in, timeout) * 1e9);
  for (;;) {
    in.touch(self, Access::Read);  // a step on the thread, ordered after its exit
    if (t->status == ThreadStatus::Done) break;
    if (deadline) {
      if (in.now() >= deadline) break;
      in.current().wake_at = deadline;
    }
    in.block_retry(self.p);
  }
  return in.none();
}

Ref thread_is_alive(Interpreter& in, Ref self, const Ref*, int, Ref) {
  auto* inst = static_cast<InstanceObj*>(self.p);
  if (inst->native == -2) return in.boolean(in.now() < in.spawned[self.p].end);
  ThreadState* t = in.thread(static_cast<int>(inst->native));
  if (inst->native >= 0) in.touch(self, Access::Read);
  return in.boolean(inst->native >= 0 && t && t->status != ThreadStatus::Done);
}

SyncObj* sync(Ref r) { return static_cast<SyncObj*>(r.p); }

Ref new_sync(Interpreter& in, SyncObj::Sub sub) {
  SyncObj* s = in.heap().alloc<SyncObj>(Kind::Sync);
  s->sub = sub;
  return Heap::ref(s);
}

Ref lock_ctor(Interpreter& in, Ref, const Ref*, int, Ref) { return new_sync(in, SyncObj::Sub::Lock); }
Ref rlock_ctor(Interpreter& in, Ref, const Ref*, int, Ref) { return new_sync(in, SyncObj::Sub::RLock); }
Ref event_ctor(Interpreter& in, Ref, const Ref*, int, Ref) { return new_sync(in, SyncObj::Sub::Event); }
Ref semaphore_ctor(Interpreter& in, Ref, const Ref* args, int nargs, Ref) {
  Ref s = new_sync(in, SyncObj::Sub::Semaphore);
  sync(s)->count = 1;
  if (nargs > 0) {
    int64_t v = in.index_value(args[0], "semaphore");
    if (v < 0) in.value_error("semaphore initial value must be >= 0");
    sync(s)->count = v;
  }
  return s;
}
Ref condition_ctor(Interpreter& in, Ref, const Ref* args, int nargs, Ref) {
  Ref c = new_sync(in, SyncObj::Sub::Condition);
  sync(c)->lock = nargs > 0 && !in.is_none(args[0]) ? in.newref(args[0]) : new_sync(in, SyncObj::Sub::RLock);
  return c;
}

// Wakes every thread blocked on `o` (they re-check their condition).
void wake_waiters(Interpreter& in, Object* o) {
  for (int i = 0; i < in.thread_count(); ++i) {
    ThreadState* t = in.thread(i);
    if (t->status == ThreadStatus::Blocked && t->waiting_on == o) in.wake(i);
  }
}

// Acquires lock/rlock/semaphore `s`; returns false on a timeout or a failed
// non-blocking attempt.  A contended acquire releases the GIL.
bool acquire(Interpreter& in, Ref s, bool blocking, double timeout) {
  SyncObj* l = sync(s);
  int me = in.current().id;
  int64_t deadline = timeout >= 0 ? in.now() + static_cast<int64_t>(timeout * 1e9) : 0;
  for (;;) {
    in.touch(s, Access::Write);  // each attempt, also after a wake-up, is a step on the lock
    if (l->sub == SyncObj::Sub::Semaphore) {
      if (l->count > 0) {
        --l->count;
        return true;
      }
    } else if (l->owner < 0) {
      l->owner = me;
      l->count = 1;
      return true;
    } else if (l->sub == SyncObj::Sub::RLock && l->owner == me) {
      ++l->count;
      return true;
    }
    if (!blocking) return false;
    if (deadline && in.now() >= deadline) return false;
    in.current().timed_out = false;
    if (deadline) in.current().wake_at = deadline;
    in.block_retry(s.p);
  }
}

void release(Interpreter& in, Ref s) {
  in.touch(s, Access::Write);
  SyncObj* l = sync(s);
  if (l->sub == SyncObj::Sub::Semaphore) {
    ++l->count;
  } else {
    if (l->owner < 0) in.raise(in.exc_.RuntimeError, "release unlocked lock");
    if (l->sub == SyncObj::Sub::RLock && l->owner != in.current().id)
      in.raise(in.exc_.RuntimeError, "cannot release un-acquired lock");
    if (--l->count > 0) return;
    l->owner = -1;
  }
  wake_waiters(in, s.p);
}

Ref lock_acquire(Interpreter& in, Ref self, const Ref* args, int nargs, Ref kwnames) {
  int npos = nargs - nkw_of(kwnames);
  Ref b = npos > 0 ? args[0] : kwarg(args, nargs, kwnames, "blocking");
  Ref t = npos > 1 ? args[1] : kwarg(args, nargs, kwnames, "timeout");
  bool blocking = !b || in.truthy(b);
  double timeout = t ? float_of(in, t) : -1;
  if (sync(self)->sub == SyncObj::Sub::Condition) self = sync(self)->lock;
  return in.boolean(acquire(in, self, blocking, timeout));
}

Ref lock_release(Interpreter& in, Ref self, const Ref*, int, Ref) {
  if (sync(self)->sub == SyncObj::Sub::Condition) self = sync(self)->lock;
  release(in, self);
  return in.none();
}

Ref lock_enter(Interpreter& in, Ref self, const Ref*, int, Ref) {
  Ref l = sync(self)->sub == SyncObj::Sub::Condition ? sync(self)->lock : self;
  acquire(in, l, true, -1);
  return sync(self)->sub == SyncObj::Sub::Lock || sync(self)->sub == SyncObj::Sub::RLock ? in.boolean(true)
                                                                                       : in.newref(self);
}

Ref lock_exit(Interpreter& in, Ref self, const Ref*, int, Ref) {
  Ref l = sync(self)->sub == SyncObj::Sub::Condition ? sync(self)->lock : self;
  release(in, l);
  return in.none();
}

Ref lock_locked(Interpreter& in, Ref self, const Ref*, int, Ref) {
  in.touch(self, Access::Read);
  return in.boolean(sync(self)->owner >= 0);
}

Ref cond_wait(Interpreter& in, Ref self, const Ref* args, int nargs, Ref kwnames) {
  SyncObj* c = sync(self);
  SyncObj* l = sync(c->lock);
  int me = in.current().id;
  if (l->owner != me) in.raise(in.exc_.RuntimeError, "cannot wait on un-acquired lock");
  Ref t = nargs - nkw_of(kwnames) > 0 ? args[0] : kwarg(args, nargs, kwnames, "timeout");
  in.touch(self, Access::Write);
  int64_t saved = l->count;
  l->count = 1;
  release(in, c->lock);
  c->waiters.push_back(me);
  if (t && !in.is_none(t)) in.current().wake_at = in.now() + static_cast<int64_t>(float_of(in, t) * 1e9);
  in.current().timed_out = false;
  bool notified = false;
  while (!notified) {
    in.block_on(self.p);
    in.touch(self, Access::Read);
    notified = std::find(c->waiters.begin(), c->waiters.end(), me) == c->waiters.end();
    if (!notified && in.current().timed_out) {
      c->waiters.erase(std::find(c->waiters.begin(), c->waiters.end(), me));
      break;
    }
  }
  acquire(in, c->lock, true, -1);
  l->count = saved;
  return in.boolean(notified);
}

Ref cond_notify_n(Interpreter& in, Ref self, int64_t n) {
  in.touch(self, Access::Write);
  SyncObj* c = sync(self);
  if (sync(c->lock)->owner != in.current().id) in.raise(in.exc_.RuntimeError, "cannot notify on un-acquired lock");
  while (n-- > 0 && !c->waiters.empty()) {
    int t = c->waiters.front();
    c->waiters.erase(c->waiters.begin());
    in.wake(t);
  }
  return in.none();
}

Ref cond_notify(Interpreter& in, Ref self, const Ref* args, int nargs, Ref) {
  return cond_notify_n(in, self, nargs > 0 ? in.index_value(args[0], "notify") : 1);
}
Ref cond_notify_all(Interpreter& in, Ref self, const Ref*, int, Ref) {
  return cond_notify_n(in, self, INT64_MAX);
}

Ref event_set(Interpreter& in, Ref self, const Ref*, int, Ref) {
  in.touch(self, Access::Write);
  sync(self)->flag = true;
  wake_waiters(in, self.p);
  return in.none();
}
Ref event_clear(Interpreter& in, Ref self, const Ref*, int, Ref) {
  in.touch(self, Access::Write);
  sync(self)->flag = false;
  return in.none();
}
Ref event_is_set(Interpreter& in, Ref self, const Ref*, int, Ref) {
  in.touch(self, Access::Read);
  return in.boolean(sync(self)->flag);
}
Ref event_wait(Interpreter& in, Ref self, const Ref* args, int nargs, Ref kwnames) {
  Ref t = nargs - nkw_of(kwnames) > 0 ? args[0] : kwarg(args, nargs, kwnames, "timeout");
  int64_t deadline = t && !in.is_none(t) ? in.now() + static_cast<int64_t>(float_of(in, t) * 1e9) : 0;
  for (;;) {
    in.touch(self, Access::Read);
    if (sync(self)->flag) break;
    if (deadline && in.now() >= deadline) break;
    if (deadline) in.current().wake_at = deadline;
    in.block_retry(self.p);
  }
  return in.boolean(sync(self)->flag);
}

Ref current_thread(Interpreter& in, Ref, const Ref*, int, Ref) {
  ThreadState& t = in.current();
  if (!t.thread_obj) {
    // The main thread's Thread object is made on first use (_MainThread).
    InstanceObj* o = in.heap().alloc<InstanceObj>(Kind::Instance);
    o->cls = in.newref(in.types_.thread);
    o->dict = in.new_dict();
    Ref n = in.new_str(t.name);
    in.dict_set_str(o->dict, "name", n);
    in.decref(n);
    in.dict_set_str(o->dict, "daemon", in.false_);
    o->native = t.id;
    t.thread_obj = Heap::ref(o);
  }
  return in.newref(t.thread_obj);
}

Ref main_thread(Interpreter& in, Ref self, const Ref* args, int nargs, Ref kw) {
  if (in.current().id == 0) return current_thread(in, self, args, nargs, kw);
  ThreadState* t = in.thread(0);
  if (!t->thread_obj) in.type_error("gilsim: main_thread() before the main thread's object exists");
  return in.newref(t->thread_obj);
}

Ref active_count(Interpreter& in, Ref, const Ref*, int, Ref) {
  int n = 0;
  for (int i = 0; i < in.thread_count(); ++i)
    if (in.thread(i)->status != ThreadStatus::Done) ++n;
  return in.new_int(n);
}

Ref get_ident(Interpreter& in, Ref, const Ref*, int, Ref) { return in.new_int(140000000000000 + in.current().id); }

// ---- time

Ref time_sleep(Interpreter& in, Ref, const Ref* args, int nargs, Ref) {
  if (nargs != 1) in.type_error(fmt::format("time.sleep() takes exactly one argument ({} given)", nargs));
  double s = float_of(in, args[0]);
  if (s < 0) in.value_error("sleep length must be non-negative");
  in.sleep(static_cast<int64_t>(s * 1e9));
  return in.none();
}
Ref time_perf_counter(Interpreter& in, Ref, const Ref*, int, Ref) { return in.new_float(static_cast<double>(in.now()) / 1e9); }
Ref time_time(Interpreter& in, Ref, const Ref*, int, Ref) {
  return in.new_float(1.7e9 + static_cast<double>(in.now()) / 1e9);
}
Ref time_ns(Interpreter& in, Ref, const Ref*, int, Ref) { return in.new_int(in.now()); }

// ---- sys

Ref sys_getrefcount(Interpreter& in, Ref, const Ref* args, int nargs, Ref) {
  if (nargs != 1) in.type_error(fmt::format("sys.getrefcount() takes exactly one argument ({} given)", nargs));
  return in.new_int(in.refcount_of(args[0]));
}
Ref sys_setswitchinterval(Interpreter& in, Ref, const Ref* args, int nargs, Ref) {
  if (nargs != 1) in.type_error("setswitchinterval() takes exactly one argument");
  double v = float_of(in, args[0]);
  if (v <= 0) in.value_error("switch interval must be strictly positive");
  in.switch_interval = v;
  return in.none();
}
Ref sys_getswitchinterval(Interpreter& in, Ref, const Ref*, int, Ref) { return in.new_float(in.switch_interval); }
Ref sys_exit(Interpreter& in, Ref, const Ref* args, int nargs, Ref) {
  std::vector<Ref> a;
  if (nargs > 0) a.push_back(in.newref(args[0]));
  in.raise_obj(in.new_exception(in.exc_.SystemExit, std::move(a)));
}
Ref sys_intern(Interpreter& in, Ref, const Ref* args, int nargs, Ref) {
  if (nargs != 1 || args[0].p->kind != Kind::Str) in.type_error("intern() argument must be str");
  return in.newref(args[0]);
}

// ---- gilsim

Ref gilsim_native(Interpreter& in, Ref, const Ref* args, int nargs, Ref kwnames) {
  if (nargs - nkw_of(kwnames) < 1) in.type_error("gilsim.native(ms, release_gil=False)");
  double ms = float_of(in, args[0]);
  Ref rel = kwarg(args, nargs, kwnames, "release_gil");
  if (!rel && nargs - nkw_of(kwnames) > 1) rel = args[1];
  if (!(ms >= 0 && ms <= 3.6e6)) in.raise(in.exc_.ValueError, "gilsim.native: the time must be from 0 to 3,600,000 ms");
  if (rel && in.truthy(rel)) in.sleep(static_cast<int64_t>(ms * 1e6));
  else in.busy(static_cast<int64_t>(ms * 1e6));
  return in.none();
}

}  // namespace

Ref property_copier(Interpreter& in, Ref prop, const std::string& which) {
  // prop.setter / prop.getter / prop.deleter: a bound builtin that copies.
  static auto make = [](Interpreter& in2, Ref self, const Ref* args, int nargs, int slot) -> Ref {
    if (nargs != 1) in2.type_error("expected one argument");
    auto* p = static_cast<PropertyObj*>(self.p);
    PropertyObj* q = in2.heap().alloc<PropertyObj>(Kind::Property);
    Ref src[4] = {p->fget, p->fset, p->fdel, p->doc};
    src[slot] = args[0];
    Ref* dst[4] = {&q->fget, &q->fset, &q->fdel, &q->doc};
    for (int i = 0; i < 4; ++i) *dst[i] = src[i] ? in2.newref(src[i]) : Ref{};
    return Heap::ref(q);
  };
  NativeFn fn = which == "getter" ? NativeFn([](Interpreter& a, Ref s, const Ref* x, int n, Ref) { return make(a, s, x, n, 0); })
                : which == "setter" ? NativeFn([](Interpreter& a, Ref s, const Ref* x, int n, Ref) { return make(a, s, x, n, 1); })
                                    : NativeFn([](Interpreter& a, Ref s, const Ref* x, int n, Ref) { return make(a, s, x, n, 2); });
  return in.new_builtin(which, fn, prop, "property");
}

void Interpreter::init_builtins() {
  register_builtins(*this);
  Ref b = builtins_;
  add_fn(*this, b, "__build_class__", [](Interpreter& in, Ref, const Ref* a, int n, Ref k) {
    return in.build_class(a, n, k);
  });
  // Classes that are builtins: a function of the same name registered by
  // register_builtins becomes the class's constructor.
  struct {
    const char* name;
    Ref cls;
  } classes[] = {{"int", types_.int_},      {"bool", types_.bool_},   {"float", types_.float_},
                 {"str", types_.str},       {"tuple", types_.tuple},  {"list", types_.list},
                 {"dict", types_.dict},     {"range", types_.range},  {"object", types_.object},
                 {"type", types_.type},     {"property", types_.property},
                 {"staticmethod", types_.staticmethod}, {"classmethod", types_.classmethod}};
  for (auto& c : classes) {
    Ref f = dict_get_str(b, c.name);
    if (f && f.p->kind == Kind::Builtin) as_class(c.cls)->ctor = static_cast<BuiltinObj*>(f.p)->fn;
    dict_set_str(b, c.name, c.cls);
  }
  as_class(types_.range)->ctor = range_ctor;
  as_class(types_.property)->ctor = property_ctor;
  as_class(types_.staticmethod)->ctor = staticmethod_ctor;
  as_class(types_.classmethod)->ctor = classmethod_ctor;
  as_class(types_.object)->ctor = object_ctor;
  add_method(*this, types_.object, "__init__", object_init);
  add_method(*this, exc_.BaseException, "__init__", exc_init);
  Ref super_cls = make_type("super", Kind::Instance, {types_.object});
  dict_set_str(b, "super", super_cls);
  as_class(super_cls)->ctor = super_ctor;
  decref(super_cls);
  for (Ref e : {exc_.BaseException, exc_.Exception, exc_.SystemExit, exc_.KeyboardInterrupt,
                exc_.ArithmeticError, exc_.ZeroDivisionError, exc_.OverflowError, exc_.AssertionError,
                exc_.AttributeError, exc_.LookupError, exc_.IndexError, exc_.KeyError, exc_.NameError,
                exc_.UnboundLocalError, exc_.RuntimeError, exc_.RecursionError, exc_.NotImplementedError,
                exc_.StopIteration, exc_.TypeError, exc_.ValueError, exc_.ImportError,
                exc_.ModuleNotFoundError})
    dict_set_str(b, as_class(e)->name, e);
  dict_set_str(b, "NotImplemented", notimpl_);
  dict_set_str(b, "Ellipsis", ellipsis_);
  dict_set_str(b, "None", none_);
  dict_set_str(b, "True", true_);
  dict_set_str(b, "False", false_);
}

void Interpreter::init_modules() {
  Ref bm = new_module(*this, "builtins");
  assign(static_cast<ModuleObj*>(bm.p)->dict, newref(builtins_));
  decref(bm);

  Ref th = new_module(*this, "threading");
  Ref td = mdict(th);
  Ref T = types_.thread;
  add_method(*this, T, "__gilsim_init__", thread_init);
  add_method(*this, T, "__init__", thread_init);
  add_method(*this, T, "start", thread_start);
  add_method(*this, T, "run", thread_run);
  add_method(*this, T, "join", thread_join);
  add_method(*this, T, "is_alive", thread_is_alive);
  dict_set_str(td, "Thread", T);
  struct {
    Ref cls;
    NativeFn ctor;
    const char* name;
  } syncs[] = {{types_.lock, lock_ctor, "Lock"},
               {types_.rlock, rlock_ctor, "RLock"},
               {types_.condition, condition_ctor, "Condition"},
               {types_.event, event_ctor, "Event"},
               {types_.semaphore, semaphore_ctor, "Semaphore"}};
  for (auto& s : syncs) {
    as_class(s.cls)->ctor = s.ctor;
    dict_set_str(td, s.name, s.cls);
  }
  for (Ref c : {types_.lock, types_.rlock, types_.condition, types_.semaphore}) {
    add_method(*this, c, "acquire", lock_acquire);
    add_method(*this, c, "release", lock_release);
    add_method(*this, c, "__enter__", lock_enter);
    add_method(*this, c, "__exit__", lock_exit);
  }
  add_method(*this, types_.lock, "locked", lock_locked);
  add_method(*this, types_.condition, "wait", cond_wait);
  add_method(*this, types_.condition, "notify", cond_notify);
  add_method(*this, types_.condition, "notify_all", cond_notify_all);
  add_method(*this, types_.event, "set", event_set);
  add_method(*this, types_.event, "clear", event_clear);
  add_method(*this, types_.event, "is_set", event_is_set);
  add_method(*this, types_.event, "wait", event_wait);
  add_fn(*this, td, "current_thread", current_thread);
  add_fn(*this, td, "main_thread", main_thread);
  add_fn(*this, td, "active_count", active_count);
  add_fn(*this, td, "get_ident", get_ident);
  decref(th);

  Ref tm = new_module(*this, "time");
  add_fn(*this, mdict(tm), "sleep", time_sleep);
  add_fn(*this, mdict(tm), "perf_counter", time_perf_counter);
  add_fn(*this, mdict(tm), "monotonic", time_perf_counter);
  add_fn(*this, mdict(tm), "process_time", time_perf_counter);
  add_fn(*this, mdict(tm), "time", time_time);
  add_fn(*this, mdict(tm), "perf_counter_ns", time_ns);
  add_fn(*this, mdict(tm), "monotonic_ns", time_ns);
  decref(tm);

  Ref sy = new_module(*this, "sys");
  add_fn(*this, mdict(sy), "getrefcount", sys_getrefcount);
  add_fn(*this, mdict(sy), "setswitchinterval", sys_setswitchinterval);
  add_fn(*this, mdict(sy), "getswitchinterval", sys_getswitchinterval);
  add_fn(*this, mdict(sy), "exit", sys_exit);
  add_fn(*this, mdict(sy), "intern", sys_intern);
  Ref maxsize = new_int(INT64_MAX);
  dict_set_str(mdict(sy), "maxsize", maxsize);
  decref(maxsize);
  dict_set_str(mdict(sy), "modules", modules_);
  // A plain tuple stands in for the struct sequence (the fields by index).
  Ref vi = new_tuple({new_int(3), new_int(11), new_int(7), new_str("final"), new_int(0)});
  dict_set_str(mdict(sy), "version_info", vi);
  decref(vi);
  decref(sy);

  Ref mp = new_module(*this, "multiprocessing");
  // Until `gilsim simulate` gives processes their own interpreter, a Process
  // runs as a thread of this one (sharing its globals); exitcode is set
  // when it ends.
  Ref proc = make_type("Process", Kind::Instance, {T});
  as_class(proc)->is_process = true;
  as_class(proc)->module = "multiprocessing";
  add_method(*this, proc, "__gilsim_init__", thread_init);
  add_method(*this, proc, "__init__", thread_init);
  dict_set_str(mdict(mp), "Process", proc);
  decref(proc);
  decref(mp);

  Ref gs = new_module(*this, "gilsim");
  add_fn(*this, mdict(gs), "native", gilsim_native);
  decref(gs);
}

}  // namespace vm
