#include "properties/schedule.h"

#include <fmt/format.h>

#include <algorithm>

namespace properties {

std::string describe(const Schedule& s) {
  return fmt::format("choices [{}], then {}", fmt::join(s.choices, ", "),
                     s.seed == 0 ? std::string("no preemption") : fmt::format("seed {}", s.seed));
}

bool GuidedStrategy::begin() {
  next_ = 0;
  preemptions_ = 0;
  last_preempted_ = false;
  rng_.seed(s_.seed);
  return true;
}

int GuidedStrategy::choose(const sim::Decision& d) {
  // A thread chosen last that blocked at once did not run: that choice
  // preempted nobody (as sim/bounded.cpp counts).
  if (d.redo && last_preempted_) --preemptions_;
  const std::vector<int>& e = *d.enabled;
  // The enabled threads in the order "the current one, then round from it".
  auto at = std::find(e.begin(), e.end(), d.current);
  bool current_enabled = at != e.end();
  size_t start = static_cast<size_t>(std::lower_bound(e.begin(), e.end(), d.current) - e.begin());
  auto nth = [&](size_t k) { return e[(start + k) % e.size()]; };
  size_t k;
  if (next_ < s_.choices.size()) {
    k = static_cast<size_t>(std::max(0, s_.choices[next_++]));
  } else if (s_.seed != 0) {
    k = static_cast<size_t>(rng_() % e.size());
  } else {
    k = 0;
  }
  int t = nth(k % e.size());
  last_preempted_ = current_enabled && t != d.current;
  if (last_preempted_) ++preemptions_;
  return t;
}

}  // namespace properties
