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

int line_at(const vm::Code& code, int pc) {
  if (pc < 0 || pc >= static_cast<int>(code.positions.size())) return code.firstlineno;
  int line = code.positions[static_cast<size_t>(pc)].line;
  return line > 0 ? line : code.firstlineno;
}

std::string instruction_of(const sim::Executed& e) {
  std::string text = vm::instruction_text(*e.code, vm::instruction_pc(*e.code, e.pc));
  if (!e.effect.empty()) text += " " + e.effect;
  return text;
}

int line_of(const sim::Executed& e) { return line_at(*e.code, vm::instruction_pc(*e.code, e.pc)); }

namespace {

using json = nlohmann::json;

struct Row {
  int thread;
  std::string text;
};

std::string text_of(const sim::Executed& e) { return fmt::format("{:>3}  {}", line_of(e), instruction_of(e)); }

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
      int pc = vm::instruction_pc(*e.code, e.pc);
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

namespace {

// Reading a trace: every field checked for its type and range, so a
// damaged or hand-edited file is refused with a message naming the field,
// never half-read.
struct Reader {
  [[noreturn]] static void bad(const std::string& what) { throw std::runtime_error("malformed trace: " + what); }

  static const json& field(const json& o, const char* key, const std::string& where) {
    if (!o.contains(key)) bad(fmt::format("{} has no \"{}\"", where, key));
    return o.at(key);
  }
  static std::string str(const json& v, const std::string& name) {
    if (!v.is_string()) bad(fmt::format("\"{}\" must be a string, not {}", name, v.type_name()));
    return v.get<std::string>();
  }
  static int64_t integer(const json& v, const std::string& name, int64_t lo, int64_t hi) {
    if (!v.is_number_integer()) bad(fmt::format("\"{}\" must be an integer, not {}", name, v.dump().substr(0, 40)));
    if (v.is_number_unsigned() && v.get<uint64_t>() > static_cast<uint64_t>(INT64_MAX))
      bad(fmt::format("\"{}\" is {}, out of range ({} to {})", name, v.dump(), lo, hi));
    int64_t x = v.get<int64_t>();
    if (x < lo || x > hi) bad(fmt::format("\"{}\" is {}, out of range ({} to {})", name, x, lo, hi));
    return x;
  }
  static uint64_t unsigned_(const json& v, const std::string& name) {
    if (!v.is_number_unsigned()) bad(fmt::format("\"{}\" must be a non-negative integer, not {}", name, v.dump().substr(0, 40)));
    return v.get<uint64_t>();
  }
};

constexpr int64_t kMaxThreads = 4096;              // far beyond any program gilsim runs
constexpr size_t kMaxDecisions = 100'000'000;

}  // namespace

sim::CheckOptions replay_options(const Trace& t) {
  auto m = vm::parse_model(t.model);
  if (!m) throw std::runtime_error(fmt::format("model '{}' cannot be replayed by this gilsim", t.model));
  sim::CheckOptions o;
  o.model = *m;
  o.max_steps = t.max_steps;
  o.expect = t.expect;
  o.audit_every_step = t.audit_every_step;
  o.cas_bound = t.cas_bound;
  return o;
}

std::string replay_mismatch(const sim::Program& prog, const sim::CheckOptions& opts, const Trace& t,
                            const sim::Replayed& rep, bool ending) {
  if (rep.diverged)
    return fmt::format("the execution diverged from the trace: decision {} named a thread that could not run",
                       rep.steps.size());
  Trace again = make_trace(prog, opts, t.strategy, {}, rep);
  auto name = [](const std::vector<std::string>& names, int k) {
    return k >= 0 && static_cast<size_t>(k) < names.size() ? names[static_cast<size_t>(k)] : fmt::format("thread {}", k);
  };
  auto show = [&](const std::vector<std::string>& names, const TraceStep& s) {
    return fmt::format("{} at line {} ({}, offset {} in {})", name(names, s.thread), s.line, s.opcode, s.pc, s.function);
  };
  if (!t.steps.empty()) {
    size_t n = std::min(t.steps.size(), again.steps.size());
    for (size_t k = 0; k < n; ++k) {
      const TraceStep &a = t.steps[k], &b = again.steps[k];
      if (a.thread == b.thread && a.line == b.line && a.pc == b.pc && a.opcode == b.opcode && a.function == b.function)
        continue;
      return fmt::format("the replay differs from the trace at step {}:\n  recorded: {}\n  replayed: {}", k + 1,
                         show(t.threads, a), show(again.threads, b));
    }
    if (t.steps.size() != again.steps.size())
      return fmt::format("the replay has {} steps, the trace {}", again.steps.size(), t.steps.size());
  }
  if (!t.threads.empty() && t.threads != again.threads) return "the replay's threads differ from the trace's";
  return ending ? ending_mismatch(t, rep) : "";
}

std::string ending_mismatch(const Trace& t, const sim::Replayed& rep) {
  if (t.violation_kind.empty() || rep.violation.kind == t.violation_kind) return "";
  return fmt::format("the replay ended with '{}' but the trace recorded '{}'",
                     rep.violation.kind.empty() ? "no violation" : rep.violation.kind, t.violation_kind);
}

Trace from_json(const std::string& text) {
  json j;
  try {
    j = json::parse(text);
  } catch (const json::exception& e) {
    // The library's message without its "[json.exception.parse_error.101] " tag.
    std::string what = e.what();
    if (auto k = what.find("] "); k != std::string::npos) what = what.substr(k + 2);
    // Else a number too large for any type (found by the fuzzer).
    bool syntax = dynamic_cast<const json::parse_error*>(&e) != nullptr;
    throw std::runtime_error(fmt::format("{}: {}", syntax ? "not a complete JSON document (truncated?)"
                                                          : "not a JSON document gilsim can read", what));
  }
  if (!j.is_object() || !j.contains("format") || j["format"] != "gilsim-trace")
    throw std::runtime_error("not a gilsim trace (no \"format\": \"gilsim-trace\")");
  if (!j.contains("version") || !j["version"].is_number_integer() || j["version"].get<int64_t>() != 1)
    throw std::runtime_error(fmt::format("unsupported trace version {} (this gilsim reads version 1)",
                                         j.contains("version") ? j["version"].dump().substr(0, 40) : "(none)"));
  using R = Reader;
  Trace t;
  try {
    t.program = R::str(R::field(j, "program", "the trace"), "program");
    t.sha256 = R::str(R::field(j, "sha256", "the trace"), "sha256");
    if (t.sha256.size() != 64 || !std::all_of(t.sha256.begin(), t.sha256.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); }))
      R::bad("\"sha256\" must be 64 hexadecimal digits");
    t.model = R::str(R::field(j, "model", "the trace"), "model");
    const json& o = R::field(j, "options", "the trace");
    if (!o.is_object()) R::bad("\"options\" must be an object");
    t.strategy = o.contains("strategy") ? R::str(o["strategy"], "options.strategy") : "dpor";
    t.max_steps = o.contains("max_steps") ? static_cast<uint64_t>(R::integer(o["max_steps"], "options.max_steps", 1, sim::kMaxStepsLimit))
                                          : uint64_t{100000};
    if (o.contains("expect")) t.expect = R::str(o["expect"], "options.expect");
    if (o.contains("audit_every_step")) {
      if (!o["audit_every_step"].is_boolean()) R::bad("\"options.audit_every_step\" must be true or false");
      t.audit_every_step = o["audit_every_step"].get<bool>();
    }
    if (o.contains("cas_bound")) t.cas_bound = static_cast<uint32_t>(R::integer(o["cas_bound"], "options.cas_bound", 0, sim::kCasBoundLimit));
    if (j.contains("seed")) t.seed = R::unsigned_(j["seed"], "seed");
    if (j.contains("execution")) t.execution = R::unsigned_(j["execution"], "execution");
    if (j.contains("threads")) {
      if (!j["threads"].is_array() || j["threads"].size() > static_cast<size_t>(kMaxThreads)) R::bad("\"threads\" must be a list of names");
      for (const json& n : j["threads"]) t.threads.push_back(R::str(n, "threads[]"));
    }
    const json& d = R::field(j, "decisions", "the trace");
    if (!d.is_array()) R::bad("\"decisions\" must be a list of thread numbers");
    if (d.size() > kMaxDecisions) R::bad(fmt::format("{} decisions is more than any replay can take", d.size()));
    t.decisions.reserve(d.size());
    for (size_t k = 0; k < d.size(); ++k)
      t.decisions.push_back(static_cast<int>(R::integer(d[k], fmt::format("decisions[{}]", k), 0, kMaxThreads - 1)));
    if (j.contains("violation")) {
      const json& v = j["violation"];
      if (!v.is_object()) R::bad("\"violation\" must be an object");
      if (v.contains("kind")) t.violation_kind = R::str(v["kind"], "violation.kind");
      if (v.contains("message")) t.violation_message = R::str(v["message"], "violation.message");
    }
    if (j.contains("steps")) {
      const json& steps = j["steps"];
      if (!steps.is_array()) R::bad("\"steps\" must be a list");
      for (size_t k = 0; k < steps.size(); ++k) {
        const json& s = steps[k];
        std::string at = fmt::format("steps[{}]", k);
        if (!s.is_object()) R::bad(at + " must be an object");
        TraceStep ts;
        ts.thread = static_cast<int>(R::integer(R::field(s, "thread", at), at + ".thread", 0, kMaxThreads - 1));
        if (s.contains("line")) ts.line = static_cast<int>(R::integer(s["line"], at + ".line", 0, INT32_MAX));
        if (s.contains("function")) ts.function = R::str(s["function"], at + ".function");
        if (s.contains("pc")) ts.pc = static_cast<int>(R::integer(s["pc"], at + ".pc", 0, INT32_MAX));
        if (s.contains("opcode")) ts.opcode = R::str(s["opcode"], at + ".opcode");
        t.steps.push_back(std::move(ts));
      }
    }
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

}  // namespace traces
