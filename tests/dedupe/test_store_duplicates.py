"""Duplicates in the store, on SQLite and PostgreSQL: wire copies linked to their canonical
article (index in the database, so it survives a restart), events of several articles merged
into clusters with their rules, one row per cluster, and clusters recomputed on reprocess."""
import json

from click.testing import CliRunner
from sqlalchemy import select

from rasd.cli import main
from rasd.model import Article
from rasd.pipeline import Pipeline, Segmenter
from rasd.store import EventFilter, Store
from rasd.store import schema as t
from rasd.dedupe import cluster_events
from rasd.store.clusters import article_copies, explain_event
from rasd.store.dedupe import load_members
from rasd.store.ingest import ingest_sources
from rasd.store.reprocess import reprocess

from wire import WIRE_PREFIX, WireGoldEvents, wire_pipeline, write_corpus


def clusters(store: Store) -> set[tuple]:
    """Every cluster as (sorted member event ids, sorted member rules): independent of run ids."""
    with store.engine.connect() as conn:
        rows = conn.execute(select(t.event_merges.c.cluster_id, t.event_merges.c.event_id,
                                   t.event_merges.c.rule)).all()
    by_cluster: dict[str, list] = {}
    for cluster_id, event_id, rule in rows:
        by_cluster.setdefault(cluster_id, []).append((event_id, rule))
    return {(cid, tuple(sorted(e for e, _ in members)), tuple(sorted(r for _, r in members)))
            for cid, members in by_cluster.items()}


def links(store: Store) -> dict[str, str]:
    """external id of each near-duplicate -> external id of its canonical article."""
    a, c = t.articles, t.articles.alias("canonical")
    with store.engine.connect() as conn:
        return dict(conn.execute(select(a.c.external_id, c.c.external_id)
                                 .join(c, c.c.id == a.c.canonical_article_id)).all())


def test_wire_copies_are_linked_and_their_events_merged(store, tmp_path):
    path = tmp_path / "corpus.jsonl"
    records = write_corpus(path, originals=20, copies=[0, 3])
    summary = ingest_sources(store, [str(path)], batch_size=5, pipeline_factory=wire_pipeline)
    assert summary.stored == len(records) and summary.duplicates == 2 and summary.merges > 0
    assert links(store) == {WIRE_PREFIX + records[0]["id"]: records[0]["id"],
                            WIRE_PREFIX + records[3]["id"]: records[3]["id"]}
    assert store.counts()["article_signatures"] == len(records)  # nothing deleted, every article indexed

    copy_event = next(s for s in store.events() if s.article_source.endswith(f":{len(records) - 1}"))
    explained = explain_event(store, copy_event.id)
    assert explained.cluster_id == copy_event.cluster_id and explained.n_sources == 2
    assert {r.rule for r in explained.reports} <= {"head", "article-copy", "text-similarity", "actors+place+date"}
    assert sum(r.rule == "head" for r in explained.reports) == 1
    assert {r.article_id for r in explained.reports} == {copy_event.article_id,
                                                         article_copies(store, copy_event.article_id).canonical_article_id}
    every, heads = store.count_events(), store.count_events(EventFilter(one_per_cluster=True))
    assert every - heads == summary.merges  # one row per happening
    # merges across different (not copied) articles: the same attack told by two outlets
    assert any("actors+place+date" in rules for _, _, rules in clusters(store))


def test_incremental_clusters_equal_clustering_the_whole_store(store, tmp_path):
    """Batch by batch, the store ends with the clusters cluster_events gives on all events at once."""
    path = tmp_path / "corpus.jsonl"
    write_corpus(path, originals=30, copies=[0, 3, 4, 9])
    ingest_sources(store, [str(path)], batch_size=4, pipeline_factory=wire_pipeline)
    with store.engine.connect() as conn:
        members = load_members(conn, conn.execute(select(t.events.c.id)).scalars())
        groups = {a: c for a, c in conn.execute(select(t.articles.c.id, t.articles.c.canonical_article_id))
                  if c is not None}
    groups.update({c: c for c in groups.values()})
    whole = cluster_events([(m.key, m.event) for m in members.values()], groups)
    expected_members = {tuple(sorted(k.event_id for k in c.members)) for c in whole if len(c.members) > 1}
    real_merges = {(frozenset((e.a.event_id, e.b.event_id)), e.rule) for c in whole for e in c.edges}
    with store.engine.connect() as conn:
        stored: dict[str, list] = {}
        edges: dict[str, list] = {}
        for cluster_id, event_id, detail in conn.execute(select(t.event_merges.c.cluster_id, t.event_merges.c.event_id,
                                                                t.event_merges.c.detail)):
            stored.setdefault(cluster_id, []).append(event_id)
            edges.setdefault(cluster_id, []).extend((event_id, other, rule) for other, rule, _ in detail["links"])
    # Merging is incremental: the clusters are those of the whole store, and each recorded merge is a
    # real one, one per member but the head (a spanning tree, not every pairwise merge).
    assert {tuple(sorted(v)) for v in stored.values()} == expected_members
    assert all((frozenset((event_id, other)), rule) in real_merges
               for k in edges for event_id, other, rule in edges[k])
    assert all(len(edges.get(k, [])) == len(stored[k]) - 1 for k in stored)
    assert len(expected_members) > 5


def test_index_survives_a_restart_and_batches_do_not_matter(db_url, tmp_path):
    path = tmp_path / "corpus.jsonl"
    records = write_corpus(path, originals=10, copies=[2, 7])
    originals = tmp_path / "originals.jsonl"
    originals.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records[:10]), encoding="utf-8")
    with Store.open(str(tmp_path / "reference.sqlite")) as reference:
        ingest_sources(reference, [str(path)], batch_size=50, pipeline_factory=wire_pipeline)
        expected = (links(reference), clusters(reference))
    with Store.open(db_url) as first:
        ingest_sources(first, [str(originals)], batch_size=3, pipeline_factory=wire_pipeline)
    with Store.open(db_url) as second:  # a new process would see only what the database holds
        ingest_sources(second, [str(path)], batch_size=1, pipeline_factory=wire_pipeline)
        assert (links(second), clusters(second)) == expected


class DropCopyEvents:
    """Stage: wire copies get no events (a lexicon change that loses them)."""

    def __call__(self, article: Article) -> Article:
        if (article.external_id or "").startswith(WIRE_PREFIX):
            article.events = []
        return article


def no_copy_events_pipeline(settings):
    return Pipeline(settings, stages=[Segmenter(settings), WireGoldEvents(settings), DropCopyEvents()])


def test_reprocess_recomputes_clusters(store, tmp_path):
    path = tmp_path / "corpus.jsonl"
    write_corpus(path, originals=12, copies=[0, 3])
    ingest_sources(store, [str(path)], batch_size=4, pipeline_factory=wire_pipeline)
    merged = clusters(store)
    with_copies = {c for c in merged if "article-copy" in c[2]}
    assert with_copies
    reprocess(store, everything=True, batch_size=5, pipeline_factory=no_copy_events_pipeline)
    assert clusters(store) == merged - with_copies  # the copies' merges are undone, the others rebuilt
    with store.engine.connect() as conn:
        assert conn.execute(select(t.events.c.id).where(t.events.c.n_sources > 1,
                                                        t.events.c.cluster_id.is_(None))).first() is None
    reprocess(store, everything=True, batch_size=3, pipeline_factory=wire_pipeline)
    assert clusters(store) == merged  # and merged again, the same clusters with the same ids


def test_duplicates_commands(tmp_path):
    path, db = tmp_path / "corpus.jsonl", str(tmp_path / "cli.sqlite")
    write_corpus(path, originals=6, copies=[0])
    with Store.open(db) as store:
        ingest_sources(store, [str(path)], pipeline_factory=wire_pipeline)
        copy_event = next(s for s in store.events() if s.article_source.endswith(":7") and s.cluster_id)
        canonical = article_copies(store, copy_event.article_id).canonical_article_id
    runner = CliRunner()
    shown = runner.invoke(main, ["duplicates", "explain", copy_event.id, "--db", db])
    assert shown.exit_code == 0, shown.output
    assert f"cluster {copy_event.cluster_id}" in shown.output and "merged by " in shown.output
    article = runner.invoke(main, ["duplicates", "article", copy_event.article_id, "--db", db])
    assert f"near-duplicate of {canonical}" in article.output
    listed = runner.invoke(main, ["duplicates", "list", "--db", db])
    assert copy_event.cluster_id in listed.output
    missing = runner.invoke(main, ["duplicates", "explain", "nope", "--db", db])
    assert missing.exit_code == 1 and "no event" in missing.output
