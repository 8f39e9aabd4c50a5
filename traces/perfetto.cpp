// Chrome Trace Event JSON (the "JSON Array/Object Format" of the Trace Event
// Format document that chrome://tracing and ui.perfetto.dev read).
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "traces/trace.h"

namespace traces {

std::string render_perfetto(const Trace& t, const sim::Replayed& r) {
  using json = nlohmann::json;
  json events = json::array();
  const int pid = 1;
  events.push_back({{"name", "process_name"}, {"ph", "M"}, {"pid", pid}, {"tid", 0},
                    {"args", {{"name", fmt::format("gilsim: {} under {}", t.program, t.model)}}}});
  for (size_t k = 0; k < r.thread_names.size(); ++k) {
    events.push_back({{"name", "thread_name"}, {"ph", "M"}, {"pid", pid}, {"tid", k}, {"args", {{"name", r.thread_names[k]}}}});
    events.push_back({{"name", "thread_sort_index"}, {"ph", "M"}, {"pid", pid}, {"tid", k}, {"args", {{"sort_index", k}}}});
  }
  // One microsecond per bytecode: instruction k runs over [k, k + 1).
  size_t begin = 0;
  int prev = -1;
  for (size_t s = 0; s < r.steps.size(); ++s) {
    size_t end = s < r.step_ends.size() ? std::min(r.step_ends[s], r.instructions.size()) : begin;
    int thread = r.steps[s].thread;
    if (prev >= 0 && thread != prev && end > begin)
      events.push_back({{"name", fmt::format("switch: {} -> {}", r.thread_names[static_cast<size_t>(prev)],
                                             r.thread_names[static_cast<size_t>(thread)])},
                        {"cat", "schedule"}, {"ph", "i"}, {"s", "p"}, {"ts", begin}, {"pid", pid}, {"tid", thread}});
    if (end > begin) {
      json args = {{"step", s + 1}, {"bytecodes", end - begin}};
      events.push_back({{"name", fmt::format("step {}", s + 1)}, {"cat", "step"}, {"ph", "X"}, {"ts", begin},
                        {"dur", end - begin}, {"pid", pid}, {"tid", thread}, {"args", args}});
      for (size_t k = begin; k < end; ++k) {
        const sim::Executed& e = r.instructions[k];
        events.push_back({{"name", instruction_of(e)}, {"cat", "bytecode"}, {"ph", "X"}, {"ts", k}, {"dur", 1},
                          {"pid", pid}, {"tid", e.thread},
                          {"args", {{"line", line_of(e)}, {"function", e.code->name}, {"offset", vm::instruction_pc(*e.code, e.pc) * 2}}}});
      }
      prev = thread;
    }
    begin = std::max(begin, end);
  }
  if (!r.violation.kind.empty())
    events.push_back({{"name", fmt::format("VIOLATION ({})", r.violation.kind)}, {"cat", "violation"}, {"ph", "i"},
                      {"s", "g"}, {"ts", r.instructions.size()}, {"pid", pid}, {"tid", prev < 0 ? 0 : prev},
                      {"args", {{"message", r.violation.message}}}});
  json doc = {{"traceEvents", events},
              {"displayTimeUnit", "ns"},
              {"otherData", {{"generator", "gilsim"}, {"program", t.program}, {"model", t.model},
                             {"note", "one microsecond per bytecode: time is the order of execution"}}}};
  return doc.dump(1, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace traces
