// UTF-8 encoding of one code point, shared by the lexer, string literals
// and the runtime (chr(), the 'c' format).  Lone surrogates are encoded as
// CPython's "surrogatepass" would, so they survive into str constants.
#pragma once

#include <cstdint>
#include <string>

namespace vm {

inline void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

inline std::string utf8_encode(uint32_t cp) {
  std::string out;
  append_utf8(out, cp);
  return out;
}

}  // namespace vm
