// Unicode case mappings and character properties for the str methods
// (upper, lower, title, isalpha, ...), as CPython 3.11 applies them to
// UTF-8 strings.  The data is vm/unicode_case.inc, generated from
// python3.11 by scripts/gen_unicode_case.py; nothing here is hand-written
// Unicode data.
#pragma once

#include <cstdint>
#include <string>

namespace vm::unicode {

// Single code point properties (CPython's Py_UNICODE_IS* macros).
bool is_lowercase(uint32_t cp);
bool is_uppercase(uint32_t cp);
bool is_titlecase(uint32_t cp);
bool is_cased(uint32_t cp);
bool is_case_ignorable(uint32_t cp);
bool is_alpha(uint32_t cp);
bool is_decimal(uint32_t cp);
bool is_digit(uint32_t cp);
bool is_numeric(uint32_t cp);
bool is_space(uint32_t cp);

// Whole-string conversions with the full mappings (SpecialCasing: 'ß'.upper()
// == 'SS') and lower()'s final-sigma rule, as Objects/unicodeobject.c.
std::string upper(const std::string& s);
std::string lower(const std::string& s);
std::string casefold(const std::string& s);
std::string capitalize(const std::string& s);
std::string title(const std::string& s);
std::string swapcase(const std::string& s);

}  // namespace vm::unicode
