// vm::Constant: truth values and constant-cache keys by hand (CPython 3.11's
// rules, each checked in python3.11 when written), and every repr against
// python3.11 itself: strings (every code point's printability included),
// floats, bytes and nested tuples.  Expected text always comes from python3.11.
#include <gtest/gtest.h>

#include "tests/support/python.h"
#include <unistd.h>

#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "vm/code.h"
#include "vm/constant.h"

namespace {

using vm::BigInt;
using vm::Constant;

// Runs `script` with python3.11 and returns its standard output (empty when
// python3.11 could not be run).
std::string run_python(const std::string& script) {
  char path[] = "/tmp/gilsim_constant_test_XXXXXX";
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

std::string to_hex(const std::string& raw) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : raw) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

std::string from_hex(const std::string& hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2)
    out += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  return out;
}

// Generalized UTF-8: surrogates encode as three bytes, as Python's
// 'surrogatepass' error handler does.
std::string utf8(uint32_t cp) {
  std::string out;
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
  return out;
}

Constant i(int64_t v) { return Constant::integer(BigInt(v)); }
Constant tup(std::vector<Constant> v) { return Constant::tuple(std::move(v)); }

std::shared_ptr<const vm::Code> make_code(const std::string& name, int line, uint64_t id) {
  auto code = std::make_shared<vm::Code>();
  code->name = name;
  code->filename = "p.py";
  code->firstlineno = line;
  code->id = id;
  return code;
}

// ---------------------------------------------------------------------------
// By hand.

TEST(Constant, Truthy) {
  EXPECT_FALSE(Constant::none().truthy());
  EXPECT_FALSE(Constant::boolean(false).truthy());
  EXPECT_TRUE(Constant::boolean(true).truthy());
  EXPECT_FALSE(i(0).truthy());
  EXPECT_TRUE(i(-1).truthy());
  EXPECT_TRUE(Constant::integer(BigInt::shl(1, 100)).truthy());
  EXPECT_FALSE(Constant::floating(0.0).truthy());
  EXPECT_FALSE(Constant::floating(-0.0).truthy());
  EXPECT_TRUE(Constant::floating(std::nan("")).truthy());
  EXPECT_TRUE(Constant::floating(1e-300).truthy());
  EXPECT_FALSE(Constant::complex(-0.0, 0.0).truthy());
  EXPECT_TRUE(Constant::complex(0.0, 1e-300).truthy());
  EXPECT_TRUE(Constant::complex(1.0, 0.0).truthy());
  EXPECT_FALSE(Constant::str("").truthy());
  EXPECT_TRUE(Constant::str("0").truthy());
  EXPECT_FALSE(Constant::bytes("").truthy());
  EXPECT_TRUE(Constant::bytes(std::string(1, '\0')).truthy());
  EXPECT_TRUE(Constant::ellipsis().truthy());
  EXPECT_FALSE(tup({}).truthy());
  EXPECT_TRUE(tup({Constant::none()}).truthy());
  EXPECT_TRUE(Constant::code_object(make_code("f", 1, 0)).truthy());
}

TEST(Constant, SameKeySeparatesTypesAndFloatBits) {
  // co_consts of `def f(): return (0, 0.0, False, -0.0)` keeps all four.
  std::vector<Constant> zeros = {i(0), Constant::floating(0.0), Constant::boolean(false),
                                 Constant::floating(-0.0), Constant::str(""), Constant::bytes(""),
                                 tup({}), Constant::none(), Constant::ellipsis()};
  for (size_t a = 0; a < zeros.size(); ++a)
    for (size_t b = 0; b < zeros.size(); ++b)
      EXPECT_EQ(zeros[a].same_key(zeros[b]), a == b) << a << " vs " << b;
  EXPECT_TRUE(i(7).same_key(i(7)));
  EXPECT_FALSE(i(7).same_key(i(8)));
  EXPECT_FALSE(i(1).same_key(Constant::boolean(true)));
  EXPECT_TRUE(Constant::floating(1.5).same_key(Constant::floating(1.5)));
  double nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_TRUE(Constant::floating(nan).same_key(Constant::floating(nan)));
  EXPECT_FALSE(Constant::str("a").same_key(Constant::bytes("a")));
  EXPECT_TRUE(Constant::str("a").same_key(Constant::str("a")));
  EXPECT_TRUE(tup({i(1), Constant::str("x")}).same_key(tup({i(1), Constant::str("x")})));
  EXPECT_FALSE(tup({i(1)}).same_key(tup({Constant::boolean(true)})));
  EXPECT_FALSE(tup({Constant::floating(0.0)}).same_key(tup({Constant::floating(-0.0)})));
  EXPECT_FALSE(tup({i(1)}).same_key(tup({i(1), i(1)})));
  EXPECT_TRUE(tup({tup({i(1)})}).same_key(tup({tup({i(1)})})));
  // Complex numbers: both parts by bit pattern, never equal to a float.
  EXPECT_TRUE(Constant::complex(1.0, 2.0).same_key(Constant::complex(1.0, 2.0)));
  EXPECT_FALSE(Constant::complex(0.0, 0.0).same_key(Constant::complex(-0.0, 0.0)));
  EXPECT_FALSE(Constant::complex(0.0, 0.0).same_key(Constant::complex(0.0, -0.0)));
  EXPECT_FALSE(Constant::complex(1.0, 0.0).same_key(Constant::floating(1.0)));
  // Code objects structurally, as CPython 3.11's code_richcompare: the id
  // (fake address), qualname and filename do not matter; name, first line,
  // code, constants and positions do.
  auto f = make_code("f", 1, 0);
  EXPECT_TRUE(Constant::code_object(f).same_key(Constant::code_object(f)));
  auto g = std::make_shared<vm::Code>(*f);
  g->id = 7;
  g->qualname = "C.f";
  g->filename = "q.py";
  EXPECT_TRUE(Constant::code_object(f).same_key(Constant::code_object(g)));
  EXPECT_FALSE(Constant::code_object(f).same_key(Constant::code_object(make_code("g", 1, 0))));
  EXPECT_FALSE(Constant::code_object(f).same_key(Constant::code_object(make_code("f", 2, 0))));
  auto h = std::make_shared<vm::Code>(*f);
  h->consts.push_back(i(1));
  EXPECT_FALSE(Constant::code_object(f).same_key(Constant::code_object(h)));
  auto k = std::make_shared<vm::Code>(*h);
  k->consts[0] = Constant::boolean(true);
  EXPECT_FALSE(Constant::code_object(h).same_key(Constant::code_object(k)));
  auto p = std::make_shared<vm::Code>(*f);
  p->code.push_back(vm::CodeUnit{151, 0});
  p->positions.push_back(vm::Position{1, 1, 0, 4});
  auto q = std::make_shared<vm::Code>(*p);
  q->positions[0].end_col = 5;
  EXPECT_FALSE(Constant::code_object(p).same_key(Constant::code_object(q)));
}

TEST(Constant, ReprOfCodeObjectsUsesReprCode) {
  auto f = make_code("f", 3, 2);
  EXPECT_EQ(repr(Constant::code_object(f)), vm::repr_code(*f));
  std::string r = repr(tup({Constant::code_object(f), i(1)}));
  EXPECT_EQ(r, "(" + vm::repr_code(*f) + ", 1)");
  EXPECT_EQ(r.rfind("(<code object f at 0x", 0), 0u) << r;
  EXPECT_NE(r.find(", file \"p.py\", line 3>, 1)"), std::string::npos) << r;
}

// ---------------------------------------------------------------------------
// Against python3.11.

// Every non-ASCII code point: printable ones print as themselves, the others
// escaped; and the exact repr of every boundary of the non-printable ranges,
// of its neighbours and of a sample of the rest.
TEST(ConstantVsPython, ReprStrEveryCodePoint) {
  std::string out = run_python(
      "import sys\n"
      "bits = ''.join('1' if chr(c).isprintable() else '0' for c in range(0x80, 0x110000))\n"
      "print(bits)\n"
      "sample = set(range(0x80, 0x110000, 997))\n"
      "for c in range(0x80, 0x110000):\n"
      "    if chr(c).isprintable() != chr(c - 1).isprintable():\n"
      "        sample.update((c - 2, c - 1, c, c + 1))\n"
      "for c in sorted(x for x in sample if 0x80 <= x < 0x110000):\n"
      "    print(c, repr(chr(c)).encode('utf-8').hex())\n");
  std::vector<std::string> lines = split_lines(out);
  ASSERT_GT(lines.size(), 1000u) << "python3.11 is needed for this test";
  const std::string& bits = lines[0];
  ASSERT_EQ(bits.size(), 0x110000u - 0x80u);
  int wrong = 0;
  for (uint32_t cp = 0x80; cp < 0x110000; ++cp) {
    std::string r = vm::repr_str(utf8(cp));
    bool escaped = r.size() > 1 && r[1] == '\\';
    bool printable = bits[cp - 0x80] == '1';
    if (escaped == printable && ++wrong <= 20)
      ADD_FAILURE() << "U+" << std::hex << cp << " printable in python3.11: " << printable
                    << ", gilsim repr " << r;
  }
  EXPECT_EQ(wrong, 0);
  for (size_t k = 1; k < lines.size(); ++k) {
    std::istringstream in(lines[k]);
    uint32_t cp;
    std::string hex;
    in >> cp >> hex;
    EXPECT_EQ(vm::repr_str(utf8(cp)), from_hex(hex)) << "U+" << std::hex << cp;
  }
}

TEST(ConstantVsPython, ReprStrTrickyStrings) {
  std::vector<std::string> strings = {
      "",
      "a",
      "'",
      "\"",
      "'\"",
      "it's",
      "say \"hi\"",
      "both ' and \"",
      "\\",
      "\\'",
      "back\\slash\\\"",
      "\n\r\t",
      std::string("nul\0byte", 8),
      "\x01\x02\x1b\x1f\x7f",
      " ~",
      "caf\xc3\xa9",
      "\xc2\x80\xc2\x9f\xc2\xa0\xc2\xa1\xc2\xad\xc3\xbf",
      "\xe2\x80\xa8\xe2\x80\xa9",
      "\xe2\x80\x8b zero width",
      "\xef\xbb\xbf bom",
      "\xe3\x80\x80 ideographic space",
      "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e",
      "\xf0\x9f\x98\x80 emoji \xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd",
      "\xf0\x9f\x87\xab\xf0\x9f\x87\xb7",
      "\xe2\x80\x8d",
      "\xee\x80\x80 private use",
      "\xef\xbf\xbe\xef\xbf\xbf",
      "\xf3\xa0\x80\x81 tag",
      "\xf4\x8f\xbf\xbf",
      "\xed\xa0\x80 lone high surrogate",
      "\xed\xbf\xbf",
      "\xcd\xb8 unassigned U+0378",
      "mixed 'quote' and \\ and \t and \xc3\xa9 and \xf0\x9f\x98\x80",
      "\xd8\x80 arabic number sign",
      "\xe1\x9a\x80",
      "\xe2\x81\xa0\xe2\x81\xa4",
  };
  std::string script = "import sys\nfor h in [\n";
  for (const std::string& s : strings) script += "  '" + to_hex(s) + "',\n";
  script +=
      "]:\n"
      "    s = bytes.fromhex(h).decode('utf-8', 'surrogatepass')\n"
      "    print(repr(s).encode('utf-8', 'surrogatepass').hex())\n";
  std::vector<std::string> lines = split_lines(run_python(script));
  ASSERT_EQ(lines.size(), strings.size()) << "python3.11 is needed for this test";
  for (size_t k = 0; k < strings.size(); ++k) {
    EXPECT_EQ(vm::repr_str(strings[k]), from_hex(lines[k])) << "string #" << k;
    EXPECT_EQ(repr(Constant::str(strings[k])), from_hex(lines[k])) << "string #" << k;
  }
}

TEST(ConstantVsPython, ReprBytes) {
  std::vector<std::string> values = {"", "'", "\"", "'\"", "it's", "\\", "\t\n\r\x0b\x0c", "abc~"};
  std::string all;
  for (int c = 0; c < 256; ++c) all += static_cast<char>(c);
  values.push_back(all);
  for (int c = 0; c < 256; c += 7) values.push_back(std::string(1, static_cast<char>(c)) + "'");
  std::string script = "for h in [\n";
  for (const std::string& v : values) script += "  '" + to_hex(v) + "',\n";
  script += "]:\n    print(repr(bytes.fromhex(h)))\n";
  std::vector<std::string> lines = split_lines(run_python(script));
  ASSERT_EQ(lines.size(), values.size()) << "python3.11 is needed for this test";
  for (size_t k = 0; k < values.size(); ++k)
    EXPECT_EQ(repr(Constant::bytes(values[k])), lines[k]) << "bytes #" << k;
}

// Doubles from bit patterns: edges by hand, every power of ten and its
// neighbours, random decimal literals and random bit patterns.
TEST(ConstantVsPython, ReprFloat) {
  std::vector<double> values = {0.0,
                                -0.0,
                                1.0,
                                -1.5,
                                0.1,
                                0.2,
                                0.30000000000000004,
                                1.0 / 3,
                                2.0 / 3,
                                100.0,
                                1e16,
                                9999999999999998.0,
                                1e16 + 2,
                                123456789012345.0,
                                1234567890123456.0,
                                12345678901234567.0,
                                0.0001,
                                0.00009999999999999999,
                                0.001,
                                1e-5,
                                1.5e300,
                                1e22,
                                1e23,
                                5e-324,
                                2.2250738585072014e-308,
                                std::numeric_limits<double>::max(),
                                std::numeric_limits<double>::min(),
                                std::numeric_limits<double>::denorm_min(),
                                std::numeric_limits<double>::epsilon(),
                                9007199254740992.0,
                                9007199254740993.0,
                                9.223372036854775807e18,
                                std::numeric_limits<double>::infinity(),
                                -std::numeric_limits<double>::infinity(),
                                std::numeric_limits<double>::quiet_NaN(),
                                -std::numeric_limits<double>::quiet_NaN()};
  for (int k = -330; k <= 310; ++k) {
    double p = std::strtod(("1e" + std::to_string(k)).c_str(), nullptr);
    for (double v : {p, std::nextafter(p, 0.0), std::nextafter(p, HUGE_VAL), 5 * p, 9.5 * p})
      values.push_back(v);
  }
  std::mt19937_64 rng(0x5eed'f10a7);
  for (int k = 0; k < 3000; ++k) {
    // A decimal literal of 1 to 17 significant digits.
    std::string digits = std::to_string(rng() % 9 + 1);
    int n = static_cast<int>(rng() % 17);
    for (int d = 0; d < n; ++d) digits += static_cast<char>('0' + rng() % 10);
    int exp = static_cast<int>(rng() % 60) - 30;
    values.push_back(std::strtod((digits + "e" + std::to_string(exp)).c_str(), nullptr));
    values.push_back(static_cast<double>(rng() >> (rng() % 64)));
    values.push_back(std::bit_cast<double>(rng()));
  }
  std::string script = "import struct\nfor b in [\n";
  for (double v : values) script += "  " + std::to_string(std::bit_cast<uint64_t>(v)) + ",\n";
  script += "]:\n    print(repr(struct.unpack('<d', struct.pack('<Q', b))[0]))\n";
  std::vector<std::string> lines = split_lines(run_python(script));
  ASSERT_EQ(lines.size(), values.size()) << "python3.11 is needed for this test";
  int wrong = 0;
  for (size_t k = 0; k < values.size(); ++k) {
    std::string ours = vm::repr_float(values[k]);
    if (ours != lines[k] && ++wrong <= 20)
      ADD_FAILURE() << "bits " << std::bit_cast<uint64_t>(values[k]) << ": gilsim " << ours
                    << ", python3.11 " << lines[k];
    EXPECT_EQ(repr(Constant::floating(values[k])), ours);
  }
  EXPECT_EQ(wrong, 0) << "of " << values.size();
}

// repr(complex(re, im)) for parts drawn from signed zeros, integral and
// fractional values, huge and tiny magnitudes, infinities and NaNs.
TEST(ConstantVsPython, ReprComplex) {
  std::vector<double> parts = {0.0, -0.0, 1.0, -1.0, 2.5, -1e-5, 1e-4, 123456789.0,
                               1e16, -1e16, 1.5e300, 5e-324, 1.0000000000000002,
                               std::numeric_limits<double>::infinity(),
                               -std::numeric_limits<double>::infinity(),
                               std::numeric_limits<double>::quiet_NaN(),
                               -std::numeric_limits<double>::quiet_NaN()};
  std::string script = "import struct\nd = lambda b: struct.unpack('<d', struct.pack('<Q', b))[0]\n";
  for (double re : parts)
    for (double im : parts)
      script += "print(repr(complex(d(" + std::to_string(std::bit_cast<uint64_t>(re)) + "), d(" +
                std::to_string(std::bit_cast<uint64_t>(im)) + "))))\n";
  std::vector<std::string> lines = split_lines(run_python(script));
  ASSERT_EQ(lines.size(), parts.size() * parts.size()) << "python3.11 is needed for this test";
  size_t k = 0;
  for (double re : parts)
    for (double im : parts) {
      EXPECT_EQ(repr(Constant::complex(re, im)), lines[k]) << re << " " << im;
      ++k;
    }
}

// Whole constants as dis prints them: tuples (empty, 1-tuple, nested) of
// every kind, and ints of every size.
TEST(ConstantVsPython, ReprCompound) {
  struct Case {
    std::string py;
    Constant c;
  };
  BigInt big = BigInt::pow(-7, 99);
  std::vector<Case> cases = {
      {"None", Constant::none()},
      {"True", Constant::boolean(true)},
      {"False", Constant::boolean(false)},
      {"...", Constant::ellipsis()},
      {"0", i(0)},
      {"-42", i(-42)},
      {"(-7)**99", Constant::integer(big)},
      {"()", tup({})},
      {"(1,)", tup({i(1)})},
      {"(1, 'a')", tup({i(1), Constant::str("a")})},
      {"((),)", tup({tup({})})},
      {"((1,), (2, (3,)), ())", tup({tup({i(1)}), tup({i(2), tup({i(3)})}), tup({})})},
      {"(None, True, False, ..., -0.0, 1e+16, b'x\\'', \"it's\", 2.5)",
       tup({Constant::none(), Constant::boolean(true), Constant::boolean(false),
            Constant::ellipsis(), Constant::floating(-0.0), Constant::floating(1e16),
            Constant::bytes("x'"), Constant::str("it's"), Constant::floating(2.5)})},
      {"(float('inf'), float('-inf'), float('nan'))",
       tup({Constant::floating(HUGE_VAL), Constant::floating(-HUGE_VAL),
            Constant::floating(std::nan(""))})},
      {"('a\\n',)", tup({Constant::str("a\n")})},
  };
  std::string script = "import sys\nsys.set_int_max_str_digits(0)\n";
  for (const Case& c : cases) script += "print(repr(" + c.py + "))\n";
  std::vector<std::string> lines = split_lines(run_python(script));
  ASSERT_EQ(lines.size(), cases.size()) << "python3.11 is needed for this test";
  for (size_t k = 0; k < cases.size(); ++k) EXPECT_EQ(repr(cases[k].c), lines[k]) << cases[k].py;
}

}  // namespace
