// Code generation for expressions (Python/compile.c of CPython 3.11:
// compiler_visit_expr1, compiler_nameop, compiler_jump_if, compiler_call and
// its helpers, starunpack_helper, compiler_dict, comprehensions, f-strings).
#include "vm/check.h"
#include "vm/compiler_impl.h"
#include "vm/diagnostic.h"

namespace vm::detail {

namespace {

constexpr size_t kStackUseGuideline = 30;

template <class... Ts>
struct overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
overloaded(Ts...) -> overloaded<Ts...>;

bool is_starred(const ast::Expr& e) { return std::holds_alternative<ast::Starred>(e.node); }
bool is_const(const ast::Expr* e) {
  return e && std::holds_alternative<ast::ConstantExpr>(e->node);
}
const Constant& const_of(const ast::Expr& e) {
  return std::get<ast::ConstantExpr>(e.node).value;
}

int binary_oparg(ast::BinOpKind op) {
  static constexpr int kOps[] = {NB_ADD,    NB_SUBTRACT, NB_MULTIPLY, NB_MATRIX_MULTIPLY,
                                 NB_TRUE_DIVIDE, NB_REMAINDER, NB_POWER, NB_LSHIFT,
                                 NB_RSHIFT, NB_OR,       NB_XOR,      NB_AND,
                                 NB_FLOOR_DIVIDE};
  return kOps[static_cast<int>(op)];
}

int unary_opcode(ast::UnaryOpKind op) {
  switch (op) {
    case ast::UnaryOpKind::Invert: return UNARY_INVERT;
    case ast::UnaryOpKind::Not: return UNARY_NOT;
    case ast::UnaryOpKind::UAdd: return UNARY_POSITIVE;
    case ast::UnaryOpKind::USub: return UNARY_NEGATIVE;
  }
  return NOP;
}

}  // namespace

void Compiler::visit_expr(const ast::Expr& e) {
  Loc saved = u_->loc;
  set_loc(e.loc);
  visit_expr1(e);
  u_->loc = saved;
}

void Compiler::visit_expr1(const ast::Expr& e) {
  std::visit(
      overloaded{
          [&](const ast::BoolOp& b) { boolop(b); },
          [&](const ast::NamedExpr&) { unsupported(e.loc, "the walrus operator (:=)"); },
          [&](const ast::BinOp& b) {
            visit_expr(*b.left);
            visit_expr(*b.right);
            addop_i(BINARY_OP, binary_oparg(b.op));
          },
          [&](const ast::UnaryOp& u) {
            visit_expr(*u.operand);
            addop(unary_opcode(u.op));
          },
          [&](const ast::Lambda& l) { lambda(e, l); },
          [&](const ast::IfExp& i) { ifexp(i); },
          [&](const ast::Dict& d) { dict(d); },
          [&](const ast::Set&) { unsupported(e.loc, "a set display"); },
          [&](const ast::ListComp& c) {
            comprehension(e, "<listcomp>", c.generators, c.elt.get(), nullptr, BUILD_LIST,
                          LIST_APPEND);
          },
          [&](const ast::SetComp&) { unsupported(e.loc, "a set comprehension"); },
          [&](const ast::DictComp& c) {
            comprehension(e, "<dictcomp>", c.generators, c.key.get(), c.value.get(), BUILD_MAP,
                          MAP_ADD);
          },
          [&](const ast::GeneratorExp&) { unsupported(e.loc, "a generator expression"); },
          [&](const ast::Await&) { unsupported(e.loc, "await"); },
          [&](const ast::Yield&) { unsupported(e.loc, "yield"); },
          [&](const ast::YieldFrom&) { unsupported(e.loc, "yield from"); },
          [&](const ast::Compare& c) { compare(e, c); },
          [&](const ast::Call& c) { call(e, c); },
          [&](const ast::FormattedValue& f) { formatted_value(f); },
          [&](const ast::JoinedStr& j) { joined_str(j); },
          [&](const ast::ConstantExpr& c) {
            if (c.value.kind == Constant::Kind::Bytes) unsupported(e.loc, "a bytes literal");
            addop_load_const(c.value);
          },
          [&](const ast::Attribute& a) {
            visit_expr(*a.value);
            update_start_location_to_match_attr(e);
            switch (a.ctx) {
              case ast::Ctx::Load: addop_name(LOAD_ATTR, a.attr); break;
              case ast::Ctx::Store: addop_name(STORE_ATTR, a.attr); break;
              case ast::Ctx::Del: addop_name(DELETE_ATTR, a.attr); break;
            }
          },
          [&](const ast::Subscript& s) {
            visit_expr(*s.value);
            visit_expr(*s.slice);
            switch (s.ctx) {
              case ast::Ctx::Load: addop(BINARY_SUBSCR); break;
              case ast::Ctx::Store: addop(STORE_SUBSCR); break;
              case ast::Ctx::Del: addop(DELETE_SUBSCR); break;
            }
          },
          [&](const ast::Starred& s) {
            if (s.ctx == ast::Ctx::Store)
              error("starred assignment target must be in a list or tuple");
            error("can't use starred expression here");
          },
          [&](const ast::Name& n) { nameop(n.id, n.ctx); },
          [&](const ast::List& l) {
            if (l.ctx == ast::Ctx::Store)
              assignment_helper(l.elts);
            else if (l.ctx == ast::Ctx::Load)
              starunpack_helper(l.elts, 0, BUILD_LIST, LIST_APPEND, LIST_EXTEND, false);
            else
              for (auto& x : l.elts) visit_expr(*x);
          },
          [&](const ast::Tuple& t) {
            if (t.ctx == ast::Ctx::Store)
              assignment_helper(t.elts);
            else if (t.ctx == ast::Ctx::Load)
              starunpack_helper(t.elts, 0, BUILD_LIST, LIST_APPEND, LIST_EXTEND, true);
            else
              for (auto& x : t.elts) visit_expr(*x);
          },
          [&](const ast::Slice& s) {
            int n = 2;
            if (s.lower) visit_expr(*s.lower); else addop_load_const(Constant::none());
            if (s.upper) visit_expr(*s.upper); else addop_load_const(Constant::none());
            if (s.step) {
              ++n;
              visit_expr(*s.step);
            }
            addop_i(BUILD_SLICE, n);
          },
      },
      e.node);
}

// compiler_nameop
void Compiler::nameop(const std::string& name, ast::Ctx ctx) {
  if (name == "__debug__") {
    if (ctx == ast::Ctx::Store) error("cannot assign to __debug__");
    if (ctx == ast::Ctx::Del) error("cannot delete __debug__");
  }
  std::string m = mangle(u_->private_name, name);
  enum { FAST, GLOBAL, DEREF, NAME } optype = NAME;
  Scope scope = u_->ste->scope_of(m);
  bool function_block = u_->ste->type == BlockType::Function;
  const std::map<std::string, int>* deref_dict = nullptr;
  switch (scope) {
    case Scope::Free: deref_dict = &u_->freevars_index; optype = DEREF; break;
    case Scope::Cell: deref_dict = &u_->cellvars_index; optype = DEREF; break;
    case Scope::Local: if (function_block) optype = FAST; break;
    case Scope::GlobalImplicit: if (function_block) optype = GLOBAL; break;
    case Scope::GlobalExplicit: optype = GLOBAL; break;
    case Scope::None: break;
  }
  switch (optype) {
    case DEREF: {
      int op = ctx == ast::Ctx::Load
                   ? (u_->ste->type == BlockType::Class ? LOAD_CLASSDEREF : LOAD_DEREF)
                   : ctx == ast::Ctx::Store ? STORE_DEREF : DELETE_DEREF;
      auto it = deref_dict->find(m);
      GILSIM_ASSERT(it != deref_dict->end(), "cell or free variable without a slot");
      addop_i(op, it->second);
      return;
    }
    case FAST: {
      int op = ctx == ast::Ctx::Load ? LOAD_FAST : ctx == ast::Ctx::Store ? STORE_FAST : DELETE_FAST;
      auto it = u_->varnames_index.find(m);
      int idx;
      if (it == u_->varnames_index.end()) {
        idx = static_cast<int>(u_->varnames.size());
        u_->varnames.push_back(m);
        u_->varnames_index[m] = idx;
      } else {
        idx = it->second;
      }
      addop_i(op, idx);
      return;
    }
    case GLOBAL: {
      int op = ctx == ast::Ctx::Load ? LOAD_GLOBAL
               : ctx == ast::Ctx::Store ? STORE_GLOBAL : DELETE_GLOBAL;
      int arg = add_name(m);
      if (op == LOAD_GLOBAL) arg <<= 1;
      addop_i(op, arg);
      return;
    }
    case NAME: {
      int op = ctx == ast::Ctx::Load ? LOAD_NAME : ctx == ast::Ctx::Store ? STORE_NAME : DELETE_NAME;
      addop_i(op, add_name(m));
      return;
    }
  }
}

// compiler_jump_if
void Compiler::jump_if(const ast::Expr& e, Block* next, bool cond) {
  if (auto* u = std::get_if<ast::UnaryOp>(&e.node); u && u->op == ast::UnaryOpKind::Not) {
    jump_if(*u->operand, next, !cond);
    return;
  }
  if (auto* b = std::get_if<ast::BoolOp>(&e.node)) {
    size_t n = b->values.size() - 1;
    bool cond2 = b->op == ast::BoolOpKind::Or;
    Block* next2 = next;
    if (cond2 != cond) next2 = new_block();
    for (size_t i = 0; i < n; ++i) jump_if(*b->values[i], next2, cond2);
    jump_if(*b->values[n], next, cond);
    if (next2 != next) use_next_block(next2);
    return;
  }
  if (auto* ie = std::get_if<ast::IfExp>(&e.node)) {
    Block* end = new_block();
    Block* next2 = new_block();
    jump_if(*ie->test, next2, false);
    jump_if(*ie->body, next, cond);
    addop_j_noline(JUMP, end);
    use_next_block(next2);
    jump_if(*ie->orelse, next, cond);
    use_next_block(end);
    return;
  }
  auto* c = std::get_if<ast::Compare>(&e.node);
  // CPython 3.11 does SET_LOC(c, e) on entering the Compare case, before it
  // checks for a chain, and never restores it: the jump after a single
  // comparison, and whatever the enclosing statement emits next, carry the
  // comparison's location.
  if (c) set_loc(e.loc);
  if (c && c->ops.size() > 1) {
    size_t n = c->ops.size() - 1;
    Block* cleanup = new_block();
    visit_expr(*c->left);
    for (size_t i = 0; i < n; ++i) {
      visit_expr(*c->comparators[i]);
      addop_i(SWAP, 2);
      addop_i(COPY, 2);
      add_compare(c->ops[i]);
      addop_j(POP_JUMP_IF_FALSE, cleanup);
    }
    visit_expr(*c->comparators[n]);
    add_compare(c->ops[n]);
    addop_j(cond ? POP_JUMP_IF_TRUE : POP_JUMP_IF_FALSE, next);
    Block* end = new_block();
    addop_j_noline(JUMP, end);
    use_next_block(cleanup);
    addop(POP_TOP);
    if (!cond) addop_j_noline(JUMP, next);
    use_next_block(end);
    return;
  }
  visit_expr(e);
  addop_j(cond ? POP_JUMP_IF_TRUE : POP_JUMP_IF_FALSE, next);
}

// compiler_boolop
void Compiler::boolop(const ast::BoolOp& b) {
  int jumpi = b.op == ast::BoolOpKind::And ? JUMP_IF_FALSE_OR_POP : JUMP_IF_TRUE_OR_POP;
  Block* end = new_block();
  size_t n = b.values.size() - 1;
  for (size_t i = 0; i < n; ++i) {
    visit_expr(*b.values[i]);
    addop_j(jumpi, end);
    use_next_block(new_block());
  }
  visit_expr(*b.values[n]);
  use_next_block(end);
}

void Compiler::add_compare(ast::CmpOpKind op) {
  switch (op) {
    case ast::CmpOpKind::Eq: addop_i(COMPARE_OP, CMP_EQ); break;
    case ast::CmpOpKind::NotEq: addop_i(COMPARE_OP, CMP_NE); break;
    case ast::CmpOpKind::Lt: addop_i(COMPARE_OP, CMP_LT); break;
    case ast::CmpOpKind::LtE: addop_i(COMPARE_OP, CMP_LE); break;
    case ast::CmpOpKind::Gt: addop_i(COMPARE_OP, CMP_GT); break;
    case ast::CmpOpKind::GtE: addop_i(COMPARE_OP, CMP_GE); break;
    case ast::CmpOpKind::Is: addop_i(IS_OP, 0); break;
    case ast::CmpOpKind::IsNot: addop_i(IS_OP, 1); break;
    case ast::CmpOpKind::In: addop_i(CONTAINS_OP, 0); break;
    case ast::CmpOpKind::NotIn: addop_i(CONTAINS_OP, 1); break;
  }
}

// compiler_compare
void Compiler::compare(const ast::Expr&, const ast::Compare& c) {
  visit_expr(*c.left);
  size_t n = c.ops.size() - 1;
  if (n == 0) {
    visit_expr(*c.comparators[0]);
    add_compare(c.ops[0]);
    return;
  }
  Block* cleanup = new_block();
  for (size_t i = 0; i < n; ++i) {
    visit_expr(*c.comparators[i]);
    addop_i(SWAP, 2);
    addop_i(COPY, 2);
    add_compare(c.ops[i]);
    addop_j(JUMP_IF_FALSE_OR_POP, cleanup);
  }
  visit_expr(*c.comparators[n]);
  add_compare(c.ops[n]);
  Block* end = new_block();
  addop_j_noline(JUMP, end);
  use_next_block(cleanup);
  addop_i(SWAP, 2);
  addop(POP_TOP);
  use_next_block(end);
}

bool Compiler::is_import_originated(const ast::Expr& e) const {
  auto* n = std::get_if<ast::Name>(&e.node);
  if (!n) return false;
  return (st_.top()->flags_of(n->id) & symflag::DEF_IMPORT) != 0;
}

// update_start_location_to_match_attr: a multi-line attribute access takes
// the line of the attribute name.
void Compiler::update_start_location_to_match_attr(const ast::Expr& attr) {
  const auto& a = std::get<ast::Attribute>(attr.node);
  if (u_->loc.line != attr.loc.end_line) {
    u_->loc.line = attr.loc.end_line;
    int len = static_cast<int>(a.attr.size());
    if (len <= attr.loc.end_col) {
      u_->loc.col = attr.loc.end_col - len;
    } else {
      u_->loc.col = -1;
      u_->loc.end_col = -1;
    }
    u_->loc.end_line = std::max(u_->loc.line, u_->loc.end_line);
    if (u_->loc.line == u_->loc.end_line) u_->loc.end_col = std::max(u_->loc.col, u_->loc.end_col);
  }
}

// maybe_optimize_method_call
bool Compiler::maybe_optimize_method_call(const ast::Expr& e, const ast::Call& c) {
  const ast::Expr& meth = *c.func;
  auto* attr = std::get_if<ast::Attribute>(&meth.node);
  if (!attr || attr->ctx != ast::Ctx::Load) return false;
  if (is_import_originated(*attr->value)) return false;
  size_t argsl = c.args.size(), kwdsl = c.keywords.size();
  if (argsl + kwdsl + (kwdsl != 0) >= kStackUseGuideline) return false;
  for (auto& a : c.args)
    if (is_starred(*a)) return false;
  for (auto& k : c.keywords)
    if (!k.arg) return false;
  visit_expr(*attr->value);
  set_loc(meth.loc);
  update_start_location_to_match_attr(meth);
  addop_name(LOAD_METHOD, attr->attr);
  for (auto& a : c.args) visit_expr(*a);
  if (kwdsl) {
    for (auto& k : c.keywords) visit_expr(*k.value);
    call_simple_kw_helper(c.keywords);
  }
  set_loc(e.loc);
  update_start_location_to_match_attr(meth);
  addop_i(PRECALL, static_cast<int>(argsl + kwdsl));
  addop_i(CALL, static_cast<int>(argsl + kwdsl));
  return true;
}

namespace {
void validate_keywords(Compiler& c, const std::vector<ast::Keyword>& kws) {
  for (size_t i = 0; i < kws.size(); ++i) {
    if (!kws[i].arg) continue;
    if (*kws[i].arg == "__debug__") c.error_at(kws[i].loc, "cannot assign to __debug__");
    for (size_t j = i + 1; j < kws.size(); ++j)
      if (kws[j].arg && *kws[j].arg == *kws[i].arg)
        c.error_at(kws[j].loc, "keyword argument repeated: " + *kws[i].arg);
  }
}
}  // namespace

// compiler_call
void Compiler::call(const ast::Expr& e, const ast::Call& c) {
  validate_keywords(*this, c.keywords);
  if (maybe_optimize_method_call(e, c)) return;
  set_loc(c.func->loc);
  addop(PUSH_NULL);
  set_loc(e.loc);
  visit_expr(*c.func);
  call_helper(0, c.args, c.keywords);
}

// compiler_call_simple_kw_helper: KW_NAMES with a tuple of the names.
void Compiler::call_simple_kw_helper(const std::vector<ast::Keyword>& kws) {
  std::vector<Constant> names;
  for (auto& k : kws) names.push_back(Constant::str(*k.arg));
  addop_i(KW_NAMES, add_const(Constant::tuple(std::move(names))));
}

// compiler_subkwargs
void Compiler::subkwargs(const std::vector<ast::Keyword>& kws, size_t begin, size_t end) {
  size_t n = end - begin;
  bool big = n * 2 > kStackUseGuideline;
  if (n > 1 && !big) {
    for (size_t i = begin; i < end; ++i) visit_expr(*kws[i].value);
    std::vector<Constant> keys;
    for (size_t i = begin; i < end; ++i) keys.push_back(Constant::str(*kws[i].arg));
    addop_load_const(Constant::tuple(std::move(keys)));
    addop_i(BUILD_CONST_KEY_MAP, static_cast<int>(n));
    return;
  }
  if (big) {
    Instr& in = addop_i(BUILD_MAP, 0);
    in.loc = Position{-1, 0, 0, 0};
  }
  for (size_t i = begin; i < end; ++i) {
    addop_load_const(Constant::str(*kws[i].arg));
    visit_expr(*kws[i].value);
    if (big) {
      Instr& in = addop_i(MAP_ADD, 1);
      in.loc = Position{-1, 0, 0, 0};
    }
  }
  if (!big) addop_i(BUILD_MAP, static_cast<int>(n));
}

// compiler_call_helper
void Compiler::call_helper(int n, const ast::ExprList& args, const std::vector<ast::Keyword>& kws) {
  validate_keywords(*this, kws);
  size_t nelts = args.size(), nkwelts = kws.size();
  bool ex_call = nelts + nkwelts * 2 > kStackUseGuideline;
  for (auto& a : args)
    if (is_starred(*a)) ex_call = true;
  for (auto& k : kws)
    if (!k.arg) ex_call = true;
  if (!ex_call) {
    for (auto& a : args) visit_expr(*a);
    if (nkwelts) {
      for (auto& k : kws) visit_expr(*k.value);
      call_simple_kw_helper(kws);
    }
    addop_i(PRECALL, n + static_cast<int>(nelts + nkwelts));
    addop_i(CALL, n + static_cast<int>(nelts + nkwelts));
    return;
  }
  // ex_call: positional arguments as one tuple, keywords as one dict.
  if (n == 0 && nelts == 1 && is_starred(*args[0]))
    visit_expr(*std::get<ast::Starred>(args[0]->node).value);
  else
    starunpack_helper(args, n, BUILD_LIST, LIST_APPEND, LIST_EXTEND, true);
  if (nkwelts) {
    bool have_dict = false;
    size_t nseen = 0;
    for (size_t i = 0; i < nkwelts; ++i) {
      if (!kws[i].arg) {
        if (nseen) {
          subkwargs(kws, i - nseen, i);
          if (have_dict) addop_i(DICT_MERGE, 1);
          have_dict = true;
          nseen = 0;
        }
        if (!have_dict) {
          addop_i(BUILD_MAP, 0);
          have_dict = true;
        }
        visit_expr(*kws[i].value);
        addop_i(DICT_MERGE, 1);
      } else {
        ++nseen;
      }
    }
    if (nseen) {
      subkwargs(kws, nkwelts - nseen, nkwelts);
      if (have_dict) addop_i(DICT_MERGE, 1);
    }
  }
  addop_i(CALL_FUNCTION_EX, nkwelts > 0 ? 1 : 0);
}

// starunpack_helper
void Compiler::starunpack_helper(const ast::ExprList& elts, int pushed, int build, int add,
                                 int extend, bool tuple) {
  size_t n = elts.size();
  bool all_const = n > 2;
  for (auto& e : elts)
    if (!is_const(e.get())) all_const = false;
  if (all_const) {
    std::vector<Constant> items;
    for (auto& e : elts) items.push_back(const_of(*e));
    Constant folded = Constant::tuple(std::move(items));
    if (tuple && !pushed) {
      addop_load_const(folded);
    } else {
      addop_i(build, pushed);
      addop_load_const(folded);
      addop_i(extend, 1);
      if (tuple) addop(LIST_TO_TUPLE);
    }
    return;
  }
  bool big = n + static_cast<size_t>(pushed) > kStackUseGuideline;
  bool seen_star = false;
  for (auto& e : elts)
    if (is_starred(*e)) seen_star = true;
  if (!seen_star && !big) {
    for (auto& e : elts) visit_expr(*e);
    addop_i(tuple ? BUILD_TUPLE : build, static_cast<int>(n) + pushed);
    return;
  }
  bool sequence_built = false;
  if (big) {
    addop_i(build, pushed);
    sequence_built = true;
  }
  for (size_t i = 0; i < n; ++i) {
    const ast::Expr& e = *elts[i];
    if (is_starred(e)) {
      if (!sequence_built) {
        addop_i(build, static_cast<int>(i) + pushed);
        sequence_built = true;
      }
      visit_expr(*std::get<ast::Starred>(e.node).value);
      addop_i(extend, 1);
    } else {
      visit_expr(e);
      if (sequence_built) addop_i(add, 1);
    }
  }
  if (tuple) addop(LIST_TO_TUPLE);
}

// assignment_helper / unpack_helper
void Compiler::assignment_helper(const ast::ExprList& elts) {
  size_t n = elts.size();
  bool seen_star = false;
  for (size_t i = 0; i < n; ++i) {
    if (is_starred(*elts[i])) {
      if (seen_star) error("multiple starred expressions in assignment");
      if (i >= (1u << 8) || n - i - 1 >= (INT32_MAX >> 8))
        error("too many expressions in star-unpacking assignment");
      addop_i(UNPACK_EX, static_cast<int>(i + ((n - i - 1) << 8)));
      seen_star = true;
    }
  }
  if (!seen_star) addop_i(UNPACK_SEQUENCE, static_cast<int>(n));
  for (auto& e : elts)
    visit_expr(is_starred(*e) ? *std::get<ast::Starred>(e->node).value : *e);
}

// compiler_subdict
void Compiler::subdict(const ast::Dict& d, size_t begin, size_t end) {
  size_t n = end - begin;
  bool big = n * 2 > kStackUseGuideline;
  bool keys_const = true;
  for (size_t i = begin; i < end; ++i)
    if (!is_const(d.keys[i].get())) keys_const = false;
  if (n > 1 && !big && keys_const) {
    for (size_t i = begin; i < end; ++i) visit_expr(*d.values[i]);
    std::vector<Constant> keys;
    for (size_t i = begin; i < end; ++i) keys.push_back(const_of(*d.keys[i]));
    addop_load_const(Constant::tuple(std::move(keys)));
    addop_i(BUILD_CONST_KEY_MAP, static_cast<int>(n));
    return;
  }
  if (big) addop_i(BUILD_MAP, 0);
  for (size_t i = begin; i < end; ++i) {
    visit_expr(*d.keys[i]);
    visit_expr(*d.values[i]);
    if (big) addop_i(MAP_ADD, 1);
  }
  if (!big) addop_i(BUILD_MAP, static_cast<int>(n));
}

// compiler_dict
void Compiler::dict(const ast::Dict& d) {
  size_t n = d.values.size();
  bool have_dict = false;
  size_t elements = 0;
  for (size_t i = 0; i < n; ++i) {
    bool is_unpacking = d.keys[i] == nullptr;
    if (is_unpacking) {
      if (elements) {
        subdict(d, i - elements, i);
        if (have_dict) addop_i(DICT_UPDATE, 1);
        have_dict = true;
        elements = 0;
      }
      if (!have_dict) {
        addop_i(BUILD_MAP, 0);
        have_dict = true;
      }
      visit_expr(*d.values[i]);
      addop_i(DICT_UPDATE, 1);
    } else {
      if (elements * 2 > kStackUseGuideline) {
        subdict(d, i - elements, i + 1);
        if (have_dict) addop_i(DICT_UPDATE, 1);
        have_dict = true;
        elements = 0;
      } else {
        ++elements;
      }
    }
  }
  if (elements) {
    subdict(d, n - elements, n);
    if (have_dict) addop_i(DICT_UPDATE, 1);
    have_dict = true;
  }
  if (!have_dict) addop_i(BUILD_MAP, 0);
}

// compiler_ifexp
void Compiler::ifexp(const ast::IfExp& e) {
  Block* end = new_block();
  Block* next = new_block();
  jump_if(*e.test, next, false);
  visit_expr(*e.body);
  addop_j_noline(JUMP, end);
  use_next_block(next);
  visit_expr(*e.orelse);
  use_next_block(end);
}

// compiler_joined_str
void Compiler::joined_str(const ast::JoinedStr& j) {
  size_t n = j.values.size();
  if (n > kStackUseGuideline) {
    addop_load_const(Constant::str(""));
    addop_name(LOAD_METHOD, "join");
    addop_i(BUILD_LIST, 0);
    for (auto& v : j.values) {
      visit_expr(*v);
      addop_i(LIST_APPEND, 1);
    }
    addop_i(PRECALL, 1);
    addop_i(CALL, 1);
    return;
  }
  for (auto& v : j.values) visit_expr(*v);
  if (n != 1) addop_i(BUILD_STRING, static_cast<int>(n));
}

// compiler_formatted_value
void Compiler::formatted_value(const ast::FormattedValue& f) {
  visit_expr(*f.value);
  int oparg = 0;
  switch (f.conversion) {
    case 's': oparg = 1; break;
    case 'r': oparg = 2; break;
    case 'a': oparg = 3; break;
    default: oparg = 0; break;
  }
  if (f.format_spec) {
    visit_expr(*f.format_spec);
    oparg |= 4;
  }
  addop_i(FORMAT_VALUE, oparg);
}

// compiler_lambda
void Compiler::lambda(const ast::Expr& e, const ast::Lambda& l) {
  int funcflags = default_arguments(*l.args);
  enter_scope("<lambda>", ScopeType::Lambda, &e, e.loc.line);
  add_const(Constant::none());  // a lambda has no docstring
  u_->argcount = static_cast<int>(l.args->args.size());
  u_->posonlyargcount = static_cast<int>(l.args->posonlyargs.size());
  u_->kwonlyargcount = static_cast<int>(l.args->kwonlyargs.size());
  visit_expr(*l.body);
  addop(RETURN_VALUE);
  auto co = assemble(true);
  exit_scope();
  make_closure(co, funcflags);
}

// compiler_comprehension (list and dict comprehensions)
void Compiler::comprehension(const ast::Expr& e, const std::string& name,
                             const std::vector<ast::Comprehension>& gens, const ast::Expr* elt,
                             const ast::Expr* val, int build_op, int add_op) {
  for (auto& g : gens)
    if (g.is_async) unsupported(e.loc, "an async comprehension");
  const ast::Comprehension& outermost = gens[0];
  enter_scope(name, ScopeType::Comprehension, &e, e.loc.line);
  set_loc(e.loc);
  addop_i(build_op, 0);
  comprehension_generator(gens, 0, 0, elt, val, add_op);
  addop(RETURN_VALUE);
  auto co = assemble(true);
  exit_scope();
  make_closure(co, 0);
  visit_expr(*outermost.iter);
  addop(GET_ITER);
  addop_i(PRECALL, 0);
  addop_i(CALL, 0);
}

// compiler_sync_comprehension_generator
void Compiler::comprehension_generator(const std::vector<ast::Comprehension>& gens,
                                       size_t gen_index, int depth, const ast::Expr* elt,
                                       const ast::Expr* val, int add_op) {
  Block* start = new_block();
  Block* if_cleanup = new_block();
  Block* anchor = new_block();
  const ast::Comprehension& gen = gens[gen_index];
  if (gen_index == 0) {
    u_->argcount = 1;
    addop_i(LOAD_FAST, 0);  // the outermost iterator, passed as ".0"
  } else {
    // Fast path for `for y in [f(x)]`.
    const ast::ExprList* elts = nullptr;
    if (auto* l = std::get_if<ast::List>(&gen.iter->node)) elts = &l->elts;
    if (auto* t = std::get_if<ast::Tuple>(&gen.iter->node)) elts = &t->elts;
    if (elts && elts->size() == 1 && !is_starred(*(*elts)[0])) {
      visit_expr(*(*elts)[0]);
      start = nullptr;
    }
    if (start) {
      visit_expr(*gen.iter);
      addop(GET_ITER);
    }
  }
  if (start) {
    ++depth;
    use_next_block(start);
    addop_j(FOR_ITER, anchor);
  }
  visit_expr(*gen.target);
  for (auto& cond : gen.ifs) jump_if(*cond, if_cleanup, false);
  if (++gen_index < gens.size()) comprehension_generator(gens, gen_index, depth, elt, val, add_op);
  if (gen_index >= gens.size()) {
    visit_expr(*elt);
    if (val) visit_expr(*val);
    addop_i(add_op, depth + 1);
  }
  use_next_block(if_cleanup);
  if (start) {
    addop_j(JUMP, start);
    use_next_block(anchor);
  }
}

}  // namespace vm::detail
