// String literals: escape decoding, implicit concatenation and f-strings, as
// CPython 3.11 does them after parsing (Parser/string_parser.c and
// _PyPegen_concatenate_strings in Parser/action_helpers.c).
//
// 3.11 parses f-strings here, not in the tokenizer: each replacement field's
// text is cut out, wrapped as "(expr)", tokenized and parsed on its own, and
// its positions shifted to where the field sits in the literal.  The nodes
// CPython builds around the fields carry the position of the whole run of
// adjacent literals (the Constant pieces and every FormattedValue) or of the
// one literal holding a format spec (the spec's JoinedStr); we copy that.
// Error positions of f-string problems are those of the token after the
// literals, because that is the last token CPython's parser had read.
#include <cstdio>

#include "vm/utf8.h"
#include "vm/parser_impl.h"

namespace vm::detail {

namespace {


int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes the escapes of a str (bytes == false) or bytes literal body.
// Returns false and sets `err` to CPython's message on a bad escape.
bool decode_escapes(std::string_view body, bool bytes, std::string& out, std::string& err) {
  out.reserve(out.size() + body.size());
  size_t i = 0;
  const size_t n = body.size();
  auto codec_error = [&](size_t start, size_t end_incl, const char* why) {
    char buf[160];
    std::snprintf(buf, sizeof buf,
                  "(unicode error) 'unicodeescape' codec can't decode bytes in position %zu-%zu: %s",
                  start, end_incl, why);
    err = buf;
    return false;
  };
  while (i < n) {
    char c = body[i];
    if (c != '\\') {
      out += c;
      ++i;
      continue;
    }
    const size_t esc = i;
    if (i + 1 >= n) {  // a lone trailing backslash stays
      out += '\\';
      ++i;
      continue;
    }
    char e = body[i + 1];
    i += 2;
    switch (e) {
      case '\n': break;
      case '\\': out += '\\'; break;
      case '\'': out += '\''; break;
      case '"': out += '"'; break;
      case 'a': out += '\a'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'v': out += '\v'; break;
      case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
        uint32_t v = static_cast<uint32_t>(e - '0');
        for (int k = 0; k < 2 && i < n && body[i] >= '0' && body[i] <= '7'; ++k, ++i)
          v = v * 8 + static_cast<uint32_t>(body[i] - '0');
        if (bytes) out += static_cast<char>(v & 0xFF);
        else append_utf8(out, v);
        break;
      }
      case 'x': {
        int digits = 0;
        uint32_t v = 0;
        while (digits < 2 && i < n && hex_value(body[i]) >= 0) {
          v = v * 16 + static_cast<uint32_t>(hex_value(body[i]));
          ++i;
          ++digits;
        }
        if (digits < 2) {
          if (bytes) {
            err = "(value error) invalid \\x escape at position " + std::to_string(esc);
            return false;
          }
          return codec_error(esc, esc + 1 + digits, "truncated \\xXX escape");
        }
        if (bytes) out += static_cast<char>(v);
        else append_utf8(out, v);
        break;
      }
      case 'u':
      case 'U': {
        if (bytes) {
          out += '\\';
          out += e;
          break;
        }
        const int want = e == 'u' ? 4 : 8;
        int digits = 0;
        uint32_t v = 0;
        while (digits < want && i < n && hex_value(body[i]) >= 0) {
          v = v * 16 + static_cast<uint32_t>(hex_value(body[i]));
          ++i;
          ++digits;
        }
        if (digits < want)
          return codec_error(esc, esc + 1 + digits,
                             e == 'u' ? "truncated \\uXXXX escape" : "truncated \\UXXXXXXXX escape");
        if (v > 0x10FFFF) return codec_error(esc, esc + 9, "illegal Unicode character");
        append_utf8(out, v);
        break;
      }
      case 'N': {
        if (bytes) {
          out += "\\N";
          break;
        }
        size_t close = i < n && body[i] == '{' ? body.find('}', i) : std::string_view::npos;
        if (close == std::string_view::npos || close == i + 1)
          return codec_error(esc, esc + 1, "malformed \\N character escape");
        err = "\\N{...} escapes are not supported";
        return false;
      }
      default:
        // An unknown escape keeps its backslash (CPython warns).
        out += '\\';
        out += e;
        break;
    }
  }
  return true;
}

// One STRING token taken apart.
struct Literal {
  bool bytes = false;
  bool raw = false;
  bool fmode = false;
  size_t body_begin = 0;  // in the token text
  size_t body_end = 0;
};

Literal split_literal(std::string_view text) {
  Literal l;
  size_t p = 0;
  for (; p < text.size() && text[p] != '\'' && text[p] != '"'; ++p) {
    switch (text[p]) {
      case 'b': case 'B': l.bytes = true; break;
      case 'r': case 'R': l.raw = true; break;
      case 'f': case 'F': l.fmode = true; break;
      default: break;
    }
  }
  const char q = text[p];
  const size_t quotes =
      (text.size() - p >= 6 && text[p + 1] == q && text[p + 2] == q) ? 3 : 1;
  l.body_begin = p + quotes;
  l.body_end = text.size() - quotes;
  return l;
}

// The pieces of a JoinedStr being built (CPython's FstringParser).
struct FState {
  std::string last_str;  // pending literal text; empty pieces are dropped
  ast::ExprList values;
  bool fmode = false;
};

class FStrings {
 public:
  FStrings(Parser& p, const Token& first, const Token& last) : p_(p), first_(first), last_(last) {}

  void concat(FState& st, const std::string& s) { st.last_str += s; }
  void concat_fstring(FState& st, const Token& t, size_t& s, size_t end, bool raw, int level);
  ast::ExprPtr finish(FState& st, const Token& a, const Token& b);

 private:
  [[noreturn]] void fail(const std::string& msg) { p_.fail_at_current(msg); }
  std::string decode(std::string_view piece, bool raw) {
    if (raw) return std::string(piece);
    std::string out, err;
    if (!decode_escapes(piece, false, out, err)) fail(err);
    return out;
  }
  ast::ExprPtr make_str(FState& st, const Token& a, const Token& b);
  int find_literal(const Token& t, size_t& s, size_t end, bool raw, int level, std::string& literal);
  ast::ExprPtr find_expr(const Token& t, size_t& s, size_t end, bool raw, int level,
                         std::string& expr_text, bool& has_expr_text);
  ast::ExprPtr compile_expr(const Token& t, size_t expr_start, size_t expr_end);
  ast::ExprPtr parse_spec(const Token& t, size_t& s, size_t end, bool raw, int level) {
    FState st;
    concat_fstring(st, t, s, end, raw, level);
    return finish(st, t, t);
  }
  std::string_view text(const Token& t) const { return p_.tokens().text(t); }

  Parser& p_;
  const Token& first_;
  const Token& last_;
};

ast::ExprPtr FStrings::make_str(FState& st, const Token& a, const Token& b) {
  ast::ConstantExpr c{Constant::str(std::move(st.last_str)), std::nullopt};
  st.last_str.clear();
  if (text(a)[0] == 'u') c.kind = "u";  // lowercase only, as CPython checks
  return make_expr(ast::Loc{a.line, a.col, b.end_line, b.end_col}, std::move(c));
}

ast::ExprPtr FStrings::finish(FState& st, const Token& a, const Token& b) {
  if (!st.fmode) return make_str(st, a, b);
  if (!st.last_str.empty()) st.values.push_back(make_str(st, a, b));
  return make_expr(ast::Loc{a.line, a.col, b.end_line, b.end_col},
                   ast::JoinedStr{std::move(st.values)});
}

int FStrings::find_literal(const Token& t, size_t& s, size_t end, bool raw, int level,
                           std::string& literal) {
  // Literal text up to an undoubled '{' (or '}' ending a format spec).
  // Returns 1 after a doubled brace, whose first half ends the literal.
  const std::string_view tx = text(t);
  const size_t start = s;
  size_t i = s;
  while (i < end) {
    char ch = tx[i++];
    if (!raw && ch == '\\' && i < end) {
      ch = tx[i++];
      if (ch == 'N') {
        if (i < end && tx[i++] == '{') {
          while (i < end && tx[i++] != '}') {
          }
          continue;
        }
        break;
      }
    }
    if (ch == '{' || ch == '}') {
      if (level == 0) {
        if (i < end && tx[i] == ch) {
          s = i + 1;
          literal = decode(tx.substr(start, i - start), raw);
          return 1;
        }
        if (ch == '}') fail("f-string: single '}' is not allowed");
      }
      --i;
      break;
    }
  }
  s = i;
  if (i != start) literal = decode(tx.substr(start, i - start), raw);
  return 0;
}

ast::ExprPtr FStrings::compile_expr(const Token& t, size_t expr_start, size_t expr_end) {
  const std::string_view tx = text(t);
  const std::string_view expr = tx.substr(expr_start, expr_end - expr_start);
  if (expr.find_first_not_of(" \t\n\f") == std::string_view::npos)
    fail("f-string: empty expression not allowed");

  // fstring_find_expr_location: where the '{' sits in the literal.
  const size_t brace = expr_start - 1;
  int lines = 0;
  int cols = 0;
  bool newline_after_brace = true;
  for (size_t k = brace + 1; k < tx.size() && tx[k] != '}' && tx[k] != '\n'; ++k) {
    if (tx[k] != ' ' && tx[k] != '\t' && tx[k] != '\f') {
      newline_after_brace = false;
      break;
    }
  }
  if (!newline_after_brace) {
    size_t k = brace;
    while (k > 0 && tx[k] != '\n') --k;
    cols = static_cast<int>(brace - k);
    if (tx[k] == '\n') cols -= 1;
  }
  for (size_t k = 0; k < brace; ++k)
    if (tx[k] == '\n') ++lines;

  std::string src = "(" + std::string(expr) + ")";
  LexShift shift{t.line + lines - 1, lines != 0 ? cols : t.col + cols};
  TokenStream sub = tokenize(src, p_.filename(), shift);
  Parser inner(sub, p_.filename(), p_.depth() + 1, /*fstring=*/true);
  try {
    return inner.fstring_replacement();
  } catch (ParseFailure& f) {
    f.kind = ParseFailure::Kind::Syntax;
    throw;
  }
}

ast::ExprPtr FStrings::find_expr(const Token& t, size_t& s, size_t end, bool raw, int level,
                                 std::string& expr_text, bool& has_expr_text) {
  // s is at the '{'.  Finds the end of the expression the way
  // string_parser.c's fstring_find_expr does, then compiles it.
  const std::string_view tx = text(t);
  if (level >= 2) fail("f-string: expressions nested too deeply");
  ++s;
  const size_t expr_start = s;
  char quote_char = 0;
  int string_type = 0;
  std::string parens;
  for (; s < end; ++s) {
    const char ch = tx[s];
    if (ch == '\\') fail("f-string expression part cannot include a backslash");
    if (quote_char) {
      if (ch == quote_char) {
        if (string_type == 3) {
          if (s + 2 < end && tx[s + 1] == ch && tx[s + 2] == ch) {
            s += 2;
            string_type = 0;
            quote_char = 0;
          }
        } else {
          string_type = 0;
          quote_char = 0;
        }
      }
      continue;
    }
    if (ch == '\'' || ch == '"') {
      if (s + 2 < end && tx[s + 1] == ch && tx[s + 2] == ch) {
        string_type = 3;
        s += 2;
      } else {
        string_type = 1;
      }
      quote_char = ch;
    } else if (ch == '[' || ch == '{' || ch == '(') {
      if (parens.size() >= 200) fail("f-string: too many nested parenthesis");
      parens += ch;
    } else if (ch == '#') {
      fail("f-string expression part cannot include '#'");
    } else if (parens.empty() &&
               (ch == '!' || ch == ':' || ch == '}' || ch == '=' || ch == '>' || ch == '<')) {
      if (s + 1 < end) {
        const char nx = tx[s + 1];
        if ((ch == '!' && nx == '=') || (ch == '=' && nx == '=') || (ch == '<' && nx == '=') ||
            (ch == '>' && nx == '=')) {
          ++s;
          continue;
        }
        if (ch == '>' || ch == '<') continue;
      }
      break;
    } else if (ch == ']' || ch == '}' || ch == ')') {
      if (parens.empty()) fail(std::string("f-string: unmatched '") + ch + "'");
      const char opening = parens.back();
      parens.pop_back();
      if (!((opening == '(' && ch == ')') || (opening == '[' && ch == ']') ||
            (opening == '{' && ch == '}')))
        fail(std::string("f-string: closing parenthesis '") + ch +
             "' does not match opening parenthesis '" + opening + "'");
    }
  }
  const size_t expr_end = s;
  if (quote_char) fail("f-string: unterminated string");
  if (!parens.empty()) fail(std::string("f-string: unmatched '") + parens.back() + "'");
  if (s >= end) fail("f-string: expecting '}'");

  ast::ExprPtr value = compile_expr(t, expr_start, expr_end);

  if (tx[s] == '=') {  // f"{x=}": the text goes into the literal
    ++s;
    while (s < tx.size() && (tx[s] == ' ' || tx[s] == '\t' || tx[s] == '\n' || tx[s] == '\r' ||
                             tx[s] == '\f' || tx[s] == '\v'))
      ++s;
    expr_text = std::string(tx.substr(expr_start, s - expr_start));
    has_expr_text = true;
  }
  int conversion = -1;
  if (s < end && tx[s] == '!') {
    ++s;
    if (s >= end) fail("f-string: expecting '}'");
    conversion = static_cast<unsigned char>(tx[s]);
    ++s;
    if (conversion != 's' && conversion != 'r' && conversion != 'a')
      fail("f-string: invalid conversion character: expected 's', 'r', or 'a'");
  }
  if (s >= end) fail("f-string: expecting '}'");
  ast::ExprPtr spec;
  if (tx[s] == ':') {
    ++s;
    if (s >= end) fail("f-string: expecting '}'");
    spec = parse_spec(t, s, end, raw, level + 1);
  }
  if (s >= end || tx[s] != '}') fail("f-string: expecting '}'");
  ++s;
  if (has_expr_text && !spec && conversion == -1) conversion = 'r';
  return make_expr(ast::Loc{first_.line, first_.col, last_.end_line, last_.end_col},
                   ast::FormattedValue{std::move(value), conversion, std::move(spec)});
}

void FStrings::concat_fstring(FState& st, const Token& t, size_t& s, size_t end, bool raw,
                              int level) {
  st.fmode = true;
  const std::string_view tx = text(t);
  for (;;) {
    std::string literal;
    const int result = find_literal(t, s, end, raw, level, literal);
    concat(st, literal);
    if (result == 1) continue;
    if (s >= end || tx[s] == '}') break;
    std::string expr_text;
    bool has_expr_text = false;
    ast::ExprPtr e = find_expr(t, s, end, raw, level, expr_text, has_expr_text);
    if (has_expr_text) concat(st, expr_text);
    if (!st.last_str.empty()) st.values.push_back(make_str(st, first_, last_));
    st.values.push_back(std::move(e));
  }
  if (level == 0 && s + 1 < end) fail("f-string: unexpected end of string");
  if (level != 0 && (s >= end || tx[s] != '}')) fail("f-string: expecting '}'");
}

}  // namespace

ast::ExprPtr Parser::strings() {
  // STRING+: adjacent literals make one node.
  std::vector<size_t> idx;
  while (at(Tok::String)) {
    idx.push_back(pos_);
    next();
  }
  cur();  // CPython has read the token after the literals; errors point there
  const Token& first = ts_.tokens[idx.front()];
  const Token& last = ts_.tokens[idx.back()];
  FStrings fs(*this, first, last);
  FState state;
  bool bytesmode = false;
  std::string bytes_value;
  for (size_t k = 0; k < idx.size(); ++k) {
    const Token& t = ts_.tokens[idx[k]];
    const std::string_view tx = ts_.text(t);
    const Literal lit = split_literal(tx);
    const std::string_view body = tx.substr(lit.body_begin, lit.body_end - lit.body_begin);
    std::string value;
    if (!lit.fmode) {
      if (lit.bytes) {
        for (char c : body)
          if (static_cast<unsigned char>(c) >= 0x80)
            fail_tok(cur(), "bytes can only contain ASCII literal characters");
      }
      std::string err;
      if (lit.raw || body.find('\\') == std::string_view::npos) value = std::string(body);
      else if (!decode_escapes(body, lit.bytes, value, err)) fail_tok(cur(), err);
    }
    if (k != 0 && bytesmode != lit.bytes) fail_tok(cur(), "cannot mix bytes and nonbytes literals");
    bytesmode = lit.bytes;
    if (lit.fmode) {
      size_t s = lit.body_begin;
      fs.concat_fstring(state, t, s, lit.body_end, lit.raw, 0);
    } else if (lit.bytes) {
      bytes_value += value;
    } else {
      fs.concat(state, value);
    }
  }
  if (bytesmode)
    return make_expr(ast::Loc{first.line, first.col, last.end_line, last.end_col},
                     ast::ConstantExpr{Constant::bytes(std::move(bytes_value)), std::nullopt});
  return fs.finish(state, first, last);
}

}  // namespace vm::detail
