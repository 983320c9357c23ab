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


RELEASE_SCRIPT = r"""
import json, sys, weakref
from rasd import pipeline as rasd_pipeline
from rasd.language import _identifier
from rasd.recognize.actors import actor_lexicon
from rasd.model import RawDocument
from rasd.settings import DEFAULT_SETTINGS
from rasd.store import parallel

texts = [json.loads(line)["text"] for line in sys.stdin]
docs = [RawDocument(source=f"doc{i}", text=t) for i, t in enumerate(texts)]
built = []

def factory(settings):
    built.append(weakref.ref(p := rasd_pipeline.Pipeline(settings)))
    return p

assert not rasd_pipeline.pipeline_loaded() and actor_lexicon.cache_info().currsize == 0
with parallel.Analyser(DEFAULT_SETTINGS, workers=2, pipeline_factory=factory) as analyser:
    # the parent built the pipeline for its workers only, and gave it back after the fork
    assert analyser.pipeline is None and built[0]() is None
    assert not rasd_pipeline.pipeline_loaded() and actor_lexicon.cache_info().currsize == 0
    assert _identifier.cache_info().currsize == 0
    [(_, in_workers)] = list(analyser.map_batches(parallel.analyse_document, iter([docs])))
pipeline = rasd_pipeline.Pipeline(DEFAULT_SETTINGS)  # loads everything again
here = [parallel.analyse_document(pipeline, d) for d in docs]
assert [a.to_dict() for a in in_workers] == [a.to_dict() for a in here]
with parallel.Analyser(DEFAULT_SETTINGS, workers=2) as analyser:
    assert analyser.pipeline is not None  # loaded before: kept (a test process, a library user)
print("ok", len(docs), sum(len(a.events) for a in here))
"""


def test_a_parent_that_loaded_the_pipeline_only_for_its_workers_gives_it_back():
    import subprocess
    import sys
    from pathlib import Path
    corpus = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "corpus-dev" / "almayadeen_2023_2024_syria.jsonl"
    lines = corpus.read_text(encoding="utf-8").splitlines()[:6]
    done = subprocess.run([sys.executable, "-c", RELEASE_SCRIPT], input="\n".join(lines), capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.startswith("ok 6 ") and int(done.stdout.split()[2]) > 0


def _square(pipeline, item):
    return item * item


def test_batches_computed_ahead_come_back_in_order(monkeypatch):
    monkeypatch.setenv("RASD_BATCHES_AHEAD", "3")
    assert parallel.batches_ahead() == 3
    batches = [list(range(i, i + 5)) for i in range(0, 40, 5)]
    with parallel.Analyser(DEFAULT_SETTINGS, workers=2, pipeline_factory=gold_pipeline) as analyser:
        got = list(analyser.map_batches(_square, iter(batches)))
    assert [b for b, _ in got] == batches and [r for _, r in got] == [[x * x for x in b] for b in batches]
    monkeypatch.setenv("RASD_BATCHES_AHEAD", "many")
    with pytest.raises(ValueError, match="RASD_BATCHES_AHEAD"):
        parallel.batches_ahead()
