// The symbol table: which names each scope binds, uses, declares global or
// nonlocal, and from that the scope of every name (local, global, free,
// cell), exactly as CPython 3.11's Python/symtable.c decides it.  The compiler
// reads it to choose between LOAD_FAST, LOAD_GLOBAL, LOAD_NAME, LOAD_DEREF
// and LOAD_CLASSDEREF, and to lay out co_varnames, cells and free variables.
//
// One quirk copied on purpose: a `global x` inside a function marks `x` as
// explicitly global in the *module* scope too, so module-level code then uses
// STORE_GLOBAL/LOAD_GLOBAL for `x` (CPython records the declaration in the
// module's own symbol dictionary).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "vm/ast.h"

namespace vm {

// Definition flags of a name in one scope (CPython's DEF_*).
namespace symflag {
inline constexpr int DEF_GLOBAL = 1;        // `global` statement
inline constexpr int DEF_LOCAL = 2;         // assignment in the block
inline constexpr int DEF_PARAM = 4;         // formal parameter
inline constexpr int DEF_NONLOCAL = 8;      // `nonlocal` statement
inline constexpr int USE = 16;              // name is read
inline constexpr int DEF_FREE = 32;         // name used but not defined here
inline constexpr int DEF_FREE_CLASS = 64;   // free variable from a class method
inline constexpr int DEF_IMPORT = 128;      // bound by import
inline constexpr int DEF_ANNOT = 256;       // annotated
inline constexpr int DEF_COMP_ITER = 512;   // comprehension iteration variable
inline constexpr int DEF_BOUND = DEF_LOCAL | DEF_PARAM | DEF_IMPORT;
}  // namespace symflag

enum class Scope { None = 0, Local, GlobalExplicit, GlobalImplicit, Free, Cell };
enum class BlockType { Function, Class, Module };

struct SymbolTableEntry {
  BlockType type = BlockType::Module;
  std::string name;              // "top", function or class name, "lambda", "listcomp"
  const void* key = nullptr;     // the AST node that opened the block
  int lineno = 0;
  std::map<std::string, int> flags;    // name -> symflag bits
  std::map<std::string, Scope> scopes;  // name -> resolved scope (after analysis)
  std::vector<std::string> varnames;    // parameters, in co_varnames order
  std::map<std::string, ast::Loc> directives;  // where `global`/`nonlocal` named each name
  std::vector<SymbolTableEntry*> children;
  bool nested = false;        // inside a function (CO_NESTED)
  bool has_free = false;      // uses a free variable
  bool child_free = false;    // a child block has free variables
  bool generator = false;
  bool varargs = false;
  bool varkeywords = false;
  bool comprehension = false;
  bool needs_class_closure = false;  // class body must create a __class__ cell

  Scope scope_of(const std::string& name) const {
    auto it = scopes.find(name);
    return it == scopes.end() ? Scope::None : it->second;
  }
  int flags_of(const std::string& name) const {
    auto it = flags.find(name);
    return it == flags.end() ? 0 : it->second;
  }
};

class SymbolTable {
 public:
  // Builds and analyzes the table for a module.  Throws CompileError for
  // scoping errors ("name 'x' is used prior to global declaration", ...).
  static std::unique_ptr<SymbolTable> build(const ast::Module& mod, const std::string& filename);

  SymbolTableEntry* top() const { return top_; }
  // The entry opened by AST node `key`; internal error when absent.
  SymbolTableEntry* lookup(const void* key) const;

 private:
  friend class SymtableBuilder;
  std::vector<std::unique_ptr<SymbolTableEntry>> entries_;
  std::map<const void*, SymbolTableEntry*> by_key_;
  SymbolTableEntry* top_ = nullptr;
};

// Name mangling of private names inside a class (`__x` -> `_C__x`).
std::string mangle(const std::string& class_name, const std::string& name);

}  // namespace vm
