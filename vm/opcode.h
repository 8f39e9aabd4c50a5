// Opcode numbers and per-opcode facts, all generated from vm/opcodes.def.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace vm {

// Real opcodes are 0..255 (equal to CPython 3.11's); pseudo-instructions of the
// compiler are 256 and above.
enum Opcode : int {
#define OPCODE(name, num, caches, effect, jeffect, flags, doc) name = num,
#define PSEUDO(name, num, effect, jeffect, flags, doc) name = num,
#include "vm/opcodes.def"
};

inline constexpr int kHaveArgument = 90;  // opcodes >= this take an oparg
inline constexpr int kNumOpcodeSlots = 266;

namespace opflag {
inline constexpr unsigned JREL = 1u << 0;        // relative jump
inline constexpr unsigned BACK = 1u << 1;        // backward jump
inline constexpr unsigned CONST = 1u << 2;       // oparg indexes co_consts
inline constexpr unsigned NAME = 1u << 3;        // oparg indexes co_names
inline constexpr unsigned LOCAL = 1u << 4;       // oparg indexes the fast locals
inline constexpr unsigned FREE = 1u << 5;        // oparg indexes cells/free vars
inline constexpr unsigned COMPARE = 1u << 6;     // oparg indexes cmp_op
inline constexpr unsigned TERM = 1u << 7;        // returns or raises: no fall-through
inline constexpr unsigned BREAKER = 1u << 8;     // 3.11 may check its eval breaker
inline constexpr unsigned BLOCK_PUSH = 1u << 9;  // SETUP_* pseudo-instruction
inline constexpr unsigned VJUMP = 1u << 10;      // virtual (pseudo) jump
}  // namespace opflag

struct OpcodeInfo {
  std::string_view name;  // empty for unused numbers
  uint8_t caches = 0;     // inline CACHE entries after the instruction
  unsigned flags = 0;
  std::string_view doc;
};

// Facts about opcode `op` (0 <= op < kNumOpcodeSlots).
const OpcodeInfo& opcode_info(int op);
inline std::string_view opcode_name(int op) { return opcode_info(op).name; }
inline bool has_arg(int op) { return op >= kHaveArgument; }
inline bool is_pseudo(int op) { return op >= 256; }
inline bool has_flag(int op, unsigned f) { return (opcode_info(op).flags & f) != 0; }
// A jump of any kind: real relative jumps and the virtual ones.
inline bool is_jump(int op) { return has_flag(op, opflag::JREL | opflag::VJUMP); }
inline bool is_block_push(int op) { return has_flag(op, opflag::BLOCK_PUSH); }

// Stack effect of `op` with `oparg`; `jump` selects the effect when a jump or
// a SETUP_* handler is taken.  Returns kInvalidStackEffect for unknown opcodes.
inline constexpr int kInvalidStackEffect = 1 << 30;
int stack_effect(int op, int oparg, bool jump);

// The `name -> opcode` lookup used by tests and tools; -1 when unknown.
int opcode_by_name(std::string_view name);

// dis's names for BINARY_OP opargs ("+", "+=", ...) and COMPARE_OP opargs.
std::string_view binary_op_symbol(int oparg);
std::string_view compare_op_symbol(int oparg);

// BINARY_OP opargs (CPython's NB_* constants).
enum BinaryOpArg : int {
  NB_ADD = 0, NB_AND, NB_FLOOR_DIVIDE, NB_LSHIFT, NB_MATRIX_MULTIPLY, NB_MULTIPLY,
  NB_REMAINDER, NB_OR, NB_POWER, NB_RSHIFT, NB_SUBTRACT, NB_TRUE_DIVIDE, NB_XOR,
  NB_INPLACE_ADD, NB_INPLACE_AND, NB_INPLACE_FLOOR_DIVIDE, NB_INPLACE_LSHIFT,
  NB_INPLACE_MATRIX_MULTIPLY, NB_INPLACE_MULTIPLY, NB_INPLACE_REMAINDER, NB_INPLACE_OR,
  NB_INPLACE_POWER, NB_INPLACE_RSHIFT, NB_INPLACE_SUBTRACT, NB_INPLACE_TRUE_DIVIDE,
  NB_INPLACE_XOR,
};

// COMPARE_OP opargs (CPython's Py_LT ...).
enum CompareOpArg : int { CMP_LT = 0, CMP_LE, CMP_EQ, CMP_NE, CMP_GT, CMP_GE };

}  // namespace vm
