// The explorer of `gilsim check`: runs the program again and again, each time
// on a fresh interpreter, letting a strategy choose the thread at every
// scheduling decision, until the strategy has covered every execution that
// matters, a budget runs out, or a violation is found.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "sim/strategy.h"
#include "vm/code.h"
#include "vm/interpreter.h"
#include "vm/model.h"

namespace sim {

struct Violation {
  std::string kind;  // assertion, expect, exception, refcount, use-after-free, double-free, leak, deadlock, step-limit, starvation
  std::string message;
  uint64_t execution = 0;
  std::vector<int> decisions;  // the thread chosen at each decision (replays it)
  std::string output;          // what the program printed (stdout then stderr)
};

// The exploration strategies, by their command-line names.
inline constexpr std::array<std::string_view, 5> kStrategyNames = {"dpor", "dfs", "bounded", "random", "pct"};
inline bool is_strategy(std::string_view s) {
  return std::find(kStrategyNames.begin(), kStrategyNames.end(), s) != kStrategyNames.end();
}
// The sampling strategies never finish by themselves: without a budget of
// executions or time, check runs this many.
inline constexpr uint64_t kSamplingExecutions = 1000;
inline bool is_sampling(std::string_view s) { return s == "random" || s == "pct"; }
// The largest step limit and --cas-bound a check, and so its trace, may have.
inline constexpr uint64_t kMaxStepsLimit = 1'000'000'000;
inline constexpr uint32_t kCasBoundLimit = 1'000'000;

struct CheckOptions {
  vm::Model model = vm::Model::Gil;
  std::string strategy = "dpor";
  uint64_t seed = 0;  // random and pct
  int depth = 3;      // pct's bug depth
  int preemptions = 2;  // bounded's preemption bound K
  size_t max_queued = 0;  // bounded: decisions held by the schedules waiting to run (0: no limit; minimize sets one)
  size_t max_depth = 0;   // bounded: executions are abandoned at this many steps (0: no limit; minimize sets one)
  uint64_t max_executions = 0;  // 0: no limit
  double time_limit = 0;        // seconds; 0: no limit
  uint64_t max_steps = 100000;  // bytecodes per thread per execution
  // Reference-count integrity checked after every step (properties::
  // RefcountMonitor), not only at the end of each execution: slower, and
  // finds a broken count at the step that broke it.
  bool audit_every_step = false;
  uint32_t cas_bound = 0;  // nogil-cas-rc: failures in a row reported as starvation (0: none)
  std::optional<std::string> expect;  // a Python expression over the final globals
  bool stop_at_violation = true;
  bool progress = false;  // a progress line on stderr (the command line sets it for a terminal)
  int jobs = 1;  // worker threads for random, pct and bounded (dpor and dfs explore on one); output is the same for every value
  // --checkpoint: the exploration state is written here every
  // `checkpoint_every` seconds and when the exploration ends; --resume
  // continues from such a file (same program, model and strategy options).
  std::string checkpoint;
  std::string resume;
  double checkpoint_every = 10;
  std::string program_sha256;  // identifies the program in checkpoints
  // When set, sees every violation in execution order (on the exploring
  // thread); one it rejects is not reported and exploring goes on
  // (minimize keeps only its kind, and the shortest).
  std::function<bool(const Violation&)> accept;
};

// A checkpoint that cannot be resumed: unreadable, malformed, or made for
// another program or other options.  The message says which.
struct CheckpointError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Asks a running exploration to stop after the execution under way (safe
// to call from a signal handler); it then reports what it has so far.
void request_stop();
// Forgets an earlier request (a new exploration session begins).
void clear_stop();

// The final values of the module's simple globals (None, bool, int, float,
// str, and tuples and lists of them), as reprs, sorted by name.
using State = std::vector<std::pair<std::string, std::string>>;

struct Outcome {
  State state;
  uint64_t count = 0;
  uint64_t first = 0;  // the first execution (0-based) that reached it
};

struct CheckResult {
  bool complete = false;  // every execution that matters was explored
  uint64_t executions = 0;  // executions run to the end
  uint64_t abandoned = 0;   // executions the strategy stopped early (nothing new in them)
  uint64_t steps = 0;       // steps over all executions
  int64_t classes = -1;
  std::vector<Outcome> outcomes;  // in order of first appearance
  std::optional<Violation> violation;
  double seconds = 0;
  std::string stopped_by;  // "", "executions", "time-limit", "violation"
  bool dropped = false;    // schedules were left out for memory (CheckOptions::max_queued)
};

// A compiled program with what `check` needs to run it.
struct Program {
  std::string path;     // as given on the command line
  std::string display;  // the absolute path tracebacks show
  std::string source;
  std::shared_ptr<const vm::Code> code;
  std::shared_ptr<const vm::Code> expect_code;  // `__gilsim_expect__ = (EXPR)`, when --expect
};

CheckResult explore(const Program& prog, const CheckOptions& opts);

// What a program says it expects at the end, in a comment line
// `# gilsim-expect: EXPR` (check's --expect overrides it).
std::optional<std::string> stated_expectation(const std::string& source);

// One bytecode executed, for rendering a trace.
struct Executed {
  int thread;
  const vm::Code* code;  // owned by the program
  int pc;
  // What it did to a value, for reading a trace: "-> 0" (a load's or an
  // operation's result), "<- 1" (the value a store wrote); empty for others.
  std::string effect;
};

// A split reference-count operation (nogil-naive, nogil-cas-rc) seen while
// replaying: the load, the store, or a failed compare-and-swap.
struct CountEvent {
  int thread;
  uint32_t serial;    // the object
  vm::CountUse use;   // Load, Store or Retry
  int64_t value;      // read (Load, Retry) or written (Store)
  int64_t instruction;  // index in Replayed::instructions of the thread's instruction then, or -1
};

// A module global as a replay shows it after a step: its value (see
// properties::brief_value) and, for an object the runtime may free, its
// reference count (else -1).
struct Shown {
  std::string name, value;
  int64_t count = -1;
};

struct Replayed {
  std::vector<Step> steps;
  std::vector<Executed> instructions;
  std::vector<size_t> step_ends;  // step s ran instructions [step_ends[s-1], step_ends[s])
  std::vector<std::vector<Shown>> shown;  // the module's globals after each step
  std::vector<std::string> thread_names;
  std::vector<CountEvent> counts;
  std::map<uint32_t, std::string> names;  // what the objects of `counts` were ("function measure")
  std::string output;
  bool diverged = false;  // the decisions did not fit the program (a changed program or model)
  Violation violation;    // kind empty when none
  bool ended = false;     // every thread finished: `state` is the final state
  State state;
};

// One execution, scheduled by a strategy the caller made (the property
// suites' generated schedules): what a replay of its decisions must give
// again.
struct Execution {
  bool abandoned = false;      // the strategy stopped it (choose() returned -1): no state, no violation
  std::vector<int> decisions;  // every choice made (replay() takes them)
  std::vector<Step> steps;     // with their footprints
  bool ended = false;          // every thread finished: `state` is the final state
  State state;
  Violation violation;         // kind empty when none
  std::string output;          // stdout then stderr
};
// Runs one execution; strategy.begin() must have been called (and returned
// true).  The strategy may abandon it (choose() returning -1).
Execution execute(const Program& prog, const CheckOptions& opts, Strategy& strategy);

// Runs one execution following `decisions`, recording every instruction.
Replayed replay(const Program& prog, const CheckOptions& opts, const std::vector<int>& decisions);

}  // namespace sim
