#include "sim/simulate.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <deque>

#include "sim/costs_text.h"
#include "vm/compiler.h"
#include "vm/interpreter.h"
#include "vm/opcode.h"

namespace sim {

std::string SimOptions::model_name() const {
  return python2_gil ? "python2-gil" : std::string(vm::model_name(model));
}

std::string SimOptions::gil_protocol() const {
  if (!vm::has_gil(model)) return "no GIL";
  if (python2_gil) return fmt::format("a release every {} bytecodes", costs.python2.check_interval);
  return fmt::format("switch interval {:g} ms", switch_interval * 1e3);
}

const std::string& default_costs_text() {
  static const std::string text = kDefaultCosts;
  return text;
}

Costs parse_costs(const std::string& text, const std::string& file) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    throw CostsError(fmt::format("{}: not JSON: {}", file, e.what()));
  }
  auto ns = [&](const nlohmann::json& v, const std::string& what) -> int64_t {
    if (!v.is_number() || v.get<double>() < 0 || v.get<double>() > 1e9)
      throw CostsError(fmt::format("{}: {} must be a number of nanoseconds from 0 to 1e9", file, what));
    return static_cast<int64_t>(v.get<double>() * 1000 + 0.5);
  };
  auto section = [&](const char* name) -> const nlohmann::json& {
    if (!j.is_object() || !j.contains(name) || !j[name].is_object())
      throw CostsError(fmt::format("{}: missing the object \"{}\"", file, name));
    return j[name];
  };
  auto field = [&](const nlohmann::json& s, const char* sname, const char* name) {
    if (!s.contains(name)) throw CostsError(fmt::format("{}: missing \"{}\" in \"{}\"", file, name, sname));
    return ns(s[name], fmt::format("\"{}\".\"{}\"", sname, name));
  };
  Costs c;
  const auto& b = section("bytecode");
  int64_t dflt = field(b, "bytecode", "default");
  c.bytecode.fill(dflt);
  for (auto& [name, v] : b.items()) {
    if (name == "default") continue;
    int op = vm::opcode_by_name(name);
    if (op < 0 || op > 255) throw CostsError(fmt::format("{}: \"bytecode\": no opcode is called {}", file, name));
    c.bytecode[static_cast<size_t>(op)] = ns(v, "\"bytecode\".\"" + name + "\"");
  }
  const auto& r = section("refcount");
  c.rc_atomic = field(r, "refcount", "atomic");
  c.rc_cas = field(r, "refcount", "cas");
  c.rc_locked = field(r, "refcount", "locked");
  c.rc_biased_owner = field(r, "refcount", "biased_owner");
  c.rc_biased_shared = field(r, "refcount", "biased_shared");
  const auto& g = section("gil");
  c.gil_handoff = field(g, "gil", "handoff");
  c.gil_take = field(g, "gil", "take");
  const auto& pr = section("process");
  c.process_start = field(pr, "process", "start");
  c.process_exit = field(pr, "process", "exit");
  c.os_timeslice = field(section("os"), "os", "timeslice");
  const auto& p2 = section("python2_gil");
  auto number = [&](const char* name, double lo, double hi, const char* what) {
    if (!p2.contains(name)) throw CostsError(fmt::format("{}: missing \"{}\" in \"python2_gil\"", file, name));
    const auto& v = p2[name];
    if (!v.is_number() || v.get<double>() < lo || v.get<double>() > hi)
      throw CostsError(fmt::format("{}: \"python2_gil\".\"{}\" must be {} from {:g} to {:g}", file, name, what, lo, hi));
    return v.get<double>();
  };
  double ci = number("check_interval", 1, 1e6, "a whole number of bytecodes");
  if (ci != static_cast<double>(static_cast<int>(ci)))
    throw CostsError(fmt::format("{}: \"python2_gil\".\"check_interval\" must be a whole number of bytecodes", file));
  c.python2.check_interval = static_cast<int>(ci);
  c.python2.uncontended_release = field(p2, "python2_gil", "uncontended_release");
  c.python2.contended_release = field(p2, "python2_gil", "contended_release");
  c.python2.waiter_wins = number("waiter_wins", 0, 1, "a share");
  return c;
}

namespace {

constexpr int64_t kPs = 1000;  // picoseconds per nanosecond
// Without a GIL: how far (in virtual time) a running thread may get ahead
// of the others before the one furthest behind runs.  Events between
// threads (a lock released, a thread woken) are thus placed within 1 us.
constexpr int64_t kLookahead = 1000 * kPs;
// Far enough to mean "never", near enough that sums of two do not overflow.
constexpr int64_t kFar = INT64_MAX / 4;
// Nanoseconds to picoseconds, saturating at kFar (a sleep of 1e9 s).
int64_t ps(int64_t ns) { return ns >= kFar / kPs ? kFar : ns * kPs; }

class Simulator : public vm::Scheduler, public vm::InstructionRecorder, public vm::Clock {
 public:
  // `base`: the virtual time (ps) the process starts at.
  Simulator(vm::Interpreter& in, const SimOptions& o, int64_t base = 0)
      : in_(in), o_(o), gil_(vm::has_gil(o.model)), py2_(gil_ && o.python2_gil), base_(base), released_(base),
        last_take_(base) {}

  // ---- vm::Clock
  int64_t now(int t) override {
    if (t < 0 || static_cast<size_t>(t) >= th_.size()) return end_time() / kPs;
    return th_[static_cast<size_t>(t)].clock / kPs;
  }
  void busy(int t, int64_t ns) override {
    if (t < 0) return;
    T& x = at(t);
    x.clock = std::min(x.clock + ps(ns), 2 * kFar);
    x.cpu += ps(ns);
  }

  // ---- vm::InstructionRecorder
  void instruction(int t, const vm::Frame& f) override {
    charge_counts();
    last_ = t;
    const vm::Code& code = *f.code->code;
    int op = code.code[static_cast<size_t>(vm::instruction_pc(code, f.pc))].op;
    T& x = at(t);
    int64_t c = o_.costs.bytecode[static_cast<size_t>(op)];
    x.clock += c;
    x.cpu += c;
    ++x.bytecodes;
    if (py2_) ++x.ticks;
  }

  // ---- vm::Scheduler
  // Lets the running thread go on without a decision while nothing can
  // change: no thread became runnable, no sleeper's time comes first, no
  // drop request is due, and (without a GIL) no other running thread is
  // behind it.  Most bytecodes take this path.
  bool skip(int current, vm::OpKind why) override {
    if (why != vm::OpKind::Bytecode || in_.wakes != wakes_seen_ || current < 0 ||
        static_cast<size_t>(current) >= th_.size())
      return false;
    const T& x = th_[static_cast<size_t>(current)];
    if (x.state != vm_running || x.clock >= next_wake_) return false;
    if (py2_) return x.ticks < o_.costs.python2.check_interval;
    if (gil_) return waiters_.empty() || x.clock < next_request_;
    // Without a GIL the running threads advance together; each may run
    // ahead of the others by kLookahead before they catch up (switching at
    // every bytecode would cost far more than it tells).  A thread that has
    // used its time slice while another waits for a core stops for pick().
    if (!ready_.empty() && x.clock >= x.core_since + o_.costs.os_timeslice) return false;
    return x.clock <= others_min_ + kLookahead;
  }

  int pick(const std::vector<int>& runnable, int current, vm::OpKind why) override {
    charge_counts();
    wakes_seen_ = in_.wakes;
    for (int t : runnable) at(t);
    int64_t now_ps = current >= 0 ? at(current).clock : end_time();
    // Threads that stopped running (blocked, asleep, done) first, and those
    // that slept and woke since the last decision: they free the GIL.
    is_runnable_.assign(th_.size(), 0);
    for (int t : runnable) is_runnable_[static_cast<size_t>(t)] = 1;
    for (size_t i = 0; i < th_.size(); ++i) {
      vm::ThreadState* s = in_.thread(static_cast<int>(i));
      bool slept = s && s->woken_at >= 0;
      if (th_[i].active && (!is_runnable_[i] || slept)) stop(static_cast<int>(i), slept);
    }
    // Then those that became runnable, at the time they did.
    started_.clear();
    for (int t : runnable) {
      T& x = at(t);
      if (x.active) continue;
      vm::ThreadState* s = in_.thread(t);
      int64_t when = now_ps;
      if (s && s->woken_at >= 0) {
        when = ps(s->woken_at);
        s->woken_at = -1;
      }
      started_.emplace_back(std::max(x.clock, when), t);
    }
    std::sort(started_.begin(), started_.end());
    for (auto [when, t] : started_) start(t, when);
    // Sleepers whose time comes before the next step of anyone running wake now.
    for (;;) {
      int64_t next = INT64_MAX;
      for (size_t i = 0; i < th_.size(); ++i)
        if (runs(static_cast<int>(i))) next = std::min(next, th_[i].clock);
      int64_t wake = earliest_wake();
      if (wake == INT64_MAX || (next != INT64_MAX && wake >= next)) break;
      for (int i = 0; i < in_.thread_count(); ++i) {
        if (!waits_for_time(i) || ps(in_.thread(i)->wake_at) != wake) continue;
        in_.wake_sleeper(i);
        in_.thread(i)->woken_at = -1;
        start(i, std::max(at(i).clock, wake));
      }
    }
    // Thread.start waits until the new thread has started (threading's
    // _started event): the parent waits without the GIL, the new thread
    // takes it, and the parent wants it back.
    if (gil_ && why == vm::OpKind::Spawn && holder_ == current && current >= 0) {
      int born = in_.thread_count() - 1;
      if (born != current && at(born).state == vm_gilwait) {
        std::erase(waiters_, born);
        hand_over(current, born, at(current).clock, o_.costs.gil_take);
      }
    }
    // Without a GIL: a thread that has used its time slice while another
    // waits for a core goes to the back of the queue (the OS's round robin).
    if (!gil_ && why == vm::OpKind::Bytecode && current >= 0 && runs(current) && !ready_.empty() &&
        at(current).clock >= at(current).core_since + o_.costs.os_timeslice) {
      T& x = at(current);
      int to = ready_.front();
      ready_.pop_front();
      become(current, vm_ready, x.clock);
      ready_.push_back(current);
      become(to, vm_running, std::max(x.clock, at(to).clock));
    }
    // Python 2: the holder's release and retake every check interval.
    if (py2_ && why == vm::OpKind::Bytecode && holder_ == current && current >= 0 &&
        at(current).ticks >= o_.costs.python2.check_interval)
      check_interval(current);
    // The GIL's drop request, seen at the holder's eval-breaker check.
    if (gil_ && !py2_ && why == vm::OpKind::Bytecode && holder_ == current && current >= 0 && !waiters_.empty()) {
      if (at(current).clock >= request_time()) {
        ++handoffs_;
        int to = waiters_.front();
        waiters_.pop_front();
        hand_over(current, to, std::max(at(current).clock, at(to).clock), o_.costs.gil_handoff);
      }
    }
    // The running thread with the earliest clock steps next.
    int best = -1;
    for (int t : runnable)
      if (runs(t) && (best < 0 || at(t).clock < at(best).clock)) best = t;
    if (best < 0) best = runnable.front();  // cannot happen: someone holds the GIL
    last_ = best;  // what runs from now on is best's doing
    // What skip() needs until the next decision.
    next_wake_ = earliest_wake();
    next_request_ = waiters_.empty() ? INT64_MAX : request_time();
    others_min_ = INT64_MAX - kLookahead;
    for (int t : runnable)
      if (t != best && runs(t)) others_min_ = std::min(others_min_, at(t).clock);
    return best;
  }

  void finish() override {
    charge_counts();
    // A thread still waiting (for the GIL, a core, a lock: a daemon thread
    // when the main thread ended) waited until the run's end.
    int64_t end = end_time();
    for (size_t i = 0; i < th_.size(); ++i) {
      T& x = th_[i];
      if (!x.active && x.state == vm_none) continue;
      become(static_cast<int>(i), vm_none, x.state == vm_running ? x.clock : std::max(x.clock, end));
    }
  }

  SimReport report() {
    SimReport r;
    r.gil_handoffs = handoffs_;
    r.gil_battles = battles_;
    for (int i = 0; i < in_.thread_count() && static_cast<size_t>(i) < th_.size(); ++i) {
      T& x = th_[static_cast<size_t>(i)];
      ThreadReport t;
      t.name = in_.thread(i)->name;
      t.start = x.first / kPs;
      t.end = x.clock / kPs;
      t.cpu_time = x.cpu / kPs;
      t.gil_wait = x.gil_wait / kPs;
      t.gil_battle = x.battle / kPs;
      t.blocked = x.blocked / kPs;
      t.sleeping = x.sleeping / kPs;
      t.ready = x.ready / kPs;
      t.count_time = x.count_cost / kPs;
      t.bytecodes = x.bytecodes;
      t.count_changes = x.count_changes;
      t.spans = std::move(x.spans);
      r.wall_time = std::max(r.wall_time, t.end);
      r.serial_time += t.cpu_time + t.sleeping;
      r.threads.push_back(std::move(t));
    }
    r.speedup = r.wall_time > 0 ? static_cast<double>(r.serial_time) / static_cast<double>(r.wall_time) : 1.0;
    return r;
  }

 private:
  // What a thread is doing, for the time accounts (vm_none: not begun or done).
  enum State : uint8_t { vm_none, vm_running, vm_gilwait, vm_blocked, vm_sleeping, vm_ready, vm_battle };
  struct T {
    int64_t clock = 0, first = -1;  // ps
    bool active = false;            // runnable, as the last decision saw it
    State state = vm_none;
    int64_t since = 0;              // when `state` began
    int64_t core_since = 0;         // when it last began to run
    int64_t cpu = 0, gil_wait = 0, battle = 0, blocked = 0, sleeping = 0, ready = 0, count_cost = 0;
    uint64_t bytecodes = 0, count_changes = 0;
    int ticks = 0;                  // python2-gil: bytecodes since the last check
    std::vector<Span> spans;
  };

  T& at(int t) {
    while (static_cast<size_t>(t) >= th_.size()) {
      th_.emplace_back();
      th_.back().clock = base_;
    }
    return th_[static_cast<size_t>(t)];
  }
  int64_t end_time() const {
    int64_t e = base_;
    for (const T& x : th_) e = std::max(e, x.clock);
    return e;
  }
  bool runs(int t) { return at(t).state == vm_running; }

  // Thread t does `s` from time `when` on (closing what it did before).
  void become(int t, State s, int64_t when) {
    T& x = at(t);
    if (x.state != vm_none && when > x.since) {
      int64_t d = when - x.since;
      if (x.state == vm_gilwait || x.state == vm_battle) x.gil_wait += d;
      if (x.state == vm_battle) x.battle += d;
      if (x.state == vm_blocked) x.blocked += d;
      if (x.state == vm_sleeping) x.sleeping += d;
      if (x.state == vm_ready) x.ready += d;
      Activity a = x.state == vm_running ? Activity::Running
                   : x.state == vm_gilwait ? Activity::GilWait
                   : x.state == vm_ready   ? Activity::Ready
                   : x.state == vm_battle  ? Activity::Battle
                   : x.state == vm_blocked ? Activity::Blocked
                                           : Activity::Sleeping;
      int64_t b = x.since / kPs, e = when / kPs;
      if (!x.spans.empty() && x.spans.back().what == a && x.spans.back().end == b) x.spans.back().end = e;
      else if (e > b) x.spans.push_back({b, e, a});
    }
    if (x.first < 0 && s != vm_none) x.first = when;
    if (s == vm_running && x.state != vm_running) x.core_since = when;
    x.state = s;
    x.since = when;
    x.clock = std::max(x.clock, when);
  }

  // When the longest waiter asks the holder to drop the GIL: one switch
  // interval after it began to wait, or after the GIL last changed hands
  // (a waiter whose wait saw a switch waits again).
  int64_t request_time() {
    int64_t interval = ps(static_cast<int64_t>(std::clamp(in_.switch_interval, 1e-9, 3600.0) * 1e9));
    return std::max(at(waiters_.front()).since, last_take_) + interval;
  }

  // Thread t asleep, or in a wait with a timeout: it wakes at wake_at.
  bool waits_for_time(int t) { return in_.thread(t)->waits_for_time(); }
  // The first wake time of those (ps), or INT64_MAX.
  int64_t earliest_wake() {
    int64_t wake = INT64_MAX;
    for (int i = 0; i < in_.thread_count(); ++i)
      if (waits_for_time(i)) wake = std::min(wake, ps(in_.thread(i)->wake_at));
    return wake;
  }

  // The holder `from` gives the GIL to `to` at `when` and waits for it again.
  void hand_over(int from, int to, int64_t when, int64_t cost) {
    become(from, vm_gilwait, at(from).clock);
    waiters_.push_back(from);
    take(to, when, cost);
  }

  // Thread t takes the GIL at `when` (never before it was released), which
  // costs `cost`.
  void take(int t, int64_t when, int64_t cost) {
    when = std::max(when, released_) + cost;
    holder_ = t;
    last_take_ = when;
    become(t, vm_running, when);
  }

  void start(int t, int64_t when) {
    T& x = at(t);
    x.active = true;
    if (!gil_) {
      // Without a GIL every runnable thread runs, on its own core while
      // there are cores; the others wait for one, and take turns of one
      // time slice (pick()).
      int busy = 0;
      for (const T& y : th_) busy += y.state == vm_running;
      if (busy < o_.cores) {
        become(t, vm_running, when);
      } else {
        become(t, vm_ready, when);
        ready_.push_back(t);
      }
      return;
    }
    if (holder_ < 0) {
      take(t, when, o_.costs.gil_take);
      return;
    }
    become(t, vm_gilwait, when);
    waiters_.push_back(t);
  }

  // Thread t stopped running; `slept`: it slept (or waited with a
  // timeout) and has woken already.
  void stop(int t, bool slept) {
    T& x = at(t);
    x.active = false;
    vm::ThreadState* s = in_.thread(t);
    State next = slept ? (s && s->woke_from_sleep ? vm_sleeping : vm_blocked)
                 : !s || s->status == vm::ThreadStatus::Done ? vm_none
                 : s->status == vm::ThreadStatus::Sleeping ? vm_sleeping
                                                           : vm_blocked;
    std::erase(waiters_, t);
    bool had_core = x.state == vm_running;
    std::erase(ready_, t);
    become(t, next, x.clock);
    if (!gil_ && had_core && !ready_.empty()) {  // its core goes to the thread that waited longest
      int to = ready_.front();
      ready_.pop_front();
      become(to, vm_running, std::max(x.clock, at(to).clock));
    }
    if (gil_ && holder_ == t) {
      holder_ = -1;
      released_ = x.clock;
      if (!waiters_.empty()) {  // the longest waiter takes it
        int to = waiters_.front();
        waiters_.pop_front();
        take(to, std::max(x.clock, at(to).clock), o_.costs.gil_take);
      }
    }
  }

  // Python 2's check (Python/ceval.c, 2.7): every check interval the holder
  // releases the GIL (sem_post: the longest waiter wakes) and at once takes
  // it again (sem_wait).  No thread waits: the two cost little.  One
  // waits, on a core of its own: it wakes there and races the holder, who
  // mostly is back first; the race costs the holder the futex wake and the
  // cache-line traffic (contended_release) and the waiter wins a share of
  // them (waiter_wins; decided by an accumulator, so the same run gives the
  // same winners).  On one core the waiter cannot run until the OS
  // preempts the holder, after its time slice.
  void check_interval(int t) {
    const Costs::Python2Gil& p = o_.costs.python2;
    T& h = at(t);
    h.ticks = 0;
    if (waiters_.empty() || (o_.cores == 1 && h.clock - last_take_ < o_.costs.os_timeslice)) {
      if (in_.thread_count() > 1) {  // Python 2 makes the GIL when the first thread starts
        h.clock += p.uncontended_release;
        h.cpu += p.uncontended_release;
      }
      return;
    }
    int to = waiters_.front();
    if (o_.cores == 1) {  // the OS preempts the holder between its release and retake
      ++handoffs_;
      waiters_.pop_front();
      hand_over(t, to, std::max(h.clock, at(to).clock), o_.costs.gil_take);
      return;
    }
    ++battles_;
    win_share_ += p.waiter_wins;
    int64_t r = h.clock;
    if (win_share_ >= 1 && at(to).clock <= r) {
      win_share_ -= 1;
      ++handoffs_;
      waiters_.pop_front();
      become(to, vm_battle, r);  // the waiter wins, after the same battle
      hand_over(t, to, r, p.contended_release);
    } else {  // the holder is back first: its retake waited out the battle
      become(t, vm_battle, r);
      become(t, vm_running, r + p.contended_release);
    }
  }

  // The count changes made since the last charge, by the thread that ran.
  void charge_counts() {
    vm::Heap::Tally& now = in_.heap().tally;
    uint64_t owned = now.owned - seen_.owned, shared = now.shared - seen_.shared;
    uint64_t immortal = now.immortal - seen_.immortal;
    seen_ = now;
    if (last_ < 0 || owned + shared + immortal == 0) return;
    const Costs& c = o_.costs;
    int64_t cost = 0;
    switch (o_.model) {
      case vm::Model::NogilAtomicRc: cost = static_cast<int64_t>(owned + shared) * c.rc_atomic; break;
      case vm::Model::NogilCasRc: cost = static_cast<int64_t>(owned + shared) * c.rc_cas; break;
      case vm::Model::NogilObjectLocks: cost = static_cast<int64_t>(owned + shared) * c.rc_locked; break;
      case vm::Model::FreeThreaded:
        cost = static_cast<int64_t>(owned) * c.rc_biased_owner + static_cast<int64_t>(shared) * c.rc_biased_shared;
        break;
      default: break;  // plain: in the bytecodes' costs already (and immortal objects cost nothing)
    }
    T& x = at(last_);
    x.count_changes += owned + shared + immortal;
    x.count_cost += cost;
    x.clock += cost;
    x.cpu += cost;
  }

  vm::Interpreter& in_;
  const SimOptions& o_;
  bool gil_;
  bool py2_;                  // python2-gil's protocol
  int64_t base_;              // when the process started
  int64_t released_;          // when the GIL was last released
  int64_t last_take_;         // when the GIL last changed hands
  std::vector<T> th_;
  int holder_ = -1;           // the GIL's holder
  std::deque<int> waiters_;   // waiting for the GIL, longest first
  std::deque<int> ready_;     // without a GIL: runnable, waiting for a core, longest first
  int last_ = -1;             // the thread that ran since the last charge
  vm::Heap::Tally seen_;
  uint64_t handoffs_ = 0;
  uint64_t battles_ = 0;      // python2-gil: releases a waiter raced for
  double win_share_ = 0;      // python2-gil: the waiters' share of wins, not yet taken
  // For skip(), as the last decision left them.
  uint64_t wakes_seen_ = UINT64_MAX;
  int64_t next_wake_ = 0, next_request_ = 0, others_min_ = 0;
  // Reused by pick().
  std::vector<char> is_runnable_;
  std::vector<std::pair<int64_t, int>> started_;
};

}  // namespace

namespace {

// What the processes of one simulation share: the cores the child
// processes run on, and the lanes they leave.
struct Machine {
  const SimOptions& opts;
  std::vector<int64_t> core_free;  // ps: when each core is free of child processes
  std::vector<ThreadReport> lanes;  // every process's threads, children after their parent
  uint64_t handoffs = 0, battles = 0;
};

// A Process's arguments as Python source (spawn pickles them: only plain
// values cross), or empty when one is not plain.
std::string plain_source(vm::Interpreter& in, vm::Ref v, int depth = 0) {
  using vm::Kind;
  if (depth > 20) return "";
  switch (v.p->kind) {
    case Kind::None:
    case Kind::Bool:
    case Kind::Int:
    case Kind::Str: return in.repr_s(v);
    case Kind::Float: {
      std::string r = in.repr_s(v);
      return r.find_first_of("in") == std::string::npos ? r : "";
    }
    case Kind::Tuple:
    case Kind::List: {
      std::string out;
      bool plain = true;
      for (vm::Ref e : in.unpack_iterable(v)) {
        std::string x = plain ? plain_source(in, e, depth + 1) : "";
        in.decref(e);
        plain = plain && !x.empty();
        out += x + ", ";
      }
      if (!plain) return "";
      return v.p->kind == Kind::Tuple ? "(" + out + ")" : "[" + out + "]";
    }
    default: return "";
  }
}

// `target_line`: in a child, the line of the appended target(*args) call.
SimReport run_process(const Program& prog, const SimOptions& opts, int64_t start_ps, const std::string& main_name,
                      const std::string& prefix, Machine& m, int target_line = 0) {
  auto in = std::make_unique<vm::Interpreter>();
  Simulator s(*in, opts, start_ps);
  size_t first_lane = m.lanes.size();
  in->spawner = [&](vm::Ref proc) -> vm::SpawnedProcess {
    vm::Interpreter& p = *in;
    // As CPython's spawn does: a process that starts another while its
    // module is still running (an unguarded start() at module level, run
    // again in every child) is refused.
    if (main_name == "__mp_main__" && p.current().id == 0 && p.current().frame) {
      const vm::Frame* f = p.current().frame;
      while (f->previous) f = f->previous;
      const vm::Code& code = *f->code->code;
      int line = f->lasti >= 0 && f->lasti < static_cast<int>(code.positions.size())
                     ? code.positions[static_cast<size_t>(f->lasti)].line
                     : 0;
      if (line < target_line)
        p.raise(p.exc_.RuntimeError,
                "An attempt has been made to start a new process before the current process has finished its "
                "bootstrapping phase. (The module starts a process outside `if __name__ == \"__main__\":`, "
                "and spawn runs the module again in every child.)");
    }
    auto* inst = static_cast<vm::InstanceObj*>(proc.p);
    vm::Ref target = p.dict_get_str(inst->dict, "_target");
    vm::Ref args = p.dict_get_str(inst->dict, "_args");
    vm::Ref kwargs = p.dict_get_str(inst->dict, "_kwargs");
    vm::Ref name = p.dict_get_str(inst->dict, "name");
    if (!target || target.p->kind != vm::Kind::Function)
      p.raise(p.exc_.TypeError, "gilsim simulate: a Process's target must be a function of the module (spawn finds it by name)");
    auto* fn = static_cast<vm::FunctionObj*>(target.p);
    std::string qual = p.str_s(fn->qualname);
    if (qual.find('.') != std::string::npos || qual.find('<') != std::string::npos)
      p.raise(p.exc_.TypeError, "gilsim simulate: a Process's target must be a module-level function (spawn finds it by name)");
    std::string a = args ? plain_source(p, args) : "()";
    std::string kw;
    if (kwargs && kwargs.p->kind == vm::Kind::Dict) {
      for (auto& e : static_cast<vm::DictObj*>(kwargs.p)->entries) {
        if (!e.key) continue;
        std::string v = plain_source(p, e.value);
        if (v.empty()) a.clear();
        kw += p.str_s(e.key) + "=" + v + ", ";
      }
    }
    if (a.empty())
      p.raise(p.exc_.TypeError, "gilsim simulate: a Process's arguments must be None, bools, ints, floats, strings, "
                                "or tuples and lists of them (spawn pickles them)");
    // spawn: the module runs again as __mp_main__, then target(*args).
    Program child = prog;
    child.source = prog.source + (prog.source.empty() || prog.source.back() == '\n' ? "" : "\n") + qual + "(*" + a +
                   (kw.empty() ? "" : ", " + kw) + ")\n";
    child.code = vm::compile_source(child.source, prog.path);
    // A core for it: the one free first (when every core runs a process
    // that has not ended yet, a nested one, it shares its parent's).
    int64_t ready = ps(s.now(p.current().id)) + opts.costs.process_start;
    size_t core = 0;
    for (size_t c = 1; c < m.core_free.size(); ++c)
      if (m.core_free[c] < m.core_free[core]) core = c;
    int64_t begin = m.core_free[core] >= kFar ? ready : std::max(ready, m.core_free[core]);
    int64_t held = m.core_free[core];
    m.core_free[core] = kFar;  // taken while it runs
    std::string pname = name ? p.str_s(name) : "Process";
    int line = static_cast<int>(std::count(child.source.begin(), child.source.end(), '\n'));
    SimReport r = run_process(child, opts, begin, "__mp_main__", prefix + pname + ": ", m, line);
    m.core_free[core] = held >= kFar ? held : ps(r.wall_time);
    vm::SpawnedProcess sp;
    sp.end = r.wall_time + opts.costs.process_exit / kPs;
    sp.exit_code = r.exit_code;
    sp.output = r.output;
    return sp;
  };
  vm::RunOptions ro;
  ro.model = opts.model;
  ro.max_steps = opts.max_steps;
  ro.scheduler = &s;
  ro.recorder = &s;
  ro.clock = &s;
  ro.main_name = main_name;
  in->main_file_display = prog.display;
  in->heap().tallying = true;
  std::string out, err;
  in->switch_interval = opts.switch_interval;
  vm::RunResult rr = in->run_main(prog.code, prog.source, ro, out, err);
  s.finish();
  SimReport r = s.report();
  for (auto& t : r.threads) t.name = prefix + t.name;
  m.lanes.insert(m.lanes.begin() + static_cast<std::ptrdiff_t>(first_lane), r.threads.begin(), r.threads.end());
  m.handoffs += r.gil_handoffs;
  m.battles += r.gil_battles;
  r.output = out + err;
  r.exit_code = rr.exit_code;
  r.error = rr.error;
  return r;
}

}  // namespace

SimReport simulate(const Program& prog, const SimOptions& opts) {
  Machine m{opts, std::vector<int64_t>(static_cast<size_t>(std::max(opts.cores, 1)), 0), {}};
  SimReport r = run_process(prog, opts, 0, "__main__", "", m);
  // The whole machine: every process's threads.
  r.threads = std::move(m.lanes);
  r.gil_handoffs = m.handoffs;
  r.gil_battles = m.battles;
  r.wall_time = r.serial_time = 0;
  for (const ThreadReport& t : r.threads) {
    r.wall_time = std::max(r.wall_time, t.end);
    r.serial_time += t.cpu_time + t.sleeping;
  }
  r.speedup = r.wall_time > 0 ? static_cast<double>(r.serial_time) / static_cast<double>(r.wall_time) : 1.0;
  return r;
}

}  // namespace sim

namespace sim {

namespace {

double seconds(int64_t ns) { return static_cast<double>(ns) / 1e9; }

const char* activity_name(Activity a) {
  switch (a) {
    case Activity::Running: return "running";
    case Activity::GilWait: return "waiting for the GIL";
    case Activity::Blocked: return "blocked";
    case Activity::Sleeping: return "sleeping or in I/O";
    case Activity::Ready: return "waiting for a core";
    case Activity::Battle: return "retaking the GIL against a waiter";
  }
  return "?";
}

const char* activity_colour(Activity a) {
  switch (a) {
    case Activity::Running: return "#2e9e44";
    case Activity::GilWait: return "#e8a33d";
    case Activity::Blocked: return "#9aa5b1";
    case Activity::Sleeping: return "#7fb3e6";
    case Activity::Ready: return "#d9534f";
    case Activity::Battle: return "#8e44ad";
  }
  return "#000";
}

constexpr size_t kActivities = 6;  // Activity's values
// A stacked bar's activities, from the top.
constexpr std::array<Activity, kActivities> kStackOrder = {Activity::Running, Activity::Battle, Activity::GilWait,
                                                           Activity::Ready,   Activity::Blocked, Activity::Sleeping};

// `px` pixels shared out by the times in `t`, largest remainders first.
std::array<int, kActivities> shares(const std::array<int64_t, kActivities>& t, int px) {
  std::array<int, kActivities> h{};
  int64_t total = 0;
  for (int64_t v : t) total += v;
  if (total <= 0) return h;
  int used = 0;
  std::array<int64_t, kActivities> rem{};
  for (size_t a = 0; a < kActivities; ++a) {
    h[a] = static_cast<int>(t[a] * px / total);
    rem[a] = t[a] * px % total;
    used += h[a];
  }
  for (; used < px; ++used) {
    size_t best = 0;
    for (size_t a = 1; a < kActivities; ++a)
      if (rem[a] > rem[best]) best = a;
    ++h[best];
    rem[best] = -1;
  }
  return h;
}

std::string xml_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

std::string report_json(const SimReport& r, const SimOptions& o) {
  nlohmann::ordered_json j;
  j["model"] = o.model_name();
  j["cores"] = o.cores;
  j["switch_interval"] = o.switch_interval;
  j["wall_time"] = seconds(r.wall_time);
  j["serial_time"] = seconds(r.serial_time);
  j["speedup"] = r.speedup;
  j["gil_handoffs"] = r.gil_handoffs;
  if (o.python2_gil) {
    j["check_interval"] = o.costs.python2.check_interval;
    j["gil_battles"] = r.gil_battles;
  }
  j["exit_code"] = r.exit_code;
  if (!r.error.empty()) j["error"] = r.error;
  nlohmann::ordered_json threads = nlohmann::ordered_json::array();
  for (const ThreadReport& t : r.threads) {
    nlohmann::ordered_json x;
    x["name"] = t.name;
    x["start"] = seconds(t.start);
    x["end"] = seconds(t.end);
    x["cpu_time"] = seconds(t.cpu_time);
    x["gil_wait"] = seconds(t.gil_wait);
    if (o.python2_gil) x["gil_battle"] = seconds(t.gil_battle);
    x["blocked"] = seconds(t.blocked + t.sleeping);
    x["sleeping"] = seconds(t.sleeping);
    x["core_wait"] = seconds(t.ready);
    x["refcount_time"] = seconds(t.count_time);
    x["refcount_changes"] = t.count_changes;
    x["bytecodes"] = t.bytecodes;
    threads.push_back(std::move(x));
  }
  j["threads"] = std::move(threads);
  j["output"] = r.output;
  return j.dump(2) + "\n";
}

std::string report_svg(const SimReport& r, const SimOptions& o, const std::string& title) {
  const int label = 230, width = 1100, lane = 30, top = 78, plot = width - label - 30;
  int height = top + lane * static_cast<int>(r.threads.size()) + 50;
  double wall = static_cast<double>(std::max<int64_t>(r.wall_time, 1));
  auto x = [&](int64_t ns) { return label + static_cast<double>(ns) / wall * plot; };
  std::string s = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" viewBox=\"0 0 {} {}\" "
      "font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"13\">\n"
      "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n",
      width, height, width, height);
  s += fmt::format("<text x=\"10\" y=\"22\" font-size=\"16\" font-weight=\"bold\">{}</text>\n", xml_escape(title));
  std::string switches = !vm::has_gil(o.model) ? ""
                         : o.python2_gil     ? fmt::format(", the GIL changed hands {} times", r.gil_handoffs)
                                             : fmt::format(", {} forced GIL switch{}", r.gil_handoffs,
                                                           r.gil_handoffs == 1 ? "" : "es");
  s += fmt::format("<text x=\"10\" y=\"42\">{} on {} core{}, {}: wall time {:.3f} ms, speedup {:.2f}x{}</text>\n",
                   o.model_name(), o.cores, o.cores == 1 ? "" : "s", o.gil_protocol(),
                   static_cast<double>(r.wall_time) / 1e6, r.speedup, switches);
  // Legend.
  double lx = 10;
  std::vector<Activity> legend = {Activity::Running, Activity::GilWait, Activity::Blocked, Activity::Sleeping,
                                  Activity::Ready};
  if (o.python2_gil) legend.insert(legend.begin() + 1, Activity::Battle);
  for (Activity a : legend) {
    s += fmt::format("<rect x=\"{:.1f}\" y=\"52\" width=\"14\" height=\"14\" fill=\"{}\"/>"
                     "<text x=\"{:.1f}\" y=\"64\">{}</text>\n",
                     lx, activity_colour(a), lx + 19, activity_name(a));
    lx += 19 + 8.0 * static_cast<double>(std::string(activity_name(a)).size()) + 20;
  }
  // Lanes.
  for (size_t i = 0; i < r.threads.size(); ++i) {
    const ThreadReport& t = r.threads[i];
    int y = top + lane * static_cast<int>(i);
    s += fmt::format("<g class=\"lane\" data-thread=\"{}\">\n", xml_escape(t.name));
    s += fmt::format("<text x=\"10\" y=\"{}\">{}</text>\n", y + 19, xml_escape(t.name));
    s += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#f3f4f6\"/>\n", label, y + 4, plot,
                     lane - 8);
    // A span a pixel wide or more is a bar of its own.  Narrower spans
    // (threads switching faster than the picture can show, as under
    // python2-gil) are summed per pixel column, and the column shows the
    // share of each activity as a stacked bar; neighbouring columns alike
    // are drawn as one.
    const int bar = lane - 8;
    // One bar: `what` from `begin` to `end` (ns), its tooltip `tip`.
    auto rect = [&](Activity what, double rx, int ry, double rw, int rh, const std::string& tip, int64_t begin,
                    int64_t end) {
      s += fmt::format("<rect class=\"{}\" x=\"{:.2f}\" y=\"{}\" width=\"{:.2f}\" height=\"{}\" fill=\"{}\">"
                       "<title>{}: {:.3f} to {:.3f} ms</title></rect>\n",
                       activity_name(what), rx, ry, rw, rh, activity_colour(what), tip,
                       static_cast<double>(begin) / 1e6, static_cast<double>(end) / 1e6);
    };
    std::array<int64_t, kActivities> acc{};
    int64_t col = -1, bin_begin = 0, bin_end = 0;
    std::array<int, kActivities> run{};
    std::array<int64_t, kActivities> run_time{};
    double run_x0 = 0, run_x1 = 0;
    int64_t run_begin = 0, run_end = 0;
    bool run_open = false;
    auto flush_run = [&] {
      if (!run_open) return;
      run_open = false;
      int64_t total = 0;
      for (int64_t v : run_time) total += v;
      std::string share;
      for (Activity act : kStackOrder)
        if (auto a = static_cast<size_t>(act); run_time[a] > 0)
          share += fmt::format("{}{} {:.0f}%", share.empty() ? "" : ", ", activity_name(act),
                               100.0 * static_cast<double>(run_time[a]) / static_cast<double>(total));
      int top_y = y + 4;
      for (Activity act : kStackOrder) {
        int h = run[static_cast<size_t>(act)];
        if (h == 0) continue;
        rect(act, run_x0, top_y, run_x1 - run_x0, h, share, run_begin, run_end);
        top_y += h;
      }
      run_time.fill(0);
    };
    auto flush_bin = [&] {
      if (col < 0) return;
      std::array<int, kActivities> h = shares(acc, bar);
      double x0 = label + static_cast<double>(col), x1 = std::min(x0 + 1, static_cast<double>(label + plot));
      if (!run_open || h != run || run_x1 < x0) {
        flush_run();
        run_open = true;
        run = h;
        run_x0 = x0;
        run_begin = bin_begin;
      }
      run_x1 = x1;
      run_end = bin_end;
      for (size_t a = 0; a < kActivities; ++a) run_time[a] += acc[a];
      acc.fill(0);
      col = -1;
    };
    for (const Span& sp : t.spans) {
      double x0 = x(sp.begin), x1 = x(sp.end);
      if (x1 - x0 < 1.0) {
        auto c = static_cast<int64_t>(x0 - label);
        if (c != col) {
          flush_bin();
          col = c;
          bin_begin = sp.begin;
        }
        acc[static_cast<size_t>(sp.what)] += sp.end - sp.begin;
        bin_end = sp.end;
        continue;
      }
      flush_bin();
      flush_run();
      rect(sp.what, x0, y + 4, x1 - x0, bar, activity_name(sp.what), sp.begin, sp.end);
    }
    flush_bin();
    flush_run();
    s += "</g>\n";
  }
  // Time axis: ticks at 1, 2 or 5 times a power of ten milliseconds.
  int y = top + lane * static_cast<int>(r.threads.size()) + 8;
  s += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#333\"/>\n", label, y, label + plot, y);
  double ms = wall / 1e6, step = 0;
  for (double p = 1e-6; step == 0; p *= 10)
    for (double m : {1.0, 2.0, 5.0})
      if (step == 0 && ms / (m * p) <= 10) step = m * p;
  for (int k = 0; k * step <= ms * (1 + 1e-9); ++k) {
    double v = k * step;
    double px = label + v / ms * plot;
    s += fmt::format("<line x1=\"{:.2f}\" y1=\"{}\" x2=\"{:.2f}\" y2=\"{}\" stroke=\"#333\"/>"
                     "<text x=\"{:.2f}\" y=\"{}\" text-anchor=\"middle\">{:g} ms</text>\n",
                     px, y, px, y + 5, px, y + 20, v);
  }
  s += "</svg>\n";
  return s;
}

}  // namespace sim
