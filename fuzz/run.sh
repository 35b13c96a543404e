#!/usr/bin/env bash
# Coverage-guided fuzzing of msrefactor with atheris (pip install atheris).
#
#   bash fuzz/run.sh [SECONDS] [HARNESS...]
#
# Runs each harness (default: parse refactor cli) for SECONDS (default 60) on a seed
# corpus built from the fixtures and the shared e2e apps. Work files (corpus, crash
# inputs, logs) go to $MSREFACTOR_FUZZ_DIR (default: a new temporary folder).
# Exit 0 when no harness found a crash, 1 otherwise (the crashing inputs are printed).
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
seconds="${1:-60}"
shift || true
harnesses=("$@")
[ "${#harnesses[@]}" -gt 0 ] || harnesses=(parse refactor cli)
py="${PYTHON:-python3}"
work="${MSREFACTOR_FUZZ_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/msrefactor-fuzz.XXXXXX")}"
mkdir -p "$work"

if ! "$py" -c 'import atheris' 2>/dev/null; then
  echo "fuzz: atheris is not installed (pip install atheris); skipped"
  exit 0
fi
"$py" "$here/make_corpus.py" "$work/seeds" || exit 1

status=0
for h in "${harnesses[@]}"; do
  corpus="$work/corpus-$h"
  crashes="$work/crashes-$h"
  mkdir -p "$corpus" "$crashes"
  log="$work/$h.log"
  echo "== fuzz_$h: ${seconds}s (log $log)"
  "$py" "$here/fuzz_$h.py" "$corpus" "$work/seeds/$h" \
      -max_total_time="$seconds" -timeout=30 -rss_limit_mb=3072 -max_len=8192 \
      -dict="$here/dockerfile.dict" -artifact_prefix="$crashes/" -print_final_stats=1 >"$log" 2>&1
  rc=$?
  grep -E '^#[0-9]+.*DONE|stat::number_of_executed_units|stat::new_units_added|cov:' "$log" | tail -3
  if [ "$rc" -ne 0 ] || ls "$crashes" | grep -q .; then
    status=1
    echo "fuzz_$h: FAILED (exit $rc)"
    grep -E -A25 'Uncaught Python exception|ERROR: libFuzzer' "$log" | head -60
    for f in "$crashes"/*; do
      [ -f "$f" ] || continue
      echo "-- crashing input $f:"
      "$py" -c 'import sys; print(repr(open(sys.argv[1], "rb").read()[:2000]))' "$f"
    done
  fi
done
exit "$status"
