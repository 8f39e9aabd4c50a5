// Happens-before over the steps of one execution: program order, thread
// starts, and dependence between steps (sim/strategy.h).  Vector clocks
// answer "does step i happen before step j"; each step also knows its
// direct dependence predecessors, from which DPOR finds races.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/strategy.h"

namespace sim {

class HappensBefore {
 public:
  explicit HappensBefore(const std::vector<Step>& steps);

  // Step i happens before step j (i < j), or is j.
  bool before(size_t i, size_t j) const {
    const auto& c = vc_[j];
    auto t = static_cast<size_t>(steps_[i].thread);
    return t < c.size() && c[t] >= local_[i];
  }
  // Steps of other threads that j depends on directly (last writer, readers
  // since, per location).
  const std::vector<uint32_t>& deps(size_t j) const { return deps_[j]; }
  // The previous step of j's thread, or -1.
  int64_t prev(size_t j) const { return prev_[j]; }
  // The step that started j's thread when j is its first step, or -1.
  int64_t spawn(size_t j) const { return spawn_[j]; }
  // A canonical linearization (the smallest thread first among steps whose
  // predecessors are all placed): equal for two executions exactly when
  // they are the same Mazurkiewicz trace.
  std::vector<uint32_t> canonical_order() const;
  size_t size() const { return steps_.size(); }

 private:
  const std::vector<Step>& steps_;
  std::vector<std::vector<uint32_t>> vc_;  // per step, indexed by thread
  std::vector<uint32_t> local_;            // 1-based position in its thread
  std::vector<int64_t> prev_, spawn_;
  std::vector<std::vector<uint32_t>> deps_;
};

// The Mazurkiewicz trace of an execution as a 64-bit fingerprint: FNV-1a of
// the thread sequence of its canonical linearization, without steps that
// touched nothing shared (they commute with everything).  Replaying that
// sequence repeats the execution (the program is deterministic), so equal
// sequences are equal traces; a collision among n traces has probability
// about n^2 / 2^65.
uint64_t trace_fingerprint(const std::vector<Step>& steps);

}  // namespace sim
