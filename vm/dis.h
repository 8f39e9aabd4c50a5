// The disassembler: the exact text of CPython 3.11's `python -m dis` for a
// code object and, recursively, every code object among its constants.
#pragma once

#include <string>

#include "vm/code.h"

namespace vm {

// Lib/dis.py: dis(code) as `python -m dis` prints it.
std::string disassemble(const Code& code);

// One instruction (by code unit index) as a reader wants it in a trace:
// "LOAD_GLOBAL x", "BINARY_OP +=", "LOAD_CONST 1".
std::string instruction_text(const Code& co, int index);

}  // namespace vm
