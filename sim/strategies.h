// The exploration strategies, one file each (dfs.cpp, dpor.cpp, ...).
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "sim/strategy.h"

namespace sim {

// One execution of a TaskStrategy: its choices, then what it found.
class TaskRun {
 public:
  virtual ~TaskRun() = default;
  virtual int choose(const Decision& d) = 0;
  virtual void end(const std::vector<Step>& steps, bool abandoned) = 0;
};

// A strategy whose executions are each fixed, before they run, by a task
// (a prefix of choices): the explorer may run queued tasks ahead of time on
// other workers, then hands them back in the strategy's own order.  Used as
// a plain Strategy it does exactly that on one worker.
class TaskStrategy : public Strategy {
 public:
  struct Task {
    uint64_t id;              // unique in this exploration
    std::vector<int> prefix;  // the choices that start it
  };
  // The next task in order (removed from the queue), or none when done.
  virtual std::optional<Task> pop() = 0;
  // Up to n queued tasks, those to be popped soonest first; valid until the
  // next pop or commit.
  virtual std::vector<const Task*> upcoming(size_t n) const = 0;
  // A fresh execution of a task (may run on any thread).
  virtual std::unique_ptr<TaskRun> make_run(const Task& t) const = 0;
  // Takes a finished execution of the task popped last into the queue.
  virtual void commit(TaskRun& r) = 0;
};

// Every interleaving of the steps, depth first, no reduction; counts the
// distinct Mazurkiewicz traces among them.  The reference for the others.
std::unique_ptr<Strategy> make_dfs();

// Every schedule with at most `preemptions` preemptions, fewest first
// (CHESS's iterative preemption bounding); exhaustive only when no schedule
// needed more.
// `max_queued`: the schedules waiting to run hold at most this many
// decisions in all (0: no limit); past it, alternatives are dropped and the
// exploration is not exhaustive.
// `max_depth`: an execution that reaches this many steps is abandoned (0:
// no limit); the exploration then covers the schedules shorter than that.
std::unique_ptr<Strategy> make_bounded(int preemptions, size_t max_queued = 0, size_t max_depth = 0);

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
