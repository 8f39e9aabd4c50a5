// `gilsim check`.
#include "cli/check.h"
#include "cli/colour.h"

#include <fmt/format.h>

#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "traces/explain.h"
#include "traces/sha256.h"
#include "traces/trace.h"
#include "vm/compiler.h"
#include "vm/diagnostic.h"

namespace cli {

using json = nlohmann::json;

namespace {

std::string slurp(const std::string& path) { return vm::read_source(path); }

}  // namespace

sim::Program load_program(const std::string& path, const std::optional<std::string>& expect) {
  sim::Program p;
  p.path = path;
  std::filesystem::path fp(path);
  p.display = fp.is_absolute() ? path : (std::filesystem::current_path() / fp).string();
  p.source = slurp(path);
  p.code = vm::compile_source(p.source, path);
  if (expect) {
    try {
      p.expect_code = vm::compile_source("__gilsim_expect__ = (" + *expect + ")\n", "<expect>");
    } catch (const vm::CompileError& e) {
      throw vm::CompileError(vm::Diagnostic{"--expect", 1, 0, fmt::format("'{}' is not a valid expression: {}", *expect,
                                                                            e.diagnostic().message)});
    }
  }
  return p;
}

std::string plural(uint64_t n, const char* word) { return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s"); }

namespace {

std::string state_text(const sim::State& st) {
  if (st.empty()) return "(no simple globals)";
  std::string s;
  for (auto& [k, v] : st) s += fmt::format("{}{} = {}", s.empty() ? "" : ", ", k, v);
  return s;
}

json value_json(const std::string& repr) {
  if (repr == "None") return nullptr;
  if (repr == "True") return true;
  if (repr == "False") return false;
  bool digits = !repr.empty() && repr.size() < 19;
  for (size_t i = 0; i < repr.size(); ++i)
    if (!(isdigit(static_cast<unsigned char>(repr[i])) || (i == 0 && repr[i] == '-' && repr.size() > 1))) digits = false;
  if (digits) return std::stoll(repr);
  return repr;  // anything else as its Python repr
}

json result_json(const sim::CheckResult& r, const std::string& trace_path) {
  json j;
  j["verdict"] = r.violation ? "violation" : "pass";
  j["complete"] = r.complete;
  j["executions"] = r.executions;
  j["abandoned"] = r.abandoned;
  if (r.classes >= 0) j["classes"] = r.classes;
  else j["classes"] = nullptr;
  j["seconds"] = r.seconds;
  json outs = json::array();
  for (auto& o : r.outcomes) {
    json st = json::object();
    for (auto& [k, v] : o.state) st[k] = value_json(v);
    outs.push_back({{"state", st}, {"count", o.count}});
  }
  j["outcomes"] = outs;
  if (r.violation) {
    j["violation"] = {{"kind", r.violation->kind},
                      {"message", r.violation->message},
                      {"execution", r.violation->execution},
                      {"trace", trace_path}};
  }
  return j;
}

std::string default_trace_path(const std::string& prog, const std::string& model, uint64_t execution) {
  return fmt::format("gilsim-traces/{}-{}-{}.json", std::filesystem::path(prog).stem().string(), model, execution + 1);
}

}  // namespace

// Prints the violation's interleaving, explanation and replay command.
void show_violation(const sim::Replayed& rep, const std::string& trace_path) {
  std::cout << "\nInterleaving (one column per thread; dashes mark a thread switch):\n\n";
  std::cout << traces::render_table(rep);
  const std::string& kind = rep.violation.kind;
  std::string why;
  if (kind == "deadlock") {
    why = traces::explain_deadlock(rep);
  } else {
    why = traces::explain_lost_update(rep);
    if (why.empty() && (kind == "assertion" || kind == "expect" || kind == "exception"))
      why = traces::explain_stale_read(rep);
  }
  if (!why.empty()) std::cout << "\n" << why;
  std::string counts = traces::explain_counts(rep, rep.violation.message);
  if (!counts.empty()) std::cout << "\n" << counts;
  if (!rep.output.empty()) {
    std::cout << "\nProgram output in this execution:\n";
    std::istringstream in(rep.output);
    for (std::string line; std::getline(in, line);) std::cout << "  | " << line << "\n";
  }
  if (!trace_path.empty()) {
    std::cout << "\nTrace saved to " << trace_path << "\nReplay it: gilsim replay " << trace_path << "\n";
  }
}

// A program may state what it expects at the end in a comment line
// `# gilsim-expect: EXPR`; --expect overrides it.
std::optional<std::string> expect_in_source(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return sim::stated_expectation(ss.str());
}

// The exploration stops after the execution under way and reports; a second
// Ctrl-C half a second or more after the first ends the process at once (one
// sooner is the same interrupt delivered twice, as `timeout` does: to the
// process and to its group).
volatile std::sig_atomic_t g_first_sigint_ms = -1;

extern "C" void on_sigint(int) {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);  // async-signal-safe
  long now = static_cast<long>(ts.tv_sec % 1000000) * 1000 + ts.tv_nsec / 1000000;
  if (g_first_sigint_ms >= 0 && now - g_first_sigint_ms >= 500) {
    std::signal(SIGINT, SIG_DFL);
    std::raise(SIGINT);
    return;
  }
  if (g_first_sigint_ms < 0) g_first_sigint_ms = static_cast<std::sig_atomic_t>(now);
  sim::request_stop();
}

int cmd_check(const CheckArgs& args) {
  CheckArgs a = args;
  sim::clear_stop();
  std::signal(SIGINT, on_sigint);
  bool from_source = false;
  if (!a.expect) {
    a.expect = expect_in_source(a.path);
    from_source = a.expect.has_value();
  }
  std::vector<vm::Model> models;
  if (a.model == "all") {
    for (size_t i = 0; i < vm::kModelNames.size(); ++i) models.push_back(static_cast<vm::Model>(i));
  } else {
    auto m = vm::parse_model(a.model);
    if (!m) {
      std::cerr << fmt::format("gilsim: unknown model '{}' (one of: gil, cpython-3.11, nogil-naive, nogil-object-locks, "
                               "nogil-atomic-rc, nogil-cas-rc, free-threaded, all)\n", a.model);
      return 2;
    }
    models.push_back(*m);
  }
  if (!sim::is_strategy(a.strategy)) {
    std::cerr << fmt::format("gilsim: unknown strategy '{}' (one of: {})\n", a.strategy, fmt::join(sim::kStrategyNames, ", "));
    return 2;
  }
  if (a.preemptions < 0) {
    std::cerr << "gilsim: --preemptions must be 0 or more\n";
    return 2;
  }
  // The ranges a trace records (a trace outside them would not replay).
  if (a.max_steps < 1 || a.max_steps > sim::kMaxStepsLimit) {
    std::cerr << fmt::format("gilsim: --max-steps {} is out of range: give 1 to {} bytecodes per thread\n", a.max_steps,
                             sim::kMaxStepsLimit);
    return 2;
  }
  if (a.cas_bound > sim::kCasBoundLimit) {
    std::cerr << fmt::format("gilsim: --cas-bound {} is out of range: give 0 (never) to {}\n", a.cas_bound,
                             sim::kCasBoundLimit);
    return 2;
  }
  if (a.cas_bound && std::find(models.begin(), models.end(), vm::Model::NogilCasRc) == models.end())
    std::cerr << fmt::format("gilsim: note: --cas-bound only matters under nogil-cas-rc, not {}\n", a.model);
  if (sim::is_sampling(a.strategy) && a.executions == 0 && a.time_limit == 0) a.executions = sim::kSamplingExecutions;
  sim::Program prog = load_program(a.path, a.expect);
  json all = json::object();
  json rows = json::array();
  int exit_code = 0;
  if (!a.json && models.size() > 1)
    std::cout << fmt::format("{:<20} {:<10} {:>10} {:>9}  {}\n", "model", "verdict", "executions", "complete", "outcomes");
  for (vm::Model m : models) {
    std::string mname(vm::model_name(m));
    sim::CheckOptions opts;
    opts.model = m;
    opts.strategy = a.strategy;
    opts.max_executions = a.executions;
    opts.time_limit = a.time_limit;
    opts.max_steps = a.max_steps;
    opts.expect = a.expect;
    opts.audit_every_step = a.audit;
    opts.cas_bound = a.cas_bound;
    opts.stop_at_violation = !a.keep_going;
    opts.seed = a.seed;
    opts.depth = a.depth;
    opts.preemptions = a.preemptions;
    opts.progress = !a.json && isatty(STDERR_FILENO);
    opts.jobs = a.jobs;
    opts.checkpoint = a.checkpoint.empty() || models.size() == 1 ? a.checkpoint : a.checkpoint + "." + mname;
    opts.resume = a.resume.empty() || models.size() == 1 ? a.resume : a.resume + "." + mname;
    opts.checkpoint_every = a.checkpoint_every;
    opts.program_sha256 = traces::sha256_hex(prog.source);
    sim::CheckResult r;
    try {
      r = sim::explore(prog, opts);
    } catch (const sim::CheckpointError& e) {
      std::cerr << "gilsim: " << e.what() << "\n";
      return 2;
    }
    std::string trace_path;
    sim::Replayed rep;
    if (r.violation) {
      exit_code = 1;
      trace_path = a.trace_out.empty() ? default_trace_path(a.path, mname, r.violation->execution)
                                       : (models.size() > 1 ? a.trace_out + "." + mname : a.trace_out);
      rep = sim::replay(prog, opts, r.violation->decisions);
      traces::Trace t = traces::make_trace(prog, opts, a.strategy, *r.violation, rep);
      std::error_code ec;
      if (auto dir = std::filesystem::path(trace_path).parent_path(); !dir.empty())
        std::filesystem::create_directories(dir, ec);
      std::ofstream out(trace_path, std::ios::binary);
      out << traces::to_json(t);
      if (!out) {
        std::cerr << "gilsim: cannot write the trace to " << trace_path << "\n";
        return 2;
      }
    }
    if (a.json) {
      if (models.size() > 1) all["models"][mname] = result_json(r, trace_path);
      else all = result_json(r, trace_path);
      continue;
    }
    if (models.size() > 1) {
      std::string outs;
      for (auto& o : r.outcomes) outs += fmt::format("{}{} ({})", outs.empty() ? "" : "; ", state_text(o.state), o.count);
      std::string verdict = fmt::format("{:<10}", r.violation ? r.violation->kind : "pass");
      std::cout << fmt::format("{:<20} {} {:>10} {:>9}  {}\n", mname, r.violation ? red(verdict) : green(verdict),
                               r.executions, r.complete ? "yes" : "no", outs);
      continue;
    }
    std::cout << fmt::format("gilsim check {}: model {}, strategy {}{}\n", a.path, mname, a.strategy,
                             a.expect ? fmt::format(", expecting {}{}", *a.expect, from_source ? " (from the program)" : "") : "");
    std::string how = r.complete ? "complete: every interleaving that matters was explored"
                                 : r.stopped_by == "violation" ? "stopped at the first violation"
                                 : r.stopped_by == "executions" ? "incomplete: --executions reached"
                                 : r.stopped_by == "time-limit" ? "incomplete: --time-limit reached"
                                 : r.stopped_by == "interrupted" ? "incomplete: interrupted"
                                 : a.strategy == "bounded"
                                     ? fmt::format("every schedule with at most {} preemption{} explored; more need a higher --preemptions",
                                                   a.preemptions, a.preemptions == 1 ? "" : "s")
                                                                : "incomplete";
    std::cout << fmt::format("Explored {} ({}) in {:.2f} s", plural(r.executions, "execution"), how, r.seconds);
    if (r.classes >= 0) std::cout << fmt::format("; {} distinct", plural(static_cast<uint64_t>(r.classes), "trace"));
    if (r.abandoned) std::cout << fmt::format("; {} cut short as redundant", r.abandoned);
    std::cout << ".\n\nOutcomes (final values of the module's simple globals):\n";
    for (auto& o : r.outcomes)
      std::cout << fmt::format("  {:<40} {}\n", state_text(o.state), plural(o.count, "execution"));
    if (r.violation) {
      std::cout << "\n" << red(fmt::format("VIOLATION ({})", r.violation->kind))
                << fmt::format(" in execution {}: {}\n", r.violation->execution + 1, r.violation->message);
      show_violation(rep, trace_path);
    } else {
      std::cout << "\nVerdict: " << green("pass")
                << (r.complete ? " (proved for every schedule of this model).\n"
                               : " (no violation in the executions explored).\n");
    }
  }
  if (a.json) std::cout << all.dump(1) << "\n";
  return exit_code;
}

}  // namespace cli
