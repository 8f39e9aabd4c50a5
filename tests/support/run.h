// Runs a shell command for the command-line tests.
#pragma once

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

namespace gilsim_test {

struct Result {
  std::string out;
  int status;  // the exit status, -1 when killed by a signal
};

// Runs `cmd` in directory `dir` through the shell; `stderr_too` merges
// stderr into the captured text, else stderr is discarded.
inline Result run_in(const std::string& dir, const std::string& cmd, bool stderr_too = true) {
  std::string full = "cd '" + dir + "' && " + cmd + (stderr_too ? " 2>&1" : " 2>/dev/null");
  FILE* p = popen(full.c_str(), "r");
  if (!p) return {"popen failed", -1};
  std::string out;
  std::array<char, 4096> buf{};
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  int status = pclose(p);
  return {out, WIFEXITED(status) ? WEXITSTATUS(status) : -1};
}

}  // namespace gilsim_test
