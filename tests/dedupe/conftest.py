"""Store fixtures (SQLite and PostgreSQL) shared with tests/store, and a pipeline built once."""
from __future__ import annotations

import importlib.util
import sys
from functools import lru_cache
from pathlib import Path

STORE_TESTS = Path(__file__).resolve().parents[1] / "store"
sys.path.insert(0, str(STORE_TESTS))  # store_gold: real pipeline + hand-annotated gold events

_spec = importlib.util.spec_from_file_location("store_tests_conftest", STORE_TESTS / "conftest.py")
_store_conftest = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_store_conftest)
pg_url, db_url, store = _store_conftest.pg_url, _store_conftest.db_url, _store_conftest.store


@lru_cache(maxsize=1)
def _gold_pipeline():
    from store_gold import gold_pipeline
    from rasd.settings import DEFAULT_SETTINGS
    return gold_pipeline(DEFAULT_SETTINGS)


def cached_gold_pipeline(settings):
    """The gold pipeline, built once per test session (building it loads every lexicon)."""
    return _gold_pipeline()
