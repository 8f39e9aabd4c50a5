#include "sim/explorer.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "properties/monitors.h"
#include "sim/strategies.h"
#include "vm/interpreter.h"
#include "vm/objects_impl.h"
#include "vm/opcode.h"

namespace sim {

namespace {

// Names an object for people: "function measure", "list #12".
std::string describe(vm::Object* o) {
  switch (o->kind) {
    case vm::Kind::Function: {
      auto* f = static_cast<vm::FunctionObj*>(o);
      if (f->qualname && f->qualname.p->kind == vm::Kind::Str)
        return fmt::format("function {} (#{})", static_cast<vm::StrObj*>(f->qualname.p)->s, o->serial);
      break;
    }
    case vm::Kind::Class:
      return fmt::format("class {} (#{})", static_cast<vm::ClassObj*>(o)->name, o->serial);
    case vm::Kind::Module:
      return fmt::format("module {} (#{})", static_cast<vm::ModuleObj*>(o)->name, o->serial);
    default: break;
  }
  return fmt::format("{} #{}", vm::kind_name(o->kind), o->serial);
}

// Storage one Driver leaves to the next on the same thread: an execution
// records a step at every scheduling point, and allocating each step's
// footprint afresh was a good part of an execution's cost.
struct DriverBuffers {
  std::vector<Step> steps;       // empty, with capacity
  std::vector<Footprint> spare;  // empty footprints, with capacity
  std::vector<int> decisions;
  std::vector<size_t> step_ends;
};

// Sits between one execution and the strategy: records each step's
// footprint (as the interpreter's MemoryHook) and makes the decisions (as
// its Scheduler).
class Driver : public vm::Scheduler, public vm::MemoryHook, public vm::InstructionRecorder {
 public:
  // Exploring: the strategy decides.  Replaying: `fixed` decides.
  Driver(vm::Interpreter& in, Strategy* strategy, const std::vector<int>* fixed, bool record)
      : in_(in), strategy_(strategy), fixed_(fixed), record_(record) {
    ignore_above = in_.heap().allocations();
    step_stamp = next_stamp();
    DriverBuffers& b = buffers();
    steps_ = std::move(b.steps);
    decisions_ = std::move(b.decisions);
    step_ends_ = std::move(b.step_ends);
    fp_ = spare_footprint();
  }
  ~Driver() override {
    DriverBuffers& b = buffers();
    for (Step& s : steps_) {
      s.fp.clear();
      b.spare.push_back(std::move(s.fp));
    }
    fp_.clear();
    b.spare.push_back(std::move(fp_));
    steps_.clear();
    decisions_.clear();
    step_ends_.clear();
    b.steps = std::move(steps_);
    b.decisions = std::move(decisions_);
    b.step_ends = std::move(step_ends_);
  }
  Driver(const Driver&) = delete;
  Driver& operator=(const Driver&) = delete;

  // ---- vm::MemoryHook
  void access(vm::Object* o, vm::Access a) override {
    if (o->serial > ignore_above || o->frozen) return;  // made by this step, or never changes
    record(location(o->serial, kWhole), a == vm::Access::Read ? Use::Read : Use::Write);
    visible_ = true;
  }
  void access_key(vm::Object* o, int64_t hash, vm::Access a, bool structure) override {
    if (o->serial > ignore_above || o->frozen) return;
    record(location(o->serial, key_field(hash)), a == vm::Access::Read ? Use::Read : Use::Write);
    if (structure) record(location(o->serial, kKeySet), Use::Write);
    visible_ = true;
  }
  void count(vm::Object* o, vm::CountUse u, int64_t value) override {
    if (record_ && (u == vm::CountUse::Load || u == vm::CountUse::Store || u == vm::CountUse::Retry ||
                    u == vm::CountUse::Rmw)) {
      int t = in_.current().id;
      int64_t at = t < static_cast<int>(last_instruction_.size()) ? last_instruction_[static_cast<size_t>(t)] : -1;
      counts_.push_back({t, o->serial, u, value, at});
      if (!names_.count(o->serial)) names_[o->serial] = describe(o);
    }
    if (o->serial > ignore_above) return;
    if (o->immortal && (u == vm::CountUse::Add || u == vm::CountUse::Observe)) {
      if (u == vm::CountUse::Add) {
        if (!immortal_change_seen) record(location(kImmortalCounts, kCount), Use::RcAdd);
        immortal_change_seen = true;
        return;
      }
      record(location(kImmortalCounts, kCount), Use::RcObserve);
      visible_ = true;
      return;
    }
    Use use = Use::Read;
    switch (u) {
      // Under a GIL, or as one atomic instruction, a change commutes with
      // others: it does not end a step, but an observation depends on it.
      case vm::CountUse::Add: record(location(o->serial, kCount), Use::RcAdd); return;
      // The owner's local count of a biased object: nobody else touches it.
      case vm::CountUse::Owner: return;
      case vm::CountUse::Observe: use = Use::RcObserve; break;
      case vm::CountUse::Load:
      case vm::CountUse::Retry: use = Use::Read; break;
      case vm::CountUse::Store:
      case vm::CountUse::Rmw: use = Use::Write; break;
    }
    record(location(o->serial, kCount), use);
    visible_ = true;
  }
  void blocked(vm::Object* o) override {
    blocked_on_ = location(o->serial, kWhole);
  }
  void output() override {
    fp_.push_back({location(0, kWhole), Use::Write});
    visible_ = true;
  }
  void thread_spawned(int thread, int) override {
    if (spawn_.size() <= static_cast<size_t>(thread)) spawn_.resize(static_cast<size_t>(thread) + 1, -1);
    spawn_[static_cast<size_t>(thread)] = static_cast<int>(steps_.size());  // the spawner's open step
  }

  // ---- vm::Scheduler
  bool skip(int, vm::OpKind why) override { return why == vm::OpKind::Bytecode && !visible_; }

  int pick(const std::vector<int>& runnable, int current, vm::OpKind why) override {
    // A thread that blocked on its first look at shared state (a held lock,
    // a running thread to join) did nothing anyone can see: it was not
    // enabled in this state.  Its attempt is no step; the decision is made
    // again without it, and what it did (count changes) joins its next step.
    // Pure: the step's only look at shared state was the attempt.  When the
    // step did more, the attempt stays in it and the step is an event.
    bool redo = blocked_on_ && std::all_of(fp_.begin(), fp_.end(), [&](const Access& a) {
                  return a.use == Use::RcAdd || a.loc == *blocked_on_;
                });
    uint64_t blocked_loc = redo ? *blocked_on_ : 0;
    if (redo) std::erase_if(fp_, [&](const Access& a) { return a.loc == blocked_loc; });
    if (redo) {
      // Its bytecodes since the last step join its next step too.
      if (record_) hold(current, step_ends_.empty() ? 0 : step_ends_.back());
      pending_[current] = std::move(fp_);
      fp_.clear();
      immortal_change_seen = false;
      blocked_on_.reset();
      open_ = false;
    } else {
      // At a bytecode boundary the instruction just recorded belongs to the next step.
      close_step(current, instructions_.size() - (why == vm::OpKind::Bytecode && record_ ? 1 : 0));
    }
    bool unrun = why == vm::OpKind::Bytecode && record_ && !redo && !instructions_.empty() &&
                 instructions_.back().thread == current;
    int t;
    if (fixed_) {
      size_t k = cursor_++;
      if (k >= fixed_->size()) {
        // Past the recorded decisions (a trace cut short): keep going as
        // the default order would.
        t = std::find(runnable.begin(), runnable.end(), current) != runnable.end() ? current : runnable[0];
      } else {
        t = (*fixed_)[k];
        if (std::find(runnable.begin(), runnable.end(), t) == runnable.end()) {
          diverged_ = true;
          open_ = false;
          return -1;
        }
      }
    } else {
      Decision d{steps_.size(), &runnable, current, &steps_, redo, redo ? current : -1, blocked_loc};
      t = strategy_->choose(d);
      if (t >= 0 && std::find(runnable.begin(), runnable.end(), t) == runnable.end()) {
        diverged_ = true;  // the program is not deterministic: a bug in gilsim
        t = -1;
      }
    }
    if (t < 0) return -1;  // abandoned: no further step
    decisions_.push_back(t);
    if (unrun && t != current) hold(current, instructions_.size() - 1);
    open_step(t);
    if (record_) release(t);
    return t;
  }

  // `thread`'s instructions recorded from `from` on belong to its next step,
  // not to the one another thread takes now: the one just recorded has not
  // run yet, and those of an attempt that found a lock held (no step) join
  // the step in which the thread goes on.  They leave the record until
  // `thread` runs again, so the record is in the order of the steps.
  void hold(int thread, size_t from) {
    auto t = static_cast<size_t>(thread);
    if (unrun_.size() <= t) unrun_.resize(t + 1);
    auto& held = unrun_[t];
    for (size_t k = from; k < instructions_.size(); ++k) held.push_back(std::move(instructions_[k]));
    instructions_.resize(std::min(from, instructions_.size()));
  }
  void release(int thread) {
    auto t = static_cast<size_t>(thread);
    if (t >= unrun_.size() || unrun_[t].empty()) return;
    for (Executed& e : unrun_[t]) instructions_.push_back(std::move(e));
    unrun_[t].clear();
    int64_t last = static_cast<int64_t>(instructions_.size()) - 1;
    if (t < last_instruction_.size()) last_instruction_[t] = last;
    if (t < results_.size() && results_[t].frame) results_[t].index = static_cast<size_t>(last);
  }

  void finish() override {
    if (open_) close_step(running_, instructions_.size());
  }

  // ---- vm::InstructionRecorder
  void instruction(int thread, const vm::Frame& f) override {
    if (!record_) return;
    auto t = static_cast<size_t>(thread);
    if (last_instruction_.size() <= t) {
      last_instruction_.resize(t + 1, -1);
      results_.resize(t + 1);
    }
    const vm::Code& code = *f.code->code;
    auto top = [&](int k) { return f.sp - k > f.nlocalsplus ? f.fast[static_cast<size_t>(f.sp - k - 1)] : vm::Ref{}; };
    // The thread's previous instruction left its result on top of the stack,
    // if it went on to the next instruction of the same frame.
    Result& r = results_[t];
    if (r.frame == &f && r.code == &code && r.next_pc == f.pc && top(0).p) {
      std::string& effect = instructions_[r.index].effect;
      effect += (effect.empty() ? "-> " : " -> ") + properties::brief_value(in_, top(0));
    }
    r.frame = nullptr;
    int pc = vm::instruction_pc(code, f.pc);
    int op = code.code[static_cast<size_t>(pc)].op;
    std::string effect;
    switch (op) {
      case vm::STORE_GLOBAL:
      case vm::STORE_NAME:
      case vm::STORE_FAST:
      case vm::STORE_DEREF: effect = "<- " + properties::brief_value(in_, top(0)); break;
      case vm::STORE_ATTR: effect = "<- " + properties::brief_value(in_, top(1)); break;
      case vm::STORE_SUBSCR:  // container[key] <- value
        effect = properties::brief_value(in_, top(1)) + "[" + properties::brief_value(in_, top(0)) + "] <- " +
                 properties::brief_value(in_, top(2));
        break;
      case vm::CONTAINS_OP:  // key (not) in container -> result
        effect = properties::brief_value(in_, top(1)) + (code.code[static_cast<size_t>(pc)].arg ? " not in " : " in ") +
                 properties::brief_value(in_, top(0));
        r = {instructions_.size(), &f, &code, pc + 1 + vm::opcode_info(op).caches};
        break;
      case vm::LOAD_GLOBAL:
      case vm::LOAD_NAME:
      case vm::LOAD_ATTR:
      case vm::LOAD_DEREF:
      case vm::LOAD_CLASSDEREF:
      case vm::BINARY_SUBSCR:
      case vm::BINARY_OP:
        r = {instructions_.size(), &f, &code, pc + 1 + vm::opcode_info(op).caches};
        break;
      default: break;
    }
    last_instruction_[t] = static_cast<int64_t>(instructions_.size());
    instructions_.push_back({thread, &code, f.pc, std::move(effect)});
  }
  std::vector<CountEvent>& counts() { return counts_; }
  std::map<uint32_t, std::string>& names() { return names_; }

  std::vector<Step>& steps() { return steps_; }
  std::vector<int>& decisions() { return decisions_; }
  std::vector<Executed>& instructions() { return instructions_; }
  std::vector<size_t>& step_ends() { return step_ends_; }
  std::vector<std::vector<Shown>>& shown() { return shown_; }
  bool diverged() const { return diverged_; }
  bool recording() const { return record_; }

 private:
  // A process-wide step number (interpreters move between worker threads):
  // each Driver takes a block of 2^16 from the shared counter at a time.
  uint32_t next_stamp() {
    if ((stamp_ & 0xFFFFu) == 0xFFFFu || stamp_ == 0) {
      static std::atomic<uint32_t> blocks{0};
      do stamp_ = blocks.fetch_add(0x10000u, std::memory_order_relaxed);
      while (stamp_ == 0);  // 0 is every new object's stamp
    }
    return ++stamp_;
  }
  uint32_t stamp_ = 0;
  static DriverBuffers& buffers() {
    thread_local DriverBuffers b;
    return b;
  }
  static Footprint spare_footprint() {
    auto& spare = buffers().spare;
    Footprint f;
    if (!spare.empty()) {
      f = std::move(spare.back());
      spare.pop_back();
    }
    f.reserve(16);
    return f;
  }
  // Records one access; a repeat of the one just recorded (common: a
  // count changed twice in a row) is left out at once.
  [[gnu::flatten]] void record(uint64_t loc, Use use) {
    if (!fp_.empty() && fp_.back().loc == loc && fp_.back().use == use) return;
    fp_.push_back({loc, use});
  }
  void close_step(int thread, size_t instructions_end) {
    step_ends_.push_back(instructions_end);
    if (record_) shown_.push_back(properties::shown_globals(in_));
    // Footprints are mostly short: insertion sort them, then drop repeats.
    if (fp_.size() > 32) {
      std::sort(fp_.begin(), fp_.end());
    } else {
      for (size_t i = 1; i < fp_.size(); ++i)
        for (size_t j = i; j > 0 && fp_[j] < fp_[j - 1]; --j) std::swap(fp_[j], fp_[j - 1]);
    }
    fp_.erase(std::unique(fp_.begin(), fp_.end()), fp_.end());
    Step& s = steps_.emplace_back();
    s.thread = thread;
    s.fp = std::move(fp_);
    fp_ = spare_footprint();
    immortal_change_seen = false;
    s.blocked_on = blocked_on_;
    blocked_on_.reset();
    if (seen_.size() <= static_cast<size_t>(thread)) seen_.resize(static_cast<size_t>(thread) + 1, false);
    if (!seen_[static_cast<size_t>(thread)]) {
      seen_[static_cast<size_t>(thread)] = true;
      if (static_cast<size_t>(thread) < spawn_.size()) s.spawned_by = spawn_[static_cast<size_t>(thread)];
    }
    open_ = false;
  }
  void open_step(int thread) {
    running_ = thread;
    open_ = true;
    visible_ = false;
    if (auto it = pending_.find(thread); it != pending_.end()) {
      fp_ = std::move(it->second);
      pending_.erase(it);
    }
    ignore_above = in_.heap().allocations();
    step_stamp = next_stamp();
  }

  vm::Interpreter& in_;
  Strategy* strategy_;
  const std::vector<int>* fixed_;
  bool record_;
  std::vector<Step> steps_;
  std::vector<int> decisions_;  // every choice, blocked attempts' too (replays them)
  size_t cursor_ = 0;           // replaying: the next of fixed_
  std::map<int, Footprint> pending_;  // blocked threads' count changes, for their next step
  std::vector<Executed> instructions_;
  std::vector<int64_t> last_instruction_;  // per thread: its latest recorded instruction
  // Per thread: an instruction whose result its next instruction will find
  // on top of the stack (when it comes next in the same frame).
  struct Result {
    size_t index = 0;
    const vm::Frame* frame = nullptr;
    const vm::Code* code = nullptr;
    int next_pc = 0;
  };
  std::vector<Result> results_;
  std::vector<std::vector<Executed>> unrun_;  // per thread: instructions recorded for its next step
  std::vector<std::vector<Shown>> shown_;  // replays: the globals after each step
  std::vector<CountEvent> counts_;
  std::map<uint32_t, std::string> names_;
  std::vector<size_t> step_ends_;
  std::vector<int> spawn_;
  std::vector<bool> seen_;
  Footprint fp_;
  std::optional<uint64_t> blocked_on_;
  int running_ = 0;
  bool open_ = true;  // the main thread's first step is open from the start
  bool visible_ = false;
  bool diverged_ = false;
};

// Lets the Driver ask one TaskRun for its choices.
class RunAdapter : public Strategy {
 public:
  explicit RunAdapter(TaskRun& r) : r_(r) {}
  bool begin() override { return true; }
  int choose(const Decision& d) override { return r_.choose(d); }
  void end(const std::vector<Step>&, bool) override {}
  bool exhaustive() const override { return false; }
  std::string name() const override { return "task"; }
  nlohmann::json save() const override { return nlohmann::json::object(); }
  void load(const nlohmann::json&) override {}

 private:
  TaskRun& r_;
};

struct RunOnce {
  vm::RunResult result;
  bool ended = false;  // every thread finished (with or without an exception)
  State state;
  Violation violation;  // kind empty when none
  std::string output;
};

// Marks the last step when the run stopped there for every thread (a heap
// violation, the step limit): see Step::ends_run.
void mark_run_end(std::vector<Step>& steps, const vm::RunResult& r) {
  bool cut = r.failure == vm::Failure::UseAfterFree || r.failure == vm::Failure::DoubleFree ||
             r.failure == vm::Failure::Refcount || r.failure == vm::Failure::StepLimit ||
             r.failure == vm::Failure::Starvation;
  if (cut && !r.abandoned && !steps.empty()) steps.back().ends_run = true;
}

// Runs one execution under `driver`, then lets the monitors judge it.
RunOnce run_once(const Program& prog, const CheckOptions& opts, vm::Interpreter& in, Driver& driver) {
  vm::RunOptions ro;
  ro.model = opts.model;
  ro.max_steps = opts.max_steps;
  ro.cas_bound = opts.cas_bound;
  ro.scheduler = &driver;
  ro.hook = &driver;
  ro.recorder = driver.recording() ? &driver : nullptr;  // instructions matter only to replays
  properties::RefcountMonitor every_step;
  if (opts.audit_every_step) ro.monitor = &every_step;
  std::string out, err;
  in.main_file_display = prog.display;
  RunOnce r;
  r.result = in.run_main(prog.code, prog.source, ro, out, err);
  mark_run_end(driver.steps(), r.result);  // before the strategy sees the steps
  if (r.result.abandoned) return r;
  r.output = out + err;
  properties::EndOfRun e = properties::end_of_run(in, r.result, prog, opts.expect);
  r.ended = e.ended;
  r.state = std::move(e.state);
  r.violation.kind = std::move(e.kind);
  r.violation.message = std::move(e.message);
  return r;
}

// Interpreters kept from one execution to the next: building the runtime
// (types, builtins, modules) costs more than a small execution, so an
// execution takes an interpreter reset to its start-up state
// (Interpreter::reset) when one is free.  Thread-safe: --jobs workers share
// one pool.
class InterpreterPool {
 public:
  // One interpreter for one execution.  Given back reset when the run
  // ended normally; after an exception its state is unknown, so dropped.
  class Lease {
   public:
    explicit Lease(InterpreterPool& pool) : pool_(pool), in_(pool.take()) {}
    ~Lease() {
      if (done_) pool_.give(std::move(in_));
    }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    vm::Interpreter& operator*() { return *in_; }
    // The execution is over and its results have been read.
    void done() { done_ = true; }

   private:
    InterpreterPool& pool_;
    std::unique_ptr<vm::Interpreter> in_;
    bool done_ = false;
  };

 private:
  std::unique_ptr<vm::Interpreter> take() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (!free_.empty()) {
        auto in = std::move(free_.back());
        free_.pop_back();
        return in;
      }
    }
    return std::make_unique<vm::Interpreter>();
  }
  void give(std::unique_ptr<vm::Interpreter> in) {
    in->reset();
    std::lock_guard<std::mutex> lock(mu_);
    free_.push_back(std::move(in));
  }
  std::mutex mu_;
  std::vector<std::unique_ptr<vm::Interpreter>> free_;
};

}  // namespace

namespace {

// ---- checkpoints (--checkpoint, --resume)

using nlohmann::json;

// The options a checkpoint is only valid for.
json identity(const Program& prog, const CheckOptions& o) {
  return {{"program", prog.path},
          {"sha256", o.program_sha256},
          {"model", vm::model_name(o.model)},
          {"strategy", o.strategy},
          {"seed", o.seed},
          {"depth", o.depth},
          {"preemptions", o.preemptions},
          {"max_steps", o.max_steps},
          {"expect", o.expect ? json(*o.expect) : json(nullptr)},
          {"stop_at_violation", o.stop_at_violation},
          {"audit_every_step", o.audit_every_step},
          {"cas_bound", o.cas_bound}};
}

json result_to_json(const CheckResult& r) {
  json outcomes = json::array();
  for (const Outcome& o : r.outcomes) outcomes.push_back({{"state", o.state}, {"count", o.count}, {"first", o.first}});
  json v = nullptr;
  if (r.violation)
    v = {{"kind", r.violation->kind}, {"message", r.violation->message}, {"execution", r.violation->execution},
         {"decisions", r.violation->decisions}, {"output", r.violation->output}};
  return {{"executions", r.executions}, {"abandoned", r.abandoned}, {"steps", r.steps}, {"seconds", r.seconds},
          {"outcomes", outcomes}, {"violation", v}, {"stopped_by", r.stopped_by}};
}

CheckResult result_from_json(const json& j) {
  CheckResult r;
  r.executions = j.at("executions");
  r.abandoned = j.at("abandoned");
  r.steps = j.at("steps");
  r.seconds = j.at("seconds");
  r.stopped_by = j.at("stopped_by");
  for (const auto& o : j.at("outcomes"))
    r.outcomes.push_back({o.at("state").get<State>(), o.at("count").get<uint64_t>(), o.at("first").get<uint64_t>()});
  if (!j.at("violation").is_null()) {
    const auto& v = j.at("violation");
    r.violation = Violation{v.at("kind"), v.at("message"), v.at("execution"), v.at("decisions").get<std::vector<int>>(),
                            v.at("output")};
  }
  return r;
}

void write_checkpoint(const std::string& path, const json& j) {
  // Written beside and renamed over: a crash never leaves half a checkpoint.
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary);
    out << j.dump() << "\n";
    if (!out) throw CheckpointError(fmt::format("cannot write the checkpoint {}", tmp));
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) throw CheckpointError(fmt::format("cannot write the checkpoint {}: {}", path, ec.message()));
}

json read_checkpoint(const std::string& path, const Program& prog, const CheckOptions& opts) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw CheckpointError(fmt::format("{}: cannot read the checkpoint", path));
  std::stringstream ss;
  ss << in.rdbuf();
  json j;
  try {
    j = json::parse(ss.str());
  } catch (const json::exception& e) {
    throw CheckpointError(fmt::format("{}: not a checkpoint (invalid JSON: {})", path, e.what()));
  }
  if (!j.is_object() || !j.contains("format") || j["format"] != "gilsim-checkpoint" || !j.contains("version") ||
      j["version"] != 1 || !j.contains("for") || !j["for"].is_object() || !j.contains("result") ||
      !j.contains("strategy_state"))
    throw CheckpointError(fmt::format("{}: not a gilsim checkpoint of version 1", path));
  json want = identity(prog, opts);
  const json& have = j.at("for");
  for (auto& [k, v] : want.items()) {
    if (k == "program") continue;  // the same file may be named differently; its hash decides
    if (!have.contains(k) || have[k] != v)
      throw CheckpointError(fmt::format("{}: the checkpoint was made with {} {}, not {}", path,
                                        k == "sha256" ? "another program (SHA-256" : k,
                                        have.contains(k) ? have[k].dump() : "nothing",
                                        k == "sha256" ? v.dump() + ")" : v.dump()));
  }
  return j;
}

std::atomic<bool> g_stop{false};
static_assert(std::atomic<bool>::is_always_lock_free, "request_stop must be async-signal-safe");
}  // namespace

void request_stop() { g_stop.store(true, std::memory_order_relaxed); }
void clear_stop() { g_stop.store(false, std::memory_order_relaxed); }

CheckResult explore(const Program& prog, const CheckOptions& opts) {
  auto t0 = std::chrono::steady_clock::now();
  auto last_progress = t0;
  auto show_progress = [&](const CheckResult& so_far, bool done) {
    if (!opts.progress) return;
    auto now = std::chrono::steady_clock::now();
    if (!done && now - last_progress < std::chrono::milliseconds(250)) return;
    last_progress = now;
    if (done) {
      std::fputs("\r\x1b[K", stderr);
    } else {
      std::fprintf(stderr, "\r\x1b[K  %llu executions, %zu outcomes, %.1f s",
                   static_cast<unsigned long long>(so_far.executions + so_far.abandoned), so_far.outcomes.size(),
                   std::chrono::duration<double>(now - t0).count());
    }
    std::fflush(stderr);
  };
  CheckResult res;
  InterpreterPool interpreters;
  std::map<State, size_t> index;
  json resumed;
  if (!opts.resume.empty()) {
    resumed = read_checkpoint(opts.resume, prog, opts);
    try {
      res = result_from_json(resumed.at("result"));
      if (!resumed.value("next", json(0)).is_number_unsigned() || !resumed.value("k", json(16)).is_number_unsigned())
        throw CheckpointError("bad next or k");
    } catch (const std::exception& e) {
      throw CheckpointError(fmt::format("{}: malformed checkpoint ({})", opts.resume, e.what()));
    }
    for (size_t i = 0; i < res.outcomes.size(); ++i) index[res.outcomes[i].state] = i;
    // The budget and the reason it stopped are this session's.
    res.stopped_by.clear();
  }
  double seconds_before = res.seconds;
  // pct's steps per execution, learnt from execution 0.
  uint64_t pct_k = resumed.is_null() ? 16 : resumed.value("k", uint64_t{16});
  auto last_checkpoint = t0;
  // Saves the state between two executions: every checkpoint_every
  // seconds, and always when `final`.
  auto checkpoint = [&](const Strategy* s, uint64_t next, bool final) {
    if (opts.checkpoint.empty()) return;
    auto now = std::chrono::steady_clock::now();
    if (!final && std::chrono::duration<double>(now - last_checkpoint).count() < opts.checkpoint_every) return;
    last_checkpoint = now;
    CheckResult snapshot = res;
    snapshot.seconds = seconds_before + std::chrono::duration<double>(now - t0).count();
    write_checkpoint(opts.checkpoint, {{"format", "gilsim-checkpoint"},
                                       {"version", 1},
                                       {"for", identity(prog, opts)},
                                       {"result", result_to_json(snapshot)},
                                       {"strategy_state", s ? s->save() : json::object()},
                                       {"next", next},
                                       {"k", pct_k}});
  };
  // Takes one finished execution into the result; false when exploring stops.
  auto record = [&](RunOnce& r, const std::vector<int>& decisions) {
    if (r.result.abandoned) {
      ++res.abandoned;
      return true;
    }
    uint64_t n = res.executions++;
    if (r.ended) {  // a deadlocked or cut-off execution has no final state
      auto [it, fresh] = index.try_emplace(r.state, res.outcomes.size());
      if (fresh) res.outcomes.push_back({r.state, 0, n});
      ++res.outcomes[it->second].count;
    }
    if (!r.violation.kind.empty() && !res.violation) {
      r.violation.execution = n;
      r.violation.decisions = decisions;
      r.violation.output = r.output;
      if (opts.accept && !opts.accept(r.violation)) return true;
      res.violation = r.violation;
      if (opts.stop_at_violation) {
        res.stopped_by = "violation";
        return false;
      }
    }
    return true;
  };
  auto budget_left = [&]() {
    if (g_stop.load(std::memory_order_relaxed)) {
      res.stopped_by = "interrupted";
      return false;
    }
    if (opts.max_executions && res.executions + res.abandoned >= opts.max_executions) {
      res.stopped_by = "executions";
      return false;
    }
    if (opts.time_limit > 0 &&
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() >= opts.time_limit) {
      res.stopped_by = "time-limit";
      return false;
    }
    return true;
  };
  auto finish = [&](const Strategy* s) {
    show_progress(res, true);
    res.complete = res.stopped_by.empty() && s && s->exhaustive();
    res.classes = s ? s->classes() : -1;
    res.dropped = s && s->dropped();
    res.seconds = seconds_before + std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return res;
  };

  bool already_over = res.violation && opts.stop_at_violation;
  if (already_over) res.stopped_by = "violation";

  if (opts.strategy == "random" || opts.strategy == "pct") {
    // Sampling: execution n depends only on the seed and n, so executions
    // run in parallel batches and are taken in index order.
    struct One {
      RunOnce r;
      std::vector<int> decisions;
      size_t steps = 0;
    };
    uint64_t& k = pct_k;
    auto run_index = [&](uint64_t n) {
      std::unique_ptr<Strategy> s = opts.strategy == "random" ? make_random(opts.seed, n)
                                                              : make_pct(opts.seed, opts.depth, n, k);
      s->begin();
      InterpreterPool::Lease in(interpreters);
      Driver driver(*in, s.get(), nullptr, false);
      One o;
      o.r = run_once(prog, opts, *in, driver);
      o.decisions = driver.decisions();
      o.steps = driver.steps().size();
      in.done();
      return o;
    };
    uint64_t next = resumed.is_null() ? 0 : resumed.value("next", uint64_t{0});
    size_t jobs = static_cast<size_t>(std::max(opts.jobs, 1));
    while (!already_over && budget_left()) {
      show_progress(res, false);
      uint64_t batch = next == 0 ? 1 : 128 * jobs;  // execution 0 first: pct learns k from it
      if (opts.max_executions) batch = std::min<uint64_t>(batch, opts.max_executions - (res.executions + res.abandoned));
      std::vector<One> done(batch);
      std::atomic<uint64_t> cursor{0};
      auto work = [&] {
        for (uint64_t i; (i = cursor.fetch_add(1)) < batch;) done[i] = run_index(next + i);
      };
      if (jobs == 1 || batch == 1) {
        work();
      } else {
        std::vector<std::thread> pool;
        for (size_t j = 0; j < std::min<size_t>(jobs, batch); ++j) pool.emplace_back(work);
        for (auto& t : pool) t.join();
      }
      if (next == 0) k = std::max<uint64_t>(16, done[0].steps);
      next += batch;
      bool go = true;
      for (auto& o : done) {
        res.steps += o.steps;
        if (!(go = record(o.r, o.decisions))) break;
      }
      checkpoint(nullptr, next, !go);
      if (!go) break;
    }
    checkpoint(nullptr, next, true);
    return finish(nullptr);
  }

  // A TaskStrategy on several workers: the other workers run the tasks
  // queued soonest ahead of time; this thread takes the tasks in the
  // strategy's order, running any not yet done itself, and commits them one
  // by one, so everything reported is what one worker would report.
  auto explore_tasks = [&](TaskStrategy& ts) {
    struct Done {
      RunOnce r;
      std::vector<int> decisions;
      size_t steps = 0;
      bool diverged = false;
      std::unique_ptr<TaskRun> run;
      std::exception_ptr error;
    };
    auto execute = [&](const TaskStrategy::Task& t) {
      Done d;
      try {
        d.run = ts.make_run(t);
        RunAdapter adapter(*d.run);
        InterpreterPool::Lease in(interpreters);
        Driver driver(*in, &adapter, nullptr, false);
        d.r = run_once(prog, opts, *in, driver);
        d.run->end(driver.steps(), d.r.result.abandoned);
        d.steps = driver.steps().size();
        d.decisions = driver.decisions();
        d.diverged = driver.diverged();
        in.done();
      } catch (...) {
        d.error = std::current_exception();
      }
      return d;
    };
    std::mutex mu;
    std::condition_variable cv;
    std::unordered_map<uint64_t, Done> ready;
    std::unordered_set<uint64_t> running;
    bool quit = false;
    const size_t jobs = static_cast<size_t>(opts.jobs);
    const size_t ahead = 64 * jobs;  // results kept waiting for their turn, at most
    auto worker = [&] {
      std::unique_lock lk(mu);
      while (!quit) {
        const TaskStrategy::Task* pick = nullptr;
        // The task to be taken next is left to the committing thread;
        // the workers take the ones after it.
        if (ready.size() + running.size() < ahead) {
          auto next = ts.upcoming(ahead);
          for (size_t i = 1; i < next.size(); ++i)
            if (!ready.count(next[i]->id) && !running.count(next[i]->id)) {
              pick = next[i];
              break;
            }
        }
        if (!pick) {
          cv.wait(lk);
          continue;
        }
        TaskStrategy::Task task = *pick;
        running.insert(task.id);
        lk.unlock();
        Done d = execute(task);
        lk.lock();
        running.erase(task.id);
        ready.emplace(task.id, std::move(d));
        cv.notify_all();
      }
    };
    std::vector<std::thread> pool;
    for (size_t j = 1; j < jobs; ++j) pool.emplace_back(worker);
    auto stop_workers = [&] {
      {
        std::lock_guard lk(mu);
        quit = true;
      }
      cv.notify_all();
      for (auto& t : pool) t.join();
    };
    try {
      while (!already_over) {
        show_progress(res, false);
        std::unique_lock lk(mu);
        if (!budget_left()) {
          checkpoint(&ts, 0, true);
          if (ts.upcoming(1).empty()) res.stopped_by.clear();  // nothing was left: complete after all
          break;
        }
        std::optional<TaskStrategy::Task> t = ts.pop();
        if (!t) break;
        Done d;
        if (!ready.count(t->id) && running.count(t->id)) cv.wait(lk, [&] { return ready.count(t->id) > 0; });
        if (auto it = ready.find(t->id); it != ready.end()) {
          d = std::move(it->second);
          ready.erase(it);
        } else {
          lk.unlock();
          d = execute(*t);
          lk.lock();
        }
        if (d.error) std::rethrow_exception(d.error);
        ts.commit(*d.run);
        lk.unlock();
        cv.notify_all();  // new tasks are queued
        res.steps += d.steps;
        if (d.diverged) throw std::runtime_error("an execution did not repeat its prefix (gilsim bug)");
        if (!record(d.r, d.decisions)) break;
        checkpoint(&ts, 0, false);
      }
    } catch (...) {
      stop_workers();
      throw;
    }
    stop_workers();
    if (res.stopped_by.empty() || res.stopped_by == "violation") checkpoint(&ts, 0, true);
    return finish(&ts);
  };

  std::unique_ptr<Strategy> strategy = opts.strategy == "dfs"       ? make_dfs()
                                      : opts.strategy == "bounded" ? make_bounded(opts.preemptions, opts.max_queued, opts.max_depth)
                                                                   : make_dpor();
  if (!resumed.is_null()) {
    try {
      strategy->load(resumed.at("strategy_state"));
    } catch (const std::exception& e) {
      throw CheckpointError(fmt::format("{}: malformed strategy state ({})", opts.resume, e.what()));
    }
  }
  auto* tasks = dynamic_cast<TaskStrategy*>(strategy.get());
  if (tasks && opts.jobs > 1) return explore_tasks(*tasks);

  while (!already_over) {
    show_progress(res, false);
    if (!budget_left()) {
      // Saved before asking for the next execution: begin() commits to it.
      checkpoint(strategy.get(), 0, true);
      if (!strategy->begin()) res.stopped_by.clear();  // nothing was left: complete after all
      return finish(strategy.get());
    }
    if (!strategy->begin()) break;
    InterpreterPool::Lease in(interpreters);
    Driver driver(*in, strategy.get(), nullptr, false);
    RunOnce r = run_once(prog, opts, *in, driver);
    strategy->end(driver.steps(), r.result.abandoned);
    res.steps += driver.steps().size();
    in.done();
    if (driver.diverged()) {
      if (!opts.resume.empty())
        throw CheckpointError(fmt::format("{}: the checkpoint does not fit this program (a saved schedule chose a thread "
                                          "that could not run)", opts.resume));
      throw std::runtime_error("an execution did not repeat its prefix (gilsim bug)");
    }
    if (!record(r, driver.decisions())) break;
    checkpoint(strategy.get(), 0, false);
  }
  checkpoint(strategy.get(), 0, true);
  return finish(strategy.get());
}

Replayed replay(const Program& prog, const CheckOptions& opts, const std::vector<int>& decisions) {
  vm::Interpreter in;
  Driver driver(in, nullptr, &decisions, true);
  RunOnce r = run_once(prog, opts, in, driver);
  Replayed out;
  out.steps = driver.steps();
  out.instructions = driver.instructions();
  out.step_ends = driver.step_ends();
  out.shown = std::move(driver.shown());
  for (int i = 0; i < in.thread_count(); ++i) out.thread_names.push_back(in.thread(i)->name);
  out.counts = std::move(driver.counts());
  out.names = std::move(driver.names());
  out.output = r.output;
  out.diverged = driver.diverged();
  out.violation = r.violation;
  out.ended = r.ended;
  out.state = r.state;
  return out;
}

Execution execute(const Program& prog, const CheckOptions& opts, Strategy& strategy) {
  vm::Interpreter in;
  Driver driver(in, &strategy, nullptr, false);
  RunOnce r = run_once(prog, opts, in, driver);
  if (driver.diverged())
    throw std::logic_error("sim::execute: the strategy chose a thread that could not run");
  strategy.end(driver.steps(), r.result.abandoned);
  Execution e;
  e.abandoned = r.result.abandoned;
  e.decisions = driver.decisions();
  e.steps = driver.steps();
  e.ended = r.ended;
  e.state = std::move(r.state);
  e.violation = std::move(r.violation);
  e.output = std::move(r.output);
  return e;
}

std::optional<std::string> stated_expectation(const std::string& source) {
  const std::string tag = "# gilsim-expect:";
  std::istringstream in(source);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(tag, 0) != 0) continue;
    std::string e = line.substr(tag.size());
    size_t b = e.find_first_not_of(" \t\r"), t = e.find_last_not_of(" \t\r");
    if (b != std::string::npos) return e.substr(b, t - b + 1);
  }
  return std::nullopt;
}

}  // namespace sim
