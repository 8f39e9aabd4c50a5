// `gilsim simulate`: one run of a program in virtual time on N cores.
//
// Every bytecode costs the time the cost table gives its opcode, and every
// reference-count change costs what the model makes it cost on top (an
// atomic instruction, a compare-and-swap, a lock, free-threaded CPython's
// biased fast and slow paths).  Each thread has its own clock; the thread
// that runs next is the running one with the earliest clock, so threads on
// different cores advance together.  Under a GIL model only the GIL's
// holder runs Python code, with CPython's protocol since 3.2
// (Python/ceval_gil.c): a thread that waits for the GIL asks the holder to
// drop it once it has waited one switch interval with no switch in between;
// the holder drops it at its next eval-breaker check and, forced switching,
// hands it to the thread that waited longest.  time.sleep, a blocked lock,
// join and gilsim.native(..., release_gil=True) wait without the GIL.
#pragma once

#include <array>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/explorer.h"
#include "vm/model.h"

namespace sim {

// Virtual-time costs, in picoseconds (the table file gives nanoseconds).
struct Costs {
  std::array<int64_t, 256> bytecode{};  // by opcode
  // A count change's cost beyond the plain increment the bytecode costs
  // already include, by how a model makes it.
  int64_t rc_atomic = 0, rc_cas = 0, rc_locked = 0, rc_biased_owner = 0, rc_biased_shared = 0;
  int64_t gil_handoff = 0;  // a forced switch: the drop, the signal, the waiter waking on its core
  int64_t gil_take = 0;     // taking a free GIL (after a sleep, a lock, a join)
  int64_t process_start = 0;  // Process.start until the child runs
  int64_t process_exit = 0;   // the child's last bytecode until join sees it end
  // The OS's time slice: how long a thread keeps a core while another
  // runnable one waits for it (no GIL), and how long python2-gil's holder
  // runs on one core before the OS lets the woken waiter in.
  int64_t os_timeslice = 0;
  // Python 2's GIL (--model python2-gil): every `check_interval` bytecodes
  // the holder releases it and takes it straight back.
  struct Python2Gil {
    int check_interval = 100;        // bytecodes (sys.setcheckinterval's default)
    int64_t uncontended_release = 0; // the release and retake when no thread waits
    int64_t contended_release = 0;   // the same with a waiter woken on another core: the battle
    double waiter_wins = 0;          // the share of those battles the woken waiter wins
  } python2;
};

// The default cost table (sim/costs.json, compiled in) as text.
const std::string& default_costs_text();
// A cost table from its JSON text; a bad table throws CostsError naming
// `file` and what is wrong.
struct CostsError : std::runtime_error {
  using std::runtime_error::runtime_error;
};
Costs parse_costs(const std::string& text, const std::string& file);

struct SimOptions {
  // The interpreter's model.  `python2_gil` (--model python2-gil) runs it as
  // gil, one bytecode at a time, under Python 2's GIL protocol instead of
  // 3.2's: no drop requests, a release and retake every check interval.
  vm::Model model = vm::Model::Gil;
  bool python2_gil = false;
  int cores = 4;
  double switch_interval = 0.005;  // seconds (sys.setswitchinterval changes it during the run)
  Costs costs;
  uint64_t max_steps = 0;  // bytecodes per thread (0: no limit)

  // The model's name on the command line ("python2-gil" or vm's name).
  std::string model_name() const;
  // How the GIL changes hands, for a report's heading: "switch interval
  // 5 ms", "a release every 100 bytecodes", "no GIL".
  std::string gil_protocol() const;
};

// What a thread did over a stretch of virtual time.
// Battle: python2-gil's holder retaking the GIL against a woken waiter.
enum class Activity : uint8_t { Running, GilWait, Blocked, Sleeping, Ready, Battle };

struct Span {
  int64_t begin, end;  // ns
  Activity what;
};

struct ThreadReport {
  std::string name;
  int64_t start = 0, end = 0;  // ns
  int64_t cpu_time = 0;        // running Python code (and native code that holds the GIL)
  int64_t gil_wait = 0;        // runnable, waiting for the GIL
  int64_t gil_battle = 0;      // python2-gil: the part of gil_wait spent retaking it against a waiter
  int64_t blocked = 0;         // on a lock or a join
  int64_t sleeping = 0;        // time.sleep, gilsim.native(release_gil=True): waiting that is work (I/O)
  int64_t ready = 0;           // without a GIL: runnable, waiting for a free core
  int64_t count_time = 0;      // the part of cpu_time spent on reference counting beyond plain increments
  uint64_t bytecodes = 0, count_changes = 0;
  std::vector<Span> spans;     // in order, merged
};

struct SimReport {
  int64_t wall_time = 0;       // ns, until the last thread ended
  int64_t serial_time = 0;     // the same work in one thread: every thread's cpu_time and sleeping, one after another
  double speedup = 0;          // serial_time / wall_time
  uint64_t gil_handoffs = 0;   // forced switches (each one answers a drop request); python2-gil: changes of holder
  uint64_t gil_battles = 0;    // python2-gil: releases with a waiter woken on another core
  std::vector<ThreadReport> threads;
  std::string output;          // stdout then stderr
  int exit_code = 0;
  std::string error;           // the run stopped (deadlock, a heap violation, the step limit)
};

SimReport simulate(const Program& prog, const SimOptions& opts);

// The run as JSON (wall_time, speedup, per thread cpu_time, gil_wait,
// blocked, ...; times in seconds) and as an SVG timeline.
std::string report_json(const SimReport& r, const SimOptions& o);
std::string report_svg(const SimReport& r, const SimOptions& o, const std::string& title);

}  // namespace sim
