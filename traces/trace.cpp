#include "traces/trace.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "traces/sha256.h"
#include "vm/dis.h"
#include "vm/model.h"
#include "vm/opcode.h"

namespace traces {

namespace {

using json = nlohmann::json;

// The instruction at code unit `pc` (past any EXTENDED_ARG prefix).
int real_pc(const vm::Code& code, int pc) {
  while (pc + 1 < static_cast<int>(code.code.size()) && code.code[static_cast<size_t>(pc)].op == vm::EXTENDED_ARG) ++pc;
  return pc;
}

int line_at(const vm::Code& code, int pc) {
  if (pc < 0 || pc >= static_cast<int>(code.positions.size())) return code.firstlineno;
  int line = code.positions[static_cast<size_t>(pc)].line;
  return line > 0 ? line : code.firstlineno;
}

struct Row {
  int thread;
  std::string text;
};

std::string text_of(const sim::Executed& e) {
  int pc = real_pc(*e.code, e.pc);
  return fmt::format("{:>3}  {}", line_at(*e.code, pc), vm::instruction_text(*e.code, pc));
}

}  // namespace

Trace make_trace(const sim::Program& prog, const sim::CheckOptions& opts, const std::string& strategy,
                 const sim::Violation& v, const sim::Replayed& r) {
  Trace t;
  t.program = prog.path;
  t.sha256 = sha256_hex(prog.source);
  t.model = std::string(vm::model_name(opts.model));
  t.strategy = strategy;
  t.max_steps = opts.max_steps;
  t.expect = opts.expect;
  t.audit_every_step = opts.audit_every_step;
  t.cas_bound = opts.cas_bound;
  t.seed = opts.seed;
  t.execution = v.execution;
  t.decisions = v.decisions;
  t.violation_kind = v.kind;
  t.violation_message = v.message;
  t.threads = r.thread_names;
  size_t begin = 0;
  for (size_t s = 0; s < r.steps.size(); ++s) {
    TraceStep ts;
    ts.thread = r.steps[s].thread;
    size_t end = s < r.step_ends.size() ? r.step_ends[s] : begin;
    if (end > begin && end <= r.instructions.size()) {
      const auto& e = r.instructions[end - 1];
      int pc = real_pc(*e.code, e.pc);
      ts.line = line_at(*e.code, pc);
      ts.function = e.code->name;
      ts.pc = pc * 2;
      ts.opcode = vm::instruction_text(*e.code, pc);
    }
    begin = std::max(begin, end);
    t.steps.push_back(ts);
  }
  return t;
}

std::string to_json(const Trace& t) {
  json j;
  j["format"] = "gilsim-trace";
  j["version"] = 1;
  j["program"] = t.program;
  j["sha256"] = t.sha256;
  j["model"] = t.model;
  j["options"] = {{"strategy", t.strategy}, {"max_steps", t.max_steps}};
  if (t.expect) j["options"]["expect"] = *t.expect;
  if (t.audit_every_step) j["options"]["audit_every_step"] = true;
  if (t.cas_bound) j["options"]["cas_bound"] = t.cas_bound;
  j["seed"] = t.seed;
  j["execution"] = t.execution;
  j["threads"] = t.threads;
  j["decisions"] = t.decisions;
  j["violation"] = {{"kind", t.violation_kind}, {"message", t.violation_message}};
  json steps = json::array();
  for (auto& s : t.steps)
    steps.push_back({{"thread", s.thread}, {"function", s.function}, {"line", s.line}, {"pc", s.pc}, {"opcode", s.opcode}});
  j["steps"] = steps;
  return j.dump(1) + "\n";
}

Trace from_json(const std::string& text) {
  json j;
  try {
    j = json::parse(text);
  } catch (const json::parse_error& e) {
    throw std::runtime_error(fmt::format("not JSON: {}", e.what()));
  }
  if (!j.is_object() || j.value("format", "") != "gilsim-trace")
    throw std::runtime_error("not a gilsim trace (no \"format\": \"gilsim-trace\")");
  if (j.value("version", 0) != 1) throw std::runtime_error(fmt::format("unsupported trace version {}", j.value("version", 0)));
  Trace t;
  try {
    t.program = j.at("program").get<std::string>();
    t.sha256 = j.at("sha256").get<std::string>();
    t.model = j.at("model").get<std::string>();
    const json& o = j.at("options");
    t.strategy = o.value("strategy", "dpor");
    t.max_steps = o.value("max_steps", uint64_t{100000});
    if (o.contains("expect")) t.expect = o.at("expect").get<std::string>();
    t.audit_every_step = o.value("audit_every_step", false);
    t.cas_bound = o.value("cas_bound", uint32_t{0});
    t.seed = j.value("seed", uint64_t{0});
    t.execution = j.value("execution", uint64_t{0});
    t.threads = j.value("threads", std::vector<std::string>{});
    t.decisions = j.at("decisions").get<std::vector<int>>();
    if (j.contains("violation")) {
      t.violation_kind = j["violation"].value("kind", "");
      t.violation_message = j["violation"].value("message", "");
    }
    for (auto& s : j.value("steps", json::array()))
      t.steps.push_back({s.value("thread", 0), s.value("line", 0), s.value("function", ""), s.value("pc", 0),
                         s.value("opcode", "")});
  } catch (const json::exception& e) {
    throw std::runtime_error(fmt::format("malformed trace: {}", e.what()));
  }
  return t;
}

std::string render_table(const sim::Replayed& r) {
  int threads = static_cast<int>(r.thread_names.size());
  std::vector<Row> rows;
  std::vector<bool> switch_before;  // a thread switch happens before this row
  size_t i = 0;
  int prev_thread = -1;
  while (i < r.instructions.size()) {
    size_t j = i;
    int t = r.instructions[i].thread;
    while (j < r.instructions.size() && r.instructions[j].thread == t) ++j;
    size_t n = j - i;
    auto fold = [&](size_t a, size_t b) {
      int l0 = line_at(*r.instructions[a].code, r.instructions[a].pc);
      int l1 = line_at(*r.instructions[b - 1].code, r.instructions[b - 1].pc);
      std::string lines = l0 == l1 ? fmt::format("line {}", l0) : fmt::format("lines {}-{}", std::min(l0, l1), std::max(l0, l1));
      return fmt::format("  ... {} bytecodes, {}", b - a, lines);
    };
    bool first = true;
    auto add = [&](std::string text) {
      rows.push_back({t, std::move(text)});
      switch_before.push_back(first && prev_thread >= 0 && prev_thread != t);
      first = false;
    };
    if (t == 0 && n > 3) {
      add(fold(i, j));
    } else if (n > 14) {
      for (size_t k = i; k < i + 5; ++k) add(text_of(r.instructions[k]));
      add(fold(i + 5, j - 5));
      for (size_t k = j - 5; k < j; ++k) add(text_of(r.instructions[k]));
    } else {
      for (size_t k = i; k < j; ++k) add(text_of(r.instructions[k]));
    }
    prev_thread = t;
    i = j;
  }
  std::vector<size_t> width(static_cast<size_t>(threads), 0);
  for (int t = 0; t < threads; ++t) width[static_cast<size_t>(t)] = r.thread_names[static_cast<size_t>(t)].size();
  for (auto& row : rows)
    if (row.thread < threads) width[static_cast<size_t>(row.thread)] = std::max(width[static_cast<size_t>(row.thread)], row.text.size());
  std::string out = fmt::format("{:>5}", "");
  for (int t = 0; t < threads; ++t) out += fmt::format("  {:<{}}", r.thread_names[static_cast<size_t>(t)], width[static_cast<size_t>(t)]);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  out += "\n";
  size_t total = 5;
  for (auto w : width) total += 2 + w;
  for (size_t k = 0; k < rows.size(); ++k) {
    if (switch_before[k]) out += fmt::format("{:>5}  {}\n", "", std::string(total - 7, '-'));
    std::string line = fmt::format("{:>5}", k + 1);
    for (int t = 0; t < threads; ++t)
      line += fmt::format("  {:<{}}", rows[k].thread == t ? rows[k].text : "", width[static_cast<size_t>(t)]);
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  return out;
}

std::string explain_lost_update(const sim::Replayed& r) {
  struct Named {
    size_t index;
    int thread;
    bool store;
    std::string family, name, text;
    int line;
  };
  std::vector<Named> ops;
  for (size_t k = 0; k < r.instructions.size(); ++k) {
    const auto& e = r.instructions[k];
    int pc = real_pc(*e.code, e.pc);
    std::string text = vm::instruction_text(*e.code, pc);
    auto sp = text.find(' ');
    if (sp == std::string::npos) continue;
    std::string op = text.substr(0, sp), arg = text.substr(sp + 1);
    if (arg.rfind("NULL + ", 0) == 0) arg = arg.substr(7);
    std::string family;
    bool store = false;
    if (op == "LOAD_GLOBAL" || op == "LOAD_NAME") family = "global";
    else if (op == "STORE_GLOBAL" || op == "STORE_NAME") family = "global", store = true;
    else if (op == "LOAD_ATTR" || op == "LOAD_METHOD") family = "attr";
    else if (op == "STORE_ATTR") family = "attr", store = true;
    else if (op == "LOAD_DEREF" || op == "LOAD_CLASSDEREF") family = "cell";
    else if (op == "STORE_DEREF") family = "cell", store = true;
    else continue;
    ops.push_back({k, e.thread, store, family, arg, text, line_at(*e.code, pc)});
  }
  for (size_t a = 0; a < ops.size(); ++a) {
    if (ops[a].store) continue;
    // The same thread's next store of that name...
    for (size_t c = a + 1; c < ops.size(); ++c) {
      if (ops[c].thread != ops[a].thread || !ops[c].store || ops[c].family != ops[a].family || ops[c].name != ops[a].name)
        continue;
      // ... with another thread's store of it in between.
      for (size_t b = a + 1; b < c; ++b) {
        if (ops[b].thread == ops[a].thread || !ops[b].store || ops[b].family != ops[a].family || ops[b].name != ops[a].name)
          continue;
        const std::string& ta = r.thread_names[static_cast<size_t>(ops[a].thread)];
        const std::string& tb = r.thread_names[static_cast<size_t>(ops[b].thread)];
        return fmt::format(
            "Atomicity boundary crossed at line {}: {} read `{}` ({}), then {} wrote `{}`\n"
            "({}, line {}) before {} wrote it back ({}, line {}). {}'s update is lost:\n"
            "the read-modify-write of `{}` is several bytecodes, and the GIL makes each\n"
            "bytecode atomic, not each statement.\n",
            ops[a].line, ta, ops[a].name, ops[a].text, tb, ops[b].name, ops[b].text, ops[b].line, ta, ops[c].text,
            ops[c].line, tb, ops[a].name);
      }
      break;
    }
  }
  return "";
}

std::string explain_counts(const sim::Replayed& r, const std::string& message) {
  auto hash = message.find('#');
  if (hash == std::string::npos) return "";
  uint32_t serial = 0;
  size_t k = hash + 1;
  for (; k < message.size() && std::isdigit(static_cast<unsigned char>(message[k])); ++k)
    serial = serial * 10 + static_cast<uint32_t>(message[k] - '0');
  if (k == hash + 1) return "";
  std::vector<const sim::CountEvent*> ev;
  for (const auto& e : r.counts)
    if (e.serial == serial) ev.push_back(&e);
  if (ev.empty()) return "";
  auto name_of = [&](int t) {
    return t >= 0 && static_cast<size_t>(t) < r.thread_names.size() ? r.thread_names[static_cast<size_t>(t)] : "?";
  };
  size_t w = 0;
  for (auto* e : ev) w = std::max(w, name_of(e->thread).size());
  auto it = r.names.find(serial);
  std::string obj = it != r.names.end() ? it->second : fmt::format("object #{}", serial);
  std::string out = fmt::format(
      "The reference count of {}, load by load and store by store (without a GIL a\n"
      "count change is a load, an add and a store, and other threads run in between):\n\n",
      obj);
  bool lost = false;
  for (size_t i = 0; i < ev.size(); ++i) {
    const sim::CountEvent& e = *ev[i];
    std::string what;
    switch (e.use) {
      case vm::CountUse::Load:
      case vm::CountUse::Rmw: {
        std::string where;
        if (e.instruction >= 0 && static_cast<size_t>(e.instruction) < r.instructions.size()) {
          const sim::Executed& x = r.instructions[static_cast<size_t>(e.instruction)];
          int pc = real_pc(*x.code, x.pc);
          where = fmt::format(" (line {}, {})", line_at(*x.code, pc), vm::instruction_text(*x.code, pc));
        } else {
          where = " (as it starts)";
        }
        what = fmt::format("loads {}{}", e.value, where);
        break;
      }
      case vm::CountUse::Retry: what = fmt::format("compare-and-swap fails (the count is now {}): retries", e.value); break;
      default: {
        what = fmt::format("stores {}{}", e.value, e.value == 0 ? " and frees it" : "");
        // The store's own load: this thread's last load or retry before it.
        size_t from = i;
        while (from-- > 0)
          if (ev[from]->thread == e.thread && ev[from]->use != vm::CountUse::Store) break;
        if (from < i) {
          for (size_t x = i - 1; x > from; --x) {  // the latest other store it overwrote
            if (ev[x]->thread != e.thread && ev[x]->use == vm::CountUse::Store) {
              what += fmt::format("   <- overwrites {}'s store of {}: that change is lost", name_of(ev[x]->thread),
                                  ev[x]->value);
              lost = true;
              break;
            }
          }
        }
      }
    }
    out += fmt::format("  {:<{}}  {}\n", name_of(e.thread), w, what);
  }
  if (lost)
    out += "\nA store made from a stale load wiped out another thread's change: the count no longer\n"
           "matches the references, and the object is freed too early or never.\n";
  return out;
}

}  // namespace traces
