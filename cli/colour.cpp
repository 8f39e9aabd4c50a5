#include "cli/colour.h"

#include <unistd.h>

#include <cstdlib>
#include <cstring>

namespace cli {

namespace {

bool& enabled() {
  static bool on = [] {
    const char* no = std::getenv("NO_COLOR");
    if (no && *no) return false;
    const char* term = std::getenv("TERM");
    if (term && std::strcmp(term, "dumb") == 0) return false;
    return isatty(STDOUT_FILENO) == 1;
  }();
  return on;
}

std::string wrap(const char* code, std::string_view s) {
  if (!colour()) return std::string(s);
  return std::string("\033[") + code + "m" + std::string(s) + "\033[0m";
}

}  // namespace

bool colour() { return enabled(); }
void no_colour() { enabled() = false; }

std::string red(std::string_view s) { return wrap("1;31", s); }
std::string green(std::string_view s) { return wrap("1;32", s); }
std::string bold(std::string_view s) { return wrap("1", s); }

}  // namespace cli
