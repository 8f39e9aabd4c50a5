// Scheduling points and the policy interface the interpreter asks at each.
//
// The interpreter calls Interpreter::schedule_point(why) where the atomicity
// model allows a thread switch, saying why.  The Scheduler sees which threads
// can run and picks one.  `gilsim run` uses the two simple schedulers below;
// the explorer of `gilsim check` plugs in its strategies through the same
// interface.
#pragma once

#include <cstdint>
#include <random>
#include <vector>

namespace vm {

enum class ThreadStatus : uint8_t {
  Runnable,
  Blocked,   // on a lock, a condition, an event or a join
  Sleeping,  // in time.sleep until wake_at
  Done,
};

// Why a thread reached a scheduling point.
enum class OpKind : uint8_t {
  Bytecode,    // before an instruction (the `gil` model: any bytecode boundary)
  GilRelease,  // a blocking call releases the GIL (sleep, contended lock, join)
  Spawn,       // Thread.start
  Exit,        // the thread finished
  // Without a GIL: the thread's reference-count stores still to be made
  // (the store half of a load-add-store, or a compare-and-swap to retry)
  // happen when it next runs (vm/refcount.cpp).
  Flush,
};

// The virtual time of `gilsim simulate` (sim/simulate.h): every thread has
// its own clock, since threads on different cores run at once.  Without
// one, the interpreter keeps a single clock (Interpreter::now).
class Clock {
 public:
  virtual ~Clock() = default;
  // Thread `thread`'s virtual time, in nanoseconds.
  virtual int64_t now(int thread) = 0;
  // Thread `thread` computes for `ns` nanoseconds outside the bytecodes
  // (gilsim.native without releasing the GIL).
  virtual void busy(int thread, int64_t ns) = 0;
};

class Scheduler {
 public:
  virtual ~Scheduler() = default;
  // Picks the thread to run next among `runnable` (never empty, sorted),
  // given the thread that reached the point (`current`, maybe not runnable).
  virtual int pick(const std::vector<int>& runnable, int current, OpKind why) = 0;
  // Asked first at every point: true lets `current` go on without a
  // decision (pick is not called).  The explorer merges a thread's steps
  // that touched nothing shared into its next one this way.
  virtual bool skip(int /*current*/, OpKind /*why*/) { return false; }
  // The run is over (every thread finished, or it stopped).
  virtual void finish() {}
};

// The fixed schedule of `gilsim run` without --seed: a thread runs until it
// blocks, finishes or has executed `quantum` bytecodes, then the next thread
// in id order runs (round robin, like the GIL's switch interval).
class RoundRobinScheduler : public Scheduler {
 public:
  explicit RoundRobinScheduler(uint64_t quantum = 100) : quantum_(quantum) {}
  int pick(const std::vector<int>& runnable, int current, OpKind why) override;

 private:
  uint64_t quantum_;
  uint64_t used_ = 0;
};

// `gilsim run --seed N`: at every point, a uniformly random runnable thread.
class RandomScheduler : public Scheduler {
 public:
  explicit RandomScheduler(uint64_t seed) : rng_(seed) {}
  int pick(const std::vector<int>& runnable, int current, OpKind why) override;

 private:
  std::mt19937_64 rng_;
};

}  // namespace vm
