"""Store fixtures (SQLite and PostgreSQL) shared with tests/store, and a local news site."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(TESTS / "store"), str(Path(__file__).resolve().parent)]

_spec = importlib.util.spec_from_file_location("store_tests_conftest_watch", TESTS / "store" / "conftest.py")
_store_conftest = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_store_conftest)
pg_url, db_url, store = _store_conftest.pg_url, _store_conftest.db_url, _store_conftest.store


@pytest.fixture
def site():
    from news_site import NewsSite
    with NewsSite() as running:
        yield running
