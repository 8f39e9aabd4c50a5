// Formatting of user-facing diagnostics and the internal-error handler.
#include "vm/diagnostic.h"

#include <cstdio>
#include <cstdlib>

#include "vm/check.h"

namespace vm {

std::string Diagnostic::format() const {
  std::string out = file;
  if (line > 0) {
    out += ":" + std::to_string(line);
    if (col > 0) out += ":" + std::to_string(col);
  }
  out += ": error: " + message;
  return out;
}

namespace detail {
void internal_error(const char* file, int line, const char* cond, const char* msg) {
  std::fprintf(stderr,
               "gilsim: internal error at %s:%d: %s (%s)\n"
               "This is a bug in gilsim, not in your program; please report it.\n",
               file, line, msg, cond);
  std::abort();
}
}  // namespace detail

}  // namespace vm
