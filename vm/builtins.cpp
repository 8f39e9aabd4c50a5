// The builtins module's functions (print, len, sorted, ...) and the
// constructors of the built-in classes (int(), str(), list(), ...).
//
// Conventions of every NativeFn here: arguments are borrowed, positional ones
// first and then the values of the keywords named in `kwnames`; the result
// is a new reference; errors raise with CPython 3.11's messages.  Methods of
// str, list, dict and the others are in vm/methods.cpp.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "vm/utf8.h"
#include "vm/interpreter.h"
#include "vm/native.h"
#include "vm/sort.h"
#include "vm/objects_impl.h"

namespace vm {

namespace {

Ref b_print(Interpreter& in, Ref, const Ref* args, int nargs, Ref kwnames) {
  Args a(args, nargs, kwnames);
  std::string sep = " ", end = "\n";
  if (Ref s = a.kw("sep"); s && !in.is_none(s)) {
    if (s.p->kind != Kind::Str) in.type_error(fmt::format("sep must be None or a string, not {}", in.type_name(s)));
    sep = str_of(s);
  }
  if (Ref e = a.kw("end"); e && !in.is_none(e)) {
    if (e.p->kind != Kind::Str) in.type_error(fmt::format("end must be None or a string, not {}", in.type_name(e)));
    end = str_of(e);
  }
  for (const char* k : {"sep", "end", "file", "flush"}) (void)k;
  a.check_kw(in, "print", {"sep", "end", "file", "flush"});
  std::string line;
  for (int i = 0; i < a.npos; ++i) {
    if (i) line += sep;
    line += in.str_s(args[i]);
  }
  line += end;
  in.touch_output();
  in.out() += line;
  in.flush_streams();
  return in.none();
}

Ref b_len(Interpreter& in, Ref, const Ref* args, int nargs, Ref kwnames) {
  Args a(args, nargs, kwnames);
  a.exactly(in, "len", 1);
  return in.new_int(in.length(args[0]));
}

Ref b_repr(Interpreter& in, Ref, const Ref* args, int nargs, Ref kwnames) {
  Args(args, nargs, kwnames).exactly(in, "repr", 1);
  return in.repr(args[0]);
}

Ref b_abs(Interpreter& in, Ref, const Ref* args, int nargs, Ref kwnames) {
  Args(args, nargs, kwnames).exactly(in, "abs", 1);
  Ref v = args[0];
  if (is_int(v)) {
    int64_t x;
    if (int_small(v, x) && x != INT64_MIN) return in.new_int(x < 0 ? -x : x);
    BigInt b = int_big(v);
    return in.new_int(b.sign() < 0 ? -b : b);
  }
  if (v.p->kind == Kind::Float) return in.new_float(std::fabs(static_cast<FloatObj*>(v.p)->v));
  if (v.p->kind == Kind::Instance) {
    if (Ref r = in.call_special(v, "__abs__")) return r;
  }
  in.type_error(fmt::format("bad operand type for abs(): '{}'", in.type_name(v)));
}

// min() and max(): one iterable or several arguments; key= and default=.
Ref minmax(Interpreter& in, const Ref* args, int nargs, Ref kwnames, bool is_max) {
  Args a(args, nargs, kwnames);
  const char* name = is_max ? "max" : "min";
  a.check_kw(in, name, {"key", "default"});
  Ref key = a.kw("key");
  if (key && in.is_none(key)) key = Ref{};
  Ref dflt = a.kw("default");
  if (a.npos == 0) in.type_error(fmt::format("{} expected at least 1 argument, got 0", name));
  std::vector<Ref> items;
  if (a.npos == 1) {
    items = in.unpack_iterable(args[0]);
  } else {
    if (dflt)
      in.type_error(fmt::format("Cannot specify a default for {}() with multiple positional arguments", name));
    for (int i = 0; i < a.npos; ++i) items.push_back(in.newref(args[i]));
  }
  Holder hold(in, items);
  if (items.empty()) {
    if (dflt) return in.newref(dflt);
    in.value_error(fmt::format("{}() arg is an empty sequence", name));
  }
  Ref best = items[0];
  // keys[0] is the best key so far, keys[1] the candidate's: owned, and
  // audit roots while the key function or a __lt__ runs.
  std::vector<Ref> keys(2);
  Holder hold_keys(in, keys);
  keys[0] = key ? in.call(key, &best, 1) : in.newref(best);
  for (size_t i = 1; i < items.size(); ++i) {
    keys[1] = key ? in.call(key, &items[i], 1) : in.newref(items[i]);
    bool better = in.compare_bool(keys[1], keys[0], is_max ? 4 : 0);
    if (better) {
      in.decref(keys[0]);
      keys[0] = keys[1];
      best = items[i];
    } else {
      in.decref(keys[1]);
    }
    keys[1] = Ref{};
  }
  return in.newref(best);
}

Ref b_min(Interpreter& in, Ref, const Ref* args, int nargs, Ref kw) { return minmax(in, args, nargs, kw, false); }
Ref b_max(Interpreter& in, Ref, const Ref* args, int nargs, Ref kw) { return minmax(in, args, nargs, kw, true); }

Ref b_sum(Interpreter& in, Ref, const Ref* args, int nargs, Ref kwnames) {
  Args a(args, nargs, kwnames);
  a.check_kw(in, "sum", {"start"});
  if (a.npos < 1) in.type_error("sum() takes at least 1 positional argument (0 given)");
  Ref start = a.npos > 1 ? args[1] : a.kw("start");
  if (start && start.p->kind == Kind::Str)
    in.type_error("sum() can't sum strings [use ''.join(seq) instead]");
  // state[0] the iterator, state[1] the running total, state[2] the item:
  // owned, and audit roots while Python code runs (__next__, __radd__).
  std::vector<Ref> state(3);
  Holder hold(in, state);
  state[1] = start ? in.newref(start) : in.new_int(0);
  state[0] = in.get_iter(args[0]);
  while ((state[2] = in.iter_next(state[0]))) {
    Ref r = in.binary_op(state[1], state[2], 0);
    in.decref(state[2]);
    state[2] = Ref{};
    in.decref(state[1]);
    state[1] = r;
  }
  Ref total = state[1];
  state[1] = Ref{};
  return total;
}

}  // namespace

// Sorts `items` in place (stable), with an optional key function and
// reverse, as list.sort does.
void sort_items(Interpreter& in, std::vector<Ref>& items, Ref key, bool reverse) {
  std::vector<Ref> keys;
  HeldVec root_items(in.current(), items), root_keys(in.current(), keys);
  if (key && !in.is_none(key)) {
    for (auto& x : items) {
      try {
        keys.push_back(in.call(key, &x, 1));
      } catch (...) {
        for (auto& k : keys) in.decref(k);
        throw;
      }
    }
  } else {
    for (auto& x : items) keys.push_back(in.newref(x));
  }
  std::vector<size_t> idx(items.size());
  for (size_t i = 0; i < idx.size(); ++i) idx[i] = i;
  // Reverse, sort stably, reverse back: equal elements keep their order.
  // A raising comparison leaves the permutation reached so far (listsort).
  auto finish = [&] {
    if (reverse) std::reverse(idx.begin(), idx.end());
    std::vector<Ref> out;
    out.reserve(idx.size());
    for (size_t i : idx) out.push_back(items[i]);
    items = std::move(out);
  };
  if (reverse) std::reverse(idx.begin(), idx.end());
  try {
    timsort(idx, [&](size_t x, size_t y) { return in.compare_bool(keys[x], keys[y], 0); });
  } catch (...) {
    finish();
    for (auto& k : keys) in.decref(k);
    throw;
  }
  finish();
  for (auto& k : keys) in.decref(k);
}

namespace {

Ref b_sorted(Interpreter& in, Ref, const Ref* args, int nargs, Ref kwnames) {
  Args a(args, nargs, kwnames);
  a.check_kw(in, "sorted", {"key", "reverse"});
  if (a.npos != 1) in.type_error(fmt::format("sorted expected 1 argument, got {}", a.npos));
  std::vector<Ref> items = in.unpack_iterable(args[0]);
  Ref rev = a.kw("reverse");
  try {
    sort_items(in, items, a.kw("key"), rev && in.truthy(rev));
  } catch (...) {
    for (auto& x : items) in.decref(x);
    throw;
  }
  return in.new_list(std::move(items));
}

Ref b_isinstance(Interpreter& in, Ref, const Ref* args, int nargs, Ref kwnames) {
  Args(args, nargs, kwnames).exactly(in, "isinstance", 2);
  return in.boolean(in.isinstance(args[0], args[1]));
}

Ref b_issubclass(Interpreter& in, Ref, const Ref* args, int nargs, Ref kwnames) {
  Args(args, nargs, kwnames).exactly(in, "issubclass", 2);
  if (args[0].p->kind != Kind::Class) in.type_error("issubclass() arg 1 must be a class");
  if (args[1].p->kind == Kind::Tuple) {
    for (auto& c : static_cast<TupleObj*>(args[1].p)->items)
      if (in.issubclass(args[0], c)) return in.boolean(true);
    return in.boolean(false);
  }
  return in.boolean(in.issubclass(args[0], args[1]));
}

Ref make_iter(Interpreter& in, IterObj::Sub sub, Ref a, Ref b) {
  IterObj* it = in.heap().alloc<IterObj>(Kind::Iter);
  it->sub = sub;
  it->a = a;
  it->b = b;
  return Heap::ref(it);
}

Ref b_enumerate(Interpreter& in, Ref, const Ref* args, int nargs, Ref kwnames) {
  Args a(args, nargs, kwnames);
  a.check_kw(in, "enumerate", {"start", "iterable"});
  Ref src = a.npos > 0 ? args[0] : a.kw("iterable");
  if (!src) in.type_error("enumerate() missing required argument 'iterable' (pos 1)");
  Ref start = a.npos > 1 ? args[1] : a.kw("start");
  Ref it = in.get_iter(src);
  Ref e = make_iter(in, IterObj::Sub::Enumerate, it, {});
  if (start) static_cast<IterObj*>(e.p)->i = in.index_value(start, "enumerate");
  return e;
}

Ref b_zip(Interpreter& in, Ref, const Ref* args, int nargs, Ref kwnames) {
  Args a(args, nargs, kwnames);
  a.check_kw(in, "zip", {"strict"});
  std::vector<Ref> its;
  for (int i = 0; i < a.npos; ++i) {
    try {
      its.push_back(in.get_iter(args[i]));
    } catch (...) {
      for (auto& x : its) in.decref(x);
      throw;
    }
  }
  Ref z = make_iter(in, IterObj::Sub::Zip, in.new_tuple(std::move(its)), {});
  Ref strict = a.kw("strict");
  if (strict) {
    try {
      static_cast<IterObj*>(z.p)->i = in.truthy(strict) ? 1 : 0;  // i: zip's strict flag
    } catch (...) {
      in.decref(z);
      throw;
    }
  }
  return z;
}

Ref b_map(Interpreter& in, Ref, const Ref* args, int nargs, Ref kwnames) {
  Args a(args, nargs, kwnames);
  if (a.npos < 2) in.type_error("map() must have at least two arguments.");
  std::vector<Ref> its;
  for (int i = 1; i < a.npos; ++i) {
    try {
      its.push_back(in.get_iter(args[i]));
    } catch (...) {
      for (auto& x : its) in.decref(x);
      throw;
    }
  }
  return make_iter(in, IterObj::Sub::Map, in.newref(args[0]), in.new_tuple(std::move(its)));
}

Ref b_filter(Interpreter& in, Ref, const Ref* args, int nargs, Ref kwnames) {
  Args(args, nargs, kwnames).exactly(in, "filter", 2);
  Ref it = in.get_iter(args[1]);
  return make_iter(in, IterObj::Sub::Filter, in.newref(args[0]), it);
}

Ref b_reversed(Interpreter& in, Ref, const Ref* args, int nargs, Ref kwnames) {
  Args(args, nargs, kwnames).exactly(in, "reversed", 1);
  Ref s = args[0];
  if (s.p->kind == Kind::List || s.p->kind == Kind::Tuple) {
    Ref r = make_iter(in, IterObj::Sub::Reversed, in.newref(s), {});
    static_cast<IterObj*>(r.p)->i = in.length(s) - 1;
    return r;
  }
  if (s.p->kind == Kind::Range || s.p->kind == Kind::Str) {
    std::vector<Ref> items = in.unpack_iterable(s);
    std::reverse(items.begin(), items.end());
    Ref l = in.new_list(std::move(items));
    Ref it = in.get_iter(l);
    in.decref(l);
    return it;
  }
  if (s.p->kind == Kind::Instance) {
    if (Ref r = in.call_special(s, "__reversed__")) return r;
  }
  in.type_error(fmt::format("'{}' object is not reversible", in.type_name(s)));
}

Ref b_any_all(Interpreter& in, const Ref* args, int nargs, Ref kwnames, bool any) {
  Args(args, nargs, kwnames).exactly(in, any ? "any" : "all", 1);
  Ref it = in.get_iter(args[0]);
  try {
    while (Ref x = in.iter_next(it)) {
      bool t;
      try {
        t = in.truthy(x);
      } catch (...) {
        in.decref(x);
        throw;
      }
      in.decref(x);
      if (t == any) {
        in.decref(it);
        return in.boolean(any);
      }
    }
  } catch (...) {
    in.decref(it);
    throw;
  }
  in.decref(it);
  return in.boolean(!any);
}

Ref b_any(Interpreter& in, Ref, const Ref* a, int n, Ref k) { return b_any_all(in, a, n, k, true); }
Ref b_all(Interpreter& in, Ref, const Ref* a, int n, Ref k) { return b_any_all(in, a, n, k, false); }

Ref need_str_name(Interpreter& in, Ref name, const char* fn) {
  if (name.p->kind != Kind::Str)
    in.type_error(fmt::format("{}(): attribute name must be string, not '{}'", fn, in.type_name(name)));
  return name;
}

Ref b_getattr(Interpreter& in, Ref, const Ref* args, int nargs, Ref kwnames) {
  Args a(args, nargs, kwnames);
  if (a.npos < 2 || a.npos > 3) in.type_error(fmt::format("getattr expected at least 2 arguments, got {}", a.npos));
  need_str_name(in, args[1], "getattr");
  if (a.npos == 3) {
    try {
      return in.getattr(args[0], args[1]);
    } catch (PyException&) {
      Ref& raised = in.current().raised;
      if (raised && in.isinstance(raised, in.exc_.AttributeError)) {
        in.clear(raised);
        return in.newref(args[2]);
      }
      throw;
    }
  }
  return in.getattr(args[0], args[1]);
}

Ref b_hasattr(Interpreter& in, Ref, const Ref* args, int nargs, Ref kwnames) {
  Args(args, nargs, kwnames).exactly(in, "hasattr", 2);
  need_str_name(in, args[1], "hasattr");
  try {
    Ref r = in.getattr(args[0], args[1]);
    in.decref(r);
    return in.boolean(true);
  } catch (PyException&) {
    Ref& raised = in.current().raised;
    if (raised && in.isinstance(raised, in.exc_.AttributeError)) {
      in.clear(raised);
      return in.boolean(false);
    }
    throw;
  }
}

Ref b_setattr(Interpreter& in, Ref, const Ref* args, int nargs, Ref kwnames) {
  Args(args, nargs, kwnames).exactly(in, "setattr", 3);
  need_str_name(in, args[1], "setattr");
  in.setattr(args[0], args[1], args[2]);
  return in.none();
}

Ref b_delattr(Interpreter& in, Ref, const Ref* args, int nargs, Ref kwnames) {
  Args(args, nargs, kwnames).exactly(in, "delattr", 2);
  need_str_name(in, args[1], "delattr");
  in.delattr(args[0], args[1]);
  return in.none();
}

Ref b_id(Interpreter& in, Ref, const Ref* args, int nargs, Ref kwnames) {
  Args(args, nargs, kwnames).exactly(in, "id", 1);
  return in.new_int(static_cast<int64_t>(0x7f0000000000ull + uint64_t{args[0].p->serial} * 16));
}

Ref b_hash(Interpreter& in, Ref, const Ref* args, int nargs, Ref kwnames) {
  Args(args, nargs, kwnames).exactly(in, "hash", 1);
  return in.new_int(in.hash(args[0]));
}

Ref b_divmod(Interpreter& in, Ref, const Ref* args, int nargs, Ref kwnames) {
  Args(args, nargs, kwnames).exactly(in, "divmod", 2);
  if ((args[0].p->kind == Kind::Float || args[1].p->kind == Kind::Float) &&
      (is_int(args[1]) || args[1].p->kind == Kind::Float) && float_of(in, args[1]) == 0.0 &&
      (is_int(args[0]) || args[0].p->kind == Kind::Float))
    in.raise(in.exc_.ZeroDivisionError, "float divmod()");
  Ref q = in.binary_op(args[0], args[1], 2);
  Ref r;
  try {
    r = in.binary_op(args[0], args[1], 6);
  } catch (...) {
    in.decref(q);
    throw;
  }
  return in.new_tuple({q, r});
}

Ref b_pow(Interpreter& in, Ref, const Ref* args, int nargs, Ref kwnames) {
  Args a(args, nargs, kwnames);
  if (a.npos == 3 && !in.is_none(args[2])) {
    if (!is_int(args[0]) || !is_int(args[1]) || !is_int(args[2]))
      in.type_error("pow() 3rd argument not allowed unless all arguments are integers");
    BigInt base = int_big(args[0]), e = int_big(args[1]), m = int_big(args[2]);
    if (m.is_zero()) in.value_error("pow() 3rd argument cannot be 0");
    bool neg_mod = m.sign() < 0;
    if (neg_mod) m = -m;
    if (e.sign() < 0) {
      // A negative exponent: the modular inverse of base, by extended Euclid.
      BigInt g = BigInt::mod(base, m), h = m, x0(1), x1(0);
      while (!h.is_zero()) {
        auto dm = BigInt::divmod(g, h);
        g = h;
        h = dm.r;
        BigInt t = x0 - dm.q * x1;
        x0 = x1;
        x1 = t;
      }
      if (!(g == BigInt(1))) in.value_error("base is not invertible for the given modulus");
      base = BigInt::mod(x0, m);
      e = -e;
    }
    BigInt result(1);
    base = BigInt::mod(base, m);
    while (!e.is_zero()) {
      if (BigInt::mod(e, BigInt(2)) == BigInt(1)) result = BigInt::mod(result * base, m);
      base = BigInt::mod(base * base, m);
      e = BigInt::floordiv(e, BigInt(2));
    }
    result = BigInt::mod(result, m);  // 1 % m when the exponent is 0
    if (neg_mod && !result.is_zero()) result = result - m;
    return in.new_int(result);
  }
  if (a.npos < 2) in.type_error(fmt::format("pow() missing required argument 'exp' (pos 2)"));
  return in.binary_op(args[0], args[1], 8);
}

// round(x[, n]): round half to even, as float.__round__ / int.__round__.
Ref b_round(Interpreter& in, Ref, const Ref* args, int nargs, Ref kwnames) {
  Args a(args, nargs, kwnames);
  if (a.npos < 1 || a.npos > 2) in.type_error("round() takes at most 2 arguments");
  Ref x = args[0];
  Ref nd = a.npos > 1 ? args[1] : a.kw("ndigits");
  bool has_nd = nd && !in.is_none(nd);
  if (is_int(x)) {
    if (!has_nd) return in.new_int(int_big(x));
    int64_t n = in.index_value(nd, "round");
    if (n >= 0) return in.new_int(int_big(x));
    BigInt p = BigInt::pow(BigInt(10), static_cast<uint64_t>(-n));
    BigInt v = int_big(x);
    auto dm = BigInt::divmod(v, p);
    BigInt twice = dm.r * BigInt(2);
    BigInt q = dm.q;
    auto c = twice <=> p;
    if (c > 0 || (c == 0 && BigInt::mod(q, BigInt(2)) == BigInt(1))) q = q + BigInt(1);
    return in.new_int(q * p);
  }
  if (x.p->kind == Kind::Float) {
    double v = static_cast<FloatObj*>(x.p)->v;
    if (!has_nd) {
      if (std::isnan(v)) in.value_error("cannot convert float NaN to integer");
      if (std::isinf(v)) in.raise(in.exc_.OverflowError, "cannot convert float infinity to integer");
      double r = std::nearbyint(v);  // the default rounding mode is to nearest, ties to even
      auto parsed = BigInt::parse(fmt::format("{:.0f}", std::fabs(r)), 10);
      BigInt mag = parsed ? *parsed : BigInt(0);
      return in.new_int(r < 0 ? -mag : mag);
    }
    int64_t n = in.index_value(nd, "round");
    // Correctly rounded via the shortest decimal formatting (double_round).
    std::string s = fmt::format("{:.{}f}", v, std::max<int64_t>(n, 0));
    if (n >= 0) return in.new_float(std::strtod(s.c_str(), nullptr));
    double p = std::pow(10.0, static_cast<double>(-n));
    return in.new_float(std::nearbyint(v / p) * p);
  }
  if (x.p->kind == Kind::Instance) {
    if (Ref r = has_nd ? in.call_special(x, "__round__", &nd, 1) : in.call_special(x, "__round__")) return r;
  }
  in.type_error(fmt::format("type {} doesn't define __round__ method", in.type_name(x)));
}

Ref b_chr(Interpreter& in, Ref, const Ref* args, int nargs, Ref kwnames) {
  Args(args, nargs, kwnames).exactly(in, "chr", 1);
  if (!is_int(args[0]))
    in.type_error(fmt::format("'{}' object cannot be interpreted as an integer", in.type_name(args[0])));
  int64_t c;
  if (!int_small(args[0], c) || c < 0 || c > 0x10FFFF) in.value_error("chr() arg not in range(0x110000)");
  std::string s = utf8_encode(static_cast<uint32_t>(c));
  return in.new_str(std::move(s));
}

Ref b_ord(Interpreter& in, Ref, const Ref* args, int nargs, Ref kwnames) {
  Args(args, nargs, kwnames).exactly(in, "ord", 1);
  Ref s = args[0];
  if (s.p->kind != Kind::Str)
    in.type_error(fmt::format("ord() expected string of length 1, but {} found", in.type_name(s)));
  int64_t n = str_length(static_cast<StrObj*>(s.p));
  if (n != 1) in.type_error(fmt::format("ord() expected a character, but string of length {} found", n));
  const std::string& t = str_of(s);
  auto b0 = static_cast<unsigned char>(t[0]);
  int64_t cp = b0;
  if (b0 >= 0xF0) cp = ((b0 & 0x07) << 18) | ((t[1] & 0x3F) << 12) | ((t[2] & 0x3F) << 6) | (t[3] & 0x3F);
  else if (b0 >= 0xE0) cp = ((b0 & 0x0F) << 12) | ((t[1] & 0x3F) << 6) | (t[2] & 0x3F);
  else if (b0 >= 0xC0) cp = ((b0 & 0x1F) << 6) | (t[1] & 0x3F);
  return in.new_int(cp);
}

Ref b_iter(Interpreter& in, Ref, const Ref* args, int nargs, Ref kwnames) {
  Args(args, nargs, kwnames).exactly(in, "iter", 1);
  return in.get_iter(args[0]);
}

Ref b_next(Interpreter& in, Ref, const Ref* args, int nargs, Ref kwnames) {
  Args a(args, nargs, kwnames);
  if (a.npos < 1 || a.npos > 2) in.type_error(fmt::format("next expected at least 1 argument, got {}", a.npos));
  Ref it = args[0];
  if (it.p->kind != Kind::Iter && it.p->kind != Kind::Instance)
    in.type_error(fmt::format("'{}' object is not an iterator", in.type_name(it)));
  Ref v = in.iter_next(it);
  if (v) return v;
  if (a.npos == 2) return in.newref(args[1]);
  in.raise_obj(in.new_exception(in.exc_.StopIteration, {}));
}

Ref b_callable(Interpreter& in, Ref, const Ref* args, int nargs, Ref kwnames) {
  Args(args, nargs, kwnames).exactly(in, "callable", 1);
  Kind k = args[0].p->kind;
  bool c = k == Kind::Function || k == Kind::Builtin || k == Kind::BoundMethod || k == Kind::Class;
  if (k == Kind::Instance) {
    c = class_lookup(in, in.type_of(args[0]), "__call__").p != nullptr;
  }
  return in.boolean(c);
}

Ref b_format(Interpreter& in, Ref, const Ref* args, int nargs, Ref kwnames) {
  Args a(args, nargs, kwnames);
  if (a.npos < 1 || a.npos > 2) in.type_error("format expected at most 2 arguments");
  std::string spec = a.npos == 2 ? str_of(args[1]) : "";
  return format_value(in, args[0], spec);
}

Ref radix(Interpreter& in, const Ref* args, int nargs, Ref kwnames, const char* name, const char* spec) {
  Args(args, nargs, kwnames).exactly(in, name, 1);
  if (!is_int(args[0]))
    in.type_error(fmt::format("'{}' object cannot be interpreted as an integer", in.type_name(args[0])));
  return format_value(in, args[0], spec);
}

Ref b_hex(Interpreter& in, Ref, const Ref* a, int n, Ref k) { return radix(in, a, n, k, "hex", "#x"); }
Ref b_oct(Interpreter& in, Ref, const Ref* a, int n, Ref k) { return radix(in, a, n, k, "oct", "#o"); }
Ref b_bin(Interpreter& in, Ref, const Ref* a, int n, Ref k) { return radix(in, a, n, k, "bin", "#b"); }

// ---- constructors of built-in classes

std::string strip_ws(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\n\r\f\v");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\n\r\f\v");
  return s.substr(b, e - b + 1);
}

Ref int_from_str(Interpreter& in, Ref sref, int base) {
  std::string s = strip_ws(str_of(sref));
  std::string digits;
  bool neg = false;
  size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
  std::string body = s.substr(i);
  int b = base;
  auto lower = [](std::string x) {
    for (auto& c : x) c = static_cast<char>(tolower(c));
    return x;
  };
  std::string lb = lower(body);
  if ((b == 16 || b == 0) && lb.rfind("0x", 0) == 0) b = 16, body = body.substr(2);
  else if ((b == 8 || b == 0) && lb.rfind("0o", 0) == 0) b = 8, body = body.substr(2);
  else if ((b == 2 || b == 0) && lb.rfind("0b", 0) == 0) b = 2, body = body.substr(2);
  else if (b == 0) b = 10;
  // Underscores are allowed between digits.
  bool ok = !body.empty() && body.front() != '_' && body.back() != '_' && body.find("__") == std::string::npos;
  for (char c : body)
    if (c != '_') digits += c;
  std::optional<BigInt> v;
  if (ok && (b == 2 || b == 8 || b == 10 || b == 16)) {
    v = BigInt::parse(digits, b);
  } else if (ok) {
    BigInt acc(0);
    for (char ch : digits) {
      int d = isdigit(static_cast<unsigned char>(ch)) ? ch - '0'
              : isalpha(static_cast<unsigned char>(ch)) ? tolower(ch) - 'a' + 10 : 99;
      if (d >= b) {
        ok = false;
        break;
      }
      acc = acc * BigInt(b) + BigInt(d);
    }
    if (ok) v = acc;
  }
  if (!v)
    in.value_error(fmt::format("invalid literal for int() with base {}: {}", base, in.repr_s(sref)));
  return in.new_int(neg ? -*v : *v);
}

Ref c_int(Interpreter& in, Ref, const Ref* args, int nargs, Ref kwnames) {
  Args a(args, nargs, kwnames);
  if (a.npos == 0) return in.new_int(0);
  Ref x = args[0];
  Ref base = a.npos > 1 ? args[1] : a.kw("base");
  if (base) {
    if (x.p->kind != Kind::Str) in.type_error("int() can't convert non-string with explicit base");
    int64_t b = in.index_value(base, "int");
    if (b != 0 && (b < 2 || b > 36)) in.value_error("int() base must be >= 2 and <= 36, or 0");
    return int_from_str(in, x, static_cast<int>(b));
  }
  if (x.p->kind == Kind::Bool) return in.new_int(static_cast<IntObj*>(x.p)->v);
  if (is_int(x)) return in.newref(x);
  if (x.p->kind == Kind::Float) {
    double v = static_cast<FloatObj*>(x.p)->v;
    if (std::isnan(v)) in.value_error("cannot convert float NaN to integer");
    if (std::isinf(v)) in.raise(in.exc_.OverflowError, "cannot convert float infinity to integer");
    double t = std::trunc(v);
    if (std::fabs(t) < 9e18) return in.new_int(static_cast<int64_t>(t));
    auto p = BigInt::parse(fmt::format("{:.0f}", std::fabs(t)), 10);
    BigInt mag = p ? *p : BigInt(0);
    return in.new_int(t < 0 ? -mag : mag);
  }
  if (x.p->kind == Kind::Str) return int_from_str(in, x, 10);
  if (x.p->kind == Kind::Instance) {
    if (Ref r = in.call_special(x, "__int__")) return r;
    if (Ref r = in.call_special(x, "__index__")) return r;
  }
  in.type_error(fmt::format("int() argument must be a string, a bytes-like object or a real number, not '{}'",
                            in.type_name(x)));
}

Ref c_float(Interpreter& in, Ref, const Ref* args, int nargs, Ref kwnames) {
  Args a(args, nargs, kwnames);
  if (a.npos == 0) return in.new_float(0.0);
  Ref x = args[0];
  if (x.p->kind == Kind::Float) return in.newref(x);
  if (is_int(x)) return in.new_float(float_of(in, x));
  if (x.p->kind == Kind::Str) {
    std::string s = strip_ws(str_of(x));
    std::string t;
    for (char c : s) t += static_cast<char>(tolower(c));
    std::string u = t;
    if (!u.empty() && (u[0] == '+' || u[0] == '-')) u = u.substr(1);
    double sign = !t.empty() && t[0] == '-' ? -1.0 : 1.0;
    if (u == "inf" || u == "infinity") return in.new_float(sign * INFINITY);
    if (u == "nan") return in.new_float(NAN);
    std::string clean;
    for (char c : s)
      if (c != '_') clean += c;
    char* end = nullptr;
    double v = clean.empty() ? 0 : std::strtod(clean.c_str(), &end);
    bool bad = clean.empty() || end != clean.c_str() + clean.size() || u.rfind("0x", 0) == 0 ||
               t.find("inf") != std::string::npos || t.find("nan") != std::string::npos;
    if (bad) in.value_error(fmt::format("could not convert string to float: {}", in.repr_s(x)));
    return in.new_float(v);
  }
  if (x.p->kind == Kind::Instance) {
    if (Ref r = in.call_special(x, "__float__")) return r;
  }
  in.type_error(fmt::format("float() argument must be a string or a real number, not '{}'", in.type_name(x)));
}

Ref c_str(Interpreter& in, Ref, const Ref* args, int nargs, Ref kwnames) {
  Args a(args, nargs, kwnames);
  if (a.npos == 0) return in.new_str("");
  return in.str(args[0]);
}

Ref c_bool(Interpreter& in, Ref, const Ref* args, int nargs, Ref kwnames) {
  Args a(args, nargs, kwnames);
  if (a.npos == 0) return in.boolean(false);
  return in.boolean(in.truthy(args[0]));
}

Ref c_tuple(Interpreter& in, Ref, const Ref* args, int nargs, Ref kwnames) {
  Args a(args, nargs, kwnames);
  if (a.npos == 0) return in.new_tuple({});
  if (args[0].p->kind == Kind::Tuple) return in.newref(args[0]);
  return in.new_tuple(in.unpack_iterable(args[0]));
}

Ref c_list(Interpreter& in, Ref, const Ref* args, int nargs, Ref kwnames) {
  Args a(args, nargs, kwnames);
  if (a.npos == 0) return in.new_list({});
  return in.new_list(in.unpack_iterable(args[0]));
}

}  // namespace

// dict.update's core: a mapping or an iterable of pairs into `d`.
void dict_update_from(Interpreter& in, Ref d, Ref src) {
  if (src.p->kind == Kind::Dict) {
    in.touch(src, Access::Read);
    std::vector<DictObj::Entry> entries = static_cast<DictObj*>(src.p)->entries;
    for (auto& e : entries)
      if (e.key) in.dict_set(d, e.key, e.value);
    return;
  }
  std::vector<Ref> hold{in.get_iter(src)};
  Holder hold_it(in, hold);
  int64_t n = 0;
  while (Ref item = in.iter_next(hold[0])) {
    std::vector<Ref> kv;
    try {
      kv = in.unpack_iterable(item);
    } catch (PyException&) {
      in.decref(item);
      in.clear(in.current().raised);
      in.type_error(fmt::format("cannot convert dictionary update sequence element #{} to a sequence", n));
    }
    in.decref(item);
    Holder hold_kv(in, kv);
    if (kv.size() != 2)
      in.value_error(fmt::format("dictionary update sequence element #{} has length {}; 2 is required", n, kv.size()));
    in.dict_set(d, kv[0], kv[1]);
    ++n;
  }
}

namespace {

Ref c_dict(Interpreter& in, Ref, const Ref* args, int nargs, Ref kwnames) {
  Args a(args, nargs, kwnames);
  Ref d = in.new_dict();
  try {
    if (a.npos > 0) dict_update_from(in, d, args[0]);
    for (int k = 0; k < a.nkw; ++k)
      in.dict_set(d, static_cast<TupleObj*>(kwnames.p)->items[static_cast<size_t>(k)], args[a.npos + k]);
  } catch (...) {
    in.decref(d);
    throw;
  }
  return d;
}

void add(Interpreter& in, const char* name, NativeFn fn) {
  Ref f = in.new_builtin(name, fn);
  in.dict_set_str(in.builtins_dict(), name, f);
  in.decref(f);
}

}  // namespace

namespace {

// zip(strict=True) found iterator i exhausted: raise unless all of them are.
void zip_strict_check(Interpreter& in, const std::vector<Ref>& its, size_t i) {
  auto plural = [](size_t k) { return k == 1 ? std::string(" 1") : fmt::format("s 1-{}", k); };
  if (i)
    in.value_error(fmt::format("zip() argument {} is shorter than argument{}", i + 1, plural(i)));
  for (size_t k = 1; k < its.size(); ++k) {
    Ref v = in.iter_next(its[k]);
    if (v) {
      in.decref(v);
      in.value_error(fmt::format("zip() argument {} is longer than argument{}", k + 1, plural(k)));
    }
  }
}

}  // namespace

Ref builtin_iter_next(Interpreter& in, IterObj* it) {
  switch (it->sub) {
    case IterObj::Sub::Enumerate: {
      if (!it->a) return {};
      Ref v = in.iter_next(it->a);
      if (!v) return {};
      return in.new_tuple({in.new_int(it->i++), v});
    }
    case IterObj::Sub::Zip: {
      if (!it->a) return {};
      auto& its = static_cast<TupleObj*>(it->a.p)->items;
      if (its.empty()) return {};
      std::vector<Ref> row;
      for (auto& x : its) {
        Ref v;
        try {
          v = in.iter_next(x);
        } catch (...) {
          for (auto& r : row) in.decref(r);
          throw;
        }
        if (!v) {
          size_t i = row.size();
          for (auto& r : row) in.decref(r);
          if (it->i) zip_strict_check(in, its, i);
          return {};
        }
        row.push_back(v);
      }
      return in.new_tuple(std::move(row));
    }
    case IterObj::Sub::Map: {
      auto& its = static_cast<TupleObj*>(it->b.p)->items;
      std::vector<Ref> row;
      Holder hold(in, row);
      for (auto& x : its) {
        Ref v = in.iter_next(x);
        if (!v) return {};
        row.push_back(v);
      }
      return in.call(it->a, row.data(), static_cast<int>(row.size()));
    }
    case IterObj::Sub::Filter: {
      for (;;) {
        std::vector<Ref> item(1);
        Holder hold(in, item);  // the item is an audit root while the predicate runs
        item[0] = in.iter_next(it->b);
        if (!item[0]) return {};
        bool keep;
        if (in.is_none(it->a)) {
          keep = in.truthy(item[0]);
        } else {
          Ref r = in.call(it->a, &item[0], 1);
          keep = in.truthy(r);
          in.decref(r);
        }
        if (keep) {
          Ref v = item[0];
          item[0] = Ref{};
          return v;
        }
      }
    }
    default: return {};
  }
}

void register_builtins(Interpreter& in) {
  add(in, "print", b_print);
  add(in, "len", b_len);
  add(in, "repr", b_repr);
  add(in, "abs", b_abs);
  add(in, "min", b_min);
  add(in, "max", b_max);
  add(in, "sum", b_sum);
  add(in, "sorted", b_sorted);
  add(in, "isinstance", b_isinstance);
  add(in, "issubclass", b_issubclass);
  add(in, "enumerate", b_enumerate);
  add(in, "zip", b_zip);
  add(in, "map", b_map);
  add(in, "filter", b_filter);
  add(in, "reversed", b_reversed);
  add(in, "any", b_any);
  add(in, "all", b_all);
  add(in, "getattr", b_getattr);
  add(in, "hasattr", b_hasattr);
  add(in, "setattr", b_setattr);
  add(in, "delattr", b_delattr);
  add(in, "id", b_id);
  add(in, "hash", b_hash);
  add(in, "divmod", b_divmod);
  add(in, "pow", b_pow);
  add(in, "round", b_round);
  add(in, "chr", b_chr);
  add(in, "ord", b_ord);
  add(in, "iter", b_iter);
  add(in, "next", b_next);
  add(in, "callable", b_callable);
  add(in, "format", b_format);
  add(in, "hex", b_hex);
  add(in, "oct", b_oct);
  add(in, "bin", b_bin);
  // Constructors: init_builtins turns these names into the classes.
  add(in, "int", c_int);
  add(in, "float", c_float);
  add(in, "str", c_str);
  add(in, "bool", c_bool);
  add(in, "tuple", c_tuple);
  add(in, "list", c_list);
  add(in, "dict", c_dict);
  register_methods(in);
}

}  // namespace vm
