// The abstract syntax tree, shaped like CPython 3.11's `ast` module
// (Parser/Python.asdl) so that the parser can be checked node for node against
// `ast.dump(ast.parse(src), include_attributes=True)` and the compiler can
// follow Python/compile.c closely.
//
// The parser accepts more of Python than the compiler supports: the compiler
// refuses the rest at the node's own location ("lambda is not supported"),
// which gives better messages than a parse error would.
//
// Ownership: every node owns its children through unique_ptr; optional
// children are null pointers.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "vm/constant.h"

namespace vm::ast {

// A source span as CPython records it: lines are 1-based, columns are 0-based
// offsets in UTF-8 bytes; end_col is one past the last byte.
struct Loc {
  int line = 0;
  int col = 0;
  int end_line = 0;
  int end_col = 0;
};

struct Expr;
struct Stmt;
using ExprPtr = std::unique_ptr<Expr>;
using StmtPtr = std::unique_ptr<Stmt>;
using ExprList = std::vector<ExprPtr>;
using StmtList = std::vector<StmtPtr>;

enum class Ctx { Load, Store, Del };
enum class BoolOpKind { And, Or };
enum class BinOpKind {
  Add, Sub, Mult, MatMult, Div, Mod, Pow, LShift, RShift, BitOr, BitXor, BitAnd, FloorDiv
};
enum class UnaryOpKind { Invert, Not, UAdd, USub };
enum class CmpOpKind { Eq, NotEq, Lt, LtE, Gt, GtE, Is, IsNot, In, NotIn };

struct Arg {  // a parameter
  std::string name;
  ExprPtr annotation;  // may be null
  Loc loc;
};

struct Arguments {
  std::vector<Arg> posonlyargs;
  std::vector<Arg> args;
  std::optional<Arg> vararg;
  std::vector<Arg> kwonlyargs;
  ExprList kw_defaults;  // one per kwonlyarg; null where there is no default
  std::optional<Arg> kwarg;
  ExprList defaults;     // for the last len(defaults) of posonlyargs + args
};

struct Keyword {
  std::optional<std::string> arg;  // nullopt for **kwargs
  ExprPtr value;
  Loc loc;
};

struct Alias {
  std::string name;                  // may be dotted: "os.path"; "*" for star import
  std::optional<std::string> asname;
  Loc loc;
};

struct WithItem {
  ExprPtr context_expr;
  ExprPtr optional_vars;  // may be null
};

struct ExceptHandler {
  ExprPtr type;                     // may be null (bare except)
  std::optional<std::string> name;  // `as name`
  StmtList body;
  Loc loc;
};

struct Comprehension {
  ExprPtr target;
  ExprPtr iter;
  ExprList ifs;
  bool is_async = false;
};

// ---- expressions ----
struct BoolOp { BoolOpKind op; ExprList values; };
struct NamedExpr { ExprPtr target; ExprPtr value; };
struct BinOp { ExprPtr left; BinOpKind op; ExprPtr right; };
struct UnaryOp { UnaryOpKind op; ExprPtr operand; };
struct Lambda { std::unique_ptr<Arguments> args; ExprPtr body; };
struct IfExp { ExprPtr test; ExprPtr body; ExprPtr orelse; };
struct Dict { ExprList keys; ExprList values; };  // a null key means `**value`
struct Set { ExprList elts; };
struct ListComp { ExprPtr elt; std::vector<Comprehension> generators; };
struct SetComp { ExprPtr elt; std::vector<Comprehension> generators; };
struct DictComp { ExprPtr key; ExprPtr value; std::vector<Comprehension> generators; };
struct GeneratorExp { ExprPtr elt; std::vector<Comprehension> generators; };
struct Await { ExprPtr value; };
struct Yield { ExprPtr value; };  // value may be null
struct YieldFrom { ExprPtr value; };
struct Compare { ExprPtr left; std::vector<CmpOpKind> ops; ExprList comparators; };
struct Call { ExprPtr func; ExprList args; std::vector<Keyword> keywords; };
// conversion: -1 none, 's', 'r' or 'a' (as ints, like CPython)
struct FormattedValue { ExprPtr value; int conversion = -1; ExprPtr format_spec; };
struct JoinedStr { ExprList values; };
struct ConstantExpr { Constant value; std::optional<std::string> kind; };  // kind "u" for u"..."
struct Attribute { ExprPtr value; std::string attr; Ctx ctx; };
struct Subscript { ExprPtr value; ExprPtr slice; Ctx ctx; };
struct Starred { ExprPtr value; Ctx ctx; };
struct Name { std::string id; Ctx ctx; };
struct List { ExprList elts; Ctx ctx; };
struct Tuple { ExprList elts; Ctx ctx; };
struct Slice { ExprPtr lower; ExprPtr upper; ExprPtr step; };  // each may be null

struct Expr {
  Loc loc;
  std::variant<BoolOp, NamedExpr, BinOp, UnaryOp, Lambda, IfExp, Dict, Set, ListComp,
               SetComp, DictComp, GeneratorExp, Await, Yield, YieldFrom, Compare, Call,
               FormattedValue, JoinedStr, ConstantExpr, Attribute, Subscript, Starred,
               Name, List, Tuple, Slice>
      node;
};

// ---- statements ----
struct FunctionDef {
  std::string name;
  std::unique_ptr<Arguments> args;
  StmtList body;
  ExprList decorator_list;
  ExprPtr returns;  // may be null
  bool is_async = false;  // AsyncFunctionDef in CPython's ast
};
struct ClassDef {
  std::string name;
  ExprList bases;
  std::vector<Keyword> keywords;
  StmtList body;
  ExprList decorator_list;
};
struct Return { ExprPtr value; };  // may be null
struct Delete { ExprList targets; };
struct Assign { ExprList targets; ExprPtr value; };
struct AugAssign { ExprPtr target; BinOpKind op; ExprPtr value; };
struct AnnAssign { ExprPtr target; ExprPtr annotation; ExprPtr value; bool simple; };
struct For { ExprPtr target; ExprPtr iter; StmtList body; StmtList orelse; bool is_async = false; };
struct While { ExprPtr test; StmtList body; StmtList orelse; };
struct If { ExprPtr test; StmtList body; StmtList orelse; };
struct With { std::vector<WithItem> items; StmtList body; bool is_async = false; };
struct Raise { ExprPtr exc; ExprPtr cause; };  // both may be null
struct Try {
  StmtList body;
  std::vector<ExceptHandler> handlers;
  StmtList orelse;
  StmtList finalbody;
  bool is_star = false;  // TryStar (except*)
};
struct Assert { ExprPtr test; ExprPtr msg; };  // msg may be null
struct Import { std::vector<Alias> names; };
struct ImportFrom { std::optional<std::string> module; std::vector<Alias> names; int level = 0; };
struct Global { std::vector<std::string> names; };
struct Nonlocal { std::vector<std::string> names; };
struct ExprStmt { ExprPtr value; };
struct Pass {};
struct Break {};
struct Continue {};
// `match` statements are parsed only far enough to refuse them.
struct Match {};

struct Stmt {
  Loc loc;
  std::variant<FunctionDef, ClassDef, Return, Delete, Assign, AugAssign, AnnAssign, For,
               While, If, With, Raise, Try, Assert, Import, ImportFrom, Global, Nonlocal,
               ExprStmt, Pass, Break, Continue, Match>
      node;
};

struct Module {
  StmtList body;
};

}  // namespace vm::ast
