"""SIGKILL during `rasd ingest` never corrupts the store, loses or doubles a document; reads
while ingesting work on SQLite (WAL) and PostgreSQL; two ingesters leave one copy of everything.
A few trials here; `rasd reliability report --trials N` runs many."""
from __future__ import annotations

import random

import pytest

from rasd.reliability.concurrency import analysed_by_last_ingest, reads_during_ingest, two_ingesters
from rasd.reliability.crash import crash_round, reference_run
from rasd.reliability.report import _sqlite, temporary_postgres
from rasd.reliability.trial_corpus import build_trial_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("trial")
    sources = build_trial_corpus(folder / "corpus", sources=[], generated=8)
    reference, window = reference_run(str(folder / "reference.sqlite"), sources, batch_size=1)
    return sources, reference, window, analysed_by_last_ingest(str(folder / "reference.sqlite"))


@pytest.fixture(params=["sqlite", "postgresql"])
def store_db(request, tmp_path):
    if request.param == "sqlite":
        yield _sqlite(tmp_path, "trial")
        return
    server = request.getfixturevalue("pg_server")
    with temporary_postgres(server) as (url, reset):
        yield url, reset


def test_sigkill_at_random_moments_loses_and_doubles_nothing(corpus, tmp_path):
    sources, reference, window, _ = corpus
    db, reset = _sqlite(tmp_path, "crash")
    result = crash_round(db, sources, reference, kills=2, window=window, rng=random.Random(3),
                         batch_size=1, reset=reset)
    assert all(k.survived for k in result.kills), [k.problems for k in result.kills]
    assert result.differences == [] and result.resumed_status == "completed"


def test_reads_while_ingesting(corpus, store_db):
    sources, reference, _, _ = corpus
    db, reset = store_db
    result = reads_during_ingest(db, sources, reference, batch_size=1, reset=reset)
    assert result.reads >= 10 and set(result.statuses) == {200}, result.statuses
    assert result.article_totals_decreased == 0
    assert result.differences == []


def test_two_ingesters_on_one_store(corpus, store_db):
    """Both finish, the store equals a clean ingest, and they split the work: every document
    is analysed once in total (claims, rasd.store.claims)."""
    sources, reference, _, analysed = corpus
    db, reset = store_db
    result = two_ingesters(db, sources, reference, batch_size=1, reset=reset, expected_analysed=analysed)
    assert result.exit_codes == [1, 1]  # 1: the corpus holds documents that must fail
    assert result.differences == []
    assert sum(result.stored) <= len(reference.documents)  # no document stored by both
    assert analysed > 0 and sum(result.analysed) == analysed and result.overlap == 0, result
