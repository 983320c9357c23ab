"""Reprocess recomputes the analysis of stored articles and records what changed."""
from rasd.settings import Settings
from rasd.store.ingest import ingest_sources
from rasd.store.reprocess import reprocess

from store_gold import GoldEvents, gold_pipeline, write_gold_jsonl
from rasd.pipeline import Pipeline, Segmenter


class FirstEventOnly(GoldEvents):
    """A 'new lexicon' that finds fewer events: only the first gold event of each article."""

    def __call__(self, article):
        article = super().__call__(article)
        article.events = article.events[:1]
        return article


def first_event_pipeline(settings: Settings) -> Pipeline:
    return Pipeline(settings, stages=[Segmenter(settings), FirstEventOnly(settings)])


def test_reprocess_records_changes(store, tmp_path):
    path = tmp_path / "gold.jsonl"
    docs = write_gold_jsonl(path, limit=6)
    first = ingest_sources(store, [str(path)], pipeline_factory=gold_pipeline)
    before = len(list(store.events()))
    assert before == first.events > len(docs)

    nothing = reprocess(store)  # same code and lexicons: nothing is outdated
    assert nothing.read == 0

    summary = reprocess(store, everything=True, batch_size=4, pipeline_factory=first_event_pipeline)
    after = list(store.events())
    assert summary.read == len(docs) and len(after) == summary.events == len(docs)
    assert summary.extra["events_removed"] == before - len(docs) and summary.extra["events_added"] == 0
    assert summary.extra["changed"] == sum(1 for d in docs if len(d["events"]) > 1)
    run = store.runs()[-1]
    assert run["kind"] == "reprocess" and run["status"] == "completed"
    assert run["counts"]["events_removed"] == before - len(docs)
