// `gilsim replay`, `gilsim minimize` and `gilsim explain`: the commands that
// read a saved trace.
#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/check.h"
#include "cli/colour.h"
#include "traces/explain.h"
#include "traces/minimize.h"
#include "traces/sha256.h"
#include "traces/trace.h"
#include "vm/model.h"

namespace cli {

namespace {

// A trace read and checked against its program, ready to replay.
struct Loaded {
  traces::Trace trace;
  sim::Program prog;
  sim::CheckOptions opts;
};

// Reads TRACE; on bad input prints why (naming the file) and returns false.
bool load_trace(const std::string& path, Loaded& l) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << fmt::format("gilsim: {}: cannot open the trace: {} (gilsim check prints the path of every trace it "
                             "saves, under gilsim-traces/ unless --trace-out says otherwise)\n",
                             path, std::strerror(errno));
    return false;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  try {
    l.trace = traces::from_json(ss.str());
  } catch (const std::exception& e) {
    std::cerr << fmt::format("gilsim: {}: {}\n", path, e.what());
    return false;
  }
  const traces::Trace& t = l.trace;
  try {
    l.opts = traces::replay_options(t);
  } catch (const std::runtime_error& e) {
    std::cerr << fmt::format("gilsim: {}: {}\n", path, e.what());
    return false;
  }
  if (!std::filesystem::exists(t.program)) {
    std::cerr << fmt::format("gilsim: {}: the trace's program {} is not there (run from the directory the trace "
                             "was made in)\n", path, t.program);
    return false;
  }
  l.prog = load_program(t.program, t.expect);
  std::string sha = traces::sha256_hex(l.prog.source);
  if (sha != t.sha256) {
    std::cerr << fmt::format("gilsim: {}: the program {} changed since the trace was made (its SHA-256 is {}, the "
                             "trace's {}); the trace cannot be replayed against it\n",
                             path, t.program, sha, t.sha256);
    return false;
  }
  return true;
}

// Replays the trace and checks every step against the one recorded; on a
// difference prints it and returns false.
bool replay_checked(const std::string& path, const Loaded& l, sim::Replayed& rep) {
  rep = sim::replay(l.prog, l.opts, l.trace.decisions);
  std::string why = traces::replay_mismatch(l.prog, l.opts, l.trace, rep, false);
  if (why.empty()) return true;
  std::cerr << fmt::format("gilsim: {}: {}\n", path, why);
  return false;
}

bool write_file(const std::string& path, const std::string& text) {
  std::error_code ec;
  if (auto dir = std::filesystem::path(path).parent_path(); !dir.empty()) std::filesystem::create_directories(dir, ec);
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) {
    std::cerr << fmt::format("gilsim: cannot write {}\n", path);
    return false;
  }
  return true;
}

// The violation the replay ended with, as a trace records it.
sim::Violation violation_of(const traces::Trace& t, const sim::Replayed& rep) {
  return sim::Violation{rep.violation.kind, rep.violation.message, t.execution, t.decisions, rep.output};
}

// The replay must end as the trace says it did.
bool same_ending(const std::string& path, const Loaded& l, const sim::Replayed& rep) {
  std::string why = traces::ending_mismatch(l.trace, rep);
  if (why.empty()) return true;
  std::cerr << fmt::format("gilsim: {}: {}\n", path, why);
  return false;
}

}  // namespace

int cmd_replay(const ReplayArgs& a) {
  if (a.format != "table" && a.format != "json" && a.format != "html" && a.format != "perfetto") {
    std::cerr << fmt::format("gilsim: unknown format '{}' (one of: table, json, html, perfetto)\n", a.format);
    return 2;
  }
  Loaded l;
  if (!load_trace(a.trace, l)) return 2;
  const traces::Trace& t = l.trace;
  if (!a.model.empty() && a.model != t.model) {
    std::cerr << fmt::format("gilsim: {}: the trace was recorded under {}; it replays only under that model, not {} "
                             "(to see the program under {}, run gilsim check {} --model {})\n",
                             a.trace, t.model, a.model, a.model, t.program, a.model);
    return 2;
  }
  sim::Replayed rep;
  if (!replay_checked(a.trace, l, rep)) return 2;
  if (!a.output.empty()) no_colour();  // the rendering goes to a file
  std::string text;
  if (a.format == "json") {
    text = traces::to_json(traces::make_trace(l.prog, l.opts, t.strategy, violation_of(t, rep), rep));
  } else if (a.format == "perfetto") {
    text = traces::render_perfetto(t, rep);
  } else if (a.format == "html") {
    text = traces::render_html(t, l.prog.source, rep);
  } else {
    std::ostringstream out;
    std::streambuf* saved = std::cout.rdbuf(out.rdbuf());
    std::cout << fmt::format("gilsim replay {}: {} under {}, {}\n", a.trace, t.program, t.model,
                             plural(t.decisions.size(), "decision"));
    if (!rep.violation.kind.empty())
      std::cout << "\n" << red(fmt::format("VIOLATION ({})", rep.violation.kind)) << ": " << rep.violation.message << "\n";
    else
      std::cout << "\n" << green("No violation") << " in this execution.\n";
    show_violation(rep, "");
    std::cout.rdbuf(saved);
    text = out.str();
  }
  if (a.output.empty()) {
    std::cout << text;
  } else {
    if (!write_file(a.output, text)) return 2;
    std::cout << fmt::format("gilsim replay {}: wrote {} ({})\n", a.trace, a.output, a.format);
  }
  if (!same_ending(a.trace, l, rep)) return 2;
  return rep.violation.kind.empty() ? 0 : 1;
}

int cmd_minimize(const MinimizeArgs& a) {
  Loaded l;
  if (!load_trace(a.trace, l)) return 2;
  const traces::Trace& t = l.trace;
  sim::Replayed rep;
  if (!replay_checked(a.trace, l, rep) || !same_ending(a.trace, l, rep)) return 2;
  if (rep.violation.kind.empty()) {
    std::cerr << fmt::format("gilsim: {}: the trace shows no violation: there is nothing to minimize\n", a.trace);
    return 2;
  }
  traces::Minimized m = traces::minimize(l.prog, l.opts, violation_of(t, rep), a.executions);
  sim::Replayed after = sim::replay(l.prog, l.opts, m.violation.decisions);
  std::string out = a.output;
  if (out.empty()) {
    std::filesystem::path p(a.trace);
    out = (p.parent_path() / (p.stem().string() + ".min.json")).string();
  }
  traces::Trace mt = traces::make_trace(l.prog, l.opts, t.strategy, m.violation, after);
  if (!write_file(out, traces::to_json(mt))) return 2;
  std::cout << fmt::format("gilsim minimize {}: {} under {}, a violation ({})\n", a.trace, t.program, t.model,
                           rep.violation.kind);
  std::cout << fmt::format("  preemptions  {} -> {}\n  steps        {} -> {}\n", m.preemptions_before,
                           m.preemptions_after, rep.steps.size(), after.steps.size());
  std::string p = plural(static_cast<uint64_t>(m.preemptions_after), "preemption");
  std::string searched =
      !m.fewest ? fmt::format("the budget (--executions {}) ran out before every schedule with fewer than {} was "
                              "tried: fewer preemptions and steps may exist",
                              a.executions, p)
      : m.shortest
          ? fmt::format("no schedule with fewer preemptions shows it, and every one with {} was tried for the fewest steps", p)
          : fmt::format("no schedule with fewer preemptions shows it; the budget (--executions {}) ran out before every "
                        "schedule with {} was tried: fewer steps may exist",
                        a.executions, p);
  std::cout << fmt::format("  searched {}: {}\n", plural(m.executions, "execution"), searched);
  std::cout << "\n" << red(fmt::format("VIOLATION ({})", after.violation.kind)) << ": " << after.violation.message << "\n";
  show_violation(after, "");
  std::cout << "\nMinimized trace saved to " << out << "\nReplay it: gilsim replay " << out
            << "\nExplain it: gilsim explain " << out << "\n";
  return 1;
}

int cmd_explain(const ExplainArgs& a) {
  Loaded l;
  if (!load_trace(a.trace, l)) return 2;
  const traces::Trace& t = l.trace;
  sim::Replayed rep;
  if (!replay_checked(a.trace, l, rep) || !same_ending(a.trace, l, rep)) return 2;
  std::cout << fmt::format("gilsim explain {}: {} under {}, {}\n\n", a.trace, t.program, t.model,
                           plural(rep.steps.size(), "step"));
  std::cout << traces::explain(rep);
  return rep.violation.kind.empty() ? 0 : 1;
}

}  // namespace cli
