"""Shared fixtures of the reliability tests: one pipeline, the trial settings, PostgreSQL."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from rasd.pipeline import Pipeline
from rasd.reliability.hostile import trial_settings

sys.path.insert(0, str(Path(__file__).resolve().parent))

PG_SERVER = os.environ.get("RASD_TEST_PG", "postgresql://root@127.0.0.1:5432/postgres")


@pytest.fixture(scope="session")
def settings():
    return trial_settings()


@pytest.fixture(scope="session")
def pipeline(settings):
    return Pipeline(settings)


@pytest.fixture(scope="session")
def pg_server():
    try:
        import psycopg
        psycopg.connect(PG_SERVER, connect_timeout=3).close()
    except Exception as e:  # no server here: the SQLite half still runs
        pytest.skip(f"PostgreSQL not reachable at {PG_SERVER}: {e}")
    return PG_SERVER
