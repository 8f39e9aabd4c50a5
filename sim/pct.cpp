// PCT, probabilistic concurrency testing (Burckhardt, Kothari, Musuvathi,
// Nagarakatte, ASPLOS 2010).  Each execution gives the threads random
// distinct priorities (all at least d) and picks d - 1 random change points
// among the k steps an execution takes; the enabled thread with the highest
// priority runs, and at the i-th change point the running thread's priority
// drops to i.  A bug of depth d shows with probability at least
// 1 / (n k^(d-1)) per execution for n threads.  k is learned: the longest
// execution so far (at least 16).
#include <algorithm>
#include <map>
#include <random>

#include "sim/strategies.h"

namespace sim {

namespace {

class Pct : public Strategy {
 public:
  Pct(uint64_t seed, int depth, uint64_t first, uint64_t k)
      : seed_(seed), depth_(std::max(depth, 1)), n_(first), k_(std::max<uint64_t>(k, 16)) {}
  bool begin() override {
    rng_.seed(seed_ * 0x9e3779b97f4a7c15ull + n_++);
    priority_.clear();
    change_.clear();
    for (int i = 1; i < depth_; ++i) change_.push_back(1 + rng_() % k_);
    return true;
  }
  int choose(const Decision& d) override {
    for (int t : *d.enabled) priority_of(t);
    // A change point: the thread that ran the last step drops below everyone.
    for (size_t i = 0; i < change_.size(); ++i)
      if (change_[i] == d.depth && !d.redo) priority_of(d.current) = static_cast<int64_t>(i) + 1;
    int best = (*d.enabled)[0];
    for (int t : *d.enabled)
      if (priority_of(t) > priority_of(best)) best = t;
    return best;
  }
  // k is execution 0's length (at least 16) for every later execution, so
  // that each execution depends only on the seed and its index.
  void end(const std::vector<Step>& steps, bool) override {
    if (n_ == 1) k_ = std::max<uint64_t>(16, steps.size());
  }
  bool exhaustive() const override { return false; }
  std::string name() const override { return "pct"; }
  // Execution n depends only on the seed and n: the explorer saves n.
  nlohmann::json save() const override { return nlohmann::json::object(); }
  void load(const nlohmann::json&) override {}

 private:
  int64_t& priority_of(int t) {
    auto it = priority_.find(t);
    if (it != priority_.end()) return it->second;
    // A new thread: a random priority above all change-point priorities.
    return priority_[t] = depth_ + static_cast<int64_t>(rng_() % 1000000);
  }
  uint64_t seed_;
  int depth_;
  uint64_t n_, k_;
  std::mt19937_64 rng_;
  std::map<int, int64_t> priority_;
  std::vector<uint64_t> change_;
};

}  // namespace

std::unique_ptr<Strategy> make_pct(uint64_t seed, int depth, uint64_t first, uint64_t k) {
  return std::make_unique<Pct>(seed, depth, first, k);
}

}  // namespace sim
