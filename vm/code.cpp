// Code object helpers.
#include "vm/code.h"

#include <algorithm>

#include <fmt/format.h>

namespace vm {

std::string repr_code(const Code& code) {
  // A fake but stable address: gilsim output must not depend on where the
  // allocator put things.  dis comparisons mask addresses anyway.
  uint64_t addr = 0x7f0000000000ULL + code.id * 0x100;
  return fmt::format("<code object {} at {:#x}, file \"{}\", line {}>", code.name, addr,
                     code.filename, code.firstlineno);
}

bool same_code_key(const Code& a, const Code& b) {
  if (a.name != b.name || a.argcount != b.argcount || a.posonlyargcount != b.posonlyargcount ||
      a.kwonlyargcount != b.kwonlyargcount || a.flags != b.flags ||
      a.firstlineno != b.firstlineno)
    return false;
  // co_code (CACHE entries are all zero in a fresh code object).
  if (!std::equal(a.code.begin(), a.code.end(), b.code.begin(), b.code.end(),
                  [](CodeUnit x, CodeUnit y) { return x.op == y.op && x.arg == y.arg; }))
    return false;
  if (!std::equal(a.consts.begin(), a.consts.end(), b.consts.begin(), b.consts.end(),
                  [](const Constant& x, const Constant& y) { return x.same_key(y); }))
    return false;
  if (a.names != b.names || a.localsplusnames != b.localsplusnames) return false;
  // co_linetable: with equal co_firstlineno and co_code, the encoded table is
  // equal iff every code unit has the same position (an instruction without
  // a line number is encoded without its other fields).
  if (!std::equal(a.positions.begin(), a.positions.end(), b.positions.begin(), b.positions.end(),
                  [](const Position& x, const Position& y) {
                    if (x.line == -1 || y.line == -1) return x.line == y.line;
                    return x.line == y.line && x.end_line == y.end_line && x.col == y.col &&
                           x.end_col == y.end_col;
                  }))
    return false;
  return std::equal(a.exception_table.begin(), a.exception_table.end(),
                    b.exception_table.begin(), b.exception_table.end(),
                    [](const ExceptionEntry& x, const ExceptionEntry& y) {
                      return x.start == y.start && x.end == y.end && x.target == y.target &&
                             x.depth == y.depth && x.lasti == y.lasti;
                    });
}

}  // namespace vm
