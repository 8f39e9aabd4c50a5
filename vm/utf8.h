// UTF-8 encoding and decoding of one code point, shared by the lexer,
// string literals and the runtime (chr(), the 'c' format, str methods).  Lone surrogates are
// encoded as CPython's "surrogatepass" would, so they survive into str constants.
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

// The code point that starts at s[i], advancing i past it.  precondition:
// s is well-formed UTF-8 (as every str is), i < s.size().
inline uint32_t decode_utf8(const std::string& s, size_t& i) {
  auto byte = [&](size_t k) { return static_cast<uint32_t>(static_cast<unsigned char>(s[i + k])); };
  uint32_t b0 = byte(0);
  uint32_t cp;
  size_t n;
  if (b0 < 0x80)
    cp = b0, n = 1;
  else if (b0 < 0xE0)
    cp = ((b0 & 0x1F) << 6) | (byte(1) & 0x3F), n = 2;
  else if (b0 < 0xF0)
    cp = ((b0 & 0x0F) << 12) | ((byte(1) & 0x3F) << 6) | (byte(2) & 0x3F), n = 3;
  else
    cp =
        ((b0 & 0x07) << 18) | ((byte(1) & 0x3F) << 12) | ((byte(2) & 0x3F) << 6) | (byte(3) & 0x3F),
    n = 4;
  i += n;
  return cp;
}

}  // namespace vm
