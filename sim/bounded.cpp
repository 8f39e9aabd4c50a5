// Preemption bounding (Musuvathi and Qadeer, PLDI 2007; CHESS): every
// schedule with at most K preemptions, explored in order of increasing
// preemption count, so the simplest counterexamples come first and a run cut
// short by a budget has covered every schedule of the bounds it finished.
//
// A preemption is a switch away from a thread that could have gone on.  A
// switch forced because the running thread blocked or finished costs
// nothing.  Each schedule is the sequence of choices that made it; every
// alternative met at a new decision is queued under the preemption count it
// would have: the alternatives that cost nothing join this round, the ones
// that preempt wait for the next round, and those beyond K are dropped (the
// exploration is then complete only up to K).  Every schedule within the
// bound is thus run exactly once.  A choice that blocks at once (a held
// lock, a running thread to join) is no choice: the decision is made again
// without it, and only then are its alternatives queued.  Rounds are taken
// last in, first out, depth-first like dfs.
//
// An execution depends only on its queued prefix, so the explorer can run
// queued executions ahead of time on other workers (TaskStrategy) and still
// take them in this order: the result is the same for every --jobs.
#include <algorithm>
#include <string>
#include <unordered_set>

#include "sim/hb.h"
#include "sim/strategies.h"

namespace sim {

namespace {

// One execution: replays its prefix, then keeps the running thread (or the
// lowest enabled one), collecting the alternatives it passes.
class BoundedRun : public TaskRun {
 public:
  BoundedRun(std::vector<int> prefix, int bound, size_t max_depth)
      : prefix_(std::move(prefix)), bound_(bound), max_depth_(max_depth) {}

  int choose(const Decision& d) override {
    const std::vector<int>& enabled = *d.enabled;
    if (max_depth_ && d.depth >= max_depth_) return -1;  // too long to matter
    preemptions_.before(d);
    // The queued alternative this execution exists for blocked at once:
    // whatever runs instead is the parent's choice or a sibling's.
    if (d.redo && !prefix_.empty() && choices_.size() == prefix_.size()) return -1;
    bool current_enabled = std::find(enabled.begin(), enabled.end(), d.current) != enabled.end();
    int t;
    if (choices_.size() < prefix_.size()) {
      t = prefix_[choices_.size()];
    } else {
      // A decision made again because its choice blocked at once replaces
      // its alternatives (the enabled threads, and so the costs, changed).
      if (d.redo) pending_.clear();
      flush();
      t = current_enabled ? d.current : enabled[0];
      for (int alt : enabled) {
        if (alt == t) continue;
        int cost = preemptions_.count + (current_enabled ? 1 : 0);
        if (cost > bound_) {
          cut = true;
          continue;
        }
        pending_.push_back({cost, choices_.size(), alt});
      }
    }
    preemptions_.chose(d, t);
    choices_.push_back(t);
    return t;
  }

  void end(const std::vector<Step>& steps, bool abandoned) override {
    flush();
    if (!abandoned) fingerprint = trace_fingerprint(steps);
  }

  // An alternative: the choices made before it, then `thread`.  Kept as a
  // length into choices_ (a long execution passes an alternative at every
  // step; copying each prefix then would cost its length squared).
  struct Alternative {
    int cost;  // preemptions
    size_t before;
    int thread;
  };
  std::vector<Alternative> alternatives;  // in the order met
  std::vector<int> prefix(const Alternative& a) const {
    std::vector<int> p(choices_.begin(), choices_.begin() + static_cast<std::ptrdiff_t>(a.before));
    p.push_back(a.thread);
    return p;
  }
  bool cut = false;  // an alternative needed more than the bound
  std::optional<uint64_t> fingerprint;

 private:
  void flush() {
    for (auto& a : pending_) alternatives.push_back(std::move(a));
    pending_.clear();
  }

  std::vector<int> prefix_;
  int bound_;
  size_t max_depth_;
  std::vector<int> choices_;  // the choices made so far
  PreemptionCount preemptions_;
  std::vector<Alternative> pending_;  // the last new decision's, until it stands
};

class Bounded : public TaskStrategy {
 public:
  Bounded(int bound, size_t max_queued, size_t max_depth)
      : bound_(bound), max_queued_(max_queued), max_depth_(max_depth), rounds_(static_cast<size_t>(bound) + 1) {
    rounds_[0].push_back({next_id_++, {}});
    queued_ = 1;
  }

  // ---- sequential use
  bool begin() override {
    auto t = pop();
    if (!t) return false;
    run_ = make_run(*t);
    return true;
  }
  int choose(const Decision& d) override { return run_->choose(d); }
  void end(const std::vector<Step>& steps, bool abandoned) override {
    run_->end(steps, abandoned);
    commit(*run_);
    run_.reset();
  }

  // ---- TaskStrategy
  std::optional<Task> pop() override {
    while (round_ < rounds_.size() && rounds_[round_].empty()) ++round_;
    if (round_ >= rounds_.size()) {
      done_ = true;
      return std::nullopt;
    }
    Task t = std::move(rounds_[round_].back());
    rounds_[round_].pop_back();
    queued_ -= t.prefix.size() + 1;
    return t;
  }
  std::vector<const Task*> upcoming(size_t n) const override {
    std::vector<const Task*> out;
    for (size_t r = round_; r < rounds_.size() && out.size() < n; ++r)
      for (auto it = rounds_[r].rbegin(); it != rounds_[r].rend() && out.size() < n; ++it) out.push_back(&*it);
    return out;
  }
  std::unique_ptr<TaskRun> make_run(const Task& t) const override {
    return std::make_unique<BoundedRun>(t.prefix, bound_, max_depth_);
  }
  void commit(TaskRun& r) override {
    auto& run = static_cast<BoundedRun&>(r);
    for (const auto& a : run.alternatives) {
      if (max_queued_ && queued_ >= max_queued_) {  // memory runs out before the schedules do
        cut_ = dropped_ = true;
        break;
      }
      queued_ += a.before + 2;
      rounds_[static_cast<size_t>(a.cost)].push_back({next_id_++, run.prefix(a)});
    }
    cut_ |= run.cut;
    if (run.fingerprint) classes_.insert(*run.fingerprint);
  }

  // Complete when no schedule was left out for needing more than K preemptions.
  bool exhaustive() const override { return done_ && !cut_; }
  bool dropped() const override { return dropped_; }
  int64_t classes() const override { return static_cast<int64_t>(classes_.size()); }
  std::string name() const override { return "bounded"; }

  nlohmann::json save() const override {
    nlohmann::json rounds = nlohmann::json::array();
    for (const auto& round : rounds_) {
      rounds.push_back(nlohmann::json::array());
      for (const Task& t : round) rounds.back().push_back(t.prefix);
    }
    return {{"bound", bound_}, {"rounds", rounds}, {"round", round_}, {"cut", cut_}, {"dropped", dropped_}, {"done", done_},
            {"classes", std::vector<uint64_t>(classes_.begin(), classes_.end())}};
  }
  void load(const nlohmann::json& j) override {
    if (j.at("bound").get<int>() != bound_) throw std::runtime_error("the checkpoint was made with another --preemptions");
    rounds_.clear();
    for (const auto& round : j.at("rounds")) {
      rounds_.emplace_back();
      for (const auto& prefix : round) rounds_.back().push_back({next_id_++, threads_from(prefix)});
    }
    if (rounds_.size() != static_cast<size_t>(bound_) + 1) throw std::runtime_error("bad bounded state");
    queued_ = 0;
    for (const auto& round : rounds_)
      for (const Task& t : round) queued_ += t.prefix.size() + 1;
    round_ = j.at("round");
    cut_ = j.at("cut");
    dropped_ = j.value("dropped", false);
    done_ = j.at("done");
    auto c = j.at("classes").get<std::vector<uint64_t>>();
    classes_ = {c.begin(), c.end()};
  }

 private:
  int bound_;
  size_t max_queued_;   // 0: no limit
  size_t max_depth_;    // 0: no limit
  bool dropped_ = false;  // alternatives were left out for max_queued_
  size_t queued_ = 0;   // decisions held by the tasks in rounds_ (each counts one more)
  std::vector<std::vector<Task>> rounds_;  // per preemption count: the executions to run, last one first
  size_t round_ = 0;
  uint64_t next_id_ = 0;
  std::unique_ptr<TaskRun> run_;  // sequential use: the execution under way
  bool cut_ = false;  // an alternative needed more than bound_ preemptions
  bool done_ = false;
  std::unordered_set<uint64_t> classes_;
};

}  // namespace

std::unique_ptr<Strategy> make_bounded(int preemptions, size_t max_queued, size_t max_depth) {
  return std::make_unique<Bounded>(preemptions, max_queued, max_depth);
}

}  // namespace sim
