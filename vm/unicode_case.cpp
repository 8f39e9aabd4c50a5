// See unicode_case.h.  Mappings are looked up by binary search over runs of
// code points that share one delta (vm/unicode_case.inc); the few mappings
// to several code points are a separate sorted list checked first.
#include "vm/unicode_case.h"

#include <algorithm>
#include <iterator>
#include <vector>

#include "vm/utf8.h"

namespace vm::unicode {

namespace {

// Code points first, first + stride, ..., last map to cp + delta.
// invariant: runs of one table are sorted and disjoint.
struct CaseRun {
  uint32_t first, last;
  int32_t delta;
  uint32_t stride;  // 1 or 2
};

// A full mapping to more than one code point, as UTF-8.
struct CaseSpecial {
  uint32_t cp;
  const char* to;
};

#include "vm/unicode_case.inc"

template <size_t N>
bool in_set(const uint32_t (&bounds)[N], uint32_t cp) {
  return (std::upper_bound(std::begin(bounds), std::end(bounds), cp) - std::begin(bounds)) % 2 == 1;
}

template <size_t R, size_t S>
void append_mapped(std::string& out, uint32_t cp, const CaseRun (&runs)[R],
                   const CaseSpecial (&special)[S]) {
  auto sp = std::lower_bound(std::begin(special), std::end(special), cp,
                             [](const CaseSpecial& e, uint32_t c) { return e.cp < c; });
  if (sp != std::end(special) && sp->cp == cp) {
    out += sp->to;
    return;
  }
  auto r = std::upper_bound(std::begin(runs), std::end(runs), cp,
                            [](uint32_t c, const CaseRun& e) { return c < e.first; });
  if (r != std::begin(runs)) {
    --r;
    if (cp <= r->last && (cp - r->first) % r->stride == 0)
      cp = static_cast<uint32_t>(static_cast<int64_t>(cp) + r->delta);
  }
  append_utf8(out, cp);
}

std::vector<uint32_t> code_points(const std::string& s) {
  std::vector<uint32_t> cps;
  for (size_t i = 0; i < s.size();) cps.push_back(decode_utf8(s, i));
  return cps;
}

// handle_capital_sigma: U+03A3 lowers to final U+03C2 when a cased letter
// precedes it and none follows, skipping case-ignorable code points.
uint32_t lower_sigma(const std::vector<uint32_t>& cps, size_t i) {
  size_t j = i;
  while (j > 0 && is_case_ignorable(cps[j - 1])) --j;
  bool final_sigma = j > 0 && is_cased(cps[j - 1]);
  if (final_sigma) {
    size_t k = i + 1;
    while (k < cps.size() && is_case_ignorable(cps[k])) ++k;
    final_sigma = k == cps.size() || !is_cased(cps[k]);
  }
  return final_sigma ? 0x3C2 : 0x3C3;
}

// lower_ucs4: the lower mapping of cps[i] in its context.
void append_lower_at(std::string& out, const std::vector<uint32_t>& cps, size_t i) {
  if (cps[i] == 0x3A3)
    append_utf8(out, lower_sigma(cps, i));
  else
    append_mapped(out, cps[i], kLowerRuns, kLowerSpecial);
}

}  // namespace

bool is_lowercase(uint32_t cp) { return in_set(kLowercase, cp); }
bool is_uppercase(uint32_t cp) { return in_set(kUppercase, cp); }
bool is_titlecase(uint32_t cp) { return in_set(kTitlecase, cp); }
bool is_cased(uint32_t cp) { return is_lowercase(cp) || is_uppercase(cp) || is_titlecase(cp); }
bool is_case_ignorable(uint32_t cp) { return in_set(kCaseIgnorable, cp); }
bool is_alpha(uint32_t cp) { return in_set(kAlpha, cp); }
bool is_decimal(uint32_t cp) { return in_set(kDecimal, cp); }
bool is_digit(uint32_t cp) { return in_set(kDigit, cp); }
bool is_numeric(uint32_t cp) { return in_set(kNumeric, cp); }
bool is_space(uint32_t cp) { return in_set(kSpace, cp); }

std::string upper(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size();)
    append_mapped(out, decode_utf8(s, i), kUpperRuns, kUpperSpecial);
  return out;
}

std::string lower(const std::string& s) {
  std::vector<uint32_t> cps = code_points(s);
  std::string out;
  for (size_t i = 0; i < cps.size(); ++i) append_lower_at(out, cps, i);
  return out;
}

std::string casefold(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size();)
    append_mapped(out, decode_utf8(s, i), kCasefoldRuns, kCasefoldSpecial);
  return out;
}

// do_capitalize: the first code point to title case (3.8+), the rest lower.
std::string capitalize(const std::string& s) {
  std::vector<uint32_t> cps = code_points(s);
  std::string out;
  for (size_t i = 0; i < cps.size(); ++i) {
    if (i == 0)
      append_mapped(out, cps[0], kTitleRuns, kTitleSpecial);
    else
      append_lower_at(out, cps, i);
  }
  return out;
}

// do_title: title case after an uncased code point, lower case after a cased one.
std::string title(const std::string& s) {
  std::vector<uint32_t> cps = code_points(s);
  std::string out;
  bool prev_cased = false;
  for (size_t i = 0; i < cps.size(); ++i) {
    if (prev_cased)
      append_lower_at(out, cps, i);
    else
      append_mapped(out, cps[i], kTitleRuns, kTitleSpecial);
    prev_cased = is_cased(cps[i]);
  }
  return out;
}

// do_swapcase: upper case letters lowered, lower case ones uppered.
std::string swapcase(const std::string& s) {
  std::vector<uint32_t> cps = code_points(s);
  std::string out;
  for (size_t i = 0; i < cps.size(); ++i) {
    if (is_uppercase(cps[i]))
      append_lower_at(out, cps, i);
    else if (is_lowercase(cps[i]))
      append_mapped(out, cps[i], kUpperRuns, kUpperSpecial);
    else
      append_utf8(out, cps[i]);
  }
  return out;
}

}  // namespace vm::unicode
