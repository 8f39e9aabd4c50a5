// `gilsim simulate`: one run in virtual time on N cores (sim/simulate.h),
// reported as a table, JSON or an SVG timeline.
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/check.h"
#include "sim/simulate.h"
#include "vm/model.h"

namespace cli {

namespace {

// "5ms", "500us", "0.005s", "0.005" (seconds) -> seconds; nullopt when bad.
std::optional<double> parse_duration(const std::string& s) {
  size_t end = 0;
  double v = 0;
  try {
    v = std::stod(s, &end);
  } catch (const std::exception&) {
    return std::nullopt;
  }
  std::string unit = s.substr(end);
  double scale = unit.empty() || unit == "s" ? 1 : unit == "ms" ? 1e-3 : unit == "us" ? 1e-6 : unit == "ns" ? 1e-9 : -1;
  if (scale < 0 || !(v > 0) || v * scale > 3600) return std::nullopt;
  return v * scale;
}

std::string ms(int64_t ns) { return fmt::format("{:.3f} ms", static_cast<double>(ns) / 1e6); }

}  // namespace

int cmd_simulate(const SimulateArgs& a) {
  if (a.print_costs) {
    std::cout << sim::default_costs_text();
    return 0;
  }
  if (a.path.empty()) {
    std::cerr << "gilsim simulate: PROG is required (or --print-costs)\n";
    return 2;
  }
  // python2-gil is a timing model only: its interleavings are gil's (a
  // switch at a check between two bytecodes), so check has no use for it.
  bool python2 = a.model == "python2-gil";
  auto model = python2 ? std::optional<vm::Model>(vm::Model::Gil) : vm::parse_model(a.model);
  if (!model) {
    std::cerr << fmt::format("gilsim simulate: unknown model '{}' (one of: {}, python2-gil)\n", a.model,
                             fmt::join(vm::kModelNames, ", "));
    return 2;
  }
  if (a.cores < 1 || a.cores > 1024) {
    std::cerr << fmt::format("gilsim simulate: --cores {} is out of range: give 1 to 1024\n", a.cores);
    return 2;
  }
  auto interval = parse_duration(a.switch_interval);
  if (!interval) {
    std::cerr << fmt::format("gilsim simulate: --switch-interval '{}' is not a duration: write it as 5ms, 500us or "
                             "0.005 (seconds), more than 0 and at most an hour\n",
                             a.switch_interval);
    return 2;
  }
  sim::SimOptions o;
  o.model = *model;
  o.python2_gil = python2;
  o.cores = a.cores;
  o.switch_interval = *interval;
  o.max_steps = a.max_steps;
  try {
    if (a.costs.empty()) {
      o.costs = sim::parse_costs(sim::default_costs_text(), "sim/costs.json");
    } else {
      std::ifstream in(a.costs, std::ios::binary);
      if (!in) {
        std::cerr << fmt::format("gilsim simulate: cannot read the cost table {}\n", a.costs);
        return 2;
      }
      std::stringstream ss;
      ss << in.rdbuf();
      o.costs = sim::parse_costs(ss.str(), a.costs);
    }
  } catch (const sim::CostsError& e) {
    std::cerr << "gilsim simulate: " << e.what() << "\n";
    return 2;
  }
  sim::Program prog = load_program(a.path, std::nullopt);
  sim::SimReport r = sim::simulate(prog, o);
  std::string title = fmt::format("gilsim simulate {}", a.path);
  if (!a.svg.empty()) {
    std::ofstream out(a.svg, std::ios::binary);
    out << sim::report_svg(r, o, title);
    if (!out) {
      std::cerr << fmt::format("gilsim simulate: cannot write {}\n", a.svg);
      return 2;
    }
  }
  if (a.json) {
    std::cout << sim::report_json(r, o);
    return r.exit_code != 0 || !r.error.empty() ? 1 : 0;
  }
  std::cout << fmt::format("{}: {} on {} core{}, {}, in virtual time\n\n", title, o.model_name(), o.cores,
                           o.cores == 1 ? "" : "s", o.gil_protocol());
  if (!r.output.empty()) {
    std::cout << "Program output (its clocks read virtual time):\n";
    std::istringstream lines(r.output);
    for (std::string line; std::getline(lines, line);) std::cout << "  | " << line << "\n";
    std::cout << "\n";
  }
  size_t w = 6;
  for (const auto& t : r.threads) w = std::max(w, t.name.size());
  // python2-gil: the part of the GIL wait spent retaking it against a waiter.
  auto battle = [&](const std::string& v) { return o.python2_gil ? fmt::format("  {:>12}", v) : std::string(); };
  // Without a GIL the wait is for a core (when threads outnumber them).
  bool gil = vm::has_gil(o.model);
  std::cout << fmt::format("  {:<{}}  {:>12}  {:>12}{}  {:>12}  {:>12}  {:>11}\n", "thread", w, "cpu time",
                           gil ? "GIL wait" : "core wait",
                           battle("of it battle"), "blocked", "of it asleep", "bytecodes");
  for (const auto& t : r.threads)
    std::cout << fmt::format("  {:<{}}  {:>12}  {:>12}{}  {:>12}  {:>12}  {:>11}\n", t.name, w, ms(t.cpu_time),
                             ms(gil ? t.gil_wait : t.ready), battle(ms(t.gil_battle)), ms(t.blocked + t.sleeping), ms(t.sleeping),
                             t.bytecodes);
  std::cout << fmt::format("\n  wall time      {}\n", ms(r.wall_time));
  std::cout << fmt::format("  serial time    {}  (every thread's CPU time and sleeps, one after another)\n",
                           ms(r.serial_time));
  std::cout << fmt::format("  speedup        {:.2f}x\n", r.speedup);
  if (o.python2_gil && o.cores > 1)
    std::cout << fmt::format("  GIL            released {} times with a thread waiting on another core, which won it "
                             "{} times (a battle each: the holder mostly retakes it first; no forced switching)\n",
                             r.gil_battles, r.gil_handoffs);
  else if (o.python2_gil)
    std::cout << fmt::format("  GIL            changed hands {} times (on one core the waiter runs only when the OS "
                             "preempts the holder)\n",
                             r.gil_handoffs);
  else if (vm::has_gil(o.model))
    std::cout << fmt::format("  GIL            {} forced switch{} (a waiter asked the holder to drop it after "
                             "{:g} ms)\n",
                             r.gil_handoffs, r.gil_handoffs == 1 ? "" : "es", o.switch_interval * 1e3);
  int64_t cpu = 0, rc = 0;
  uint64_t changes = 0;
  for (const auto& t : r.threads) cpu += t.cpu_time, rc += t.count_time, changes += t.count_changes;
  std::cout << fmt::format("  refcounting    {} count changes; {} beyond plain adds under {} ({:.1f}% of CPU time)\n",
                           changes, ms(rc), o.model_name(), cpu ? 100.0 * static_cast<double>(rc) / static_cast<double>(cpu) : 0.0);
  if (!a.svg.empty()) std::cout << fmt::format("\nTimeline written to {}\n", a.svg);
  if (!r.error.empty()) std::cout << "\nThe run stopped: " << r.error << "\n";
  return r.exit_code != 0 || !r.error.empty() ? 1 : 0;
}

}  // namespace cli
