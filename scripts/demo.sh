#!/usr/bin/env bash
# Install rasd into .venv and run its main job on the bundled sample.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/pip install -q --disable-pip-version-check -e .
exec .venv/bin/rasd extract samples/
