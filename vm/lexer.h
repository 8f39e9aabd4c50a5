// The tokenizer: Python 3.11 source text (UTF-8) to tokens, as CPython's
// Parser/tokenizer.c produces them for the parser.
//
// The whole file is tokenized up front into a vector, so that the parser can
// look ahead and back up freely.  A tokenizer error stops the token vector
// short; the parser raises it only when it reads past the last good token,
// which reproduces CPython's order of errors (the parser pulls tokens lazily
// and reports whichever problem it meets first).  See TokenStream::error for
// how a tokenizer error further down the file may still win.
//
// Positions are CPython's: lines 1-based, columns 0-based UTF-8 byte offsets,
// end_col one past the last byte.  A token's text is a slice of
// TokenStream::source, which is the input with "\r\n" and "\r" turned into
// "\n", a UTF-8 BOM dropped and a final "\n" added (CPython does the same).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vm/diagnostic.h"

namespace vm {

enum class Tok : uint8_t {
  EndMarker,
  Newline,  // end of a logical line (not produced inside brackets or for blank lines)
  Indent,
  Dedent,
  Name,    // an identifier that is not a keyword (soft keywords are Names)
  Number,  // the literal's text; the parser converts it
  String,  // the literal's text with prefix and quotes; the parser decodes it
  Error,   // a character no rule accepts ('$', '?', '!', '<>'): "invalid syntax" there

  // Keywords.
  False, None, True, And, As, Assert, Async, Await, Break, Class, Continue, Def, Del,
  Elif, Else, Except, Finally, For, From, Global, If, Import, In, Is, Lambda, Nonlocal,
  Not, Or, Pass, Raise, Return, Try, While, With, Yield,

  // Operators and delimiters.
  LPar, RPar, LSqb, RSqb, LBrace, RBrace, Colon, Comma, Semi, Plus, Minus, Star, Slash,
  VBar, Amper, Less, Greater, Equal, Dot, Percent, EqEqual, NotEqual, LessEqual,
  GreaterEqual, Tilde, Circumflex, LeftShift, RightShift, DoubleStar, PlusEqual,
  MinEqual, StarEqual, SlashEqual, PercentEqual, AmperEqual, VBarEqual, CircumflexEqual,
  LeftShiftEqual, RightShiftEqual, DoubleStarEqual, DoubleSlash, DoubleSlashEqual, At,
  AtEqual, RArrow, Ellipsis, ColonEqual,
};

// The spelling of a token kind for messages: "'('", "NEWLINE", "'if'".
const char* tok_spelling(Tok kind);

struct Token {
  Tok kind = Tok::EndMarker;
  int line = 0;      // of the first byte (for strings: the line the literal starts on)
  int col = 0;       // -1 for INDENT and DEDENT, which CPython gives no column
  int end_line = 0;
  int end_col = 0;   // -1 for INDENT and DEDENT
  uint32_t begin = 0;  // byte range of the token's text in TokenStream::source
  uint32_t end = 0;
  int level = 0;     // bracket nesting depth before this token (CPython's tok->level)
};

// A tokenizer error, and how it ranks against a parser error found earlier in
// the file.  CPython, after a parser error, tokenizes the rest of the file and
// lets a tokenizer error replace the parser's (pegen_errors.c,
// _PyPegen_tokenize_full_source_to_check_for_errors), except for the errors
// the tokenizer reports through tok->done alone (bad dedent, tabs, too deep,
// line continuation).  End of file inside brackets wins only when the parser
// error is on a later line than the bracket.
struct LexError {
  enum class Rank {
    Overrides,  // replaces any earlier parser error (except "unexpected indent")
    Quiet,      // reported only when the parser reaches it
    Unclosed,   // end of file inside brackets
  };
  Diagnostic diag;
  Rank rank = Rank::Overrides;
  int bracket_line = 0;  // Rank::Unclosed: the line of the unclosed bracket
};

// Where the tokens of an f-string replacement field go: CPython tokenizes
// "(expr)" on its own and shifts the positions into the enclosing literal
// (string_parser.c, fstring_compile_expr).
struct LexShift {
  int line = 0;          // added to every line number
  int first_line_col = 0;  // added to the columns of tokens on the first line
};

struct TokenStream {
  std::string source;            // the normalized text the tokens point into
  std::vector<Token> tokens;     // ends with EndMarker, unless `error` is set
  std::optional<LexError> error;  // what reading past the last token raises
  std::vector<uint32_t> line_starts;  // byte offset in `source` of each line (index line - 1)
  LexShift shift;                // the shift applied to positions (zero for a file)

  std::string_view text(const Token& t) const {
    return std::string_view(source).substr(t.begin, t.end - t.begin);
  }
  // The text of line `line` (1-based, shifted numbering), without "\n";
  // empty when out of range.
  std::string_view line_text(int line) const;
  // CPython's SyntaxError.offset for byte column `col` of `line`: the 1-based
  // character (code point) position.
  int char_offset(int line, int col) const;
};

// Tokenizes `source`.  Never throws for bad input: problems end up in
// TokenStream::error.  `filename` goes into the diagnostics.
TokenStream tokenize(std::string_view source, const std::string& filename,
                     LexShift shift = {});

}  // namespace vm
