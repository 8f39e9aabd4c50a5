// The format-spec mini-language (format(), f-strings, str.format) and
// printf-style `str % args`, for int, float and str as CPython 3.11 formats
// them (Python/formatter_unicode.c, Objects/unicodeobject.c).
//
// Numbers follow CPython's two steps: the value becomes a string of ASCII
// digits (PyOS_double_to_string for floats), which is then split into
// sign, prefix, integer digits, decimal point and remainder and laid out by
// calc_number_widths/fill_number.  Zero padding ('0' fill with '='
// alignment) happens inside the digit grouping, so separators land in the
// padding too: format(1234, '010,') == '00,001,234'.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <climits>
#include <cmath>
#include <cstdio>

#include "vm/check.h"
#include "vm/interpreter.h"
#include "vm/objects_impl.h"
#include "vm/utf8.h"

namespace vm {

namespace {

// A parsed format spec (CPython's InternalFormatSpec).
struct Spec {
  std::string fill = " ";  // one code point, UTF-8
  char align = 0;          // '<', '>', '^', '=', or 0 for the type's default
  char sign = 0;           // '+', '-', ' ', or 0 when not given
  bool no_neg_0 = false;   // 'z': a negative zero result loses its sign
  bool alt = false;        // '#'
  int64_t width = -1;      // -1 when not given
  char grouping = 0;       // ',' or '_' or 0
  int64_t precision = -1;  // -1 when not given
  uint32_t type = 0;       // presentation type, 0 when none
};

size_t cp_count(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

// Byte length of the UTF-8 sequence that starts with `lead`.
size_t utf8_len(unsigned char lead) {
  return lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
}

// A presentation type as CPython quotes it in messages: printable ASCII as
// itself, anything else as \x<hex>.
std::string type_text(uint32_t t) {
  if (t > 32 && t < 128) return std::string(1, static_cast<char>(t));
  return fmt::format("\\x{:x}", t);
}

[[noreturn]] void unknown_type(Interpreter& in, uint32_t t, const std::string& type_name) {
  in.value_error(
      fmt::format("Unknown format code '{}' for object of type '{}'", type_text(t), type_name));
}

// parse_internal_render_format_spec of 3.11: [[fill]align][sign][z][#][0]
// [width][grouping][.precision][type].
Spec parse_spec(Interpreter& in, const std::string& s, uint32_t default_type,
                const std::string& type_name) {
  Spec sp;
  sp.type = default_type;
  size_t i = 0;
  auto is_align = [](char c) { return c == '<' || c == '>' || c == '^' || c == '='; };
  bool fill_given = false;
  size_t first = s.empty() ? 0 : utf8_len(static_cast<unsigned char>(s[0]));
  if (s.size() > first && is_align(s[first])) {
    sp.fill = s.substr(0, first);
    sp.align = s[first];
    fill_given = true;
    i = first + 1;
  } else if (!s.empty() && is_align(s[0])) {
    sp.align = s[0];
    i = 1;
  }
  if (i < s.size() && (s[i] == '+' || s[i] == '-' || s[i] == ' ')) sp.sign = s[i++];
  if (i < s.size() && s[i] == 'z') sp.no_neg_0 = true, ++i;
  if (i < s.size() && s[i] == '#') sp.alt = true, ++i;
  if (!fill_given && i < s.size() && s[i] == '0') {
    // The 0 flag pads with zeros after the sign; for strings (default
    // alignment '<') it only sets the fill: format('ab', '05') == 'ab000'.
    sp.fill = "0";
    if (!sp.align && default_type != 's') sp.align = '=';
    ++i;
  }
  auto integer = [&](int64_t& out) {
    size_t start = i;
    int64_t v = 0;
    for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
      int d = s[i] - '0';
      if (v > (INT64_MAX - d) / 10) in.value_error("Too many decimal digits in format string");
      v = v * 10 + d;
    }
    if (i > start) out = v;
    return i > start;
  };
  integer(sp.width);
  if (i < s.size() && s[i] == ',') sp.grouping = ',', ++i;
  if (i < s.size() && s[i] == '_') {
    if (sp.grouping) in.value_error("Cannot specify both ',' and '_'.");
    sp.grouping = '_', ++i;
  }
  if (i < s.size() && s[i] == ',') in.value_error("Cannot specify both ',' and '_'.");
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (!integer(sp.precision)) in.value_error("Format specifier missing precision");
  }
  if (i < s.size()) {
    if (i + utf8_len(static_cast<unsigned char>(s[i])) < s.size())
      in.value_error(
          fmt::format("Invalid format specifier '{}' for object of type '{}'", s, type_name));
    sp.type = decode_utf8(s, i);
  }
  if (sp.grouping) {
    switch (sp.type) {
      case 'd':
      case 'e':
      case 'f':
      case 'g':
      case 'E':
      case 'G':
      case '%':
      case 'F':
      case 0:
        break;
      case 'b':
      case 'o':
      case 'x':
      case 'X':
        if (sp.grouping == '_') break;  // every four digits (PEP 515)
        [[fallthrough]];
      default:
        in.value_error(
            fmt::format("Cannot specify '{}' with '{}'.", sp.grouping, type_text(sp.type)));
    }
  }
  return sp;
}

std::string repeat(const std::string& unit, int64_t n) {
  std::string o;
  for (int64_t k = 0; k < n; ++k) o += unit;
  return o;
}

// calc_padding + fill_padding: `body` padded to the width.
std::string pad(const Spec& sp, const std::string& body, char align) {
  int64_t len = static_cast<int64_t>(cp_count(body));
  if (sp.width <= len) return body;
  int64_t fill = sp.width - len;
  int64_t left = align == '>' ? fill : align == '^' ? fill / 2 : 0;
  return repeat(sp.fill, left) + body + repeat(sp.fill, fill - left);
}

// _PyUnicode_InsertThousandsGrouping: `digits` with `sep` every `every`
// digits from the right (sep 0: no grouping), zero-extended on the left
// until at least `min_width` characters.  Like CPython it never starts with
// a separator, so the result may be one character wider than min_width.
std::string group_digits(const std::string& digits, int64_t min_width, char sep, int every) {
  std::string rev;  // built right to left
  int64_t remaining = static_cast<int64_t>(digits.size());
  auto take = [&](int64_t l, bool use_sep) {
    int64_t zeros = std::max<int64_t>(0, l - remaining);
    int64_t chars = std::max<int64_t>(0, std::min(remaining, l));
    if (use_sep) rev += sep;
    for (int64_t k = 0; k < chars; ++k) rev += digits[static_cast<size_t>(remaining - 1 - k)];
    rev.append(static_cast<size_t>(zeros), '0');
    remaining -= chars;
  };
  bool use_sep = false;
  bool done = false;
  if (sep) {
    for (;;) {
      int64_t l = std::min<int64_t>(every, std::max<int64_t>(std::max(remaining, min_width), 1));
      take(l, use_sep);
      use_sep = true;
      min_width -= l;
      if (remaining <= 0 && min_width <= 0) {
        done = true;
        break;
      }
      min_width -= 1;  // the separator
    }
  }
  if (!done) take(std::max<int64_t>(std::max(remaining, min_width), 1), use_sep);
  return std::string(rev.rbegin(), rev.rend());
}

// A number split the way CPython's fill_number writes it.
struct NumberParts {
  bool negative = false;
  std::string prefix;  // "0x" and friends
  std::string digits;  // the integer digits, grouped; may be empty
  bool has_decimal = false;
  std::string remainder;  // after the point: fraction, exponent, '%'; or the 'c' character
};

// calc_number_widths + fill_number:
//   <lpadding><sign><prefix><spadding><grouped digits><decimal><remainder><rpadding>
std::string layout_number(const Spec& sp, const NumberParts& n, int group_every) {
  std::string sign = n.negative ? "-" : sp.sign == '+' ? "+" : sp.sign == ' ' ? " " : "";
  int64_t fixed = static_cast<int64_t>(sign.size() + n.prefix.size() + (n.has_decimal ? 1 : 0) +
                                       cp_count(n.remainder));
  char align = sp.align ? sp.align : '>';
  int64_t min_width = sp.fill == "0" && align == '=' ? sp.width - fixed : 0;
  std::string grouped =
      n.digits.empty() ? "" : group_digits(n.digits, min_width, sp.grouping, group_every);
  std::string body = grouped + (n.has_decimal ? "." : "") + n.remainder;
  int64_t padding = sp.width - (fixed + static_cast<int64_t>(grouped.size()));
  if (padding <= 0) return sign + n.prefix + body;
  switch (align) {
    case '<':
      return sign + n.prefix + body + repeat(sp.fill, padding);
    case '^':
      return repeat(sp.fill, padding / 2) + sign + n.prefix + body +
             repeat(sp.fill, padding - padding / 2);
    case '=':
      return sign + n.prefix + repeat(sp.fill, padding) + body;
    default:
      return repeat(sp.fill, padding) + sign + n.prefix + body;
  }
}

// parse_number: splits an unsigned number string into digits, point and
// remainder.
NumberParts split_number(const std::string& s, bool negative) {
  NumberParts n;
  n.negative = negative;
  size_t i = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  n.digits = s.substr(0, i);
  n.has_decimal = i < s.size() && s[i] == '.';
  n.remainder = s.substr(i + (n.has_decimal ? 1 : 0));
  return n;
}

// The digits of mag >= 0 for the presentation type t ('d', 'b', 'o', 'x', 'X').
std::string digits_in_base(BigInt mag, char t) {
  if (t == 'd') return mag.to_string();
  int base = t == 'o' ? 8 : t == 'b' ? 2 : 16;
  if (mag.is_zero()) return "0";
  std::string digits;
  BigInt b(base);
  const char* alphabet = t == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
  while (!mag.is_zero()) {
    auto dm = BigInt::divmod(mag, b);
    digits += alphabet[dm.r.to_int64()];
    mag = dm.q;
  }
  std::reverse(digits.begin(), digits.end());
  return digits;
}

std::string format_int(Interpreter& in, Ref v, const Spec& sp) {
  if (sp.precision >= 0) in.value_error("Precision not allowed in integer format specifier");
  if (sp.no_neg_0)
    in.value_error("Negative zero coercion (z) not allowed in integer format specifier");
  BigInt x = int_big(v);
  NumberParts n;
  uint32_t t = sp.type;
  if (t == 'c') {
    if (sp.sign) in.value_error("Sign not allowed with integer format specifier 'c'");
    if (sp.alt) in.value_error("Alternate form (#) not allowed with integer format specifier 'c'");
    if (!x.fits_int64())
      in.raise(in.exc_.OverflowError, "Python int too large to convert to C long");
    int64_t c = x.to_int64();
    if (c < 0 || c > 0x10FFFF) in.raise(in.exc_.OverflowError, "%c arg not in range(0x110000)");
    // As CPython does, the character is all "remainder": no digits to group.
    n.remainder = utf8_encode(static_cast<uint32_t>(c));
    return layout_number(sp, n, 3);
  }
  n.negative = x.sign() < 0;
  BigInt mag = n.negative ? -x : x;
  if (t == 'd' || t == 'n') {
    n.digits = mag.to_string();
    // 'n' groups by the locale; gilsim runs in the C locale, which has none.
    return layout_number(sp, n, 3);
  }
  n.digits = digits_in_base(mag, static_cast<char>(t));
  if (sp.alt) n.prefix = t == 'x' ? "0x" : t == 'X' ? "0X" : t == 'o' ? "0o" : "0b";
  return layout_number(sp, n, 4);
}

// snprintf into a string of the right size.
std::string c_format(const char* f, int prec, double a) {
  int len = snprintf(nullptr, 0, f, prec, a);
  std::string s(static_cast<size_t>(len), '\0');
  snprintf(s.data(), s.size() + 1, f, prec, a);
  return s;
}

// The significant digits and decimal point position of a > 0 or 0, as
// dtoa gives them: value = 0.DIGITS * 10**decpt, no trailing zeros.
// ndigits 0 means the shortest round-trip digits (mode 0), otherwise that
// many correctly rounded digits (mode 2).
void dtoa_digits(double a, int ndigits, std::string& digits, int& decpt) {
  std::string text;
  if (ndigits == 0) {
    std::array<char, 64> buf{};
    auto [end, ec] =
        std::to_chars(buf.data(), buf.data() + buf.size(), a, std::chars_format::scientific);
    GILSIM_ASSERT(ec == std::errc(), "to_chars failed on a double");
    text.assign(buf.data(), end);
  } else {
    text = c_format("%.*e", ndigits - 1, a);
  }
  size_t e = text.find('e');
  digits.clear();
  for (char ch : text.substr(0, e))
    if (ch != '.') digits += ch;
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  decpt = std::stoi(text.substr(e + 1)) + 1;
  if (digits == "0") decpt = 1;
}

// format_float_short of Python/pystrtod.c for the codes 'g' and 'r' (repr):
// the digits written out with a point, switching to an exponent as the code
// says.  add_dot_0 keeps at least one digit after the point (the "no type"
// rule), and moves the 'g' switch to exponent one place earlier.
std::string float_short(const std::string& digits, int decpt, char code, int precision, bool alt,
                        bool add_dot_0) {
  int ndig = static_cast<int>(digits.size());
  int vend = ndig;
  bool use_exp = false;
  if (code == 'g') {
    use_exp = decpt <= -4 || decpt > (add_dot_0 ? precision - 1 : precision);
    if (alt) vend = precision;
  } else {
    use_exp = decpt <= -4 || decpt > 16;
  }
  int exp = 0;
  if (use_exp) {
    exp = decpt - 1;
    decpt = 1;
  }
  int vstart = decpt <= 0 ? decpt - 1 : 0;
  vend = std::max(vend, !use_exp && add_dot_0 ? decpt + 1 : decpt);
  std::string out;
  for (int k = vstart; k < vend; ++k) {
    if (k == decpt) out += '.';
    out += k >= 0 && k < ndig ? digits[static_cast<size_t>(k)] : '0';
  }
  if (vend == decpt) out += '.';
  if (out.back() == '.' && !alt) out.pop_back();
  if (use_exp) out += fmt::format("e{}{:02d}", exp < 0 ? '-' : '+', std::abs(exp));
  return out;
}

// format_float_internal: `v` (already scaled for '%') as CPython writes it.
std::string format_float(Interpreter& in, double v, const Spec& sp) {
  if (sp.precision > INT_MAX) in.value_error("precision too big");
  uint32_t t = sp.type;
  int precision = static_cast<int>(sp.precision);
  bool add_dot_0 = false;
  char code;
  int default_precision = 6;
  if (t == 0) {
    // No type: repr(v), or with a precision 'g' keeping a digit after the point.
    add_dot_0 = true;
    code = 'r';
    default_precision = 0;
  } else {
    code = t == 'n' ? 'g' : static_cast<char>(t);
  }
  bool pct = code == '%';
  if (pct) {
    code = 'f';
    v *= 100;
  }
  if (precision < 0)
    precision = default_precision;
  else if (code == 'r')
    code = 'g';
  bool upper = code == 'E' || code == 'F' || code == 'G';
  code = static_cast<char>(tolower(code));
  double a = std::fabs(v);
  // CPython never writes a sign for a nan.
  bool negative = std::signbit(v) && !std::isnan(v);
  std::string body;
  if (std::isnan(a)) {
    body = "nan";
  } else if (std::isinf(a)) {
    body = "inf";
  } else {
    std::string digits;
    int decpt = 0;
    switch (code) {
      case 'e':
        body = c_format(sp.alt ? "%#.*e" : "%.*e", precision, a);
        break;
      case 'f':
        body = c_format(sp.alt ? "%#.*f" : "%.*f", precision, a);
        break;
      case 'g':
        dtoa_digits(a, precision == 0 ? 1 : precision, digits, decpt);
        body = float_short(digits, decpt, 'g', precision == 0 ? 1 : precision, sp.alt, add_dot_0);
        break;
      default:
        dtoa_digits(a, 0, digits, decpt);
        body = float_short(digits, decpt, 'r', 0, sp.alt, add_dot_0);
        break;
    }
    if (sp.no_neg_0 && negative) {
      std::string mant = body.substr(0, body.find('e'));
      if (mant.find_first_not_of("0.") == std::string::npos) negative = false;
    }
  }
  if (upper)
    for (auto& c : body) c = static_cast<char>(toupper(static_cast<unsigned char>(c)));
  if (pct) body += '%';
  return layout_number(sp, split_number(body, negative), 3);
}

std::string format_str(Interpreter& in, std::string s, const Spec& sp) {
  if (sp.sign == ' ') in.value_error("Space not allowed in string format specifier");
  if (sp.sign) in.value_error("Sign not allowed in string format specifier");
  if (sp.no_neg_0)
    in.value_error("Negative zero coercion (z) not allowed in string format specifier");
  if (sp.alt) in.value_error("Alternate form (#) not allowed in string format specifier");
  if (sp.align == '=') in.value_error("'=' alignment not allowed in string format specifier");
  if (sp.precision >= 0) {
    size_t n = 0, i = 0;
    for (; i < s.size(); ++i) {
      if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
        if (n == static_cast<size_t>(sp.precision)) break;
        ++n;
      }
    }
    s.resize(i);
  }
  return pad(sp, s, sp.align ? sp.align : '<');
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
      in.type_error(
          fmt::format("unsupported format string passed to {}.__format__", in.type_name(v)));
    return in.str(v);
  }
  if (spec.empty()) return in.str(v);
  std::string tname = in.type_name(v);
  if (k == Kind::Int || k == Kind::Bool) {
    Spec sp = parse_spec(in, spec, 'd', tname);
    switch (sp.type) {
      case 'b':
      case 'c':
      case 'd':
      case 'o':
      case 'x':
      case 'X':
      case 'n':
        return in.new_str(format_int(in, v, sp));
      case 'e':
      case 'E':
      case 'f':
      case 'F':
      case 'g':
      case 'G':
      case '%':
        return in.new_str(format_float(in, float_of(in, v), sp));
      default:
        unknown_type(in, sp.type, tname);
    }
  }
  if (k == Kind::Float) {
    Spec sp = parse_spec(in, spec, 0, tname);
    switch (sp.type) {
      case 0:
      case 'e':
      case 'E':
      case 'f':
      case 'F':
      case 'g':
      case 'G':
      case 'n':
      case '%':
        return in.new_str(format_float(in, static_cast<FloatObj*>(v.p)->v, sp));
      default:
        unknown_type(in, sp.type, tname);
    }
  }
  if (k == Kind::Str) {
    Spec sp = parse_spec(in, spec, 's', tname);
    if (sp.type != 's') unknown_type(in, sp.type, tname);
    return in.new_str(format_str(in, str_of(v), sp));
  }
  in.type_error(fmt::format("unsupported format string passed to {}.__format__", in.type_name(v)));
}

namespace {

// printf-style %d %i %u %x %X %o: _PyUnicode_FormatLong and the padding of
// unicode_format_arg_output.  The precision is a minimum digit count, '#'
// adds 0x/0X/0o, '0' pads after sign and prefix, '-' pads on the right.
std::string percent_int(Interpreter& in, Ref v, char conv, const std::string& flags, int64_t width,
                        int64_t prec) {
  auto has = [&](char c) { return flags.find(c) != std::string::npos; };
  bool decimal = conv == 'd' || conv == 'i' || conv == 'u';
  BigInt x;
  if (is_int(v)) {
    x = int_big(v);
  } else if (decimal && v.p->kind == Kind::Float) {
    double d = static_cast<FloatObj*>(v.p)->v;
    if (std::isnan(d)) in.value_error("cannot convert float NaN to integer");
    if (std::isinf(d)) in.raise(in.exc_.OverflowError, "cannot convert float infinity to integer");
    auto mag = BigInt::parse(fmt::format("{:.0f}", std::fabs(std::trunc(d))), 10);
    x = d < 0 ? -*mag : *mag;
  } else {
    in.type_error(fmt::format("%{} format: {} is required, not {}", conv,
                              decimal ? "a real number" : "an integer", in.type_name(v)));
  }
  bool negative = x.sign() < 0;
  std::string digits = digits_in_base(negative ? -x : x, decimal ? 'd' : conv);
  if (prec > static_cast<int64_t>(digits.size()))
    digits.insert(0, static_cast<size_t>(prec) - digits.size(), '0');
  std::string head = negative ? "-" : has('+') ? "+" : has(' ') ? " " : "";
  if (has('#') && !decimal) head += conv == 'o' ? "0o" : conv == 'x' ? "0x" : "0X";
  int64_t len = static_cast<int64_t>(head.size() + digits.size());
  if (width <= len) return head + digits;
  std::string fill(static_cast<size_t>(width - len), has('-') || !has('0') ? ' ' : '0');
  if (has('-')) return head + digits + fill;
  return has('0') ? head + fill + digits : fill + head + digits;
}

}  // namespace

Ref percent_format(Interpreter& in, Ref fmtr, Ref args) {
  const std::string f = str_of(fmtr);
  std::vector<Ref> vals;
  if (args.p->kind == Kind::Tuple)
    vals = static_cast<TupleObj*>(args.p)->items;
  else
    vals.push_back(args);
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
    while (i < f.size() && std::string("-+ #0123456789.").find(f[i]) != std::string::npos)
      spec += f[i++];
    if (i >= f.size()) in.value_error("incomplete format");
    char conv = f[i];
    if (next >= vals.size()) in.type_error("not enough arguments for format string");
    Ref v = vals[next++];
    // Translate the printf flags to a format spec: '-' beats '0', '+' beats
    // ' ', and text conversions ignore everything but width and precision.
    size_t nflags = spec.find_first_not_of("-+ #0");
    if (nflags == std::string::npos) nflags = spec.size();
    std::string flags = spec.substr(0, nflags), width_prec = spec.substr(nflags);
    // PyUnicode_Format: a count past Py_ssize_t is "width too big".
    auto count = [&](const std::string& digits, const char* what) -> int64_t {
      int64_t n = 0;
      for (char ch : digits) {
        if (n > (INT64_MAX - (ch - '0')) / 10) in.value_error(fmt::format("{} too big", what));
        n = n * 10 + (ch - '0');
      }
      return n;
    };
    {
      size_t d = width_prec.find('.');
      if (d != 0 && !width_prec.empty()) count(width_prec.substr(0, d), "width");
      if (d != std::string::npos && d + 1 < width_prec.size()) count(width_prec.substr(d + 1), "precision");
    }
    auto has = [&](char c) { return flags.find(c) != std::string::npos; };
    bool left = has('-');
    std::string fs = left ? "<" : "";
    if (has('+'))
      fs += '+';
    else if (has(' '))
      fs += ' ';
    if (has('#')) fs += '#';
    if (has('0') && !left) fs += '0';
    fs += width_prec;
    std::string text_fs = width_prec.empty() ? "" : (left ? "<" : ">") + width_prec;
    if (conv == 'c') text_fs = text_fs.substr(0, text_fs.find('.'));  // %c has no precision
    auto put_text = [&](Ref s) {
      Ref r = format_value(in, s, text_fs);
      out += str_of(r);
      in.decref(r);
      in.decref(s);
    };
    switch (conv) {
      case 's':
        put_text(in.str(v));
        break;
      case 'r':
        put_text(in.repr(v));
        break;
      case 'c': {
        if (v.p->kind == Kind::Str && cp_count(str_of(v)) == 1) {
          put_text(in.newref(v));
          break;
        }
        if (!is_int(v)) in.type_error("%c requires int or char");
        BigInt c = int_big(v);
        if (!c.fits_int64() || c.to_int64() < 0 || c.to_int64() > 0x10FFFF)
          in.raise(in.exc_.OverflowError, "%c arg not in range(0x110000)");
        put_text(in.new_str(utf8_encode(static_cast<uint32_t>(c.to_int64()))));
        break;
      }
      case 'd':
      case 'i':
      case 'u':
      case 'x':
      case 'X':
      case 'o': {
        int64_t width = -1, prec = -1;
        size_t dot = width_prec.find('.');
        if (dot != 0 && !width_prec.empty()) width = count(width_prec.substr(0, dot), "width");
        if (dot != std::string::npos)
          prec = dot + 1 < width_prec.size() ? count(width_prec.substr(dot + 1), "precision") : 0;
        out += percent_int(in, v, conv, flags, width, prec);
        break;
      }
      case 'f':
      case 'F':
      case 'e':
      case 'E':
      case 'g':
      case 'G': {
        if (!is_int(v) && v.p->kind != Kind::Float)
          in.type_error(fmt::format("must be real number, not {}", in.type_name(v)));
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
