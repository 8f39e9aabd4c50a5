// libFuzzer target: the trace loader (traces::from_json) on arbitrary bytes.
// A damaged trace must be refused with std::runtime_error (which the
// commands turn into exit code 2 and a message); any other exception, a
// crash, a leak or undefined behaviour is a bug.  Run it with
// tests/fuzz/trace_loader_fuzz.sh.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "traces/trace.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  try {
    traces::Trace t = traces::from_json(text);
    // What was accepted must be what the commands rely on.
    for (int d : t.decisions)
      if (d < 0) __builtin_trap();
    if (t.max_steps == 0 || t.sha256.size() != 64) __builtin_trap();
    // And it must survive being written and read again unchanged.
    traces::Trace again = traces::from_json(traces::to_json(t));
    if (again.decisions != t.decisions || again.program != t.program || again.steps.size() != t.steps.size())
      __builtin_trap();
  } catch (const std::runtime_error&) {
  }
  return 0;
}
