// Internals of the parser (vm/parser.h), shared by parser.cpp (statements),
// parser_expr.cpp (expressions and targets) and parser_strings.cpp (string
// literals and f-strings).
//
// Positions: a node starts at the first token of the grammar rule that builds
// it and ends at the last token that rule consumed, skipping NEWLINE, INDENT
// and DEDENT (CPython's EXTRA and _PyPegen_get_last_nonnwhitespace_token).
// That is why `(a).b` starts at the parenthesis while `(a)` alone is the
// name's own node.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <string>
#include <vector>

#include "vm/ast.h"
#include "vm/diagnostic.h"
#include "vm/lexer.h"

namespace vm::detail {

// How deep expressions and statements may nest.  CPython 3.11 gives up
// between 2500 and 3000 levels (MemoryError or RecursionError); we stop a
// little earlier with a SyntaxError so that neither we nor the compiler
// behind us can run out of stack.
constexpr int kMaxDepth = 2000;

// A syntax error on its way out of the parser.  parse() ranks it against a
// tokenizer error further down the file (see LexError) before reporting.
struct ParseFailure {
  enum class Kind {
    Syntax,            // found by the parser
    Lexer,             // the tokenizer's error, reached by reading on
    UnexpectedIndent,  // CPython reports it without looking further
  };
  Diagnostic diag;
  Kind kind = Kind::Syntax;
};

// An operator token of a left-associative rule and the operator it makes.
struct BinOpTok {
  Tok tok;
  ast::BinOpKind op;
};

// Which assignment targets a check is about (CPython's TARGETS_TYPE).
enum class Targets { Star, Del, For };

class Parser {
 public:
  // `depth` is the nesting already used by enclosing parsers (f-strings);
  // `fstring` makes error messages start "f-string: " as CPython's do.
  Parser(const TokenStream& ts, const std::string& filename, int depth = 0, bool fstring = false);

  ast::Module file();
  // The replacement field of an f-string, tokenized as "(expr)".
  ast::ExprPtr fstring_replacement();

 private:
  friend struct DepthGuard;

  // ---- tokens ----
  const Token& tok(size_t i);
  const Token& cur() { return tok(pos_); }
  Tok kind(size_t ahead = 0) { return tok(pos_ + ahead).kind; }
  bool at(Tok k) { return kind() == k; }
  bool accept(Tok k);
  const Token& next();                 // consumes the current token
  const Token& expect(Tok k);          // else "invalid syntax"
  const Token& expect_forced(Tok k);   // else "expected 'k'" at the current token
  std::string text(const Token& t) const { return std::string(ts_.text(t)); }
  bool at_soft_keyword(const char* word);
  bool at_augassign();
  static bool starts_expression(Tok k);

  // ---- positions ----
  ast::Loc loc_from(size_t start_index);
  const Token& last_consumed();

  // ---- errors ----
  [[noreturn]] void fail_tok(const Token& t, const std::string& msg);
  [[noreturn]] void fail_loc(const ast::Loc& loc, const std::string& msg);
  [[noreturn]] void fail_pos(int line, int offset, const std::string& msg);
  [[noreturn]] void invalid_syntax();  // at the furthest token read, as CPython
  [[noreturn]] void too_deep();

  // ---- statements (parser.cpp) ----
  void statements_until(Tok end, ast::StmtList& out);
  void statement(ast::StmtList& out);
  void simple_stmts(ast::StmtList& out);
  ast::StmtPtr simple_stmt();
  ast::StmtPtr expression_stmt();
  ast::StmtList block(const std::string& what, int line);
  ast::StmtPtr if_stmt();
  ast::StmtPtr while_stmt();
  ast::StmtPtr for_stmt(size_t start);
  ast::StmtPtr with_stmt(size_t start);
  bool with_items_parenthesized(std::vector<ast::WithItem>& items);
  ast::WithItem with_item();
  ast::StmtPtr try_stmt();
  ast::StmtList else_block();
  ast::StmtPtr function_def(size_t start, ast::ExprList decorators);
  ast::StmtPtr class_def(size_t start, ast::ExprList decorators);
  ast::StmtPtr decorated();
  bool try_match_stmt(ast::StmtList& out);
  ast::StmtPtr import_name();
  ast::StmtPtr import_from();
  ast::Alias dotted_as_name();
  std::string dotted_name();
  std::unique_ptr<ast::Arguments> parameters(bool lambda);
  ast::Arg param(bool lambda, bool star_annotation);
  void expect_colon_or_newline_error();

  // ---- expressions (parser_expr.cpp) ----
  ast::ExprPtr star_expressions();
  ast::ExprPtr star_expression();
  ast::ExprPtr star_named_expression();
  ast::ExprPtr named_expression();
  ast::ExprPtr expression();
  ast::ExprPtr disjunction();
  ast::ExprPtr conjunction();
  ast::ExprPtr inversion();
  ast::ExprPtr comparison();
  ast::ExprPtr bitwise_or();
  ast::ExprPtr bitwise_xor();
  ast::ExprPtr bitwise_and();
  ast::ExprPtr shift_expr();
  ast::ExprPtr sum();
  ast::ExprPtr term();
  ast::ExprPtr left_assoc(ast::ExprPtr (Parser::*operand)(), std::initializer_list<BinOpTok> ops);
  ast::ExprPtr factor();
  ast::ExprPtr power();
  ast::ExprPtr await_primary();
  ast::ExprPtr primary();
  ast::ExprPtr atom();
  ast::ExprPtr paren_atom();
  ast::ExprPtr bracket_atom();
  ast::ExprPtr brace_atom();
  ast::ExprPtr slices();
  ast::ExprPtr slice();
  ast::ExprPtr lambdef();
  ast::ExprPtr yield_expr();
  ast::ExprPtr number(const Token& t);
  void call_arguments(size_t open, bool allow_genexp, ast::ExprList& args,
                      std::vector<ast::Keyword>& keywords);
  std::vector<ast::Comprehension> for_if_clauses();
  ast::ExprPtr star_targets();
  ast::ExprPtr star_target();
  void check_forgot_comma(size_t start, const ast::Expr& a);
  void check_legacy_print(size_t start, const ast::Expr& a);

  // ---- strings (parser_strings.cpp) ----
  ast::ExprPtr strings();

  // ---- targets (parser_expr.cpp) ----
  static void set_context(ast::Expr& e, ast::Ctx ctx);
  static const ast::Expr* invalid_target(const ast::Expr& e, Targets type);
  static const char* expr_name(const ast::Expr& e);
  void check_targets(const ast::Expr& e, Targets type);

 public:
  // String support for parser_strings.cpp (kept public for its helpers).
  const TokenStream& tokens() const { return ts_; }
  const std::string& filename() const { return file_; }
  int depth() const { return depth_; }
  size_t position() const { return pos_; }
  [[noreturn]] void fail_at_current(const std::string& msg) { fail_tok(cur(), msg); }

 private:
  const TokenStream& ts_;
  const std::string& file_;
  size_t pos_ = 0;
  size_t max_pos_ = 0;  // the furthest token read, where "invalid syntax" points
  int depth_ = 0;
  int no_invalid_ = 0;  // > 0 while trying a parse for an error message only
  bool fstring_ = false;
};

// Counts one level of nesting for the life of the guard.
struct DepthGuard {
  explicit DepthGuard(Parser& p, int levels = 1) : p_(p), levels_(levels) {
    p_.depth_ += levels_;
    if (p_.depth_ > kMaxDepth) {
      p_.depth_ -= levels_;
      p_.too_deep();
    }
  }
  ~DepthGuard() { p_.depth_ -= levels_; }
  DepthGuard(const DepthGuard&) = delete;
  DepthGuard& operator=(const DepthGuard&) = delete;

 private:
  Parser& p_;
  int levels_;
};

// Helpers to build nodes.
template <typename T>
ast::ExprPtr make_expr(const ast::Loc& loc, T&& node) {
  auto e = std::make_unique<ast::Expr>();
  e->loc = loc;
  e->node = std::forward<T>(node);
  return e;
}
template <typename T>
ast::StmtPtr make_stmt(const ast::Loc& loc, T&& node) {
  auto s = std::make_unique<ast::Stmt>();
  s->loc = loc;
  s->node = std::forward<T>(node);
  return s;
}

}  // namespace vm::detail
