// The trace format (DESIGN.md): a JSON file that replays one execution, and
// the renderers of a replayed execution.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/explorer.h"

namespace traces {

struct TraceStep {
  int thread = 0;
  int line = 0;            // the line of the step's last bytecode
  std::string function;    // its code object's name
  int pc = 0;              // its offset in bytes, as dis shows it
  std::string opcode;      // "STORE_GLOBAL x"
};

struct Trace {
  std::string program;  // the path as given
  std::string sha256;   // of the program's source
  std::string model;
  std::string strategy;
  uint64_t max_steps = 0;
  std::optional<std::string> expect;
  bool audit_every_step = false;  // counts checked after every step (check --audit)
  uint32_t cas_bound = 0;         // check --cas-bound
  uint64_t seed = 0;
  uint64_t execution = 0;
  std::vector<int> decisions;
  std::string violation_kind, violation_message;
  std::vector<std::string> threads;  // names, by id
  std::vector<TraceStep> steps;      // for rendering and divergence checks
};

// Builds the trace of a violation (replaying it for the per-step fields).
Trace make_trace(const sim::Program& prog, const sim::CheckOptions& opts, const std::string& strategy,
                 const sim::Violation& v, const sim::Replayed& r);
std::string to_json(const Trace& t);

// The options a trace replays with (its model, step limit, --expect, ...);
// throws std::runtime_error for a model this gilsim does not know.
sim::CheckOptions replay_options(const Trace& t);
// Why a replay of `t` does not match it, or "" when it does: a decision that
// named a thread that could not run, a step unlike the one recorded, other
// thread names, and (with `ending`) another violation than the recorded one.
std::string replay_mismatch(const sim::Program& prog, const sim::CheckOptions& opts, const Trace& t,
                            const sim::Replayed& rep, bool ending);
// The ending part alone: "" when the replay ended as the trace recorded.
std::string ending_mismatch(const Trace& t, const sim::Replayed& rep);
// Parses a trace file's text; throws std::runtime_error with a message.
Trace from_json(const std::string& text);

// The interleaving as a table: one column per thread, one row per bytecode
// (long runs of one thread folded), the switches marked.
std::string render_table(const sim::Replayed& r);
// The execution as Chrome Trace Event JSON (the format ui.perfetto.dev and
// chrome://tracing open): a track per thread, a slice per step holding a
// slice per bytecode (one microsecond each, in execution order), an
// instant event at each preemption and at the violation.
std::string render_perfetto(const Trace& t, const sim::Replayed& r);

// One self-contained HTML page (works offline) to step through the
// execution: the source with each thread's line, the threads' bytecodes side
// by side, buttons, a slider and the arrow keys to move, and the module's
// globals with their reference counts after each step.
std::string render_html(const Trace& t, const std::string& source, const sim::Replayed& r);

// The line a code unit belongs to (vm::instruction_pc finds the
// instruction a code unit starts).
int line_at(const vm::Code& code, int pc);
// An executed instruction as the table shows it ("STORE_GLOBAL x <- 1"),
// and its line.
std::string instruction_of(const sim::Executed& e);
int line_of(const sim::Executed& e);

}  // namespace traces
