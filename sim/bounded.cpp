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
// without it, and only then are its alternatives queued.  Rounds are taken last in, first out,
// depth-first like dfs.
#include <string>
#include <unordered_set>

#include "sim/hb.h"
#include "sim/strategies.h"

namespace sim {

namespace {

class Bounded : public Strategy {
 public:
  explicit Bounded(int bound) : bound_(bound), rounds_(static_cast<size_t>(bound) + 1) {
    rounds_[0].push_back({});
  }

  bool begin() override {
    while (round_ < rounds_.size() && rounds_[round_].empty()) ++round_;
    if (round_ >= rounds_.size()) {
      done_ = true;
      return false;
    }
    prefix_ = std::move(rounds_[round_].back());
    rounds_[round_].pop_back();
    choices_.clear();
    preemptions_ = 0;
    last_preempted_ = false;
    return true;
  }

  int choose(const Decision& d) override {
    const std::vector<int>& enabled = *d.enabled;
    // A thread that blocked at once did not run: its choice costs nothing.
    if (d.redo && last_preempted_) --preemptions_;
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
      if (d.redo) alternatives_.clear();
      flush();
      t = current_enabled ? d.current : enabled[0];
      for (int alt : enabled) {
        if (alt == t) continue;
        int cost = preemptions_ + (current_enabled ? 1 : 0);
        if (cost > bound_) {
          cut_ = true;
          continue;
        }
        std::vector<int> next = choices_;
        next.push_back(alt);
        alternatives_.push_back({cost, std::move(next)});
      }
    }
    last_preempted_ = current_enabled && t != d.current;
    if (last_preempted_) ++preemptions_;
    choices_.push_back(t);
    return t;
  }

  void end(const std::vector<Step>& steps, bool abandoned) override {
    flush();
    if (!abandoned) classes_.insert(trace_fingerprint(steps));
  }

  // Complete when no schedule was left out for needing more than K preemptions.
  bool exhaustive() const override { return done_ && !cut_; }
  int64_t classes() const override { return static_cast<int64_t>(classes_.size()); }
  std::string name() const override { return "bounded"; }

  nlohmann::json save() const override {
    return {{"bound", bound_}, {"rounds", rounds_}, {"round", round_}, {"cut", cut_}, {"done", done_},
            {"classes", std::vector<uint64_t>(classes_.begin(), classes_.end())}};
  }
  void load(const nlohmann::json& j) override {
    if (j.at("bound").get<int>() != bound_) throw std::runtime_error("the checkpoint was made with another --preemptions");
    rounds_.clear();
    for (const auto& round : j.at("rounds")) {
      rounds_.emplace_back();
      for (const auto& prefix : round) rounds_.back().push_back(threads_from(prefix));
    }
    if (rounds_.size() != static_cast<size_t>(bound_) + 1) throw std::runtime_error("bad bounded state");
    round_ = j.at("round");
    cut_ = j.at("cut");
    done_ = j.at("done");
    auto c = j.at("classes").get<std::vector<uint64_t>>();
    classes_ = {c.begin(), c.end()};
  }

 private:
  // Queues the last decision's alternatives, now that it stands.
  void flush() {
    for (auto& [cost, prefix] : alternatives_) rounds_[static_cast<size_t>(cost)].push_back(std::move(prefix));
    alternatives_.clear();
  }

  int bound_;
  std::vector<std::pair<int, std::vector<int>>> alternatives_;  // of the last new decision, with their costs
  std::vector<std::vector<std::vector<int>>> rounds_;  // per preemption count: schedules' choice prefixes to run
  size_t round_ = 0;
  std::vector<int> prefix_;   // this execution's choices, as queued
  std::vector<int> choices_;  // the choices made so far in this execution
  int preemptions_ = 0;
  bool last_preempted_ = false;
  bool cut_ = false;  // an alternative needed more than bound_ preemptions
  bool done_ = false;
  std::unordered_set<uint64_t> classes_;
};

}  // namespace

std::unique_ptr<Strategy> make_bounded(int preemptions) { return std::make_unique<Bounded>(preemptions); }

}  // namespace sim
