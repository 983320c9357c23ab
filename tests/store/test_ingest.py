"""Ingest through the real pipeline: idempotent, updates changed articles, records failures,
and gives the same store with worker processes."""
import json
from pathlib import Path

from sqlalchemy import select

from rasd.settings import Settings
from rasd.store import Store
from rasd.store import schema as t
from rasd.store.ingest import ingest_sources

from store_gold import gold_pipeline, write_gold_jsonl

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "corpus-dev"


def snapshot(store: Store) -> dict:
    """The stored content, independent of run ids and times: to compare two stores."""
    with store.engine.connect() as conn:
        return {
            "articles": sorted(conn.execute(select(t.articles.c.id, t.articles.c.text_norm)).all()),
            "documents": sorted(conn.execute(select(t.documents.c.key, t.documents.c.article_id,
                                                    t.documents.c.raw_hash)).all()),
            "sentences": conn.execute(select(t.sentences.c.article_id, t.sentences.c.idx)).all().__len__(),
            "mentions": sorted(conn.execute(select(t.mentions.c.article_id, t.mentions.c.idx,
                                                   t.mentions.c.kind, t.mentions.c.start)).all()),
            "events": sorted(conn.execute(select(t.events.c.id, t.events.c.type, t.events.c.text_norm)).all()),
            "participants": conn.execute(select(t.event_participants.c.event_id)).all().__len__(),
            "errors": sorted(conn.execute(select(t.ingest_errors.c.document, t.ingest_errors.c.reason)).all()),
        }


def _write_jsonl(path: Path, records: list[dict]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")


def test_reingest_changes_nothing(store, tmp_path):
    path = tmp_path / "gold.jsonl"
    docs = write_gold_jsonl(path, limit=12)
    first = ingest_sources(store, [str(path)], batch_size=5, pipeline_factory=gold_pipeline)
    assert first.stored == len(docs) and first.events > 0 and first.failed_total == 0
    before = snapshot(store)
    again = ingest_sources(store, [str(path)], batch_size=5, pipeline_factory=gold_pipeline)
    assert (again.read, again.unchanged, again.stored, again.updated) == (len(docs), len(docs), 0, 0)
    assert snapshot(store) == before
    runs = store.runs()
    assert [r["status"] for r in runs] == ["completed", "completed"]
    assert runs[0]["counts"]["stored"] == len(docs)


def test_changed_article_is_updated_and_copy_is_a_duplicate(store, tmp_path):
    path = tmp_path / "in.jsonl"
    docs = write_gold_jsonl(path, limit=3)
    ingest_sources(store, [str(path)], pipeline_factory=gold_pipeline)
    old_ids = {r[0] for r in snapshot(store)["articles"]}
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    records[0]["text"] += "\nوأضاف المصدر أن الاشتباكات استمرت حتى المساء."
    records.append({**records[1], "id": "copy-of-" + records[1]["id"]})  # same content, other key
    _write_jsonl(path, records)
    summary = ingest_sources(store, [str(path)], pipeline_factory=gold_pipeline)
    assert (summary.updated, summary.unchanged, summary.stored) == (1, 2, 0)
    assert summary.duplicates >= 1  # the exact copy (near-duplicate links may add to it)
    now = snapshot(store)
    keys = dict((key, article) for key, article, _ in now["documents"])
    assert keys["id:copy-of-" + records[1]["id"]] == keys["id:" + records[1]["id"]]
    assert len(now["articles"]) == len(docs)  # the old version is replaced, the copy not stored twice
    assert len(now["documents"]) == len(docs) + 1
    assert len({r[0] for r in now["articles"]} - old_ids) == 1
    stored = store.article(now["documents"][0][1])
    assert stored is not None


def test_failures_are_recorded_and_the_batch_goes_on(store, tmp_path):
    path = tmp_path / "mixed.jsonl"
    docs = write_gold_jsonl(path, limit=4)
    with path.open("a", encoding="utf-8") as fh:
        fh.write("{not json\n")
        fh.write(json.dumps({"id": "english", "text": "This article is written in English only. " * 10}) + "\n")
    summary = ingest_sources(store, [str(path)], batch_size=2, pipeline_factory=gold_pipeline)
    assert summary.stored == len(docs) and summary.failed_total == 2
    errors = {e.document.rsplit(":", 1)[1]: e.reason for e in store.errors()}
    assert errors == {"5": "invalid-json", "6": "not-arabic"}
    ingest_sources(store, [str(path)], batch_size=2, pipeline_factory=gold_pipeline)
    assert len(store.errors()) == 2  # a re-run replaces its errors, it does not pile them up


def test_workers_give_the_same_store(db_url, tmp_path):
    path = tmp_path / "gold.jsonl"
    write_gold_jsonl(path)
    sources = [str(path)]
    with Store.open(str(tmp_path / "one.sqlite")) as one:
        single = ingest_sources(one, sources, batch_size=20, workers=1, pipeline_factory=gold_pipeline)
        expected = snapshot(one)
    with Store.open(db_url) as many:
        parallel = ingest_sources(many, sources, batch_size=20, workers=2, pipeline_factory=gold_pipeline)
        assert snapshot(many) == expected
    assert (parallel.stored, parallel.events) == (single.stored, single.events)
    assert single.events > 300 and single.stored == 45
