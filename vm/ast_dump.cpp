// ast.dump(..., include_attributes=True), see ast_dump.h.
#include "vm/ast_dump.h"

#include <type_traits>

namespace vm::ast {

namespace {

template <class>
inline constexpr bool kAlwaysFalse = false;

const char* op_name(BinOpKind k) {
  switch (k) {
    case BinOpKind::Add: return "Add()";
    case BinOpKind::Sub: return "Sub()";
    case BinOpKind::Mult: return "Mult()";
    case BinOpKind::MatMult: return "MatMult()";
    case BinOpKind::Div: return "Div()";
    case BinOpKind::Mod: return "Mod()";
    case BinOpKind::Pow: return "Pow()";
    case BinOpKind::LShift: return "LShift()";
    case BinOpKind::RShift: return "RShift()";
    case BinOpKind::BitOr: return "BitOr()";
    case BinOpKind::BitXor: return "BitXor()";
    case BinOpKind::BitAnd: return "BitAnd()";
    case BinOpKind::FloorDiv: return "FloorDiv()";
  }
  return "?";
}

const char* op_name(UnaryOpKind k) {
  switch (k) {
    case UnaryOpKind::Invert: return "Invert()";
    case UnaryOpKind::Not: return "Not()";
    case UnaryOpKind::UAdd: return "UAdd()";
    case UnaryOpKind::USub: return "USub()";
  }
  return "?";
}

const char* op_name(CmpOpKind k) {
  switch (k) {
    case CmpOpKind::Eq: return "Eq()";
    case CmpOpKind::NotEq: return "NotEq()";
    case CmpOpKind::Lt: return "Lt()";
    case CmpOpKind::LtE: return "LtE()";
    case CmpOpKind::Gt: return "Gt()";
    case CmpOpKind::GtE: return "GtE()";
    case CmpOpKind::Is: return "Is()";
    case CmpOpKind::IsNot: return "IsNot()";
    case CmpOpKind::In: return "In()";
    case CmpOpKind::NotIn: return "NotIn()";
  }
  return "?";
}

const char* ctx_name(Ctx c) {
  switch (c) {
    case Ctx::Load: return "Load()";
    case Ctx::Store: return "Store()";
    case Ctx::Del: return "Del()";
  }
  return "?";
}

// Writes one node as `Name(field=value, ..., lineno=..., ...)`.
class Dumper {
 public:
  std::string out;

  void module(const Module& m) {
    out += "Module(body=";
    stmts(m.body);
    out += ", type_ignores=[])";
  }

  void expr(const Expr& e) {
    std::visit([&](const auto& n) { expr_node(n); }, e.node);
    loc(e.loc);
    out += ')';
  }

  void stmt(const Stmt& s) {
    std::visit([&](const auto& n) { stmt_node(n); }, s.node);
    loc(s.loc);
    out += ')';
  }

 private:
  // Field writers: each writes ", name=value" (the first field of a node
  // is written by `open`, which leaves the separator pending).
  void open(const char* name) {
    out += name;
    out += '(';
    first_ = true;
  }
  void key(const char* name) {
    if (!first_) out += ", ";
    first_ = false;
    out += name;
    out += '=';
  }
  void field(const char* name, const ExprPtr& e) {
    if (!e) return;
    key(name);
    expr(*e);
    first_ = false;
  }
  void field(const char* name, const ExprList& v) {
    key(name);
    out += '[';
    for (size_t i = 0; i < v.size(); ++i) {
      if (i) out += ", ";
      if (v[i]) expr(*v[i]);
      else out += "None";
    }
    out += ']';
    first_ = false;
  }
  void field(const char* name, const StmtList& v) {
    key(name);
    stmts(v);
    first_ = false;
  }
  void field_raw(const char* name, const std::string& text) {
    key(name);
    out += text;
  }
  void field_str(const char* name, const std::string& s) { field_raw(name, repr_str(s)); }
  void field_str(const char* name, const std::optional<std::string>& s) {
    if (s) field_str(name, *s);
  }
  void field_int(const char* name, long v) { field_raw(name, std::to_string(v)); }

  void stmts(const StmtList& v) {
    out += '[';
    for (size_t i = 0; i < v.size(); ++i) {
      if (i) out += ", ";
      stmt(*v[i]);
    }
    out += ']';
  }

  void loc(const Loc& l) {
    if (!first_) out += ", ";
    first_ = false;
    out += "lineno=" + std::to_string(l.line) + ", col_offset=" + std::to_string(l.col) +
           ", end_lineno=" + std::to_string(l.end_line) +
           ", end_col_offset=" + std::to_string(l.end_col);
  }

  void arg(const Arg& a) {
    open("arg");
    field_str("arg", a.name);
    field("annotation", a.annotation);
    loc(a.loc);
    out += ')';
  }
  void args_list(const char* name, const std::vector<Arg>& v) {
    key(name);
    out += '[';
    for (size_t i = 0; i < v.size(); ++i) {
      if (i) out += ", ";
      arg(v[i]);
    }
    out += ']';
    first_ = false;
  }
  void arguments(const Arguments& a) {
    key("args");
    open("arguments");
    args_list("posonlyargs", a.posonlyargs);
    args_list("args", a.args);
    if (a.vararg) {
      key("vararg");
      arg(*a.vararg);
      first_ = false;
    }
    args_list("kwonlyargs", a.kwonlyargs);
    field("kw_defaults", a.kw_defaults);
    if (a.kwarg) {
      key("kwarg");
      arg(*a.kwarg);
      first_ = false;
    }
    field("defaults", a.defaults);
    out += ')';
    first_ = false;
  }
  void keywords(const std::vector<Keyword>& v) {
    key("keywords");
    out += '[';
    for (size_t i = 0; i < v.size(); ++i) {
      if (i) out += ", ";
      open("keyword");
      field_str("arg", v[i].arg);
      field("value", v[i].value);
      loc(v[i].loc);
      out += ')';
    }
    out += ']';
    first_ = false;
  }
  void generators(const std::vector<Comprehension>& v) {
    key("generators");
    out += '[';
    for (size_t i = 0; i < v.size(); ++i) {
      if (i) out += ", ";
      open("comprehension");
      field("target", v[i].target);
      field("iter", v[i].iter);
      field("ifs", v[i].ifs);
      field_int("is_async", v[i].is_async ? 1 : 0);
      out += ')';
    }
    out += ']';
    first_ = false;
  }
  void aliases(const std::vector<Alias>& v) {
    key("names");
    out += '[';
    for (size_t i = 0; i < v.size(); ++i) {
      if (i) out += ", ";
      open("alias");
      field_str("name", v[i].name);
      field_str("asname", v[i].asname);
      loc(v[i].loc);
      out += ')';
    }
    out += ']';
    first_ = false;
  }
  void names(const std::vector<std::string>& v) {
    key("names");
    out += '[';
    for (size_t i = 0; i < v.size(); ++i) {
      if (i) out += ", ";
      out += repr_str(v[i]);
    }
    out += ']';
  }

  // ---- expressions ----
  template <class T>
  void expr_node(const T& n) {
    if constexpr (std::is_same_v<T, BoolOp>) {
      open("BoolOp");
      field_raw("op", n.op == BoolOpKind::And ? "And()" : "Or()");
      field("values", n.values);
    } else if constexpr (std::is_same_v<T, NamedExpr>) {
      open("NamedExpr");
      field("target", n.target);
      field("value", n.value);
    } else if constexpr (std::is_same_v<T, BinOp>) {
      open("BinOp");
      field("left", n.left);
      field_raw("op", op_name(n.op));
      field("right", n.right);
    } else if constexpr (std::is_same_v<T, UnaryOp>) {
      open("UnaryOp");
      field_raw("op", op_name(n.op));
      field("operand", n.operand);
    } else if constexpr (std::is_same_v<T, Lambda>) {
      open("Lambda");
      arguments(*n.args);
      field("body", n.body);
    } else if constexpr (std::is_same_v<T, IfExp>) {
      open("IfExp");
      field("test", n.test);
      field("body", n.body);
      field("orelse", n.orelse);
    } else if constexpr (std::is_same_v<T, Dict>) {
      open("Dict");
      field("keys", n.keys);
      field("values", n.values);
    } else if constexpr (std::is_same_v<T, Set>) {
      open("Set");
      field("elts", n.elts);
    } else if constexpr (std::is_same_v<T, ListComp> || std::is_same_v<T, SetComp> ||
                         std::is_same_v<T, GeneratorExp>) {
      open(std::is_same_v<T, ListComp> ? "ListComp"
           : std::is_same_v<T, SetComp> ? "SetComp"
                                        : "GeneratorExp");
      field("elt", n.elt);
      generators(n.generators);
    } else if constexpr (std::is_same_v<T, DictComp>) {
      open("DictComp");
      field("key", n.key);
      field("value", n.value);
      generators(n.generators);
    } else if constexpr (std::is_same_v<T, Await>) {
      open("Await");
      field("value", n.value);
    } else if constexpr (std::is_same_v<T, Yield>) {
      open("Yield");
      field("value", n.value);
    } else if constexpr (std::is_same_v<T, YieldFrom>) {
      open("YieldFrom");
      field("value", n.value);
    } else if constexpr (std::is_same_v<T, Compare>) {
      open("Compare");
      field("left", n.left);
      key("ops");
      out += '[';
      for (size_t i = 0; i < n.ops.size(); ++i) {
        if (i) out += ", ";
        out += op_name(n.ops[i]);
      }
      out += ']';
      field("comparators", n.comparators);
    } else if constexpr (std::is_same_v<T, Call>) {
      open("Call");
      field("func", n.func);
      field("args", n.args);
      keywords(n.keywords);
    } else if constexpr (std::is_same_v<T, FormattedValue>) {
      open("FormattedValue");
      field("value", n.value);
      field_int("conversion", n.conversion);
      field("format_spec", n.format_spec);
    } else if constexpr (std::is_same_v<T, JoinedStr>) {
      open("JoinedStr");
      field("values", n.values);
    } else if constexpr (std::is_same_v<T, ConstantExpr>) {
      open("Constant");
      field_raw("value", repr(n.value));
      field_str("kind", n.kind);
    } else if constexpr (std::is_same_v<T, Attribute>) {
      open("Attribute");
      field("value", n.value);
      field_str("attr", n.attr);
      field_raw("ctx", ctx_name(n.ctx));
    } else if constexpr (std::is_same_v<T, Subscript>) {
      open("Subscript");
      field("value", n.value);
      field("slice", n.slice);
      field_raw("ctx", ctx_name(n.ctx));
    } else if constexpr (std::is_same_v<T, Starred>) {
      open("Starred");
      field("value", n.value);
      field_raw("ctx", ctx_name(n.ctx));
    } else if constexpr (std::is_same_v<T, Name>) {
      open("Name");
      field_str("id", n.id);
      field_raw("ctx", ctx_name(n.ctx));
    } else if constexpr (std::is_same_v<T, List> || std::is_same_v<T, Tuple>) {
      open(std::is_same_v<T, List> ? "List" : "Tuple");
      field("elts", n.elts);
      field_raw("ctx", ctx_name(n.ctx));
    } else if constexpr (std::is_same_v<T, Slice>) {
      open("Slice");
      field("lower", n.lower);
      field("upper", n.upper);
      field("step", n.step);
    } else {
      static_assert(kAlwaysFalse<T>, "unhandled expression node");
    }
  }

  // ---- statements ----
  template <class T>
  void stmt_node(const T& n) {
    if constexpr (std::is_same_v<T, FunctionDef>) {
      open(n.is_async ? "AsyncFunctionDef" : "FunctionDef");
      field_str("name", n.name);
      arguments(*n.args);
      field("body", n.body);
      field("decorator_list", n.decorator_list);
      field("returns", n.returns);
    } else if constexpr (std::is_same_v<T, ClassDef>) {
      open("ClassDef");
      field_str("name", n.name);
      field("bases", n.bases);
      keywords(n.keywords);
      field("body", n.body);
      field("decorator_list", n.decorator_list);
    } else if constexpr (std::is_same_v<T, Return>) {
      open("Return");
      field("value", n.value);
    } else if constexpr (std::is_same_v<T, Delete>) {
      open("Delete");
      field("targets", n.targets);
    } else if constexpr (std::is_same_v<T, Assign>) {
      open("Assign");
      field("targets", n.targets);
      field("value", n.value);
    } else if constexpr (std::is_same_v<T, AugAssign>) {
      open("AugAssign");
      field("target", n.target);
      field_raw("op", op_name(n.op));
      field("value", n.value);
    } else if constexpr (std::is_same_v<T, AnnAssign>) {
      open("AnnAssign");
      field("target", n.target);
      field("annotation", n.annotation);
      field("value", n.value);
      field_int("simple", n.simple ? 1 : 0);
    } else if constexpr (std::is_same_v<T, For>) {
      open(n.is_async ? "AsyncFor" : "For");
      field("target", n.target);
      field("iter", n.iter);
      field("body", n.body);
      field("orelse", n.orelse);
    } else if constexpr (std::is_same_v<T, While>) {
      open("While");
      field("test", n.test);
      field("body", n.body);
      field("orelse", n.orelse);
    } else if constexpr (std::is_same_v<T, If>) {
      open("If");
      field("test", n.test);
      field("body", n.body);
      field("orelse", n.orelse);
    } else if constexpr (std::is_same_v<T, With>) {
      open(n.is_async ? "AsyncWith" : "With");
      key("items");
      out += '[';
      for (size_t i = 0; i < n.items.size(); ++i) {
        if (i) out += ", ";
        open("withitem");
        field("context_expr", n.items[i].context_expr);
        field("optional_vars", n.items[i].optional_vars);
        out += ')';
      }
      out += ']';
      first_ = false;
      field("body", n.body);
    } else if constexpr (std::is_same_v<T, Raise>) {
      open("Raise");
      field("exc", n.exc);
      field("cause", n.cause);
    } else if constexpr (std::is_same_v<T, Try>) {
      open(n.is_star ? "TryStar" : "Try");
      field("body", n.body);
      key("handlers");
      out += '[';
      for (size_t i = 0; i < n.handlers.size(); ++i) {
        if (i) out += ", ";
        const ExceptHandler& h = n.handlers[i];
        open("ExceptHandler");
        field("type", h.type);
        field_str("name", h.name);
        field("body", h.body);
        loc(h.loc);
        out += ')';
      }
      out += ']';
      first_ = false;
      field("orelse", n.orelse);
      field("finalbody", n.finalbody);
    } else if constexpr (std::is_same_v<T, Assert>) {
      open("Assert");
      field("test", n.test);
      field("msg", n.msg);
    } else if constexpr (std::is_same_v<T, Import>) {
      open("Import");
      aliases(n.names);
    } else if constexpr (std::is_same_v<T, ImportFrom>) {
      open("ImportFrom");
      field_str("module", n.module);
      aliases(n.names);
      field_int("level", n.level);
    } else if constexpr (std::is_same_v<T, Global>) {
      open("Global");
      names(n.names);
    } else if constexpr (std::is_same_v<T, Nonlocal>) {
      open("Nonlocal");
      names(n.names);
    } else if constexpr (std::is_same_v<T, ExprStmt>) {
      open("Expr");
      field("value", n.value);
    } else if constexpr (std::is_same_v<T, Pass>) {
      open("Pass");
    } else if constexpr (std::is_same_v<T, Break>) {
      open("Break");
    } else if constexpr (std::is_same_v<T, Continue>) {
      open("Continue");
    } else if constexpr (std::is_same_v<T, Match>) {
      open("Match");
    } else {
      static_assert(kAlwaysFalse<T>, "unhandled statement node");
    }
  }

  bool first_ = true;  // no field written yet in the innermost open node
};

}  // namespace

std::string dump(const Module& mod) {
  Dumper d;
  d.module(mod);
  return std::move(d.out);
}

std::string dump(const Expr& e) {
  Dumper d;
  d.expr(e);
  return std::move(d.out);
}

std::string dump(const Stmt& s) {
  Dumper d;
  d.stmt(s);
  return std::move(d.out);
}

}  // namespace vm::ast
