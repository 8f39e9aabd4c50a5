#!/usr/bin/env bash
# Differential fuzzing of `gilsim dis` against `python3.11 -m dis`.
# Usage: tests/fuzz/dis_fuzz.sh [N=200] [SEED=1]
# Generates N programs with seeds SEED..SEED+N-1 (tests/fuzz/gen_programs.py); for each
# program python3.11 compiles, diffs the two listings (code-object addresses masked).
# Failing programs and their diffs are kept in $FUZZ_OUT (default /tmp/dis_fuzz).
set -u -o pipefail
N=${1:-200}
SEED=${2:-1}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
GILSIM=${GILSIM:-$ROOT/build/gilsim}
OUT=${FUZZ_OUT:-/tmp/dis_fuzz}
mkdir -p "$OUT/progs" "$OUT/fail"
python3.11 "$ROOT/tests/fuzz/gen_programs.py" --batch "$N" "$SEED" "$OUT/progs" || exit 1
compared=0 skipped=0 unsupported=0 failed=0
mask() { sed -E 's/ at 0x[0-9a-f]+/ at 0x/g'; }
for ((k = SEED; k < SEED + N; k++)); do
  p="$OUT/progs/p$k.py"
  if ! python3.11 -m dis "$p" 2>/dev/null | mask >"$OUT/exp.txt"; then
    skipped=$((skipped + 1)); continue
  fi
  "$GILSIM" dis "$p" 2>"$OUT/err.txt" | mask >"$OUT/got.txt"
  rc=${PIPESTATUS[0]}
  if [ "$rc" = 2 ] && grep -qE "(is|are) not supported" "$OUT/err.txt"; then
    unsupported=$((unsupported + 1)); continue
  fi
  compared=$((compared + 1))
  if [ "$rc" != 0 ] || ! cmp -s "$OUT/exp.txt" "$OUT/got.txt"; then
    failed=$((failed + 1))
    cp "$p" "$OUT/fail/p$k.py"
    { echo "rc=$rc"; cat "$OUT/err.txt"; diff "$OUT/exp.txt" "$OUT/got.txt" | head -20; } >"$OUT/fail/p$k.diff"
    echo "FAIL seed=$k rc=$rc: $(head -c 300 "$OUT/fail/p$k.diff" | tr '\n' ' ')"
  fi
done
echo "programs=$N not-compiling=$skipped unsupported=$unsupported compared=$compared mismatched=$failed"
[ "$failed" = 0 ]
