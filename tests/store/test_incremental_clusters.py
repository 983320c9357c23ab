"""Incremental event clusters (rasd.store.dedupe.merge_pending): events are added to stored
clusters one at a time, compared with one member per merge class, and only the rows that change
are written. The clusters stay the connected components of every merge (what clustering the
whole store at once gives), each recorded as a tree of real merges rooted at its head, with the
smallest member event id as its id, the same whatever the batch size; replacing a canonical
article merges its former copies again. Real Arabic articles (gold-dev) and wire copies."""
import json
import sys
from pathlib import Path

from sqlalchemy import select

TESTS = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(TESTS / "dedupe"))  # wire: gold articles and wire copies

from rasd.dedupe import cluster_events  # noqa: E402
from rasd.store import Store  # noqa: E402
from rasd.store import schema as t  # noqa: E402
from rasd.store.dedupe import load_members, merge_reps  # noqa: E402
from rasd.store.ingest import ingest_sources  # noqa: E402

from wire import WIRE_PREFIX, wire_copy, wire_pipeline, write_corpus  # noqa: E402


def whole_store_clusters(store: Store) -> tuple[set[frozenset], dict[frozenset, str], set[tuple]]:
    """Clustering every stored event at once (rasd.dedupe.cluster_events): the member sets, the
    head each set should have, and every merge edge (unordered pair, rule)."""
    with store.engine.connect() as conn:
        members = load_members(conn, conn.execute(select(t.events.c.id)).scalars())
        groups = {a: c for a, c in conn.execute(select(t.articles.c.id, t.articles.c.canonical_article_id))
                  if c is not None}
    groups.update({c: c for c in groups.values()})
    from rasd.store.dedupe import _head
    clusters = [c for c in cluster_events([(m.key, m.event) for m in members.values()], groups) if len(c.members) > 1]
    sets = {frozenset(k.event_id for k in c.members) for c in clusters}
    heads = {s: _head([members[i] for i in s]).key.event_id for s in sets}
    edges = {(frozenset((e.a.event_id, e.b.event_id)), e.rule) for c in clusters for e in c.edges}
    return sets, heads, edges


def stored_clusters(store: Store) -> dict[str, dict]:
    """cluster id -> members, head, the merge rows (event -> (rule, merged with))."""
    e, m, c = t.events, t.event_merges, t.event_clusters
    with store.engine.connect() as conn:
        out: dict[str, dict] = {cid: {"head": head, "members": set(), "heads": set(), "rows": {}, "n": set()}
                                for cid, head in conn.execute(select(c.c.id, c.c.canonical_event_id))}
        for eid, cid, head, n in conn.execute(select(e.c.id, e.c.cluster_id, e.c.cluster_head, e.c.n_sources)
                                              .where(e.c.cluster_id.is_not(None))):
            out[cid]["members"].add(eid)
            out[cid]["n"].add(n)
            if head:
                out[cid]["heads"].add(eid)
        for cid, eid, rule, detail in conn.execute(select(m.c.cluster_id, m.c.event_id, m.c.rule, m.c.detail)):
            out[cid]["rows"][eid] = (rule, (detail or {}).get("with"))
        articles = dict(conn.execute(select(e.c.id, e.c.article_id)).all())
    for cluster in out.values():
        cluster["articles"] = {articles[i] for i in cluster["members"]}
    return out


def check_against_whole_store(store: Store) -> dict[str, dict]:
    sets, heads, edges = whole_store_clusters(store)
    stored = stored_clusters(store)
    assert {frozenset(c["members"]) for c in stored.values()} == sets  # connected components
    for cid, c in stored.items():
        members = frozenset(c["members"])
        assert cid == min(members)  # the id: the smallest member event id
        assert c["head"] == heads[members] and c["heads"] == {c["head"]}
        assert c["n"] == {len(c["articles"])}
        assert set(c["rows"]) == c["members"]  # one merge row per member
        assert c["rows"][c["head"]] == ("head", None)
        # a tree of real merges rooted at the head: every other member reaches the head
        for eid, (rule, other) in c["rows"].items():
            if eid != c["head"]:
                assert (frozenset((eid, other)), rule) in edges
        for eid in c["members"]:
            seen = set()
            while eid != c["head"]:
                assert eid not in seen
                seen.add(eid)
                eid = c["rows"][eid][1]
    return stored


def test_clusters_are_the_components_of_every_merge(store, tmp_path):
    path = tmp_path / "corpus.jsonl"
    write_corpus(path, originals=30, copies=[0, 3, 4, 9, 0, 3])  # a second copy of 0 and 3: no new document
    summary = ingest_sources(store, [str(path)], batch_size=4, pipeline_factory=wire_pipeline)
    stored = check_against_whole_store(store)
    assert len(stored) > 5
    assert summary.merges == sum(len(c["members"]) - 1 for c in stored.values())
    with store.engine.connect() as conn:  # one class row per lone event or class, never more than events
        classes = conn.execute(select(merge_reps.c.event_id, merge_reps.c.cluster_id)).all()
        events = dict(conn.execute(select(t.events.c.id, t.events.c.cluster_id)).all())
    assert all(events[i] == cid for i, cid in classes)
    assert {i for i, cid in events.items() if cid is None} <= {i for i, _ in classes}


def test_ids_and_trees_do_not_depend_on_batches(tmp_path):
    path = tmp_path / "corpus.jsonl"
    write_corpus(path, originals=20, copies=[0, 2, 5, 7, 11])
    results = []
    for size in (1, 7, 100):
        with Store.open(str(tmp_path / f"b{size}.sqlite")) as store:
            ingest_sources(store, [str(path)], batch_size=size, pipeline_factory=wire_pipeline)
            stored = stored_clusters(store)
            results.append({cid: (c["head"], sorted(c["members"]), sorted(c["rows"].items()))
                            for cid, c in stored.items()})
    assert results[0] and results[0] == results[1] == results[2]


def test_replacing_a_canonical_article_merges_its_copies_again(tmp_path):
    path = tmp_path / "corpus.jsonl"
    records = write_corpus(path, originals=12, copies=[1, 4])
    with Store.open(str(tmp_path / "store.sqlite")) as store:
        ingest_sources(store, [str(path)], batch_size=5, pipeline_factory=wire_pipeline)
        before = check_against_whole_store(store)
        assert any(len(c["articles"]) > 1 for c in before.values())
        # The original of copy 1 changes (a correction): a new article, its copy now stands alone.
        changed = [dict(r) for r in records]
        changed[1]["text"] = wire_copy(changed[1]["text"]) + "\nتصحيح: عدّل هذا الخبر."
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in changed), encoding="utf-8")
        ingest_sources(store, [str(path)], batch_size=5, pipeline_factory=wire_pipeline)
        with store.engine.connect() as conn:
            copy_id = conn.execute(select(t.articles.c.id, t.articles.c.canonical_article_id)
                                   .where(t.articles.c.external_id == WIRE_PREFIX + records[1]["id"])).one()
        assert copy_id.canonical_article_id is None
        check_against_whole_store(store)
