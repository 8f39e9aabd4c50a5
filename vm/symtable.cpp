// Symbol table construction and scope analysis; see symtable.h.  The two
// passes follow Python/symtable.c: a visitor records DEF_* flags per block,
// then analyze() resolves scopes top-down, passing the names bound by
// enclosing functions and the known globals to each child, and bottom-up
// turning locals that children capture into cells.
#include "vm/symtable.h"

#include <set>

#include "vm/check.h"
#include "vm/diagnostic.h"

namespace vm {

using namespace symflag;
using NameSet = std::set<std::string>;

std::string mangle(const std::string& class_name, const std::string& name) {
  if (class_name.empty() || name.size() < 2 || name[0] != '_' || name[1] != '_') return name;
  // Don't mangle __dunder__ names or dotted (import) names.
  if ((name.size() >= 2 && name[name.size() - 1] == '_' && name[name.size() - 2] == '_') ||
      name.find('.') != std::string::npos)
    return name;
  size_t i = 0;
  while (i < class_name.size() && class_name[i] == '_') ++i;
  if (i == class_name.size()) return name;
  return "_" + class_name.substr(i) + name;
}

class SymtableBuilder {
 public:
  SymtableBuilder(SymbolTable& t, std::string filename) : t_(t), filename_(std::move(filename)) {}

  void build(const ast::Module& mod) {
    enter(BlockType::Module, "top", &mod, 0);
    t_.top_ = cur_;
    for (auto& s : mod.body) visit_stmt(*s);
    exit();
  }

  void analyze() {
    NameSet free, global;
    analyze_block(t_.top_, nullptr, free, global);
  }

 private:
  SymbolTable& t_;
  std::string filename_;
  SymbolTableEntry* cur_ = nullptr;
  std::vector<SymbolTableEntry*> stack_;
  std::vector<std::string> private_;  // enclosing class names, for mangling

  [[noreturn]] void error(const ast::Loc& loc, const std::string& msg) {
    throw CompileError(Diagnostic{filename_, loc.line, loc.col + 1, msg});
  }

  void enter(BlockType type, std::string name, const void* key, int lineno) {
    auto e = std::make_unique<SymbolTableEntry>();
    e->type = type;
    e->name = std::move(name);
    e->key = key;
    e->lineno = lineno;
    SymbolTableEntry* prev = cur_;
    if (prev && (prev->nested || prev->type == BlockType::Function)) e->nested = true;
    SymbolTableEntry* raw = e.get();
    t_.entries_.push_back(std::move(e));
    t_.by_key_[key] = raw;
    if (prev) prev->children.push_back(raw);
    stack_.push_back(raw);
    cur_ = raw;
  }

  void exit() {
    stack_.pop_back();
    cur_ = stack_.empty() ? nullptr : stack_.back();
  }

  std::string mangled(const std::string& name) const {
    return private_.empty() ? name : mangle(private_.back(), name);
  }

  void add_def(const std::string& raw_name, int flag, const ast::Loc& loc) {
    std::string name = mangled(raw_name);
    int& val = cur_->flags[name];
    if ((flag & DEF_PARAM) && (val & DEF_PARAM))
      error(loc, "duplicate argument '" + name + "' in function definition");
    val |= flag;
    if (flag & DEF_PARAM) {
      cur_->varnames.push_back(name);
    } else if (flag & DEF_GLOBAL) {
      // CPython records the declaration in the module's own symbols too.
      t_.top_->flags[name] |= flag;
    }
  }

  void visit_args(const ast::Arguments& a) {
    for (auto& p : a.posonlyargs) add_def(p.name, DEF_PARAM, p.loc);
    for (auto& p : a.args) add_def(p.name, DEF_PARAM, p.loc);
    for (auto& p : a.kwonlyargs) add_def(p.name, DEF_PARAM, p.loc);
    if (a.vararg) {
      add_def(a.vararg->name, DEF_PARAM, a.vararg->loc);
      cur_->varargs = true;
    }
    if (a.kwarg) {
      add_def(a.kwarg->name, DEF_PARAM, a.kwarg->loc);
      cur_->varkeywords = true;
    }
  }

  void visit_defaults(const ast::Arguments& a) {
    for (auto& d : a.defaults) visit_expr(*d);
    for (auto& d : a.kw_defaults)
      if (d) visit_expr(*d);
  }

  void visit_annotations(const ast::Arguments& a, const ast::Expr* returns) {
    auto ann = [&](const std::vector<ast::Arg>& v) {
      for (auto& p : v)
        if (p.annotation) visit_expr(*p.annotation);
    };
    ann(a.posonlyargs);
    ann(a.args);
    if (a.vararg && a.vararg->annotation) visit_expr(*a.vararg->annotation);
    if (a.kwarg && a.kwarg->annotation) visit_expr(*a.kwarg->annotation);
    ann(a.kwonlyargs);
    if (returns) visit_expr(*returns);
  }

  void visit_body(const ast::StmtList& body) {
    for (auto& s : body) visit_stmt(*s);
  }

  void visit_stmt(const ast::Stmt& s) {
    std::visit([&](auto& n) { stmt(s, n); }, s.node);
  }

  void stmt(const ast::Stmt& s, const ast::FunctionDef& n) {
    add_def(n.name, DEF_LOCAL, s.loc);
    visit_defaults(*n.args);
    visit_annotations(*n.args, n.returns.get());
    for (auto& d : n.decorator_list) visit_expr(*d);
    enter(BlockType::Function, n.name, &s, s.loc.line);
    visit_args(*n.args);
    visit_body(n.body);
    exit();
  }
  void stmt(const ast::Stmt& s, const ast::ClassDef& n) {
    add_def(n.name, DEF_LOCAL, s.loc);
    for (auto& b : n.bases) visit_expr(*b);
    for (auto& k : n.keywords) visit_expr(*k.value);
    for (auto& d : n.decorator_list) visit_expr(*d);
    enter(BlockType::Class, n.name, &s, s.loc.line);
    private_.push_back(n.name);
    visit_body(n.body);
    private_.pop_back();
    exit();
  }
  void stmt(const ast::Stmt&, const ast::Return& n) {
    if (n.value) visit_expr(*n.value);
  }
  void stmt(const ast::Stmt&, const ast::Delete& n) {
    for (auto& t : n.targets) visit_expr(*t);
  }
  void stmt(const ast::Stmt&, const ast::Assign& n) {
    for (auto& t : n.targets) visit_expr(*t);
    visit_expr(*n.value);
  }
  void stmt(const ast::Stmt&, const ast::AugAssign& n) {
    visit_expr(*n.target);
    visit_expr(*n.value);
  }
  void stmt(const ast::Stmt&, const ast::AnnAssign& n) {
    visit_expr(*n.target);
    visit_expr(*n.annotation);
    if (n.value) visit_expr(*n.value);
  }
  void stmt(const ast::Stmt&, const ast::For& n) {
    visit_expr(*n.target);
    visit_expr(*n.iter);
    visit_body(n.body);
    visit_body(n.orelse);
  }
  void stmt(const ast::Stmt&, const ast::While& n) {
    visit_expr(*n.test);
    visit_body(n.body);
    visit_body(n.orelse);
  }
  void stmt(const ast::Stmt&, const ast::If& n) {
    visit_expr(*n.test);
    visit_body(n.body);
    visit_body(n.orelse);
  }
  void stmt(const ast::Stmt&, const ast::With& n) {
    for (auto& item : n.items) {
      visit_expr(*item.context_expr);
      if (item.optional_vars) visit_expr(*item.optional_vars);
    }
    visit_body(n.body);
  }
  void stmt(const ast::Stmt&, const ast::Raise& n) {
    if (n.exc) {
      visit_expr(*n.exc);
      if (n.cause) visit_expr(*n.cause);
    }
  }
  void stmt(const ast::Stmt&, const ast::Try& n) {
    visit_body(n.body);
    visit_body(n.orelse);
    for (auto& h : n.handlers) {
      if (h.type) visit_expr(*h.type);
      if (h.name) add_def(*h.name, DEF_LOCAL, h.loc);
      visit_body(h.body);
    }
    visit_body(n.finalbody);
  }
  void stmt(const ast::Stmt&, const ast::Assert& n) {
    visit_expr(*n.test);
    if (n.msg) visit_expr(*n.msg);
  }
  void visit_alias(const ast::Alias& a, const ast::Loc& stmt_loc) {
    std::string store = a.asname ? *a.asname : a.name.substr(0, a.name.find('.'));
    if (store == "*") {
      if (cur_->type != BlockType::Module)
        error(stmt_loc, "import * only allowed at module level");
      return;
    }
    add_def(store, DEF_IMPORT, a.loc);
  }
  void stmt(const ast::Stmt& s, const ast::Import& n) {
    for (auto& a : n.names) visit_alias(a, s.loc);
  }
  void stmt(const ast::Stmt& s, const ast::ImportFrom& n) {
    for (auto& a : n.names) visit_alias(a, s.loc);
  }
  void stmt(const ast::Stmt& s, const ast::Global& n) {
    for (auto& name : n.names) {
      int cur = cur_->flags_of(mangled(name));
      if (cur & (DEF_PARAM | DEF_LOCAL | USE | DEF_ANNOT)) {
        std::string msg;
        if (cur & DEF_PARAM)
          msg = "name '" + name + "' is parameter and global";
        else if (cur & USE)
          msg = "name '" + name + "' is used prior to global declaration";
        else if (cur & DEF_ANNOT)
          msg = "annotated name '" + name + "' can't be global";
        else
          msg = "name '" + name + "' is assigned to before global declaration";
        error(s.loc, msg);
      }
      add_def(name, DEF_GLOBAL, s.loc);
      cur_->directives.emplace(mangled(name), s.loc);
    }
  }
  void stmt(const ast::Stmt& s, const ast::Nonlocal& n) {
    for (auto& name : n.names) {
      int cur = cur_->flags_of(mangled(name));
      if (cur & (DEF_PARAM | DEF_LOCAL | USE | DEF_ANNOT)) {
        std::string msg;
        if (cur & DEF_PARAM)
          msg = "name '" + name + "' is parameter and nonlocal";
        else if (cur & USE)
          msg = "name '" + name + "' is used prior to nonlocal declaration";
        else if (cur & DEF_ANNOT)
          msg = "annotated name '" + name + "' can't be nonlocal";
        else
          msg = "name '" + name + "' is assigned to before nonlocal declaration";
        error(s.loc, msg);
      }
      add_def(name, DEF_NONLOCAL, s.loc);
      cur_->directives.emplace(mangled(name), s.loc);
    }
  }
  void stmt(const ast::Stmt&, const ast::ExprStmt& n) { visit_expr(*n.value); }
  void stmt(const ast::Stmt&, const ast::Pass&) {}
  void stmt(const ast::Stmt&, const ast::Break&) {}
  void stmt(const ast::Stmt&, const ast::Continue&) {}
  void stmt(const ast::Stmt&, const ast::Match&) {}

  void visit_expr(const ast::Expr& e) {
    std::visit([&](auto& n) { expr(e, n); }, e.node);
  }
  void visit_exprs(const ast::ExprList& v) {
    for (auto& x : v)
      if (x) visit_expr(*x);
  }

  void expr(const ast::Expr&, const ast::BoolOp& n) { visit_exprs(n.values); }
  void expr(const ast::Expr&, const ast::NamedExpr& n) {
    visit_expr(*n.value);
    visit_expr(*n.target);
  }
  void expr(const ast::Expr&, const ast::BinOp& n) {
    visit_expr(*n.left);
    visit_expr(*n.right);
  }
  void expr(const ast::Expr&, const ast::UnaryOp& n) { visit_expr(*n.operand); }
  void expr(const ast::Expr& e, const ast::Lambda& n) {
    visit_defaults(*n.args);
    enter(BlockType::Function, "lambda", &e, e.loc.line);
    visit_args(*n.args);
    visit_expr(*n.body);
    exit();
  }
  void expr(const ast::Expr&, const ast::IfExp& n) {
    visit_expr(*n.test);
    visit_expr(*n.body);
    visit_expr(*n.orelse);
  }
  void expr(const ast::Expr&, const ast::Dict& n) {
    visit_exprs(n.keys);
    visit_exprs(n.values);
  }
  void expr(const ast::Expr&, const ast::Set& n) { visit_exprs(n.elts); }
  void comprehension(const ast::Expr& e, const std::string& name,
                     const std::vector<ast::Comprehension>& gens, const ast::Expr* elt,
                     const ast::Expr* value, bool is_generator) {
    const ast::Comprehension& outer = gens[0];
    visit_expr(*outer.iter);  // evaluated in the enclosing scope
    enter(BlockType::Function, name, &e, e.loc.line);
    cur_->comprehension = true;
    if (is_generator) cur_->generator = true;
    add_def(".0", DEF_PARAM, e.loc);
    visit_comp_target(*outer.target);
    visit_exprs(outer.ifs);
    for (size_t i = 1; i < gens.size(); ++i) {
      visit_comp_target(*gens[i].target);
      visit_expr(*gens[i].iter);
      visit_exprs(gens[i].ifs);
    }
    if (value) visit_expr(*value);
    visit_expr(*elt);
    exit();
  }
  void visit_comp_target(const ast::Expr& t) { visit_expr(t); }
  void expr(const ast::Expr& e, const ast::ListComp& n) {
    comprehension(e, "listcomp", n.generators, n.elt.get(), nullptr, false);
  }
  void expr(const ast::Expr& e, const ast::SetComp& n) {
    comprehension(e, "setcomp", n.generators, n.elt.get(), nullptr, false);
  }
  void expr(const ast::Expr& e, const ast::DictComp& n) {
    comprehension(e, "dictcomp", n.generators, n.key.get(), n.value.get(), false);
  }
  void expr(const ast::Expr& e, const ast::GeneratorExp& n) {
    comprehension(e, "genexpr", n.generators, n.elt.get(), nullptr, true);
  }
  void expr(const ast::Expr&, const ast::Await& n) { visit_expr(*n.value); }
  void expr(const ast::Expr&, const ast::Yield& n) {
    if (n.value) visit_expr(*n.value);
    cur_->generator = true;
  }
  void expr(const ast::Expr&, const ast::YieldFrom& n) {
    visit_expr(*n.value);
    cur_->generator = true;
  }
  void expr(const ast::Expr&, const ast::Compare& n) {
    visit_expr(*n.left);
    visit_exprs(n.comparators);
  }
  void expr(const ast::Expr&, const ast::Call& n) {
    visit_expr(*n.func);
    visit_exprs(n.args);
    for (auto& k : n.keywords) visit_expr(*k.value);
  }
  void expr(const ast::Expr&, const ast::FormattedValue& n) {
    visit_expr(*n.value);
    if (n.format_spec) visit_expr(*n.format_spec);
  }
  void expr(const ast::Expr&, const ast::JoinedStr& n) { visit_exprs(n.values); }
  void expr(const ast::Expr&, const ast::ConstantExpr&) {}
  void expr(const ast::Expr&, const ast::Attribute& n) { visit_expr(*n.value); }
  void expr(const ast::Expr&, const ast::Subscript& n) {
    visit_expr(*n.value);
    visit_expr(*n.slice);
  }
  void expr(const ast::Expr&, const ast::Starred& n) { visit_expr(*n.value); }
  void expr(const ast::Expr& e, const ast::Name& n) {
    add_def(n.id, n.ctx == ast::Ctx::Load ? USE : DEF_LOCAL, e.loc);
    // Special-case super: it counts as a use of __class__.
    if (n.ctx == ast::Ctx::Load && cur_->type == BlockType::Function && n.id == "super")
      add_def("__class__", USE, e.loc);
  }
  void expr(const ast::Expr&, const ast::List& n) { visit_exprs(n.elts); }
  void expr(const ast::Expr&, const ast::Tuple& n) { visit_exprs(n.elts); }
  void expr(const ast::Expr&, const ast::Slice& n) {
    if (n.lower) visit_expr(*n.lower);
    if (n.upper) visit_expr(*n.upper);
    if (n.step) visit_expr(*n.step);
  }

  // ---- analysis (symtable.c: analyze_block and friends) ----

  void analyze_name(SymbolTableEntry* ste, const std::string& name, int flags, const NameSet* bound,
                    NameSet& local, NameSet& free, NameSet& global) {
    auto fail = [&](const std::string& msg) {
      auto it = ste->directives.find(name);
      ast::Loc loc = it != ste->directives.end() ? it->second : ast::Loc{ste->lineno, 0, 0, 0};
      throw CompileError(Diagnostic{filename_, loc.line, loc.col + 1, msg});
    };
    if (flags & DEF_GLOBAL) {
      if (flags & DEF_NONLOCAL) fail("name '" + name + "' is nonlocal and global");
      ste->scopes[name] = Scope::GlobalExplicit;
      global.insert(name);
      return;
    }
    if (flags & DEF_NONLOCAL) {
      if (!bound) fail("nonlocal declaration not allowed at module level");
      if (!bound->count(name)) fail("no binding for nonlocal '" + name + "' found");
      ste->scopes[name] = Scope::Free;
      ste->has_free = true;
      free.insert(name);
      return;
    }
    if (flags & DEF_BOUND) {
      ste->scopes[name] = Scope::Local;
      local.insert(name);
      global.erase(name);
      return;
    }
    if (bound && bound->count(name)) {
      ste->scopes[name] = Scope::Free;
      ste->has_free = true;
      free.insert(name);
      return;
    }
    if (global.count(name)) {
      ste->scopes[name] = Scope::GlobalImplicit;
      return;
    }
    if (ste->nested) ste->has_free = true;
    ste->scopes[name] = Scope::GlobalImplicit;
  }

  void analyze_block(SymbolTableEntry* ste, const NameSet* bound, NameSet& free, NameSet& global) {
    NameSet local, newbound, newglobal, newfree, allfree;
    if (ste->type == BlockType::Class) {
      newglobal.insert(global.begin(), global.end());
      if (bound) newbound.insert(bound->begin(), bound->end());
    }
    for (auto& [name, flags] : ste->flags) analyze_name(ste, name, flags, bound, local, free, global);
    if (ste->type != BlockType::Class) {
      if (ste->type == BlockType::Function) newbound.insert(local.begin(), local.end());
      if (bound) newbound.insert(bound->begin(), bound->end());
      newglobal.insert(global.begin(), global.end());
    } else {
      newbound.insert("__class__");
    }
    for (SymbolTableEntry* child : ste->children) {
      // Each child gets copies so siblings do not see each other's effects.
      NameSet child_free;
      NameSet child_global = newglobal;
      analyze_block(child, &newbound, child_free, child_global);
      allfree.insert(child_free.begin(), child_free.end());
      if (child->has_free || child->child_free) ste->child_free = true;
    }
    newfree.insert(allfree.begin(), allfree.end());
    if (ste->type == BlockType::Function) {
      // Locals captured by children become cells.
      for (auto& [name, scope] : ste->scopes) {
        if (scope == Scope::Local && newfree.count(name)) {
          scope = Scope::Cell;
          newfree.erase(name);
        }
      }
    } else if (ste->type == BlockType::Class) {
      if (newfree.erase("__class__")) ste->needs_class_closure = true;
    }
    // update_symbols: record free variables of children that pass through.
    for (const std::string& name : newfree) {
      auto it = ste->flags.find(name);
      if (it != ste->flags.end()) {
        if (ste->type == BlockType::Class && (it->second & (DEF_BOUND | DEF_GLOBAL)))
          it->second |= DEF_FREE_CLASS;
        continue;  // a cell, or already free here
      }
      if (bound && !bound->count(name)) continue;  // a global
      ste->flags[name] = DEF_FREE;
      ste->scopes[name] = Scope::Free;
    }
    free.insert(newfree.begin(), newfree.end());
  }
};

std::unique_ptr<SymbolTable> SymbolTable::build(const ast::Module& mod, const std::string& filename) {
  auto t = std::make_unique<SymbolTable>();
  SymtableBuilder b(*t, filename);
  b.build(mod);
  b.analyze();
  return t;
}

SymbolTableEntry* SymbolTable::lookup(const void* key) const {
  auto it = by_key_.find(key);
  GILSIM_ASSERT(it != by_key_.end(), "no symbol table entry for an AST node");
  return it->second;
}

}  // namespace vm
