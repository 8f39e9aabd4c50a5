// Code generation for scopes and statements (Python/compile.c of CPython
// 3.11: compiler_enter_scope, compiler_body, compiler_function,
// compiler_class, compiler_if/for/while, the try/with protocols and frame-
// block unwinding).  Each function says which CPython function it follows;
// the order in which instructions, constants and names are emitted matters,
// because it decides co_consts and co_names indices.
#include <algorithm>
#include <set>

#include "vm/check.h"
#include "vm/compiler_impl.h"
#include "vm/diagnostic.h"

namespace vm::detail {

namespace {

// _PyAST_GetDocString: a leading string-constant expression statement.
const Constant* docstring_of(const ast::StmtList& body) {
  if (body.empty()) return nullptr;
  auto* es = std::get_if<ast::ExprStmt>(&body[0]->node);
  if (!es) return nullptr;
  auto* c = std::get_if<ast::ConstantExpr>(&es->value->node);
  if (!c || c->value.kind != Constant::Kind::Str) return nullptr;
  return &c->value;
}

bool is_constant(const ast::Expr& e) { return std::holds_alternative<ast::ConstantExpr>(e.node); }

// The modules a program may import; the runtime provides exactly these.
bool importable(const std::string& module) {
  static const std::set<std::string> kModules = {"threading", "time", "sys", "multiprocessing",
                                                 "gilsim"};
  return kModules.count(module) != 0;
}

}  // namespace

Scope ref_type(const Unit& u, const std::string& name) {
  if (u.scope_type == ScopeType::Class && name == "__class__") return Scope::Cell;
  Scope s = u.ste->scope_of(name);
  GILSIM_ASSERT(s != Scope::None, "name without a scope in make_closure");
  return s;
}

void Compiler::error(const std::string& msg) {
  throw CompileError(Diagnostic{filename_, u_ ? std::max(u_->loc.line, 0) : 0,
                                u_ && u_->loc.col >= 0 ? u_->loc.col + 1 : 0, msg});
}

void Compiler::error_at(const ast::Loc& loc, const std::string& msg) {
  throw CompileError(Diagnostic{filename_, loc.line, loc.col + 1, msg});
}

void Compiler::unsupported(const ast::Loc& loc, const std::string& what) {
  error_at(loc, what + " is not supported");
}

// ---- scopes ----

void Compiler::enter_scope(const std::string& name, ScopeType type, const void* key, int lineno) {
  auto u = std::make_unique<Unit>();
  u->scope_type = type;
  u->ste = st_.lookup(key);
  u->name = name;
  for (auto& v : u->ste->varnames) {
    u->varnames_index[v] = static_cast<int>(u->varnames.size());
    u->varnames.push_back(v);
  }
  // dictbytype(CELL) and dictbytype(FREE | DEF_FREE_CLASS): sorted by name.
  for (auto& [n, scope] : u->ste->scopes)
    if (scope == Scope::Cell) u->cellvars.push_back(n);
  if (u->ste->needs_class_closure) {
    GILSIM_ASSERT(u->cellvars.empty(), "class with cells besides __class__");
    u->cellvars.push_back("__class__");
  }
  for (auto& [n, flags] : u->ste->flags) {
    if (u->ste->scope_of(n) == Scope::Free || (flags & symflag::DEF_FREE_CLASS))
      u->freevars.push_back(n);
  }
  for (size_t i = 0; i < u->cellvars.size(); ++i) u->cellvars_index[u->cellvars[i]] = int(i);
  for (size_t i = 0; i < u->freevars.size(); ++i)
    u->freevars_index[u->freevars[i]] = int(u->cellvars.size() + i);
  u->firstlineno = lineno;
  u->loc = Loc{lineno, lineno, 0, 0};
  if (u_) {
    u->private_name = u_->private_name;
    stack_.push_back(std::unique_ptr<Unit>(u_));
  }
  u_ = u.release();
  u_->curblock = new_block();

  if (type == ScopeType::Module) {
    u_->loc.line = 0;
  } else {
    // compiler_set_qualname
    std::string base;
    bool have_base = false;
    if (stack_.size() > 1) {
      Unit& parent = *stack_.back();
      bool force_global = false;
      if (type == ScopeType::Function || type == ScopeType::Class) {
        std::string m = mangle(parent.private_name, name);
        if (parent.ste->scope_of(m) == Scope::GlobalExplicit) force_global = true;
      }
      if (!force_global) {
        have_base = true;
        if (parent.scope_type == ScopeType::Function || parent.scope_type == ScopeType::Lambda)
          base = parent.qualname + ".<locals>";
        else
          base = parent.qualname;
      }
    }
    u_->qualname = have_base ? base + "." + name : name;
  }
  addop_i(RESUME, 0);
  if (type == ScopeType::Module) u_->loc.line = -1;
}

void Compiler::exit_scope() {
  delete u_;
  u_ = nullptr;
  if (!stack_.empty()) {
    u_ = stack_.back().release();
    stack_.pop_back();
  }
}

std::shared_ptr<const Code> Compiler::compile_module(const ast::Module& mod) {
  enter_scope("<module>", ScopeType::Module, &mod, 1);
  u_->loc.line = 1;
  compiler_body(mod.body);
  auto co = assemble(true);
  exit_scope();
  return co;
}

// ---- blocks and emission ----

Block* Compiler::new_block() {
  u_->blocks.push_back(std::make_unique<Block>());
  return u_->blocks.back().get();
}

void Compiler::use_next_block(Block* b) {
  u_->curblock->next = b;
  u_->curblock = b;
  u_->need_new_implicit_block = false;
}

namespace {
bool ends_basic_block(int op) {
  return is_jump(op) || op == RETURN_VALUE || op == RAISE_VARARGS || op == RERAISE;
}
}  // namespace

Instr& Compiler::addop_i(int op, int oparg) {
  if (u_->need_new_implicit_block) use_next_block(new_block());
  Block* b = u_->curblock;
  Instr in;
  in.op = op;
  in.oparg = oparg;
  in.loc = Position{u_->loc.line, u_->loc.end_line, u_->loc.col, u_->loc.end_col};
  if (op == RETURN_VALUE) b->ret = true;
  b->instrs.push_back(in);
  if (ends_basic_block(op)) u_->need_new_implicit_block = true;
  return b->instrs.back();
}

Instr& Compiler::addop(int op) { return addop_i(op, 0); }

Instr& Compiler::addop_j(int op, Block* target) {
  Instr& in = addop_i(op, 0);
  in.target = target;
  return in;
}

void Compiler::addop_noline(int op) {
  Instr& in = addop(op);
  in.loc = Position{-1, 0, 0, 0};
}

void Compiler::addop_j_noline(int op, Block* target) {
  Instr& in = addop_j(op, target);
  in.loc = Position{-1, 0, 0, 0};
}

int Compiler::add_const(const Constant& c) {
  for (size_t i = 0; i < u_->consts.size(); ++i)
    if (u_->consts[i].same_key(c)) return static_cast<int>(i);
  u_->consts.push_back(c);
  return static_cast<int>(u_->consts.size() - 1);
}

void Compiler::addop_load_const(const Constant& c) { addop_i(LOAD_CONST, add_const(c)); }

int Compiler::add_name(const std::string& name) {
  auto it = u_->names_index.find(name);
  if (it != u_->names_index.end()) return it->second;
  int idx = static_cast<int>(u_->names.size());
  u_->names.push_back(name);
  u_->names_index[name] = idx;
  return idx;
}

void Compiler::addop_name(int op, const std::string& name) {
  addop_i(op, add_name(mangle(u_->private_name, name)));
}

// ---- frame blocks ----

void Compiler::push_fblock(FBlock fb) {
  if (u_->fblocks.size() >= 20) error("too many statically nested blocks");
  u_->fblocks.push_back(std::move(fb));
}

void Compiler::pop_fblock(FBlockType type) {
  GILSIM_ASSERT(!u_->fblocks.empty() && u_->fblocks.back().type == type, "fblock mismatch");
  u_->fblocks.pop_back();
}

void Compiler::call_exit_with_nones() {
  addop_load_const(Constant::none());
  addop_load_const(Constant::none());
  addop_load_const(Constant::none());
  addop_i(PRECALL, 2);
  addop_i(CALL, 2);
}

void Compiler::pop_except_and_reraise() {
  addop_i(COPY, 3);
  addop(POP_EXCEPT);
  addop_i(RERAISE, 1);
}

// compiler_unwind_fblock
void Compiler::unwind_fblock(const FBlock& fb, bool preserve_tos) {
  switch (fb.type) {
    case FBlockType::WhileLoop:
    case FBlockType::ExceptionHandler:
      return;
    case FBlockType::ForLoop:
      if (preserve_tos) addop_i(SWAP, 2);
      addop(POP_TOP);
      return;
    case FBlockType::TryExcept:
      addop(POP_BLOCK);
      return;
    case FBlockType::FinallyTry:
      addop(POP_BLOCK);
      if (preserve_tos) push_fblock(FBlock{FBlockType::PopValue});
      visit_body(*fb.finalbody);
      if (preserve_tos) pop_fblock(FBlockType::PopValue);
      unset_loc();
      return;
    case FBlockType::FinallyEnd:
      if (preserve_tos) addop_i(SWAP, 2);
      addop(POP_TOP);
      if (preserve_tos) addop_i(SWAP, 2);
      addop(POP_BLOCK);
      addop(POP_EXCEPT);
      return;
    case FBlockType::With:
      set_loc(fb.with_stmt->loc);
      addop(POP_BLOCK);
      if (preserve_tos) addop_i(SWAP, 2);
      call_exit_with_nones();
      addop(POP_TOP);
      unset_loc();
      return;
    case FBlockType::HandlerCleanup:
      if (fb.handler_name) addop(POP_BLOCK);
      if (preserve_tos) addop_i(SWAP, 2);
      addop(POP_BLOCK);
      addop(POP_EXCEPT);
      if (fb.handler_name) {
        addop_load_const(Constant::none());
        nameop(*fb.handler_name, ast::Ctx::Store);
        nameop(*fb.handler_name, ast::Ctx::Del);
      }
      return;
    case FBlockType::PopValue:
      if (preserve_tos) addop_i(SWAP, 2);
      addop(POP_TOP);
      return;
  }
}

// compiler_unwind_fblock_stack; returns the loop frame block when asked for
// one (nullptr when there is none), with the stack restored.
const FBlock* Compiler::unwind_fblock_stack(bool preserve_tos, bool want_loop) {
  if (u_->fblocks.empty()) return nullptr;
  const FBlock& top = u_->fblocks.back();
  if (want_loop && (top.type == FBlockType::WhileLoop || top.type == FBlockType::ForLoop))
    return &top;
  FBlock copy = top;
  u_->fblocks.pop_back();
  unwind_fblock(copy, preserve_tos);
  size_t depth = u_->fblocks.size();
  const FBlock* loop = unwind_fblock_stack(preserve_tos, want_loop);
  ptrdiff_t loop_index = loop ? loop - u_->fblocks.data() : -1;
  GILSIM_ASSERT(u_->fblocks.size() == depth, "fblock stack not restored");
  u_->fblocks.push_back(std::move(copy));
  return loop_index >= 0 ? &u_->fblocks[static_cast<size_t>(loop_index)] : nullptr;
}

// ---- statements ----

void Compiler::visit_body(const ast::StmtList& body) {
  for (auto& s : body) visit_stmt(*s);
}

// compiler_body: docstring and statements of a module or class body.
void Compiler::compiler_body(const ast::StmtList& stmts) {
  if (u_->scope_type == ScopeType::Module && !stmts.empty()) set_loc(stmts[0]->loc);
  if (stmts.empty()) return;
  size_t i = 0;
  if (docstring_of(stmts)) {
    i = 1;
    visit_expr(*std::get<ast::ExprStmt>(stmts[0]->node).value);
    unset_loc();
    nameop("__doc__", ast::Ctx::Store);
  }
  for (; i < stmts.size(); ++i) visit_stmt(*stmts[i]);
}

namespace {
template <class... Ts>
struct overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
overloaded(Ts...) -> overloaded<Ts...>;
}  // namespace

void Compiler::visit_stmt(const ast::Stmt& s) {
  set_loc(s.loc);
  std::visit(
      overloaded{
          [&](const ast::FunctionDef& f) {
            if (f.is_async) unsupported(s.loc, "async def");
            function_def(s, f);
          },
          [&](const ast::ClassDef& c) { class_def(s, c); },
          [&](const ast::Return& r) { return_stmt(s, r); },
          [&](const ast::Delete& d) {
            for (auto& t : d.targets) visit_expr(*t);
          },
          [&](const ast::Assign& a) {
            visit_expr(*a.value);
            for (size_t i = 0; i < a.targets.size(); ++i) {
              if (i + 1 < a.targets.size()) addop_i(COPY, 1);
              visit_expr(*a.targets[i]);
            }
          },
          [&](const ast::AugAssign& a) { augassign(a); },
          [&](const ast::AnnAssign&) { unsupported(s.loc, "annotated assignment"); },
          [&](const ast::For& f) {
            if (f.is_async) unsupported(s.loc, "async for");
            for_stmt(f);
          },
          [&](const ast::While& w) { while_stmt(s, w); },
          [&](const ast::If& i) { if_stmt(i); },
          [&](const ast::With& w) {
            if (w.is_async) unsupported(s.loc, "async with");
            with_stmt(s, w, 0);
          },
          [&](const ast::Raise& r) {
            int n = 0;
            if (r.exc) {
              visit_expr(*r.exc);
              ++n;
              if (r.cause) {
                visit_expr(*r.cause);
                ++n;
              }
            }
            addop_i(RAISE_VARARGS, n);
          },
          [&](const ast::Try& t) {
            if (t.is_star) unsupported(s.loc, "except*");
            try_stmt(s, t);
          },
          [&](const ast::Assert& a) { assert_stmt(a); },
          [&](const ast::Import& i) { import_stmt(s, i); },
          [&](const ast::ImportFrom& i) { import_from(s, i); },
          [&](const ast::Global&) {},
          [&](const ast::Nonlocal&) {},
          [&](const ast::ExprStmt& e) {
            if (is_constant(*e.value)) {
              addop(NOP);  // a constant expression statement is ignored
              return;
            }
            visit_expr(*e.value);
            unset_loc();  // the POP_TOP is artificial
            addop(POP_TOP);
          },
          [&](const ast::Pass&) { addop(NOP); },
          [&](const ast::Break&) { break_stmt(); },
          [&](const ast::Continue&) { continue_stmt(); },
          [&](const ast::Match&) { unsupported(s.loc, "match statement"); },
      },
      s.node);
}

// compiler_default_arguments: pushes defaults; returns MAKE_FUNCTION flags.
int Compiler::default_arguments(const ast::Arguments& args) {
  int flags = 0;
  if (!args.defaults.empty()) {
    for (auto& d : args.defaults) visit_expr(*d);
    addop_i(BUILD_TUPLE, static_cast<int>(args.defaults.size()));
    flags |= 0x01;
  }
  std::vector<Constant> keys;
  for (size_t i = 0; i < args.kwonlyargs.size(); ++i) {
    if (i < args.kw_defaults.size() && args.kw_defaults[i]) {
      keys.push_back(Constant::str(mangle(u_->private_name, args.kwonlyargs[i].name)));
      visit_expr(*args.kw_defaults[i]);
    }
  }
  if (!keys.empty()) {
    int n = static_cast<int>(keys.size());
    addop_load_const(Constant::tuple(std::move(keys)));
    addop_i(BUILD_CONST_KEY_MAP, n);
    flags |= 0x02;
  }
  return flags;
}

// compiler_make_closure
void Compiler::make_closure(const std::shared_ptr<const Code>& co, int flags) {
  if (co->nfreevars) {
    int first_free = static_cast<int>(co->localsplusnames.size()) - co->nfreevars;
    for (size_t i = static_cast<size_t>(first_free); i < co->localsplusnames.size(); ++i) {
      const std::string& name = co->localsplusnames[i];
      Scope rt = ref_type(*u_, name);
      int arg = -1;
      if (rt == Scope::Cell) {
        auto it = u_->cellvars_index.find(name);
        if (it != u_->cellvars_index.end()) arg = it->second;
      } else {
        auto it = u_->freevars_index.find(name);
        if (it != u_->freevars_index.end()) arg = it->second;
      }
      GILSIM_ASSERT(arg >= 0, "closure variable not found in the enclosing scope");
      addop_i(LOAD_CLOSURE, arg);
    }
    flags |= 0x08;
    addop_i(BUILD_TUPLE, co->nfreevars);
  }
  addop_load_const(Constant::code_object(co));
  addop_i(MAKE_FUNCTION, flags);
}

namespace {
// compiler_visit_argannotation(s): pushes name/annotation pairs.
struct Annotations {
  Compiler& c;
  int len = 0;
  void one(const std::string& name, const ast::Expr* ann) {
    if (!ann) return;
    c.addop_load_const(Constant::str(mangle(c.unit().private_name, name)));
    if (std::holds_alternative<ast::Starred>(ann->node))
      c.unsupported(ann->loc, "a starred annotation");
    c.visit_expr(*ann);
    len += 2;
  }
  void many(const std::vector<ast::Arg>& args) {
    for (auto& a : args) one(a.name, a.annotation.get());
  }
};
}  // namespace

// compiler_function
void Compiler::function_def(const ast::Stmt& s, const ast::FunctionDef& f) {
  for (auto& d : f.decorator_list) visit_expr(*d);
  int firstlineno = s.loc.line;
  if (!f.decorator_list.empty()) firstlineno = f.decorator_list[0]->loc.line;
  int funcflags = default_arguments(*f.args);

  Annotations ann{*this};
  ann.many(f.args->args);
  ann.many(f.args->posonlyargs);
  if (f.args->vararg) ann.one(f.args->vararg->name, f.args->vararg->annotation.get());
  ann.many(f.args->kwonlyargs);
  if (f.args->kwarg) ann.one(f.args->kwarg->name, f.args->kwarg->annotation.get());
  ann.one("return", f.returns.get());
  if (ann.len) {
    addop_i(BUILD_TUPLE, ann.len);
    funcflags |= 0x04;
  }

  enter_scope(f.name, ScopeType::Function, &s, firstlineno);
  const Constant* doc = docstring_of(f.body);
  add_const(doc ? *doc : Constant::none());
  u_->argcount = static_cast<int>(f.args->args.size());
  u_->posonlyargcount = static_cast<int>(f.args->posonlyargs.size());
  u_->kwonlyargcount = static_cast<int>(f.args->kwonlyargs.size());
  for (size_t i = doc ? 1 : 0; i < f.body.size(); ++i) visit_stmt(*f.body[i]);
  auto co = assemble(true);
  exit_scope();

  make_closure(co, funcflags);
  // compiler_apply_decorators
  Loc saved = u_->loc;
  for (size_t i = f.decorator_list.size(); i-- > 0;) {
    set_loc(f.decorator_list[i]->loc);
    addop_i(PRECALL, 0);
    addop_i(CALL, 0);
  }
  u_->loc = saved;
  nameop(f.name, ast::Ctx::Store);
}

// compiler_class
void Compiler::class_def(const ast::Stmt& s, const ast::ClassDef& c) {
  for (auto& d : c.decorator_list) visit_expr(*d);
  int firstlineno = s.loc.line;
  if (!c.decorator_list.empty()) firstlineno = c.decorator_list[0]->loc.line;

  enter_scope(c.name, ScopeType::Class, &s, firstlineno);
  u_->private_name = c.name;
  nameop("__name__", ast::Ctx::Load);
  nameop("__module__", ast::Ctx::Store);
  addop_load_const(Constant::str(u_->qualname));
  nameop("__qualname__", ast::Ctx::Store);
  compiler_body(c.body);
  unset_loc();
  if (u_->ste->needs_class_closure) {
    addop_i(LOAD_CLOSURE, u_->cellvars_index.at("__class__"));
    addop_i(COPY, 1);
    nameop("__classcell__", ast::Ctx::Store);
  } else {
    addop_load_const(Constant::none());
  }
  addop(RETURN_VALUE);
  auto co = assemble(true);
  exit_scope();

  addop(PUSH_NULL);
  addop(LOAD_BUILD_CLASS);
  make_closure(co, 0);
  addop_load_const(Constant::str(c.name));
  call_helper(2, c.bases, c.keywords);
  Loc saved = u_->loc;
  for (size_t i = c.decorator_list.size(); i-- > 0;) {
    set_loc(c.decorator_list[i]->loc);
    addop_i(PRECALL, 0);
    addop_i(CALL, 0);
  }
  u_->loc = saved;
  nameop(c.name, ast::Ctx::Store);
}

// compiler_return
void Compiler::return_stmt(const ast::Stmt& s, const ast::Return& r) {
  bool preserve_tos = r.value && !is_constant(*r.value);
  if (u_->ste->type != BlockType::Function) error("'return' outside function");
  if (preserve_tos) {
    visit_expr(*r.value);
  } else if (r.value) {
    set_loc(r.value->loc);
    addop(NOP);
  }
  if (!r.value || r.value->loc.line != s.loc.line) {
    set_loc(s.loc);
    addop(NOP);
  }
  unwind_fblock_stack(preserve_tos, false);
  if (!r.value)
    addop_load_const(Constant::none());
  else if (!preserve_tos)
    addop_load_const(std::get<ast::ConstantExpr>(r.value->node).value);
  addop(RETURN_VALUE);
}

void Compiler::break_stmt() {
  Loc saved = u_->loc;
  addop(NOP);
  const FBlock* loop = unwind_fblock_stack(false, true);
  if (!loop) {
    u_->loc = saved;
    error("'break' outside loop");
  }
  FBlock l = *loop;
  unwind_fblock(l, false);
  addop_j(JUMP, l.exit);
}

void Compiler::continue_stmt() {
  Loc saved = u_->loc;
  addop(NOP);
  const FBlock* loop = unwind_fblock_stack(false, true);
  if (!loop) {
    u_->loc = saved;
    error("'continue' not properly in loop");
  }
  addop_j(JUMP, loop->block);
}

void Compiler::if_stmt(const ast::If& s) {
  Block* end = new_block();
  Block* next = s.orelse.empty() ? end : new_block();
  jump_if(*s.test, next, false);
  visit_body(s.body);
  if (!s.orelse.empty()) {
    addop_j_noline(JUMP, end);
    use_next_block(next);
    visit_body(s.orelse);
  }
  use_next_block(end);
}

void Compiler::for_stmt(const ast::For& s) {
  Block* start = new_block();
  Block* body = new_block();
  Block* cleanup = new_block();
  Block* end = new_block();
  push_fblock(FBlock{FBlockType::ForLoop, start, end});
  visit_expr(*s.iter);
  addop(GET_ITER);
  use_next_block(start);
  addop_j(FOR_ITER, cleanup);
  use_next_block(body);
  visit_expr(*s.target);
  visit_body(s.body);
  unset_loc();  // the jump back is artificial
  addop_j(JUMP, start);
  use_next_block(cleanup);
  pop_fblock(FBlockType::ForLoop);
  visit_body(s.orelse);
  use_next_block(end);
}

void Compiler::while_stmt(const ast::Stmt& st, const ast::While& s) {
  Block* loop = new_block();
  Block* body = new_block();
  Block* anchor = new_block();
  Block* end = new_block();
  use_next_block(loop);
  push_fblock(FBlock{FBlockType::WhileLoop, loop, end});
  jump_if(*s.test, anchor, false);
  use_next_block(body);
  visit_body(s.body);
  set_loc(st.loc);
  jump_if(*s.test, body, true);
  pop_fblock(FBlockType::WhileLoop);
  use_next_block(anchor);
  visit_body(s.orelse);
  use_next_block(end);
}

void Compiler::try_stmt(const ast::Stmt& s, const ast::Try& t) {
  if (!t.finalbody.empty())
    try_finally(s, t);
  else
    try_except(s, t);
}

// compiler_try_finally
void Compiler::try_finally(const ast::Stmt& s, const ast::Try& t) {
  Block* body = new_block();
  Block* end = new_block();
  Block* exit = new_block();
  Block* cleanup = new_block();
  addop_j(SETUP_FINALLY, end);
  use_next_block(body);
  FBlock fb{FBlockType::FinallyTry, body, end};
  fb.finalbody = &t.finalbody;
  push_fblock(fb);
  if (!t.handlers.empty())
    try_except(s, t);
  else
    visit_body(t.body);
  addop_noline(POP_BLOCK);
  pop_fblock(FBlockType::FinallyTry);
  visit_body(t.finalbody);
  addop_j_noline(JUMP, exit);
  use_next_block(end);
  unset_loc();
  addop_j(SETUP_CLEANUP, cleanup);
  addop(PUSH_EXC_INFO);
  push_fblock(FBlock{FBlockType::FinallyEnd, end});
  visit_body(t.finalbody);
  pop_fblock(FBlockType::FinallyEnd);
  addop_i(RERAISE, 0);
  use_next_block(cleanup);
  pop_except_and_reraise();
  use_next_block(exit);
}

// compiler_try_except
void Compiler::try_except(const ast::Stmt&, const ast::Try& t) {
  Block* body = new_block();
  Block* except = new_block();
  Block* end = new_block();
  Block* cleanup = new_block();
  addop_j(SETUP_FINALLY, except);
  use_next_block(body);
  push_fblock(FBlock{FBlockType::TryExcept, body});
  visit_body(t.body);
  pop_fblock(FBlockType::TryExcept);
  addop_noline(POP_BLOCK);
  visit_body(t.orelse);
  addop_j_noline(JUMP, end);
  size_t n = t.handlers.size();
  use_next_block(except);
  unset_loc();
  addop_j(SETUP_CLEANUP, cleanup);
  addop(PUSH_EXC_INFO);
  push_fblock(FBlock{FBlockType::ExceptionHandler});
  for (size_t i = 0; i < n; ++i) {
    const ast::ExceptHandler& h = t.handlers[i];
    set_loc(h.loc);
    if (!h.type && i + 1 < n) error("default 'except:' must be last");
    except = new_block();
    if (h.type) {
      visit_expr(*h.type);
      addop(CHECK_EXC_MATCH);
      addop_j(POP_JUMP_IF_FALSE, except);
    }
    if (h.name) {
      Block* cleanup_end = new_block();
      Block* cleanup_body = new_block();
      nameop(*h.name, ast::Ctx::Store);
      addop_j(SETUP_CLEANUP, cleanup_end);
      use_next_block(cleanup_body);
      FBlock fb{FBlockType::HandlerCleanup, cleanup_body};
      fb.handler_name = h.name;
      push_fblock(fb);
      visit_body(h.body);
      pop_fblock(FBlockType::HandlerCleanup);
      unset_loc();
      addop(POP_BLOCK);
      addop(POP_BLOCK);
      addop(POP_EXCEPT);
      addop_load_const(Constant::none());
      nameop(*h.name, ast::Ctx::Store);
      nameop(*h.name, ast::Ctx::Del);
      addop_j(JUMP, end);
      use_next_block(cleanup_end);
      unset_loc();
      addop_load_const(Constant::none());
      nameop(*h.name, ast::Ctx::Store);
      nameop(*h.name, ast::Ctx::Del);
      addop_i(RERAISE, 1);
    } else {
      Block* cleanup_body = new_block();
      addop(POP_TOP);
      use_next_block(cleanup_body);
      push_fblock(FBlock{FBlockType::HandlerCleanup, cleanup_body});
      visit_body(h.body);
      pop_fblock(FBlockType::HandlerCleanup);
      unset_loc();
      addop(POP_BLOCK);
      addop(POP_EXCEPT);
      addop_j(JUMP, end);
    }
    use_next_block(except);
  }
  unset_loc();
  pop_fblock(FBlockType::ExceptionHandler);
  addop_i(RERAISE, 0);
  use_next_block(cleanup);
  pop_except_and_reraise();
  use_next_block(end);
}

// compiler_with_except_finish
void Compiler::with_except_finish(Block* cleanup) {
  unset_loc();
  Block* exit = new_block();
  addop_j(POP_JUMP_IF_TRUE, exit);
  addop_i(RERAISE, 2);
  use_next_block(cleanup);
  pop_except_and_reraise();
  use_next_block(exit);
  addop(POP_TOP);
  addop(POP_BLOCK);
  addop(POP_EXCEPT);
  addop(POP_TOP);
  addop(POP_TOP);
}

// compiler_with
void Compiler::with_stmt(const ast::Stmt& s, const ast::With& w, size_t pos) {
  const ast::WithItem& item = w.items[pos];
  Block* block = new_block();
  Block* final = new_block();
  Block* exit = new_block();
  Block* cleanup = new_block();
  visit_expr(*item.context_expr);
  addop(BEFORE_WITH);
  addop_j(SETUP_WITH, final);
  use_next_block(block);
  FBlock fb{FBlockType::With, block, final};
  fb.with_stmt = &s;
  push_fblock(fb);
  if (item.optional_vars)
    visit_expr(*item.optional_vars);
  else
    addop(POP_TOP);
  if (pos + 1 == w.items.size())
    visit_body(w.body);
  else
    with_stmt(s, w, pos + 1);
  unset_loc();
  addop(POP_BLOCK);
  pop_fblock(FBlockType::With);
  set_loc(s.loc);
  call_exit_with_nones();
  addop(POP_TOP);
  addop_j(JUMP, exit);
  use_next_block(final);
  addop_j(SETUP_CLEANUP, cleanup);
  addop(PUSH_EXC_INFO);
  addop(WITH_EXCEPT_START);
  with_except_finish(cleanup);
  use_next_block(exit);
}

// compiler_assert
void Compiler::assert_stmt(const ast::Assert& a) {
  Block* end = new_block();
  jump_if(*a.test, end, true);
  addop(LOAD_ASSERTION_ERROR);
  if (a.msg) {
    visit_expr(*a.msg);
    addop_i(PRECALL, 0);
    addop_i(CALL, 0);
  }
  // RAISE_VARARGS takes the current location: the statement's, or the
  // comparison's that compiler_jump_if left set.
  addop_i(RAISE_VARARGS, 1);
  use_next_block(end);
}

// compiler_import / compiler_import_as
void Compiler::import_stmt(const ast::Stmt&, const ast::Import& imp) {
  for (auto& alias : imp.names) {
    std::string top = alias.name.substr(0, alias.name.find('.'));
    if (!importable(top))
      error_at(alias.loc, "import of module '" + alias.name +
                              "' is not supported (gilsim provides threading, time, sys, "
                              "multiprocessing)");
    addop_load_const(Constant::integer(0));
    addop_load_const(Constant::none());
    addop_name(IMPORT_NAME, alias.name);
    if (alias.asname) {
      size_t dot = alias.name.find('.');
      if (dot != std::string::npos) {
        size_t pos = dot + 1;
        while (true) {
          size_t next = alias.name.find('.', pos);
          addop_name(IMPORT_FROM, alias.name.substr(pos, next == std::string::npos
                                                                 ? std::string::npos
                                                                 : next - pos));
          if (next == std::string::npos) break;
          addop_i(SWAP, 2);
          addop(POP_TOP);
          pos = next + 1;
        }
        nameop(*alias.asname, ast::Ctx::Store);
        addop(POP_TOP);
      } else {
        nameop(*alias.asname, ast::Ctx::Store);
      }
    } else {
      nameop(top, ast::Ctx::Store);
    }
  }
}

// compiler_from_import
void Compiler::import_from(const ast::Stmt& s, const ast::ImportFrom& imp) {
  std::string module = imp.module.value_or("");
  if (imp.level > 0 || !importable(module.substr(0, module.find('.'))))
    error_at(s.loc, "import from module '" + std::string(imp.level, '.') + module +
                        "' is not supported (gilsim provides threading, time, sys, "
                        "multiprocessing)");
  addop_load_const(Constant::integer(imp.level));
  std::vector<Constant> names;
  for (auto& a : imp.names) names.push_back(Constant::str(a.name));
  addop_load_const(Constant::tuple(std::move(names)));
  addop_name(IMPORT_NAME, module);
  for (size_t i = 0; i < imp.names.size(); ++i) {
    const ast::Alias& a = imp.names[i];
    if (i == 0 && a.name == "*") {
      addop(IMPORT_STAR);
      return;
    }
    addop_name(IMPORT_FROM, a.name);
    nameop(a.asname ? *a.asname : a.name, ast::Ctx::Store);
  }
  addop(POP_TOP);
}

// compiler_augassign
void Compiler::augassign(const ast::AugAssign& a) {
  const ast::Expr& e = *a.target;
  Loc saved = u_->loc;
  set_loc(e.loc);
  if (auto* attr = std::get_if<ast::Attribute>(&e.node)) {
    visit_expr(*attr->value);
    addop_i(COPY, 1);
    update_start_location_to_match_attr(e);
    addop_name(LOAD_ATTR, attr->attr);
  } else if (auto* sub = std::get_if<ast::Subscript>(&e.node)) {
    visit_expr(*sub->value);
    visit_expr(*sub->slice);
    addop_i(COPY, 2);
    addop_i(COPY, 2);
    addop(BINARY_SUBSCR);
  } else if (auto* name = std::get_if<ast::Name>(&e.node)) {
    nameop(name->id, ast::Ctx::Load);
  } else {
    error_at(e.loc, "'expression' is an illegal expression for augmented assignment");
  }
  u_->loc = saved;
  visit_expr(*a.value);
  static constexpr int kInplace[] = {
      NB_INPLACE_ADD,    NB_INPLACE_SUBTRACT, NB_INPLACE_MULTIPLY, NB_INPLACE_MATRIX_MULTIPLY,
      NB_INPLACE_TRUE_DIVIDE, NB_INPLACE_REMAINDER, NB_INPLACE_POWER, NB_INPLACE_LSHIFT,
      NB_INPLACE_RSHIFT, NB_INPLACE_OR, NB_INPLACE_XOR, NB_INPLACE_AND, NB_INPLACE_FLOOR_DIVIDE};
  addop_i(BINARY_OP, kInplace[static_cast<int>(a.op)]);
  set_loc(e.loc);
  if (auto* attr = std::get_if<ast::Attribute>(&e.node)) {
    update_start_location_to_match_attr(e);
    addop_i(SWAP, 2);
    addop_name(STORE_ATTR, attr->attr);
  } else if (std::holds_alternative<ast::Subscript>(e.node)) {
    addop_i(SWAP, 3);
    addop_i(SWAP, 2);
    addop(STORE_SUBSCR);
  } else {
    nameop(std::get<ast::Name>(e.node).id, ast::Ctx::Store);
  }
}

}  // namespace vm::detail
