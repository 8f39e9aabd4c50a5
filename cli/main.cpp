// The `gilsim` command: a thin layer over the libraries that parses the
// command line (CLI11), runs one subcommand and maps the result to the exit
// codes of DESIGN.md: 0 success, 1 a violation or a failed program, 2 bad
// usage or bad input (with a FILE:LINE:COL message).
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdio>
#include <iostream>
#include <string>

#include "cli/check.h"
#include "properties/monitors.h"
#include "vm/compiler.h"
#include "vm/diagnostic.h"
#include "vm/dis.h"
#include "vm/interpreter.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

constexpr const char* kVersion = "gilsim " GILSIM_VERSION;

int cmd_dis(const std::string& path) {
  auto code = vm::compile_file(path);
  std::string text = vm::disassemble(*code);
  std::fwrite(text.data(), 1, text.size(), stdout);
  return 0;
}

struct RunArgs {
  std::string path;
  uint64_t seed = 0;
  bool audit = false;
  uint64_t max_steps = 0;
  std::string model = "gil";
};

int cmd_run(const RunArgs& a, bool has_seed) {
  auto model = vm::parse_model(a.model);
  if (!model) {
    std::cerr << fmt::format("gilsim: unknown model '{}' (one of: {})\n", a.model, fmt::join(vm::kModelNames, ", "));
    return 2;
  }
  auto code = vm::compile_file(a.path);
  std::ifstream in(a.path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  vm::RunOptions opts;
  if (has_seed) opts.seed = a.seed;
  properties::RefcountMonitor every_step;
  if (a.audit) opts.monitor = &every_step;
  opts.max_steps = a.max_steps;
  opts.model = *model;
  std::string out, err;
  vm::RunResult r;
  {
    vm::Interpreter interp;
    interp.stream_out = stdout;
    interp.stream_err = stderr;
    std::filesystem::path p(a.path);
    interp.main_file_display = p.is_absolute() ? a.path : (std::filesystem::current_path() / p).string();
    r = interp.run_main(code, ss.str(), opts, out, err);
    if (a.audit && r.error.empty()) {
      auto bad = interp.audit();
      for (auto& b : bad) err += "gilsim: audit: " + b + "\n";
      if (!bad.empty()) r.exit_code = 1;
      interp.flush_streams();
    }
  }
  return r.exit_code;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"gilsim: a deterministic simulator and model checker for a CPython-like VM"};
  app.set_version_flag("--version", kVersion);
  app.require_subcommand(1);
  app.footer("Exit codes: 0 no violation, 1 a violation (or the program failed under run), 2 bad usage or input.\n"
             "Colour only on a terminal, never when NO_COLOR is set.\n"
             "Start here:\n  gilsim check examples/counter.py       # two threads' x += 1 loses an update\n"
             "  gilsim simulate examples/cpu_bound_threads.py --svg threads.svg\n"
             "  gilsim COMMAND --help                   # every option of a command, with examples");

  std::string dis_path;
  auto* dis = app.add_subcommand("dis", "Disassemble a program exactly as `python3.11 -m dis` does");
  dis->add_option("PROG", dis_path, "Python source file")->required();
  dis->footer("Example:\n  gilsim dis examples/counter.py");

  RunArgs run_args;
  auto* run = app.add_subcommand("run", "Run a program once, as python3.11 would, on a deterministic schedule");
  run->add_option("PROG", run_args.path, "Python source file")->required();
  auto* seed_opt = run->add_option("--seed", run_args.seed, "Use a random schedule drawn from this seed");
  run->add_flag("--audit", run_args.audit, "Check every reference count against the heap after every instruction");
  run->add_option("--max-steps", run_args.max_steps, "Stop after this many bytecodes in one thread (0: no limit)");
  run->add_option("--model", run_args.model, "The atomicity model: gil (default), cpython-3.11, nogil-naive, nogil-object-locks, nogil-atomic-rc, nogil-cas-rc or free-threaded");
  run->footer("Examples:\n  gilsim run examples/counter.py\n  gilsim run examples/counter.py --seed 7");

  cli::CheckArgs check_args;
  std::string expect;
  auto* check = app.add_subcommand("check", "Explore the program's interleavings under an atomicity model");
  check->add_option("PROG", check_args.path, "Python source file")->required();
  check->add_option("--model", check_args.model, "gil (default), cpython-3.11, ..., or all");
  check->add_option("--strategy", check_args.strategy, "dpor (default), dfs, bounded, random or pct (these two: 1000 executions unless --executions)");
  check->add_option("--depth", check_args.depth, "pct: the bug depth d (default 3)");
  check->add_option("--preemptions", check_args.preemptions,
                    "bounded: every schedule with at most K preemptions, fewest first (default 2)");
  check->add_option("--executions", check_args.executions, "Stop after this many executions (0: no limit)");
  check->add_option("--time-limit", check_args.time_limit, "Stop after this many seconds (0: no limit)");
  check->add_option("--max-steps", check_args.max_steps, "Bytecodes one thread may run in one execution");
  auto* expect_opt = check->add_option("--expect", expect, "A Python expression over the final globals that must hold");
  check->add_option("--trace-out", check_args.trace_out, "Where to save the trace of a violation");
  check->add_flag("--json", check_args.json, "Print the result as one JSON object");
  check->add_flag("--audit", check_args.audit,
                 "Check every reference count against the heap after every step, not only at the end (slower)");
  check->add_option("--cas-bound", check_args.cas_bound,
                    "nogil-cas-rc: report starvation when one compare-and-swap fails this many times in a row (0: never)");
  check->add_flag("--keep-going", check_args.keep_going, "Explore on after a violation (all outcomes; the first violation is reported)");
  check->add_option("--seed", check_args.seed, "Seed of the random strategies (recorded in traces)");
  check->add_option("--jobs", check_args.jobs, "Parallel workers for random, pct and bounded (the output does not depend on it; dpor and dfs use one)");
  check->add_option("--checkpoint", check_args.checkpoint,
                    "Save the exploration state to this file periodically and when it ends");
  check->add_option("--checkpoint-every", check_args.checkpoint_every, "Seconds between checkpoints (default 10)");
  check->add_option("--resume", check_args.resume,
                    "Continue the exploration saved in this checkpoint (same program, model and strategy options)");
  check->footer("A program can state its expectation in a line `# gilsim-expect: EXPR`.\n"
                "Examples:\n  gilsim check examples/counter.py\n  gilsim check examples/counter.py --expect 'x >= 1'\n"
                "  gilsim check tests/check/loop_small.py --model cpython-3.11\n  gilsim check examples/counter.py --model all");

  cli::ReplayArgs replay_args;
  auto* replay = app.add_subcommand("replay", "Replay a saved trace and show its interleaving");
  replay->add_option("TRACE", replay_args.trace, "A trace file written by gilsim check")->required();
  replay->add_option("--format", replay_args.format,
                     "table (default: a column per thread), json (the trace, checked), html (a page to step through, "
                     "offline), or perfetto (Chrome Trace Event JSON for ui.perfetto.dev)");
  replay->add_option("-o,--output", replay_args.output, "Write the rendering to this file instead of the terminal");
  replay->add_option("--model", replay_args.model, "Refuse unless the trace was recorded under this model");
  replay->footer("The replay re-executes the program and checks every step against the trace: a changed\n"
                 "program (its SHA-256) or a step that differs is refused with exit code 2.\n"
                 "Examples:\n  gilsim replay gilsim-traces/counter-gil-2.json\n"
                 "  gilsim replay gilsim-traces/counter-gil-2.json --format html -o counter.html\n"
                 "  gilsim replay gilsim-traces/counter-gil-2.json --format perfetto -o counter.perfetto.json");

  cli::MinimizeArgs minimize_args;
  auto* minimize = app.add_subcommand("minimize", "Shrink a trace to the fewest preemptions, then the fewest steps");
  minimize->add_option("TRACE", minimize_args.trace, "A trace file written by gilsim check")->required();
  minimize->add_option("-o,--output", minimize_args.output, "Where to save the minimized trace (default: TRACE.min.json)");
  minimize->add_option("--executions", minimize_args.executions,
                       "Executions the searches may run in all (default 20000)");
  minimize->footer("Example:\n  gilsim minimize gilsim-traces/counter-gil-2.json");

  cli::ExplainArgs explain_args;
  auto* explain = app.add_subcommand("explain", "Say in plain English which atomicity boundary a trace crossed");
  explain->add_option("TRACE", explain_args.trace, "A trace file written by gilsim check or minimize")->required();
  explain->footer("Example:\n  gilsim explain gilsim-traces/counter-gil-2.min.json");

  cli::SimulateArgs simulate_args;
  auto* simulate = app.add_subcommand("simulate", "Run the program once in virtual time on N cores: threads, the GIL, processes");
  simulate->add_option("PROG", simulate_args.path, "Python source file");
  simulate->add_option("--model", simulate_args.model, "gil (default), cpython-3.11, python2-gil, free-threaded, nogil-atomic-rc, ...");
  simulate->add_option("--cores", simulate_args.cores, "Virtual cores (default 4)");
  simulate->add_option("--switch-interval", simulate_args.switch_interval,
                       "How long a thread waits for the GIL before asking for it (default 5ms; sys.setswitchinterval works too)");
  simulate->add_option("--svg", simulate_args.svg, "Write a timeline: a lane per thread, running, waiting for the GIL, blocked");
  simulate->add_flag("--json", simulate_args.json, "Print the report as one JSON object");
  simulate->add_option("--costs", simulate_args.costs, "A cost table in the format of --print-costs (nanoseconds per bytecode, ...)");
  simulate->add_flag("--print-costs", simulate_args.print_costs, "Print the default cost table, with where its numbers come from");
  simulate->add_option("--max-steps", simulate_args.max_steps, "Stop a thread after this many bytecodes (0: no limit)");
  simulate->footer("Time is virtual: every bytecode costs what the cost table says, so the same program and options\n"
                   "always give the same numbers.\nExamples:\n  gilsim simulate examples/cpu_bound_threads.py\n"
                   "  gilsim simulate examples/cpu_bound_threads.py --model free-threaded --svg ft.svg\n"
                   "  gilsim simulate examples/io_bound_threads.py --cores 1");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    // Point at the subcommand's own help when there is one.
    std::string sub;
    for (const char* name : {"dis", "run", "check", "replay", "minimize", "explain", "simulate"})
      if (argc > 1 && std::string(argv[1]) == name) sub = std::string(" ") + name;
    std::cerr << "gilsim: " << e.what() << "\nRun 'gilsim" << sub << " --help' for its options and examples.\n";
    return 2;
  }

  try {
    if (dis->parsed()) return cmd_dis(dis_path);
    if (run->parsed()) return cmd_run(run_args, seed_opt->count() > 0);
    if (check->parsed()) {
      if (expect_opt->count()) check_args.expect = expect;
      return cli::cmd_check(check_args);
    }
    if (replay->parsed()) return cli::cmd_replay(replay_args);
    if (minimize->parsed()) return cli::cmd_minimize(minimize_args);
    if (explain->parsed()) return cli::cmd_explain(explain_args);
    if (simulate->parsed()) return cli::cmd_simulate(simulate_args);
  } catch (const vm::CompileError& e) {
    std::fflush(stdout);
    std::cerr << e.diagnostic().format() << "\n";
    return 2;
  }
  return 2;
}
