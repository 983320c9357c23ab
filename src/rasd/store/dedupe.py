"""Duplicates in the store: near-duplicate articles and events merged across articles.

Articles. A new article's MinHash signature and its LSH band buckets are stored
(``article_signatures``, ``article_lsh``); an article sharing a bucket with a canonical article
and similar above the threshold gets ``canonical_article_id`` (it is linked, never deleted). The
index lives in the database, so it survives restarts and needs no memory on any corpus size.

Events. The writer queues the events it inserts (``recluster_queue``); before an article's events
are deleted, their clusters are dissolved and the surviving members queued. At the end of the
batch, in the same transaction, ``merge_pending`` compares the queued events with the stored
events that could merge with them (same type and status, dates within a day, same place when
undated, or in a near-duplicate article), takes in every member of the clusters they touch and
recomputes those clusters. Clusters are rewritten, never
edited: a reprocess dissolves and rebuilds them. The result equals clustering the whole store
at once (a cluster is a connected component, and every component touched is recomputed whole
from its recorded merges and the new ones), so it does not depend on batch order, on workers or
on the Dask path. The merge rules are rasd.dedupe.events.same_happening; the candidate pairs are
those of rasd.dedupe.events.cluster_events.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, Optional

from sqlalchemy import Connection, bindparam, delete, select, update
from sqlalchemy.dialects import postgresql, sqlite

from ..dedupe import EventKey, MergeCluster, MergeEdge, same_happening
from ..dedupe.articles import THRESHOLD, article_fingerprint, from_bytes, lsh_buckets, to_bytes
from ..dedupe.events import DATE_DAYS, place_key, warm_comparisons
from ..model import Event, EventDate, Location, Participant, Span, content_id
from . import schema as t

CHUNK = 500


def in_chunks(items: Iterable, size: int = CHUNK) -> Iterable[list]:
    """Lists of at most ``size`` items: keys for one SQL IN (...) each, within parameter limits."""
    items = list(items)
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _insert_ignore(conn: Connection, table, rows: list[dict]) -> None:
    if rows:
        dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
        conn.execute(dialect.insert(table).on_conflict_do_nothing(), rows)


# ---- articles ------------------------------------------------------------------------------

def link_near_duplicate(conn: Connection, article_id: str, title: Optional[str],
                        text: str, signature=None) -> Optional[tuple[str, float]]:
    """Index a newly stored article; link it to the canonical article it copies, if any.

    Returns (canonical id, estimated Jaccard similarity) for a copy, None for an original. Only
    canonical articles are candidates, so every copy links to the first article seen.
    ``signature``: article_fingerprint(title, text) when already computed (ingest workers)."""
    signature = signature if signature is not None else article_fingerprint(title, text)
    buckets = lsh_buckets(signature)
    s, lsh, a = t.article_signatures, t.article_lsh, t.articles
    rows = conn.execute(
        select(s.c.article_id, s.c.signature).distinct()
        .join(lsh, lsh.c.article_id == s.c.article_id).join(a, a.c.id == s.c.article_id)
        .where(lsh.c.bucket.in_(buckets), a.c.canonical_article_id.is_(None), a.c.id != article_id)
    ).all()
    best: Optional[tuple[str, float]] = None
    for candidate, data in sorted(rows):
        similarity = signature.jaccard(from_bytes(data))
        if similarity >= THRESHOLD and (best is None or similarity > best[1]):
            best = (candidate, similarity)
    # A new article has no rows here: deleting an article cascades to its signature and buckets.
    conn.execute(s.insert().values(article_id=article_id, signature=to_bytes(signature)))
    conn.execute(lsh.insert(), [{"bucket": b, "article_id": article_id} for b in sorted(set(buckets))])
    if best is not None:
        conn.execute(update(a).where(a.c.id == article_id).values(
            canonical_article_id=best[0], duplicate_similarity=round(best[1], 4)))
    return best


class BatchLinker:
    """``link_near_duplicate`` for a whole batch of new articles with one query: the canonical
    stored articles sharing a bucket with any of them are read at the start; each new article is
    then compared with those and with the batch's earlier canonical articles, exactly the
    candidates the per-article query would find (an article of the batch is stored before the
    next is linked). Valid while no stored article is deleted (which can make its copies
    canonical): the writer drops the linker then and links article by article."""

    def __init__(self, conn: Connection, signatures: Iterable):
        s, lsh, a = t.article_signatures, t.article_lsh, t.articles
        wanted = sorted({b for signature in signatures for b in lsh_buckets(signature)})
        self.by_bucket: dict[int, set[str]] = defaultdict(set)
        for chunk in in_chunks(wanted):
            for bucket, article_id in conn.execute(
                    select(lsh.c.bucket, lsh.c.article_id).join(a, a.c.id == lsh.c.article_id)
                    .where(lsh.c.bucket.in_(chunk), a.c.canonical_article_id.is_(None))):
                self.by_bucket[bucket].add(article_id)
        self.signatures: dict[str, object] = {}
        ids = sorted({i for found in self.by_bucket.values() for i in found})
        for chunk in in_chunks(ids):
            for article_id, data in conn.execute(select(s.c.article_id, s.c.signature)
                                                 .where(s.c.article_id.in_(chunk))):
                self.signatures[article_id] = from_bytes(data)
        self.signature_rows: list[dict] = []  # of the batch's new articles, inserted by the writer
        self.lsh_rows: list[dict] = []

    def link(self, article_id: str, signature) -> Optional[tuple[str, float]]:
        """(canonical id, similarity) for a copy, None for an original; as link_near_duplicate."""
        buckets = sorted(set(lsh_buckets(signature)))
        candidates = {i for b in buckets for i in self.by_bucket.get(b, ())} - {article_id}
        best: Optional[tuple[str, float]] = None
        for candidate in sorted(candidates):
            similarity = signature.jaccard(self.signatures[candidate])
            if similarity >= THRESHOLD and (best is None or similarity > best[1]):
                best = (candidate, similarity)
        self.signature_rows.append({"article_id": article_id, "signature": to_bytes(signature)})
        self.lsh_rows += [{"bucket": b, "article_id": article_id} for b in buckets]
        if best is None:  # a canonical article: a candidate for the batch's later articles
            self.signatures[article_id] = signature
            for b in buckets:
                self.by_bucket[b].add(article_id)
        return best

    def take_rows(self) -> tuple[list[dict], list[dict]]:
        rows = self.signature_rows, self.lsh_rows
        self.signature_rows, self.lsh_rows = [], []
        return rows


def _copy_groups(conn: Connection, article_ids: Iterable[str]) -> dict[str, str]:
    """article id -> its near-duplicate group (the canonical id), for articles in a group."""
    a = t.articles
    ids = set(article_ids)
    groups: dict[str, str] = {}
    for chunk in in_chunks(ids):
        for aid, canonical in conn.execute(select(a.c.id, a.c.canonical_article_id).where(a.c.id.in_(chunk))):
            if canonical:
                groups[aid] = canonical
        for (canonical,) in conn.execute(select(a.c.canonical_article_id).distinct()
                                         .where(a.c.canonical_article_id.in_(chunk))):
            groups[canonical] = canonical
    return groups


def _group_articles(conn: Connection, group_ids: Iterable[str]) -> set[str]:
    a = t.articles
    found: set[str] = set()
    for chunk in in_chunks(set(group_ids)):
        found.update(conn.execute(select(a.c.id).where(a.c.canonical_article_id.in_(chunk))).scalars())
        found.update(chunk)
    return found


# ---- events: loading -----------------------------------------------------------------------

@dataclass
class ClusterMember:
    """What merging needs of a stored event (the fields ``same_happening`` reads, and a few
    that choose the cluster's head)."""
    key: EventKey
    event: Event
    cluster_id: Optional[str]


# The event columns a member is made of, in the order ``member`` takes them.
MEMBER_COLUMNS = ("id", "article_id", "type", "mode", "status", "trigger_start", "trigger_end", "trigger_text",
                  "trigger_field", "location_text", "location_name_en", "latitude", "longitude", "pcode",
                  "geo_precision", "event_date", "date_precision", "fatalities", "cluster_id")


def member(values, people: Iterable[tuple[str, str, Optional[str]]], spans: list[Span]) -> ClusterMember:
    """A member from its event's MEMBER_COLUMNS values, its participants (role, text, actor id)
    in role and index order, and its support spans in index order: the one way members are made,
    from stored rows (``load_members``) or from the rows a worker is about to store
    (``new_members``), so both give equal members."""
    (eid, article_id, type_, mode, status, trigger_start, trigger_end, trigger_text, trigger_field,
     location_text, location_name_en, latitude, longitude, pcode, geo_precision, event_date, date_precision,
     fatalities, cluster_id) = values
    people = list(people)
    event = Event(
        id=eid, type=type_, mode=mode, status=status,
        trigger=Span(trigger_start, trigger_end, trigger_text, trigger_field), mentions=spans,
        actor=[Participant(text=text, id=actor_id) for role, text, actor_id in people if role == "actor"],
        recipient=[Participant(text=text, id=actor_id) for role, text, actor_id in people if role == "recipient"],
        location=None if location_text is None else Location(
            text=location_text, name_en=location_name_en, lat=latitude, lon=longitude, pcode=pcode,
            precision=geo_precision),
        date=EventDate(event_date, date_precision or "day") if event_date else None,
        fatalities=fatalities)
    return ClusterMember(EventKey(article_id, eid), event, cluster_id)


def load_members(conn: Connection, event_ids: Iterable[str]) -> dict[str, ClusterMember]:
    e, p, m = t.events, t.event_participants, t.event_mentions
    found: dict[str, ClusterMember] = {}
    columns = [e.c[name] for name in MEMBER_COLUMNS]
    for chunk in in_chunks(sorted(set(event_ids))):
        rows = conn.execute(select(*columns).where(e.c.id.in_(chunk))).all()
        people: dict[str, list] = defaultdict(list)
        for event_id, role, text, actor_id in conn.execute(
                select(p.c.event_id, p.c.role, p.c.text, p.c.actor_id)
                .where(p.c.event_id.in_(chunk)).order_by(p.c.event_id, p.c.role, p.c.idx)).all():
            people[event_id].append((role, text, actor_id))
        spans: dict[str, list[Span]] = defaultdict(list)
        for event_id, start, end, text, field in conn.execute(
                select(m.c.event_id, m.c.start, m.c.end, m.c.text, m.c.field)
                .where(m.c.event_id.in_(chunk), m.c.kind == "support").order_by(m.c.event_id, m.c.idx)).all():
            spans[event_id].append(Span(start, end, text, field))
        for r in rows:
            found[r[0]] = member(r, people.get(r[0], ()), spans.get(r[0], []))
    return found


def new_members(event_rows: list[dict], participant_rows: list[dict], span_rows: list[dict]) -> list[ClusterMember]:
    """The members of events about to be stored (in no cluster yet), made from their rows as
    ``load_members`` makes them from the stored rows; with what comparing them needs worked out
    already (rasd.dedupe.events caches it on the event), so an ingest worker can do that."""
    people: dict[str, list] = defaultdict(list)
    for r in sorted(participant_rows, key=lambda r: (r["event_id"], r["role"], r["idx"])):
        people[r["event_id"]].append((r["role"], r["text"], r["actor_id"]))
    spans: dict[str, list[Span]] = defaultdict(list)
    for r in sorted(span_rows, key=lambda r: (r["event_id"], r["idx"])):
        if r["kind"] == "support":
            spans[r["event_id"]].append(Span(r["start"], r["end"], r["text"], r["field"]))
    out = []
    for row in event_rows:
        found = member([row.get(name) for name in MEMBER_COLUMNS], people.get(row["id"], ()),
                       spans.get(row["id"], []))
        warm_comparisons(found.event)
        out.append(found)
    return out


def _day(event: Event) -> Optional[dt.date]:
    try:
        return dt.date.fromisoformat(event.date.value) if event.date else None
    except ValueError:
        return None


def _window_ids(conn: Connection, seeds: dict[str, ClusterMember]) -> set[str]:
    """Stored events that could merge with a seed: same type and status, and a date within a
    day of the seed's, or no date and the seed's place."""
    e = t.events
    days: dict[tuple[str, str], set[str]] = defaultdict(set)
    places: dict[tuple[str, str], set[str]] = defaultdict(set)
    for member in seeds.values():
        ev = member.event
        day = _day(ev)
        if day is not None:
            days[(ev.type, ev.status)].update(
                (day + dt.timedelta(days=k)).isoformat() for k in range(-DATE_DAYS, DATE_DAYS + 1))
        elif ev.location is not None:
            places[(ev.type, ev.status)].add(place_key(ev))
    found: set[str] = set()
    for (type_, status), wanted in sorted(days.items()):
        for chunk in in_chunks(sorted(wanted)):
            found.update(conn.execute(select(e.c.id).where(
                e.c.type == type_, e.c.status == status, e.c.event_date.in_(chunk))).scalars())
    for (type_, status), wanted in sorted(places.items()):
        rows = conn.execute(select(e.c.id, e.c.pcode, e.c.location_name_en, e.c.location_text).where(
            e.c.type == type_, e.c.status == status, e.c.event_date.is_(None), e.c.location_text.is_not(None)))
        for r in rows:
            key = r.pcode or place_key(Event(id="", type=type_, mode=None, status=status, trigger=Span(0, 0, ""),
                                             mentions=[], location=Location(text=r.location_text,
                                                                            name_en=r.location_name_en)))
            if key in wanted:
                found.add(r.id)
    return found


def _group_event_ids(conn: Connection, article_ids: set[str], types: set[str]) -> set[str]:
    e = t.events
    found: set[str] = set()
    for chunk in in_chunks(sorted(article_ids)):
        found.update(conn.execute(select(e.c.id).where(e.c.article_id.in_(chunk), e.c.type.in_(sorted(types))))
                     .scalars())
    return found


def _cluster_member_ids(conn: Connection, cluster_ids: set[str]) -> set[str]:
    e = t.events
    found: set[str] = set()
    for chunk in in_chunks(sorted(cluster_ids)):
        found.update(conn.execute(select(e.c.id).where(e.c.cluster_id.in_(chunk))).scalars())
    return found


# ---- events: the queue and the recomputation ---------------------------------------------------

def queue_events(conn: Connection, event_ids: Iterable[str]) -> None:
    """Events just written: their clusters are computed at the end of the batch."""
    _insert_ignore(conn, t.recluster_queue, [{"event_id": i} for i in sorted(set(event_ids))])


def release_clusters(conn: Connection, article_ids: list[str]) -> None:
    """Before these articles' events are deleted: dissolve their clusters and queue the other
    members, so the clusters are recomputed without them (a reprocess can undo a merge)."""
    e = t.events
    cluster_ids: set[str] = set()
    for chunk in in_chunks(article_ids):
        cluster_ids.update(conn.execute(select(e.c.cluster_id).distinct().where(
            e.c.article_id.in_(chunk), e.c.cluster_id.is_not(None))).scalars())
    if not cluster_ids:
        return
    members = _cluster_member_ids(conn, cluster_ids)
    gone = set(article_ids)
    survivors = [i for i, a in _article_of(conn, members).items() if a not in gone]
    _dissolve(conn, cluster_ids, members)
    queue_events(conn, survivors)


def _article_of(conn: Connection, event_ids: set[str]) -> dict[str, str]:
    e = t.events
    found: dict[str, str] = {}
    for chunk in in_chunks(sorted(event_ids)):
        found.update(conn.execute(select(e.c.id, e.c.article_id).where(e.c.id.in_(chunk))).all())
    return found


def _dissolve(conn: Connection, cluster_ids: set[str], members: set[str]) -> None:
    e = t.events
    for chunk in in_chunks(sorted(cluster_ids)):
        conn.execute(delete(t.event_merges).where(t.event_merges.c.cluster_id.in_(chunk)))
    for chunk in in_chunks(sorted(members)):
        conn.execute(update(e).where(e.c.id.in_(chunk)).values(cluster_id=None, n_sources=1, cluster_head=True))
    for chunk in in_chunks(sorted(cluster_ids)):
        conn.execute(delete(t.event_clusters).where(t.event_clusters.c.id.in_(chunk)))


def _new_edges(seeds: dict[str, ClusterMember], window: dict[str, ClusterMember],
               copy_group: dict[str, str]) -> list[MergeEdge]:
    """Every merge between a seed and a seed or window event: the pairs rasd.dedupe.cluster_events
    would consider (same type with dates within a day; undated at the same place; in
    near-duplicate articles), each compared once in key order, so an edge is the same whatever
    the batch it is found in."""
    everyone = {**window, **seeds}
    dated: dict[tuple[str, dt.date], list[ClusterMember]] = defaultdict(list)
    undated: dict[tuple[str, Optional[str]], list[ClusterMember]] = defaultdict(list)
    grouped: dict[tuple[str, str], list[ClusterMember]] = defaultdict(list)
    for member in everyone.values():
        ev, day = member.event, _day(member.event)
        if day is not None:
            dated[(ev.type, day)].append(member)
        elif ev.location is not None:
            undated[(ev.type, place_key(ev))].append(member)
        if member.key.article_id in copy_group:
            grouped[(ev.type, copy_group[member.key.article_id])].append(member)
    edges: dict[tuple[EventKey, EventKey], MergeEdge] = {}
    for seed in seeds.values():
        ev, day = seed.event, _day(seed.event)
        if day is not None:
            candidates = [m for k in range(-DATE_DAYS, DATE_DAYS + 1)
                          for m in dated.get((ev.type, day + dt.timedelta(days=k)), ())]
        elif ev.location is not None:
            candidates = list(undated.get((ev.type, place_key(ev)), ()))
        else:
            candidates = []
        group = copy_group.get(seed.key.article_id)
        if group is not None:
            candidates += grouped.get((ev.type, group), [])
        for other in candidates:
            if other.key.article_id == seed.key.article_id:
                continue  # in-article merging is the event coder's job
            ka, kb = seed.key, other.key
            a, b = (seed, other) if (ka.article_id, ka.event_id) <= (kb.article_id, kb.event_id) else (other, seed)
            if (a.key, b.key) in edges:
                continue
            copies = group is not None and copy_group.get(other.key.article_id) == group
            found = same_happening(a.event, b.event, copies=copies)
            if found:
                edges[(a.key, b.key)] = MergeEdge(a.key, b.key, *found)
    return list(edges.values())


def _stored_edges(conn: Connection, cluster_ids: set[str], members: dict[str, ClusterMember]) -> list[MergeEdge]:
    """The merges of existing clusters, as recorded with their members (``links``)."""
    m = t.event_merges
    edges = []
    for chunk in in_chunks(sorted(cluster_ids)):
        for event_id, detail in conn.execute(select(m.c.event_id, m.c.detail).where(m.c.cluster_id.in_(chunk))):
            for other, rule, text in (detail or {}).get("links", []):
                edges.append(MergeEdge(members[event_id].key, members[other].key, rule, text))
    return edges


def _components(members: dict[str, ClusterMember], edges: list[MergeEdge]) -> list[MergeCluster]:
    """Union-find over the edges; clusters and their edges in key order (deterministic)."""
    parent = {i: i for i in members}

    def root(i: str) -> str:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for edge in edges:
        ra, rb = root(edge.a.event_id), root(edge.b.event_id)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    clusters: dict[str, MergeCluster] = {}
    for i in sorted(members, key=lambda i: (members[i].key.article_id, i)):
        r = root(i)
        clusters.setdefault(r, MergeCluster(r, [])).members.append(members[i].key)
    for edge in sorted(edges, key=lambda e: (e.a.article_id, e.a.event_id, e.b.article_id, e.b.event_id)):
        clusters[root(edge.a.event_id)].edges.append(edge)
    return [c for c in clusters.values() if len(c.members) > 1]


def merge_pending(conn: Connection, run_id: Optional[int],
                  known: Optional[dict[str, ClusterMember]] = None) -> int:
    """Recompute the clusters of the queued events; returns how many more events are merged
    into another article's event than before (the run summary's "merges").

    Merges between two events already stored are not compared again: they are the recorded
    merges of their clusters (two stored events in different clusters never merge, or they
    would share a cluster). Only the queued events are compared with their candidates.
    ``known``: members of events just written (``new_members``), not read back from the database."""
    q = t.recluster_queue
    queued = list(conn.execute(select(q.c.event_id)).scalars())
    if not queued:
        return 0
    conn.execute(delete(q))
    known = known or {}
    seeds = {i: known[i] for i in sorted(queued) if i in known}
    seeds.update(load_members(conn, [i for i in queued if i not in known]))
    if not seeds:
        return 0
    copy_group = _copy_groups(conn, {m.key.article_id for m in seeds.values()})
    window_ids = _window_ids(conn, seeds)
    seed_groups = {copy_group[m.key.article_id] for m in seeds.values() if m.key.article_id in copy_group}
    if seed_groups:
        window_ids |= _group_event_ids(conn, _group_articles(conn, seed_groups),
                                       {m.event.type for m in seeds.values()})
    window = load_members(conn, window_ids - set(seeds))
    copy_group.update(_copy_groups(conn, {m.key.article_id for m in window.values()}))
    edges = _new_edges(seeds, window, copy_group)
    touched = set(seeds) | {e.a.event_id for e in edges} | {e.b.event_id for e in edges}
    members = {i: seeds.get(i) or window[i] for i in touched}
    old_clusters = {m.cluster_id for m in members.values() if m.cluster_id}
    old_members = _cluster_member_ids(conn, old_clusters)
    members.update(load_members(conn, old_members - set(members)))
    edges += _stored_edges(conn, old_clusters, members)
    clusters = _components(members, edges)
    _dissolve(conn, old_clusters, set(members))
    # Net: events merged now minus those merged before in the clusters rewritten, so the run's
    # count does not depend on how many batches rewrote the same cluster.
    return _write_clusters(conn, clusters, members, run_id) - (len(old_members) - len(old_clusters))


def _head(members: list[ClusterMember]) -> ClusterMember:
    """The member that represents the cluster: located, dated, with the most participants."""
    def rank(m: ClusterMember):
        ev = m.event
        return (ev.location is None or ev.location.lat is None, ev.date is None,
                -(len(ev.actor) + len(ev.recipient)), -(ev.fatalities or 0), m.key.article_id, m.key.event_id)
    return min(members, key=rank)


def _write_clusters(conn: Connection, clusters: list[MergeCluster], members: dict[str, ClusterMember],
                    run_id: Optional[int]) -> int:
    from .writer import utcnow  # the store's clock (writer imports this module)
    merged = 0
    event_updates, merge_rows, cluster_rows = [], [], []
    for cluster in clusters:
        ids = sorted(k.event_id for k in cluster.members)
        cluster_id = content_id("cluster", *ids)
        head = _head([members[i] for i in ids])
        n_sources = len({k.article_id for k in cluster.members})
        merged += len(ids) - 1
        cluster_rows.append({"id": cluster_id, "canonical_event_id": head.key.event_id, "run_id": run_id,
                             "created_at": utcnow()})
        event_updates += [{"eid": i, "cid": cluster_id, "n": n_sources, "head": i == head.key.event_id}
                          for i in ids]
        links: dict[str, list] = defaultdict(list)  # every merge, kept with its first event
        for edge in cluster.edges:
            links[edge.a.event_id].append([edge.b.event_id, edge.rule, edge.detail])
        merge_rows += [{"cluster_id": cluster_id, "event_id": event_id, "rule": rule, "score": None,
                        "detail": {**detail, "links": links[event_id]}, "run_id": run_id}
                       for event_id, rule, detail in _explanations(cluster, head.key.event_id)]
    if cluster_rows:
        conn.execute(t.event_clusters.insert(), cluster_rows)
        conn.execute(update(t.events).where(t.events.c.id == bindparam("eid")).values(
            cluster_id=bindparam("cid"), n_sources=bindparam("n"), cluster_head=bindparam("head")), event_updates)
        conn.execute(t.event_merges.insert(), merge_rows)
    return merged


def _explanations(cluster: MergeCluster, head_id: str) -> list[tuple[str, str, dict]]:
    """For each member, the merge that joined it to the cluster: a spanning tree from the head
    over the merge edges (breadth first, edges in their deterministic order)."""
    links: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for edge in cluster.edges:
        links[edge.a.event_id].append((edge.b.event_id, edge.rule, edge.detail))
        links[edge.b.event_id].append((edge.a.event_id, edge.rule, edge.detail))
    out = [(head_id, "head", {"edges": len(cluster.edges)})]
    seen, frontier = {head_id}, [head_id]
    while frontier:
        following = []
        for current in frontier:
            for other, rule, detail in links[current]:
                if other not in seen:
                    seen.add(other)
                    following.append(other)
                    out.append((other, rule, {"with": current, "detail": detail}))
        frontier = following
    return out
