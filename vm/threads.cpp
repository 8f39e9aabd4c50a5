// Python threads as fibers, the scheduling point, blocking and the virtual
// clock; running __main__.
//
// Every Python thread (the main one too) runs on its own sim::Fiber.  The
// driver loop in run_threads() resumes whichever thread the scheduler chose;
// a thread gives way only inside schedule_point(), so between two scheduling
// points it runs alone, which is what the GIL guarantees.
#include <fmt/format.h>

#include <algorithm>
#include <sstream>

#include "sim/fiber.h"
#include "vm/check.h"
#include "vm/code.h"
#include "vm/interpreter.h"
#include "vm/objects_impl.h"

namespace vm {

namespace {

// Thrown inside a fiber to end its thread at once (the run is over).
struct StopRun {};

}  // namespace

int RoundRobinScheduler::pick(const std::vector<int>& runnable, int current, OpKind why) {
  bool cur_ok = std::find(runnable.begin(), runnable.end(), current) != runnable.end();
  if (cur_ok && why == OpKind::Bytecode && ++used_ < quantum_) return current;
  used_ = 0;
  // The next runnable thread after `current` in id order.
  for (int t : runnable)
    if (t > current) return t;
  return runnable.front();
}

int RandomScheduler::pick(const std::vector<int>& runnable, int, OpKind) {
  return runnable[static_cast<size_t>(rng_() % runnable.size())];
}

namespace {

// Where thread `t` is: "inc() at line 12".
std::string where(ThreadState& t) {
  if (!t.frame) return "not started";
  const CodeObj* c = t.frame->code;
  int lasti = t.frame->lasti;
  const auto& pos = c->code->positions;
  int line = lasti >= 0 && lasti < static_cast<int>(pos.size()) ? pos[static_cast<size_t>(lasti)].line
                                                                 : c->code->firstlineno;
  std::string fn = c->code->name == "<module>" ? "<module>" : c->code->name + "()";
  return fmt::format("{} at line {}", fn, line);
}

}  // namespace

std::string Interpreter::describe_wait(const ThreadState& t) {
  Object* o = t.waiting_on;
  if (!o) return "nothing";
  if (o->kind == Kind::Instance && as_class(static_cast<InstanceObj*>(o)->cls)->is_thread) {
    int id = static_cast<int>(static_cast<InstanceObj*>(o)->native);
    ThreadState* other = thread(id);
    return fmt::format("joins {}", other ? other->name : "a thread");
  }
  if (o->kind == Kind::Sync) {
    auto* s = static_cast<SyncObj*>(o);
    std::string what = fmt::format("{} #{}", static_cast<ClassObj*>(type_of(Ref{o, o->gen}).p)->name, o->serial);
    // Name it by the module global that holds it, when one does.
    if (Ref mod = dict_get_str(modules_, "__main__")) {
      for (auto& e : static_cast<DictObj*>(static_cast<ModuleObj*>(mod.p)->dict.p)->entries)
        if (e.key && e.value.p == o && e.key.p->kind == Kind::Str) {
          what = fmt::format("{} `{}`", static_cast<ClassObj*>(type_of(Ref{o, o->gen}).p)->name, str_of(e.key));
          break;
        }
    }
    if ((s->sub == SyncObj::Sub::Lock || s->sub == SyncObj::Sub::RLock) && s->owner >= 0) {
      ThreadState* owner = thread(s->owner);
      what += fmt::format(" held by {}", owner ? owner->name : "?");
    }
    return "waits for " + what;
  }
  return "waits";
}

// The runnable threads; when there are none, the virtual clock jumps to the
// first sleeper or timed wait, and with none of those the program is
// deadlocked (reported, and the run stops).
const std::vector<int>& Interpreter::wait_runnable() {
  std::vector<int>& runnable = runnable_;
  // Without a clock per thread, time runs with the steps taken: a sleeper
  // whose time has come wakes even while others run (a thread that never
  // waits must not keep it asleep for ever).  With one, the Clock wakes it.
  const int64_t due = opts_.clock ? INT64_MIN : now();
  for (;;) {
    runnable.clear();
    for (auto& t : threads_) {
      if (t->wake_at <= due && t->waits_for_time()) wake_sleeper(t->id);
      if (t->status == ThreadStatus::Runnable) runnable.push_back(t->id);
    }
    if (!runnable.empty()) return runnable;
    // Everyone waits: advance the clock to the first sleeper or timed
    // wait; with none, the program is deadlocked.
    int64_t wake = INT64_MAX;
    for (auto& t : threads_)
      if (t->waits_for_time() && t->wake_at < wake)
        wake = t->wake_at;
    if (wake == INT64_MAX) {
      std::string who;
      for (auto& t : threads_)
        if (t->status == ThreadStatus::Blocked)
          who += fmt::format("\n  {} in {} {}", t->name, where(*t), describe_wait(*t));
      failure_ = Failure::Deadlock;
      failure_message_ = fmt::format("deadlock: every thread is blocked:{}", who);
      err() += "gilsim: " + failure_message_ + "\n";
      throw StopRun{};
    }
    // With a clock per thread (simulate), the first sleepers wake at their
    // own time; the Clock sees when.
    if (!opts_.clock) clock_ += std::max<int64_t>(0, wake - now());
    int64_t until = opts_.clock ? wake : now();
    for (auto& t : threads_)
      if (t->waits_for_time() && t->wake_at <= until)
        wake_sleeper(t->id);
  }
}

void Interpreter::schedule_point(OpKind why) {
  schedule_once(why);
  // Without a GIL, the stores of this thread's split count changes happen
  // now that it runs again; a failed compare-and-swap retries after another
  // point (vm/refcount.cpp).
  ThreadState& me = current();
  if (!me.rc_pending.empty())
    while (!commit_counts(me)) schedule_once(OpKind::Flush);
  me.wrote = false;
}

void Interpreter::schedule_once(OpKind why) {
  ThreadState& me = current();
  if (opts_.recorder && why == OpKind::Bytecode) opts_.recorder->instruction(me.id, *me.frame);
  // Every step, whether or not the model may switch here (cpython-3.11
  // switches only at its eval-breaker checks).
  if (opts_.monitor) opts_.monitor->after_step(*this);
  if (why == OpKind::Bytecode && opts_.model == Model::CPython311) {
    // 3.11 looks at its eval breaker only at RESUME (oparg < 2), after a
    // taken backward jump and after a call into C: elsewhere no switch.
    const CodeUnit& next = me.frame->code->code->code[static_cast<size_t>(me.frame->pc)];
    bool resume = next.op == RESUME && next.arg < 2;
    if (!breaker_ && !resume) {
      if (opts_.max_steps && me.steps >= opts_.max_steps) step_limit();
      return;
    }
    breaker_ = false;
  }
  if (opts_.max_steps && me.steps >= opts_.max_steps) step_limit();
  if (me.status == ThreadStatus::Runnable && sched_->skip(cur_, why)) return;
  for (;;) {
    const std::vector<int>& runnable = wait_runnable();
    int next = runnable.size() == 1 && !opts_.scheduler ? runnable[0] : sched_->pick(runnable, cur_, why);
    if (next < 0) {  // the explorer abandons this execution (nothing new down here)
      stopped_ = abandoned_ = true;
      throw StopRun{};
    }
    if (next == cur_ && me.status == ThreadStatus::Runnable) return;
    cur_ = next;
    me.fiber->yield();  // the driver resumes cur_; we continue when chosen again
    if (unwinding_) throw StopRun{};  // resumed only to unwind: the run is over
    if (me.status == ThreadStatus::Runnable) return;
  }
}

std::optional<bool> Interpreter::run_after(std::shared_ptr<const Code> code, const std::string& result_name,
                                           std::string& error) {
  hook_ = nullptr;
  counts_untracked_ = true;  // see reset()
  need_points_ = false;
  cur_ = 0;
  ThreadState& t = *threads_[0];
  Ref mod = dict_get_str(modules_, "__main__");
  Ref g = static_cast<ModuleObj*>(mod.p)->dict;
  Constant cc = Constant::code_object(code);
  Ref co = from_constant(cc);
  Frame* f = push_frame(Ref{}, co, g, g);
  decref(co);
  f->is_entry = true;
  try {
    Ref r = eval(f);
    decref(r);
  } catch (PyException&) {
    Ref exc = t.raised;
    t.raised = Ref{};
    std::string msg = str_s(exc);
    error = as_class(type_of(exc))->name + (msg.empty() ? "" : ": " + msg);
    decref(exc);
    return std::nullopt;
  }
  Ref v = dict_get_str(g, result_name);
  if (!v) return false;
  return truthy(v);
}

void Interpreter::step_limit() {
  failure_ = Failure::StepLimit;
  failure_message_ = fmt::format("step limit: {} ran {} bytecodes (--max-steps {})", current().name,
                                 current().steps, opts_.max_steps);
  err() += fmt::format("gilsim: step limit of {} reached\n", opts_.max_steps);
  throw StopRun{};
}

void Interpreter::starvation(ThreadState& t, Object* o, uint32_t failures) {
  failure_ = Failure::Starvation;
  failure_message_ = fmt::format("starvation: {}'s compare-and-swap on the reference count of {} #{} failed {} time{} "
                                 "in a row (--cas-bound {}): other threads changed the count between its load and its swap "
                                 "each time",
                                 t.name, kind_name(o->kind), o->serial, failures, failures == 1 ? "" : "s",
                                 opts_.cas_bound);
  err() += fmt::format("gilsim: {}\n", failure_message_);
  throw StopRun{};
}

void Interpreter::note_uncaught(ThreadState& t, Ref exc) {
  if (failure_ != Failure::None) return;
  bool assertion = isinstance(exc, exc_.AssertionError);
  failure_ = assertion ? Failure::Assertion : Failure::Exception;
  std::string msg = str_s(exc);
  // Where it was raised: the traceback's innermost entry (the thread's
  // frames are gone by now).
  std::string at = where(t);
  auto* e = static_cast<InstanceObj*>(exc.p);
  if (!e->tb.empty()) {
    const Code& c = *static_cast<CodeObj*>(e->tb.front().code.p)->code;
    at = fmt::format("{} at line {}", c.name == "<module>" ? "<module>" : c.name + "()", e->tb.front().line);
  }
  failure_message_ = fmt::format("{}{}{} in {} ({})", as_class(type_of(exc))->name, msg.empty() ? "" : ": ", msg,
                                 t.name, at);
}

void Interpreter::sleep(int64_t ns) {
  ThreadState& me = current();
  me.status = ThreadStatus::Sleeping;
  me.wake_at = now() + std::max<int64_t>(ns, 0);
  schedule_point(OpKind::GilRelease);
}

void Interpreter::block_on(Object* on) {
  ThreadState& me = current();
  me.status = ThreadStatus::Blocked;
  me.waiting_on = on;
  schedule_point(OpKind::GilRelease);
  me.waiting_on = nullptr;
}

void Interpreter::wake_sleeper(int id) {
  ThreadState* t = thread(id);
  if (!t || !t->waits_for_time()) return;
  if (t->status == ThreadStatus::Blocked) t->timed_out = true;
  t->woke_from_sleep = t->status == ThreadStatus::Sleeping;
  t->status = ThreadStatus::Runnable;
  t->woken_at = t->wake_at;
  t->wake_at = 0;
  ++wakes;
}

void Interpreter::wake(int id) {
  ThreadState* t = thread(id);
  if (t && t->status == ThreadStatus::Blocked) {
    t->status = ThreadStatus::Runnable;
    t->wake_at = 0;
    t->waiting_on = nullptr;
    ++wakes;
  }
}

std::unique_ptr<ThreadState> Interpreter::new_thread_state() {
  if (spare_threads_.empty()) return std::make_unique<ThreadState>();
  auto t = std::move(spare_threads_.back());
  spare_threads_.pop_back();
  return t;
}

void Interpreter::start_thread(Ref thread_obj) {
  auto* inst = static_cast<InstanceObj*>(thread_obj.p);
  if (inst->native >= 0) raise(exc_.RuntimeError, "threads can only be started once");
  auto t = new_thread_state();
  t->id = static_cast<int>(threads_.size());
  Ref name = dict_get_str(inst->dict, "name");
  t->name = name && name.p->kind == Kind::Str ? str_of(name) : fmt::format("Thread-{}", t->id);
  t->thread_obj = newref(thread_obj);
  t->parent = cur_;
  t->woken_at = -1;
  ++wakes;
  inst->native = t->id;
  if (hook_) hook_->thread_spawned(t->id, cur_);
  int id = t->id;
  t->fiber = std::make_unique<sim::Fiber>([this, id] { thread_main(id); });
  threads_.push_back(std::move(t));
  need_points_ = true;
  // Thread.start waits until the new thread has started (a GIL release).
  schedule_point(OpKind::Spawn);
}

void Interpreter::thread_main(int id) {
  ThreadState& me = *threads_[static_cast<size_t>(id)];
  if (unwinding_) {  // started only to be finished: the run is over
    me.status = ThreadStatus::Done;
    return;
  }
  try {
    if (id == 0) {
      Frame* f = me.frame;
      f->is_entry = true;
      try {
        Ref r = eval(f);
        decref(r);
      } catch (PyException&) {
        Ref exc = me.raised;
        me.raised = Ref{};
        if (isinstance(exc, exc_.SystemExit)) {
          auto& args = static_cast<TupleObj*>(static_cast<InstanceObj*>(exc.p)->args.p)->items;
          Ref code = args.empty() ? none_ : args[0];
          if (is_none(code)) exit_code_ = 0;
          else if (is_int(code)) {
            int64_t v = 0;
            int_small(code, v);
            exit_code_ = static_cast<int>(v & 0xff);
          } else {
            err() += str_s(code) + "\n";
            exit_code_ = 1;
          }
        } else {
          note_uncaught(me, exc);
          print_exception(exc, err());
          flush_streams();
          exit_code_ = 1;
        }
        decref(exc);
      }
      // threading._shutdown: wait for every non-daemon thread.
      for (;;) {
        ThreadState* pending = nullptr;
        for (auto& t : threads_) {
          if (t->id == 0 || t->status == ThreadStatus::Done) continue;
          Ref daemon = t->thread_obj ? dict_get_str(static_cast<InstanceObj*>(t->thread_obj.p)->dict, "daemon") : Ref{};
          if (daemon && is_true(daemon)) continue;
          pending = t.get();
          break;
        }
        if (!pending) break;
        block_on(pending->thread_obj.p);
      }
    } else {
      Ref self = me.thread_obj;
      try {
        // Thread._bootstrap_inner calls self.run() (LOAD_METHOD: no bound method).
        Ref r = call_special(self, "run");
        decref(r);
        if (dict_get_str(static_cast<InstanceObj*>(self.p)->dict, "exitcode")) {
          Ref zero = new_int(0);
          dict_set_str(static_cast<InstanceObj*>(self.p)->dict, "exitcode", zero);
          decref(zero);
        }
      } catch (PyException&) {
        Ref exc = me.raised;
        me.raised = Ref{};
        if (dict_get_str(static_cast<InstanceObj*>(self.p)->dict, "exitcode")) {
          Ref one = new_int(1);
          dict_set_str(static_cast<InstanceObj*>(self.p)->dict, "exitcode", one);
          decref(one);
        }
        if (!isinstance(exc, exc_.SystemExit)) {
          note_uncaught(me, exc);
          // threading.excepthook's format.
          err() += fmt::format("Exception in thread {}:\n", me.name);
          print_exception(exc, err());
          flush_streams();
        }
        decref(exc);
      }
    }
    flush_counts(me);
  } catch (StopRun&) {
    if (!unwinding_) stopped_ = true;
  }
  if (me.thread_obj && !stopped_ && !unwinding_) touch(me.thread_obj, Access::Write);  // the exit, which join observes
  me.status = ThreadStatus::Done;
  // Wake whoever joins this thread.
  for (auto& t : threads_)
    if (t->status == ThreadStatus::Blocked && me.thread_obj && t->waiting_on == me.thread_obj.p) wake(t->id);
  for (auto& t : threads_)
    if (t->status == ThreadStatus::Blocked && id != 0 && t->id == 0 && t->waiting_on == me.thread_obj.p) wake(0);
  if (stopped_ || unwinding_) return;
  // The main thread's end is the interpreter's: threading._shutdown has
  // waited for every thread that is not a daemon, and the daemon threads
  // left stop where they are (CPython's finalization stops them at their
  // next attempt to take the GIL; they are unwound, never run again).
  if (id == 0) {
    cur_ = -1;
    return;
  }
  // Hand over to the next runnable thread (the fiber ends after this).
  bool others = std::any_of(threads_.begin(), threads_.end(),
                            [](auto& t) { return t->status != ThreadStatus::Done; });
  if (!others) {
    cur_ = -1;
    return;
  }
  const std::vector<int>* runnable;
  try {
    runnable = &wait_runnable();
  } catch (StopRun&) {
    stopped_ = true;
    return;
  }
  cur_ = sched_->pick(*runnable, cur_, OpKind::Exit);
  if (cur_ < 0) stopped_ = abandoned_ = true;
}

void Interpreter::run_threads() {
  while (cur_ >= 0 && !stopped_) {
    ThreadState& t = *threads_[static_cast<size_t>(cur_)];
    if (t.fiber->done()) break;
    heap_.current_thread = cur_;
    t.fiber->resume();
    if (cur_ >= 0 && threads_[static_cast<size_t>(cur_)]->status == ThreadStatus::Done) break;
  }
}

void Interpreter::unwind_threads() {
  // Threads still suspended when the run stopped are resumed once more to
  // unwind their stacks (StopRun from their scheduling point), so that no
  // fiber is ever destroyed while suspended.
  unwinding_ = true;
  for (auto& t : threads_) {
    while (t->fiber && !t->fiber->done()) {
      try {
        t->fiber->resume();
      } catch (HeapViolation&) {
        // Already reported: the heap was broken before the run stopped.
      }
    }
  }
}

void Interpreter::flush_streams() {
  auto flush = [](std::FILE* f, std::string* s, size_t& done) {
    if (!f || !s || s->size() == done) return;
    std::fwrite(s->data() + done, 1, s->size() - done, f);
    std::fflush(f);
    done = s->size();
  };
  flush(stream_out, out_, out_flushed_);
  flush(stream_err, err_, err_flushed_);
}

RunResult Interpreter::run_main(std::shared_ptr<const Code> code, const std::string& source,
                                const RunOptions& opts, std::string& out, std::string& err) {
  opts_ = opts;
  // The monitor belongs to the caller and may not outlive the run.
  struct ForgetMonitor {
    RunOptions& o;
    ~ForgetMonitor() { o.monitor = nullptr; }
  } forget_monitor{opts_};
  need_points_ = opts.monitor || opts.max_steps;
  out_ = &out;
  err_ = &err;
  main_file = code->filename;
  if (source != lines_of_) {  // an interpreter reused for the same program keeps its lines
    lines_of_ = source;
    source_lines.clear();
    std::istringstream ss(source);
    for (std::string line; std::getline(ss, line);) source_lines.push_back(line);
  }
  if (!opts.hook && !has_gil(opts.model)) {
    // `run` without the explorer: the model still decides how counts change.
    static struct : MemoryHook {
      void access(Object*, Access) override {}
      void count(Object*, CountUse, int64_t) override {}
    } quiet;
    opts_.hook = &quiet;
  }
  if (opts_.hook) {
    set_memory_hook(opts_.hook);
    set_count_model(opts_.model);
  } else {
    counts_untracked_ = true;  // see reset()
  }
  if (opts.scheduler) {
    sched_ = opts.scheduler;
    need_points_ = true;
  } else if (opts.seed) own_sched_ = std::make_unique<RandomScheduler>(*opts.seed);
  else own_sched_ = std::make_unique<RoundRobinScheduler>(static_cast<uint64_t>(switch_interval * 1e9) / kNsPerBytecode);
  if (own_sched_) sched_ = own_sched_.get();

  // The __main__ module.
  ModuleObj* m = heap_.alloc<ModuleObj>(Kind::Module);
  m->name = "__main__";
  m->dict = new_dict();
  Ref mod = Heap::ref(m);
  dict_set_str(m->dict, "__name__", intern(opts_.main_name));
  decref(dict_get_str(m->dict, "__name__"));  // dict_set_str took its own reference
  Ref bm = dict_get_str(modules_, "builtins");
  if (bm) dict_set_str(m->dict, "__builtins__", bm);
  dict_set_str(m->dict, "__doc__", none_);
  dict_set_str(modules_, "__main__", mod);
  decref(mod);

  auto main = new_thread_state();
  main->id = 0;
  main->name = "MainThread";
  threads_.push_back(std::move(main));
  cur_ = 0;
  Constant cc = Constant::code_object(code);
  Ref co = from_constant(cc);
  push_frame(Ref{}, co, m->dict, m->dict);
  decref(co);
  threads_[0]->fiber = std::make_unique<sim::Fiber>([this] { thread_main(0); });
  try {
    run_threads();
    unwind_threads();
  } catch (HeapViolation& v) {
    unwind_threads();
    err += fmt::format("gilsim: {}\n", v.what());
    flush_streams();
    sched_->finish();
    RunResult r{1, v.what()};
    switch (v.kind_of) {
      case HeapViolation::What::DoubleFree: r.failure = Failure::DoubleFree; break;
      case HeapViolation::What::NegativeCount:
      case HeapViolation::What::CountMismatch: r.failure = Failure::Refcount; break;
      case HeapViolation::What::UseAfterFree: r.failure = Failure::UseAfterFree; break;
    }
    r.failure_message = v.what();
    return r;
  }
  sched_->finish();
  flush_streams();
  RunResult r;
  r.exit_code = stopped_ ? 1 : exit_code_;
  r.failure = failure_;
  r.failure_message = failure_message_;
  r.abandoned = abandoned_;
  return r;
}

}  // namespace vm
