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
  preemptions_ = {};
  rng_.seed(s_.seed);
  return true;
}

int GuidedStrategy::choose(const sim::Decision& d) {
  preemptions_.before(d);
  const std::vector<int>& e = *d.enabled;
  // The enabled threads in the order "the current one, then round from it".
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
  preemptions_.chose(d, t);
  return t;
}

}  // namespace properties
