// Code objects laid out as CPython 3.11's PyCodeObject: co_code with inline
// CACHE entries, co_consts, co_names, the "localsplus" table of locals, cells
// and free variables, per-code-unit source positions (what co_positions()
// yields) and the exception table (what dis prints under "ExceptionTable:").
//
// A Code is immutable once the assembler has built it; the interpreter and
// the disassembler only read it.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "vm/constant.h"
#include "vm/opcode.h"

namespace vm {

// One 16-bit code unit: an opcode and its 8-bit argument (EXTENDED_ARG
// prefixes carry the higher bits), or a CACHE entry.
struct CodeUnit {
  uint8_t op = 0;
  uint8_t arg = 0;
};

// A source span; line == -1 means "no location" (artificial instruction),
// col/end_col == -1 means "no column".
struct Position {
  int line = -1;
  int end_line = -1;
  int col = -1;
  int end_col = -1;
};

// An entry of co_exceptiontable, in code units: instructions in [start, end)
// jump to `target` when they raise, with the value stack cut to `depth`
// items; `lasti` says whether the offset of the raising instruction is pushed.
struct ExceptionEntry {
  int start = 0;
  int end = 0;
  int target = 0;
  int depth = 0;
  bool lasti = false;
};

// CPython's co_flags bits that gilsim uses.
inline constexpr int CO_OPTIMIZED = 0x0001;
inline constexpr int CO_NEWLOCALS = 0x0002;
inline constexpr int CO_VARARGS = 0x0004;
inline constexpr int CO_VARKEYWORDS = 0x0008;
inline constexpr int CO_NESTED = 0x0010;
inline constexpr int CO_GENERATOR = 0x0020;
inline constexpr int CO_NOFREE = 0x0040;

// Kinds of localsplus slots (CPython's CO_FAST_*).
inline constexpr uint8_t CO_FAST_LOCAL = 0x20;
inline constexpr uint8_t CO_FAST_CELL = 0x40;
inline constexpr uint8_t CO_FAST_FREE = 0x80;

struct Code {
  std::string name;        // co_name: "f", "<module>", "<listcomp>"
  std::string qualname;    // co_qualname: "C.f", "g.<locals>.h"
  std::string filename;    // as the user gave it
  int firstlineno = 1;
  int argcount = 0;        // positional parameters, including positional-only
  int posonlyargcount = 0;
  int kwonlyargcount = 0;
  int flags = 0;
  int stacksize = 0;       // maximum value-stack depth

  std::vector<CodeUnit> code;           // co_code, CACHE entries included
  std::vector<Position> positions;      // invariant: positions.size() == code.size()
  std::vector<Constant> consts;         // co_consts
  std::vector<std::string> names;       // co_names
  // co_localsplusnames / kinds: fast locals first (co_varnames), then cells
  // that are not arguments, then free variables.
  std::vector<std::string> localsplusnames;
  std::vector<uint8_t> localspluskinds;  // invariant: same size as localsplusnames
  int nlocals = 0;                       // number of co_varnames
  int ncellvars = 0;                     // cells, including argument cells
  int nfreevars = 0;
  std::vector<ExceptionEntry> exception_table;

  // A stable number for this code object's fake address in reprs.
  uint64_t id = 0;
};

// The index of the instruction that the code unit at `pc` starts: past its
// EXTENDED_ARG prefixes.
inline int instruction_pc(const Code& code, int pc) {
  while (pc + 1 < static_cast<int>(code.code.size()) && code.code[static_cast<size_t>(pc)].op == EXTENDED_ARG) ++pc;
  return pc;
}

// "<code object NAME at 0x..., file "FILE", line N>"; the address is a stable
// fake derived from Code::id (tests compare listings with addresses masked).
std::string repr_code(const Code& code);

}  // namespace vm
