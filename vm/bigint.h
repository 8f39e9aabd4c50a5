// Arbitrary-precision integers with Python's semantics.
//
// Python ints have no size limit, floor division and modulo round toward
// negative infinity, and the bitwise operators act as if negative numbers had
// an infinite two's-complement sign extension.  The compiler needs them for
// literals and constant folding; the interpreter for every int that does not
// fit a machine word.
//
// Representation: sign and magnitude; the magnitude is little-endian base 2^32
// limbs with no leading zero limb (zero has no limbs and sign 0).
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vm {

class BigInt {
 public:
  BigInt() = default;
  BigInt(int64_t v);  // NOLINT(google-explicit-constructor): ints convert freely

  // Parses digits in `base` (2, 8, 10 or 16); `digits` has no sign, prefix or
  // underscores.  Returns nullopt for an empty string or a bad digit.
  static std::optional<BigInt> parse(std::string_view digits, int base);

  int sign() const { return sign_; }  // -1, 0 or 1
  bool is_zero() const { return sign_ == 0; }
  bool fits_int64() const;
  int64_t to_int64() const;  // precondition: fits_int64()
  // Nearest double, as Python's float(int); nullopt when it overflows.
  std::optional<double> to_double() const;
  // Number of bits of |this|, as Python's int.bit_length().
  uint64_t bit_length() const;
  std::string to_string() const;  // decimal, with '-' when negative
  // Python's hash(int): the value modulo 2^61 - 1, with -1 mapped to -2.
  int64_t py_hash() const;

  BigInt operator-() const;
  BigInt operator~() const;  // -(x + 1)
  friend BigInt operator+(const BigInt& a, const BigInt& b);
  friend BigInt operator-(const BigInt& a, const BigInt& b);
  friend BigInt operator*(const BigInt& a, const BigInt& b);
  friend BigInt operator&(const BigInt& a, const BigInt& b);
  friend BigInt operator|(const BigInt& a, const BigInt& b);
  friend BigInt operator^(const BigInt& a, const BigInt& b);
  // Floor division and modulo as Python's // and %; precondition: b != 0.
  static BigInt floordiv(const BigInt& a, const BigInt& b);
  static BigInt mod(const BigInt& a, const BigInt& b);
  // Both at once, as Python's divmod(a, b); precondition: b != 0.
  // invariant: a == q * b + r, r == 0 or sign(r) == sign(b), |r| < |b|.
  struct DivMod;
  static DivMod divmod(const BigInt& a, const BigInt& b);
  // a ** e for e >= 0.
  static BigInt pow(const BigInt& a, uint64_t e);
  // a << n and a >> n (arithmetic, floor) for n >= 0.
  static BigInt shl(const BigInt& a, uint64_t n);
  static BigInt shr(const BigInt& a, uint64_t n);

  friend bool operator==(const BigInt& a, const BigInt& b) = default;
  friend std::strong_ordering operator<=>(const BigInt& a, const BigInt& b);

 private:
  // sign * mag, normalized: leading zero limbs are dropped and the sign
  // becomes 0 when nothing is left (any nonzero `sign` means its sign only).
  BigInt(int sign, std::vector<uint32_t> mag);

  int sign_ = 0;                // invariant: 0 iff mag_ is empty
  std::vector<uint32_t> mag_;   // invariant: no trailing (most significant) zero limb
};

struct BigInt::DivMod {
  BigInt q;  // floor(a / b)
  BigInt r;  // a - q * b
};

// a / b correctly rounded to a double, as CPython's long_true_divide;
// nullopt for a zero divisor and for a quotient too large for a float.
std::optional<double> int_true_divide(const BigInt& a, const BigInt& b);

}  // namespace vm
