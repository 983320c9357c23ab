"""`rasd ingest --dask`: a local Dask cluster gives the same store as a local ingest (articles,
errors, near-duplicate links, clusters), on SQLite and PostgreSQL; a second run changes nothing."""
from pathlib import Path

import pytest
from sqlalchemy import select

from rasd.distributed import ingest_dask
from rasd.store import Store
from rasd.store import schema as t
from rasd.store.ingest import ingest_sources

from test_ingest import snapshot
from test_store_duplicates import clusters, links
from wire import wire_pipeline, write_corpus

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "corpus-dev"
HTML = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "html"


def corpus(tmp_path: Path) -> list[str]:
    gold = tmp_path / "gold.jsonl"
    write_corpus(gold, originals=20, copies=[0, 3, 5], extra=[{"id": "english", "text": "Only English here. " * 20}])
    with gold.open("a", encoding="utf-8") as fh:
        fh.write("{not json\n")
    pages = tmp_path / "pages"
    pages.mkdir()
    for page in sorted(HTML.rglob("*.html"))[:3]:
        (pages / page.name).write_bytes(page.read_bytes())
    return [str(gold), str(pages), str(CORPUS / "bbc_arabic_2016_2017.jsonl")]


def state(store: Store) -> tuple:
    with store.engine.connect() as conn:
        heads = sorted(conn.execute(select(t.events.c.id, t.events.c.n_sources, t.events.c.cluster_head)).all())
    return snapshot(store), links(store), clusters(store), heads


@pytest.fixture(scope="module")
def local_ingest(tmp_path_factory):
    """The corpus and what a local ingest of it stores (computed once for both databases)."""
    folder = tmp_path_factory.mktemp("corpus")
    sources = corpus(folder)
    with Store.open(str(folder / "local.sqlite")) as local:
        summary = ingest_sources(local, sources, batch_size=10, pipeline_factory=wire_pipeline)
        return sources, summary, state(local)


def test_dask_ingest_equals_local_ingest(db_url, tmp_path, dask_client, local_ingest):
    sources, expected_summary, expected = local_ingest
    staging = tmp_path / "staging"
    with Store.open(db_url) as store:
        summary = ingest_dask(store, sources, dask_client, batch_size=10, staging=staging,
                              pipeline_factory=wire_pipeline, target_bytes=60_000, in_flight=3, keep_staging=True)
        assert state(store) == expected
        assert (summary.read, summary.stored, summary.duplicates, summary.events, summary.merges,
                dict(summary.failed)) == (expected_summary.read, expected_summary.stored, expected_summary.duplicates,
                                         expected_summary.events, expected_summary.merges, dict(expected_summary.failed))
        assert len(list((staging / "articles").glob("part-*.parquet"))) > 3
        assert store.runs()[-1]["kind"] == "dask" and store.runs()[-1]["status"] == "completed"
        again = ingest_dask(store, sources, dask_client, batch_size=10, staging=tmp_path / "again",
                            pipeline_factory=wire_pipeline, target_bytes=60_000)
        assert again.stored == again.updated == 0 and again.unchanged == again.read - again.failed_total
        assert state(store) == expected
        assert not (tmp_path / "again").exists()  # removed after a completed run
