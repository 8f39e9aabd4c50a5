// The compiler's public entry points: source text or an AST in, a CPython
// 3.11 code object out.  The pipeline is CPython's: parse, AST optimization
// (constant folding, vm/ast_opt.h), symbol table (vm/symtable.h), code
// generation into a control-flow graph (vm/codegen_*.cpp), CFG optimization
// and assembly (vm/flowgraph.cpp).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "vm/ast.h"
#include "vm/code.h"

namespace vm {

// Compiles a module; throws CompileError for unsupported or invalid input.
// The AST is modified in place by constant folding.
std::shared_ptr<const Code> compile_module(ast::Module& mod, const std::string& filename);

// Parses and compiles `source`; `filename` is used in messages and code objects.
std::shared_ptr<const Code> compile_source(std::string_view source, const std::string& filename);

// Reads and compiles a file.  A file that cannot be read is a CompileError
// naming the file.
std::shared_ptr<const Code> compile_file(const std::string& path);
// A source file's text; a file that cannot be read throws CompileError
// saying why.
std::string read_source(const std::string& path);

}  // namespace vm
