#!/usr/bin/env bash
# rasd's main job on the bundled sample: install rasd into .venv, ingest samples/ into a SQLite
# file (no server to set up), print the run summary and the top events, then serve the API and the
# dashboard on localhost. RASD_DEMO_SERVE=0 stops after the top events.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/pip install -q --disable-pip-version-check -e .
DB=${RASD_DEMO_DB:-demo.sqlite}
rm -f "$DB" "$DB-wal" "$DB-shm"  # a fresh store each time, so the summary shows what was stored
.venv/bin/rasd ingest --db "$DB" samples/ || true  # exit 1 only means some documents failed; the summary says which
echo
echo "Top events:"
.venv/bin/rasd events list --db "$DB" --limit 15 --one-per-cluster
if [ "${RASD_DEMO_SERVE:-1}" = "1" ]; then
    echo
    echo "Serving the dashboard: open http://127.0.0.1:${RASD_DEMO_PORT:-8000}/ (Ctrl-C to stop)"
    exec .venv/bin/rasd serve --db "$DB" --port "${RASD_DEMO_PORT:-8000}"
fi
