// Generated schedules for the property suites: a list of choices, then a
// seed for what comes after the list.  Both shrink toward the schedule with
// no preemption at all: choice 0 keeps the thread that ran the last step
// (when it can still run), choice k > 0 switches to the k-th other enabled
// thread (counting round from it, modulo); past the list, seed 0 keeps
// running the current thread and any other seed picks at random from it.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "sim/strategy.h"

namespace properties {

struct Schedule {
  std::vector<int> choices;  // each >= 0
  uint64_t seed = 0;
};

// "choices [0, 2, 1], then seed 7"
std::string describe(const Schedule& s);

// Follows a Schedule for one execution.  Never exhaustive, never abandons.
class GuidedStrategy : public sim::Strategy {
 public:
  explicit GuidedStrategy(Schedule s) : s_(std::move(s)) {}
  bool begin() override;
  int choose(const sim::Decision& d) override;
  void end(const std::vector<sim::Step>&, bool) override {}
  bool exhaustive() const override { return false; }
  std::string name() const override { return "guided"; }
  nlohmann::json save() const override { return nlohmann::json::object(); }
  void load(const nlohmann::json&) override {}
  // Decisions made so far in which a runnable current thread was passed over.
  int preemptions() const { return preemptions_.count; }

 private:
  Schedule s_;
  size_t next_ = 0;
  sim::PreemptionCount preemptions_;
  std::mt19937_64 rng_;
};

}  // namespace properties
