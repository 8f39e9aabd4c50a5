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
// Parses a trace file's text; throws std::runtime_error with a message.
Trace from_json(const std::string& text);

// The interleaving as a table: one column per thread, one row per bytecode
// (long runs of one thread folded), the switches marked.
std::string render_table(const sim::Replayed& r);
// Where an atomicity boundary was crossed: a thread read a name, another
// thread wrote it, and then the first wrote it back (a lost update).  Empty
// when the execution shows no such pattern.
std::string explain_lost_update(const sim::Replayed& r);
// Without a GIL: the loads and stores of the count of the object a violation
// message names ("... list #12 ..."), in order, marking each store that
// overwrote another thread's (a lost increment or decrement).  Empty when
// the replay saw none (a GIL model, or no split count operation on it).
std::string explain_counts(const sim::Replayed& r, const std::string& message);

}  // namespace traces
