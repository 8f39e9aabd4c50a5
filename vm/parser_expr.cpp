// Expressions and assignment targets (Grammar/python.gram, "EXPRESSIONS",
// "ASSIGNMENT TARGETS"), one function per grammar rule.
//
// Targets are parsed as expressions and then checked and given the Store or
// Del context, which yields CPython's trees for every valid target and its
// "cannot assign to ..." messages for the invalid ones.  Left-associative
// operators are loops; each link counts towards kMaxDepth because the tree
// it builds is that deep.
#include <cstdlib>
#include <type_traits>

#include "vm/parser_impl.h"

namespace vm::detail {

namespace {

// Adds one nesting level per link of a left-associative chain.
class ChainDepth {
 public:
  explicit ChainDepth(int& depth) : depth_(depth) {}
  ~ChainDepth() { depth_ -= n_; }
  ChainDepth(const ChainDepth&) = delete;
  ChainDepth& operator=(const ChainDepth&) = delete;
  bool add() {
    ++depth_;
    ++n_;
    return depth_ <= kMaxDepth;
  }

 private:
  int& depth_;
  int n_ = 0;
};

bool is_name(const ast::Expr& e, const char* id) {
  auto* n = std::get_if<ast::Name>(&e.node);
  return n && n->id == id;
}

}  // namespace

// ---------------------------------------------------------------------------
// Expression lists and the top of the precedence ladder

ast::ExprPtr Parser::star_expressions() {
  const size_t start = pos_;
  ast::ExprPtr first = star_expression();
  if (!at(Tok::Comma)) return first;
  ast::ExprList elts;
  elts.push_back(std::move(first));
  while (accept(Tok::Comma)) {
    if (!starts_expression(kind()) && !at(Tok::Star)) break;
    elts.push_back(star_expression());
  }
  return make_expr(loc_from(start), ast::Tuple{std::move(elts), ast::Ctx::Load});
}

ast::ExprPtr Parser::star_expression() {
  if (!at(Tok::Star)) return expression();
  const size_t start = pos_;
  next();
  ast::ExprPtr value = bitwise_or();
  return make_expr(loc_from(start), ast::Starred{std::move(value), ast::Ctx::Load});
}

ast::ExprPtr Parser::star_named_expression() {
  if (!at(Tok::Star)) return named_expression();
  const size_t start = pos_;
  next();
  ast::ExprPtr value = bitwise_or();
  return make_expr(loc_from(start), ast::Starred{std::move(value), ast::Ctx::Load});
}

ast::ExprPtr Parser::named_expression() {
  const size_t start = pos_;
  if (at(Tok::Name) && kind(1) == Tok::ColonEqual) {
    const Token& n = next();
    next();
    ast::ExprPtr target = make_expr(ast::Loc{n.line, n.col, n.end_line, n.end_col},
                                    ast::Name{text(n), ast::Ctx::Store});
    ast::ExprPtr value = expression();
    return make_expr(loc_from(start), ast::NamedExpr{std::move(target), std::move(value)});
  }
  ast::ExprPtr e = expression();
  if (at(Tok::ColonEqual))
    fail_loc(e->loc, std::string("cannot use assignment expressions with ") + expr_name(*e));
  if (at(Tok::Equal) && no_invalid_ == 0) {
    // CPython's invalid_named_expression: `if x = 1:` and the like.
    const Token& first = ts_.tokens[start];
    const bool single_name = std::holds_alternative<ast::Name>(e->node) && pos_ == start + 1;
    const size_t save = pos_, save_max = max_pos_;
    bool rhs_ok = false;
    ++no_invalid_;
    try {
      next();
      bitwise_or();
      rhs_ok = !at(Tok::Equal) && !at(Tok::ColonEqual);
    } catch (const ParseFailure&) {
    }
    --no_invalid_;
    pos_ = save;
    max_pos_ = save_max;
    if (rhs_ok && single_name)
      fail_loc(e->loc, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
    const bool parenthesized = e->loc.line != first.line || e->loc.col != first.col;
    bool display = first.kind == Tok::True || first.kind == Tok::False || first.kind == Tok::None ||
                   std::holds_alternative<ast::List>(e->node) ||
                   std::holds_alternative<ast::Tuple>(e->node) ||
                   std::holds_alternative<ast::GeneratorExp>(e->node);
    if (rhs_ok && !display && !parenthesized) {
      bool bitwise = true;
      if (auto* u = std::get_if<ast::UnaryOp>(&e->node)) bitwise = u->op != ast::UnaryOpKind::Not;
      if (std::holds_alternative<ast::Compare>(e->node) ||
          std::holds_alternative<ast::BoolOp>(e->node) ||
          std::holds_alternative<ast::IfExp>(e->node) ||
          std::holds_alternative<ast::Lambda>(e->node))
        bitwise = false;
      if (bitwise)
        fail_loc(e->loc, std::string("cannot assign to ") + expr_name(*e) +
                             " here. Maybe you meant '==' instead of '='?");
    }
  }
  return e;
}

ast::ExprPtr Parser::expression() {
  DepthGuard guard(*this);
  if (at(Tok::Lambda)) return lambdef();
  const size_t start = pos_;
  ast::ExprPtr body = disjunction();
  if (at(Tok::If)) {
    next();
    ast::ExprPtr test = disjunction();
    if (!at(Tok::Else)) {
      if (!at(Tok::Colon) && no_invalid_ == 0)
        fail_loc(body->loc, "expected 'else' after 'if' expression");
      invalid_syntax();
    }
    next();
    ast::ExprPtr orelse = expression();
    return make_expr(loc_from(start),
                     ast::IfExp{std::move(test), std::move(body), std::move(orelse)});
  }
  if (no_invalid_ == 0 && starts_expression(kind())) {
    check_legacy_print(start, *body);
    check_forgot_comma(start, *body);
  }
  return body;
}

void Parser::check_legacy_print(size_t start, const ast::Expr& a) {
  // invalid_legacy_expression: `print "x"`.
  if (pos_ != start + 1 || !(is_name(a, "print") || is_name(a, "exec"))) return;
  const size_t save = pos_, save_max = max_pos_;
  bool ok = false;
  ++no_invalid_;
  try {
    star_expressions();
    ok = true;
  } catch (const ParseFailure& f) {
    if (f.kind == ParseFailure::Kind::Lexer) {
      --no_invalid_;
      throw;
    }
  }
  --no_invalid_;
  pos_ = save;
  max_pos_ = save_max;
  if (ok) {
    const std::string& id = std::get<ast::Name>(a.node).id;
    fail_loc(a.loc, "Missing parentheses in call to '" + id + "'. Did you mean " + id + "(...)?");
  }
}

void Parser::check_forgot_comma(size_t start, const ast::Expr& a) {
  // invalid_expression: two expressions in a row inside brackets.  Not when
  // the first is a name before a string (a bad prefix such as kf"x") or a
  // soft keyword, nor for print/exec (the legacy check words those).
  const Token& first = ts_.tokens[start];
  if (first.kind == Tok::Name) {
    std::string_view word = ts_.text(first);
    if (word == "match" || word == "case" || word == "_") return;
    if (ts_.tokens[start + 1].kind == Tok::String) return;
  }
  if (is_name(a, "print") || is_name(a, "exec")) return;
  const size_t save = pos_, save_max = max_pos_;
  bool ok = false;
  ++no_invalid_;
  try {
    expression();
    ok = last_consumed().level > 0;
  } catch (const ParseFailure& f) {
    if (f.kind == ParseFailure::Kind::Lexer) {
      --no_invalid_;
      throw;
    }
  }
  --no_invalid_;
  pos_ = save;
  max_pos_ = save_max;
  if (ok) fail_loc(a.loc, "invalid syntax. Perhaps you forgot a comma?");
}

// ---------------------------------------------------------------------------
// Boolean operators and comparisons

ast::ExprPtr Parser::disjunction() {
  const size_t start = pos_;
  ast::ExprPtr first = conjunction();
  if (!at(Tok::Or)) return first;
  ast::ExprList values;
  values.push_back(std::move(first));
  while (accept(Tok::Or)) values.push_back(conjunction());
  return make_expr(loc_from(start), ast::BoolOp{ast::BoolOpKind::Or, std::move(values)});
}

ast::ExprPtr Parser::conjunction() {
  const size_t start = pos_;
  ast::ExprPtr first = inversion();
  if (!at(Tok::And)) return first;
  ast::ExprList values;
  values.push_back(std::move(first));
  while (accept(Tok::And)) values.push_back(inversion());
  return make_expr(loc_from(start), ast::BoolOp{ast::BoolOpKind::And, std::move(values)});
}

ast::ExprPtr Parser::inversion() {
  if (!at(Tok::Not)) return comparison();
  DepthGuard guard(*this);
  const size_t start = pos_;
  next();
  ast::ExprPtr operand = inversion();
  return make_expr(loc_from(start), ast::UnaryOp{ast::UnaryOpKind::Not, std::move(operand)});
}

ast::ExprPtr Parser::comparison() {
  const size_t start = pos_;
  ast::ExprPtr left = bitwise_or();
  std::vector<ast::CmpOpKind> ops;
  ast::ExprList comparators;
  for (;;) {
    ast::CmpOpKind op;
    switch (kind()) {
      case Tok::EqEqual: op = ast::CmpOpKind::Eq; break;
      case Tok::NotEqual: op = ast::CmpOpKind::NotEq; break;
      case Tok::LessEqual: op = ast::CmpOpKind::LtE; break;
      case Tok::Less: op = ast::CmpOpKind::Lt; break;
      case Tok::GreaterEqual: op = ast::CmpOpKind::GtE; break;
      case Tok::Greater: op = ast::CmpOpKind::Gt; break;
      case Tok::In: op = ast::CmpOpKind::In; break;
      case Tok::Not:
        if (kind(1) != Tok::In) goto done;
        next();
        op = ast::CmpOpKind::NotIn;
        break;
      case Tok::Is:
        if (kind(1) == Tok::Not) {
          next();
          op = ast::CmpOpKind::IsNot;
        } else {
          op = ast::CmpOpKind::Is;
        }
        break;
      default:
        goto done;
    }
    next();
    ops.push_back(op);
    comparators.push_back(bitwise_or());
  }
done:
  if (ops.empty()) return left;
  return make_expr(loc_from(start),
                   ast::Compare{std::move(left), std::move(ops), std::move(comparators)});
}

// ---------------------------------------------------------------------------
// Binary operators

ast::ExprPtr Parser::left_assoc(ast::ExprPtr (Parser::*operand)(),
                                std::initializer_list<BinOpTok> ops) {
  const size_t start = pos_;
  ast::ExprPtr left = (this->*operand)();
  ChainDepth chain(depth_);
  for (;;) {
    const BinOpTok* hit = nullptr;
    for (const auto& o : ops)
      if (at(o.tok)) hit = &o;
    if (!hit) return left;
    if (!chain.add()) too_deep();
    next();
    ast::ExprPtr right = (this->*operand)();
    left = make_expr(loc_from(start), ast::BinOp{std::move(left), hit->op, std::move(right)});
  }
}

ast::ExprPtr Parser::bitwise_or() {
  return left_assoc(&Parser::bitwise_xor, {{Tok::VBar, ast::BinOpKind::BitOr}});
}
ast::ExprPtr Parser::bitwise_xor() {
  return left_assoc(&Parser::bitwise_and, {{Tok::Circumflex, ast::BinOpKind::BitXor}});
}
ast::ExprPtr Parser::bitwise_and() {
  return left_assoc(&Parser::shift_expr, {{Tok::Amper, ast::BinOpKind::BitAnd}});
}
ast::ExprPtr Parser::shift_expr() {
  return left_assoc(&Parser::sum, {{Tok::LeftShift, ast::BinOpKind::LShift},
                                   {Tok::RightShift, ast::BinOpKind::RShift}});
}
ast::ExprPtr Parser::sum() {
  return left_assoc(&Parser::term,
                    {{Tok::Plus, ast::BinOpKind::Add}, {Tok::Minus, ast::BinOpKind::Sub}});
}
ast::ExprPtr Parser::term() {
  return left_assoc(&Parser::factor, {{Tok::Star, ast::BinOpKind::Mult},
                                      {Tok::Slash, ast::BinOpKind::Div},
                                      {Tok::DoubleSlash, ast::BinOpKind::FloorDiv},
                                      {Tok::Percent, ast::BinOpKind::Mod},
                                      {Tok::At, ast::BinOpKind::MatMult}});
}

ast::ExprPtr Parser::factor() {
  ast::UnaryOpKind op;
  switch (kind()) {
    case Tok::Plus: op = ast::UnaryOpKind::UAdd; break;
    case Tok::Minus: op = ast::UnaryOpKind::USub; break;
    case Tok::Tilde: op = ast::UnaryOpKind::Invert; break;
    default: return power();
  }
  DepthGuard guard(*this);
  const size_t start = pos_;
  next();
  ast::ExprPtr operand = factor();
  return make_expr(loc_from(start), ast::UnaryOp{op, std::move(operand)});
}

ast::ExprPtr Parser::power() {
  // The exponent is a factor: -2**-1 is -(2**(-1)); ** is right-associative.
  const size_t start = pos_;
  ast::ExprPtr base = await_primary();
  if (!at(Tok::DoubleStar)) return base;
  DepthGuard guard(*this);
  next();
  ast::ExprPtr exp = factor();
  return make_expr(loc_from(start), ast::BinOp{std::move(base), ast::BinOpKind::Pow, std::move(exp)});
}

ast::ExprPtr Parser::await_primary() {
  if (!at(Tok::Await)) return primary();
  DepthGuard guard(*this);
  const size_t start = pos_;
  next();
  ast::ExprPtr value = primary();
  return make_expr(loc_from(start), ast::Await{std::move(value)});
}

// ---------------------------------------------------------------------------
// Primaries: attribute, call and subscript chains

ast::ExprPtr Parser::primary() {
  const size_t start = pos_;
  ast::ExprPtr e = atom();
  ChainDepth chain(depth_);
  for (;;) {
    if (at(Tok::Dot)) {
      if (!chain.add()) too_deep();
      next();
      const Token& n = expect(Tok::Name);
      e = make_expr(loc_from(start), ast::Attribute{std::move(e), text(n), ast::Ctx::Load});
    } else if (at(Tok::LPar)) {
      if (!chain.add()) too_deep();
      const size_t open = pos_;
      next();
      ast::Call call;
      call_arguments(open, true, call.args, call.keywords);
      call.func = std::move(e);
      e = make_expr(loc_from(start), std::move(call));
    } else if (at(Tok::LSqb)) {
      if (!chain.add()) too_deep();
      next();
      ast::ExprPtr index = slices();
      expect(Tok::RSqb);
      e = make_expr(loc_from(start), ast::Subscript{std::move(e), std::move(index), ast::Ctx::Load});
    } else {
      return e;
    }
  }
}

namespace {

// Index of the ')' that closes the call whose arguments start at `from`.
size_t closing_paren(const std::vector<Token>& toks, size_t from) {
  int depth = 0;
  for (size_t i = from; i < toks.size(); ++i) {
    switch (toks[i].kind) {
      case Tok::LPar: case Tok::LSqb: case Tok::LBrace: ++depth; break;
      case Tok::RPar: case Tok::RSqb: case Tok::RBrace:
        if (depth == 0) return i;
        --depth;
        break;
      default: break;
    }
  }
  return toks.size() - 1;
}

}  // namespace

void Parser::call_arguments(size_t open, bool allow_genexp, ast::ExprList& args,
                            std::vector<ast::Keyword>& keywords) {
  // After the '('; consumes through the ')'.
  bool seen_keyword = false;
  bool seen_double_star = false;
  while (!at(Tok::RPar)) {
    const size_t s = pos_;
    const Token& t = cur();
    if (at(Tok::Star)) {
      next();
      ast::ExprPtr value = expression();
      if (seen_double_star)
        fail_tok(t, "iterable argument unpacking follows keyword argument unpacking");
      args.push_back(make_expr(loc_from(s), ast::Starred{std::move(value), ast::Ctx::Load}));
    } else if (at(Tok::DoubleStar)) {
      next();
      ast::ExprPtr value = expression();
      keywords.push_back(ast::Keyword{std::nullopt, std::move(value), loc_from(s)});
      seen_double_star = true;
    } else if ((at(Tok::Name) || at(Tok::True) || at(Tok::False) || at(Tok::None)) &&
               kind(1) == Tok::Equal) {
      if (!at(Tok::Name)) fail_tok(t, "cannot assign to " + text(t));
      next();
      next();
      ast::ExprPtr value = expression();
      if (at(Tok::For) || (at(Tok::Async) && kind(1) == Tok::For))
        fail_tok(t, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
      keywords.push_back(ast::Keyword{text(t), std::move(value), loc_from(s)});
      seen_keyword = true;
    } else {
      ast::ExprPtr e = (at(Tok::Name) && kind(1) == Tok::ColonEqual) ? named_expression() : expression();
      if (at(Tok::ColonEqual))
        fail_loc(e->loc, std::string("cannot use assignment expressions with ") + expr_name(*e));
      if (at(Tok::Equal))
        fail_loc(e->loc, "expression cannot contain assignment, perhaps you meant \"==\"?");
      if (at(Tok::For) || (at(Tok::Async) && kind(1) == Tok::For)) {
        if (!allow_genexp) invalid_syntax();
        std::vector<ast::Comprehension> gens = for_if_clauses();
        if (args.empty() && keywords.empty() && at(Tok::RPar)) {
          next();
          args.push_back(make_expr(loc_from(open), ast::GeneratorExp{std::move(e), std::move(gens)}));
          return;
        }
        fail_loc(e->loc, "Generator expression must be parenthesized");
      }
      if (seen_double_star || seen_keyword) {
        const Token& close = ts_.tokens[closing_paren(ts_.tokens, pos_)];
        fail_tok(close, seen_double_star ? "positional argument follows keyword argument unpacking"
                                         : "positional argument follows keyword argument");
      }
      args.push_back(std::move(e));
    }
    if (!accept(Tok::Comma)) {
      if (!at(Tok::RPar)) invalid_syntax();
      break;
    }
  }
  next();  // ')'
}

ast::ExprPtr Parser::slices() {
  const size_t start = pos_;
  auto one = [&]() -> ast::ExprPtr {
    if (!at(Tok::Star)) return slice();
    const size_t s = pos_;
    next();
    ast::ExprPtr value = expression();
    return make_expr(loc_from(s), ast::Starred{std::move(value), ast::Ctx::Load});
  };
  ast::ExprPtr first = one();
  if (!at(Tok::Comma) && !std::holds_alternative<ast::Starred>(first->node)) return first;
  ast::ExprList elts;
  elts.push_back(std::move(first));
  while (accept(Tok::Comma)) {
    if (at(Tok::RSqb)) break;
    elts.push_back(one());
  }
  return make_expr(loc_from(start), ast::Tuple{std::move(elts), ast::Ctx::Load});
}

ast::ExprPtr Parser::slice() {
  const size_t start = pos_;
  ast::ExprPtr lower;
  if (!at(Tok::Colon)) {
    lower = named_expression();
    if (!at(Tok::Colon) || std::holds_alternative<ast::NamedExpr>(lower->node)) return lower;
  }
  next();  // ':'
  ast::ExprPtr upper, step;
  if (starts_expression(kind())) upper = expression();
  if (accept(Tok::Colon) && starts_expression(kind())) step = expression();
  return make_expr(loc_from(start), ast::Slice{std::move(lower), std::move(upper), std::move(step)});
}

// ---------------------------------------------------------------------------
// Atoms

ast::ExprPtr Parser::atom() {
  const Token& t = cur();
  const ast::Loc loc{t.line, t.col, t.end_line, t.end_col};
  switch (t.kind) {
    case Tok::Name:
      next();
      return make_expr(loc, ast::Name{text(t), ast::Ctx::Load});
    case Tok::True:
      next();
      return make_expr(loc, ast::ConstantExpr{Constant::boolean(true), std::nullopt});
    case Tok::False:
      next();
      return make_expr(loc, ast::ConstantExpr{Constant::boolean(false), std::nullopt});
    case Tok::None:
      next();
      return make_expr(loc, ast::ConstantExpr{Constant::none(), std::nullopt});
    case Tok::Ellipsis:
      next();
      return make_expr(loc, ast::ConstantExpr{Constant::ellipsis(), std::nullopt});
    case Tok::Number:
      next();
      return number(t);
    case Tok::String:
      return strings();
    case Tok::LPar:
      return paren_atom();
    case Tok::LSqb:
      return bracket_atom();
    case Tok::LBrace:
      return brace_atom();
    default:
      invalid_syntax();
  }
}

ast::ExprPtr Parser::number(const Token& t) {
  std::string digits;
  for (char c : ts_.text(t))
    if (c != '_') digits += c;
  const char last = digits.back();
  if (last == 'j' || last == 'J') fail_tok(t, "imaginary literals are not supported");
  const ast::Loc loc{t.line, t.col, t.end_line, t.end_col};
  int base = 10;
  std::string_view body = digits;
  if (digits.size() > 1 && digits[0] == '0') {
    const char p = digits[1];
    if (p == 'x' || p == 'X') base = 16;
    else if (p == 'o' || p == 'O') base = 8;
    else if (p == 'b' || p == 'B') base = 2;
    if (base != 10) body.remove_prefix(2);
  }
  if (base == 10 && digits.find_first_of(".eE") != std::string::npos) {
    const double v = std::strtod(digits.c_str(), nullptr);
    return make_expr(loc, ast::ConstantExpr{Constant::floating(v), std::nullopt});
  }
  // CPython 3.11 refuses decimal literals longer than sys.int_info's
  // default str_digits_check_threshold (gh-95778).
  constexpr size_t kMaxDigits = 4300;
  if (base == 10 && body.size() > kMaxDigits)
    fail_tok(t, "Exceeds the limit (4300 digits) for integer string conversion: value has " +
                    std::to_string(body.size()) +
                    " digits; use sys.set_int_max_str_digits() to increase the limit - Consider "
                    "hexadecimal for huge integer literals to avoid decimal conversion limits.");
  std::optional<BigInt> v = BigInt::parse(body, base);
  if (!v) fail_tok(t, "invalid number literal");
  return make_expr(loc, ast::ConstantExpr{Constant::integer(std::move(*v)), std::nullopt});
}

ast::ExprPtr Parser::paren_atom() {
  const size_t start = pos_;
  next();  // '('
  if (accept(Tok::RPar)) return make_expr(loc_from(start), ast::Tuple{{}, ast::Ctx::Load});
  if (at(Tok::Yield)) {
    ast::ExprPtr y = yield_expr();
    expect(Tok::RPar);
    return y;
  }
  if (at(Tok::DoubleStar)) {
    const Token& t = cur();
    const size_t save = pos_;
    next();
    ++no_invalid_;
    try {
      expression();
    } catch (const ParseFailure&) {
    }
    --no_invalid_;
    if (at(Tok::RPar)) fail_tok(t, "cannot use double starred expression here");
    pos_ = save;
    invalid_syntax();
  }
  ast::ExprPtr first = star_named_expression();
  if (at(Tok::For) || (at(Tok::Async) && kind(1) == Tok::For)) {
    if (std::holds_alternative<ast::Starred>(first->node))
      fail_loc(first->loc, "iterable unpacking cannot be used in comprehension");
    std::vector<ast::Comprehension> gens = for_if_clauses();
    expect(Tok::RPar);
    return make_expr(loc_from(start), ast::GeneratorExp{std::move(first), std::move(gens)});
  }
  if (accept(Tok::RPar)) {
    if (std::holds_alternative<ast::Starred>(first->node))
      fail_loc(first->loc, "cannot use starred expression here");
    return first;  // a group is its inner expression, position included
  }
  if (!at(Tok::Comma)) invalid_syntax();
  ast::ExprList elts;
  elts.push_back(std::move(first));
  while (accept(Tok::Comma)) {
    if (at(Tok::RPar)) break;
    elts.push_back(star_named_expression());
  }
  expect(Tok::RPar);
  return make_expr(loc_from(start), ast::Tuple{std::move(elts), ast::Ctx::Load});
}

ast::ExprPtr Parser::bracket_atom() {
  const size_t start = pos_;
  next();  // '['
  if (accept(Tok::RSqb)) return make_expr(loc_from(start), ast::List{{}, ast::Ctx::Load});
  ast::ExprPtr first = star_named_expression();
  if (at(Tok::For) || (at(Tok::Async) && kind(1) == Tok::For)) {
    if (std::holds_alternative<ast::Starred>(first->node))
      fail_loc(first->loc, "iterable unpacking cannot be used in comprehension");
    std::vector<ast::Comprehension> gens = for_if_clauses();
    expect(Tok::RSqb);
    return make_expr(loc_from(start), ast::ListComp{std::move(first), std::move(gens)});
  }
  ast::ExprList elts;
  elts.push_back(std::move(first));
  while (accept(Tok::Comma)) {
    if (at(Tok::RSqb)) break;
    elts.push_back(star_named_expression());
  }
  if (at(Tok::For) && elts.size() > 1)
    fail_loc(elts[0]->loc, "did you forget parentheses around the comprehension target?");
  expect(Tok::RSqb);
  return make_expr(loc_from(start), ast::List{std::move(elts), ast::Ctx::Load});
}

ast::ExprPtr Parser::brace_atom() {
  const size_t start = pos_;
  next();  // '{'
  if (accept(Tok::RBrace)) return make_expr(loc_from(start), ast::Dict{});

  ast::Dict dict;
  // One key/value pair or ** item; the key (or null) is already parsed.
  auto value_after_colon = [&](const Token& colon) -> ast::ExprPtr {
    if (at(Tok::RBrace) || at(Tok::Comma))
      fail_tok(colon, "expression expected after dictionary key and ':'");
    if (at(Tok::Star)) fail_tok(cur(), "cannot use a starred expression in a dictionary value");
    return expression();
  };
  auto dict_rest = [&]() -> ast::ExprPtr {
    while (accept(Tok::Comma)) {
      if (at(Tok::RBrace)) break;
      if (accept(Tok::DoubleStar)) {
        dict.keys.push_back(nullptr);
        dict.values.push_back(bitwise_or());
        continue;
      }
      ast::ExprPtr key = expression();
      if (!at(Tok::Colon)) {
        if (at(Tok::Comma) || at(Tok::RBrace))
          fail_pos(key->loc.end_line, ts_.char_offset(key->loc.end_line, key->loc.end_col - 1),
                   "':' expected after dictionary key");
        invalid_syntax();
      }
      const Token& colon = next();
      dict.values.push_back(value_after_colon(colon));
      dict.keys.push_back(std::move(key));
    }
    expect(Tok::RBrace);
    return make_expr(loc_from(start), std::move(dict));
  };

  if (at(Tok::DoubleStar)) {
    const Token& stars = next();
    dict.keys.push_back(nullptr);
    dict.values.push_back(bitwise_or());
    if (at(Tok::For) || (at(Tok::Async) && kind(1) == Tok::For))
      fail_tok(stars, "dict unpacking cannot be used in dict comprehension");
    return dict_rest();
  }

  ast::ExprPtr first = star_named_expression();
  if (at(Tok::Colon) && !std::holds_alternative<ast::Starred>(first->node) &&
      !std::holds_alternative<ast::NamedExpr>(first->node)) {
    const Token& colon = next();
    ast::ExprPtr value = value_after_colon(colon);
    if (at(Tok::For) || (at(Tok::Async) && kind(1) == Tok::For)) {
      std::vector<ast::Comprehension> gens = for_if_clauses();
      expect(Tok::RBrace);
      return make_expr(loc_from(start),
                       ast::DictComp{std::move(first), std::move(value), std::move(gens)});
    }
    dict.keys.push_back(std::move(first));
    dict.values.push_back(std::move(value));
    return dict_rest();
  }

  if (at(Tok::For) || (at(Tok::Async) && kind(1) == Tok::For)) {
    if (std::holds_alternative<ast::Starred>(first->node))
      fail_loc(first->loc, "iterable unpacking cannot be used in comprehension");
    std::vector<ast::Comprehension> gens = for_if_clauses();
    expect(Tok::RBrace);
    return make_expr(loc_from(start), ast::SetComp{std::move(first), std::move(gens)});
  }
  ast::ExprList elts;
  elts.push_back(std::move(first));
  while (accept(Tok::Comma)) {
    if (at(Tok::RBrace)) break;
    elts.push_back(star_named_expression());
  }
  if (at(Tok::For) && elts.size() > 1)
    fail_loc(elts[0]->loc, "did you forget parentheses around the comprehension target?");
  expect(Tok::RBrace);
  return make_expr(loc_from(start), ast::Set{std::move(elts)});
}

std::vector<ast::Comprehension> Parser::for_if_clauses() {
  std::vector<ast::Comprehension> gens;
  while (at(Tok::For) || (at(Tok::Async) && kind(1) == Tok::For)) {
    ast::Comprehension c;
    c.is_async = accept(Tok::Async);
    next();  // 'for'
    c.target = star_targets();
    check_targets(*c.target, Targets::For);
    if (!at(Tok::In)) invalid_syntax();
    next();
    set_context(*c.target, ast::Ctx::Store);
    c.iter = disjunction();
    while (accept(Tok::If)) c.ifs.push_back(disjunction());
    gens.push_back(std::move(c));
  }
  return gens;
}

ast::ExprPtr Parser::lambdef() {
  const size_t start = pos_;
  next();  // 'lambda'
  std::unique_ptr<ast::Arguments> args = parameters(true);
  expect(Tok::Colon);
  ast::ExprPtr body = expression();
  return make_expr(loc_from(start), ast::Lambda{std::move(args), std::move(body)});
}

ast::ExprPtr Parser::yield_expr() {
  const size_t start = pos_;
  next();  // 'yield'
  if (accept(Tok::From)) {
    ast::ExprPtr value = expression();
    return make_expr(loc_from(start), ast::YieldFrom{std::move(value)});
  }
  ast::ExprPtr value;
  if (starts_expression(kind()) || at(Tok::Star)) value = star_expressions();
  return make_expr(loc_from(start), ast::Yield{std::move(value)});
}

// ---------------------------------------------------------------------------
// Targets

ast::ExprPtr Parser::star_targets() {
  const size_t start = pos_;
  ast::ExprPtr first = star_target();
  if (!at(Tok::Comma)) return first;
  ast::ExprList elts;
  elts.push_back(std::move(first));
  while (accept(Tok::Comma)) {
    if (!starts_expression(kind()) && !at(Tok::Star)) break;
    elts.push_back(star_target());
  }
  return make_expr(loc_from(start), ast::Tuple{std::move(elts), ast::Ctx::Store});
}

ast::ExprPtr Parser::star_target() {
  if (!at(Tok::Star)) return bitwise_or();
  DepthGuard guard(*this);
  const size_t start = pos_;
  next();
  if (at(Tok::Star)) invalid_syntax();
  ast::ExprPtr value = star_target();
  return make_expr(loc_from(start), ast::Starred{std::move(value), ast::Ctx::Store});
}

void Parser::set_context(ast::Expr& e, ast::Ctx ctx) {
  std::visit(
      [&](auto& n) {
        using T = std::decay_t<decltype(n)>;
        if constexpr (std::is_same_v<T, ast::Name> || std::is_same_v<T, ast::Attribute> ||
                      std::is_same_v<T, ast::Subscript>) {
          n.ctx = ctx;
        } else if constexpr (std::is_same_v<T, ast::Starred>) {
          n.ctx = ctx;
          set_context(*n.value, ctx);
        } else if constexpr (std::is_same_v<T, ast::List> || std::is_same_v<T, ast::Tuple>) {
          n.ctx = ctx;
          for (auto& elt : n.elts) set_context(*elt, ctx);
        }
      },
      e.node);
}

const ast::Expr* Parser::invalid_target(const ast::Expr& e, Targets type) {
  // CPython's _PyPegen_get_invalid_target.
  if (auto* l = std::get_if<ast::List>(&e.node)) {
    for (const auto& elt : l->elts)
      if (const ast::Expr* bad = invalid_target(*elt, type)) return bad;
    return nullptr;
  }
  if (auto* t = std::get_if<ast::Tuple>(&e.node)) {
    for (const auto& elt : t->elts)
      if (const ast::Expr* bad = invalid_target(*elt, type)) return bad;
    return nullptr;
  }
  if (auto* s = std::get_if<ast::Starred>(&e.node)) {
    if (type == Targets::Del) return &e;
    return invalid_target(*s->value, type);
  }
  if (auto* c = std::get_if<ast::Compare>(&e.node)) {
    if (type == Targets::For) {
      if (c->ops[0] == ast::CmpOpKind::In) return invalid_target(*c->left, type);
      return nullptr;
    }
    return &e;
  }
  if (std::holds_alternative<ast::Name>(e.node) || std::holds_alternative<ast::Subscript>(e.node) ||
      std::holds_alternative<ast::Attribute>(e.node))
    return nullptr;
  return &e;
}

const char* Parser::expr_name(const ast::Expr& e) {
  // CPython's _PyPegen_get_expr_name.
  return std::visit(
      [](const auto& n) -> const char* {
        using T = std::decay_t<decltype(n)>;
        if constexpr (std::is_same_v<T, ast::Attribute>) return "attribute";
        else if constexpr (std::is_same_v<T, ast::Subscript>) return "subscript";
        else if constexpr (std::is_same_v<T, ast::Starred>) return "starred";
        else if constexpr (std::is_same_v<T, ast::Name>) return "name";
        else if constexpr (std::is_same_v<T, ast::List>) return "list";
        else if constexpr (std::is_same_v<T, ast::Tuple>) return "tuple";
        else if constexpr (std::is_same_v<T, ast::Lambda>) return "lambda";
        else if constexpr (std::is_same_v<T, ast::Call>) return "function call";
        else if constexpr (std::is_same_v<T, ast::BoolOp> || std::is_same_v<T, ast::BinOp> ||
                           std::is_same_v<T, ast::UnaryOp>) return "expression";
        else if constexpr (std::is_same_v<T, ast::GeneratorExp>) return "generator expression";
        else if constexpr (std::is_same_v<T, ast::Yield> || std::is_same_v<T, ast::YieldFrom>)
          return "yield expression";
        else if constexpr (std::is_same_v<T, ast::Await>) return "await expression";
        else if constexpr (std::is_same_v<T, ast::ListComp>) return "list comprehension";
        else if constexpr (std::is_same_v<T, ast::SetComp>) return "set comprehension";
        else if constexpr (std::is_same_v<T, ast::DictComp>) return "dict comprehension";
        else if constexpr (std::is_same_v<T, ast::Dict>) return "dict literal";
        else if constexpr (std::is_same_v<T, ast::Set>) return "set display";
        else if constexpr (std::is_same_v<T, ast::JoinedStr> ||
                           std::is_same_v<T, ast::FormattedValue>) return "f-string expression";
        else if constexpr (std::is_same_v<T, ast::ConstantExpr>) {
          switch (n.value.kind) {
            case Constant::Kind::None: return "None";
            case Constant::Kind::Bool: return n.value.b ? "True" : "False";
            case Constant::Kind::Ellipsis: return "ellipsis";
            default: return "literal";
          }
        } else if constexpr (std::is_same_v<T, ast::Compare>) return "comparison";
        else if constexpr (std::is_same_v<T, ast::IfExp>) return "conditional expression";
        else if constexpr (std::is_same_v<T, ast::NamedExpr>) return "named expression";
        else return "expression";
      },
      e.node);
}

void Parser::check_targets(const ast::Expr& e, Targets type) {
  if (const ast::Expr* bad = invalid_target(e, type))
    fail_loc(bad->loc, std::string(type == Targets::Del ? "cannot delete " : "cannot assign to ") +
                           expr_name(*bad));
}

}  // namespace vm::detail
