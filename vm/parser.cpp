// The parser's entry point, token helpers, error reporting and statements
// (Grammar/python.gram, "STATEMENTS").  Expressions are in parser_expr.cpp,
// string literals in parser_strings.cpp.
//
// Error ranking: CPython reports the first problem its parser meets, but
// after a parser error it tokenizes the rest of the file and lets most
// tokenizer errors win (see LexError in lexer.h).  parse() applies that rule.
#include "vm/parser.h"

#include <algorithm>

#include "vm/parser_impl.h"

namespace vm {

namespace detail {

Parser::Parser(const TokenStream& ts, const std::string& filename, int depth, bool fstring)
    : ts_(ts), file_(filename), depth_(depth), fstring_(fstring) {}

// ---------------------------------------------------------------------------
// Tokens

const Token& Parser::tok(size_t i) {
  if (i >= ts_.tokens.size()) {
    if (ts_.error) throw ParseFailure{ts_.error->diag, ParseFailure::Kind::Lexer};
    i = ts_.tokens.size() - 1;  // reading past ENDMARKER yields ENDMARKER
  }
  if (i > max_pos_) max_pos_ = i;
  return ts_.tokens[i];
}

const Token& Parser::next() {
  const Token& t = tok(pos_);
  if (t.kind != Tok::EndMarker) ++pos_;
  return t;
}

bool Parser::accept(Tok k) {
  if (!at(k)) return false;
  next();
  return true;
}

const Token& Parser::expect(Tok k) {
  if (!at(k)) invalid_syntax();
  return next();
}

const Token& Parser::expect_forced(Tok k) {
  // CPython's &&'x': "expected 'x'" at whatever token is there instead.
  if (!at(k)) fail_tok(cur(), std::string("expected '") + tok_spelling(k) + "'");
  return next();
}

bool Parser::at_soft_keyword(const char* word) {
  return at(Tok::Name) && ts_.text(cur()) == word;
}

bool Parser::at_augassign() {
  switch (kind()) {
    case Tok::PlusEqual: case Tok::MinEqual: case Tok::StarEqual: case Tok::AtEqual:
    case Tok::SlashEqual: case Tok::PercentEqual: case Tok::AmperEqual: case Tok::VBarEqual:
    case Tok::CircumflexEqual: case Tok::LeftShiftEqual: case Tok::RightShiftEqual:
    case Tok::DoubleStarEqual: case Tok::DoubleSlashEqual:
      return true;
    default:
      return false;
  }
}

bool Parser::starts_expression(Tok k) {
  switch (k) {
    case Tok::Name: case Tok::Number: case Tok::String: case Tok::LPar: case Tok::LSqb:
    case Tok::LBrace: case Tok::Minus: case Tok::Plus: case Tok::Tilde: case Tok::Not:
    case Tok::Lambda: case Tok::Await: case Tok::True: case Tok::False: case Tok::None:
    case Tok::Ellipsis:
      return true;
    default:
      return false;
  }
}

// ---------------------------------------------------------------------------
// Positions

const Token& Parser::last_consumed() {
  for (size_t m = pos_; m-- > 0;) {
    const Token& t = ts_.tokens[m];
    if (t.kind != Tok::Newline && t.kind != Tok::Indent && t.kind != Tok::Dedent &&
        t.kind != Tok::EndMarker)
      return t;
  }
  return ts_.tokens[0];
}

ast::Loc Parser::loc_from(size_t start) {
  const Token& s = ts_.tokens[start];
  const Token& e = last_consumed();
  return ast::Loc{s.line, s.col, e.end_line, e.end_col};
}

// ---------------------------------------------------------------------------
// Errors

namespace {

// CPython's offset for a token: 1-based character column, except that
// INDENT and DEDENT (which have no column) point where the tokenizer stands,
// just before the first character of the line's code.
int token_offset(const TokenStream& ts, const Token& t) {
  if (t.col >= 0) return ts.char_offset(t.line, t.col);
  std::string_view line = ts.line_text(t.line);
  int n = 0;
  if (!line.empty() || t.begin < ts.source.size()) {
    size_t line_start = static_cast<size_t>(line.data() - ts.source.data());
    for (size_t i = line_start; i < t.begin && i < ts.source.size(); ++i)
      if ((static_cast<unsigned char>(ts.source[i]) & 0xC0) != 0x80) ++n;
  }
  return n;
}

}  // namespace

void Parser::fail_pos(int line, int offset, const std::string& msg) {
  throw ParseFailure{Diagnostic{file_, line, offset, fstring_ ? "f-string: " + msg : msg},
                     ParseFailure::Kind::Syntax};
}

void Parser::fail_tok(const Token& t, const std::string& msg) {
  fail_pos(t.line, token_offset(ts_, t), msg);
}

void Parser::fail_loc(const ast::Loc& loc, const std::string& msg) {
  fail_pos(loc.line, ts_.char_offset(loc.line, loc.col), msg);
}

void Parser::invalid_syntax() {
  fail_tok(ts_.tokens[std::min(max_pos_, ts_.tokens.size() - 1)], "invalid syntax");
}

void Parser::too_deep() {
  fail_tok(cur(), "too many nested expressions or statements (the limit is " +
                      std::to_string(kMaxDepth) + " levels)");
}

// ---------------------------------------------------------------------------
// Statements

ast::Module Parser::file() {
  ast::Module m;
  statements_until(Tok::EndMarker, m.body);
  return m;
}

ast::ExprPtr Parser::fstring_replacement() { return star_expressions(); }

void Parser::statements_until(Tok end, ast::StmtList& out) {
  while (!at(end)) statement(out);
}

void Parser::statement(ast::StmtList& out) {
  const size_t start = pos_;
  switch (kind()) {
    case Tok::Indent: {
      const Token& t = cur();
      throw ParseFailure{Diagnostic{file_, t.line, token_offset(ts_, t), "unexpected indent"},
                         ParseFailure::Kind::UnexpectedIndent};
    }
    case Tok::At:
      out.push_back(decorated());
      return;
    case Tok::Def:
      out.push_back(function_def(start, {}));
      return;
    case Tok::Class:
      out.push_back(class_def(start, {}));
      return;
    case Tok::If:
      out.push_back(if_stmt());
      return;
    case Tok::While:
      out.push_back(while_stmt());
      return;
    case Tok::For:
      out.push_back(for_stmt(start));
      return;
    case Tok::With:
      out.push_back(with_stmt(start));
      return;
    case Tok::Try:
      out.push_back(try_stmt());
      return;
    case Tok::Async:
      if (kind(1) == Tok::Def) { out.push_back(function_def(start, {})); return; }
      if (kind(1) == Tok::With) { out.push_back(with_stmt(start)); return; }
      if (kind(1) == Tok::For) { out.push_back(for_stmt(start)); return; }
      break;
    case Tok::Name:
      if (at_soft_keyword("match")) {
        if (try_match_stmt(out)) return;
        bool colon_missing = false;
        size_t newline_index = 0;
        // `match x` + NEWLINE: CPython's invalid_match_stmt says "expected
        // ':'", but only once the line fails as a simple statement.
        {
          const size_t save = pos_;
          const size_t save_max = max_pos_;
          ++no_invalid_;
          try {
            next();
            star_named_expression();
            while (accept(Tok::Comma) && (starts_expression(kind()) || at(Tok::Star)))
              star_named_expression();
            if (at(Tok::Newline)) {
              colon_missing = true;
              newline_index = pos_;
            }
          } catch (const ParseFailure&) {
          }
          --no_invalid_;
          pos_ = save;
          max_pos_ = save_max;
        }
        if (colon_missing) {
          try {
            simple_stmts(out);
            return;
          } catch (const ParseFailure& f) {
            if (f.kind != ParseFailure::Kind::Syntax) throw;
            fail_tok(ts_.tokens[newline_index], "expected ':'");
          }
        }
      }
      break;
    default:
      break;
  }
  simple_stmts(out);
}

void Parser::simple_stmts(ast::StmtList& out) {
  for (;;) {
    out.push_back(simple_stmt());
    if (accept(Tok::Semi)) {
      if (accept(Tok::Newline)) return;
      continue;
    }
    if (accept(Tok::Newline)) return;
    invalid_syntax();
  }
}

ast::StmtPtr Parser::simple_stmt() {
  const size_t start = pos_;
  switch (kind()) {
    case Tok::Return: {
      next();
      ast::ExprPtr value;
      if (starts_expression(kind()) || at(Tok::Star)) value = star_expressions();
      return make_stmt(loc_from(start), ast::Return{std::move(value)});
    }
    case Tok::Raise: {
      next();
      ast::ExprPtr exc, cause;
      if (starts_expression(kind())) {
        exc = expression();
        if (accept(Tok::From)) cause = expression();
      }
      return make_stmt(loc_from(start), ast::Raise{std::move(exc), std::move(cause)});
    }
    case Tok::Pass:
      next();
      return make_stmt(loc_from(start), ast::Pass{});
    case Tok::Break:
      next();
      return make_stmt(loc_from(start), ast::Break{});
    case Tok::Continue:
      next();
      return make_stmt(loc_from(start), ast::Continue{});
    case Tok::Global:
    case Tok::Nonlocal: {
      const bool global = next().kind == Tok::Global;
      std::vector<std::string> names;
      do {
        names.push_back(text(expect(Tok::Name)));
      } while (at(Tok::Comma) && kind(1) == Tok::Name && (next(), true));
      if (global) return make_stmt(loc_from(start), ast::Global{std::move(names)});
      return make_stmt(loc_from(start), ast::Nonlocal{std::move(names)});
    }
    case Tok::Del: {
      next();
      ast::ExprList targets;
      do {
        if (!(starts_expression(kind()) || at(Tok::Star))) break;
        targets.push_back(star_expression());
      } while (accept(Tok::Comma));
      if (targets.empty()) invalid_syntax();
      for (auto& t : targets) check_targets(*t, Targets::Del);
      if (!at(Tok::Semi) && !at(Tok::Newline)) invalid_syntax();
      for (auto& t : targets) set_context(*t, ast::Ctx::Del);
      return make_stmt(loc_from(start), ast::Delete{std::move(targets)});
    }
    case Tok::Assert: {
      next();
      ast::ExprPtr test = expression();
      ast::ExprPtr msg;
      if (accept(Tok::Comma)) msg = expression();
      return make_stmt(loc_from(start), ast::Assert{std::move(test), std::move(msg)});
    }
    case Tok::Import:
      return import_name();
    case Tok::From:
      return import_from();
    default:
      return expression_stmt();
  }
}

namespace {

// The kind of node the bitwise_or rule can produce without parentheses.
bool is_bitwise_or_level(const ast::Expr& e) {
  if (auto* u = std::get_if<ast::UnaryOp>(&e.node)) return u->op != ast::UnaryOpKind::Not;
  return !std::holds_alternative<ast::Compare>(e.node) &&
         !std::holds_alternative<ast::BoolOp>(e.node) &&
         !std::holds_alternative<ast::IfExp>(e.node) &&
         !std::holds_alternative<ast::Lambda>(e.node) &&
         !std::holds_alternative<ast::Starred>(e.node) &&
         !std::holds_alternative<ast::NamedExpr>(e.node) &&
         !std::holds_alternative<ast::Tuple>(e.node) &&
         !std::holds_alternative<ast::Yield>(e.node) &&
         !std::holds_alternative<ast::YieldFrom>(e.node);
}

std::optional<ast::BinOpKind> augassign_op(Tok k) {
  switch (k) {
    case Tok::PlusEqual: return ast::BinOpKind::Add;
    case Tok::MinEqual: return ast::BinOpKind::Sub;
    case Tok::StarEqual: return ast::BinOpKind::Mult;
    case Tok::AtEqual: return ast::BinOpKind::MatMult;
    case Tok::SlashEqual: return ast::BinOpKind::Div;
    case Tok::PercentEqual: return ast::BinOpKind::Mod;
    case Tok::AmperEqual: return ast::BinOpKind::BitAnd;
    case Tok::VBarEqual: return ast::BinOpKind::BitOr;
    case Tok::CircumflexEqual: return ast::BinOpKind::BitXor;
    case Tok::LeftShiftEqual: return ast::BinOpKind::LShift;
    case Tok::RightShiftEqual: return ast::BinOpKind::RShift;
    case Tok::DoubleStarEqual: return ast::BinOpKind::Pow;
    case Tok::DoubleSlashEqual: return ast::BinOpKind::FloorDiv;
    default: return std::nullopt;
  }
}

bool is_yield(const ast::Expr& e) {
  return std::holds_alternative<ast::Yield>(e.node) ||
         std::holds_alternative<ast::YieldFrom>(e.node);
}

}  // namespace

ast::StmtPtr Parser::expression_stmt() {
  const size_t start = pos_;
  ast::ExprPtr first = at(Tok::Yield) ? yield_expr() : star_expressions();
  const Token& first_tok = ts_.tokens[start];
  const bool parenthesized = first->loc.line != first_tok.line || first->loc.col != first_tok.col;

  if (at(Tok::Colon)) {  // annotated assignment
    int simple = 0;
    if (std::holds_alternative<ast::Name>(first->node)) {
      simple = parenthesized ? 0 : 1;
    } else if (std::holds_alternative<ast::Attribute>(first->node) ||
               std::holds_alternative<ast::Subscript>(first->node)) {
      simple = 0;
    } else if (std::holds_alternative<ast::Tuple>(first->node)) {
      fail_loc(first->loc, "only single target (not tuple) can be annotated");
    } else if (std::holds_alternative<ast::List>(first->node)) {
      fail_loc(first->loc, "only single target (not list) can be annotated");
    } else {
      fail_loc(first->loc, "illegal target for annotation");
    }
    next();
    ast::ExprPtr annotation = expression();
    ast::ExprPtr value;
    if (accept(Tok::Equal)) value = at(Tok::Yield) ? yield_expr() : star_expressions();
    set_context(*first, ast::Ctx::Store);
    return make_stmt(loc_from(start), ast::AnnAssign{std::move(first), std::move(annotation),
                                                     std::move(value), simple != 0});
  }

  if (auto op = augassign_op(kind())) {
    if (!std::holds_alternative<ast::Name>(first->node) &&
        !std::holds_alternative<ast::Attribute>(first->node) &&
        !std::holds_alternative<ast::Subscript>(first->node))
      fail_loc(first->loc, std::string("'") + expr_name(*first) +
                               "' is an illegal expression for augmented assignment");
    next();
    ast::ExprPtr value = at(Tok::Yield) ? yield_expr() : star_expressions();
    set_context(*first, ast::Ctx::Store);
    return make_stmt(loc_from(start), ast::AugAssign{std::move(first), *op, std::move(value)});
  }

  if (at(Tok::Equal)) {
    ast::ExprList targets;
    targets.push_back(std::move(first));
    ast::ExprPtr value;
    size_t value_start = pos_;
    while (accept(Tok::Equal)) {
      value_start = pos_;
      ast::ExprPtr rhs = at(Tok::Yield) ? yield_expr() : star_expressions();
      if (at(Tok::Equal)) {
        targets.push_back(std::move(rhs));
      } else {
        value = std::move(rhs);
      }
    }
    for (size_t i = 0; i < targets.size(); ++i) {
      const ast::Expr& t = *targets[i];
      if (is_yield(t)) fail_loc(t.loc, "assignment to yield expression not possible");
      const ast::Expr* bad = invalid_target(t, Targets::Star);
      if (!bad) continue;
      // CPython's invalid_named_expression: `f() = 1` reads as a mistaken
      // comparison when a single '=' joins two bitwise_or expressions.
      if (i == 0 && targets.size() == 1 && (parenthesized || is_bitwise_or_level(t))) {
        Tok vk = ts_.tokens[value_start].kind;
        bool display_start = first_tok.kind == Tok::True || first_tok.kind == Tok::False ||
                             first_tok.kind == Tok::None;
        if (first_tok.kind == Tok::LPar || first_tok.kind == Tok::LSqb) {
          const size_t save = pos_, save_max = max_pos_;
          pos_ = start;
          ++no_invalid_;
          try {
            ast::ExprPtr a = atom();
            display_start = std::holds_alternative<ast::List>(a->node) ||
                            std::holds_alternative<ast::Tuple>(a->node) ||
                            std::holds_alternative<ast::GeneratorExp>(a->node);
          } catch (const ParseFailure&) {
          }
          --no_invalid_;
          pos_ = save;
          max_pos_ = save_max;
        }
        if (!display_start && vk != Tok::Not && vk != Tok::Lambda && vk != Tok::Star &&
            vk != Tok::Yield)
          fail_loc(t.loc, std::string("cannot assign to ") + expr_name(t) +
                              " here. Maybe you meant '==' instead of '='?");
      }
      fail_loc(bad->loc, std::string("cannot assign to ") + expr_name(*bad));
    }
    for (auto& t : targets) set_context(*t, ast::Ctx::Store);
    return make_stmt(loc_from(start), ast::Assign{std::move(targets), std::move(value)});
  }

  if (at(Tok::ColonEqual) && !std::holds_alternative<ast::Name>(first->node))
    fail_loc(first->loc, std::string("cannot use assignment expressions with ") + expr_name(*first));
  return make_stmt(loc_from(start), ast::ExprStmt{std::move(first)});
}

ast::StmtList Parser::block(const std::string& what, int line) {
  ast::StmtList body;
  if (at(Tok::Newline)) {
    next();
    if (!at(Tok::Indent))
      fail_tok(cur(), "expected an indented block after " + what + " on line " + std::to_string(line));
    next();
    statements_until(Tok::Dedent, body);
    next();
    return body;
  }
  simple_stmts(body);
  return body;
}

void Parser::expect_colon_or_newline_error() {
  // CPython's invalid_*_stmt rules: a header followed by NEWLINE lacks its
  // colon; anything else is plain invalid syntax.
  if (at(Tok::Colon)) {
    next();
    return;
  }
  if (at(Tok::Newline)) fail_tok(cur(), "expected ':'");
  invalid_syntax();
}

ast::StmtPtr Parser::if_stmt() {
  struct Clause {
    size_t start;
    ast::ExprPtr test;
    ast::StmtList body;
  };
  std::vector<Clause> clauses;
  do {
    Clause c;
    c.start = pos_;
    const Token& kw = next();
    c.test = named_expression();
    expect_colon_or_newline_error();
    c.body = block(kw.kind == Tok::If ? "'if' statement" : "'elif' statement", kw.line);
    clauses.push_back(std::move(c));
    if (depth_ + static_cast<int>(clauses.size()) > kMaxDepth) too_deep();
  } while (at(Tok::Elif));
  ast::StmtList orelse;
  if (at(Tok::Else)) orelse = else_block();
  // Every clause ends where the whole statement ends.
  const Token& end = last_consumed();
  ast::StmtPtr node;
  for (size_t i = clauses.size(); i-- > 0;) {
    ast::StmtList tail;
    if (node) tail.push_back(std::move(node));
    else tail = std::move(orelse);
    const Token& s = ts_.tokens[clauses[i].start];
    node = make_stmt(ast::Loc{s.line, s.col, end.end_line, end.end_col},
                     ast::If{std::move(clauses[i].test), std::move(clauses[i].body), std::move(tail)});
  }
  return node;
}

ast::StmtList Parser::else_block() {
  const Token& kw = next();
  expect_forced(Tok::Colon);
  return block("'else' statement", kw.line);
}

ast::StmtPtr Parser::while_stmt() {
  const size_t start = pos_;
  const Token& kw = next();
  ast::ExprPtr test = named_expression();
  expect_colon_or_newline_error();
  ast::StmtList body = block("'while' statement", kw.line);
  ast::StmtList orelse;
  if (at(Tok::Else)) orelse = else_block();
  return make_stmt(loc_from(start), ast::While{std::move(test), std::move(body), std::move(orelse)});
}

ast::StmtPtr Parser::for_stmt(size_t start) {
  const bool is_async = accept(Tok::Async);
  const Token& kw = expect(Tok::For);
  ast::ExprPtr target = star_targets();
  check_targets(*target, Targets::For);
  if (!at(Tok::In)) invalid_syntax();
  next();
  set_context(*target, ast::Ctx::Store);
  ast::ExprPtr iter = star_expressions();
  expect_colon_or_newline_error();
  ast::StmtList body = block("'for' statement", kw.line);
  ast::StmtList orelse;
  if (at(Tok::Else)) orelse = else_block();
  ast::For node{std::move(target), std::move(iter), std::move(body), std::move(orelse), is_async};
  return make_stmt(loc_from(start), std::move(node));
}

ast::WithItem Parser::with_item() {
  ast::WithItem w;
  w.context_expr = expression();
  if (accept(Tok::As)) {
    ast::ExprPtr target = star_target();
    check_targets(*target, Targets::Star);
    if (!at(Tok::Comma) && !at(Tok::RPar) && !at(Tok::Colon)) invalid_syntax();
    set_context(*target, ast::Ctx::Store);
    w.optional_vars = std::move(target);
  }
  return w;
}

bool Parser::with_items_parenthesized(std::vector<ast::WithItem>& items) {
  // 'with' '(' ','.with_item+ ','? ')' ':' -- tried first, as CPython does;
  // `with (a, b):` is two context managers, not a tuple.
  try {
    next();
    do {
      if (at(Tok::RPar) && !items.empty()) break;
      items.push_back(with_item());
    } while (accept(Tok::Comma));
    if (!at(Tok::RPar) || kind(1) != Tok::Colon) return false;
    next();
    return true;
  } catch (const ParseFailure& f) {
    if (f.kind == ParseFailure::Kind::Lexer) throw;
    return false;
  }
}

ast::StmtPtr Parser::with_stmt(size_t start) {
  const bool is_async = accept(Tok::Async);
  const Token& kw = expect(Tok::With);
  std::vector<ast::WithItem> items;
  if (at(Tok::LPar)) {
    const size_t save = pos_;
    if (!with_items_parenthesized(items)) {
      pos_ = save;
      items.clear();
    }
  }
  if (items.empty()) {
    do {
      items.push_back(with_item());
    } while (accept(Tok::Comma));
  }
  expect_colon_or_newline_error();
  ast::StmtList body = block("'with' statement", kw.line);
  return make_stmt(loc_from(start), ast::With{std::move(items), std::move(body), is_async});
}

ast::StmtPtr Parser::try_stmt() {
  const size_t start = pos_;
  const Token& kw = next();
  expect_forced(Tok::Colon);
  ast::Try node;
  node.body = block("'try' statement", kw.line);
  bool any_plain = false;
  bool any_star = false;
  while (at(Tok::Except)) {
    const size_t hstart = pos_;
    const Token& ek = next();
    const bool star = accept(Tok::Star);
    if (star && (at(Tok::Colon) || at(Tok::Newline)))
      fail_tok(cur(), "expected one or more exception types");
    if ((star && any_plain) || (!star && any_star))
      fail_tok(ek, "cannot have both 'except' and 'except*' on the same 'try'");
    (star ? any_star : any_plain) = true;
    ast::ExceptHandler h;
    if (!at(Tok::Colon)) {
      if (at(Tok::Newline)) fail_tok(cur(), "expected ':'");
      h.type = expression();
      if (at(Tok::Comma)) fail_loc(h.type->loc, "multiple exception types must be parenthesized");
      if (accept(Tok::As)) h.name = text(expect(Tok::Name));
    }
    expect_colon_or_newline_error();
    h.body = block(star ? "'except*' statement" : "'except' statement", ek.line);
    h.loc = loc_from(hstart);
    node.handlers.push_back(std::move(h));
  }
  node.is_star = any_star;
  if (!node.handlers.empty() && at(Tok::Else)) node.orelse = else_block();
  bool has_finally = false;
  if (at(Tok::Finally)) {
    const Token& fk = next();
    expect_forced(Tok::Colon);
    node.finalbody = block("'finally' statement", fk.line);
    has_finally = true;
  }
  if (node.handlers.empty() && !has_finally) fail_tok(cur(), "expected 'except' or 'finally' block");
  return make_stmt(loc_from(start), std::move(node));
}

ast::Arg Parser::param(bool lambda, bool star_annotation) {
  const size_t s = pos_;
  ast::Arg a;
  a.name = text(expect(Tok::Name));
  if (!lambda && accept(Tok::Colon))
    a.annotation = (star_annotation && at(Tok::Star)) ? star_expression() : expression();
  a.loc = loc_from(s);
  return a;
}

std::unique_ptr<ast::Arguments> Parser::parameters(bool lambda) {
  auto args = std::make_unique<ast::Arguments>();
  const Tok end = lambda ? Tok::Colon : Tok::RPar;
  std::vector<ast::Arg> positional;
  bool seen_slash = false, seen_star = false, seen_kwarg = false, seen_default = false;
  while (!at(end)) {
    const Token& t = cur();
    if (seen_kwarg) {
      if (at(Tok::Name) || at(Tok::Star) || at(Tok::DoubleStar) || at(Tok::Slash))
        fail_tok(t, "arguments cannot follow var-keyword argument");
      invalid_syntax();
    }
    if (at(Tok::Slash)) {
      if (seen_slash) fail_tok(t, "/ may appear only once");
      if (seen_star) fail_tok(t, "/ must be ahead of *");
      if (positional.empty()) {
        if (kind(1) == Tok::Comma) fail_tok(t, "at least one argument must precede /");
        invalid_syntax();
      }
      next();
      seen_slash = true;
      args->posonlyargs = std::move(positional);
      positional.clear();
    } else if (at(Tok::Star)) {
      if (seen_star) fail_tok(t, "* argument may appear only once");
      next();
      seen_star = true;
      if (at(Tok::Comma) || at(end)) {
        if (at(end) || kind(1) == end || kind(1) == Tok::DoubleStar)
          fail_tok(t, "named arguments must follow bare *");
      } else {
        ast::Arg a = param(lambda, !lambda);
        if (at(Tok::Equal)) fail_tok(cur(), "var-positional argument cannot have default value");
        args->vararg = std::move(a);
      }
    } else if (at(Tok::DoubleStar)) {
      next();
      ast::Arg a = param(lambda, false);
      if (at(Tok::Equal)) fail_tok(cur(), "var-keyword argument cannot have default value");
      args->kwarg = std::move(a);
      seen_kwarg = true;
    } else if (at(Tok::Name)) {
      ast::Arg a = param(lambda, false);
      ast::ExprPtr def;
      if (at(Tok::Equal)) {
        const Token& eq = next();
        if (at(Tok::Comma) || at(end)) fail_tok(eq, "expected default value expression");
        def = expression();
      }
      if (seen_star) {
        args->kwonlyargs.push_back(std::move(a));
        args->kw_defaults.push_back(std::move(def));
      } else {
        if (def) {
          seen_default = true;
          args->defaults.push_back(std::move(def));
        } else if (seen_default) {
          fail_tok(t, "non-default argument follows default argument");
        }
        positional.push_back(std::move(a));
      }
    } else if (at(Tok::LPar) && kind(1) == Tok::Name) {
      fail_tok(t, lambda ? "Lambda expression parameters cannot be parenthesized"
                         : "Function parameters cannot be parenthesized");
    } else {
      invalid_syntax();
    }
    if (!accept(Tok::Comma)) {
      if (!at(end)) invalid_syntax();
      break;
    }
  }
  args->args = std::move(positional);
  return args;
}

ast::StmtPtr Parser::function_def(size_t start, ast::ExprList decorators) {
  const bool is_async = accept(Tok::Async);
  const Token& kw = expect(Tok::Def);
  std::string name = text(expect(Tok::Name));
  expect_forced(Tok::LPar);
  std::unique_ptr<ast::Arguments> args = parameters(false);
  expect(Tok::RPar);
  ast::ExprPtr returns;
  if (accept(Tok::RArrow)) returns = expression();
  expect_forced(Tok::Colon);
  ast::StmtList body = block("function definition", kw.line);
  ast::FunctionDef node{std::move(name), std::move(args), std::move(body), std::move(decorators),
                        std::move(returns), is_async};
  return make_stmt(loc_from(start), std::move(node));
}

ast::StmtPtr Parser::class_def(size_t start, ast::ExprList decorators) {
  const Token& kw = next();
  ast::ClassDef node;
  node.name = text(expect(Tok::Name));
  if (at(Tok::LPar)) {
    const size_t open = pos_;
    next();
    call_arguments(open, false, node.bases, node.keywords);
  }
  expect_colon_or_newline_error();
  node.body = block("class definition", kw.line);
  node.decorator_list = std::move(decorators);
  return make_stmt(loc_from(start), std::move(node));
}

ast::StmtPtr Parser::decorated() {
  ast::ExprList decorators;
  while (at(Tok::At)) {
    next();
    decorators.push_back(named_expression());
    expect(Tok::Newline);
  }
  const size_t start = pos_;
  if (at(Tok::Def) || (at(Tok::Async) && kind(1) == Tok::Def))
    return function_def(start, std::move(decorators));
  if (at(Tok::Class)) return class_def(start, std::move(decorators));
  invalid_syntax();
}

bool Parser::try_match_stmt(ast::StmtList& out) {
  // "match" subject_expr ':' NEWLINE INDENT case_block+ DEDENT.  The
  // subject is parsed to tell the statement from a use of the name `match`;
  // the cases are skipped, and the statement becomes a placeholder that the
  // compiler refuses.
  const size_t start = pos_;
  const size_t save_max = max_pos_;
  bool is_match = false;
  ++no_invalid_;
  try {
    next();
    if (starts_expression(kind()) || at(Tok::Star)) {
      star_named_expression();
      while (accept(Tok::Comma) && (starts_expression(kind()) || at(Tok::Star)))
        star_named_expression();
      is_match = at(Tok::Colon) && kind(1) == Tok::Newline;
    }
  } catch (const ParseFailure& f) {
    --no_invalid_;
    if (f.kind == ParseFailure::Kind::Lexer) throw;
    pos_ = start;
    max_pos_ = save_max;
    return false;
  }
  --no_invalid_;
  if (!is_match) {
    pos_ = start;
    max_pos_ = save_max;
    return false;
  }
  const int line = ts_.tokens[start].line;
  next();  // ':'
  next();  // NEWLINE
  if (!at(Tok::Indent))
    fail_tok(cur(), "expected an indented block after 'match' statement on line " +
                        std::to_string(line));
  int depth = 0;
  do {
    if (at(Tok::EndMarker)) break;
    const Tok k = next().kind;
    if (k == Tok::Indent) ++depth;
    if (k == Tok::Dedent) --depth;
  } while (depth > 0);
  out.push_back(make_stmt(loc_from(start), ast::Match{}));
  return true;
}

std::string Parser::dotted_name() {
  std::string name = text(expect(Tok::Name));
  while (accept(Tok::Dot)) name += "." + text(expect(Tok::Name));
  return name;
}

ast::Alias Parser::dotted_as_name() {
  const size_t s = pos_;
  ast::Alias a;
  a.name = dotted_name();
  if (accept(Tok::As)) a.asname = text(expect(Tok::Name));
  a.loc = loc_from(s);
  return a;
}

ast::StmtPtr Parser::import_name() {
  const size_t start = pos_;
  next();
  std::vector<ast::Alias> names;
  do {
    names.push_back(dotted_as_name());
  } while (accept(Tok::Comma));
  return make_stmt(loc_from(start), ast::Import{std::move(names)});
}

ast::StmtPtr Parser::import_from() {
  const size_t start = pos_;
  next();
  ast::ImportFrom node;
  while (at(Tok::Dot) || at(Tok::Ellipsis)) node.level += next().kind == Tok::Dot ? 1 : 3;
  if (at(Tok::Name)) node.module = dotted_name();
  else if (node.level == 0) invalid_syntax();
  expect(Tok::Import);
  auto one = [&] {
    const size_t s = pos_;
    ast::Alias a;
    a.name = text(expect(Tok::Name));
    if (accept(Tok::As)) a.asname = text(expect(Tok::Name));
    a.loc = loc_from(s);
    node.names.push_back(std::move(a));
  };
  if (at(Tok::Star)) {
    const size_t s = pos_;
    next();
    node.names.push_back(ast::Alias{"*", std::nullopt, loc_from(s)});
  } else if (accept(Tok::LPar)) {
    one();
    while (accept(Tok::Comma) && !at(Tok::RPar)) one();
    expect(Tok::RPar);
  } else {
    one();
    while (at(Tok::Comma)) {
      next();
      if (at(Tok::Newline)) fail_tok(cur(), "trailing comma not allowed without surrounding parentheses");
      one();
    }
  }
  return make_stmt(loc_from(start), std::move(node));
}

}  // namespace detail

ast::Module parse(std::string_view source, const std::string& filename) {
  TokenStream ts = tokenize(source, filename);
  detail::Parser p(ts, filename);
  try {
    return p.file();
  } catch (const detail::ParseFailure& f) {
    if (f.kind == detail::ParseFailure::Kind::Syntax && ts.error) {
      const LexError& le = *ts.error;
      if (le.rank == LexError::Rank::Overrides ||
          (le.rank == LexError::Rank::Unclosed && f.diag.line > le.bracket_line))
        throw CompileError(le.diag);
    }
    throw CompileError(f.diag);
  }
}

}  // namespace vm
