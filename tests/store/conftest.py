"""Store tests run on SQLite and on PostgreSQL (the server at 127.0.0.1:5432, when reachable).

The PostgreSQL database is created for the test session and dropped at its end; each test
starts from empty tables.
"""
from __future__ import annotations

import os
import sys
import uuid
from pathlib import Path

import pytest

from rasd.store import Store
from rasd.store import schema

# Helper modules (store_gold, test_ingest) are imported by name; pytest runs in importlib mode.
sys.path.insert(0, str(Path(__file__).resolve().parent))

PG_SERVER = os.environ.get("RASD_TEST_PG", "postgresql://root@127.0.0.1:5432/postgres")


def _pg_admin():
    import psycopg
    return psycopg.connect(PG_SERVER.replace("postgresql+psycopg", "postgresql"), autocommit=True,
                           connect_timeout=3)


@pytest.fixture(scope="session")
def pg_url():
    try:
        admin = _pg_admin()
    except Exception as e:  # no server here: the SQLite half still runs
        pytest.skip(f"PostgreSQL not reachable at {PG_SERVER}: {e}")
    name = f"rasd_test_{uuid.uuid4().hex[:10]}"
    admin.execute(f'CREATE DATABASE "{name}"')
    base = PG_SERVER.rsplit("/", 1)[0]
    yield f"{base}/{name}"
    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def _empty_pg(url: str) -> None:
    with Store.open(url) as store, store.begin() as conn:
        names = ", ".join(t.name for t in schema.metadata.sorted_tables)
        conn.exec_driver_sql(f"TRUNCATE {names} RESTART IDENTITY CASCADE")


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """A database URL (or path) for an empty store, once per database kind."""
    if request.param == "sqlite":
        return str(tmp_path / "store.sqlite")
    url = request.getfixturevalue("pg_url")
    _empty_pg(url)
    return url


@pytest.fixture
def store(db_url):
    with Store.open(db_url) as opened:
        yield opened
