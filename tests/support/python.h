// The ground truth of the differential tests: the real python3.11.
#pragma once

#include <array>
#include <cstdio>
#include <string>

namespace gilsim_test {

// The python3.11 executable, resolved once: a version manager's shim (pyenv)
// costs up to a second per start, which adds up over hundreds of programs.
// tests/CMakeLists.txt resolves it when it configures (GILSIM_PYTHON).
inline const std::string& python() {
  static const std::string exe = [] {
#ifdef GILSIM_PYTHON
    return std::string(GILSIM_PYTHON);
#endif
    FILE* p = popen("python3.11 -c 'import sys; print(sys.executable)' 2>/dev/null", "r");
    std::array<char, 4096> buf{};
    std::string out = p && fgets(buf.data(), buf.size(), p) ? buf.data() : "";
    if (p) pclose(p);
    if (!out.empty() && out.back() == '\n') out.pop_back();
    return out.empty() ? std::string("python3.11") : out;
  }();
  return exe;
}

}  // namespace gilsim_test
