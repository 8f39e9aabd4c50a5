// The tokenizer (see lexer.h).  It follows CPython 3.11's Parser/tokenizer.c
// closely where that decides what a program means or where an error is
// reported: indentation with tabs (tab stops of 8, checked against tab
// stops of 1 for consistency), blank and comment lines that do not count for
// indentation, brackets that join lines, the number grammar with its error
// positions, and the string scanner (the parser decodes the contents).
//
// Error offsets are CPython's SyntaxError.offset: 1-based code-point columns.
// Where CPython reports "at tok->cur" the offset is the number of characters
// before the current position; the helpers below name which one they use.
#include "vm/utf8.h"
#include "vm/lexer.h"

#include <cstdio>
#include <cstring>

namespace vm {

namespace {

constexpr int kMaxIndent = 100;  // CPython's MAXINDENT
constexpr int kMaxLevel = 200;   // CPython's MAXLEVEL (bracket nesting)
constexpr int kTabSize = 8;

struct Keyword {
  const char* text;
  Tok kind;
};
constexpr Keyword kKeywords[] = {
    {"False", Tok::False},       {"None", Tok::None},     {"True", Tok::True},
    {"and", Tok::And},           {"as", Tok::As},         {"assert", Tok::Assert},
    {"async", Tok::Async},       {"await", Tok::Await},   {"break", Tok::Break},
    {"class", Tok::Class},       {"continue", Tok::Continue}, {"def", Tok::Def},
    {"del", Tok::Del},           {"elif", Tok::Elif},     {"else", Tok::Else},
    {"except", Tok::Except},     {"finally", Tok::Finally}, {"for", Tok::For},
    {"from", Tok::From},         {"global", Tok::Global}, {"if", Tok::If},
    {"import", Tok::Import},     {"in", Tok::In},         {"is", Tok::Is},
    {"lambda", Tok::Lambda},     {"nonlocal", Tok::Nonlocal}, {"not", Tok::Not},
    {"or", Tok::Or},             {"pass", Tok::Pass},     {"raise", Tok::Raise},
    {"return", Tok::Return},     {"try", Tok::Try},       {"while", Tok::While},
    {"with", Tok::With},         {"yield", Tok::Yield},
};

bool is_digit(int c) { return c >= '0' && c <= '9'; }
bool is_xdigit(int c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
bool is_ident_start(int c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 128;
}
bool is_ident_char(int c) { return is_ident_start(c) || is_digit(c); }

// Decodes the UTF-8 sequence at s[i] (already validated); returns the code
// point and sets `len`.
uint32_t decode_utf8_at(std::string_view s, size_t i, int& len) {
  auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) { len = 1; return b; }
  int n = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
  uint32_t cp = b & (0x3F >> (n - 1));
  for (int k = 1; k < n && i + k < s.size(); ++k)
    cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  len = n;
  return cp;
}

// Characters that can never be part of a Python identifier, so that CPython
// reports "invalid character" for them rather than accepting a name: Latin-1
// punctuation, general punctuation, currency, arrows and mathematical
// operators, box drawing and dingbats, CJK punctuation, emoji.  Everything
// else non-ASCII is taken for a letter that gilsim refuses.
bool never_identifier(uint32_t cp) {
  if (cp >= 0x80 && cp <= 0xBF)
    return cp != 0xAA && cp != 0xB5 && cp != 0xBA && cp != 0xB7;
  if (cp == 0xD7 || cp == 0xF7) return true;
  if (cp >= 0x2000 && cp <= 0x206F) return cp != 0x203F && cp != 0x2040 && cp != 0x2054;
  if (cp >= 0x20A0 && cp <= 0x20CF) return true;
  if (cp >= 0x2190 && cp <= 0x23FF) return true;
  if (cp >= 0x2500 && cp <= 0x27BF) return true;
  if (cp >= 0x3000 && cp <= 0x3003) return true;
  if (cp >= 0xFF01 && cp <= 0xFF0F) return true;
  if (cp >= 0x1F000 && cp <= 0x1FAFF) return true;
  return false;
}


// Finds the first invalid UTF-8 sequence; returns its byte index and sets
// `why` to Python's codec reason, or returns npos when the text is valid.
size_t find_invalid_utf8(std::string_view s, const char*& why) {
  size_t i = 0;
  while (i < s.size()) {
    auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) { ++i; continue; }
    int n;
    uint32_t min;
    if (b >= 0xC2 && b <= 0xDF) { n = 2; min = 0x80; }
    else if (b >= 0xE0 && b <= 0xEF) { n = 3; min = 0x800; }
    else if (b >= 0xF0 && b <= 0xF4) { n = 4; min = 0x10000; }
    else { why = "invalid start byte"; return i; }
    uint32_t cp = b & (0x3F >> (n - 1));
    for (int k = 1; k < n; ++k) {
      if (i + k >= s.size()) { why = "unexpected end of data"; return i; }
      auto c = static_cast<unsigned char>(s[i + k]);
      if ((c & 0xC0) != 0x80) {
        why = (i + k + 1 >= s.size() || c == '\n') ? "unexpected end of data"
                                                     : "invalid continuation byte";
        return i;
      }
      cp = (cp << 6) | (c & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      why = "invalid continuation byte";
      return i;
    }
    i += n;
  }
  return std::string_view::npos;
}

class Lexer {
 public:
  Lexer(TokenStream& out, const std::string& filename) : out_(out), src_(out.source), file_(filename) {}

  void run();

 private:
  struct Bracket {
    char c;
    int line;
    int col;
  };

  int peekc(size_t k = 0) const {
    return pos_ + k < src_.size() ? static_cast<unsigned char>(src_[pos_ + k]) : -1;
  }
  // Characters between the start of the current line and byte `p`.
  int chars_before(size_t p) const {
    int n = 0;
    for (size_t i = line_start_; i < p && i < src_.size(); ++i)
      if ((static_cast<unsigned char>(src_[i]) & 0xC0) != 0x80) ++n;
    return n;
  }
  // CPython's syntaxerror() with tok->cur at byte `p`: the offset counts the
  // characters before p.
  void error_at_cur(size_t p, std::string msg, LexError::Rank rank = LexError::Rank::Overrides) {
    fail(line_, chars_before(p), std::move(msg), rank);
  }
  // An error pointing at the character at byte `p` (1-based column of p).
  void error_at_char(size_t p, std::string msg, LexError::Rank rank = LexError::Rank::Overrides) {
    fail(line_, chars_before(p) + 1, std::move(msg), rank);
  }
  void fail(int line, int col, std::string msg, LexError::Rank rank) {
    if (out_.error) return;
    LexError e;
    e.diag = Diagnostic{file_, line + out_.shift.line, col, std::move(msg)};
    e.rank = rank;
    out_.error = std::move(e);
  }

  void emit(Tok kind, size_t begin, size_t end, int line, int col, int end_line, int end_col) {
    Token t;
    t.kind = kind;
    t.line = line + out_.shift.line;
    t.end_line = end_line + out_.shift.line;
    t.col = col;
    t.end_col = end_col;
    if (col >= 0 && line == 1) t.col += out_.shift.first_line_col;
    if (end_col >= 0 && end_line == 1) t.end_col += out_.shift.first_line_col;
    t.begin = static_cast<uint32_t>(begin);
    t.end = static_cast<uint32_t>(end);
    t.level = static_cast<int>(brackets_.size());
    out_.tokens.push_back(t);
  }
  // A token lying on the current line from byte `begin` to pos_.
  void emit_here(Tok kind, size_t begin) {
    emit(kind, begin, pos_, line_, static_cast<int>(begin - line_start_), line_,
         static_cast<int>(pos_ - line_start_));
  }

  bool indentation();  // at the start of a logical line; false on error
  bool name_or_string();
  bool number();
  bool string(size_t begin);
  bool op();
  bool verify_end_of_number(const char* kind);
  bool decimal_tail();
  void newline() {
    ++pos_;
    ++line_;
    line_start_ = pos_;
  }

  TokenStream& out_;
  const std::string& src_;
  const std::string& file_;
  size_t pos_ = 0;
  int line_ = 1;
  size_t line_start_ = 0;
  std::vector<int> indents_{0};     // columns with tabs to multiples of 8
  std::vector<int> altindents_{0};  // columns with tabs counting 1
  std::vector<Bracket> brackets_;
};

bool Lexer::indentation() {
  int col = 0;
  int altcol = 0;
  size_t p = pos_;
  for (; p < src_.size(); ++p) {
    char c = src_[p];
    if (c == ' ') {
      ++col;
      ++altcol;
    } else if (c == '\t') {
      col = (col / kTabSize + 1) * kTabSize;
      ++altcol;
    } else if (c == '\f') {
      col = altcol = 0;
    } else {
      break;
    }
  }
  // Lines holding only whitespace and/or a comment do not count.
  if (p >= src_.size() || src_[p] == '#' || src_[p] == '\n') return true;
  pos_ = p;
  const size_t line_len = src_.find('\n', line_start_) - line_start_;
  if (col == indents_.back()) {
    if (altcol != altindents_.back()) {
      fail(line_, 1, "inconsistent use of tabs and spaces in indentation", LexError::Rank::Quiet);
      return false;
    }
  } else if (col > indents_.back()) {
    if (indents_.size() >= kMaxIndent) {
      fail(line_, 1, "too many levels of indentation", LexError::Rank::Quiet);
      return false;
    }
    if (altcol <= altindents_.back()) {
      fail(line_, 1, "inconsistent use of tabs and spaces in indentation", LexError::Rank::Quiet);
      return false;
    }
    indents_.push_back(col);
    altindents_.push_back(altcol);
    emit(Tok::Indent, pos_, pos_, line_, -1, line_, -1);
  } else {
    while (indents_.size() > 1 && col < indents_.back()) {
      indents_.pop_back();
      altindents_.pop_back();
      emit(Tok::Dedent, pos_, pos_, line_, -1, line_, -1);
    }
    if (col != indents_.back()) {
      // CPython reports this one past the end of the line.
      fail(line_, chars_before(line_start_ + line_len) + 1,
           "unindent does not match any outer indentation level", LexError::Rank::Quiet);
      return false;
    }
    if (altcol != altindents_.back()) {
      fail(line_, 1, "inconsistent use of tabs and spaces in indentation", LexError::Rank::Quiet);
      return false;
    }
  }
  return true;
}

bool Lexer::decimal_tail() {
  // tokenizer.c tok_decimal_tail: digits with single underscores between.
  for (;;) {
    while (is_digit(peekc())) ++pos_;
    if (peekc() != '_') return true;
    ++pos_;
    if (!is_digit(peekc())) {
      error_at_cur(pos_, "invalid decimal literal");
      return false;
    }
  }
}

bool Lexer::verify_end_of_number(const char* kind) {
  // tokenizer.c verify_end_of_number: a keyword that can follow a number in
  // valid code ("1if x else y") is accepted; another name character is not.
  int c = peekc();
  auto looking_at = [&](const char* s) {
    return src_.compare(pos_, std::strlen(s), s) == 0;
  };
  bool keyword = false;
  if (c == 'a') keyword = looking_at("and");
  else if (c == 'e') keyword = looking_at("else");
  else if (c == 'f') keyword = looking_at("for");
  else if (c == 'i') keyword = peekc(1) == 'f' || peekc(1) == 'n' || peekc(1) == 's';
  else if (c == 'o') keyword = looking_at("or");
  else if (c == 'n') keyword = looking_at("not");
  if (keyword) return true;
  if (c >= 0 && is_ident_char(c)) {
    error_at_cur(pos_, std::string("invalid ") + kind + " literal");
    return false;
  }
  return true;
}

bool Lexer::number() {
  const size_t begin = pos_;
  auto finish = [&] {
    emit_here(Tok::Number, begin);
    return true;
  };
  auto exponent_and_imaginary = [&]() -> bool {
    if (peekc() == 'e' || peekc() == 'E') {
      const size_t e_pos = pos_;
      ++pos_;
      if (peekc() == '+' || peekc() == '-') {
        ++pos_;
        if (!is_digit(peekc())) {
          error_at_cur(pos_, "invalid decimal literal");
          return false;
        }
      } else if (!is_digit(peekc())) {
        // "1e" followed by something else: the number ends before the 'e'.
        pos_ = e_pos;
        if (!verify_end_of_number("decimal")) return false;
        return finish();
      }
      if (!decimal_tail()) return false;
    }
    if (peekc() == 'j' || peekc() == 'J') {
      ++pos_;
      if (!verify_end_of_number("imaginary")) return false;
      return finish();
    }
    if (!verify_end_of_number("decimal")) return false;
    return finish();
  };
  auto fraction = [&]() -> bool {
    // pos_ is just past the '.'.
    if (is_digit(peekc()) && !decimal_tail()) return false;
    return exponent_and_imaginary();
  };

  if (peekc() == '.') {  // ".5"
    ++pos_;
    return fraction();
  }
  if (peekc() == '0') {
    ++pos_;
    int c = peekc();
    auto radix = [&](auto valid, const char* kind) -> bool {
      ++pos_;  // the x, o or b
      do {
        if (peekc() == '_') ++pos_;
        if (!valid(peekc())) {
          int bad = peekc();
          if (std::strcmp(kind, "hexadecimal") != 0 && bad >= 0 && is_digit(bad)) {
            ++pos_;
            char msg[64];
            std::snprintf(msg, sizeof msg, "invalid digit '%c' in %s literal", bad, kind);
            error_at_cur(pos_, msg);
          } else {
            error_at_cur(pos_, std::string("invalid ") + kind + " literal");
          }
          return false;
        }
        while (valid(peekc())) ++pos_;
      } while (peekc() == '_');
      if (std::strcmp(kind, "hexadecimal") != 0 && is_digit(peekc())) {
        int bad = peekc();
        ++pos_;
        char msg[64];
        std::snprintf(msg, sizeof msg, "invalid digit '%c' in %s literal", bad, kind);
        error_at_cur(pos_, msg);
        return false;
      }
      if (!verify_end_of_number(kind)) return false;
      return finish();
    };
    if (c == 'x' || c == 'X') return radix(is_xdigit, "hexadecimal");
    if (c == 'o' || c == 'O') return radix([](int d) { return d >= '0' && d <= '7'; }, "octal");
    if (c == 'b' || c == 'B') return radix([](int d) { return d == '0' || d == '1'; }, "binary");
    // A decimal starting with 0: only zeros, unless it is a float.
    bool nonzero = false;
    for (;;) {
      if (peekc() == '_') {
        ++pos_;
        if (!is_digit(peekc())) {
          error_at_cur(pos_, "invalid decimal literal");
          return false;
        }
      }
      if (peekc() != '0') break;
      ++pos_;
    }
    const size_t zeros_end = pos_;
    if (is_digit(peekc())) {
      nonzero = true;
      if (!decimal_tail()) return false;
    }
    if (peekc() == '.') {
      ++pos_;
      return fraction();
    }
    if (peekc() == 'e' || peekc() == 'E' || peekc() == 'j' || peekc() == 'J')
      return exponent_and_imaginary();
    if (nonzero) {
      (void)zeros_end;
      error_at_char(begin,
                    "leading zeros in decimal integer literals are not permitted; use an 0o "
                    "prefix for octal integers");
      return false;
    }
    if (!verify_end_of_number("decimal")) return false;
    return finish();
  }
  if (!decimal_tail()) return false;
  if (peekc() == '.') {
    ++pos_;
    return fraction();
  }
  return exponent_and_imaginary();
}

bool Lexer::string(size_t begin) {
  // pos_ is at the opening quote; `begin` at the prefix.
  const int first_line = line_;
  const size_t first_line_start = line_start_;
  const char quote = src_[pos_];
  int quote_size = 1;
  int end_quote_size = 0;
  ++pos_;
  if (peekc() == quote) {
    ++pos_;
    if (peekc() == quote) {
      ++pos_;
      quote_size = 3;
    } else {
      end_quote_size = 1;  // the empty string
    }
  }
  while (end_quote_size != quote_size) {
    int c = peekc();
    if (c < 0 || (quote_size == 1 && c == '\n')) {
      // Reported at the start of the literal, on its first line.
      const int detected = c < 0 ? line_ - 1 : line_;
      const size_t save = line_start_;
      line_start_ = first_line_start;
      const int col = chars_before(begin) + 1;
      line_start_ = save;
      fail(first_line, col,
           std::string(quote_size == 3 ? "unterminated triple-quoted string literal"
                                       : "unterminated string literal") +
               " (detected at line " + std::to_string(detected + out_.shift.line) + ")",
           LexError::Rank::Overrides);
      return false;
    }
    if (c == quote) {
      ++end_quote_size;
      ++pos_;
      continue;
    }
    end_quote_size = 0;
    if (c == '\n') {
      newline();
      continue;
    }
    ++pos_;
    if (c == '\\') {
      if (peekc() == '\n') newline();
      else if (peekc() >= 0) ++pos_;
    }
  }
  emit(Tok::String, begin, pos_, first_line, static_cast<int>(begin - first_line_start), line_,
       static_cast<int>(pos_ - line_start_));
  return true;
}

bool Lexer::name_or_string() {
  const size_t begin = pos_;
  // A string prefix: any of b, r, u, f in CPython's allowed combinations.
  bool saw_b = false, saw_r = false, saw_u = false, saw_f = false;
  for (;;) {
    int c = peekc();
    if ((c == 'b' || c == 'B') && !saw_b && !saw_u && !saw_f) saw_b = true;
    else if ((c == 'u' || c == 'U') && !saw_u && !saw_b && !saw_r && !saw_f) saw_u = true;
    else if ((c == 'r' || c == 'R') && !saw_r && !saw_u) saw_r = true;
    else if ((c == 'f' || c == 'F') && !saw_f && !saw_b && !saw_u) saw_f = true;
    else break;
    ++pos_;
    if (peekc() == '"' || peekc() == '\'') return string(begin);
  }
  pos_ = begin;
  bool non_ascii = false;
  while (pos_ < src_.size() && is_ident_char(static_cast<unsigned char>(src_[pos_]))) {
    if (static_cast<unsigned char>(src_[pos_]) >= 128) {
      int len = 0;
      uint32_t cp = decode_utf8_at(src_, pos_, len);
      char buf[32];
      std::snprintf(buf, sizeof buf, "U+%04X", cp);
      if (never_identifier(cp)) {
        error_at_char(pos_, "invalid character '" + utf8_encode(cp) + "' (" + buf + ")");
        return false;
      }
      non_ascii = true;
      pos_ += len;
      continue;
    }
    ++pos_;
  }
  if (non_ascii) {
    error_at_char(begin, "non-ASCII identifiers are not supported ('" +
                             src_.substr(begin, pos_ - begin) + "')");
    return false;
  }
  std::string_view word(src_.data() + begin, pos_ - begin);
  Tok kind = Tok::Name;
  for (const auto& k : kKeywords) {
    if (word == k.text) {
      kind = k.kind;
      break;
    }
  }
  emit_here(kind, begin);
  return true;
}

bool Lexer::op() {
  struct Op {
    const char* text;
    Tok kind;
  };
  // Longest first.
  static constexpr Op kOps[] = {
      {"**=", Tok::DoubleStarEqual}, {"//=", Tok::DoubleSlashEqual}, {">>=", Tok::RightShiftEqual},
      {"<<=", Tok::LeftShiftEqual},  {"...", Tok::Ellipsis},         {"!=", Tok::NotEqual},
      {"%=", Tok::PercentEqual},     {"&=", Tok::AmperEqual},        {"**", Tok::DoubleStar},
      {"*=", Tok::StarEqual},        {"+=", Tok::PlusEqual},         {"-=", Tok::MinEqual},
      {"->", Tok::RArrow},           {"//", Tok::DoubleSlash},       {"/=", Tok::SlashEqual},
      {":=", Tok::ColonEqual},       {"<<", Tok::LeftShift},         {"<=", Tok::LessEqual},
      {"<>", Tok::Error},            {"==", Tok::EqEqual},           {">=", Tok::GreaterEqual},
      {">>", Tok::RightShift},       {"@=", Tok::AtEqual},           {"^=", Tok::CircumflexEqual},
      {"|=", Tok::VBarEqual},        {"(", Tok::LPar},               {")", Tok::RPar},
      {"[", Tok::LSqb},              {"]", Tok::RSqb},               {"{", Tok::LBrace},
      {"}", Tok::RBrace},            {":", Tok::Colon},              {",", Tok::Comma},
      {";", Tok::Semi},              {"+", Tok::Plus},               {"-", Tok::Minus},
      {"*", Tok::Star},              {"/", Tok::Slash},              {"|", Tok::VBar},
      {"&", Tok::Amper},             {"<", Tok::Less},               {">", Tok::Greater},
      {"=", Tok::Equal},             {".", Tok::Dot},                {"%", Tok::Percent},
      {"~", Tok::Tilde},             {"^", Tok::Circumflex},         {"@", Tok::At},
  };
  const size_t begin = pos_;
  for (const auto& o : kOps) {
    size_t n = std::strlen(o.text);
    if (src_.compare(pos_, n, o.text) != 0) continue;
    char c = o.text[0];
    if (n == 1 && (c == '(' || c == '[' || c == '{')) {
      if (brackets_.size() >= kMaxLevel) {
        error_at_char(pos_, "too many nested parentheses");
        return false;
      }
      brackets_.push_back({c, line_, static_cast<int>(pos_ - line_start_)});
    } else if (n == 1 && (c == ')' || c == ']' || c == '}')) {
      if (brackets_.empty()) {
        error_at_char(pos_, std::string("unmatched '") + c + "'");
        return false;
      }
      const Bracket open = brackets_.back();
      const char want = open.c == '(' ? ')' : open.c == '[' ? ']' : '}';
      if (c != want) {
        std::string msg = std::string("closing parenthesis '") + c +
                          "' does not match opening parenthesis '" + open.c + "'";
        if (open.line != line_) msg += " on line " + std::to_string(open.line + out_.shift.line);
        error_at_char(pos_, msg);
        return false;
      }
      brackets_.pop_back();
    }
    pos_ += n;
    emit_here(o.kind, begin);
    return true;
  }
  // No operator: CPython hands the parser a token it cannot use.
  int len = 1;
  uint32_t cp = decode_utf8_at(src_, pos_, len);
  if (cp < 0x20 || cp == 0x7F) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "invalid non-printable character U+%04X", cp);
    error_at_char(pos_, buf);
    return false;
  }
  pos_ += len;
  emit_here(Tok::Error, begin);
  return true;
}

void Lexer::run() {
  bool at_bol = true;
  for (;;) {
    if (out_.error) return;
    if (at_bol) {
      at_bol = false;
      if (brackets_.empty() && !indentation()) return;
    }
    // Blank lines (nothing but whitespace and comments so far on this
    // logical line) end without a NEWLINE token.
    while (peekc() == ' ' || peekc() == '\t' || peekc() == '\f') ++pos_;
    int c = peekc();
    if (c == '#') {
      while (peekc() >= 0 && peekc() != '\n') ++pos_;
      c = peekc();
    }
    if (c < 0) {
      if (!brackets_.empty()) {
        const Bracket& b = brackets_.back();
        LexError e;
        const size_t save_start = line_start_;
        line_start_ = out_.line_starts[b.line - 1];
        const int col = chars_before(line_start_ + b.col) + 1;
        line_start_ = save_start;
        e.diag = Diagnostic{file_, b.line + out_.shift.line, col,
                            std::string("'") + b.c + "' was never closed"};
        e.rank = LexError::Rank::Unclosed;
        e.bracket_line = b.line + out_.shift.line;
        out_.error = std::move(e);
        return;
      }
      while (indents_.size() > 1) {
        indents_.pop_back();
        emit(Tok::Dedent, pos_, pos_, line_, -1, line_, -1);
      }
      emit(Tok::EndMarker, pos_, pos_, line_, 0, line_, 0);
      return;
    }
    if (c == '\n') {
      const bool blank = out_.tokens.empty() || out_.tokens.back().kind == Tok::Newline ||
                         out_.tokens.back().kind == Tok::Indent ||
                         out_.tokens.back().kind == Tok::Dedent;
      if (brackets_.empty() && !blank) {
        emit(Tok::Newline, pos_, pos_ + 1, line_, static_cast<int>(pos_ - line_start_), line_,
             static_cast<int>(pos_ - line_start_) + 1);
      }
      newline();
      at_bol = true;
      continue;
    }
    if (c == '\\') {
      const size_t bs = pos_;
      ++pos_;
      if (peekc() != '\n') {
        // CPython: offset of the character after the backslash.
        error_at_char(pos_, "unexpected character after line continuation character",
                      LexError::Rank::Quiet);
        return;
      }
      newline();
      if (peekc() < 0) {
        // End of file right after a continuation.
        if (!brackets_.empty()) continue;  // reported as the unclosed bracket
        const int bs_line = line_ - 1;
        const size_t save_start = line_start_;
        line_start_ = out_.line_starts[bs_line - 1];
        const int col = chars_before(bs) + 2;
        line_start_ = save_start;
        fail(bs_line, col, "unexpected EOF while parsing", LexError::Rank::Quiet);
        return;
      }
      continue;
    }
    if (is_digit(c) || (c == '.' && is_digit(peekc(1)))) {
      if (!number()) return;
      continue;
    }
    if (c == '"' || c == '\'') {
      if (!string(pos_)) return;
      continue;
    }
    if (is_ident_start(c)) {
      if (!name_or_string()) return;
      continue;
    }
    if (!op()) return;
  }
}

}  // namespace

const char* tok_spelling(Tok kind) {
  switch (kind) {
    case Tok::EndMarker: return "end of file";
    case Tok::Newline: return "NEWLINE";
    case Tok::Indent: return "INDENT";
    case Tok::Dedent: return "DEDENT";
    case Tok::Name: return "NAME";
    case Tok::Number: return "NUMBER";
    case Tok::String: return "STRING";
    case Tok::Error: return "ERRORTOKEN";
    default: break;
  }
  for (const auto& k : kKeywords)
    if (k.kind == kind) return k.text;
  switch (kind) {
    case Tok::LPar: return "(";
    case Tok::RPar: return ")";
    case Tok::LSqb: return "[";
    case Tok::RSqb: return "]";
    case Tok::LBrace: return "{";
    case Tok::RBrace: return "}";
    case Tok::Colon: return ":";
    case Tok::Comma: return ",";
    case Tok::Semi: return ";";
    case Tok::Equal: return "=";
    case Tok::Dot: return ".";
    case Tok::RArrow: return "->";
    default: return "operator";
  }
}

std::string_view TokenStream::line_text(int line) const {
  const int idx = line - shift.line - 1;
  if (idx < 0 || idx >= static_cast<int>(line_starts.size())) return {};
  const size_t b = line_starts[idx];
  size_t e = source.find('\n', b);
  if (e == std::string::npos) e = source.size();
  return std::string_view(source).substr(b, e - b);
}

int TokenStream::char_offset(int line, int col) const {
  std::string_view text = line_text(line);
  int first_shift = (line - shift.line == 1) ? shift.first_line_col : 0;
  int c = col - first_shift;
  if (c < 0) c = 0;
  int n = 0;
  for (int i = 0; i < c && i < static_cast<int>(text.size()); ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++n;
  if (c > static_cast<int>(text.size())) n += c - static_cast<int>(text.size());
  return n + 1 + first_shift;
}

TokenStream tokenize(std::string_view source, const std::string& filename, LexShift shift) {
  TokenStream out;
  out.shift = shift;
  // Normalize: drop a BOM, translate newlines, end with "\n".
  if (source.substr(0, 3) == "\xEF\xBB\xBF") source.remove_prefix(3);
  out.source.reserve(source.size() + 1);
  for (size_t i = 0; i < source.size(); ++i) {
    if (source[i] == '\r') {
      out.source += '\n';
      if (i + 1 < source.size() && source[i + 1] == '\n') ++i;
    } else {
      out.source += source[i];
    }
  }
  if (!out.source.empty() && out.source.back() != '\n') out.source += '\n';
  out.line_starts.push_back(0);
  for (size_t i = 0; i < out.source.size(); ++i)
    if (out.source[i] == '\n' && i + 1 < out.source.size())
      out.line_starts.push_back(static_cast<uint32_t>(i + 1));

  auto line_col_of = [&](size_t pos, int& line, int& col) {
    line = 1;
    size_t start = 0;
    for (size_t i = 0; i < pos; ++i)
      if (out.source[i] == '\n') {
        ++line;
        start = i + 1;
      }
    col = 1;
    for (size_t i = start; i < pos; ++i)
      if ((static_cast<unsigned char>(out.source[i]) & 0xC0) != 0x80) ++col;
  };
  // CPython refuses NUL bytes and text that is not UTF-8 before tokenizing.
  if (size_t nul = out.source.find('\0'); nul != std::string::npos) {
    int line, col;
    line_col_of(nul, line, col);
    out.error = LexError{
        Diagnostic{filename, line + shift.line, col, "source code cannot contain null bytes"},
        LexError::Rank::Overrides, 0};
    return out;
  }
  const char* why = nullptr;
  if (size_t bad = find_invalid_utf8(out.source, why); bad != std::string_view::npos) {
    int line, col;
    line_col_of(bad, line, col);
    char buf[160];
    std::snprintf(buf, sizeof buf,
                  "(unicode error) 'utf-8' codec can't decode byte 0x%02x in position %d: %s",
                  static_cast<unsigned char>(out.source[bad]), col - 1, why);
    out.error = LexError{Diagnostic{filename, line + shift.line, col, buf},
                         LexError::Rank::Overrides, 0};
    return out;
  }
  // A coding declaration on line 1 or 2 must name UTF-8.
  for (int l = 0; l < 2 && l < static_cast<int>(out.line_starts.size()); ++l) {
    std::string_view text = out.line_text(l + 1 + shift.line);
    size_t p = text.find_first_not_of(" \t\f");
    if (p == std::string_view::npos || text[p] != '#') {
      if (p != std::string_view::npos) break;  // code: no cookie after it
      continue;
    }
    size_t k = text.find("coding", p);
    if (k == std::string_view::npos || k + 6 >= text.size() ||
        (text[k + 6] != ':' && text[k + 6] != '='))
      continue;
    size_t v = k + 7;
    while (v < text.size() && (text[v] == ' ' || text[v] == '\t')) ++v;
    size_t e = v;
    while (e < text.size() && (std::isalnum(static_cast<unsigned char>(text[e])) ||
                               text[e] == '-' || text[e] == '_' || text[e] == '.'))
      ++e;
    std::string enc(text.substr(v, e - v));
    std::string norm;
    for (char ch : enc) norm += ch == '_' ? '-' : static_cast<char>(std::tolower(ch));
    if (norm != "utf-8" && norm != "utf8" && norm.rfind("utf-8-", 0) != 0) {
      out.error = LexError{Diagnostic{filename, l + 1 + shift.line, 0,
                                      "source encoding '" + enc +
                                          "' is not supported: gilsim reads UTF-8 only"},
                           LexError::Rank::Overrides, 0};
      return out;
    }
    break;
  }
  Lexer(out, filename).run();
  return out;
}

}  // namespace vm
