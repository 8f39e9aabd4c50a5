#!/usr/bin/env bash
# Sets up, builds and runs the whole test suite twice: an optimized build,
# and a Debug build with AddressSanitizer and UndefinedBehaviorSanitizer.
#
#   scripts/test.sh            # both builds
#   scripts/test.sh release    # only the optimized build
#   scripts/test.sh asan       # only the sanitizer build
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
which="${1:-all}"
jobs="$(nproc)"

# The browser test of `gilsim replay --format html` (tests/cli/browser_test.cpp)
# opens the page in headless Chromium: the test set-up installs it.
if ! command -v chromium >/dev/null 2>&1; then
  echo "test.sh: installing chromium (for the browser test)" >&2
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

if [ "$which" = all ] || [ "$which" = release ]; then
  echo "== Release build" >&2
  "$here/scripts/bootstrap.sh" "$here/build" Release
  ctest --test-dir "$here/build" --output-on-failure -j"$jobs"
  # gilsim as a library: install it, then build and test examples/cpp, a
  # project of its own that finds the installed package.
  echo "== examples/cpp against the installed gilsim" >&2
  rm -rf "$here/build/install" "$here/build/examples-cpp"
  cmake --install "$here/build" --prefix "$here/build/install" >/dev/null
  cmake -S "$here/examples/cpp" -B "$here/build/examples-cpp" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_PREFIX_PATH="$here/build/install" >/dev/null
  cmake --build "$here/build/examples-cpp" -j"$jobs"
  ctest --test-dir "$here/build/examples-cpp" --output-on-failure -j"$jobs"
fi
if [ "$which" = all ] || [ "$which" = asan ]; then
  echo "== Debug build with ASan + UBSan" >&2
  # The compiler's differential tests (dis and ast listings against
  # python3.11) run in the Release build; under the sanitizers the compiler
  # still runs on every program through the run-differential test.  The two
  # simulate tests of tens of millions of bytecodes (and the one that runs every model) run in the Release build
  # only; the other simulate tests run in both.  This keeps one CI run under
  # 30 minutes.
  # So does the dfs-against-dpor check of dpor_sleep_lock.py (21 s in Release,
  # 272 s under the sanitizers: alone it held up the sanitizer run's end).
  # The tutorial and gallery tests (docs/tutorial.md, examples/README.md:
  # every command under every model, 80 s in Release) run there too.
  asan_skip="DisDiff|ParserDiff|Simulate.FourProcesses|Simulate.WithoutTheGil|Simulate.TheSameCpuBoundProgramUnderEveryModel|Check.DporReachesEveryOutcomeWithALockHeldAcrossACall|Tutorial.|Gallery."
  "$here/scripts/bootstrap.sh" "$here/build-asan" Debug -DGILSIM_SANITIZE=ON -DGILSIM_BUILD_BENCH=OFF
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir "$here/build-asan" --output-on-failure -j"$jobs" -E "$asan_skip"
fi
