// Code object helpers.
#include "vm/code.h"

#include <fmt/format.h>

namespace vm {

std::string repr_code(const Code& code) {
  // A fake but stable address: gilsim output must not depend on where the
  // allocator put things.  dis comparisons mask addresses anyway.
  uint64_t addr = 0x7f0000000000ULL + code.id * 0x100;
  return fmt::format("<code object {} at {:#x}, file \"{}\", line {}>", code.name, addr,
                     code.filename, code.firstlineno);
}

}  // namespace vm
