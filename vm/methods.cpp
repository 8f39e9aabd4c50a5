// Methods of the built-in types: str, list, dict, tuple, int, float.  Each is
// a NativeFn whose `self` is the receiver; reference counts follow CPython's
// implementations (list.append takes a new reference to its item, list.pop
// hands the removed one to the caller, dict.get returns a new reference).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "vm/interpreter.h"
#include "vm/native.h"
#include "vm/objects_impl.h"
#include "vm/unicode_case.h"
#include "vm/utf8.h"

namespace vm {

namespace {

std::vector<Ref>& items_of(Ref list) { return static_cast<ListObj*>(list.p)->items; }

const std::string& s_of(Ref s) { return static_cast<StrObj*>(s.p)->s; }

Ref need_str(Interpreter& in, Ref v, const char* what) {
  if (v.p->kind != Kind::Str)
    in.type_error(fmt::format("{} must be str, not {}", what, in.type_name(v)));
  return v;
}

bool is_space(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r') || c == 0x1c || c == 0x1d || c == 0x1e || c == 0x1f; }

// Normalises a (start, end) pair of optional slice arguments over length n.
void adjust(Interpreter& in, const Args& a, int first, int64_t n, int64_t& start, int64_t& end) {
  start = 0;
  end = n;
  auto get = [&](int i, int64_t& v) {
    if (a.npos > i && !in.is_none(a.args[i])) {
      v = in.index_value(a.args[i], "slice");
      if (v < 0) v = std::max<int64_t>(0, v + n);
      if (v > n) v = n;
    }
  };
  get(first, start);
  get(first + 1, end);
}

// ---- str

Ref str_join(Interpreter& in, Ref self, const Ref* args, int nargs, Ref kw) {
  Args a(args, nargs, kw);
  a.exactly(in, "str.join", 1);
  std::vector<Ref> items = in.unpack_iterable(args[0]);
  Holder h(in, items);
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (items[i].p->kind != Kind::Str)
      in.type_error(fmt::format("sequence item {}: expected str instance, {} found", i, in.type_name(items[i])));
    if (i) out += s_of(self);
    out += s_of(items[i]);
  }
  return in.new_str(std::move(out));
}

Ref split_impl(Interpreter& in, Ref self, const Ref* args, int nargs, Ref kw, bool right) {
  Args a(args, nargs, kw);
  a.check_kw(in, right ? "rsplit" : "split", {"sep", "maxsplit"});
  Ref sep = a.npos > 0 ? args[0] : a.kw("sep");
  Ref ms = a.npos > 1 ? args[1] : a.kw("maxsplit");
  int64_t maxsplit = ms ? in.index_value(ms, "maxsplit") : -1;
  const std::string& s = s_of(self);
  std::vector<std::string> parts;
  if (!sep || in.is_none(sep)) {
    // Runs of whitespace separate; leading/trailing whitespace is dropped.
    if (!right) {
      size_t i = 0;
      while (i < s.size()) {
        while (i < s.size() && is_space(static_cast<unsigned char>(s[i]))) ++i;
        if (i >= s.size()) break;
        if (maxsplit >= 0 && static_cast<int64_t>(parts.size()) == maxsplit) {
          size_t e = s.size();
          while (e > i && is_space(static_cast<unsigned char>(s[e - 1]))) --e;
          parts.push_back(s.substr(i, e - i));
          break;
        }
        size_t j = i;
        while (j < s.size() && !is_space(static_cast<unsigned char>(s[j]))) ++j;
        parts.push_back(s.substr(i, j - i));
        i = j;
      }
    } else {
      int64_t i = static_cast<int64_t>(s.size());
      while (i > 0) {
        while (i > 0 && is_space(static_cast<unsigned char>(s[static_cast<size_t>(i - 1)]))) --i;
        if (i <= 0) break;
        if (maxsplit >= 0 && static_cast<int64_t>(parts.size()) == maxsplit) {
          size_t b = 0;
          while (b < static_cast<size_t>(i) && is_space(static_cast<unsigned char>(s[b]))) ++b;
          parts.push_back(s.substr(b, static_cast<size_t>(i) - b));
          break;
        }
        int64_t j = i;
        while (j > 0 && !is_space(static_cast<unsigned char>(s[static_cast<size_t>(j - 1)]))) --j;
        parts.push_back(s.substr(static_cast<size_t>(j), static_cast<size_t>(i - j)));
        i = j;
      }
      std::reverse(parts.begin(), parts.end());
    }
  } else {
    need_str(in, sep, "must be str or None");
    const std::string& p = s_of(sep);
    if (p.empty()) in.value_error("empty separator");
    if (!right) {
      size_t i = 0;
      for (;;) {
        size_t j = s.find(p, i);
        if (j == std::string::npos || (maxsplit >= 0 && static_cast<int64_t>(parts.size()) == maxsplit)) {
          parts.push_back(s.substr(i));
          break;
        }
        parts.push_back(s.substr(i, j - i));
        i = j + p.size();
      }
    } else {
      size_t end = s.size();
      for (;;) {
        size_t j = end >= p.size() ? s.rfind(p, end - p.size()) : std::string::npos;
        if (j == std::string::npos || (maxsplit >= 0 && static_cast<int64_t>(parts.size()) == maxsplit)) {
          parts.push_back(s.substr(0, end));
          break;
        }
        parts.push_back(s.substr(j + p.size(), end - j - p.size()));
        end = j;
      }
      std::reverse(parts.begin(), parts.end());
    }
  }
  std::vector<Ref> out;
  for (auto& p : parts) out.push_back(in.new_str(p));
  return in.new_list(std::move(out));
}

Ref str_split(Interpreter& in, Ref self, const Ref* a, int n, Ref k) { return split_impl(in, self, a, n, k, false); }
Ref str_rsplit(Interpreter& in, Ref self, const Ref* a, int n, Ref k) { return split_impl(in, self, a, n, k, true); }

Ref strip_impl(Interpreter& in, Ref self, const Ref* args, int nargs, Ref kw, bool left, bool right) {
  Args a(args, nargs, kw);
  a.between(in, left && right ? "strip" : left ? "lstrip" : "rstrip", 0, 1);
  const std::string& s = s_of(self);
  std::string chars;
  bool ws = a.npos == 0 || in.is_none(args[0]);
  if (!ws) chars = s_of(need_str(in, args[0], "strip arg"));
  auto strip_me = [&](unsigned char c) { return ws ? is_space(c) : chars.find(static_cast<char>(c)) != std::string::npos; };
  size_t b = 0, e = s.size();
  if (left)
    while (b < e && strip_me(static_cast<unsigned char>(s[b]))) ++b;
  if (right)
    while (e > b && strip_me(static_cast<unsigned char>(s[e - 1]))) --e;
  if (b == 0 && e == s.size()) return in.newref(self);
  return in.new_str(s.substr(b, e - b));
}

Ref str_strip(Interpreter& in, Ref s, const Ref* a, int n, Ref k) { return strip_impl(in, s, a, n, k, true, true); }
Ref str_lstrip(Interpreter& in, Ref s, const Ref* a, int n, Ref k) { return strip_impl(in, s, a, n, k, true, false); }
Ref str_rstrip(Interpreter& in, Ref s, const Ref* a, int n, Ref k) { return strip_impl(in, s, a, n, k, false, true); }

// Case conversions use the full Unicode mappings (vm/unicode_case.h).
template <std::string (*Convert)(const std::string&)>
Ref str_convert(Interpreter& in, Ref self, const Ref*, int, Ref) {
  return in.new_str(Convert(s_of(self)));
}

Ref str_replace(Interpreter& in, Ref self, const Ref* args, int nargs, Ref kw) {
  Args a(args, nargs, kw);
  a.between(in, "replace", 2, 3);
  const std::string& s = s_of(self);
  const std::string& o = s_of(need_str(in, args[0], "replace() argument 1"));
  const std::string& n = s_of(need_str(in, args[1], "replace() argument 2"));
  int64_t count = a.npos > 2 ? in.index_value(args[2], "count") : -1;
  std::string out;
  size_t i = 0;
  int64_t done = 0;
  if (o.empty()) {
    // Inserts between every character.
    for (size_t k = 0; k <= s.size(); ++k) {
      if (count < 0 || done < count) {
        out += n;
        ++done;
      }
      if (k < s.size()) out += s[k];
    }
    return in.new_str(std::move(out));
  }
  while (count < 0 || done < count) {
    size_t j = s.find(o, i);
    if (j == std::string::npos) break;
    out.append(s, i, j - i);
    out += n;
    i = j + o.size();
    ++done;
  }
  out.append(s, i, std::string::npos);
  return in.new_str(std::move(out));
}

Ref affix(Interpreter& in, Ref self, const Ref* args, int nargs, Ref kw, bool start) {
  Args a(args, nargs, kw);
  a.between(in, start ? "startswith" : "endswith", 1, 3);
  const std::string& s = s_of(self);
  int64_t b, e;
  adjust(in, a, 1, static_cast<int64_t>(s.size()), b, e);
  // A start beyond the end matches nothing, not even "" (tailmatch).
  if (a.npos > 1 && !in.is_none(args[1]) && in.index_value(args[1], "slice") > static_cast<int64_t>(s.size()))
    return in.boolean(false);
  std::string sub = e >= b ? s.substr(static_cast<size_t>(b), static_cast<size_t>(e - b)) : "";
  auto test = [&](Ref p) {
    if (p.p->kind != Kind::Str)
      in.type_error(fmt::format("{} first arg must be str or a tuple of str, not {}",
                                start ? "startswith" : "endswith", in.type_name(p)));
    const std::string& x = s_of(p);
    if (x.size() > sub.size()) return false;
    return start ? sub.compare(0, x.size(), x) == 0 : sub.compare(sub.size() - x.size(), x.size(), x) == 0;
  };
  if (args[0].p->kind == Kind::Tuple) {
    for (auto& p : static_cast<TupleObj*>(args[0].p)->items)
      if (test(p)) return in.boolean(true);
    return in.boolean(false);
  }
  return in.boolean(test(args[0]));
}

Ref str_startswith(Interpreter& in, Ref s, const Ref* a, int n, Ref k) { return affix(in, s, a, n, k, true); }
Ref str_endswith(Interpreter& in, Ref s, const Ref* a, int n, Ref k) { return affix(in, s, a, n, k, false); }

// Code-point index of a byte offset.
int64_t cp_index(const std::string& s, size_t byte) {
  int64_t n = 0;
  for (size_t i = 0; i < byte && i < s.size(); ++i)
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) ++n;
  return n;
}

int64_t find_impl(Interpreter& in, Ref self, const Args& a, bool rev, const char* name) {
  a.between(in, name, 1, 3);
  const std::string& s = s_of(self);
  const std::string& sub = s_of(need_str(in, a.args[0], "must be str"));
  // Byte offsets equal code-point indices for ASCII, the common case.
  int64_t b, e;
  adjust(in, a, 1, static_cast<int64_t>(s.size()), b, e);
  if (e - b < static_cast<int64_t>(sub.size())) return -1;
  std::string window = s.substr(static_cast<size_t>(b), static_cast<size_t>(e - b));
  size_t j = rev ? window.rfind(sub) : window.find(sub);
  if (j == std::string::npos) return -1;
  return cp_index(s, j + static_cast<size_t>(b));
}

Ref str_find(Interpreter& in, Ref self, const Ref* args, int nargs, Ref kw) {
  return in.new_int(find_impl(in, self, Args(args, nargs, kw), false, "find"));
}
Ref str_rfind(Interpreter& in, Ref self, const Ref* args, int nargs, Ref kw) {
  return in.new_int(find_impl(in, self, Args(args, nargs, kw), true, "rfind"));
}
Ref str_index(Interpreter& in, Ref self, const Ref* args, int nargs, Ref kw) {
  int64_t i = find_impl(in, self, Args(args, nargs, kw), false, "index");
  if (i < 0) in.value_error("substring not found");
  return in.new_int(i);
}
Ref str_rindex(Interpreter& in, Ref self, const Ref* args, int nargs, Ref kw) {
  int64_t i = find_impl(in, self, Args(args, nargs, kw), true, "rindex");
  if (i < 0) in.value_error("substring not found");
  return in.new_int(i);
}

Ref str_count(Interpreter& in, Ref self, const Ref* args, int nargs, Ref kw) {
  Args a(args, nargs, kw);
  a.between(in, "count", 1, 3);
  const std::string& s = s_of(self);
  const std::string& sub = s_of(need_str(in, args[0], "must be str"));
  int64_t b, e;
  adjust(in, a, 1, static_cast<int64_t>(s.size()), b, e);
  if (e < b) return in.new_int(0);
  std::string w = s.substr(static_cast<size_t>(b), static_cast<size_t>(e - b));
  if (sub.empty()) return in.new_int(cp_index(w, w.size()) + 1);
  int64_t n = 0;
  for (size_t i = w.find(sub); i != std::string::npos; i = w.find(sub, i + sub.size())) ++n;
  return in.new_int(n);
}

// str.isalpha() and friends: non-empty and every code point has the property.
template <bool (*Pred)(uint32_t)>
Ref str_is(Interpreter& in, Ref self, const Ref*, int, Ref) {
  const std::string& s = s_of(self);
  if (s.empty()) return in.boolean(false);
  for (size_t i = 0; i < s.size();)
    if (!Pred(decode_utf8(s, i))) return in.boolean(false);
  return in.boolean(true);
}

bool is_alnum(uint32_t c) {
  return unicode::is_alpha(c) || unicode::is_decimal(c) || unicode::is_digit(c) || unicode::is_numeric(c);
}

// isupper/islower: some cased code point, and none of the other case or
// title case (unicode_isupper_impl).
template <bool Upper>
Ref str_is_case(Interpreter& in, Ref self, const Ref*, int, Ref) {
  const std::string& s = s_of(self);
  bool cased = false;
  for (size_t i = 0; i < s.size();) {
    uint32_t c = decode_utf8(s, i);
    if ((Upper ? unicode::is_lowercase(c) : unicode::is_uppercase(c)) || unicode::is_titlecase(c))
      return in.boolean(false);
    if (Upper ? unicode::is_uppercase(c) : unicode::is_lowercase(c)) cased = true;
  }
  return in.boolean(cased);
}

Ref justify(Interpreter& in, Ref self, const Ref* args, int nargs, Ref kw, char how) {
  Args a(args, nargs, kw);
  a.between(in, how == '<' ? "ljust" : how == '>' ? "rjust" : "center", 1, 2);
  int64_t width = in.index_value(args[0], "width");
  std::string fill = a.npos > 1 ? s_of(args[1]) : " ";
  const std::string& s = s_of(self);
  int64_t len = str_length(static_cast<StrObj*>(self.p));
  if (width <= len) return in.newref(self);
  int64_t pad = width - len;
  auto rep = [&](int64_t n) {
    std::string o;
    for (int64_t k = 0; k < n; ++k) o += fill;
    return o;
  };
  if (how == '<') return in.new_str(s + rep(pad));
  if (how == '>') return in.new_str(rep(pad) + s);
  // center: CPython puts the extra space on the right when len and width allow.
  int64_t left = pad / 2 + (pad & width & 1);
  return in.new_str(rep(left) + s + rep(pad - left));
}

Ref str_ljust(Interpreter& in, Ref s, const Ref* a, int n, Ref k) { return justify(in, s, a, n, k, '<'); }
Ref str_rjust(Interpreter& in, Ref s, const Ref* a, int n, Ref k) { return justify(in, s, a, n, k, '>'); }
Ref str_center(Interpreter& in, Ref s, const Ref* a, int n, Ref k) { return justify(in, s, a, n, k, '^'); }

Ref str_zfill(Interpreter& in, Ref self, const Ref* args, int nargs, Ref kw) {
  Args(args, nargs, kw).exactly(in, "zfill", 1);
  int64_t width = in.index_value(args[0], "width");
  std::string s = s_of(self);
  int64_t len = str_length(static_cast<StrObj*>(self.p));
  if (width <= len) return in.newref(self);
  std::string zeros(static_cast<size_t>(width - len), '0');
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) return in.new_str(s.substr(0, 1) + zeros + s.substr(1));
  return in.new_str(zeros + s);
}

Ref str_splitlines(Interpreter& in, Ref self, const Ref* args, int nargs, Ref kw) {
  Args a(args, nargs, kw);
  Ref keep = a.npos > 0 ? args[0] : a.kw("keepends");
  bool keepends = keep && in.truthy(keep);
  const std::string& s = s_of(self);
  std::vector<Ref> out;
  size_t i = 0;
  while (i < s.size()) {
    size_t j = i;
    while (j < s.size() && s[j] != '\n' && s[j] != '\r') ++j;
    size_t eol = j;
    if (j < s.size()) {
      if (s[j] == '\r' && j + 1 < s.size() && s[j + 1] == '\n') j += 2;
      else ++j;
    }
    out.push_back(in.new_str(s.substr(i, (keepends ? j : eol) - i)));
    i = j;
  }
  return in.new_list(std::move(out));
}

Ref partition_impl(Interpreter& in, Ref self, const Ref* args, int nargs, Ref kw, bool right) {
  Args(args, nargs, kw).exactly(in, right ? "rpartition" : "partition", 1);
  const std::string& s = s_of(self);
  const std::string& sep = s_of(need_str(in, args[0], "must be str"));
  if (sep.empty()) in.value_error("empty separator");
  size_t j = right ? s.rfind(sep) : s.find(sep);
  if (j == std::string::npos) {
    if (right) return in.new_tuple({in.new_str(""), in.new_str(""), in.newref(self)});
    return in.new_tuple({in.newref(self), in.new_str(""), in.new_str("")});
  }
  return in.new_tuple({in.new_str(s.substr(0, j)), in.newref(args[0]), in.new_str(s.substr(j + sep.size()))});
}

Ref str_partition(Interpreter& in, Ref s, const Ref* a, int n, Ref k) { return partition_impl(in, s, a, n, k, false); }
Ref str_rpartition(Interpreter& in, Ref s, const Ref* a, int n, Ref k) { return partition_impl(in, s, a, n, k, true); }

// A run of digits in a format field, as CPython's get_integer
// (Objects/stringlib/unicode_format.h) reads it: more than a Py_ssize_t
// holds is a ValueError.
int64_t format_index(Interpreter& in, const std::string& digits) {
  int64_t v = 0;
  for (char ch : digits) {
    int d = ch - '0';
    if (v > (INT64_MAX - d) / 10) in.value_error("Too many decimal digits in format string");
    v = v * 10 + d;
  }
  return v;
}

// str.format: {} {0} {name} {x.attr} {x[0]}, !r/!s conversions and specs.
Ref str_format(Interpreter& in, Ref self, const Ref* args, int nargs, Ref kw) {
  Args a(args, nargs, kw);
  const std::string& f = s_of(self);
  std::string out;
  int auto_idx = 0;
  for (size_t i = 0; i < f.size(); ++i) {
    char c = f[i];
    if (c == '}') {
      if (i + 1 < f.size() && f[i + 1] == '}') {
        out += '}';
        ++i;
        continue;
      }
      in.value_error("Single '}' encountered in format string");
    }
    if (c != '{') {
      out += c;
      continue;
    }
    if (i + 1 < f.size() && f[i + 1] == '{') {
      out += '{';
      ++i;
      continue;
    }
    size_t j = i + 1;
    int depth = 1;
    while (j < f.size() && depth) {
      if (f[j] == '{') ++depth;
      if (f[j] == '}') --depth;
      if (depth) ++j;
    }
    if (j >= f.size()) in.value_error("expected '}' before end of string");
    std::string field = f.substr(i + 1, j - i - 1);
    i = j;
    std::string spec, conv;
    size_t colon = field.find(':');
    if (colon != std::string::npos) {
      spec = field.substr(colon + 1);
      field = field.substr(0, colon);
    }
    size_t bang = field.find('!');
    if (bang != std::string::npos) {
      conv = field.substr(bang + 1);
      field = field.substr(0, bang);
    }
    size_t k = 0;
    while (k < field.size() && field[k] != '.' && field[k] != '[') ++k;
    std::string head = field.substr(0, k);
    Ref v;
    if (head.empty()) {
      if (auto_idx >= a.npos) in.raise(in.exc_.IndexError, fmt::format("Replacement index {} out of range for positional args tuple", auto_idx));
      v = in.newref(args[auto_idx++]);
    } else if (isdigit(static_cast<unsigned char>(head[0]))) {
      int64_t idx = format_index(in, head);
      if (idx >= a.npos) in.raise(in.exc_.IndexError, fmt::format("Replacement index {} out of range for positional args tuple", idx));
      v = in.newref(args[idx]);
    } else {
      Ref kv = a.kw(head);
      if (!kv) {
        std::vector<Ref> e{in.new_str(head)};
        in.raise_obj(in.new_exception(in.exc_.KeyError, std::move(e)));
      }
      v = in.newref(kv);
    }
    while (k < field.size()) {
      if (field[k] == '.') {
        size_t e = k + 1;
        while (e < field.size() && field[e] != '.' && field[e] != '[') ++e;
        Ref name = in.intern(field.substr(k + 1, e - k - 1));
        Ref nv;
        try {
          nv = in.getattr(v, name);
        } catch (...) {
          in.decref(name);
          in.decref(v);
          throw;
        }
        in.decref(name);
        in.decref(v);
        v = nv;
        k = e;
      } else {
        size_t e = field.find(']', k);
        std::string key = field.substr(k + 1, e - k - 1);
        bool digits = !key.empty() && std::all_of(key.begin(), key.end(), [](char ch) { return isdigit(static_cast<unsigned char>(ch)); });
        Ref kr;
        try {
          kr = digits ? in.new_int(format_index(in, key)) : in.new_str(key);
        } catch (...) {
          in.decref(v);  // the object indexed so far
          throw;
        }
        Ref nv;
        try {
          nv = in.getitem(v, kr);
        } catch (...) {
          in.decref(kr);
          in.decref(v);
          throw;
        }
        in.decref(kr);
        in.decref(v);
        v = nv;
        k = e + 1;
      }
    }
    if (conv == "r" || conv == "a") {
      Ref r = in.repr(v);
      in.decref(v);
      v = r;
    } else if (conv == "s") {
      Ref r = in.str(v);
      in.decref(v);
      v = r;
    }
    Ref r;
    try {
      r = format_value(in, v, spec);
    } catch (...) {
      in.decref(v);
      throw;
    }
    in.decref(v);
    out += s_of(r);
    in.decref(r);
  }
  return in.new_str(std::move(out));
}

Ref str_encode(Interpreter& in, Ref, const Ref*, int, Ref) { in.type_error("bytes are not supported by gilsim"); }

// ---- list

Ref list_append(Interpreter& in, Ref self, const Ref* args, int nargs, Ref kw) {
  if (self.p->kind == Kind::List || self.p->kind == Kind::Dict) in.touch(self, Access::Write);
  Args(args, nargs, kw).exactly(in, "list.append", 1);
  items_of(self).push_back(in.newref(args[0]));
  return in.none();
}

Ref list_extend(Interpreter& in, Ref self, const Ref* args, int nargs, Ref kw) {
  if (self.p->kind == Kind::List || self.p->kind == Kind::Dict) in.touch(self, Access::Write);
  Args(args, nargs, kw).exactly(in, "list.extend", 1);
  std::vector<Ref> items = in.unpack_iterable(args[0]);
  auto& dst = items_of(self);
  dst.insert(dst.end(), items.begin(), items.end());
  return in.none();
}

Ref list_pop(Interpreter& in, Ref self, const Ref* args, int nargs, Ref kw) {
  if (self.p->kind == Kind::List || self.p->kind == Kind::Dict) in.touch(self, Access::Write);
  Args a(args, nargs, kw);
  a.between(in, "pop", 0, 1);
  auto& items = items_of(self);
  if (items.empty()) in.raise(in.exc_.IndexError, "pop from empty list");
  int64_t n = static_cast<int64_t>(items.size());
  int64_t i = a.npos ? in.index_value(args[0], "list") : -1;
  if (i < 0) i += n;
  if (i < 0 || i >= n) in.raise(in.exc_.IndexError, "pop index out of range");
  Ref v = items[static_cast<size_t>(i)];
  items.erase(items.begin() + i);
  return v;
}

Ref list_insert(Interpreter& in, Ref self, const Ref* args, int nargs, Ref kw) {
  if (self.p->kind == Kind::List || self.p->kind == Kind::Dict) in.touch(self, Access::Write);
  Args(args, nargs, kw).exactly(in, "insert", 2);
  auto& items = items_of(self);
  int64_t n = static_cast<int64_t>(items.size());
  int64_t i = in.index_value(args[0], "list");
  if (i < 0) i = std::max<int64_t>(0, i + n);
  if (i > n) i = n;
  items.insert(items.begin() + i, in.newref(args[1]));
  return in.none();
}

int64_t list_find(Interpreter& in, Ref self, Ref v) {
  in.touch(self, Access::Read);
  auto& items = items_of(self);
  for (size_t i = 0; i < items.size(); ++i) {
    Ref x = items[i];
    if (in.eq(x, v)) return static_cast<int64_t>(i);
  }
  return -1;
}

Ref list_remove(Interpreter& in, Ref self, const Ref* args, int nargs, Ref kw) {
  if (self.p->kind == Kind::List || self.p->kind == Kind::Dict) in.touch(self, Access::Write);
  Args(args, nargs, kw).exactly(in, "list.remove", 1);
  int64_t i = list_find(in, self, args[0]);
  if (i < 0) in.value_error("list.remove(x): x not in list");
  auto& items = items_of(self);
  Ref old = items[static_cast<size_t>(i)];
  items.erase(items.begin() + i);
  in.decref(old);
  return in.none();
}

Ref seq_index(Interpreter& in, Ref self, const Ref* args, int nargs, Ref kw) {
  if (self.p->kind == Kind::List || self.p->kind == Kind::Dict) in.touch(self, Access::Read);
  Args a(args, nargs, kw);
  a.between(in, "index", 1, 3);
  const auto& items = self.p->kind == Kind::List ? items_of(self) : static_cast<TupleObj*>(self.p)->items;
  int64_t b, e;
  adjust(in, a, 1, static_cast<int64_t>(items.size()), b, e);
  for (int64_t i = b; i < e && i < static_cast<int64_t>(items.size()); ++i) {
    Ref x = items[static_cast<size_t>(i)];
    if (in.eq(x, args[0])) return in.new_int(i);
  }
  in.value_error(self.p->kind == Kind::List ? fmt::format("{} is not in list", in.repr_s(args[0]))
                                            : "tuple.index(x): x not in tuple");
}

Ref seq_count(Interpreter& in, Ref self, const Ref* args, int nargs, Ref kw) {
  if (self.p->kind == Kind::List || self.p->kind == Kind::Dict) in.touch(self, Access::Read);
  Args(args, nargs, kw).exactly(in, "count", 1);
  const auto& items = self.p->kind == Kind::List ? items_of(self) : static_cast<TupleObj*>(self.p)->items;
  int64_t n = 0;
  for (size_t i = 0; i < items.size(); ++i) {
    Ref x = items[i];
    if (in.eq(x, args[0])) ++n;
  }
  return in.new_int(n);
}

Ref list_sort(Interpreter& in, Ref self, const Ref* args, int nargs, Ref kw) {
  if (self.p->kind == Kind::List || self.p->kind == Kind::Dict) in.touch(self, Access::Write);
  Args a(args, nargs, kw);
  a.check_kw(in, "sort", {"key", "reverse"});
  if (a.npos) in.type_error("sort() takes no positional arguments");
  // list.sort empties the list while sorting (listsort) so a key function
  // that looks at it sees [].
  std::vector<Ref> items = std::move(items_of(self));
  items_of(self).clear();
  Ref rev = a.kw("reverse");
  // Whatever the key function or a comparison put into the list meanwhile
  // is dropped; that is "list modified during sort" unless another error won.
  auto restore = [&] {
    std::vector<Ref> meanwhile = std::move(items_of(self));
    items_of(self) = std::move(items);
    for (auto& x : meanwhile) in.decref(x);
    return !meanwhile.empty();
  };
  bool reverse = false;
  try {
    reverse = rev && in.truthy(rev);
    sort_items(in, items, a.kw("key"), reverse);
  } catch (...) {
    restore();
    throw;
  }
  if (restore()) in.value_error("list modified during sort");
  return in.none();
}

Ref list_reverse(Interpreter& in, Ref self, const Ref*, int, Ref) {
  if (self.p->kind == Kind::List || self.p->kind == Kind::Dict) in.touch(self, Access::Write);
  std::reverse(items_of(self).begin(), items_of(self).end());
  return in.none();
}

Ref list_copy(Interpreter& in, Ref self, const Ref*, int, Ref) {
  if (self.p->kind == Kind::List || self.p->kind == Kind::Dict) in.touch(self, Access::Read);
  std::vector<Ref> out;
  for (auto& x : items_of(self)) out.push_back(in.newref(x));
  return in.new_list(std::move(out));
}

Ref list_clear(Interpreter& in, Ref self, const Ref*, int, Ref) {
  if (self.p->kind == Kind::List || self.p->kind == Kind::Dict) in.touch(self, Access::Write);
  std::vector<Ref> old = std::move(items_of(self));
  items_of(self).clear();
  for (auto& x : old) in.decref(x);
  return in.none();
}

// ---- dict

Ref dict_get_m(Interpreter& in, Ref self, const Ref* args, int nargs, Ref kw) {
  Args a(args, nargs, kw);
  a.between(in, "get", 1, 2);
  Ref v = in.dict_get(self, args[0]);
  if (v) return in.newref(v);
  return a.npos > 1 ? in.newref(args[1]) : in.none();
}

Ref dict_view(Interpreter& in, Ref self, IterObj::Sub sub) {
  // A view of the live dict: iterable any number of times, sized, and
  // (keys, items) compared like a set.
  IterObj* it = in.heap().alloc<IterObj>(Kind::DictView);
  it->sub = sub;
  it->a = in.newref(self);
  return Heap::ref(it);
}

Ref dict_keys(Interpreter& in, Ref self, const Ref*, int, Ref) { return dict_view(in, self, IterObj::Sub::DictKeys); }
Ref dict_values(Interpreter& in, Ref self, const Ref*, int, Ref) { return dict_view(in, self, IterObj::Sub::DictValues); }
Ref dict_items(Interpreter& in, Ref self, const Ref*, int, Ref) { return dict_view(in, self, IterObj::Sub::DictItems); }

Ref dict_pop(Interpreter& in, Ref self, const Ref* args, int nargs, Ref kw) {
  Args a(args, nargs, kw);
  a.between(in, "pop", 1, 2);
  // _PyDict_Pop: an empty dict answers without hashing the key.
  bool empty = static_cast<DictObj*>(self.p)->used == 0;
  if (empty) in.touch(self, Access::Read);
  Ref v = empty ? Ref{} : in.dict_get(self, args[0]);
  if (!v) {
    if (a.npos > 1) return in.newref(args[1]);
    std::vector<Ref> e{in.newref(args[0])};
    in.raise_obj(in.new_exception(in.exc_.KeyError, std::move(e)));
  }
  Ref r = in.newref(v);
  in.dict_del(self, args[0]);
  return r;
}

Ref dict_popitem(Interpreter& in, Ref self, const Ref*, int, Ref) {
  if (self.p->kind == Kind::List || self.p->kind == Kind::Dict) in.touch(self, Access::Write);
  auto* d = static_cast<DictObj*>(self.p);
  for (auto it = d->entries.rbegin(); it != d->entries.rend(); ++it) {
    if (!it->key) continue;
    Ref k = in.newref(it->key), v = in.newref(it->value);
    in.dict_del(self, k);
    return in.new_tuple({k, v});
  }
  std::vector<Ref> e{in.new_str("popitem(): dictionary is empty")};
  in.raise_obj(in.new_exception(in.exc_.KeyError, std::move(e)));
}

Ref dict_setdefault(Interpreter& in, Ref self, const Ref* args, int nargs, Ref kw) {
  Args a(args, nargs, kw);
  a.between(in, "setdefault", 1, 2);
  Ref v = in.dict_get(self, args[0]);
  if (v) return in.newref(v);
  Ref d = a.npos > 1 ? args[1] : in.none_ref();
  in.dict_set(self, args[0], d);
  return in.newref(d);
}

Ref dict_update(Interpreter& in, Ref self, const Ref* args, int nargs, Ref kw) {
  Args a(args, nargs, kw);
  if (a.npos > 1) in.type_error(fmt::format("update expected at most 1 argument, got {}", a.npos));
  if (a.npos == 1) dict_update_from(in, self, args[0]);
  for (int k = 0; k < a.nkw; ++k)
    in.dict_set(self, static_cast<TupleObj*>(kw.p)->items[static_cast<size_t>(k)], args[a.npos + k]);
  return in.none();
}

// dict.fromkeys(iterable, value=None): registered as a plain function, so it
// works from the class and from an instance alike (a classmethod on dict).
Ref dict_fromkeys(Interpreter& in, Ref, const Ref* args, int nargs, Ref kw) {
  Args a(args, nargs, kw);
  a.between(in, "fromkeys", 1, 2);
  std::vector<Ref> keys = in.unpack_iterable(args[0]);
  std::vector<Ref> out{in.new_dict()};
  Holder hk(in, keys), ho(in, out);
  Ref value = a.npos > 1 ? args[1] : in.none_ref();
  for (auto& k : keys) in.dict_set(out[0], k, value);
  Ref d = out[0];
  out.clear();
  return d;
}

Ref dict_copy(Interpreter& in, Ref self, const Ref*, int, Ref) {
  Ref d = in.new_dict();
  dict_update_from(in, d, self);
  return d;
}

Ref dict_clear(Interpreter& in, Ref self, const Ref*, int, Ref) {
  if (self.p->kind == Kind::List || self.p->kind == Kind::Dict) in.touch(self, Access::Write);
  auto* d = static_cast<DictObj*>(self.p);
  std::vector<DictObj::Entry> old = std::move(d->entries);
  d->entries.clear();
  d->index.clear();
  d->used = 0;
  ++d->version;
  for (auto& e : old) {
    in.xdecref(e.key);
    in.xdecref(e.value);
  }
  return in.none();
}

// ---- numbers

Ref int_bit_length(Interpreter& in, Ref self, const Ref*, int, Ref) {
  BigInt v = int_big(self);
  return in.new_int(static_cast<int64_t>(v.bit_length()));
}

Ref float_is_integer(Interpreter& in, Ref self, const Ref*, int, Ref) {
  double v = static_cast<FloatObj*>(self.p)->v;
  return in.boolean(std::isfinite(v) && v == std::floor(v));
}

void method(Interpreter& in, Ref cls, const char* name, NativeFn fn) {
  Ref m = in.new_builtin(name, fn, {}, static_cast<ClassObj*>(cls.p)->name);
  static_cast<BuiltinObj*>(m.p)->method = true;
  in.dict_set_str(static_cast<ClassObj*>(cls.p)->dict, name, m);
  in.decref(m);
}

}  // namespace

void register_methods(Interpreter& in) {
  Ref s = in.types_.str;
  method(in, s, "join", str_join);
  method(in, s, "split", str_split);
  method(in, s, "rsplit", str_rsplit);
  method(in, s, "strip", str_strip);
  method(in, s, "lstrip", str_lstrip);
  method(in, s, "rstrip", str_rstrip);
  method(in, s, "upper", str_convert<unicode::upper>);
  method(in, s, "lower", str_convert<unicode::lower>);
  method(in, s, "capitalize", str_convert<unicode::capitalize>);
  method(in, s, "title", str_convert<unicode::title>);
  method(in, s, "swapcase", str_convert<unicode::swapcase>);
  method(in, s, "casefold", str_convert<unicode::casefold>);
  method(in, s, "replace", str_replace);
  method(in, s, "startswith", str_startswith);
  method(in, s, "endswith", str_endswith);
  method(in, s, "find", str_find);
  method(in, s, "rfind", str_rfind);
  method(in, s, "index", str_index);
  method(in, s, "rindex", str_rindex);
  method(in, s, "count", str_count);
  method(in, s, "isdigit", str_is<unicode::is_digit>);
  method(in, s, "isdecimal", str_is<unicode::is_decimal>);
  method(in, s, "isnumeric", str_is<unicode::is_numeric>);
  method(in, s, "isalpha", str_is<unicode::is_alpha>);
  method(in, s, "isalnum", str_is<is_alnum>);
  method(in, s, "isspace", str_is<unicode::is_space>);
  method(in, s, "isupper", str_is_case<true>);
  method(in, s, "islower", str_is_case<false>);
  method(in, s, "ljust", str_ljust);
  method(in, s, "rjust", str_rjust);
  method(in, s, "center", str_center);
  method(in, s, "zfill", str_zfill);
  method(in, s, "splitlines", str_splitlines);
  method(in, s, "partition", str_partition);
  method(in, s, "rpartition", str_rpartition);
  method(in, s, "format", str_format);
  method(in, s, "encode", str_encode);

  Ref l = in.types_.list;
  method(in, l, "append", list_append);
  method(in, l, "extend", list_extend);
  method(in, l, "pop", list_pop);
  method(in, l, "insert", list_insert);
  method(in, l, "remove", list_remove);
  method(in, l, "index", seq_index);
  method(in, l, "count", seq_count);
  method(in, l, "sort", list_sort);
  method(in, l, "reverse", list_reverse);
  method(in, l, "copy", list_copy);
  method(in, l, "clear", list_clear);

  Ref t = in.types_.tuple;
  method(in, t, "index", seq_index);
  method(in, t, "count", seq_count);

  Ref d = in.types_.dict;
  method(in, d, "get", dict_get_m);
  method(in, d, "keys", dict_keys);
  method(in, d, "values", dict_values);
  method(in, d, "items", dict_items);
  method(in, d, "pop", dict_pop);
  method(in, d, "popitem", dict_popitem);
  method(in, d, "setdefault", dict_setdefault);
  method(in, d, "update", dict_update);
  method(in, d, "copy", dict_copy);
  {
    Ref fk = in.new_builtin("fromkeys", dict_fromkeys, {}, "dict");
    in.dict_set_str(static_cast<ClassObj*>(d.p)->dict, "fromkeys", fk);
    in.decref(fk);
  }
  method(in, d, "clear", dict_clear);

  method(in, in.types_.int_, "bit_length", int_bit_length);
  method(in, in.types_.float_, "is_integer", float_is_integer);
}

}  // namespace vm
