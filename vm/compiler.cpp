// Compiler entry points: parse, fold constants, build the symbol table, then
// generate and assemble code (see compiler_impl.h).
#include "vm/compiler.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "vm/ast_opt.h"
#include "vm/compiler_impl.h"
#include "vm/diagnostic.h"
#include "vm/parser.h"

namespace vm {

std::shared_ptr<const Code> compile_module(ast::Module& mod, const std::string& filename) {
  optimize_ast(mod);
  auto st = SymbolTable::build(mod, filename);
  detail::Compiler c(filename, *st);
  return c.compile_module(mod);
}

std::shared_ptr<const Code> compile_source(std::string_view source, const std::string& filename) {
  ast::Module mod = parse(source, filename);
  return compile_module(mod, filename);
}

std::string read_source(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw CompileError(Diagnostic{path, 0, 0, "cannot open file: it is a directory (give a Python source file)"});
  errno = 0;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::string why = errno ? std::strerror(errno) : "cannot open it";
    throw CompileError(Diagnostic{path, 0, 0,
                                  fmt::format("cannot open file: {} (a relative path starts at the current directory, {})",
                                              why, std::filesystem::current_path().string())});
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) throw CompileError(Diagnostic{path, 0, 0, "cannot read file"});
  return ss.str();
}

std::shared_ptr<const Code> compile_file(const std::string& path) { return compile_source(read_source(path), path); }

}  // namespace vm
