// Internals of the compiler, shared by codegen_stmt.cpp, codegen_expr.cpp and
// flowgraph.cpp.  The structures mirror Python/compile.c of CPython 3.11 on
// purpose: the bytecode must equal CPython's instruction for instruction, and
// the easiest way to keep it so is to keep the same basic blocks, the same
// passes and the same order of passes.  Comments name the CPython function a
// piece corresponds to.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "vm/ast.h"
#include "vm/code.h"
#include "vm/opcode.h"
#include "vm/symtable.h"

namespace vm::detail {

struct Block;

// One instruction of the CFG (compile.c: struct instr).
struct Instr {
  int op = NOP;
  int oparg = 0;
  Block* target = nullptr;  // jumps and SETUP_* only
  Block* except = nullptr;  // handler, set by label_exception_targets
  Position loc;             // line -1: artificial
};

// A basic block (compile.c: basicblock).
struct Block {
  std::vector<Instr> instrs;
  Block* next = nullptr;            // b_next: the block reached by falling through
  int predecessors = 0;
  int startdepth = -1;              // value-stack depth on entry (stackdepth)
  int offset = 0;                   // code-unit offset (assemble_jump_offsets)
  bool nofallthrough = false;       // ends with a jump, return or raise
  bool preserve_lasti = false;      // exception handler that pushes lasti
  bool visited = false;
  bool exit = false;                // ends with a return or raise
  bool ret = false;                 // contains RETURN_VALUE
  std::vector<Block*> except_stack; // label_exception_targets' work state
  bool has_except_stack = false;
};

enum class ScopeType { Module, Class, Function, Lambda, Comprehension };

enum class FBlockType {
  WhileLoop, ForLoop, TryExcept, FinallyTry, FinallyEnd, With, HandlerCleanup, PopValue,
  ExceptionHandler
};

// A frame block: loops, try, with (compile.c: fblockinfo).
struct FBlock {
  FBlockType type;
  Block* block = nullptr;
  Block* exit = nullptr;
  const ast::StmtList* finalbody = nullptr;  // FinallyTry
  const ast::Stmt* with_stmt = nullptr;      // With
  std::optional<std::string> handler_name;   // HandlerCleanup with `as name`
};

// A source location being compiled; -1 line means artificial.
struct Loc {
  int line = -1, end_line = -1, col = -1, end_col = -1;
};

// The state of one code object being compiled (compile.c: compiler_unit).
struct Unit {
  SymbolTableEntry* ste = nullptr;
  std::string name;
  std::string qualname;
  ScopeType scope_type = ScopeType::Module;
  std::vector<Constant> consts;                  // u_consts, in index order
  std::vector<std::string> names;                // u_names
  std::map<std::string, int> names_index;
  std::vector<std::string> varnames;             // u_varnames
  std::map<std::string, int> varnames_index;
  std::vector<std::string> cellvars;             // sorted; maybe "__class__"
  std::map<std::string, int> cellvars_index;
  std::vector<std::string> freevars;             // sorted; indices follow the cells
  std::map<std::string, int> freevars_index;
  std::string private_name;                      // class name for mangling
  int argcount = 0, posonlyargcount = 0, kwonlyargcount = 0;
  std::vector<std::unique_ptr<Block>> blocks;    // allocation order; b_list is its reverse
  Block* curblock = nullptr;
  std::vector<FBlock> fblocks;
  int firstlineno = 0;
  Loc loc;
  bool need_new_implicit_block = false;
};

class Compiler {
 public:
  Compiler(std::string filename, const SymbolTable& st) : filename_(std::move(filename)), st_(st) {}
  std::shared_ptr<const Code> compile_module(const ast::Module& mod);

  // ---- shared by the code generator files ----
  [[noreturn]] void error(const std::string& msg);  // at the current location
  [[noreturn]] void error_at(const ast::Loc& loc, const std::string& msg);
  [[noreturn]] void unsupported(const ast::Loc& loc, const std::string& what);

 private:
  friend struct CodegenAccess;
  std::string filename_;
  const SymbolTable& st_;
  std::vector<std::unique_ptr<Unit>> stack_;  // enclosing units
  Unit* u_ = nullptr;  // the unit being compiled (owned; freed by exit_scope or the destructor)

 public:
  ~Compiler() { delete u_; }  // a CompileError leaves the current unit behind
  Compiler(const Compiler&) = delete;
  Compiler& operator=(const Compiler&) = delete;

 private:
  uint64_t next_code_id_ = 1;

 public:
  // Scope handling (compiler_enter_scope / compiler_exit_scope).
  void enter_scope(const std::string& name, ScopeType type, const void* key, int lineno);
  void exit_scope();
  std::shared_ptr<const Code> assemble(bool add_none);

  // Blocks and emission.
  Block* new_block();
  void use_next_block(Block* b);
  Instr& addop(int op);
  Instr& addop_i(int op, int oparg);
  Instr& addop_j(int op, Block* target);
  void addop_noline(int op);
  void addop_j_noline(int op, Block* target);
  void addop_load_const(const Constant& c);
  void addop_name(int op, const std::string& name);  // mangles, indexes co_names
  int add_const(const Constant& c);
  int add_name(const std::string& name);
  void set_loc(const ast::Loc& l) { u_->loc = Loc{l.line, l.end_line, l.col, l.end_col}; }
  void unset_loc() { u_->loc = Loc{}; }

  // Statements (codegen_stmt.cpp).
  void visit_stmt(const ast::Stmt& s);
  void visit_body(const ast::StmtList& body);
  void compiler_body(const ast::StmtList& stmts);
  void function_def(const ast::Stmt& s, const ast::FunctionDef& f);
  void class_def(const ast::Stmt& s, const ast::ClassDef& c);
  void return_stmt(const ast::Stmt& s, const ast::Return& r);
  void if_stmt(const ast::If& s);
  void for_stmt(const ast::For& s);
  void while_stmt(const ast::Stmt& st, const ast::While& s);
  void try_stmt(const ast::Stmt& s, const ast::Try& t);
  void try_finally(const ast::Stmt& s, const ast::Try& t);
  void try_except(const ast::Stmt& s, const ast::Try& t);
  void with_stmt(const ast::Stmt& s, const ast::With& w, size_t pos);
  void break_stmt();
  void continue_stmt();
  void assert_stmt(const ast::Assert& a);
  void import_stmt(const ast::Stmt& s, const ast::Import& i);
  void import_from(const ast::Stmt& s, const ast::ImportFrom& i);
  void augassign(const ast::AugAssign& a);
  void push_fblock(FBlock fb);
  void pop_fblock(FBlockType type);
  void unwind_fblock(const FBlock& fb, bool preserve_tos);
  // Returns the innermost loop when `want_loop`, after unwinding what is inside it.
  const FBlock* unwind_fblock_stack(bool preserve_tos, bool want_loop);
  void call_exit_with_nones();
  void pop_except_and_reraise();
  void with_except_finish(Block* cleanup);
  int default_arguments(const ast::Arguments& args);
  void make_closure(const std::shared_ptr<const Code>& co, int flags);

  // Expressions (codegen_expr.cpp).
  void visit_expr(const ast::Expr& e);
  void visit_expr1(const ast::Expr& e);
  void nameop(const std::string& name, ast::Ctx ctx);
  void jump_if(const ast::Expr& e, Block* next, bool cond);
  void boolop(const ast::BoolOp& b);
  void compare(const ast::Expr& e, const ast::Compare& c);
  void add_compare(ast::CmpOpKind op);
  void call(const ast::Expr& e, const ast::Call& c);
  bool maybe_optimize_method_call(const ast::Expr& e, const ast::Call& c);
  void call_helper(int n, const ast::ExprList& args, const std::vector<ast::Keyword>& kws);
  void call_simple_kw_helper(const std::vector<ast::Keyword>& kws);
  void subkwargs(const std::vector<ast::Keyword>& kws, size_t begin, size_t end);
  void starunpack_helper(const ast::ExprList& elts, int pushed, int build, int add, int extend,
                         bool tuple);
  void assignment_helper(const ast::ExprList& elts);
  void dict(const ast::Dict& d);
  void subdict(const ast::Dict& d, size_t begin, size_t end);
  void ifexp(const ast::IfExp& e);
  void joined_str(const ast::JoinedStr& j);
  void formatted_value(const ast::FormattedValue& f);
  void comprehension(const ast::Expr& e, const std::string& name,
                     const std::vector<ast::Comprehension>& gens, const ast::Expr* elt,
                     const ast::Expr* val, int build_op, int add_op);
  void comprehension_generator(const std::vector<ast::Comprehension>& gens, size_t gen_index,
                               int depth, const ast::Expr* elt, const ast::Expr* val, int add_op);
  void lambda(const ast::Expr& e, const ast::Lambda& l);
  void update_start_location_to_match_attr(const ast::Expr& attr);
  bool is_import_originated(const ast::Expr& e) const;

  Unit& unit() { return *u_; }
  const std::string& filename() const { return filename_; }
  const SymbolTable& symtable() const { return st_; }
  uint64_t take_code_id() { return next_code_id_++; }
};

// Scope of `name` as the compiler uses it (compile.c: get_ref_type).
Scope ref_type(const Unit& u, const std::string& name);

}  // namespace vm::detail
