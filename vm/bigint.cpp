// Arbitrary-precision integers with Python's semantics (see bigint.h).
//
// The arithmetic works on magnitudes (little-endian base 2^32 limbs) and the
// signed operations are built on top, the way CPython's longobject.c is.  The
// algorithms are the textbook ones: schoolbook multiplication, Knuth's
// algorithm D for division (TAOCP vol. 2, 4.3.1), quadratic conversion to and
// from decimal in chunks of 10^9.  gilsim's ints are the size of literals and
// of test programs' arithmetic, where these are fast enough; asymptotically
// better algorithms would only add code to get wrong.
//
// Bitwise operators on negative numbers convert both operands to two's
// complement one limb wider than the wider operand (so the top limb holds the
// infinite sign extension), operate limb by limb and convert back.
#include "vm/bigint.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <utility>

#include "vm/check.h"

namespace vm {

namespace {

using Mag = std::vector<uint32_t>;

constexpr uint64_t kBase = uint64_t{1} << 32;

// Drops most significant zero limbs, restoring the magnitude invariant.
void trim(Mag& m) {
  while (!m.empty() && m.back() == 0) m.pop_back();
}

int cmp_mag(const Mag& a, const Mag& b) {
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  for (size_t i = a.size(); i-- > 0;)
    if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

Mag add_mag(const Mag& a, const Mag& b) {
  const Mag& x = a.size() >= b.size() ? a : b;
  const Mag& y = a.size() >= b.size() ? b : a;
  Mag r(x.size() + 1);
  uint64_t carry = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    carry += uint64_t{x[i]} + (i < y.size() ? y[i] : 0);
    r[i] = static_cast<uint32_t>(carry);
    carry >>= 32;
  }
  r[x.size()] = static_cast<uint32_t>(carry);
  trim(r);
  return r;
}

// a - b; precondition: a >= b.
Mag sub_mag(const Mag& a, const Mag& b) {
  Mag r(a.size());
  uint64_t borrow = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    uint64_t sub = (i < b.size() ? b[i] : 0) + borrow;
    borrow = a[i] < sub ? 1 : 0;
    r[i] = static_cast<uint32_t>(a[i] + borrow * kBase - sub);
  }
  GILSIM_ASSERT(borrow == 0, "sub_mag needs a >= b");
  trim(r);
  return r;
}

Mag mul_mag(const Mag& a, const Mag& b) {
  if (a.empty() || b.empty()) return {};
  Mag r(a.size() + b.size(), 0);
  for (size_t i = 0; i < a.size(); ++i) {
    uint64_t ai = a[i];
    if (ai == 0) continue;
    uint64_t carry = 0;
    for (size_t j = 0; j < b.size(); ++j) {
      // At most (2^32-1)^2 + 2 (2^32-1) = 2^64 - 1: no overflow.
      uint64_t t = ai * b[j] + r[i + j] + carry;
      r[i + j] = static_cast<uint32_t>(t);
      carry = t >> 32;
    }
    r[i + b.size()] = static_cast<uint32_t>(carry);
  }
  trim(r);
  return r;
}

// a = a * m + add, in place.
void mul_add_small(Mag& a, uint32_t m, uint32_t add) {
  uint64_t carry = add;
  for (uint32_t& limb : a) {
    uint64_t t = uint64_t{limb} * m + carry;
    limb = static_cast<uint32_t>(t);
    carry = t >> 32;
  }
  if (carry != 0) a.push_back(static_cast<uint32_t>(carry));
  trim(a);
}

// a = a / d in place; returns a % d.  Precondition: d != 0.
uint32_t div_small(Mag& a, uint32_t d) {
  uint64_t rem = 0;
  for (size_t i = a.size(); i-- > 0;) {
    uint64_t cur = (rem << 32) | a[i];
    a[i] = static_cast<uint32_t>(cur / d);
    rem = cur % d;
  }
  trim(a);
  return static_cast<uint32_t>(rem);
}

// a << bits.  With keep_top the result is not trimmed and so always has
// a.size() + bits / 32 + 1 limbs (Knuth D wants the dividend one limb longer).
Mag shl_mag(const Mag& a, uint64_t bits, bool keep_top = false) {
  if (a.empty()) return {};
  size_t limbs = static_cast<size_t>(bits / 32);
  unsigned s = static_cast<unsigned>(bits % 32);
  Mag r(a.size() + limbs + 1, 0);
  for (size_t i = 0; i < a.size(); ++i) {
    uint64_t v = uint64_t{a[i]} << s;
    r[i + limbs] |= static_cast<uint32_t>(v);
    r[i + limbs + 1] = static_cast<uint32_t>(v >> 32);
  }
  if (!keep_top) trim(r);
  return r;
}

// a >> bits (of the magnitude); sets `lost` when a nonzero bit was shifted out.
Mag shr_mag(const Mag& a, uint64_t bits, bool& lost) {
  size_t limbs = static_cast<size_t>(std::min<uint64_t>(bits / 32, a.size()));
  unsigned s = static_cast<unsigned>(bits % 32);
  lost = false;
  for (size_t i = 0; i < limbs; ++i) lost = lost || a[i] != 0;
  if (limbs == a.size()) return {};
  if (s != 0 && (a[limbs] & ((uint32_t{1} << s) - 1)) != 0) lost = true;
  Mag r(a.size() - limbs);
  for (size_t i = 0; i < r.size(); ++i) {
    uint64_t lo = a[i + limbs];
    uint64_t hi = i + limbs + 1 < a.size() ? a[i + limbs + 1] : 0;
    r[i] = static_cast<uint32_t>(((hi << 32) | lo) >> s);
  }
  trim(r);
  return r;
}

// Quotient and remainder of magnitudes; precondition: b is not empty.
void divmod_mag(const Mag& a, const Mag& b, Mag& q, Mag& r) {
  GILSIM_ASSERT(!b.empty(), "division by a zero magnitude");
  if (cmp_mag(a, b) < 0) {
    q.clear();
    r = a;
    return;
  }
  if (b.size() == 1) {
    q = a;
    uint32_t rem = div_small(q, b[0]);
    r = rem != 0 ? Mag{rem} : Mag{};
    return;
  }
  // D1: normalize so the divisor's top limb has its high bit set; then each
  // estimated quotient limb is at most 2 too large.
  unsigned s = static_cast<unsigned>(std::countl_zero(b.back()));
  Mag v = shl_mag(b, s);
  Mag u = shl_mag(a, s, /*keep_top=*/true);
  u.resize(a.size() + 1);  // invariant: u has m + n + 1 limbs
  const size_t n = v.size();
  const size_t m = a.size() - n;
  q.assign(m + 1, 0);
  for (size_t j = m + 1; j-- > 0;) {
    // D3: estimate qhat from the top two limbs of the remainder, then correct
    // it with the third so that it is at most 1 too large.
    uint64_t num = (uint64_t{u[j + n]} << 32) | u[j + n - 1];
    uint64_t qhat = num / v[n - 1];
    uint64_t rhat = num % v[n - 1];
    while (qhat >= kBase || qhat * v[n - 2] > ((rhat << 32) | u[j + n - 2])) {
      --qhat;
      rhat += v[n - 1];
      if (rhat >= kBase) break;
    }
    // D4: u[j .. j+n] -= qhat * v.
    uint64_t carry = 0;
    uint64_t borrow = 0;
    for (size_t i = 0; i < n; ++i) {
      uint64_t p = qhat * v[i] + carry;
      carry = p >> 32;
      uint64_t sub = (p & 0xFFFFFFFFu) + borrow;
      borrow = u[i + j] < sub ? 1 : 0;
      u[i + j] = static_cast<uint32_t>(u[i + j] + borrow * kBase - sub);
    }
    uint64_t sub = carry + borrow;
    bool negative = u[j + n] < sub;
    u[j + n] = static_cast<uint32_t>(u[j + n] - sub);
    if (negative) {
      // D6: qhat was one too large (rare); add v back.
      --qhat;
      uint64_t c = 0;
      for (size_t i = 0; i < n; ++i) {
        c += uint64_t{u[i + j]} + v[i];
        u[i + j] = static_cast<uint32_t>(c);
        c >>= 32;
      }
      u[j + n] = static_cast<uint32_t>(u[j + n] + c);
    }
    q[j] = static_cast<uint32_t>(qhat);
  }
  trim(q);
  // D8: the remainder is u[0 .. n) unnormalized.
  u.resize(n);
  trim(u);
  bool lost;
  r = shr_mag(u, s, lost);
}

// Two's complement of sign * m in exactly `len` limbs; precondition: len is
// larger than m.size(), so the top limb is pure sign extension.
Mag to_twos(int sign, const Mag& m, size_t len) {
  Mag r(len, 0);
  std::copy(m.begin(), m.end(), r.begin());
  if (sign < 0) {
    uint64_t carry = 1;  // -m == ~m + 1
    for (uint32_t& limb : r) {
      carry += static_cast<uint32_t>(~limb);
      limb = static_cast<uint32_t>(carry);
      carry >>= 32;
    }
  }
  return r;
}

int bit_width32(uint32_t v) { return 32 - std::countl_zero(v); }

}  // namespace

BigInt::BigInt(int sign, std::vector<uint32_t> mag) : mag_(std::move(mag)) {
  trim(mag_);
  sign_ = mag_.empty() ? 0 : (sign < 0 ? -1 : 1);
}

BigInt::BigInt(int64_t v) {
  if (v == 0) return;
  sign_ = v < 0 ? -1 : 1;
  // 0 - v in unsigned arithmetic is |v| even for INT64_MIN.
  uint64_t u = v < 0 ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
  mag_.push_back(static_cast<uint32_t>(u));
  if (u >> 32) mag_.push_back(static_cast<uint32_t>(u >> 32));
}

std::optional<BigInt> BigInt::parse(std::string_view digits, int base) {
  GILSIM_ASSERT(base == 2 || base == 8 || base == 10 || base == 16, "unsupported base");
  if (digits.empty()) return std::nullopt;
  auto value_of = [base](char c) -> int {
    int d = c >= '0' && c <= '9'   ? c - '0'
            : c >= 'a' && c <= 'z' ? c - 'a' + 10
            : c >= 'A' && c <= 'Z' ? c - 'A' + 10
                                   : 99;
    return d < base ? d : -1;
  };
  Mag mag;
  if (base == 10) {
    // Chunks of up to 9 digits: 10^9 < 2^32.
    size_t first = digits.size() % 9 == 0 ? 9 : digits.size() % 9;
    for (size_t pos = 0; pos < digits.size();) {
      size_t len = pos == 0 ? first : 9;
      uint32_t chunk = 0, scale = 1;
      for (size_t k = 0; k < len; ++k) {
        int d = value_of(digits[pos + k]);
        if (d < 0) return std::nullopt;
        chunk = chunk * 10 + static_cast<uint32_t>(d);
        scale *= 10;
      }
      mul_add_small(mag, scale, chunk);
      pos += len;
    }
  } else {
    // Power-of-two bases: pack bits directly, least significant digit first.
    int bits = base == 2 ? 1 : base == 8 ? 3 : 4;
    uint64_t acc = 0;
    int acc_bits = 0;
    for (size_t k = digits.size(); k-- > 0;) {
      int d = value_of(digits[k]);
      if (d < 0) return std::nullopt;
      acc |= static_cast<uint64_t>(d) << acc_bits;
      acc_bits += bits;
      if (acc_bits >= 32) {
        mag.push_back(static_cast<uint32_t>(acc));
        acc >>= 32;
        acc_bits -= 32;
      }
    }
    mag.push_back(static_cast<uint32_t>(acc));
  }
  return BigInt(1, std::move(mag));
}

bool BigInt::fits_int64() const {
  if (mag_.size() > 2) return false;
  uint64_t u = mag_.empty() ? 0 : mag_[0];
  if (mag_.size() == 2) u |= uint64_t{mag_[1]} << 32;
  return sign_ < 0 ? u <= (uint64_t{1} << 63) : u < (uint64_t{1} << 63);
}

int64_t BigInt::to_int64() const {
  GILSIM_ASSERT(fits_int64(), "to_int64 of an int that does not fit");
  uint64_t u = mag_.empty() ? 0 : mag_[0];
  if (mag_.size() == 2) u |= uint64_t{mag_[1]} << 32;
  // Modular conversion (defined since C++20) maps 2^63 to INT64_MIN.
  return static_cast<int64_t>(sign_ < 0 ? 0 - u : u);
}

std::optional<double> BigInt::to_double() const {
  if (sign_ == 0) return 0.0;
  uint64_t bits = bit_length();
  double mag;
  if (bits <= 53) {
    uint64_t u = mag_[0];
    if (mag_.size() == 2) u |= uint64_t{mag_[1]} << 32;
    mag = static_cast<double>(u);  // exact
  } else {
    // Keep 54 bits (53 + a rounding bit) and whether anything below them is
    // set, then round half to even as CPython's _PyLong_Frexp does.
    uint64_t shift = bits - 54;
    bool sticky;
    Mag top = shr_mag(mag_, shift, sticky);
    uint64_t x = top[0] | (top.size() > 1 ? uint64_t{top[1]} << 32 : 0);
    uint64_t q = x >> 1;
    if ((x & 1) && (sticky || (q & 1))) ++q;
    if (q == uint64_t{1} << 53) {
      q >>= 1;
      ++shift;
    }
    // |value| = q * 2^(shift+1) with 2^52 <= q < 2^53: it needs
    // shift + 54 bits, and doubles hold at most 1024.
    if (shift + 54 > 1024) return std::nullopt;
    mag = std::ldexp(static_cast<double>(q), static_cast<int>(shift + 1));
  }
  return sign_ < 0 ? -mag : mag;
}

uint64_t BigInt::bit_length() const {
  if (mag_.empty()) return 0;
  return 32 * (mag_.size() - 1) + static_cast<uint64_t>(bit_width32(mag_.back()));
}

std::string BigInt::to_string() const {
  if (sign_ == 0) return "0";
  // Peel off base-10^9 chunks, least significant first.
  Mag rest = mag_;
  std::vector<uint32_t> chunks;
  chunks.reserve(mag_.size() * 32 / 29 + 1);
  while (!rest.empty()) chunks.push_back(div_small(rest, 1000000000u));
  std::string out = sign_ < 0 ? "-" : "";
  out += std::to_string(chunks.back());
  for (size_t i = chunks.size() - 1; i-- > 0;) {
    std::string c = std::to_string(chunks[i]);
    out.append(9 - c.size(), '0');
    out += c;
  }
  return out;
}

int64_t BigInt::py_hash() const {
  // CPython's long_hash: |value| mod P, P = 2^61 - 1, negated for negative
  // values.  Multiplying by 2^32 mod P is a 61-bit rotation by 32.
  constexpr uint64_t P = (uint64_t{1} << 61) - 1;
  uint64_t h = 0;
  for (size_t i = mag_.size(); i-- > 0;) {
    h = ((h << 32) & P) | (h >> 29);
    h += mag_[i];
    if (h >= P) h -= P;
  }
  int64_t r = static_cast<int64_t>(h);
  if (sign_ < 0) r = -r;
  return r == -1 ? -2 : r;  // -1 is the C-level error return
}

BigInt BigInt::operator-() const {
  BigInt r = *this;
  r.sign_ = -r.sign_;
  return r;
}

BigInt BigInt::operator~() const { return -(*this + BigInt(1)); }

BigInt operator+(const BigInt& a, const BigInt& b) {
  if (a.sign_ == 0) return b;
  if (b.sign_ == 0) return a;
  if (a.sign_ == b.sign_) return BigInt(a.sign_, add_mag(a.mag_, b.mag_));
  int c = cmp_mag(a.mag_, b.mag_);
  if (c == 0) return BigInt();
  return c > 0 ? BigInt(a.sign_, sub_mag(a.mag_, b.mag_)) : BigInt(b.sign_, sub_mag(b.mag_, a.mag_));
}

BigInt operator-(const BigInt& a, const BigInt& b) { return a + (-b); }

BigInt operator*(const BigInt& a, const BigInt& b) {
  return BigInt(a.sign_ * b.sign_, mul_mag(a.mag_, b.mag_));
}

namespace {

// Applies `op` limb-wise to the two's complement forms of a and b.
template <class Op>
Mag bitwise(int sa, const Mag& a, int sb, const Mag& b, Op op, int& sign) {
  size_t len = std::max(a.size(), b.size()) + 1;
  Mag x = to_twos(sa, a, len);
  Mag y = to_twos(sb, b, len);
  for (size_t i = 0; i < len; ++i) x[i] = op(x[i], y[i]);
  sign = (x.back() >> 31) ? -1 : 1;
  if (sign < 0) x = to_twos(-1, x, len);  // |negative| = two's complement of it
  return x;
}

}  // namespace

BigInt operator&(const BigInt& a, const BigInt& b) {
  int sign;
  Mag m = bitwise(a.sign_, a.mag_, b.sign_, b.mag_, std::bit_and<uint32_t>(), sign);
  return BigInt(sign, std::move(m));
}

BigInt operator|(const BigInt& a, const BigInt& b) {
  int sign;
  Mag m = bitwise(a.sign_, a.mag_, b.sign_, b.mag_, std::bit_or<uint32_t>(), sign);
  return BigInt(sign, std::move(m));
}

BigInt operator^(const BigInt& a, const BigInt& b) {
  int sign;
  Mag m = bitwise(a.sign_, a.mag_, b.sign_, b.mag_, std::bit_xor<uint32_t>(), sign);
  return BigInt(sign, std::move(m));
}

BigInt::DivMod BigInt::divmod(const BigInt& a, const BigInt& b) {
  GILSIM_ASSERT(b.sign_ != 0, "BigInt division by zero");
  Mag q, r;
  divmod_mag(a.mag_, b.mag_, q, r);
  if (a.sign_ == b.sign_ || r.empty()) {
    // Truncation and floor agree; the remainder keeps a's sign, which is
    // b's sign or irrelevant (zero).
    return {BigInt(a.sign_ * b.sign_, std::move(q)), BigInt(a.sign_, std::move(r))};
  }
  // Signs differ and the division is inexact: floor is one below the
  // truncated quotient, and the remainder moves to b's side.
  return {BigInt(-1, add_mag(q, Mag{1})), BigInt(b.sign_, sub_mag(b.mag_, r))};
}

BigInt BigInt::floordiv(const BigInt& a, const BigInt& b) { return divmod(a, b).q; }

BigInt BigInt::mod(const BigInt& a, const BigInt& b) { return divmod(a, b).r; }

BigInt BigInt::pow(const BigInt& a, uint64_t e) {
  // Square and multiply, low bit first.
  BigInt result(1);
  BigInt base = a;
  while (e != 0) {
    if (e & 1) result = result * base;
    e >>= 1;
    if (e != 0) base = base * base;
  }
  return result;
}

BigInt BigInt::shl(const BigInt& a, uint64_t n) { return BigInt(a.sign_, shl_mag(a.mag_, n)); }

BigInt BigInt::shr(const BigInt& a, uint64_t n) {
  bool lost;
  Mag m = shr_mag(a.mag_, n, lost);
  // Floor for negative values: -(|a| >> n) rounds toward zero, so one more
  // step down when bits were lost (-1 >> 5 == -1).
  if (a.sign_ < 0 && lost) m = add_mag(m, Mag{1});
  return BigInt(a.sign_, std::move(m));
}

std::strong_ordering operator<=>(const BigInt& a, const BigInt& b) {
  if (a.sign_ != b.sign_) return a.sign_ <=> b.sign_;
  int c = cmp_mag(a.mag_, b.mag_);
  if (a.sign_ < 0) c = -c;
  return c <=> 0;
}

// int / int as CPython's long_true_divide: the exact quotient correctly
// rounded (round-half-even) to a double, subnormals included; nullopt for
// ZeroDivisionError and for OverflowError (quotient too large for a float).
std::optional<double> int_true_divide(const BigInt& a, const BigInt& b) {
  constexpr int kMantDig = 53;   // DBL_MANT_DIG
  constexpr int kMaxExp = 1024;  // DBL_MAX_EXP
  constexpr int kMinExp = -1021; // DBL_MIN_EXP
  if (b.is_zero()) return std::nullopt;
  bool negate = (a.sign() < 0) != (b.sign() < 0);
  BigInt x = a.sign() < 0 ? -a : a, y = b.sign() < 0 ? -b : b;
  if (x.is_zero()) return negate ? -0.0 : 0.0;
  // Both operands exact as doubles: one IEEE division rounds correctly.
  if (x.bit_length() <= kMantDig && y.bit_length() <= kMantDig) {
    double q = *x.to_double() / *y.to_double();
    return negate ? -q : q;
  }
  // 2**(diff-1) < x/y < 2**(diff+1).
  int64_t diff = static_cast<int64_t>(x.bit_length()) - static_cast<int64_t>(y.bit_length());
  if (diff > kMaxExp) return std::nullopt;  // overflow
  if (diff < kMinExp - kMantDig - 1) return negate ? -0.0 : 0.0;  // below half the least subnormal
  // q = floor(x / (y * 2**shift)) has kMantDig + 2 or + 3 bits (at least
  // that many below the least subnormal's bit in the subnormal range).
  int64_t shift = std::max<int64_t>(diff, kMinExp) - kMantDig - 2;
  BigInt::DivMod qr = shift >= 0 ? BigInt::divmod(x, BigInt::shl(y, static_cast<uint64_t>(shift)))
                                 : BigInt::divmod(BigInt::shl(x, static_cast<uint64_t>(-shift)), y);
  BigInt q = qr.q;
  bool inexact = !qr.r.is_zero();
  // Drop `extra` low bits of q, rounding half to even (the remainder breaks ties).
  int64_t qbits = static_cast<int64_t>(q.bit_length());
  int64_t extra = std::max<int64_t>(qbits, kMinExp - shift) - kMantDig;
  BigInt kept = BigInt::shr(q, static_cast<uint64_t>(extra));
  BigInt low = q - BigInt::shl(kept, static_cast<uint64_t>(extra));
  BigInt half = BigInt::shl(BigInt(1), static_cast<uint64_t>(extra - 1));
  auto cmp = low <=> half;
  bool odd = !(kept & BigInt(1)).is_zero();
  if (cmp > 0 || (cmp == 0 && (inexact || odd))) kept = kept + BigInt(1);
  // kept <= 2**kMantDig, so the conversion and the scaling are exact.
  double r = std::ldexp(*kept.to_double(), static_cast<int>(shift + extra));
  if (std::isinf(r)) return std::nullopt;  // overflow
  return negate ? -r : r;
}

}  // namespace vm
