// The atomicity models of DESIGN.md: where a thread switch may fall and how a
// reference-count operation is carried out.  Their names are part of the
// command-line contract.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace vm {

enum class Model : uint8_t {
  Gil,               // a switch between any two bytecodes
  CPython311,        // only where 3.11 checks its eval breaker, or releases the GIL
  NogilNaive,        // every memory access; refcounts are load, add, store
  NogilObjectLocks,  // every memory access; refcounts and containers under a per-object lock
  NogilAtomicRc,     // every memory access; refcounts one atomic read-modify-write
  NogilCasRc,        // every memory access; refcounts a compare-and-swap retry loop
  FreeThreaded,      // CPython 3.13t: biased refcounts, per-object critical sections
};

inline constexpr std::array<std::string_view, 7> kModelNames = {
    "gil", "cpython-3.11", "nogil-naive", "nogil-object-locks", "nogil-atomic-rc", "nogil-cas-rc", "free-threaded"};

inline std::string_view model_name(Model m) { return kModelNames[static_cast<size_t>(m)]; }

inline std::optional<Model> parse_model(std::string_view name) {
  for (size_t i = 0; i < kModelNames.size(); ++i)
    if (kModelNames[i] == name) return static_cast<Model>(i);
  return std::nullopt;
}

// Models with a GIL: one bytecode at a time, refcounts plain.
inline bool has_gil(Model m) { return m == Model::Gil || m == Model::CPython311; }

}  // namespace vm
