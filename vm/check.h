// Internal invariants of gilsim itself.  A failed GILSIM_ASSERT is a bug in
// gilsim, never in the user's program: it prints "internal error" with the
// file and line and aborts, in every build type.  Errors in user input are
// vm::CompileError (vm/diagnostic.h) instead.
#pragma once

namespace vm::detail {
[[noreturn]] void internal_error(const char* file, int line, const char* cond, const char* msg);
}  // namespace vm::detail

#define GILSIM_ASSERT(cond, msg)                                            \
  do {                                                                      \
    if (!(cond)) ::vm::detail::internal_error(__FILE__, __LINE__, #cond, msg); \
  } while (0)
