// The text of Python's `ast.dump(tree, include_attributes=True)` for our AST:
// the oracle format of the parser's differential tests, which compare it with
// what the real python3.11 prints for the same file.
//
// As ast.dump does: fields in Parser/Python.asdl order, optional fields left
// out when absent (None), empty lists kept as [], locations last, values by
// repr().  Our merged node kinds print under CPython's names
// (AsyncFunctionDef, AsyncFor, AsyncWith, TryStar).  A `match` statement,
// which we keep only as a placeholder, prints as Match() with its location.
#pragma once

#include <string>

#include "vm/ast.h"

namespace vm::ast {

std::string dump(const Module& mod);
std::string dump(const Expr& e);
std::string dump(const Stmt& s);

}  // namespace vm::ast
