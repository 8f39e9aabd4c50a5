// vm::BigInt against Python's int.  A few facts of Python's semantics are
// spelled out by hand (each checked in python3.11 when written); the bulk is
// differential: the test generates operands with a fixed seed, writes one
// python3.11 script that evaluates every expression, and compares each result
// with what BigInt computes.  Expected values always come from python3.11.
#include <gtest/gtest.h>

#include "tests/support/python.h"
#include <unistd.h>

#include <array>
#include <bit>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "vm/bigint.h"

namespace {

using vm::BigInt;

// Runs `script` with python3.11 and returns its standard output (empty when
// python3.11 could not be run).
std::string run_python(const std::string& script) {
  char path[] = "/tmp/gilsim_bigint_test_XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0) return "";
  FILE* f = fdopen(fd, "w");
  fwrite(script.data(), 1, script.size(), f);
  fclose(f);
  std::string cmd = gilsim_test::python() + " " + path;
  FILE* p = popen(cmd.c_str(), "r");
  std::string out;
  if (p != nullptr) {
    std::array<char, 65536> buf{};
    size_t n;
    while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
    pclose(p);
  }
  unlink(path);
  return out;
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::vector<std::string> split_words(const std::string& line) {
  std::vector<std::string> words;
  std::istringstream in(line);
  for (std::string w; in >> w;) words.push_back(w);
  return words;
}

// A decimal literal with an optional '-'.
BigInt dec(std::string_view s) {
  bool neg = !s.empty() && s[0] == '-';
  if (neg) s.remove_prefix(1);
  std::optional<BigInt> v = BigInt::parse(s, 10);
  EXPECT_TRUE(v.has_value()) << s;
  return neg ? -v.value_or(BigInt()) : v.value_or(BigInt());
}

BigInt two_to(uint64_t k) { return BigInt::shl(BigInt(1), k); }

// Collects mismatches of one differential run and reports the first few.
class Mismatches {
 public:
  void check(const std::string& what, const std::string& ours, const std::string& python) {
    ++checked_;
    if (ours == python) return;
    if (++count_ <= 20) ADD_FAILURE() << what << ": gilsim " << ours << ", python3.11 " << python;
  }
  int count() const { return count_; }
  int checked() const { return checked_; }

 private:
  int count_ = 0;
  int checked_ = 0;
};

// ---------------------------------------------------------------------------
// Facts of Python's int, by hand.

TEST(BigInt, Int64RoundTrip) {
  for (int64_t v : {int64_t{0}, int64_t{1}, int64_t{-1}, int64_t{4294967295}, int64_t{4294967296},
                    int64_t{-4294967296}, std::numeric_limits<int64_t>::max(),
                    std::numeric_limits<int64_t>::min()}) {
    BigInt b(v);
    EXPECT_TRUE(b.fits_int64()) << v;
    EXPECT_EQ(b.to_int64(), v);
    EXPECT_EQ(b.to_string(), std::to_string(v));
    EXPECT_EQ(b.sign(), v < 0 ? -1 : v > 0 ? 1 : 0);
  }
  EXPECT_FALSE(two_to(63).fits_int64());
  EXPECT_TRUE((-two_to(63)).fits_int64());
  EXPECT_FALSE((-two_to(63) - BigInt(1)).fits_int64());
  EXPECT_TRUE(BigInt().is_zero());
  EXPECT_EQ(BigInt(), BigInt(0));
}

TEST(BigInt, Parse) {
  EXPECT_EQ(BigInt::parse("ff", 16), BigInt(255));
  EXPECT_EQ(BigInt::parse("FF", 16), BigInt(255));
  EXPECT_EQ(BigInt::parse("777", 8), BigInt(511));
  EXPECT_EQ(BigInt::parse("101", 2), BigInt(5));
  EXPECT_EQ(BigInt::parse("000", 10), BigInt(0));
  EXPECT_EQ(BigInt::parse("0000000000000000000000000001", 10), BigInt(1));
  EXPECT_EQ(BigInt::parse("18446744073709551616", 10), two_to(64));
  EXPECT_EQ(BigInt::parse("10000000000000000", 16), two_to(64));
  EXPECT_FALSE(BigInt::parse("", 10));
  EXPECT_FALSE(BigInt::parse("12a", 10));
  EXPECT_FALSE(BigInt::parse("2", 2));
  EXPECT_FALSE(BigInt::parse("8", 8));
  EXPECT_FALSE(BigInt::parse("g", 16));
  EXPECT_FALSE(BigInt::parse("-1", 10));
  EXPECT_FALSE(BigInt::parse("1_000", 10));
}

TEST(BigInt, FloorDivisionAndModulo) {
  struct Case {
    int64_t a, b, q, r;
  };
  // python3.11: divmod(a, b)
  for (Case c : {Case{7, 2, 3, 1}, Case{-7, 2, -4, 1}, Case{7, -2, -4, -1}, Case{-7, -2, 3, -1},
                 Case{-6, 3, -2, 0}, Case{0, -5, 0, 0}, Case{1, 1000, 0, 1},
                 Case{-1, 1000, -1, 999}}) {
    EXPECT_EQ(BigInt::floordiv(c.a, c.b), BigInt(c.q)) << c.a << " // " << c.b;
    EXPECT_EQ(BigInt::mod(c.a, c.b), BigInt(c.r)) << c.a << " % " << c.b;
    BigInt::DivMod d = BigInt::divmod(c.a, c.b);
    EXPECT_EQ(d.q, BigInt(c.q));
    EXPECT_EQ(d.r, BigInt(c.r));
  }
}

TEST(BigInt, ShiftsFloor) {
  EXPECT_EQ(BigInt::shr(-1, 5), BigInt(-1));
  EXPECT_EQ(BigInt::shr(-32, 5), BigInt(-1));
  EXPECT_EQ(BigInt::shr(-33, 5), BigInt(-2));
  EXPECT_EQ(BigInt::shr(-two_to(100), 1000), BigInt(-1));
  EXPECT_EQ(BigInt::shr(two_to(100), 1000), BigInt(0));
  EXPECT_EQ(BigInt::shr(two_to(100), 100), BigInt(1));
  EXPECT_EQ(BigInt::shl(-3, 64), -two_to(64) * BigInt(3));
  EXPECT_EQ(BigInt::shl(0, 1000), BigInt(0));
}

TEST(BigInt, BitwiseTwosComplement) {
  EXPECT_EQ(BigInt(-6) | BigInt(3), BigInt(-5));
  EXPECT_EQ(BigInt(-12) ^ BigInt(7), BigInt(-13));
  EXPECT_EQ(BigInt(-1) & BigInt(5), BigInt(5));
  EXPECT_EQ(~BigInt(0), BigInt(-1));
  EXPECT_EQ(~BigInt(-5), BigInt(4));
  EXPECT_EQ(-two_to(64) & (two_to(64) - BigInt(1)), BigInt(0));
}

TEST(BigInt, Hash) {
  EXPECT_EQ(BigInt(-1).py_hash(), -2);
  EXPECT_EQ(BigInt(-2).py_hash(), -2);
  EXPECT_EQ((two_to(61) - BigInt(1)).py_hash(), 0);
  EXPECT_EQ(two_to(61).py_hash(), 1);
  EXPECT_EQ((-two_to(61)).py_hash(), -2);
  EXPECT_EQ(BigInt(0).py_hash(), 0);
}

TEST(BigInt, ToDoubleRoundsHalfEvenAndOverflows) {
  EXPECT_EQ(*(two_to(53) + BigInt(1)).to_double(), 9007199254740992.0);
  EXPECT_EQ(*(two_to(53) + BigInt(3)).to_double(), 9007199254740996.0);
  EXPECT_EQ(*(two_to(1024) - two_to(970) - BigInt(1)).to_double(),
            std::numeric_limits<double>::max());
  EXPECT_FALSE((two_to(1024) - two_to(970)).to_double());
  EXPECT_FALSE(two_to(1024).to_double());
  EXPECT_EQ(*(-two_to(1023)).to_double(), -std::ldexp(1.0, 1023));
  EXPECT_EQ(*BigInt(0).to_double(), 0.0);
}

TEST(BigInt, PowEdgeCases) {
  EXPECT_EQ(BigInt::pow(0, 0), BigInt(1));
  EXPECT_EQ(BigInt::pow(0, 5), BigInt(0));
  EXPECT_EQ(BigInt::pow(-1, 1000001), BigInt(-1));
  EXPECT_EQ(BigInt::pow(-1, 1000000), BigInt(1));
  EXPECT_EQ(BigInt::pow(-2, 63), -two_to(63));
  EXPECT_EQ(BigInt::pow(2, 200).bit_length(), 201u);
}

TEST(BigInt, Ordering) {
  EXPECT_LT(BigInt(-5), BigInt(-4));
  EXPECT_LT(-two_to(64), BigInt(-1));
  EXPECT_LT(BigInt(-1), BigInt(0));
  EXPECT_LT(BigInt(0), two_to(64));
  EXPECT_GT(two_to(65), two_to(64));
  EXPECT_EQ(two_to(64) <=> two_to(64), std::strong_ordering::equal);
}

// ---------------------------------------------------------------------------
// Differential tests against python3.11.

// An operand: the same value as a Python expression and as a BigInt.
struct Operand {
  std::string py;
  BigInt value;
};

std::string hex_of_limbs(const std::vector<uint32_t>& limbs) {
  std::string s;
  char buf[16];
  for (size_t i = limbs.size(); i-- > 0;) {
    std::snprintf(buf, sizeof buf, "%08x", limbs[i]);
    s += buf;
  }
  return s;
}

// Random operands: random limb counts and limbs that are either random or
// drawn from patterns that stress carries and Knuth D's correction steps.
std::vector<Operand> random_operands(std::mt19937_64& rng, int n) {
  static constexpr uint32_t kPatterns[] = {0,          1,          2,          0x7FFFFFFF,
                                           0x80000000, 0x80000001, 0xFFFFFFFE, 0xFFFFFFFF};
  static constexpr int kSizes[] = {0, 1, 1, 1, 2, 2, 2, 3, 3, 4, 5, 6, 8, 11, 16, 23, 34};
  std::vector<Operand> ops;
  for (int k = 0; k < n; ++k) {
    int size = kSizes[rng() % std::size(kSizes)];
    bool patterned = rng() % 2 == 0;
    std::vector<uint32_t> limbs;
    for (int i = 0; i < size; ++i) {
      uint32_t limb = static_cast<uint32_t>(rng());
      if (patterned && rng() % 4 != 0) limb = kPatterns[rng() % std::size(kPatterns)];
      if (rng() % 8 == 0) limb >>= rng() % 32;
      limbs.push_back(limb);
    }
    bool neg = rng() % 2 == 0;
    if (limbs.empty()) {
      ops.push_back({"0", BigInt()});
      continue;
    }
    std::string hex = hex_of_limbs(limbs);
    BigInt v = *BigInt::parse(hex, 16);
    ops.push_back({(neg ? "-0x" : "0x") + hex, neg ? -v : v});
  }
  return ops;
}

// Values at the edges: powers of two and ten, int64 limits, to_double ties
// and the overflow boundary.
std::vector<Operand> special_operands() {
  std::vector<Operand> ops;
  auto add = [&ops](const std::string& py, const BigInt& v) {
    ops.push_back({py, v});
    ops.push_back({"-(" + py + ")", -v});
  };
  for (uint64_t k : {0, 1, 31, 32, 33, 52, 53, 54, 63, 64, 65, 96, 127, 128, 1023, 1024, 1025}) {
    std::string p = "2**" + std::to_string(k);
    add(p, two_to(k));
    add(p + "-1", two_to(k) - BigInt(1));
    add(p + "+1", two_to(k) + BigInt(1));
  }
  for (uint64_t k : {9, 18, 19, 27, 36, 100}) {
    std::string p = "10**" + std::to_string(k);
    BigInt t = BigInt::pow(10, k);
    add(p, t);
    add(p + "-1", t - BigInt(1));
  }
  add("(2**53+1)<<970", BigInt::shl(two_to(53) + BigInt(1), 970));
  add("(2**53+1)<<971", BigInt::shl(two_to(53) + BigInt(1), 971));
  add("(2**53+3)<<100", BigInt::shl(two_to(53) + BigInt(3), 100));
  add("(2**54+3)<<7", BigInt::shl(two_to(54) + BigInt(3), 7));
  add("((2**53+1)<<40)+1", BigInt::shl(two_to(53) + BigInt(1), 40) + BigInt(1));
  add("2**1024-2**970", two_to(1024) - two_to(970));
  add("2**1024-2**970-1", two_to(1024) - two_to(970) - BigInt(1));
  add("2**1024-2**971", two_to(1024) - two_to(971));
  add("2**61-1", two_to(61) - BigInt(1));
  add("2**61-2", two_to(61) - BigInt(2));
  add("2**122-1", two_to(122) - BigInt(1));
  add("3**500", BigInt::pow(3, 500));
  return ops;
}

std::string float_bits(const BigInt& v) {
  std::optional<double> d = v.to_double();
  return d ? std::to_string(std::bit_cast<uint64_t>(*d)) : "overflow";
}

TEST(BigIntVsPython, EveryOperation) {
  std::mt19937_64 rng(0x9111'2024);
  std::vector<Operand> ops = special_operands();
  for (Operand& o : random_operands(rng, 400)) ops.push_back(std::move(o));
  constexpr uint64_t kShifts[] = {0, 1, 5, 31, 32, 33, 63, 64, 65, 100, 1000};
  constexpr uint64_t kPowers[] = {0, 1, 2, 3, 5, 13};
  std::vector<std::pair<size_t, size_t>> pairs;
  for (int k = 0; k < 6000; ++k) pairs.emplace_back(rng() % ops.size(), rng() % ops.size());
  for (size_t k = 0; k < ops.size(); ++k) pairs.emplace_back(k, k);

  std::string script =
      "import struct, sys\n"
      "sys.set_int_max_str_digits(0)\n"
      "def fbits(x):\n"
      "    try:\n"
      "        return str(struct.unpack('<Q', struct.pack('<d', float(x)))[0])\n"
      "    except OverflowError:\n"
      "        return 'overflow'\n"
      "ops = [\n";
  for (const Operand& o : ops) script += "  " + o.py + ",\n";
  script += "]\npairs = [\n";
  for (auto [i, j] : pairs) script += "  (" + std::to_string(i) + "," + std::to_string(j) + "),\n";
  script += "]\n";
  script += "shifts = [";
  for (uint64_t s : kShifts) script += std::to_string(s) + ",";
  script += "]\npowers = [";
  for (uint64_t e : kPowers) script += std::to_string(e) + ",";
  script +=
      "]\n"
      "for a in ops:\n"
      "    w = [str(a), str(a.bit_length()), str(hash(a)), fbits(a), str(-a), str(~a),\n"
      "         '1' if -2**63 <= a < 2**63 else '0']\n"
      "    w += [str(a << s) for s in shifts] + [str(a >> s) for s in shifts]\n"
      "    w += [str(a ** e) if a.bit_length() <= 300 else '-' for e in powers]\n"
      "    print(' '.join(w))\n"
      "for i, j in pairs:\n"
      "    a, b = ops[i], ops[j]\n"
      "    w = [str(a + b), str(a - b), str(a * b), str(a & b), str(a | b), str(a ^ b),\n"
      "         str((a > b) - (a < b))]\n"
      "    w += [str(a // b), str(a % b)] if b else ['-', '-']\n"
      "    print(' '.join(w))\n";
  std::vector<std::string> lines = split_lines(run_python(script));
  ASSERT_EQ(lines.size(), ops.size() + pairs.size()) << "python3.11 is needed for this test";

  static const char* const kOpNames[] = {"str", "bit_length", "hash", "float", "neg", "invert",
                                         "fits_int64"};
  Mismatches m;
  for (size_t k = 0; k < ops.size(); ++k) {
    const BigInt& a = ops[k].value;
    std::vector<std::string> ours = {a.to_string(),
                                     std::to_string(a.bit_length()),
                                     std::to_string(a.py_hash()),
                                     float_bits(a),
                                     (-a).to_string(),
                                     (~a).to_string(),
                                     a.fits_int64() ? "1" : "0"};
    std::vector<std::string> names(std::begin(kOpNames), std::end(kOpNames));
    for (uint64_t s : kShifts) {
      ours.push_back(BigInt::shl(a, s).to_string());
      names.push_back("<< " + std::to_string(s));
    }
    for (uint64_t s : kShifts) {
      ours.push_back(BigInt::shr(a, s).to_string());
      names.push_back(">> " + std::to_string(s));
    }
    for (uint64_t e : kPowers) {
      ours.push_back(a.bit_length() <= 300 ? BigInt::pow(a, e).to_string() : "-");
      names.push_back("** " + std::to_string(e));
    }
    if (a.fits_int64()) {
      EXPECT_EQ(BigInt(a.to_int64()), a);
    }
    std::vector<std::string> py = split_words(lines[k]);
    ASSERT_EQ(py.size(), ours.size()) << lines[k];
    for (size_t w = 0; w < ours.size(); ++w) m.check(ops[k].py + " " + names[w], ours[w], py[w]);
    // The decimal text python printed parses back to the same value.
    m.check(ops[k].py + " parse", BigInt::parse(py[0][0] == '-' ? py[0].substr(1) : py[0], 10)
                                          .value_or(BigInt(12345))
                                          .to_string(),
            py[0][0] == '-' ? py[0].substr(1) : py[0]);
  }
  static const char* const kPairNames[] = {"+", "-", "*", "&", "|", "^", "cmp", "//", "%"};
  for (size_t k = 0; k < pairs.size(); ++k) {
    const BigInt& a = ops[pairs[k].first].value;
    const BigInt& b = ops[pairs[k].second].value;
    std::strong_ordering c = a <=> b;
    std::vector<std::string> ours = {(a + b).to_string(), (a - b).to_string(),
                                     (a * b).to_string(), (a & b).to_string(),
                                     (a | b).to_string(), (a ^ b).to_string(),
                                     c < 0 ? "-1" : c > 0 ? "1" : "0"};
    if (b.is_zero()) {
      ours.insert(ours.end(), {"-", "-"});
    } else {
      BigInt::DivMod d = BigInt::divmod(a, b);
      EXPECT_EQ(d.q, BigInt::floordiv(a, b));
      EXPECT_EQ(d.r, BigInt::mod(a, b));
      ours.insert(ours.end(), {d.q.to_string(), d.r.to_string()});
    }
    std::vector<std::string> py = split_words(lines[ops.size() + k]);
    ASSERT_EQ(py.size(), ours.size());
    for (size_t w = 0; w < ours.size(); ++w)
      m.check(ops[pairs[k].first].py + " " + kPairNames[w] + " " + ops[pairs[k].second].py,
              ours[w], py[w]);
  }
  EXPECT_EQ(m.count(), 0) << "of " << m.checked() << " results";
  EXPECT_GT(m.checked(), 60000);
}

// Numbers of thousands of limbs: division of long by long, and decimal
// conversion both ways of 10,000-digit and larger numbers.
TEST(BigIntVsPython, LargeOperands) {
  struct Expr {
    std::string py;
    BigInt value;
  };
  BigInt a = BigInt::pow(7, 12000) + BigInt::pow(3, 5000);   // ~10,150 digits
  BigInt b = BigInt::pow(-11, 2501) - BigInt(12345);         // ~2,600 digits
  BigInt c = BigInt::shl(BigInt(1), 40000) - BigInt(1);      // 1250 limbs of ones
  std::string pa = "(7**12000 + 3**5000)", pb = "((-11)**2501 - 12345)", pc = "(2**40000 - 1)";
  std::vector<Expr> exprs = {
      {pa, a},
      {pb, b},
      {pc, c},
      {pa + "*" + pb, a * b},
      {pa + "//" + pb, BigInt::floordiv(a, b)},
      {pa + "%" + pb, BigInt::mod(a, b)},
      {pc + "//" + pb, BigInt::floordiv(c, b)},
      {pc + "%" + pb, BigInt::mod(c, b)},
      {pa + "//" + pc, BigInt::floordiv(a, c)},
      {pa + "%" + pc, BigInt::mod(a, c)},
      {pa + "&" + pb, a & b},
      {pa + "^" + pc, a ^ c},
      {pa + ">>12345", BigInt::shr(a, 12345)},
      {pb + ">>4321", BigInt::shr(b, 4321)},
  };
  std::string script = "import sys\nsys.set_int_max_str_digits(0)\n";
  for (const Expr& e : exprs) script += "print(" + e.py + ")\n";
  std::vector<std::string> lines = split_lines(run_python(script));
  ASSERT_EQ(lines.size(), exprs.size()) << "python3.11 is needed for this test";
  for (size_t k = 0; k < exprs.size(); ++k) {
    auto start = std::chrono::steady_clock::now();
    std::string ours = exprs[k].value.to_string();
    BigInt back = dec(lines[k]);
    auto elapsed = std::chrono::steady_clock::now() - start;
    EXPECT_EQ(ours, lines[k]) << exprs[k].py;
    EXPECT_EQ(back, exprs[k].value) << exprs[k].py;
    // Quadratic conversion of ~10^4 digits takes milliseconds; this bound
    // only catches an accidental cubic algorithm, even under sanitizers.
    EXPECT_LT(std::chrono::duration<double>(elapsed).count(), 5.0) << exprs[k].py;
  }
}

}  // namespace
