// The invariant monitors (DESIGN.md, "Properties checked").  Each execution
// the explorer runs is judged by them; the first one to fail gives the
// violation `check` reports.
//
//   refcount        a stored count differs from the references found by
//                   walking every root (Interpreter::audit).  Checked at the
//                   end of every run, and after every step when asked
//                   (RefcountMonitor: `check --audit`, `run --audit`, the
//                   property suites).
//   use-after-free  a freed object used through a live reference: the heap
//   double-free     detects both exactly, at the access (vm/heap.h); the
//                   audit also finds a root left pointing at a freed slot.
//   leak            at the end, an object nothing reaches is still alive.
//   assertion       a failed `assert` or an uncaught exception in any
//   exception       thread (the interpreter stops the thread and records it).
//   expect          `--expect EXPR` is false (or raises) over the final
//                   module globals.
//   deadlock        every live thread is blocked (the scheduler sees it).
//   step-limit      a thread ran more than `--max-steps` bytecodes.
//   starvation      under nogil-cas-rc, one count change's compare-and-swap
//                   failed `--cas-bound` times in a row (vm/refcount.cpp).
//
// What "every step" costs is measured by bench/monitor_bench.cpp; the
// README gives the numbers.
#pragma once

#include <string>

#include "sim/explorer.h"
#include "vm/interpreter.h"

namespace properties {

// Checks reference-count integrity after every step.  A broken count
// ends the run as a `refcount` violation (a root pointing at a freed
// object as `use-after-free`) naming the thread and line of the step.
class RefcountMonitor : public vm::StepMonitor {
 public:
  void after_step(vm::Interpreter& in) override;
  uint64_t audits() const { return audits_; }

 private:
  uint64_t audits_ = 0;
};

// The violation kind `check` reports for a run that stopped early.
std::string violation_kind(vm::Failure f);

// A value as a trace shows it, without running any Python code: the repr of
// None, bools, numbers, strings and short lists and tuples of them
// (shortened past `max` characters), else the object's kind and serial
// ("dict #780"), or "freed #12" for an object freed under the reference.
std::string brief_value(vm::Interpreter& in, vm::Ref v, size_t max = 40);

// The final values of the module's simple globals (sim::State).  Throws
// vm::HeapViolation when a global refers to a freed object.
sim::State final_state(vm::Interpreter& in);
// The module's globals now, as a replay shows them step by step: every
// name but dunders, modules, functions, classes and builtins, sorted, with
// the reference count of each object the runtime may free.  Reads the heap
// without telling the memory hook (it must not change the footprints).
std::vector<sim::Shown> shown_globals(vm::Interpreter& in);

// What the end-of-run monitors found.
struct EndOfRun {
  bool ended = false;  // every thread finished (with or without an exception)
  sim::State state;    // when ended
  std::string kind;    // the violation; empty when none
  std::string message;
};

// Judges a finished run: the failure the run stopped with, then (when every
// thread finished) the globals, the audit (refcount, leak, dangling
// references) and --expect, in that order.
EndOfRun end_of_run(vm::Interpreter& in, const vm::RunResult& r, const sim::Program& prog,
                    const std::optional<std::string>& expect);

}  // namespace properties
