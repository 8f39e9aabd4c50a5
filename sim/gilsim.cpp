// gilsim's C++ API (sim/gilsim.h): a thin layer over the explorer, the
// interpreter and the trace functions the command line uses, turning their
// results into plain values and their bad-input paths into gilsim::Error.
#include "sim/gilsim.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/explorer.h"
#include "traces/explain.h"
#include "traces/minimize.h"
#include "traces/sha256.h"
#include "traces/trace.h"
#include "vm/compiler.h"
#include "vm/diagnostic.h"
#include "vm/dis.h"
#include "vm/interpreter.h"
#include "vm/model.h"

#ifndef GILSIM_VERSION
#error "GILSIM_VERSION is set by CMakeLists.txt"
#endif

namespace gilsim {

struct Program::Impl {
  sim::Program prog;
};

const Program::Impl& impl(const Program& p) {
  if (!p.impl_) throw Error("an empty gilsim::Program: make one with Program::from_file or Program::from_source");
  return *p.impl_;
}

namespace {

std::string read_file(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw Error(fmt::format("{}: is a directory, not a file", path), path);
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(fmt::format("{}: cannot open the file", path), path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Error compile_error(const vm::CompileError& e) {
  const vm::Diagnostic& d = e.diagnostic();
  return Error(e.what(), d.file, d.line, d.col);
}

vm::Model model_of(const std::string& name) {
  auto m = vm::parse_model(name);
  if (!m)
    throw Error(fmt::format("unknown model '{}' (one of: {})", name, fmt::join(vm::kModelNames, ", ")));
  return *m;
}

State state_of(const sim::State& s) { return State(s.begin(), s.end()); }

// The program with `expect` compiled as `gilsim check --expect` compiles it.
sim::Program with_expect(const sim::Program& prog, const std::optional<std::string>& expect) {
  sim::Program p = prog;
  if (!expect) return p;
  try {
    p.expect_code = vm::compile_source("__gilsim_expect__ = (" + *expect + ")\n", "<expect>");
  } catch (const vm::CompileError& e) {
    throw Error(fmt::format("expect: '{}' is not a valid expression: {}", *expect, e.diagnostic().message));
  }
  return p;
}

// The trace of a violation, as `gilsim check --trace-out` writes it.
Trace trace_of(const sim::Program& prog, const sim::CheckOptions& opts, const std::string& strategy,
               const sim::Violation& v) {
  sim::Replayed rep = sim::replay(prog, opts, v.decisions);
  return Trace{traces::to_json(traces::make_trace(prog, opts, strategy, v, rep))};
}

Violation violation_of(const sim::Program& prog, const sim::CheckOptions& opts, const std::string& strategy,
                       const sim::Violation& v) {
  return Violation{v.kind, v.message, v.output, v.execution, trace_of(prog, opts, strategy, v)};
}

// A trace read and checked against `program`, and its replay.
struct Loaded {
  traces::Trace trace;
  sim::Program prog;  // with the trace's --expect
  sim::CheckOptions opts;
  sim::Replayed rep;
};

Loaded load(const Program& program, const Trace& t) {
  Loaded l;
  const sim::Program& prog = impl(program).prog;
  try {
    l.trace = traces::from_json(t.json);
    l.opts = traces::replay_options(l.trace);
  } catch (const std::runtime_error& e) {
    throw Error(fmt::format("the trace: {}", e.what()));
  }
  std::string sha = traces::sha256_hex(prog.source);
  if (sha != l.trace.sha256)
    throw Error(fmt::format("the trace was made from another program than {} (its SHA-256 is {}, the trace's {})",
                            prog.path, sha, l.trace.sha256),
                prog.path);
  l.prog = with_expect(prog, l.trace.expect);
  l.rep = sim::replay(l.prog, l.opts, l.trace.decisions);
  std::string why = traces::replay_mismatch(l.prog, l.opts, l.trace, l.rep, true);
  if (!why.empty()) throw Error(fmt::format("the trace does not replay against {}: {}", prog.path, why), prog.path);
  return l;
}

// Runs an entry point: whatever it throws reaches the caller as a
// gilsim::Error (a std::exception from inside is a bug of gilsim, said so).
template <class F>
auto guarded(F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const Error&) {
    throw;
  } catch (const vm::CompileError& e) {
    throw compile_error(e);
  } catch (const std::exception& e) {
    throw Error(fmt::format("internal error in gilsim (please report it): {}", e.what()));
  }
}

}  // namespace

Error::Error(const std::string& message, std::string f, int l, int c)
    : std::runtime_error(message), file(std::move(f)), line(l), column(c) {}

std::string version() { return GILSIM_VERSION; }

std::vector<std::string> models() { return {vm::kModelNames.begin(), vm::kModelNames.end()}; }

std::vector<std::string> strategies() { return {sim::kStrategyNames.begin(), sim::kStrategyNames.end()}; }

namespace {

std::shared_ptr<const Program::Impl> compiled(const std::string& source, const std::string& name,
                                              const std::string& display) {
  auto i = std::make_shared<Program::Impl>();
  i->prog.path = name;
  i->prog.display = display;
  i->prog.source = source;
  try {
    i->prog.code = vm::compile_source(source, name);
  } catch (const vm::CompileError& e) {
    throw compile_error(e);
  }
  return i;
}

}  // namespace

Program Program::from_file(const std::string& path) {
  std::filesystem::path fp(path);  // tracebacks show the absolute path, as python3.11's do
  Program p;
  p.impl_ = compiled(read_file(path), path, fp.is_absolute() ? path : (std::filesystem::current_path() / fp).string());
  return p;
}

Program Program::from_source(const std::string& source, const std::string& name) {
  Program p;
  p.impl_ = compiled(source, name, name);
  return p;
}

const std::string& Program::name() const { return impl(*this).prog.path; }
const std::string& Program::source() const { return impl(*this).prog.source; }
std::optional<std::string> Program::expectation() const { return sim::stated_expectation(impl(*this).prog.source); }
std::string Program::dis() const { return vm::disassemble(*impl(*this).prog.code); }

void Trace::save(const std::string& path) const {
  std::ofstream out(path, std::ios::binary);
  out << json;
  if (!out) throw Error(fmt::format("{}: cannot write the trace", path), path);
}

Trace Trace::load(const std::string& path) { return Trace{read_file(path)}; }

Result check(const Program& program, const Options& o) {
  return guarded([&] {
    sim::CheckOptions opts;
    opts.model = model_of(o.model);
    if (!sim::is_strategy(o.strategy))
      throw Error(fmt::format("unknown strategy '{}' (one of: {})", o.strategy, fmt::join(sim::kStrategyNames, ", ")));
    if (o.jobs < 1) throw Error(fmt::format("jobs must be 1 or more, not {}", o.jobs));
    if (o.preemptions < 0) throw Error(fmt::format("preemptions must be 0 or more, not {}", o.preemptions));
    if (o.depth < 1) throw Error(fmt::format("depth must be 1 or more, not {}", o.depth));
    // The ranges a trace can record (traces::from_json checks them).
    if (o.max_steps < 1 || o.max_steps > sim::kMaxStepsLimit)
      throw Error(fmt::format("max_steps must be from 1 to {}, not {}", sim::kMaxStepsLimit, o.max_steps));
    if (o.cas_bound > sim::kCasBoundLimit)
      throw Error(fmt::format("cas_bound must be at most {}, not {}", sim::kCasBoundLimit, o.cas_bound));
    opts.strategy = o.strategy;
    opts.seed = o.seed;
    opts.preemptions = o.preemptions;
    opts.depth = o.depth;
    // As `gilsim check`: the sampling strategies never finish by themselves.
    opts.max_executions = sim::is_sampling(o.strategy) && !o.max_executions && !o.time_limit ? sim::kSamplingExecutions
                                                                                             : o.max_executions;
    opts.time_limit = o.time_limit;
    opts.max_steps = o.max_steps;
    opts.jobs = o.jobs;
    opts.expect = o.expect ? o.expect : program.expectation();
    opts.audit_every_step = o.audit_every_step;
    opts.cas_bound = o.cas_bound;
    opts.stop_at_violation = o.stop_at_violation;
    sim::Program prog = with_expect(impl(program).prog, opts.expect);
    opts.program_sha256 = traces::sha256_hex(prog.source);
    sim::CheckResult r = sim::explore(prog, opts);
    Result out;
    out.complete = r.complete;
    out.executions = r.executions;
    out.classes = r.classes;
    for (const sim::Outcome& oc : r.outcomes) out.outcomes.push_back(Outcome{state_of(oc.state), oc.count});
    if (r.violation) out.violation = violation_of(prog, opts, o.strategy, *r.violation);
    out.stopped_by = r.stopped_by;
    out.seconds = r.seconds;
    return out;
  });
}

RunResult run(const Program& program, const std::string& model, std::optional<uint64_t> seed) {
  return guarded([&] {
    const sim::Program& prog = impl(program).prog;
    vm::RunOptions opts;
    opts.model = model_of(model);
    opts.seed = seed;
    std::string out, err;
    vm::Interpreter interp;
    interp.main_file_display = prog.display;
    vm::RunResult r = interp.run_main(prog.code, prog.source, opts, out, err);
    return RunResult{r.exit_code, out + err};
  });
}

Replay replay(const Program& program, const Trace& trace) {
  return guarded([&] {
    Loaded l = load(program, trace);
    Replay r;
    r.table = traces::render_table(l.rep);
    r.output = l.rep.output;
    if (!l.rep.violation.kind.empty())
      r.violation = Violation{l.rep.violation.kind, l.rep.violation.message, l.rep.output, l.trace.execution, trace};
    if (l.rep.ended) r.state = state_of(l.rep.state);
    r.steps = l.rep.steps.size();
    return r;
  });
}

std::string explain(const Program& program, const Trace& trace) {
  return guarded([&] { return traces::explain(load(program, trace).rep); });
}

Trace minimize(const Program& program, const Trace& trace, uint64_t max_executions) {
  return guarded([&] {
    Loaded l = load(program, trace);
    if (l.rep.violation.kind.empty()) throw Error("the trace shows no violation: there is nothing to minimize");
    sim::Violation v{l.rep.violation.kind, l.rep.violation.message, l.trace.execution, l.trace.decisions, l.rep.output};
    traces::Minimized m = max_executions ? traces::minimize(l.prog, l.opts, v, max_executions)
                                         : traces::minimize(l.prog, l.opts, v);
    return trace_of(l.prog, l.opts, l.trace.strategy, m.violation);
  });
}

}  // namespace gilsim
