// AST constant folding (Python/ast_opt.c of CPython 3.11); see ast_opt.h.
// Folding never raises: an operation that would fail at run time (1/0,
// 'a' - 1) or produce something too large is simply left unfolded.
#include "vm/ast_opt.h"

#include <algorithm>
#include <cmath>
#include <optional>

namespace vm {

namespace {

using K = Constant::Kind;
using std::optional;

constexpr uint64_t kMaxIntSize = 128;      // bits
constexpr int64_t kMaxCollectionSize = 256;
constexpr int64_t kMaxStrSize = 4096;      // characters
constexpr int64_t kMaxTotalItems = 1024;

template <class... Ts>
struct overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
overloaded(Ts...) -> overloaded<Ts...>;

bool is_int_like(const Constant& c) { return c.kind == K::Int || c.kind == K::Bool; }
bool is_number(const Constant& c) { return is_int_like(c) || c.kind == K::Float; }
BigInt as_int(const Constant& c) { return c.kind == K::Bool ? BigInt(c.b ? 1 : 0) : c.i; }
optional<double> as_double(const Constant& c) {
  if (c.kind == K::Float) return c.f;
  return as_int(c).to_double();
}

size_t utf8_length(const std::string& s) {
  size_t n = 0;
  for (unsigned char ch : s)
    if ((ch & 0xC0) != 0x80) ++n;
  return n;
}

// Python's float floor division and modulo.
optional<Constant> float_divmod(double a, double b, bool want_mod) {
  if (b == 0.0) return std::nullopt;
  double mod = std::fmod(a, b);
  double div = (a - mod) / b;
  if (mod != 0.0) {
    if ((b < 0) != (mod < 0)) {
      mod += b;
      div -= 1.0;
    }
  } else {
    mod = std::copysign(0.0, b);
  }
  double floordiv;
  if (div != 0.0) {
    floordiv = std::floor(div);
    if (div - floordiv > 0.5) floordiv += 1.0;
  } else {
    floordiv = std::copysign(0.0, a / b);
  }
  return Constant::floating(want_mod ? mod : floordiv);
}

optional<int64_t> small_int(const Constant& c) {
  if (!is_int_like(c)) return std::nullopt;
  BigInt v = as_int(c);
  if (!v.fits_int64()) return std::nullopt;
  return v.to_int64();
}

// check_complexity: remaining budget after counting nested tuple items.
int64_t check_complexity(const Constant& c, int64_t limit) {
  if (c.kind == K::Tuple) {
    limit -= static_cast<int64_t>(c.items.size());
    for (size_t i = 0; limit >= 0 && i < c.items.size(); ++i) limit = check_complexity(c.items[i], limit);
  }
  return limit;
}

optional<Constant> repeat(const Constant& seq, const Constant& count) {
  auto n = small_int(count);
  if (!n) return std::nullopt;
  if (seq.kind == K::Str || seq.kind == K::Bytes) {
    size_t size = seq.kind == K::Str ? utf8_length(seq.s) : seq.s.size();
    if (size && (*n < 0 || *n > kMaxStrSize / static_cast<int64_t>(size))) return std::nullopt;
    std::string out;
    for (int64_t i = 0; i < *n; ++i) out += seq.s;
    return seq.kind == K::Str ? Constant::str(out) : Constant::bytes(out);
  }
  if (seq.kind == K::Tuple) {
    int64_t size = static_cast<int64_t>(seq.items.size());
    if (size) {
      if (*n < 0 || *n > kMaxCollectionSize / size) return std::nullopt;
      if (*n && check_complexity(seq, kMaxTotalItems / *n) < 0) return std::nullopt;
    }
    std::vector<Constant> items;
    for (int64_t i = 0; i < *n; ++i) items.insert(items.end(), seq.items.begin(), seq.items.end());
    return Constant::tuple(std::move(items));
  }
  return std::nullopt;
}

optional<Constant> int_or_bool_bitop(const Constant& a, const Constant& b, ast::BinOpKind op) {
  BigInt x = as_int(a), y = as_int(b);
  BigInt r = op == ast::BinOpKind::BitOr ? (x | y) : op == ast::BinOpKind::BitXor ? (x ^ y) : (x & y);
  if (a.kind == K::Bool && b.kind == K::Bool) return Constant::boolean(!r.is_zero());
  return Constant::integer(r);
}

// float.__pow__ raises OverflowError when finite operands give an infinite
// result; +, -, * and / never raise for floats and fold to inf or nan.
optional<Constant> float_pow_result(double x, double y, double v) {
  if (std::isinf(v) && std::isfinite(x) && std::isfinite(y)) return std::nullopt;
  return Constant::floating(v);
}

// Complex arithmetic of Objects/complexobject.c (CPython 3.11).  An operand
// that is not complex is converted as TO_COMPLEX does: (x, 0.0).
struct Cx {
  double re = 0.0, im = 0.0;
};

optional<Cx> as_complex(const Constant& c) {
  if (c.kind == K::Complex) return Cx{c.f, c.imag};
  auto d = as_double(c);  // OverflowError for an int too large for a float
  if (!d) return std::nullopt;
  return Cx{*d, 0.0};
}

Cx c_sum(Cx a, Cx b) { return {a.re + b.re, a.im + b.im}; }
Cx c_diff(Cx a, Cx b) { return {a.re - b.re, a.im - b.im}; }
Cx c_prod(Cx a, Cx b) { return {a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re}; }

// _Py_c_quot; nullopt for ZeroDivisionError (errno EDOM).
optional<Cx> c_quot(Cx a, Cx b) {
  double abs_breal = b.re < 0 ? -b.re : b.re;
  double abs_bimag = b.im < 0 ? -b.im : b.im;
  if (abs_breal >= abs_bimag) {
    if (abs_breal == 0.0) return std::nullopt;
    double ratio = b.im / b.re;
    double denom = b.re + b.im * ratio;
    return Cx{(a.re + a.im * ratio) / denom, (a.im - a.re * ratio) / denom};
  }
  if (abs_bimag >= abs_breal) {
    double ratio = b.re / b.im;
    double denom = b.re * ratio + b.im;
    return Cx{(a.re * ratio + a.im) / denom, (a.im * ratio - a.re) / denom};
  }
  return Cx{std::nan(""), std::nan("")};  // a NaN in b
}

// _Py_c_pow; nullopt for ZeroDivisionError (0 to a negative or complex power).
optional<Cx> c_pow(Cx a, Cx b) {
  if (b.re == 0.0 && b.im == 0.0) return Cx{1.0, 0.0};
  if (a.re == 0.0 && a.im == 0.0) {
    if (b.im != 0.0 || b.re < 0.0) return std::nullopt;
    return Cx{0.0, 0.0};
  }
  double vabs = std::hypot(a.re, a.im);
  double len = std::pow(vabs, b.re);
  double at = std::atan2(a.im, a.re);
  double phase = at * b.re;
  if (b.im != 0.0) {
    len /= std::exp(at * b.im);
    phase += b.im * std::log(vabs);
  }
  return Cx{len * std::cos(phase), len * std::sin(phase)};
}

// c_powu: binary exponentiation for n >= 0.
Cx c_powu(Cx x, long n) {
  Cx r{1.0, 0.0}, p = x;
  for (long mask = 1; mask > 0 && n >= mask; mask <<= 1) {
    if (n & mask) r = c_prod(r, p);
    p = c_prod(p, p);
  }
  return r;
}

// complex_pow: integral exponents up to 100 in magnitude by repeated
// multiplication (c_powi), others by _Py_c_pow; an infinite part is an
// OverflowError (Py_ADJUST_ERANGE2).
optional<Cx> complex_pow(Cx a, Cx b) {
  optional<Cx> p;
  if (b.im == 0.0 && b.re == std::floor(b.re) && std::fabs(b.re) <= 100.0) {
    long n = static_cast<long>(b.re);
    p = n > 0 ? optional<Cx>(c_powu(a, n)) : c_quot(Cx{1.0, 0.0}, c_powu(a, -n));
  } else {
    p = c_pow(a, b);
  }
  if (p && (std::isinf(p->re) || std::isinf(p->im))) return std::nullopt;
  return p;
}

optional<Constant> fold_complex_binop(const Constant& a, const Constant& b, ast::BinOpKind op) {
  using B = ast::BinOpKind;
  auto x = as_complex(a), y = as_complex(b);
  if (!x || !y) return std::nullopt;
  optional<Cx> r;
  switch (op) {
    case B::Add: r = c_sum(*x, *y); break;
    case B::Sub: r = c_diff(*x, *y); break;
    case B::Mult: r = c_prod(*x, *y); break;
    case B::Div: r = c_quot(*x, *y); break;
    case B::Pow: r = complex_pow(*x, *y); break;
    default: return std::nullopt;  // TypeError: no //, %, shifts or bit operations
  }
  if (!r) return std::nullopt;
  return Constant::complex(r->re, r->im);
}

optional<Constant> fold_binop(const Constant& a, const Constant& b, ast::BinOpKind op) {
  using B = ast::BinOpKind;
  // Sequences.
  if (op == B::Add && a.kind == b.kind &&
      (a.kind == K::Str || a.kind == K::Bytes || a.kind == K::Tuple)) {
    if (a.kind == K::Tuple) {
      std::vector<Constant> items = a.items;
      items.insert(items.end(), b.items.begin(), b.items.end());
      return Constant::tuple(std::move(items));
    }
    return a.kind == K::Str ? Constant::str(a.s + b.s) : Constant::bytes(a.s + b.s);
  }
  if (op == B::Mult) {
    if (is_int_like(a) && (b.kind == K::Str || b.kind == K::Bytes || b.kind == K::Tuple))
      return repeat(b, a);
    if (is_int_like(b) && (a.kind == K::Str || a.kind == K::Bytes || a.kind == K::Tuple))
      return repeat(a, b);
  }
  if (a.kind == K::Complex || b.kind == K::Complex) {
    if ((a.kind == K::Complex || is_number(a)) && (b.kind == K::Complex || is_number(b)))
      return fold_complex_binop(a, b, op);
    return std::nullopt;
  }
  if (!is_number(a) || !is_number(b)) return std::nullopt;
  bool ints = is_int_like(a) && is_int_like(b);
  if (ints) {
    BigInt x = as_int(a), y = as_int(b);
    switch (op) {
      case B::Add: return Constant::integer(x + y);
      case B::Sub: return Constant::integer(x - y);
      case B::Mult:
        if (!x.is_zero() && !y.is_zero() && x.bit_length() + y.bit_length() > kMaxIntSize)
          return std::nullopt;
        return Constant::integer(x * y);
      case B::Div: {
        auto q = int_true_divide(x, y);
        if (!q) return std::nullopt;
        return Constant::floating(*q);
      }
      case B::FloorDiv:
        if (y.is_zero()) return std::nullopt;
        return Constant::integer(BigInt::floordiv(x, y));
      case B::Mod:
        if (y.is_zero()) return std::nullopt;
        return Constant::integer(BigInt::mod(x, y));
      case B::Pow: {
        if (y.sign() < 0) {
          if (x.is_zero()) return std::nullopt;  // ZeroDivisionError
          auto xd = x.to_double(), yd = y.to_double();
          if (!xd || !yd) return std::nullopt;
          return float_pow_result(*xd, *yd, std::pow(*xd, *yd));
        }
        // safe_power: the size check applies to a nonzero base only (the
        // exponent must then fit a size_t); 0 ** N is 0 for any N > 0.
        if (x.is_zero()) return Constant::integer(BigInt(y.is_zero() ? 1 : 0));
        if (y.sign() > 0) {
          if (!y.fits_int64()) return std::nullopt;
          uint64_t wbits = static_cast<uint64_t>(y.to_int64());
          if (x.bit_length() > kMaxIntSize / wbits) return std::nullopt;
        }
        return Constant::integer(BigInt::pow(x, static_cast<uint64_t>(y.to_int64())));
      }
      case B::LShift:
        if (y.sign() < 0) return std::nullopt;  // ValueError: negative shift count
        // safe_lshift checks sizes only when both operands are nonzero, and
        // long_lshift returns 0 for a zero operand before looking at the count.
        if (x.is_zero()) return Constant::integer(BigInt(0));
        if (!y.is_zero()) {
          if (!y.fits_int64()) return std::nullopt;
          uint64_t wbits = static_cast<uint64_t>(y.to_int64());
          if (wbits > kMaxIntSize || x.bit_length() > kMaxIntSize - wbits) return std::nullopt;
        }
        if (!y.fits_int64()) return std::nullopt;
        return Constant::integer(BigInt::shl(x, static_cast<uint64_t>(y.to_int64())));
      case B::RShift:
        if (y.sign() < 0) return std::nullopt;
        if (!y.fits_int64()) return Constant::integer(x.sign() < 0 ? BigInt(-1) : BigInt(0));
        return Constant::integer(BigInt::shr(x, static_cast<uint64_t>(y.to_int64())));
      case B::BitOr:
      case B::BitXor:
      case B::BitAnd:
        return int_or_bool_bitop(a, b, op);
      case B::MatMult:
        return std::nullopt;
    }
    return std::nullopt;
  }
  auto xd = as_double(a), yd = as_double(b);
  if (!xd || !yd) return std::nullopt;
  double x = *xd, y = *yd;
  switch (op) {
    case B::Add: return Constant::floating(x + y);
    case B::Sub: return Constant::floating(x - y);
    case B::Mult: return Constant::floating(x * y);
    case B::Div:
      if (y == 0.0) return std::nullopt;
      return Constant::floating(x / y);
    case B::FloorDiv: return float_divmod(x, y, false);
    case B::Mod: return float_divmod(x, y, true);
    case B::Pow: {
      if (x == 0.0 && y < 0) return std::nullopt;
      // float_pow: a negative base to a non-integral power is complex_pow's
      // business (infinities and NaNs were dealt with before in float_pow).
      if (x < 0 && std::isfinite(x) && std::isfinite(y) && y != std::floor(y))
        return fold_complex_binop(a, b, op);
      return float_pow_result(x, y, std::pow(x, y));
    }
    default:
      return std::nullopt;
  }
}

optional<Constant> fold_unary(const Constant& c, ast::UnaryOpKind op) {
  using U = ast::UnaryOpKind;
  switch (op) {
    case U::Not: return Constant::boolean(!c.truthy());
    case U::USub:
      if (is_int_like(c)) return Constant::integer(-as_int(c));
      if (c.kind == K::Float) return Constant::floating(-c.f);
      if (c.kind == K::Complex) return Constant::complex(-c.f, -c.imag);
      return std::nullopt;
    case U::UAdd:
      if (is_int_like(c)) return Constant::integer(as_int(c));
      if (c.kind == K::Float || c.kind == K::Complex) return c;
      return std::nullopt;
    case U::Invert:
      if (is_int_like(c)) return Constant::integer(~as_int(c));
      return std::nullopt;
  }
  return std::nullopt;
}

const Constant* const_of(const ast::ExprPtr& e) {
  if (!e) return nullptr;
  auto* c = std::get_if<ast::ConstantExpr>(&e->node);
  return c ? &c->value : nullptr;
}

void make_const(ast::Expr& e, Constant v) { e.node = ast::ConstantExpr{std::move(v), std::nullopt}; }

optional<Constant> const_tuple(const ast::ExprList& elts) {
  std::vector<Constant> items;
  for (auto& x : elts) {
    const Constant* c = const_of(x);
    if (!c) return std::nullopt;
    items.push_back(*c);
  }
  return Constant::tuple(std::move(items));
}

// fold_iter: a list or set display that is only iterated becomes a tuple.
void fold_iter(ast::Expr& e) {
  if (auto* l = std::get_if<ast::List>(&e.node)) {
    for (auto& x : l->elts)
      if (std::holds_alternative<ast::Starred>(x->node)) return;
    auto t = const_tuple(l->elts);
    ast::Tuple tup{std::move(l->elts), l->ctx};
    e.node = std::move(tup);
    if (t) make_const(e, std::move(*t));
  }
  // Set displays are refused by the compiler; frozenset constants are not needed.
}

// optimize_format: '%s-%r' % (a, b) -> f'{a!s}-{b!r}' (only s, r and a units).
bool optimize_format(ast::Expr& node, const std::string& fmt, ast::ExprList& elts) {
  // Work on code points; the format string is UTF-8.
  std::vector<std::string> chars;
  for (size_t i = 0; i < fmt.size();) {
    size_t len = 1;
    unsigned char ch = static_cast<unsigned char>(fmt[i]);
    if (ch >= 0xF0) len = 4; else if (ch >= 0xE0) len = 3; else if (ch >= 0xC0) len = 2;
    chars.push_back(fmt.substr(i, len));
    i += len;
  }
  size_t pos = 0, cnt = 0;
  ast::ExprList seq;
  auto literal_expr = [&](std::string s) {
    auto e = std::make_unique<ast::Expr>();
    e->loc = ast::Loc{-1, -1, -1, -1};
    e->node = ast::ConstantExpr{Constant::str(std::move(s)), std::nullopt};
    return e;
  };
  std::vector<ast::ExprPtr*> used;
  while (true) {
    // parse_literal
    size_t start = pos;
    std::string lit;
    while (pos < chars.size()) {
      if (chars[pos] != "%") {
        lit += chars[pos++];
      } else if (pos + 1 < chars.size() && chars[pos + 1] == "%") {
        lit += "%";
        pos += 2;
      } else {
        break;
      }
    }
    if (pos != start) seq.push_back(literal_expr(lit));
    if (pos >= chars.size()) break;
    if (cnt >= elts.size()) return false;  // more format units than items
    ++pos;                                  // the '%'
    // simple_format_arg_parse
    auto nextc = [&](std::string& ch) {
      if (pos >= chars.size()) return false;
      ch = chars[pos++];
      return true;
    };
    std::string ch;
    bool ljust = false;
    while (true) {
      if (!nextc(ch)) return false;
      if (ch == "-") { ljust = true; continue; }
      if (ch == "+" || ch == " " || ch == "#" || ch == "0") continue;
      break;
    }
    long width = -1, prec = -1;
    if (ch.size() == 1 && ch[0] >= '0' && ch[0] <= '9') {
      width = 0;
      while (ch.size() == 1 && ch[0] >= '0' && ch[0] <= '9') {
        width = width * 10 + (ch[0] - '0');
        if (!nextc(ch)) return false;
        if (width > 100000000) return false;
      }
    }
    if (ch == ".") {
      if (!nextc(ch)) return false;
      prec = 0;
      while (ch.size() == 1 && ch[0] >= '0' && ch[0] <= '9') {
        prec = prec * 10 + (ch[0] - '0');
        if (!nextc(ch)) return false;
        if (prec > 100000000) return false;
      }
    }
    if (ch != "s" && ch != "r" && ch != "a") return false;
    std::string spec;
    if (!ljust && width > 0) spec += ">";
    if (width >= 0) spec += std::to_string(width);
    if (prec >= 0) spec += "." + std::to_string(prec);
    ast::ExprPtr& arg = elts[cnt++];
    auto fv = std::make_unique<ast::Expr>();
    fv->loc = arg->loc;
    ast::FormattedValue f;
    f.conversion = ch[0];
    if (!spec.empty()) f.format_spec = literal_expr(spec);
    used.push_back(&arg);
    // The argument is moved only once the whole format is known to be simple.
    fv->node = std::move(f);
    seq.push_back(std::move(fv));
  }
  if (cnt < elts.size()) return false;  // more items than format units
  size_t k = 0;
  for (auto& e : seq) {
    if (auto* f = std::get_if<ast::FormattedValue>(&e->node)) f->value = std::move(*used[k++]);
  }
  node.node = ast::JoinedStr{std::move(seq)};
  return true;
}

class Folder {
 public:
  void body(ast::StmtList& stmts) {
    bool had_doc = has_docstring(stmts);
    for (auto& s : stmts) stmt(*s);
    if (!had_doc && has_docstring(stmts)) {
      // A string made by folding is not a docstring (astfold_body).
      auto& es = std::get<ast::ExprStmt>(stmts[0]->node);
      auto wrapped = std::make_unique<ast::Expr>();
      wrapped->loc = stmts[0]->loc;
      ast::JoinedStr j;
      j.values.push_back(std::move(es.value));
      wrapped->node = std::move(j);
      es.value = std::move(wrapped);
    }
  }

 private:
  static bool has_docstring(const ast::StmtList& stmts) {
    if (stmts.empty()) return false;
    auto* es = std::get_if<ast::ExprStmt>(&stmts[0]->node);
    if (!es) return false;
    auto* c = std::get_if<ast::ConstantExpr>(&es->value->node);
    return c && c->value.kind == K::Str;
  }

  void opt(ast::ExprPtr& e) {
    if (e) expr(*e);
  }
  void seq(ast::ExprList& v) {
    for (auto& e : v) opt(e);
  }
  void args(ast::Arguments& a) {
    for (auto* list : {&a.posonlyargs, &a.args, &a.kwonlyargs})
      for (auto& p : *list) opt(p.annotation);
    if (a.vararg) opt(a.vararg->annotation);
    if (a.kwarg) opt(a.kwarg->annotation);
    seq(a.kw_defaults);
    seq(a.defaults);
  }
  void comprehensions(std::vector<ast::Comprehension>& gens) {
    for (auto& g : gens) {
      opt(g.target);
      opt(g.iter);
      seq(g.ifs);
      fold_iter(*g.iter);
    }
  }

  void stmt(ast::Stmt& s) {
    std::visit(overloaded{
                   [&](ast::FunctionDef& f) {
                     args(*f.args);
                     body(f.body);
                     seq(f.decorator_list);
                     opt(f.returns);
                   },
                   [&](ast::ClassDef& c) {
                     seq(c.bases);
                     for (auto& k : c.keywords) opt(k.value);
                     body(c.body);
                     seq(c.decorator_list);
                   },
                   [&](ast::Return& r) { opt(r.value); },
                   [&](ast::Delete& d) { seq(d.targets); },
                   [&](ast::Assign& a) {
                     seq(a.targets);
                     opt(a.value);
                   },
                   [&](ast::AugAssign& a) {
                     opt(a.target);
                     opt(a.value);
                   },
                   [&](ast::AnnAssign& a) {
                     opt(a.target);
                     opt(a.annotation);
                     opt(a.value);
                   },
                   [&](ast::For& f) {
                     opt(f.target);
                     opt(f.iter);
                     for (auto& x : f.body) stmt(*x);
                     for (auto& x : f.orelse) stmt(*x);
                     fold_iter(*f.iter);
                   },
                   [&](ast::While& w) {
                     opt(w.test);
                     for (auto& x : w.body) stmt(*x);
                     for (auto& x : w.orelse) stmt(*x);
                   },
                   [&](ast::If& i) {
                     opt(i.test);
                     for (auto& x : i.body) stmt(*x);
                     for (auto& x : i.orelse) stmt(*x);
                   },
                   [&](ast::With& w) {
                     for (auto& item : w.items) {
                       opt(item.context_expr);
                       opt(item.optional_vars);
                     }
                     for (auto& x : w.body) stmt(*x);
                   },
                   [&](ast::Raise& r) {
                     opt(r.exc);
                     opt(r.cause);
                   },
                   [&](ast::Try& t) {
                     for (auto& x : t.body) stmt(*x);
                     for (auto& h : t.handlers) {
                       opt(h.type);
                       for (auto& x : h.body) stmt(*x);
                     }
                     for (auto& x : t.orelse) stmt(*x);
                     for (auto& x : t.finalbody) stmt(*x);
                   },
                   [&](ast::Assert& a) {
                     opt(a.test);
                     opt(a.msg);
                   },
                   [&](ast::ExprStmt& e) { opt(e.value); },
                   [&](auto&) {},
               },
               s.node);
  }

  void expr(ast::Expr& e) {
    std::visit(
        overloaded{
            [&](ast::BoolOp& b) { seq(b.values); },
            [&](ast::NamedExpr& n) { opt(n.value); },
            [&](ast::BinOp& b) {
              opt(b.left);
              opt(b.right);
              const Constant* l = const_of(b.left);
              if (!l) return;
              if (b.op == ast::BinOpKind::Mod && l->kind == K::Str) {
                if (auto* t = std::get_if<ast::Tuple>(&b.right->node)) {
                  bool starred = false;
                  for (auto& x : t->elts)
                    if (std::holds_alternative<ast::Starred>(x->node)) starred = true;
                  if (!starred) {
                    std::string fmt = l->s;
                    optimize_format(e, fmt, t->elts);
                    return;
                  }
                }
              }
              const Constant* r = const_of(b.right);
              if (!r) return;
              // safe_mod: str % x and bytes % x are never folded.
              if (b.op == ast::BinOpKind::Mod && (l->kind == K::Str || l->kind == K::Bytes)) return;
              if (auto v = fold_binop(*l, *r, b.op)) make_const(e, std::move(*v));
            },
            [&](ast::UnaryOp& u) {
              opt(u.operand);
              if (const Constant* c = const_of(u.operand)) {
                if (auto v = fold_unary(*c, u.op)) make_const(e, std::move(*v));
                return;
              }
              // not (a is b) -> a is not b; likewise for in.
              if (u.op == ast::UnaryOpKind::Not) {
                auto* cmp = std::get_if<ast::Compare>(&u.operand->node);
                if (cmp && cmp->ops.size() == 1) {
                  ast::CmpOpKind op = cmp->ops[0];
                  bool ok = true;
                  switch (op) {
                    case ast::CmpOpKind::Is: op = ast::CmpOpKind::IsNot; break;
                    case ast::CmpOpKind::IsNot: op = ast::CmpOpKind::Is; break;
                    case ast::CmpOpKind::In: op = ast::CmpOpKind::NotIn; break;
                    case ast::CmpOpKind::NotIn: op = ast::CmpOpKind::In; break;
                    default: ok = false; break;
                  }
                  if (ok) {
                    cmp->ops[0] = op;
                    ast::ExprPtr inner = std::move(u.operand);
                    e.loc = inner->loc;
                    e.node = std::move(inner->node);
                  }
                }
              }
            },
            [&](ast::Lambda& l) {
              args(*l.args);
              opt(l.body);
            },
            [&](ast::IfExp& i) {
              opt(i.test);
              opt(i.body);
              opt(i.orelse);
            },
            [&](ast::Dict& d) {
              seq(d.keys);
              seq(d.values);
            },
            [&](ast::Set& s) { seq(s.elts); },
            [&](ast::ListComp& c) {
              opt(c.elt);
              comprehensions(c.generators);
            },
            [&](ast::SetComp& c) {
              opt(c.elt);
              comprehensions(c.generators);
            },
            [&](ast::DictComp& c) {
              opt(c.key);
              opt(c.value);
              comprehensions(c.generators);
            },
            [&](ast::GeneratorExp& c) {
              opt(c.elt);
              comprehensions(c.generators);
            },
            [&](ast::Await& a) { opt(a.value); },
            [&](ast::Yield& y) { opt(y.value); },
            [&](ast::YieldFrom& y) { opt(y.value); },
            [&](ast::Compare& c) {
              opt(c.left);
              seq(c.comparators);
              ast::CmpOpKind last = c.ops.back();
              if (last == ast::CmpOpKind::In || last == ast::CmpOpKind::NotIn)
                fold_iter(*c.comparators.back());
            },
            [&](ast::Call& c) {
              opt(c.func);
              seq(c.args);
              for (auto& k : c.keywords) opt(k.value);
            },
            [&](ast::FormattedValue& f) {
              opt(f.value);
              opt(f.format_spec);
            },
            [&](ast::JoinedStr& j) { seq(j.values); },
            [&](ast::ConstantExpr&) {},
            [&](ast::Attribute& a) { opt(a.value); },
            [&](ast::Subscript& s) {
              opt(s.value);
              opt(s.slice);
              const Constant* v = const_of(s.value);
              const Constant* i = const_of(s.slice);
              if (!v || !i || !is_int_like(*i)) return;
              auto idx = small_int(*i);
              if (!idx) return;
              if (v->kind == K::Tuple) {
                int64_t n = static_cast<int64_t>(v->items.size());
                int64_t k = *idx < 0 ? *idx + n : *idx;
                if (k < 0 || k >= n) return;
                Constant item = v->items[static_cast<size_t>(k)];
                make_const(e, std::move(item));
              } else if (v->kind == K::Str) {
                std::vector<std::string> chars;
                for (size_t p = 0; p < v->s.size();) {
                  size_t len = 1;
                  unsigned char ch = static_cast<unsigned char>(v->s[p]);
                  if (ch >= 0xF0) len = 4; else if (ch >= 0xE0) len = 3; else if (ch >= 0xC0) len = 2;
                  chars.push_back(v->s.substr(p, len));
                  p += len;
                }
                int64_t n = static_cast<int64_t>(chars.size());
                int64_t k = *idx < 0 ? *idx + n : *idx;
                if (k < 0 || k >= n) return;
                make_const(e, Constant::str(chars[static_cast<size_t>(k)]));
              }
            },
            [&](ast::Starred& s) { opt(s.value); },
            [&](ast::Name& n) {
              if (n.ctx == ast::Ctx::Load && n.id == "__debug__") make_const(e, Constant::boolean(true));
            },
            [&](ast::List& l) { seq(l.elts); },
            [&](ast::Tuple& t) {
              seq(t.elts);
              if (t.ctx != ast::Ctx::Load) return;
              if (auto v = const_tuple(t.elts)) make_const(e, std::move(*v));
            },
            [&](ast::Slice& s) {
              opt(s.lower);
              opt(s.upper);
              opt(s.step);
            },
        },
        e.node);
  }
};

}  // namespace

void optimize_ast(ast::Module& mod) {
  Folder f;
  f.body(mod.body);
}

}  // namespace vm
