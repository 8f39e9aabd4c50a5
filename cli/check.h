// The `check` and `replay` subcommands.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

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
};

int cmd_check(const CheckArgs& a);
int cmd_replay(const ReplayArgs& a);

}  // namespace cli
