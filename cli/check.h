// The `check`, `replay`, `minimize` and `explain` subcommands.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "sim/explorer.h"

namespace cli {

struct CheckArgs {
  std::string path;
  std::string model = "gil";
  std::string strategy = "dpor";
  uint64_t executions = 0;
  double time_limit = 0;
  uint64_t max_steps = 100000;
  std::optional<std::string> expect;
  std::string trace_out;
  bool json = false;
  bool keep_going = false;
  bool audit = false;  // reference counts checked after every step
  uint32_t cas_bound = 0;
  uint64_t seed = 0;
  int depth = 3;
  int preemptions = 2;
  int jobs = 1;
  std::string checkpoint;
  std::string resume;
  double checkpoint_every = 10;
};

struct ReplayArgs {
  std::string trace;
  std::string format = "table";
  std::string output;  // -o: write the rendering here instead of stdout
  std::string model;   // --model: must be the trace's own
};

struct MinimizeArgs {
  std::string trace;
  std::string output;           // -o (default: TRACE with .min before .json)
  uint64_t executions = 20000;  // budget of the searches
};

struct ExplainArgs {
  std::string trace;
};

struct SimulateArgs {
  std::string path;
  std::string model = "gil";
  int cores = 4;
  std::string switch_interval = "5ms";
  std::string svg;
  std::string costs;
  bool json = false;
  bool print_costs = false;
  uint64_t max_steps = 0;
};

int cmd_check(const CheckArgs& a);
int cmd_replay(const ReplayArgs& a);
int cmd_minimize(const MinimizeArgs& a);
int cmd_explain(const ExplainArgs& a);
int cmd_simulate(const SimulateArgs& a);

// Shared by the subcommands.
// Reads and compiles a program (throws vm::CompileError, which names the
// file, line and column).
sim::Program load_program(const std::string& path, const std::optional<std::string>& expect);
std::string plural(uint64_t n, const char* word);
// Prints a replayed violation's interleaving, its explanation, the
// program's output and, with a path, where the trace was saved.
void show_violation(const sim::Replayed& rep, const std::string& trace_path);

}  // namespace cli
