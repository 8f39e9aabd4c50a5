// Shrinking a violation's schedule (Musuvathi and Qadeer's iterative
// context bounding, as CHESS does it): the bounded strategy explores every
// schedule in order of increasing preemption count, so the first execution
// it finds with the same kind of violation has the fewest preemptions any
// schedule of that violation can have, not merely fewer than the original.
#pragma once

#include <vector>

#include "sim/explorer.h"

namespace traces {

// Switches away from a thread that could have gone on, in the execution
// that `decisions` replays (a thread that blocked at once and was replaced
// costs nothing, as in the bounded strategy).
int count_preemptions(const sim::Program& prog, const sim::CheckOptions& opts, const std::vector<int>& decisions);

struct Minimized {
  sim::Violation violation;  // the shrunk one (decisions, message, execution within the search)
  int preemptions_before = 0, preemptions_after = 0;
  size_t decisions_before = 0, decisions_after = 0;
  uint64_t executions = 0;  // run by the search
  bool shrunk = false;      // false: the original was already minimal (violation is the original)
};

// The schedule with the fewest preemptions that shows a violation of the
// same kind as `v`.  `opts` are those the violation was found with.
Minimized minimize(const sim::Program& prog, const sim::CheckOptions& opts, const sim::Violation& v);

}  // namespace traces
