// The disassembler: the exact text of CPython 3.11's `python -m dis` for a
// code object and, recursively, every code object among its constants.
#pragma once

#include <string>

#include "vm/code.h"

namespace vm {

// Lib/dis.py: dis(code) as `python -m dis` prints it.
std::string disassemble(const Code& code);

}  // namespace vm
