// The exploration strategies, one file each (dfs.cpp, dpor.cpp, ...).
#pragma once

#include <memory>

#include "sim/strategy.h"

namespace sim {

// Every interleaving of the steps, depth first, no reduction; counts the
// distinct Mazurkiewicz traces among them.  The reference for the others.
std::unique_ptr<Strategy> make_dfs();

// Every schedule with at most `preemptions` preemptions, fewest first
// (CHESS's iterative preemption bounding); exhaustive only when no schedule
// needed more.
std::unique_ptr<Strategy> make_bounded(int preemptions);

// Dynamic partial-order reduction: source sets and sleep sets (Abdulla et
// al., POPL 2014); explores at least one execution of every trace.
std::unique_ptr<Strategy> make_dpor();

// Uniformly random choices, reproducible from `seed`; never exhaustive.
// Execution n depends only on the seed and n (`first` is the first n).
std::unique_ptr<Strategy> make_random(uint64_t seed, uint64_t first = 0);

// Probabilistic concurrency testing for bugs of depth `depth` (Burckhardt et
// al. 2010), reproducible from `seed`; never exhaustive.
// Execution n depends only on the seed, n (`first` is the first n) and k,
// the steps per execution (execution 0 runs with k = 16; later ones with
// its length).
std::unique_ptr<Strategy> make_pct(uint64_t seed, int depth, uint64_t first = 0, uint64_t k = 16);

}  // namespace sim
