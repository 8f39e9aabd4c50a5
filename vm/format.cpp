// The format-spec mini-language (format(), f-strings, str.format) and
// printf-style `str % args`, for int, float and str as CPython 3.11 formats
// them (Python/formatter_unicode.c, Objects/unicodeobject.c).
#include <fmt/format.h>

#include <cmath>
#include <cstdio>

#include "vm/interpreter.h"
#include "vm/utf8.h"
#include "vm/objects_impl.h"

namespace vm {

namespace {

struct Spec {
  bool fill_given = false;
  char fill = ' ';
  char align = 0;  // '<', '>', '^', '=' or 0
  char sign = '-';
  bool alt = false;
  bool zero = false;
  int width = -1;
  char grouping = 0;  // ',' or '_'
  int precision = -1;
  char type = 0;
};

Spec parse_spec(Interpreter& in, const std::string& s) {
  Spec sp;
  size_t i = 0;
  auto is_align = [](char c) { return c == '<' || c == '>' || c == '^' || c == '='; };
  if (s.size() >= 2 && is_align(s[1])) {
    sp.fill = s[0];
    sp.fill_given = true;
    sp.align = s[1];
    i = 2;
  } else if (!s.empty() && is_align(s[0])) {
    sp.align = s[0];
    i = 1;
  }
  if (i < s.size() && (s[i] == '+' || s[i] == '-' || s[i] == ' ')) sp.sign = s[i++];
  if (i < s.size() && s[i] == '#') sp.alt = true, ++i;
  if (i < s.size() && s[i] == '0') {
    // The 0 flag pads with zeros unless a fill was given, and aligns after
    // the sign unless an alignment was given.
    sp.zero = true;
    if (!sp.fill_given) sp.fill = '0';
    if (!sp.align) sp.align = '=';
    ++i;
  }
  int w = 0;
  bool has_w = false;
  while (i < s.size() && isdigit(static_cast<unsigned char>(s[i]))) w = w * 10 + (s[i++] - '0'), has_w = true;
  if (has_w) sp.width = w;
  if (i < s.size() && (s[i] == ',' || s[i] == '_')) sp.grouping = s[i++];
  if (i < s.size() && s[i] == '.') {
    ++i;
    int p = 0;
    bool has_p = false;
    while (i < s.size() && isdigit(static_cast<unsigned char>(s[i]))) p = p * 10 + (s[i++] - '0'), has_p = true;
    if (!has_p) in.value_error("Format specifier missing precision");
    sp.precision = p;
  }
  if (i < s.size()) sp.type = s[i++];
  if (i < s.size()) in.value_error("Invalid format specifier");
  return sp;
}

std::string group_digits(const std::string& digits, char sep, int every) {
  std::string out;
  int n = static_cast<int>(digits.size());
  for (int k = 0; k < n; ++k) {
    if (k && (n - k) % every == 0) out += sep;
    out += digits[static_cast<size_t>(k)];
  }
  return out;
}

size_t cp_count(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

// Pads `body` (with its sign/prefix split off for '=' alignment).
std::string pad(const Spec& sp, const std::string& prefix, const std::string& body, char dflt_align) {
  size_t len = cp_count(prefix) + cp_count(body);
  if (sp.width < 0 || len >= static_cast<size_t>(sp.width)) return prefix + body;
  size_t fill = static_cast<size_t>(sp.width) - len;
  char align = sp.align ? sp.align : dflt_align;
  std::string f(1, sp.fill);
  auto rep = [&](size_t n) {
    std::string o;
    for (size_t k = 0; k < n; ++k) o += f;
    return o;
  };
  switch (align) {
    case '<': return prefix + body + rep(fill);
    case '^': return rep(fill / 2) + prefix + body + rep(fill - fill / 2);
    case '=': return prefix + rep(fill) + body;
    default: return rep(fill) + prefix + body;
  }
}

std::string format_int(Interpreter& in, Ref v, const Spec& sp) {
  BigInt x = int_big(v);
  bool neg = x.sign() < 0;
  BigInt mag = neg ? -x : x;
  std::string digits, prefix;
  char t = sp.type ? sp.type : 'd';
  if (sp.precision >= 0) in.value_error("Precision not allowed in integer format specifier");
  if (sp.grouping == ',' && (t == 'x' || t == 'X' || t == 'o' || t == 'b' || t == 'c'))
    in.value_error(fmt::format("Cannot specify ',' with '{}'.", t));
  switch (t) {
    case 'd':
    case 'n': digits = mag.to_string(); break;
    case 'x':
    case 'X':
    case 'o':
    case 'b': {
      int base = t == 'o' ? 8 : t == 'b' ? 2 : 16;
      if (mag.is_zero()) digits = "0";
      BigInt m = mag;
      BigInt b(base);
      while (!m.is_zero()) {
        auto dm = BigInt::divmod(m, b);
        digits.insert(digits.begin(), "0123456789abcdef"[dm.r.to_int64()]);
        m = dm.q;
      }
      if (t == 'X')
        for (auto& c : digits) c = static_cast<char>(toupper(c));
      if (sp.alt) prefix = t == 'x' ? "0x" : t == 'X' ? "0X" : t == 'o' ? "0o" : "0b";
      break;
    }
    case 'c': {
      if (!x.fits_int64()) in.raise(in.exc_.OverflowError, "Python int too large to convert to C long");
      int64_t c = x.to_int64();
      if (c < 0 || c > 0x10FFFF) in.raise(in.exc_.OverflowError, "%c arg not in range(0x110000)");
      std::string s = utf8_encode(static_cast<uint32_t>(c));
      return pad(sp, "", s, '<');
    }
    default:
      in.value_error(fmt::format("Unknown format code '{}' for object of type 'int'", t));
  }
  if (sp.grouping) digits = group_digits(digits, sp.grouping, t == 'd' || t == 'n' ? 3 : 4);
  std::string sign = neg ? "-" : sp.sign == '+' ? "+" : sp.sign == ' ' ? " " : "";
  if (sp.align == '=' && sp.fill == '0' && sp.grouping && sp.width > 0) {
    // Zero padding is grouped too: format(1234, '08,') == '0,001,234'.
    int want = sp.width - static_cast<int>(sign.size() + prefix.size());
    std::string raw = mag.to_string();
    while (static_cast<int>(group_digits(raw, sp.grouping, 3).size()) < want) raw.insert(raw.begin(), '0');
    return sign + prefix + group_digits(raw, sp.grouping, 3);
  }
  return pad(sp, sign + prefix, digits, '>');
}

std::string format_float(Interpreter& in, double v, const Spec& sp) {
  char t = sp.type;
  std::string body;
  bool neg = std::signbit(v) && !std::isnan(v);
  double a = std::fabs(v);
  int prec = sp.precision;
  if (std::isinf(a) || std::isnan(a)) {
    body = std::isnan(a) ? "nan" : "inf";
    if (t == 'F' || t == 'E' || t == 'G') body = std::isnan(a) ? "NAN" : "INF";
    if (t == '%') body += "%";
  } else if (t == 0 && prec < 0) {
    body = repr_float(a);
  } else {
    char buf[512];
    std::string f;
    switch (t) {
      case 'f': case 'F': snprintf(buf, sizeof buf, sp.alt ? "%#.*f" : "%.*f", prec < 0 ? 6 : prec, a); body = buf; break;
      case 'e': case 'E':
        snprintf(buf, sizeof buf, t == 'e' ? (sp.alt ? "%#.*e" : "%.*e") : (sp.alt ? "%#.*E" : "%.*E"), prec < 0 ? 6 : prec, a);
        body = buf;
        break;
      case '%': snprintf(buf, sizeof buf, sp.alt ? "%#.*f" : "%.*f", prec < 0 ? 6 : prec, a * 100); body = std::string(buf) + "%"; break;
      case 'g': case 'G': case 0: {
        int p = prec < 0 ? 6 : (prec == 0 ? 1 : prec);
        snprintf(buf, sizeof buf, (t == 'G') ? (sp.alt ? "%#.*G" : "%.*G") : (sp.alt ? "%#.*g" : "%.*g"), p, a);
        body = buf;
        if (t == 0 && body.find_first_of(".e") == std::string::npos && body.find("inf") == std::string::npos)
          body += ".0";
        break;
      }
      case 'n': snprintf(buf, sizeof buf, "%.*g", prec < 0 ? 6 : prec, a); body = buf; break;
      default:
        in.value_error(fmt::format("Unknown format code '{}' for object of type 'float'", t));
    }
  }
  if (sp.grouping && (std::isfinite(a))) {
    size_t dot = body.find_first_of(".eE%");
    std::string ip = body.substr(0, dot), rest = dot == std::string::npos ? "" : body.substr(dot);
    body = group_digits(ip, sp.grouping, 3) + rest;
  }
  std::string sign = neg ? "-" : sp.sign == '+' ? "+" : sp.sign == ' ' ? " " : "";
  return pad(sp, sign, body, '>');
}

}  // namespace

Ref format_value(Interpreter& in, Ref v, const std::string& spec) {
  Kind k = v.p->kind;
  if (k == Kind::Instance) {
    if (class_lookup(in, in.type_of(v), "__format__")) {
      Ref s = in.new_str(spec);
      Ref r;
      try {
        r = in.call_special(v, "__format__", &s, 1);
      } catch (...) {
        in.decref(s);
        throw;
      }
      in.decref(s);
      return r;
    }
    if (!spec.empty())
      in.type_error(fmt::format("unsupported format string passed to {}.__format__", in.type_name(v)));
    return in.str(v);
  }
  if (spec.empty()) return in.str(v);
  Spec sp = parse_spec(in, spec);
  if (k == Kind::Int || k == Kind::Bool) {
    if (k == Kind::Bool && !sp.type) return in.new_str(pad(sp, "", in.str_s(v), '<'));
    if (sp.type && std::string("eEfFgG%").find(sp.type) != std::string::npos)
      return in.new_str(format_float(in, float_of(in, v), sp));
    return in.new_str(format_int(in, v, sp));
  }
  if (k == Kind::Float) {
    if (sp.type && std::string("eEfFgGn%").find(sp.type) == std::string::npos)
      in.value_error(fmt::format("Unknown format code '{}' for object of type 'float'", sp.type));
    return in.new_str(format_float(in, static_cast<FloatObj*>(v.p)->v, sp));
  }
  if (k == Kind::Str) {
    if (sp.type && sp.type != 's')
      in.value_error(fmt::format("Unknown format code '{}' for object of type 'str'", sp.type));
    if (sp.sign != '-') in.value_error("Sign not allowed in string format specifier");
    if (sp.alt) in.value_error("Alternate form (#) not allowed in string format specifier");
    if (sp.align == '=') in.value_error("'=' alignment not allowed in string format specifier");
    std::string s = str_of(v);
    if (sp.precision >= 0) {
      size_t n = 0, i = 0;
      for (; i < s.size(); ++i) {
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
          if (n == static_cast<size_t>(sp.precision)) break;
          ++n;
        }
      }
      s = s.substr(0, i);
    }
    return in.new_str(pad(sp, "", s, '<'));
  }
  in.type_error(fmt::format("unsupported format string passed to {}.__format__", in.type_name(v)));
}

Ref percent_format(Interpreter& in, Ref fmtr, Ref args) {
  const std::string f = str_of(fmtr);
  std::vector<Ref> vals;
  if (args.p->kind == Kind::Tuple) vals = static_cast<TupleObj*>(args.p)->items;
  else vals.push_back(args);
  size_t next = 0;
  std::string out;
  for (size_t i = 0; i < f.size(); ++i) {
    if (f[i] != '%') {
      out += f[i];
      continue;
    }
    ++i;
    if (i >= f.size()) in.value_error("incomplete format");
    if (f[i] == '%') {
      out += '%';
      continue;
    }
    std::string spec;
    while (i < f.size() && std::string("-+ #0123456789.").find(f[i]) != std::string::npos) spec += f[i++];
    if (i >= f.size()) in.value_error("incomplete format");
    char conv = f[i];
    if (next >= vals.size()) in.type_error("not enough arguments for format string");
    Ref v = vals[next++];
    // Translate the printf flags to a format spec.
    std::string fs;
    bool left = spec.find('-') != std::string::npos;
    std::string rest;
    for (char c : spec)
      if (c != '-') rest += c;
    if (left) fs += "<";
    fs += rest;
    switch (conv) {
      case 's': {
        Ref s = in.str(v);
        Ref r = format_value(in, s, left ? fs : (rest.empty() ? "" : ">" + rest));
        out += str_of(r);
        in.decref(r);
        in.decref(s);
        break;
      }
      case 'r': {
        Ref s = in.repr(v);
        out += str_of(s);
        in.decref(s);
        break;
      }
      case 'd':
      case 'i': {
        Ref iv = is_int(v) ? in.newref(v) : in.new_int(static_cast<int64_t>(float_of(in, v)));
        Ref r = format_value(in, iv, fs + "d");
        out += str_of(r);
        in.decref(r);
        in.decref(iv);
        break;
      }
      case 'f': case 'e': case 'g': case 'x': case 'X': case 'o': {
        Ref r = format_value(in, v, fs + conv);
        out += str_of(r);
        in.decref(r);
        break;
      }
      default:
        in.value_error(fmt::format("unsupported format character '{}' (0x{:x}) at index {}", conv,
                                   static_cast<int>(conv), i));
    }
  }
  if (next < vals.size()) in.type_error("not all arguments converted during string formatting");
  return in.new_str(std::move(out));
}

}  // namespace vm
