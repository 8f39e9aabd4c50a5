#!/usr/bin/env bash
# Checks the program corpus against the real python3.11, the ground truth for gilsim.
#
# For every .py file under tests/programs/ (and, unless --programs-only, examples/):
#   - `python3.11 -m dis FILE` must succeed;
#   - `python3.11 FILE` must finish within the timeout with the expected exit status:
#     0, or N when the first line is `# expect-exit: N`;
#   - its stdout must equal the file's `# expect: TEXT` lines in order (a bare
#     `# expect:` is an empty line), unless the first line is `# nondeterministic-output`;
#     a deterministic program without any `# expect:` line is an error;
#   - when the file has `# expect-error: TEXT`, the last line of stderr must be TEXT.
# In examples/ the expectations are `# expect-output-python: TEXT` lines, checked only
# when present (the timing programs have none).
#
# Usage: tests/programs/check_corpus.sh [--programs-only] [FILE...]
# Exit status 0 when every program passes, 1 otherwise.
set -u

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root" || exit 2
python="${PYTHON:-python3.11}"
# Resolve the real interpreter once: a version-manager shim (pyenv) costs ~0.3 s per start.
python="$("$python" -c 'import sys; print(sys.executable)')" || exit 2
timeout_s="${TIMEOUT:-60}"

programs_only=0
files=()
for arg in "$@"; do
  case "$arg" in
    --programs-only) programs_only=1 ;;
    *) files+=("$arg") ;;
  esac
done
if [ ${#files[@]} -eq 0 ]; then
  mapfile -t files < <(find tests/programs -name '*.py' | sort)
  if [ $programs_only -eq 0 ] && [ -d examples ]; then
    mapfile -t -O ${#files[@]} files < <(find examples -maxdepth 1 -name '*.py' | sort)
  fi
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
failed=0
passed=0

fail() {
  echo "FAIL $1: $2"
  failed=$((failed + 1))
}

for f in "${files[@]}"; do
  first="$(head -n 1 "$f")"
  if ! "$python" -m dis "$f" >/dev/null 2>"$tmp/dis_err"; then
    fail "$f" "python3.11 -m dis failed: $(tail -n 1 "$tmp/dis_err")"
    continue
  fi

  want_exit=0
  if [[ "$first" =~ ^#\ expect-exit:\ ([0-9]+)$ ]]; then
    want_exit="${BASH_REMATCH[1]}"
  fi
  timeout "$timeout_s" "$python" "$f" >"$tmp/out" 2>"$tmp/err" </dev/null
  status=$?
  if [ $status -eq 124 ]; then
    fail "$f" "timed out after ${timeout_s}s"
    continue
  fi
  if [ $status -ne "$want_exit" ]; then
    fail "$f" "exit status $status, expected $want_exit; stderr: $(tail -n 1 "$tmp/err")"
    continue
  fi

  case "$f" in
    examples/*) prefix='# expect-output-python:' ;;
    *) prefix='# expect:' ;;
  esac
  sed -n -e "s/^$prefix //p" -e "s/^$prefix\$//p" "$f" >"$tmp/want"
  if [ "$first" != "# nondeterministic-output" ]; then
    if [ ! -s "$tmp/want" ] && [ "$prefix" = '# expect:' ] && [ -s "$tmp/out" ]; then
      fail "$f" "prints output but has no '# expect:' lines"
      continue
    fi
    if [ -s "$tmp/want" ] || [ "$prefix" = '# expect:' ]; then
      if ! diff -u --label expected --label actual "$tmp/want" "$tmp/out" >"$tmp/diff"; then
        fail "$f" "stdout differs from the expectations (- expected, + actual):"
        sed 's/^/    /' "$tmp/diff"
        continue
      fi
    fi
  fi

  want_err="$(sed -n 's/^# expect-error: //p' "$f")"
  if [ -n "$want_err" ]; then
    got_err="$(tail -n 1 "$tmp/err")"
    if [ "$got_err" != "$want_err" ]; then
      fail "$f" "last stderr line is '$got_err', expected '$want_err'"
      continue
    fi
  fi
  passed=$((passed + 1))
done

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
