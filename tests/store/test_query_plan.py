"""The newest-first page of an actor or text query is served by indexes on SQLite: the
participants index or the FTS5 table finds the events; nothing scans the events table."""
from __future__ import annotations

import pytest

from rasd.store import EventFilter, Store
from rasd.store.query import event_select


def _plan(store: Store, flt: EventFilter) -> list[str]:
    keys = store.actor_keys(flt.actor) if flt.actor else []
    stmt = event_select(flt, store.dialect, store.has_text_index, keys, limit=100)
    sql = str(stmt.compile(store.engine, compile_kwargs={"literal_binds": True}))
    with store.engine.connect() as conn:
        rows = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql).all()
    return [r[-1] for r in rows]


@pytest.fixture
def sqlite_store(tmp_path):
    with Store.open(str(tmp_path / "plan.sqlite")) as store:
        yield store


def _no_plain_event_scan(plan: list[str]) -> None:
    scans = [step for step in plan if step.startswith("SCAN") and " events" in f" {step.split()[1]}"
             and "INDEX" not in step]
    assert scans == [], plan


def test_actor_page_uses_the_participant_index(sqlite_store):
    plan = _plan(sqlite_store, EventFilter(actor="actor.sdf"))
    assert any("ix_participants_key_date" in step for step in plan), plan
    _no_plain_event_scan(plan)


def test_text_page_uses_fts(sqlite_store):
    if not sqlite_store.has_text_index:
        pytest.skip("this SQLite has no FTS5 trigram tokenizer")
    plan = _plan(sqlite_store, EventFilter(text="الحسكة"))
    assert any("events_fts VIRTUAL TABLE" in step for step in plan), plan
    _no_plain_event_scan(plan)
