// Shrinking a violation's schedule.  First greedily, on the schedule itself
// (merge, delete and shorten runs of one thread, as delta debugging does a
// test case), which is cheap and takes a long random schedule down to a
// few preemptions.  Then with Musuvathi and Qadeer's iterative context
// bounding, as CHESS does it: the bounded strategy explores every schedule
// in order of increasing preemption count, so the first execution it finds
// with the same kind of violation has the fewest preemptions any schedule
// of that violation can have, not merely fewer than the original.  A last
// search runs every schedule with that many preemptions that is shorter
// than the best, and keeps the one with the fewest steps.  Each search is
// bounded by executions, and says whether it finished.
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
  size_t decisions_before = 0, decisions_after = 0;  // one decision per step after the first
  uint64_t executions = 0;  // run by the searches
  bool shrunk = false;      // false: the original was already minimal (violation is the original)
  // Every schedule with fewer preemptions was tried (else the budget ran
  // out, or memory, first: fewer may exist).
  bool fewest = true;
  // Every schedule with the fewest preemptions was searched for the fewest
  // steps (else the budget ran out first, and the shortest found is kept).
  bool shortest = true;
};

// The schedule that shows a violation of the same kind as `v` with the
// fewest preemptions, then, among those, the fewest steps.  `opts` are
// those the violation was found with; `budget` bounds the executions of
// each of the two searches (the result is the same however fast the
// machine: the budget counts executions, not time).
Minimized minimize(const sim::Program& prog, const sim::CheckOptions& opts, const sim::Violation& v,
                   uint64_t budget = 20000);

}  // namespace traces
