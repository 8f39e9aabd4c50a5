#!/bin/bash
# Fuzzes the trace loader with libFuzzer (clang) for SECONDS (default 600):
#   bash tests/fuzz/trace_loader_fuzz.sh [SECONDS]
# Builds build-fuzz/ with clang, ASan and UBSan; seeds the corpus with the
# traces in traces/regressions/; a crash leaves its input in build-fuzz/.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-600}
cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER=clang++ \
  -DGILSIM_FUZZ=ON -DGILSIM_BUILD_TESTS=OFF -DGILSIM_BUILD_BENCH=OFF >/dev/null
cmake --build build-fuzz --target trace_loader_fuzz
mkdir -p build-fuzz/corpus
cp traces/regressions/*.json build-fuzz/corpus/
cd build-fuzz
./trace_loader_fuzz -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=4096 corpus
