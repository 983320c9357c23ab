"""Store fixtures (SQLite and PostgreSQL) shared with tests/store, the duplicates test data of
tests/dedupe, and one small local Dask cluster (threads, two workers) for the module."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(TESTS / "store"), str(TESTS / "dedupe")]  # store_gold, wire

_spec = importlib.util.spec_from_file_location("store_tests_conftest_distributed", TESTS / "store" / "conftest.py")
_store_conftest = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_store_conftest)
pg_url, db_url, store = _store_conftest.pg_url, _store_conftest.db_url, _store_conftest.store


@pytest.fixture(scope="module")
def dask_client():
    from distributed import Client, LocalCluster
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        with Client(cluster) as client:
            yield client
