// gilsim as a C++ library: compile a program, pick an atomicity model and
// an exploration strategy, explore the program's interleavings, and get the
// outcomes, the violation and its replayable trace back as values.
//
//     #include <gilsim/gilsim.h>
//
//     gilsim::Program p = gilsim::Program::from_file("examples/counter.py");
//     gilsim::Result r = gilsim::check(p, {.model = "gil"});
//     if (r.violation) {
//       r.violation->trace.save("counter.trace.json");  // gilsim replay counter.trace.json
//       std::cout << gilsim::explain(p, r.violation->trace);
//     }
//
// This header uses the standard library only.  Installed, it is
// <gilsim/gilsim.h> and the library is the CMake target gilsim::gilsim
// (find_package(gilsim)).  Every function here is deterministic: the same
// program and options give the same result, whatever `jobs` is.  Bad input
// (a program that does not compile, an unknown model or strategy, a trace
// that does not fit its program) throws gilsim::Error, whose message says
// where and what.  Make one call at a time: calls from several threads at
// once are not tested (Options::jobs runs check's own workers in parallel).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace gilsim {

// "0.1.0".
std::string version();

// The atomicity models (DESIGN.md), by their command-line names: "gil",
// "cpython-3.11", "nogil-naive", "nogil-object-locks", "nogil-atomic-rc",
// "nogil-cas-rc", "free-threaded".
std::vector<std::string> models();
// The exploration strategies: "dpor", "dfs", "bounded", "random", "pct".
std::vector<std::string> strategies();

// Bad input.  `file`, `line` and `column` say where, when it is in a file
// (line and column from 1; 0 when unknown).
struct Error : std::runtime_error {
  Error(const std::string& message, std::string file = "", int line = 0, int column = 0);
  std::string file;
  int line = 0, column = 0;
};

// A compiled program.  Cheap to copy (the compiled code is shared).
class Program {
 public:
  // Reads and compiles a file; tracebacks and traces name it by `path`.
  static Program from_file(const std::string& path);
  // Compiles source text; `name` stands for its file name.
  static Program from_source(const std::string& source, const std::string& name = "<program>");

  const std::string& name() const;
  const std::string& source() const;
  // What the program says it expects at the end, in a comment line
  // `# gilsim-expect: EXPR`; check() uses it unless Options::expect is set.
  std::optional<std::string> expectation() const;
  // The bytecode, exactly as `python3.11 -m dis` lists it.
  std::string dis() const;

  struct Impl;  // the compiled code; internal

 private:
  std::shared_ptr<const Impl> impl_;
  friend const Impl& impl(const Program&);
};

// How check() explores.  The defaults are `gilsim check`'s.
struct Options {
  std::string model = "gil";
  std::string strategy = "dpor";
  uint64_t seed = 0;            // random and pct
  int preemptions = 2;          // bounded: at most this many preemptions
  int depth = 3;                // pct: the bug depth
  uint64_t max_executions = 0;  // a budget (0: none; random and pct then stop at 1000 unless time_limit is set)
  double time_limit = 0;        // seconds (0: none)
  uint64_t max_steps = 100000;  // bytecodes per thread per execution; longer is a step-limit violation
  int jobs = 1;                 // worker threads (random, pct and bounded); the result is the same for any value
  std::optional<std::string> expect;  // a Python expression over the final globals that must hold (else the program's own)
  bool audit_every_step = false;      // check every reference count after every step, not only at the end
  uint32_t cas_bound = 0;             // nogil-cas-rc: this many failed swaps in a row is starvation (0: never)
  bool stop_at_violation = true;      // false: explore on, counting outcomes, and report the first violation
};

// The final module globals of simple values (ints, strings, ...), each as
// its Python repr, by name.
using State = std::map<std::string, std::string>;

struct Outcome {
  State state;
  uint64_t count = 0;  // executions that ended in it
};

// A saved schedule: the text of a gilsim-trace file (DESIGN.md), which
// `gilsim replay`, `minimize` and `explain` read, and so do the functions
// below.
struct Trace {
  std::string json;
  void save(const std::string& path) const;  // throws Error when it cannot write
  static Trace load(const std::string& path);
};

struct Violation {
  // assertion, expect, exception, refcount, use-after-free, double-free,
  // leak, deadlock, step-limit, starvation
  std::string kind;
  std::string message;
  std::string output;      // what the program printed in that execution (stdout, then stderr)
  uint64_t execution = 0;  // its index among the executions explored
  Trace trace;             // replays it
};

struct Result {
  bool complete = false;    // every execution that matters was explored: no violation means none exists
  uint64_t executions = 0;  // executions run to their end
  int64_t classes = -1;     // distinct Mazurkiewicz traces, when the strategy counts them (dpor, dfs), else -1
  std::vector<Outcome> outcomes;     // in the order they were first reached
  std::optional<Violation> violation;
  std::string stopped_by;   // "", "executions", "time-limit", "violation" or "interrupted"
  double seconds = 0;       // wall-clock time spent (the one thing that varies from run to run)
  bool passed() const { return !violation; }
};

// Explores `program`'s interleavings.
Result check(const Program& program, const Options& options = {});

// One run, as `gilsim run` does: round robin on a switch interval, or
// random decisions from `seed`.
struct RunResult {
  int exit_code = 0;
  std::string output;  // stdout, then stderr
};
RunResult run(const Program& program, const std::string& model = "gil", std::optional<uint64_t> seed = {});

// A trace replayed against its program: the interleaving as `gilsim replay`
// prints it, and how it ended.  Throws Error when the trace does not fit
// the program (another program, a changed one, another model).
struct Replay {
  std::string table;     // one column per thread, one row per bytecode, switches marked
  std::string output;    // what the program printed
  std::optional<Violation> violation;  // as the replay ended (its trace is the one replayed)
  State state;           // the final globals, when every thread ended
  size_t steps = 0;
};
Replay replay(const Program& program, const Trace& trace);

// Which atomicity boundary the trace crossed, in plain English (`gilsim explain`).
std::string explain(const Program& program, const Trace& trace);

// The trace shrunk to the fewest preemptions, then the fewest steps
// (`gilsim minimize`), within `max_executions` tries (0: minimize's default).
Trace minimize(const Program& program, const Trace& trace, uint64_t max_executions = 0);

}  // namespace gilsim
