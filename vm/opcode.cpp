// Tables generated from vm/opcodes.def.
#include "vm/opcode.h"

namespace vm {
namespace {

using namespace opflag;

constexpr std::array<OpcodeInfo, kNumOpcodeSlots> make_table() {
  std::array<OpcodeInfo, kNumOpcodeSlots> t{};
#define OPCODE(name, num, caches, effect, jeffect, flags, doc) \
  t[num] = OpcodeInfo{#name, caches, flags, doc};
#define PSEUDO(name, num, effect, jeffect, flags, doc) t[num] = OpcodeInfo{#name, 0, flags, doc};
#include "vm/opcodes.def"
  return t;
}

constexpr std::array<OpcodeInfo, kNumOpcodeSlots> kTable = make_table();

}  // namespace

const OpcodeInfo& opcode_info(int op) {
  static const OpcodeInfo kNone{};
  if (op < 0 || op >= kNumOpcodeSlots) return kNone;
  return kTable[static_cast<size_t>(op)];
}

int stack_effect(int op, int oparg, bool jump) {
  switch (op) {
#define OPCODE(name, num, caches, effect, jeffect, flags, doc) \
  case num:                                                     \
    return jump ? (jeffect) : (effect);
#define PSEUDO(name, num, effect, jeffect, flags, doc) \
  case num:                                            \
    return jump ? (jeffect) : (effect);
#include "vm/opcodes.def"
    default:
      return kInvalidStackEffect;
  }
}

int opcode_by_name(std::string_view name) {
  for (int i = 0; i < kNumOpcodeSlots; ++i) {
    if (!kTable[static_cast<size_t>(i)].name.empty() && kTable[static_cast<size_t>(i)].name == name)
      return i;
  }
  return -1;
}

std::string_view binary_op_symbol(int oparg) {
  static constexpr std::string_view kSyms[] = {
      "+",  "&",  "//",  "<<",  "@",  "*",  "%",  "|",  "**",  ">>",  "-",  "/",  "^",
      "+=", "&=", "//=", "<<=", "@=", "*=", "%=", "|=", "**=", ">>=", "-=", "/=", "^="};
  if (oparg < 0 || oparg >= static_cast<int>(std::size(kSyms))) return "";
  return kSyms[oparg];
}

std::string_view compare_op_symbol(int oparg) {
  static constexpr std::string_view kSyms[] = {"<", "<=", "==", "!=", ">", ">="};
  if (oparg < 0 || oparg >= static_cast<int>(std::size(kSyms))) return "";
  return kSyms[oparg];
}

}  // namespace vm
