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

// The Mazurkiewicz trace of an execution as a 64-bit fingerprint, equal for
// two executions exactly when they are the same trace (up to hash
// collisions: about n^2 / 2^65 among n traces).
//
// The trace is the graph of its steps, each named by its thread and its
// position there, with the edges of happens-before's direct dependences
// (program order, thread starts, and per location the last exclusive use
// and the shared uses since).  Every linearization of a trace gives the
// same graph: dependent steps keep their order, and the shared uses since a
// write form the same set in any order.  Each step is hashed from its name
// and its predecessors' hashes (a Merkle DAG), and the fingerprint sums the
// steps' hashes, which no order can change.  Conversely the graph fixes
// the trace: any linearization of it replays the execution.
//
// One pass over the steps with flat tables reused from call to call (dfs
// calls it after every execution).
class TraceHasher {
 public:
  uint64_t operator()(const std::vector<Step>& steps);

 private:
  struct Loc {
    uint64_t field = 0;
    int64_t last_exclusive = -1;
    std::vector<uint32_t> shared_since;
  };
  struct Obj {
    Loc whole;
    std::vector<Loc> parts;  // the first `nparts` are in use
    size_t nparts = 0;
  };
  Obj& obj(uint32_t serial);
  Loc& part(Obj& o, uint64_t field);
  std::vector<uint32_t> stamp_;  // per serial: the call that last used slot_[serial]
  std::vector<uint32_t> slot_;   // per serial: its index in objs_
  std::vector<Obj> objs_;
  size_t nobjs_ = 0;
  uint32_t call_ = 0;
  std::vector<uint64_t> hash_;  // per step
  std::vector<int64_t> last_of_thread_;
  std::vector<uint32_t> count_of_thread_;
  std::vector<uint32_t> deps_;
  std::vector<uint32_t> counted_;  // objects whose count is observed or written
};

uint64_t trace_fingerprint(const std::vector<Step>& steps);

// The same identity computed the slow, obvious way: the thread sequence of
// the canonical linearization (HappensBefore::canonical_order) without the
// steps that touched nothing shared.  Kept for the tests, which check that
// both fingerprints split executions into the same traces.
uint64_t reference_fingerprint(const std::vector<Step>& steps);

}  // namespace sim
