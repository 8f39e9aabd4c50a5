// Errors a user reads: bad input (syntax errors, unsupported constructs, bad
// options).  They carry the file, line and column they are about and are
// printed as `FILE:LINE:COL: error: MESSAGE`, like a compiler's diagnostics.
//
// Internal errors (a broken invariant of gilsim itself) are not Diagnostics;
// they go through GILSIM_ASSERT in vm/check.h.
#pragma once

#include <stdexcept>
#include <string>

namespace vm {

struct Diagnostic {
  std::string file;     // the path as the user gave it
  int line = 0;         // 1-based; 0 when the error is about the whole file
  int col = 0;          // 1-based column (UTF-8 bytes, as CPython counts); 0 if unknown
  std::string message;  // e.g. "expected ':'" or "lambda is not supported"

  // "FILE:LINE:COL: error: MESSAGE" (LINE and COL left out when 0).
  std::string format() const;
};

// Thrown by the lexer, parser and compiler; caught at the command line, which
// prints it and exits with status 2.
class CompileError : public std::runtime_error {
 public:
  explicit CompileError(Diagnostic d)
      : std::runtime_error(d.format()), diag_(std::move(d)) {}
  const Diagnostic& diagnostic() const { return diag_; }

 private:
  Diagnostic diag_;
};

}  // namespace vm
