#!/usr/bin/env bash
# Install rasd into .venv and run its main job on the bundled sample: ingest samples/ into a
# SQLite file (no server needed), print the run summary and the top events.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/pip install -q --disable-pip-version-check -e .
DB=${RASD_DEMO_DB:-demo.sqlite}
rm -f "$DB" "$DB-wal" "$DB-shm"  # a fresh store each time, so the summary shows what was stored
.venv/bin/rasd ingest --db "$DB" samples/
echo
exec .venv/bin/rasd events list --db "$DB" --limit 10
