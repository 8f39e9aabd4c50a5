// The opcode table against CPython 3.11 itself: every opcode's number, name,
// cache size, dis category and stack effect must equal what python3.11's
// `opcode` and `dis` modules say.
#include <gtest/gtest.h>

#include "tests/support/python.h"

#include <array>
#include <cstdio>
#include <sstream>
#include <string>

#include "vm/opcode.h"

namespace {

std::string python(const std::string& script) {
  std::string cmd = gilsim_test::python() + " -c '" + script + "'";
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return "";
  std::string out;
  std::array<char, 4096> buf{};
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  pclose(p);
  return out;
}

TEST(Opcode, TableEqualsPython311) {
  std::string out = python(
      "import opcode, dis\n"
      "for name, op in sorted(opcode.opmap.items(), key=lambda x: x[1]):\n"
      "    cats = [c for c, s in ((\"jrel\", opcode.hasjrel), (\"const\", opcode.hasconst),"
      " (\"name\", opcode.hasname), (\"local\", opcode.haslocal), (\"free\", opcode.hasfree),"
      " (\"compare\", opcode.hascompare)) if op in s]\n"
      "    effects = []\n"
      "    for arg in ([0, 1, 2, 3, 4, 5, 7, 8, 12, 13, 256, 515] if op >= opcode.HAVE_ARGUMENT else [None]):\n"
      "        effects.append(\"%d/%d\" % (dis.stack_effect(op, arg, jump=False), dis.stack_effect(op, arg, jump=True)))\n"
      "    print(op, name, opcode._inline_cache_entries[op], \",\".join(cats) or \"-\", \" \".join(effects))\n");
  ASSERT_FALSE(out.empty()) << "python3.11 is needed for this test";
  std::istringstream in(out);
  std::string line;
  int count = 0;
  while (std::getline(in, line)) {
    std::istringstream ls(line);
    int op, caches;
    std::string name, cats;
    ls >> op >> name >> caches >> cats;
    SCOPED_TRACE(line);
    ++count;
    EXPECT_EQ(vm::opcode_name(op), name);
    EXPECT_EQ(vm::opcode_by_name(name), op);
    EXPECT_EQ(vm::opcode_info(op).caches, caches);
    EXPECT_EQ(vm::has_flag(op, vm::opflag::JREL), cats.find("jrel") != std::string::npos);
    EXPECT_EQ(vm::has_flag(op, vm::opflag::CONST), cats.find("const") != std::string::npos);
    EXPECT_EQ(vm::has_flag(op, vm::opflag::NAME), cats.find("name") != std::string::npos);
    EXPECT_EQ(vm::has_flag(op, vm::opflag::LOCAL), cats.find("local") != std::string::npos);
    EXPECT_EQ(vm::has_flag(op, vm::opflag::FREE), cats.find("free") != std::string::npos);
    EXPECT_EQ(vm::has_flag(op, vm::opflag::COMPARE), cats.find("compare") != std::string::npos);
    EXPECT_EQ(vm::has_flag(op, vm::opflag::BACK), name.find("BACKWARD") != std::string::npos);
    const std::array<int, 12> args = {0, 1, 2, 3, 4, 5, 7, 8, 12, 13, 256, 515};
    std::string effect;
    for (size_t i = 0; ls >> effect; ++i) {
      int plain = 0, jump = 0;
      ASSERT_EQ(std::sscanf(effect.c_str(), "%d/%d", &plain, &jump), 2);
      int arg = op >= vm::kHaveArgument ? args[i] : 0;
      EXPECT_EQ(vm::stack_effect(op, arg, false), plain) << "oparg " << arg;
      EXPECT_EQ(vm::stack_effect(op, arg, true), jump) << "oparg " << arg;
    }
  }
  // Every real opcode in our table is one of CPython's.
  int ours = 0;
  for (int op = 0; op < 256; ++op)
    if (!vm::opcode_name(op).empty()) ++ours;
  EXPECT_EQ(ours, count);
}

TEST(Opcode, BinaryAndCompareSymbols) {
  EXPECT_EQ(vm::binary_op_symbol(vm::NB_ADD), "+");
  EXPECT_EQ(vm::binary_op_symbol(vm::NB_INPLACE_ADD), "+=");
  EXPECT_EQ(vm::binary_op_symbol(vm::NB_INPLACE_XOR), "^=");
  EXPECT_EQ(vm::compare_op_symbol(vm::CMP_GE), ">=");
  EXPECT_EQ(vm::binary_op_symbol(99), "");
}

}  // namespace
