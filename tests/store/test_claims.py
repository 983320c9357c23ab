"""Claims on work in progress (rasd.store.claims): two ingesters on one store analyse every
document once in total, and a claim left by a dead ingester is taken over."""
import os
import socket
import subprocess
import sys
import threading
import time
from datetime import timedelta

from sqlalchemy import func, select

from rasd.ingest import read_sources
from rasd.settings import DEFAULT_SETTINGS
from rasd.store import Store
from rasd.store import schema as t
from rasd.store.ingest import ingest_sources
from rasd.store.versions import code_version, lexicon_version
from rasd.store.writer import BatchWriter, Processed, document_key, raw_hash, utcnow

from store_gold import gold_pipeline, write_gold_jsonl
from test_ingest import snapshot


class Counted:
    """A pipeline factory that counts the documents analysed (and slows each down a little, so
    two ingesters really run side by side)."""

    def __init__(self, delay: float = 0.0):
        self.delay = delay
        self.keys: list[str] = []
        self.lock = threading.Lock()

    def __call__(self, settings):
        inner = gold_pipeline(settings)
        outer = self

        class Wrapped:
            stages = inner.stages

            def __call__(self, raw):
                with outer.lock:
                    outer.keys.append(document_key(raw.source, raw.external_id))
                time.sleep(outer.delay)
                return inner(raw)
        return Wrapped()


def _claims(store: Store) -> int:
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(t.ingest_claims)).scalar_one()


def _foreign_claim(store: Store, key: str, host: str, pid: int, expires_in: float) -> int:
    """A claim on ``key`` by another ingest run (status running), as a crashed process leaves it."""
    now = utcnow()
    with store.begin() as conn:
        run_id = conn.execute(t.runs.insert().values(
            kind="ingest", status="running", started_at=now, code_version="x", lexicon_version="x",
            host=host, pid=pid, arguments={}, counts={})).inserted_primary_key[0]
        conn.execute(t.ingest_claims.insert().values(
            key=key, raw_hash="h", source=None, run_id=run_id, host=host, pid=pid, claimed_at=now,
            expires_at=now + timedelta(seconds=expires_in)))
    return run_id


def test_two_ingesters_analyse_each_document_once(db_url, tmp_path):
    path = tmp_path / "gold.jsonl"
    docs = write_gold_jsonl(path, limit=16)
    counters = [Counted(0.05), Counted(0.05)]
    summaries = [None, None]

    def ingest(i: int) -> None:
        with Store.open(db_url) as store:
            summaries[i] = ingest_sources(store, [str(path)], batch_size=2, pipeline_factory=counters[i])

    threads = [threading.Thread(target=ingest, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    analysed = [c.keys for c in counters]
    assert len(analysed[0]) + len(analysed[1]) == len(docs)  # once in total
    assert not set(analysed[0]) & set(analysed[1])
    assert all(analysed), "both ingesters should have had work"  # they split it
    assert [s.extra["analysed"] for s in summaries] == [len(a) for a in analysed]
    with Store.open(db_url) as store:
        together = snapshot(store)
        assert _claims(store) == 0  # every claim ends with its batch
    alone_db = str(tmp_path / "alone.sqlite")
    with Store.open(alone_db) as alone:
        ingest_sources(alone, [str(path)], batch_size=2, pipeline_factory=gold_pipeline)
        assert snapshot(alone) == together


def test_claim_of_a_dead_ingester_elsewhere_is_taken_after_its_lease(store, tmp_path):
    """A SIGKILLed ingester on another host leaves its claim: it is waited for until the lease
    ends, then the document is analysed here (once)."""
    path = tmp_path / "gold.jsonl"
    docs = write_gold_jsonl(path, limit=4)
    key = document_key(None, docs[1]["id"])
    _foreign_claim(store, key, "another-host", 4242, expires_in=3.0)
    counted = Counted()
    started = time.monotonic()
    summary = ingest_sources(store, [str(path)], batch_size=2, pipeline_factory=counted)
    waited = time.monotonic() - started
    assert sorted(counted.keys) == sorted(document_key(None, d["id"]) for d in docs)
    assert summary.stored == len(docs) and summary.extra["claimed_elsewhere"] == 1
    assert waited >= 2.0  # it did wait for the lease
    assert _claims(store) == 0


def test_claim_of_a_dead_process_here_is_taken_at_once(store, tmp_path):
    """Same host, process gone (SIGKILL): no need to wait for the lease."""
    path = tmp_path / "gold.jsonl"
    docs = write_gold_jsonl(path, limit=3)
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    _foreign_claim(store, document_key(None, docs[0]["id"]), socket.gethostname(), gone.pid, expires_in=3600)
    counted = Counted()
    started = time.monotonic()
    summary = ingest_sources(store, [str(path)], batch_size=2, pipeline_factory=counted)
    assert time.monotonic() - started < 60 and len(counted.keys) == len(docs)
    assert summary.stored == len(docs) and summary.extra["claimed_elsewhere"] == 0


def test_claim_of_a_live_ingester_is_left_to_it(store, tmp_path):
    """Another live ingester (this very process stands in for it) holds a document: this run
    does not analyse it, waits, and counts it unchanged once the owner stores it."""
    path = tmp_path / "gold.jsonl"
    docs = write_gold_jsonl(path, limit=3)
    key = document_key(None, docs[2]["id"])
    owner_run = _foreign_claim(store, key, socket.gethostname(), os.getpid(), expires_in=3600)
    counted = Counted()
    result = {}

    def run() -> None:
        result["summary"] = ingest_sources(store, [str(path)], batch_size=2, pipeline_factory=counted)

    thread = threading.Thread(target=run)
    thread.start()
    time.sleep(3.0)
    assert thread.is_alive()  # waiting for the owner
    # The owner stores the document the way an ingester does; its claim ends with that batch.
    raws = [x for x in read_sources([str(path)], DEFAULT_SETTINGS)]
    raw = next(x for x in raws if document_key(x.source, x.external_id) == key)
    with store.begin() as conn:
        writer = BatchWriter(conn, owner_run, code_version(), lexicon_version(DEFAULT_SETTINGS))
        writer.write(Processed(key, raw_hash(raw), gold_pipeline(DEFAULT_SETTINGS)(raw)))
        writer.finish()
        conn.execute(t.ingest_claims.delete().where(t.ingest_claims.c.key == key))
    thread.join(timeout=120)
    assert not thread.is_alive()
    assert key not in counted.keys and len(counted.keys) == len(docs) - 1
    summary = result["summary"]
    assert (summary.stored, summary.unchanged, summary.extra["claimed_elsewhere"]) == (len(docs) - 1, 1, 1)


def test_a_document_a_live_ingester_failed_before_this_run_started_is_left_to_it(store, tmp_path):
    """Two ingesters started together, the second one late: what the first one already failed
    is not analysed again (it counts as failed elsewhere). Once that run has ended, a new run
    retries the failure, as before."""
    path = tmp_path / "gold.jsonl"
    docs = write_gold_jsonl(path, limit=3)
    source = next(x.source for x in read_sources([str(path)], DEFAULT_SETTINGS)
                  if document_key(x.source, x.external_id) == document_key(None, docs[1]["id"]))
    earlier = utcnow() - timedelta(seconds=30)
    with store.begin() as conn:
        other = conn.execute(t.runs.insert().values(
            kind="ingest", status="running", started_at=earlier, code_version="x", lexicon_version="x",
            host=socket.gethostname(), pid=os.getpid(), arguments={}, counts={})).inserted_primary_key[0]
        conn.execute(t.ingest_errors.insert().values(run_id=other, document=source, reason="too-long",
                                                     detail="", created_at=earlier))
    counted = Counted()
    summary = ingest_sources(store, [str(path)], batch_size=2, pipeline_factory=counted)
    assert len(counted.keys) == len(docs) - 1 and summary.extra["claimed_elsewhere"] == 1
    with store.begin() as conn:
        conn.execute(t.runs.update().where(t.runs.c.id == other).values(status="completed"))
    counted = Counted()
    ingest_sources(store, [str(path)], batch_size=2, pipeline_factory=counted)
    assert counted.keys == [document_key(None, docs[1]["id"])]  # the ended run's failure is retried
