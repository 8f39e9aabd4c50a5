// Disassembly text, following Lib/dis.py of CPython 3.11 field by field:
// line-number column (width 3, wider past line 999), the ">>" jump-target
// marker, offsets (width 4), opcode names padded to 20, opargs right-aligned
// to 5, then the argument's meaning in parentheses; an "ExceptionTable:"
// section when the code has one; nested code objects after a blank line.
#include "vm/dis.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "vm/opcode.h"

namespace vm {

namespace {

struct Decoded {
  int offset;  // in bytes, as dis shows it
  int op;
  bool has_arg;
  int arg;
};

std::vector<Decoded> decode(const Code& co) {
  std::vector<Decoded> out;
  int extended = 0;
  int caches = 0;
  for (size_t i = 0; i < co.code.size(); ++i) {
    if (caches) {
      --caches;
      continue;
    }
    int op = co.code[i].op;
    caches = opcode_info(op).caches;
    Decoded d{static_cast<int>(i) * 2, op, false, 0};
    if (op >= kHaveArgument) {
      d.has_arg = true;
      d.arg = co.code[i].arg | extended;
      extended = op == EXTENDED_ARG ? d.arg << 8 : 0;
    } else {
      extended = 0;
    }
    out.push_back(d);
  }
  return out;
}

// The text dis shows in parentheses after the argument.
std::string arg_repr(const Code& co, const Decoded& d) {
  std::string argrepr;
  unsigned f = opcode_info(d.op).flags;
  if (d.op == LOAD_CONST) {
    if (d.arg >= 0 && static_cast<size_t>(d.arg) < co.consts.size())
      argrepr = repr(co.consts[static_cast<size_t>(d.arg)]);
  } else if (f & opflag::NAME) {
    int idx = d.op == LOAD_GLOBAL ? d.arg / 2 : d.arg;
    if (idx >= 0 && static_cast<size_t>(idx) < co.names.size()) {
      argrepr = co.names[static_cast<size_t>(idx)];
      if (d.op == LOAD_GLOBAL && (d.arg & 1)) argrepr = "NULL + " + argrepr;
    }
  } else if (f & opflag::JREL) {
    int arg = (f & opflag::BACK) ? -d.arg : d.arg;
    argrepr = "to " + std::to_string(d.offset + 2 + arg * 2);
  } else if (f & (opflag::LOCAL | opflag::FREE)) {
    if (d.arg >= 0 && static_cast<size_t>(d.arg) < co.localsplusnames.size())
      argrepr = co.localsplusnames[static_cast<size_t>(d.arg)];
  } else if (f & opflag::COMPARE) {
    argrepr = std::string(compare_op_symbol(d.arg));
  } else if (d.op == FORMAT_VALUE) {
    static const char* kConv[] = {"", "str", "repr", "ascii"};
    argrepr = kConv[d.arg & 3];
    if (d.arg & 4) {
      if (!argrepr.empty()) argrepr += ", ";
      argrepr += "with format";
    }
  } else if (d.op == MAKE_FUNCTION) {
    static const char* kFlags[] = {"defaults", "kwdefaults", "annotations", "closure"};
    for (int i = 0; i < 4; ++i) {
      if (d.arg & (1 << i)) {
        if (!argrepr.empty()) argrepr += ", ";
        argrepr += kFlags[i];
      }
    }
  } else if (d.op == BINARY_OP) {
    argrepr = std::string(binary_op_symbol(d.arg));
  }
  return argrepr;
}

void disassemble_one(const Code& co, std::string& out) {
  auto ins = decode(co);
  // findlinestarts: offsets where a new (non-None) line begins.
  std::map<int, int> linestarts;
  int lastline = -2;
  for (size_t i = 0; i < co.positions.size(); ++i) {
    int line = co.positions[i].line;
    if (line >= 0 && line != lastline) {
      lastline = line;
      linestarts[static_cast<int>(i) * 2] = line;
    }
  }
  // findlabels + exception targets.
  std::set<int> labels;
  for (auto& d : ins) {
    if (d.has_arg && has_flag(d.op, opflag::JREL)) {
      int arg = has_flag(d.op, opflag::BACK) ? -d.arg : d.arg;
      labels.insert(d.offset + 2 + arg * 2);
    }
  }
  for (auto& e : co.exception_table) labels.insert(e.target * 2);

  bool show_lineno = !linestarts.empty();
  int lineno_width = 0;
  if (show_lineno) {
    int maxline = 0;
    for (auto& [off, line] : linestarts) maxline = std::max(maxline, line);
    lineno_width = maxline >= 1000 ? static_cast<int>(std::to_string(maxline).size()) : 3;
  }
  int maxoffset = static_cast<int>(co.code.size()) * 2 - 2;
  int offset_width = maxoffset >= 10000 ? static_cast<int>(std::to_string(maxoffset).size()) : 4;

  for (auto& d : ins) {
    auto ls = linestarts.find(d.offset);
    bool starts = ls != linestarts.end();
    if (show_lineno && starts && d.offset > 0) out += "\n";
    std::string line;
    if (lineno_width) {
      line += starts ? fmt::format("{:>{}}", ls->second, lineno_width) : std::string(size_t(lineno_width), ' ');
      line += ' ';
    }
    line += "   ";
    line += ' ';
    line += labels.count(d.offset) ? ">>" : "  ";
    line += ' ';
    line += fmt::format("{:>{}}", d.offset, offset_width);
    line += ' ';
    line += fmt::format("{:<20}", opcode_name(d.op));
    if (d.has_arg) {
      line += ' ';
      line += fmt::format("{:>5}", d.arg);
      std::string argrepr = arg_repr(co, d);
      if (!argrepr.empty()) line += " (" + argrepr + ")";
    }
    // dis strips trailing spaces of each line.
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line;
    out += "\n";
  }
  if (!co.exception_table.empty()) {
    out += "ExceptionTable:\n";
    for (auto& e : co.exception_table) {
      out += fmt::format("  {} to {} -> {} [{}]{}\n", e.start * 2, e.end * 2 - 2, e.target * 2,
                         e.depth, e.lasti ? " lasti" : "");
    }
  }
}

void disassemble_recursive(const Code& co, std::string& out) {
  disassemble_one(co, out);
  for (auto& c : co.consts) {
    if (c.kind == Constant::Kind::Code && c.code) {
      out += "\n";
      out += "Disassembly of " + repr_code(*c.code) + ":\n";
      disassemble_recursive(*c.code, out);
    }
  }
}

}  // namespace

std::string instruction_text(const Code& co, int index) {
  if (index < 0 || static_cast<size_t>(index) >= co.code.size()) return "?";
  Decoded d{index * 2, co.code[static_cast<size_t>(index)].op, false, 0};
  if (d.op >= kHaveArgument) {
    d.has_arg = true;
    int shift = 8, arg = co.code[static_cast<size_t>(index)].arg;
    for (int k = index - 1; k >= 0 && co.code[static_cast<size_t>(k)].op == EXTENDED_ARG; --k, shift += 8)
      arg |= co.code[static_cast<size_t>(k)].arg << shift;
    d.arg = arg;
  }
  std::string text(opcode_name(d.op));
  if (d.has_arg) {
    std::string a = arg_repr(co, d);
    text += " " + (a.empty() ? std::to_string(d.arg) : a);
  }
  return text;
}

std::string disassemble(const Code& code) {
  std::string out;
  disassemble_recursive(code, out);
  return out;
}

}  // namespace vm
