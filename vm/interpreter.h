// The interpreter: CPython 3.11's bytecode executed over the refcounted heap,
// with Python threads as fibers.
//
// One Interpreter is one run of one program: its heap, its modules, its
// threads.  It keeps reference counts where CPython 3.11 keeps them: the value
// stack and the frame's locals own references; a load increments, POP_TOP and
// the store over an old value decrement; a Python-to-Python CALL moves the
// arguments into the callee's frame without touching their counts; native
// functions borrow their arguments and the caller drops them after the call.
// So `sys.getrefcount(x)` gives what CPython gives.
//
// Python exceptions travel as C++ exceptions (PyException) from the point of
// `raise` to the eval loop, which looks up the frame's exception table as
// CPython does.  The exception object itself is in the thread state.
//
// Thread switches happen only at scheduling points (vm/schedule.h), between
// bytecodes: a thread that is told to give way yields its fiber back to the
// driver, which resumes the next one.
#pragma once

#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "vm/code.h"
#include "vm/heap.h"
#include "vm/object.h"
#include "vm/model.h"
#include "vm/schedule.h"

namespace sim {
class Fiber;
}

namespace vm {

// Thrown to unwind C++ frames when a Python exception is raised; the
// exception object is ThreadState::raised.
struct PyException {};

// SystemExit unwinding the whole program (sys.exit): handled like any
// exception by the eval loop, caught at the top with its code.

struct Frame {
  Ref func;          // the FunctionObj running, or null for module and class bodies
  Ref code_ref;      // CodeObj (owned)
  CodeObj* code = nullptr;  // == code_ref.p, for speed
  Ref globals;       // DictObj (owned)
  Ref locals;        // DictObj for module and class bodies (owned), else null
  std::vector<Ref> fast;  // localsplus, then the value stack; owned refs
  int nlocalsplus = 0;    // invariant: the value stack starts at fast[nlocalsplus]
  int sp = 0;             // index one past the top of the stack in `fast`
  int pc = 0;             // the code unit about to execute
  int lasti = 0;          // the instruction executing now, as tracebacks and
                          // the pushed `lasti` see it (RERAISE may restore an older one)
  int instr = 0;          // the instruction executing now, for the exception-table lookup
  Frame* previous = nullptr;
  bool is_entry = false;  // returning from it returns from eval()
  Ref kwnames;            // KW_NAMES for the next CALL (borrowed from co_consts)
};

struct ThreadState {
  int id = 0;                 // 0 for the main thread, then 1, 2, ... in start order
  int parent = -1;            // the thread that started it (-1 for the main thread)
  std::string name;           // "MainThread", "Thread-1 (worker)"
  Ref thread_obj;             // the threading.Thread instance (owned), null for the main thread
  Frame* frame = nullptr;     // innermost frame
  std::vector<std::unique_ptr<Frame>> frames;  // frame storage by depth (reused)
  int depth = 0;              // Python frames on this thread
  Ref exc_info;               // the exception being handled (owned), null for none
  Ref raised;                 // the exception being raised (owned) while unwinding
  ThreadStatus status = ThreadStatus::Runnable;
  int64_t wake_at = 0;        // Sleeping: virtual time to wake
  Object* waiting_on = nullptr;  // Blocked: the lock, condition, event or thread
  bool timed_out = false;     // a timed wait ended by its timeout
  int64_t woken_at = -1;      // the wake time of its last sleep or timed wait (for a Clock), or -1
  bool woke_from_sleep = false;  // that was a sleep (time.sleep), not a timed wait
  // Asleep, or in a wait with a timeout: it wakes at wake_at.
  bool waits_for_time() const {
    return status == ThreadStatus::Sleeping || (status == ThreadStatus::Blocked && wake_at > 0);
  }
  std::unique_ptr<sim::Fiber> fiber;
  uint64_t steps = 0;         // bytecodes executed
  // References native code holds across a scheduling point (a thread's
  // target and arguments while it runs): roots for the audit, owned by
  // the code that pushed them.
  std::vector<Ref> held;
  std::vector<const std::vector<Ref>*> held_vecs;  // the same, for whole arrays (sorting)
  // GIL-less models: reference-count changes loaded but not yet stored
  // (vm/refcount.cpp), one per object.
  struct PendingCount {
    Object* o;
    uint32_t gen;       // o's generation at the load: a store after a free is caught
    int64_t loaded;     // the count this thread read (a CAS's expected value)
    int64_t net;        // the changes made since, summed
    bool last_dec;      // the latest change was a decrement (Py_DECREF tests for zero)
    uint32_t failures = 0;  // nogil-cas-rc: this change's compare-and-swaps that failed so far
  };
  std::vector<PendingCount> rc_pending;
  uint64_t cas_failures = 0;  // nogil-cas-rc: compare-and-swaps that failed and were retried
  bool wrote = false;  // wrote shared memory since its last scheduling point (count changes are whole since)
};

// Registers a C++ array of owned references as audit roots for its lifetime
// (native code that calls back into Python while holding them, as sorted()
// does with its keys).  Scopes nest, so registration is a stack.
class HeldVec {
 public:
  HeldVec(ThreadState& t, const std::vector<Ref>& v) : t_(t) { t_.held_vecs.push_back(&v); }
  ~HeldVec() { t_.held_vecs.pop_back(); }
  HeldVec(const HeldVec&) = delete;
  HeldVec& operator=(const HeldVec&) = delete;

 private:
  ThreadState& t_;
};

// Shared memory as the atomicity models see it.  Every access to the
// contents of a list or a dict (so also to globals and to attributes, which
// live in dicts) and every reference-count change is announced to the
// installed MemoryHook before it happens.  With no hook installed (`gilsim
// run`), an announcement costs one predictable branch.
enum class Access : uint8_t { Read, Write };

// How an operation uses a reference count.
enum class CountUse : uint8_t {
  Add,      // an atomic change (under a GIL, or an atomic instruction): commutes with other Adds
  Observe,  // the value is read and acted on (sys.getrefcount, a decrement reaching zero)
  Load,     // the load of a non-atomic load-add-store, or of a compare-and-swap loop
  Store,    // its store (or a successful compare-and-swap)
  Retry,    // a compare-and-swap that failed: it read the count, wrote nothing
  Owner,    // free-threaded: the owner thread's non-atomic change of its local count
  Rmw,      // nogil-cas-rc: the load of a swap whose change is already made (a write)
};

class MemoryHook {
 public:
  virtual ~MemoryHook() = default;
  // Filters the interpreter applies before calling the hook, to save a
  // call on the commonest uses: objects with a serial above ignore_above
  // (made during the current step: no other thread can know them yet) and,
  // once immortal_change_seen is set, changes to immortal objects' counts,
  // and under a GIL repeated changes of one count in one step
  // (vm::Interpreter::count_plain).  The hook keeps them up to date.
  uint32_t ignore_above = UINT32_MAX;
  bool immortal_change_seen = false;
  // Names the current step, unique in the process (Object::hook_stamp);
  // 0: the hook wants every change.
  uint32_t step_stamp = 0;
  // `o`'s contents are about to be read or written.
  virtual void access(Object* o, Access a) = 0;
  // `o`'s reference count is about to be used (vm/refcount.cpp says how
  // each model uses it).
  // `value`: for Load and Retry the count read, for Store the count written.
  virtual void count(Object* o, CountUse u, int64_t value = 0) = 0;
  // One key of dict `o` (by hash) is read or written; `structure` says the
  // key set changes too (an insertion or a deletion).
  virtual void access_key(Object* o, int64_t /*hash*/, Access a, bool structure) {
    access(o, structure ? Access::Write : a);
  }
  // The running thread found `o` unavailable (a held lock, a running
  // thread to join, an unset event) and blocks: its look at `o` changed
  // nothing and is retried when it wakes, so it is not part of its step.
  virtual void blocked(Object* /*o*/) {}
  // The program writes to stdout or stderr (output order is observable).
  virtual void output() {}
  // Thread.start made thread `thread`; it runs after what `parent` did so far.
  virtual void thread_spawned(int /*thread*/, int /*parent*/) {}
};

// Sees every instruction a thread is about to execute (trace rendering).
class InstructionRecorder {
 public:
  virtual ~InstructionRecorder() = default;
  // Before each bytecode: `frame` is about to run the instruction at its pc,
  // with its value stack as that instruction finds it.
  virtual void instruction(int thread, const Frame& frame) = 0;
};

class Interpreter;

// Looks at the interpreter after every step (before each bytecode, and at
// each point where a thread blocks or releases the GIL): the per-step
// invariant monitors of properties/.  A monitor that finds the heap broken
// throws HeapViolation, which ends the run with that violation.
class StepMonitor {
 public:
  virtual ~StepMonitor() = default;
  virtual void after_step(Interpreter& in) = 0;
};

struct RunOptions {
  std::optional<uint64_t> seed;  // random schedule; none: the fixed round robin
  StepMonitor* monitor = nullptr;  // called after every step, or null
  uint64_t max_steps = 0;        // 0: no limit
  // nogil-cas-rc: a compare-and-swap that fails this many times in a row
  // (other threads keep changing the count between its load and its swap)
  // ends the run as starvation, as loom bounds a spin loop; 0: no bound.
  uint32_t cas_bound = 0;
  Model model = Model::Gil;
  Scheduler* scheduler = nullptr;  // the explorer's; null: seed or round robin
  MemoryHook* hook = nullptr;      // the explorer's footprint recorder, or null
  InstructionRecorder* recorder = nullptr;
  Clock* clock = nullptr;  // `simulate`: a clock per thread; null: one clock
  // The module's __name__: "__mp_main__" in a process multiprocessing
  // started with spawn (the module runs again, its main block does not).
  std::string main_name = "__main__";
};

// A multiprocessing.Process that ran in an interpreter of its own
// (`simulate`): when it ends, in the parent's virtual time, its exit code
// and what it printed.
struct SpawnedProcess {
  int64_t end = 0;
  int exit_code = 0;
  std::string output;
  bool reported = false;  // its output joined the parent's
};

// Why a run ended badly, for `check`: the first of these decides the verdict.
// Starvation: under nogil-cas-rc, one count change's compare-and-swap
// failed RunOptions::cas_bound times in a row.
enum class Failure : uint8_t {
  None, Exception, Assertion, Deadlock, StepLimit, UseAfterFree, DoubleFree, Refcount, Starvation
};

struct RunResult {
  int exit_code = 0;
  std::string error;  // set when gilsim itself had to stop (deadlock, heap violation)
  Failure failure = Failure::None;
  std::string failure_message;  // "AssertionError: ... (in Thread-1 (inc))", "deadlock: ..."
  bool abandoned = false;       // the explorer's scheduler stopped it early
};

class Interpreter {
 public:
  Interpreter(std::string out_prefix = {});
  ~Interpreter();
  Interpreter(const Interpreter&) = delete;
  Interpreter& operator=(const Interpreter&) = delete;

  // Returns the interpreter to the state it had when construction ended,
  // so one interpreter can run execution after execution (the explorer)
  // without rebuilding its runtime (types, builtins, modules) each time:
  // every object made since is forgotten, the runtime's containers (module
  // dicts, sys.modules, builtins) get back their contents, the runtime's
  // counts their values, and every per-run field its initial value.
  void reset();
  // A digest of the runtime's objects (kinds, counts, contents): equal
  // after reset() to what it was after construction (tests check it).
  uint64_t runtime_digest();

  // Runs a compiled module as __main__: stdout to `out`, stderr to `err`.
  RunResult run_main(std::shared_ptr<const Code> code, const std::string& source,
                     const RunOptions& opts, std::string& out, std::string& err);

  Heap& heap() { return heap_; }

  // ---- references (every count change goes through these) ----
  // With a hook, the commonest change (of an immortal object's count,
  // already reported in this step) is made here; the others go to the
  // model (vm/refcount.cpp).
  void incref(Ref r) {
    if (hook_) [[unlikely]] {
      if (r.p->immortal && hook_->immortal_change_seen) {
        note_immortal(r.p);
        return heap_.inc(r);
      }
      return rc_mode_ == RcMode::Plain ? count_plain(r, +1) : count_change(r, +1);
    }
    heap_.inc(r);
  }
  void decref(Ref r) {
    if (hook_) [[unlikely]] {
      if (r.p->immortal && hook_->immortal_change_seen) {
        note_immortal(r.p);
        return heap_.dec(r);
      }
      return rc_mode_ == RcMode::Plain ? count_plain(r, -1) : count_change(r, -1);
    }
    heap_.dec(r);
  }
  void xincref(Ref r) { if (r) incref(r); }
  void xdecref(Ref r) { if (r) decref(r); }
  Ref newref(Ref r) { incref(r); return r; }
  // With a hook installed, every change of an immortal count is noted, once
  // per run, so that reset() restores only those counts (and touches a few
  // dozen objects instead of every object of the runtime).
  void note_immortal(Object* o) {
    if (o->audit_epoch != run_stamp_) {
      o->audit_epoch = run_stamp_;
      changed_immortals_.push_back(o);
    }
  }
  // The count itself, read as sys.getrefcount does (an observation).
  int64_t refcount_of(Ref r) {
    check_use(r);
    if (hook_) [[unlikely]] return count_observe(r);
    return r.p->refcnt;
  }
  // A count change as the atomicity model carries it out (vm/refcount.cpp).
  void count_change(Ref r, int delta);
  // count_change under a GIL (every change whole): kept small, it is
  // called on every count change while exploring.
  void count_plain(Ref r, int delta);
  int64_t count_observe(Ref r);
  // Makes the current thread's pending count stores; false when a
  // compare-and-swap failed and must be retried after a scheduling point.
  // in_place: no scheduling point may follow (a failed swap retries at once).
  bool commit_counts(ThreadState& t, bool in_place = false);
  // The running thread is about to write shared memory (vm/refcount.cpp).
  void note_write();
  // nogil-naive's store of `value` into o's count; true when it frees o
  // (a decrement reached zero).  A count at or below zero otherwise is
  // corruption (HeapViolation).
  bool store_count(ThreadState& t, Object* o, int64_t value, bool decrement);
  void free_counted(Object* o);
  // Counts stored plus the changes still pending: what the audit compares.
  int64_t pending_delta(Object* o) const;

  // ---- shared memory: announces an access to a list's or dict's contents ----
  void touch(Ref o, Access a) {
    if (hook_) [[unlikely]] {
      if (o.p->serial <= hook_->ignore_above) hook_->access(o.p, a);
      if (rc_split_ && a == Access::Write) note_write();
    }
    heap_.check(o);
  }
  void touch_key(Ref d, int64_t hash, Access a, bool structure = false) {
    if (hook_) [[unlikely]] {
      if (d.p->serial <= hook_->ignore_above) hook_->access_key(d.p, hash, a, structure);
      if (rc_split_ && (a == Access::Write || structure)) note_write();
    }
    heap_.check(d);
  }
  void set_memory_hook(MemoryHook* h) { hook_ = h; }
  // heap_.check for a use not announced yet: a use after free is still a
  // look at the object, part of the step's footprint.
  void check_use(Ref r) {
    if (r.gen != r.p->gen && hook_) hook_->access(r.p, Access::Read);
    heap_.check(r);
  }
  void touch_output() {
    if (hook_) [[unlikely]] hook_->output();
  }
  // CPython 3.11's eval breaker was checked (a taken backward jump, a call
  // into C returned): under `cpython-3.11` the next point may switch.
  bool breaker_ = false;
  const RunOptions& options() const { return opts_; }
  // Replaces *slot by v (v's reference moves in), dropping the old value.
  void assign(Ref& slot, Ref v) { Ref old = slot; slot = v; xdecref(old); }
  void clear(Ref& slot) { Ref old = slot; slot = Ref{}; xdecref(old); }

  // ---- singletons and constructors (new references) ----
  Ref none() { return newref(none_); }
  Ref boolean(bool b) { return newref(b ? true_ : false_); }
  Ref new_int(int64_t v);
  Ref new_int(const BigInt& v);
  Ref new_float(double v);
  Ref new_str(std::string s);
  Ref intern(std::string_view s);  // the shared str of an identifier
  Ref new_tuple(std::vector<Ref> items);  // steals the items
  Ref new_list(std::vector<Ref> items);   // steals the items
  Ref new_dict();
  Ref new_builtin(const std::string& name, NativeFn fn, Ref self = {}, const std::string& owner = {});
  Ref new_exception(Ref cls, std::vector<Ref> args);  // steals args
  Ref from_constant(const Constant& c);

  bool is_none(Ref r) const { return r.p == none_.p; }
  bool is_true(Ref r) const { return r.p == true_.p; }
  Ref none_ref() const { return none_; }  // borrowed

  // ---- raising (all throw PyException) ----
  [[noreturn]] void raise(Ref cls, const std::string& message);
  [[noreturn]] void raise_obj(Ref exc);  // steals exc (an instance or a class)
  [[noreturn]] void type_error(const std::string& m) { raise(exc_.TypeError, m); }
  [[noreturn]] void value_error(const std::string& m) { raise(exc_.ValueError, m); }
  bool exception_matches(Ref exc, Ref cls);  // isinstance(exc, cls) for class or tuple

  // ---- object protocol ----
  Ref type_of(Ref o);  // borrowed: the object's class
  std::string type_name(Ref o);
  std::string function_str(Ref f);  // "__main__.f()", as in call error messages
  bool view_within(Ref a, Ref b);   // all elements of dict view a are in view b
  bool truthy(Ref o);
  Ref repr(Ref o);     // new str
  Ref str(Ref o);      // new str
  std::string repr_s(Ref o);
  std::string str_s(Ref o);
  int64_t hash(Ref o);
  bool eq(Ref a, Ref b);
  Ref compare(Ref a, Ref b, int op);  // COMPARE_OP oparg: <, <=, ==, !=, >, >=
  bool compare_bool(Ref a, Ref b, int op);
  Ref binary_op(Ref a, Ref b, int op);  // BINARY_OP oparg (inplace ones too)
  Ref unary_op(Ref a, int opcode);
  bool contains(Ref container, Ref item);
  Ref getattr(Ref o, Ref name);  // raises AttributeError
  Ref getattr_opt(Ref o, Ref name);  // null when missing (no exception)
  void setattr(Ref o, Ref name, Ref v);  // borrows v
  void delattr(Ref o, Ref name);
  Ref getitem(Ref o, Ref key);
  void setitem(Ref o, Ref key, Ref v);  // borrows v
  void delitem(Ref o, Ref key);
  Ref get_iter(Ref o);
  Ref iter_next(Ref it);  // null at the end
  int64_t length(Ref o);
  int64_t index_value(Ref o, const char* what);  // __index__ as int64
  Ref call(Ref callable, const Ref* args, int nargs, Ref kwnames = {});  // borrows all
  Ref call0(Ref callable) { return call(callable, nullptr, 0); }
  Ref lookup_special(Ref o, std::string_view name);  // type attr bound to o, or null
  // Calls type(o).name(o, *args) when the type defines `name`, without
  // making a bound method (CPython's vectorcall_method); null when it does
  // not.  The function is held (ThreadState::held) during the call.
  Ref call_special(Ref o, std::string_view name, const Ref* args = nullptr, int nargs = 0);
  bool isinstance(Ref o, Ref cls);
  bool issubclass(Ref c, Ref base);
  std::vector<Ref> unpack_iterable(Ref o);  // new refs

  // ---- dicts ----
  Ref dict_get(Ref d, Ref key);  // borrowed or null
  Ref dict_get_str(Ref d, std::string_view key);  // borrowed or null
  void dict_set(Ref d, Ref key, Ref v);  // borrows key and v
  bool dict_del(Ref d, Ref key);         // false when missing
  void dict_set_str(Ref d, std::string_view key, Ref v);

  // ---- threads and time ----
  ThreadState& current() { return *threads_[cur_]; }
  // Virtual nanoseconds: every bytecode costs kNsPerBytecode, sleeping
  // threads move the clock forward when nobody can run.
  static constexpr int64_t kNsPerBytecode = 10;
  int64_t now() const {
    return opts_.clock ? opts_.clock->now(cur_) : clock_ + static_cast<int64_t>(total_steps_) * kNsPerBytecode;
  }
  // Ends thread `id`'s sleep or timed wait now (its wake time has come).
  void wake_sleeper(int id);
  // `simulate`: runs a Process in an interpreter of its own, starting
  // now; unset, a Process runs as a thread of this interpreter.
  std::function<SpawnedProcess(Ref process)> spawner;
  std::unordered_map<const Object*, SpawnedProcess> spawned;
  // Counts the times a thread became runnable (woken, or started): a
  // Scheduler that lets threads go on unasked (skip) sees that it changed.
  uint64_t wakes = 0;
  // The running thread computes for `ns` nanoseconds without releasing
  // the GIL (gilsim.native): time passes, nobody else runs meanwhile.
  void busy(int64_t ns) {
    if (opts_.clock) opts_.clock->busy(cur_, ns);
    else clock_ += ns;
  }
  uint64_t total_steps_ = 0;  // bytecodes executed by all threads
  void sleep(int64_t ns);
  // Blocks the current thread on `on` until another thread makes it runnable.
  void block_on(Object* on);
  // block_on for a thread that only looked at `on` and will look again
  // when woken (lock acquire, join, event wait).
  void block_retry(Object* on) {
    if (hook_) hook_->blocked(on);
    block_on(on);
  }
  void wake(int thread);
  // Starts a threading.Thread object.
  void start_thread(Ref thread_obj);
  ThreadState* thread(int id) { return id >= 0 && id < (int)threads_.size() ? threads_[id].get() : nullptr; }
  int thread_count() const { return static_cast<int>(threads_.size()); }
  // A scheduling point: the running thread may be preempted here.
  void schedule_point(OpKind why);
  void schedule_once(OpKind why);
  [[noreturn]] void step_limit();
  [[noreturn]] void starvation(ThreadState& t, Object* o, uint32_t failures);
  // After run_main: runs module code `code` in __main__'s namespace on the
  // main thread, without scheduling points, and returns the truth of its
  // global `result_name`; nullopt with `error` set when it raised.
  std::optional<bool> run_after(std::shared_ptr<const Code> code, const std::string& result_name,
                                std::string& error);
  // The runnable threads, ascending, once some thread can run (advancing
  // the clock to wake sleepers); valid until the next call.
  const std::vector<int>& wait_runnable();
  // Records the first uncaught exception of any thread, for `check`.
  void note_uncaught(ThreadState& t, Ref exc);
  std::string describe_wait(const ThreadState& t);
  double switch_interval = 0.005;
  // threading's _counter and multiprocessing's: default names Thread-N, Process-N.
  int thread_counter = 0, process_counter = 0;

  // ---- audit ----
  // Compares every live object's count with the references found from the
  // roots.  Returns one line per mismatch (empty when all agree).
  std::vector<std::string> audit();

  // Output of the running program: it accumulates in the strings given to
  // run_main; when stream_out/stream_err are set (the command line), it is
  // also written there as it is produced, so stdout and stderr interleave as
  // they do under python3.11.
  std::string& out() { return *out_; }
  std::string& err() { return *err_; }
  std::FILE* stream_out = nullptr;
  std::FILE* stream_err = nullptr;
  void flush_streams();

  struct ExceptionClasses {
    Ref BaseException, Exception, SystemExit, KeyboardInterrupt, ArithmeticError,
        ZeroDivisionError, OverflowError, AssertionError, AttributeError, LookupError,
        IndexError, KeyError, NameError, UnboundLocalError, RuntimeError,
        RecursionError, NotImplementedError, StopIteration, TypeError, ValueError,
        ImportError, ModuleNotFoundError;
  } exc_;

  struct Types {
    Ref object, type, none, notimpl, ellipsis, bool_, int_, float_, str, tuple, list, dict,
        slice, range, iter, code, function, builtin, method, cell, property, staticmethod,
        classmethod, module, dict_keys, dict_values, dict_items, lock, rlock, condition, event, semaphore, thread;
  } types_;

  // Source lines of the main file, for tracebacks.
  std::vector<std::string> source_lines;
  std::string lines_of_;  // the source source_lines were split from
  std::string main_file;
  // How tracebacks name main_file: python3.11 shows the script's absolute
  // path (the working directory joined with the path as given).
  std::string main_file_display;

  // Eval loop entry: runs `f` (already pushed) until it returns; returns the
  // result (a new reference).
  Ref eval(Frame* f);
  Frame* push_frame(Ref func, Ref code, Ref globals, Ref locals);
  void pop_frame();
  // Binds arguments to a new frame of `func` (steals args; kwnames borrowed).
  void bind_args(Frame* f, FunctionObj* fn, Ref* args, int nargs, Ref kwnames);
  Ref call_function(Ref func, const Ref* args, int nargs, Ref kwnames);
  Ref build_class(const Ref* args, int nargs, Ref kwnames);
  Ref make_instance(Ref cls, const Ref* args, int nargs, Ref kwnames);
  Ref import_module(Ref name, int line);
  Ref builtins_dict() { return builtins_; }
  Ref modules_dict() { return modules_; }
  void format_traceback(Ref exc, std::string& to);
  void print_exception(Ref exc, std::string& to);

  Ref true_, false_, none_, notimpl_, ellipsis_;  // borrowed singletons
  Ref small_ints_[262];                          // -5..256

 private:
  void init_types();
  void init_builtins();
  void init_modules();
  Ref make_type(const std::string& name, Kind instance_kind, std::vector<Ref> bases);
  void thread_main(int id);
  int pick_next();
  void switch_away();
  void run_threads();
  void unwind_threads();
  void audit_roots(const std::function<void(Ref)>& found);

  Heap heap_;
  MemoryHook* hook_ = nullptr;  // the atomicity model's, or null
  // How count changes are carried out once a hook is installed.
  enum class RcMode : uint8_t { Plain, Naive, Atomic, Locked, Cas, Biased };
  RcMode rc_mode_ = RcMode::Plain;
  bool rc_split_ = false;  // Naive or Cas: count changes are a load and a later store
  struct Releaser : ChildReleaser {
    Interpreter* in = nullptr;
    void release_child(Ref child) override { in->decref(child); }
  } releaser_;
  void set_count_model(Model m);
  void flush_counts(ThreadState& me);
  Ref builtins_;  // DictObj of builtins
  Ref modules_;   // sys.modules
  // Looked up by string_view without building a std::string.
  struct NameHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, Ref, NameHash, std::equal_to<>> interned_;
  struct InternCacheSlot {
    const char* data = nullptr;
    Ref str;
  };
  static constexpr size_t kInternCache = 256;
  InternCacheSlot intern_cache_[kInternCache];
  std::vector<uint16_t> run_cache_slots_;  // slots holding names of this run
  // Names interned since construction ended (forgotten by reset()).
  std::unordered_map<std::string, Ref, NameHash, std::equal_to<>> run_interned_;
  bool constructed_ = false;
  // What reset() restores: the runtime's objects (their counts then are
  // their base_refs) and the contents of its mutable containers.
  std::vector<Object*> runtime_objects_;
  struct DictSnapshot {
    DictObj* d;
    std::vector<DictObj::Entry> entries;
    std::vector<int32_t> index;
    size_t used;
    uint64_t version;
  };
  std::vector<DictSnapshot> runtime_dicts_;
  // The runtime's objects whose count changed in this run (note_immortal;
  // with a hook installed the heap adds those a deallocation changes).  A
  // run without a hook changes counts unnoticed: counts_untracked_, and
  // reset() restores every count.
  std::vector<Object*> changed_immortals_;
  uint32_t run_stamp_ = 0;
  bool counts_untracked_ = true;
  void begin_run_log();
  std::vector<std::pair<ListObj*, std::vector<Ref>>> runtime_lists_;
  std::vector<std::unique_ptr<ThreadState>> threads_;
  std::vector<int> runnable_;  // wait_runnable's result
  // Thread states of earlier runs, kept by reset() with their frames.
  std::vector<std::unique_ptr<ThreadState>> spare_threads_;
  std::unique_ptr<ThreadState> new_thread_state();
  int cur_ = 0;
  int64_t clock_ = 0;  // virtual nanoseconds
  Scheduler* sched_ = nullptr;             // the scheduler in use
  std::unique_ptr<Scheduler> own_sched_;   // `run`'s own, when no explorer gave one
  Failure failure_ = Failure::None;
  std::string failure_message_;
  RunOptions opts_;
  std::string* out_ = nullptr;
  std::string* err_ = nullptr;
  int c_depth_ = 0;
  int exit_code_ = 0;
  uint32_t audit_epoch_ = 0;
  std::vector<Object*> audit_scratch_;  // audit's list of mortal objects
  // A scheduling point is needed before each instruction: more than one
  // thread, or per-step checks (audit, step limit).
  bool need_points_ = false;
  size_t out_flushed_ = 0, err_flushed_ = 0;  // bytes of out/err already streamed
  bool stopped_ = false;  // the run ended early (deadlock, step limit)
  bool abandoned_ = false;  // ... because the explorer's scheduler said so
  bool unwinding_ = false;  // the run is over; suspended threads unwind
  int next_thread_number_ = 1;
  friend struct Builtins;
};

}  // namespace vm
