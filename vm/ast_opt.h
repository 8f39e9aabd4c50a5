// Constant folding on the AST, as CPython 3.11's Python/ast_opt.c does it
// before compiling: `2**10` becomes 1024, `-1` a constant, `(1, 2)` a
// constant tuple, `x in [1, 2]` tests a tuple, `'%s' % (a,)` an f-string,
// `__debug__` True.  The same size limits apply (no int over 128 bits, no
// string over 4096 characters, no tuple over 256 items is produced).
#pragma once

#include "vm/ast.h"

namespace vm {

void optimize_ast(ast::Module& mod);

}  // namespace vm
