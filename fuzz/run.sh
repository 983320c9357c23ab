#!/usr/bin/env bash
# Fuzz the readers and the cleaner for a set time each (not in CI): bash fuzz/run.sh [SECONDS]
# Needs the fuzz extra: .venv/bin/pip install -e '.[fuzz]'. New inputs go to a scratch corpus
# (the seeds in fuzz/corpus stay as committed); crashes are saved in fuzz/crashes/ — turn each
# into a regression test in tests/reliability/test_regressions.py.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH="${1:-300}"
WORK="$(mktemp -d -t rasd-fuzz-XXXX)"
mkdir -p fuzz/crashes
for target in readers cleaner; do
  mkdir -p "$WORK/$target"
  cp fuzz/corpus/$target/* "$WORK/$target/"
  echo "== fuzz_$target for ${SECONDS_EACH}s (corpus $WORK/$target)"
  .venv/bin/python "fuzz/fuzz_$target.py" -max_total_time="$SECONDS_EACH" -rss_limit_mb=4096 -timeout=30 \
    -artifact_prefix="fuzz/crashes/$target-" "$WORK/$target" 2>&1 | grep -E "^(Done|==|INFO: Loaded)|ERROR|Uncaught|Traceback|crash-" || true
done
ls fuzz/crashes
