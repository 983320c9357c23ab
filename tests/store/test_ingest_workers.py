"""Worker processes prepare whole documents (pipeline, rows, signature); the parent only writes.
Recycled workers and the in-process path give the same store."""
import gc
import os

import pytest

from rasd.ingest import read_sources
from rasd.settings import DEFAULT_SETTINGS
from rasd.store import Store
from rasd.store import parallel
from rasd.store.ingest import ingest_sources
from rasd.store.writer import Failed, Prepared, Processed, document_key, prepare, raw_hash

from store_gold import gold_pipeline, write_gold_jsonl
from test_ingest import snapshot


def test_recycled_workers_give_the_same_store(tmp_path, monkeypatch):
    path = tmp_path / "gold.jsonl"
    write_gold_jsonl(path, limit=16)
    with Store.open(str(tmp_path / "one.sqlite")) as one:
        ingest_sources(one, [str(path)], batch_size=8, workers=1, pipeline_factory=gold_pipeline)
        expected = snapshot(one)
    monkeypatch.setattr(parallel, "MAX_TASKS_PER_WORKER", 1)  # a fresh worker for every chunk
    with Store.open(str(tmp_path / "many.sqlite")) as many:
        summary = ingest_sources(many, [str(path)], batch_size=8, workers=2, pipeline_factory=gold_pipeline)
        assert snapshot(many) == expected
    assert summary.stored == 16 and summary.extra["analysed"] == 16
    # what was frozen for the fork is collectable again after the run; only the loaded lexicons and
    # models stay frozen, when the default stages were built in this process (pipeline.freeze_loaded)
    from rasd import pipeline as rasd_pipeline
    assert bool(gc.get_freeze_count()) == rasd_pipeline._frozen


def test_prepared_in_a_worker_equals_prepared_by_the_writer(tmp_path):
    path = tmp_path / "gold.jsonl"
    write_gold_jsonl(path, limit=3)
    pipeline = gold_pipeline(DEFAULT_SETTINGS)
    for raw in read_sources([str(path)], DEFAULT_SETTINGS):
        worker = parallel.prepare_document(pipeline, raw, "c", "l", 7)
        assert isinstance(worker, Prepared) and worker.key == document_key(raw.source, raw.external_id)
        writer = prepare(Processed(worker.key, raw_hash(raw), pipeline(raw)), "c", "l", 7)
        for rows in (worker.rows, writer.rows):
            rows.article.pop("stored_at"), rows.article.pop("updated_at")
        assert worker.rows == writer.rows and worker.signature.jaccard(writer.signature) == 1.0
    broken = parallel.prepare_document(pipeline, raw.__class__(text="", source="x.txt"), "c", "l", 7)
    assert isinstance(broken, Failed) and broken.key == "src:x.txt"


def _niceness(pipeline, item):
    return os.nice(0)


def test_workers_run_below_the_parent_priority(monkeypatch):
    # the parent writes, the one serial part: workers must leave it a core when cores are short
    parent = os.nice(0)
    monkeypatch.setenv("RASD_WORKER_NICE", "3")
    with parallel.Analyser(DEFAULT_SETTINGS, workers=2, pipeline_factory=gold_pipeline) as analyser:
        [(_, seen)] = list(analyser.map_batches(_niceness, iter([[1, 2, 3, 4]])))
    assert seen == [min(19, parent + 3)] * 4
    assert os.nice(0) == parent  # the parent itself keeps its priority
    monkeypatch.setenv("RASD_WORKER_NICE", "0")
    with parallel.Analyser(DEFAULT_SETTINGS, workers=2, pipeline_factory=gold_pipeline) as analyser:
        [(_, seen)] = list(analyser.map_batches(_niceness, iter([[1, 2]])))
    assert seen == [parent] * 2
    monkeypatch.setenv("RASD_WORKER_NICE", "fast")
    with pytest.raises(ValueError, match="RASD_WORKER_NICE"):
        parallel.worker_niceness()
