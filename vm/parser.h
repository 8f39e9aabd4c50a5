// The parser: Python 3.11 source to the AST of vm/ast.h, node for node and
// position for position what CPython 3.11's `ast.parse` builds.
//
// It is a hand-written recursive-descent parser over the token vector of
// vm/lexer.h, following Grammar/python.gram rule by rule.  CPython's PEG
// parser makes a second pass with extra "invalid_*" rules to word its syntax
// errors; here those checks sit where the single pass meets the problem, and
// the common messages and positions are the same as CPython's.
//
// Deliberately refused (a CompileError whose message ends "not supported"):
// non-ASCII identifiers, imaginary literals, \N{...} escapes, and the body of
// `match` statements, which becomes an empty ast::Match placeholder.
#pragma once

#include <string>
#include <string_view>

#include "vm/ast.h"

namespace vm {

// Parses a whole file.  Throws CompileError (vm/diagnostic.h) on a syntax
// error, with CPython's line, 1-based column (SyntaxError.offset) and message
// where practical.  Nesting deeper than CPython can compile is an error too,
// so the AST handed on is never deeper than about 2000 levels.
ast::Module parse(std::string_view source, const std::string& filename);

}  // namespace vm
