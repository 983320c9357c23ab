"""Duplicates in the store: near-duplicate articles and events merged across articles.

Articles. A new article's MinHash signature and its LSH band buckets are stored
(``article_signatures``, ``article_lsh``); an article sharing a bucket with a canonical article
and similar above the threshold gets ``canonical_article_id`` (it is linked, never deleted). The
index lives in the database, so it survives restarts and needs no memory on any corpus size.

Events. The writer queues the events it inserts (``recluster_queue``); before an article's events
are deleted, their clusters are dissolved and the surviving members queued. At the end of the
batch, in the same transaction, ``merge_pending`` adds the queued events one at a time to the
stored clusters: each is compared with one representative of every merge class that could merge
with it (``event_merge_reps``: the events of one cluster, or a lone event, that the rules cannot
tell apart), joins every cluster it merges with, and only the rows that change are written (its
row and merge, the head, n_sources, the cluster's id when its own id is smaller than every
member's). The clusters are the connected components of every merge, as clustering the whole
store at once gives, whatever the batches, workers or Dask; the recorded merges are a tree
rooted at the head, the merges found as the events came (docs/duplicates.md). The merge rules
are rasd.dedupe.events.same_happening; the candidates those of rasd.dedupe.events.cluster_events.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Optional

from sqlalchemy import (Column, Connection, Float, Index, Integer, String, Table, Text, bindparam, delete, func, select,
                        update)
from sqlalchemy.dialects import postgresql, sqlite

from ..dedupe import EventKey, same_happening
from ..dedupe.articles import THRESHOLD, article_fingerprint, from_bytes, lsh_buckets, to_bytes
from ..dedupe.events import (DATE_DAYS, _actor_ids, _day_number, _evidence_tokens, _point, _trigger_norm, place_key,
                             warm_comparisons)
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


# ---- events: loading -----------------------------------------------------------------------

@dataclass
class ClusterMember:
    """What merging needs of a stored event (the fields ``same_happening`` reads, and a few
    that choose the cluster's head)."""
    key: EventKey
    event: Event
    cluster_id: Optional[str]
    profile: Optional[str] = None  # merge_profile, worked out once


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
        merge_profile(found)
        out.append(found)
    return out


def _day(event: Event) -> Optional[dt.date]:
    try:
        return dt.date.fromisoformat(event.date.value) if event.date else None
    except ValueError:
        return None


def merge_profile(m: ClusterMember) -> str:
    """A hash of everything ``same_happening`` reads of an event (type, status, actor ids, point,
    day, normalized trigger, evidence words) and of its undated place: two events with the same
    profile merge, or not, with any third event alike (given the same near-duplicate group).
    Worked out once per member (by the ingest worker for new events)."""
    if m.profile is None:
        ev = m.event
        loc = ev.location
        parts = (ev.type, ev.status, sorted(_actor_ids(ev)),
                 (loc.lat, loc.lon) if loc is not None and loc.lat is not None else None, _day_number(ev),
                 _trigger_norm(ev), sorted(_evidence_tokens(ev)), place_key(ev))
        m.profile = hashlib.blake2b(repr(parts).encode("utf-8"), digest_size=12).hexdigest()
    return m.profile


def _cluster_member_ids(conn: Connection, cluster_ids: set[str]) -> set[str]:
    e = t.events
    found: set[str] = set()
    for chunk in in_chunks(sorted(cluster_ids)):
        found.update(conn.execute(select(e.c.id).where(e.c.cluster_id.in_(chunk))).scalars())
    return found


# ---- events: merge classes ---------------------------------------------------------------------

# The representatives of merge classes (migration 0008). A class is the events of one cluster (or
# one lone event) with the same merge profile and the same near-duplicate key (the article's
# canonical article, else the article itself): ``same_happening`` gives every member of a class
# the same answer against any other event, so a new event is compared with one member per class,
# whatever the number of copies a wire story has. Lone events are their own class.
merge_reps = Table(
    "event_merge_reps", t.metadata,
    Column("event_id", t.ID, primary_key=True),
    Column("article_id", t.ID, nullable=False),
    Column("type", String(32), nullable=False),
    Column("status", String(16), nullable=False),
    Column("day", String(10)),  # the event's date, when valid
    Column("place", Text),  # place_key, for undated events
    Column("copy_key", t.ID, nullable=False),
    Column("cluster_id", t.ID),  # None: a lone event
    Column("profile", String(32), nullable=False),
    # What same_happening reads, worked out (rasd.dedupe.events): the window is compared
    # without reading the events, their participants and spans back.
    Column("actors", Text, nullable=False),  # actor ids, sorted, joined by U+001F
    Column("lat", Float),
    Column("lon", Float),
    Column("day_number", Integer, nullable=False),  # date ordinal, 0: none
    Column("trigger_norm", Text, nullable=False),
    Column("trigger_text", Text, nullable=False),
    Column("evidence", Text, nullable=False),  # evidence words, sorted, joined by spaces
    Index("ix_event_merge_reps_window", "type", "status", "day", "place"),
    Index("ix_event_merge_reps_copy", "copy_key", "type"),
    Index("ix_event_merge_reps_cluster", "cluster_id"),
    Index("ix_event_merge_reps_article", "article_id"),
)
# Clusters whose members other than the head and the events that joined it last have an
# ``n_sources`` behind (migration 0009): an ingest writes the exact count on those rows each
# batch and on every member once, at the end of the run (refresh_cluster_sizes), instead of on
# every member of a growing cluster at every batch.
cluster_refresh = Table(
    "event_cluster_refresh", t.metadata,
    Column("cluster_id", t.ID, primary_key=True),
)

REP_COLUMNS = ("event_id", "article_id", "cluster_id", "profile", "copy_key", "type", "status", "day", "place",
               "actors", "lat", "lon", "day_number", "trigger_norm", "trigger_text", "evidence")
SEP = "\x1f"


def _rep_row(m: ClusterMember, copy_key: str, cluster_id: Optional[str]) -> dict:
    ev, day = m.event, _member_day(m)
    point = _point(ev)
    return {"event_id": m.key.event_id, "article_id": m.key.article_id, "type": ev.type, "status": ev.status,
            "day": day.isoformat() if day else None, "place": place_key(ev) if ev.location is not None else None,
            "copy_key": copy_key, "cluster_id": cluster_id, "profile": merge_profile(m),
            "actors": SEP.join(sorted(_actor_ids(ev))), "lat": ev.location.lat if point else None,
            "lon": ev.location.lon if point else None, "day_number": _day_number(ev),
            "trigger_norm": _trigger_norm(ev), "trigger_text": ev.trigger.text,
            "evidence": " ".join(sorted(_evidence_tokens(ev)))}


class _RepEvent:
    """What same_happening reads of an event (type, status, trigger text and the parts
    rasd.dedupe.events caches on it), for a stored class representative."""


@dataclass
class _RepTrigger:
    text: str


def _rep_member(row) -> ClusterMember:
    """A stored class representative as merging compares it: an event with only what
    same_happening reads (its cached parts set from the row)."""
    (event_id, article_id, cluster_id, profile, _, type_, status, _, _, actors, lat, lon, day_number,
     trigger_norm, trigger_text, evidence) = row
    ev = _RepEvent()
    cached = ev.__dict__
    cached.update(id=event_id, type=type_, status=status, trigger=_RepTrigger(trigger_text))
    cached["_actor_ids"] = frozenset(actors.split(SEP)) if actors else frozenset()
    cached["_trigger_norm"] = trigger_norm
    cached["_evidence_tokens"] = frozenset(evidence.split()) if evidence else frozenset()
    cached["_point"] = (math.radians(lat), math.cos(math.radians(lat)), lon) if lat is not None else ()
    cached["_day_number"] = day_number
    return ClusterMember(EventKey(article_id, event_id), ev, cluster_id, profile)


def _member_day(m: ClusterMember) -> Optional[dt.date]:
    if "day" not in m.__dict__:
        m.__dict__["day"] = _day(m.event)
    return m.__dict__["day"]


# ---- events: the queue, releasing clusters -------------------------------------------------------

def queue_events(conn: Connection, event_ids: Iterable[str]) -> None:
    """Events just written: their clusters are computed at the end of the batch."""
    _insert_ignore(conn, t.recluster_queue, [{"event_id": i} for i in sorted(set(event_ids))])


def forget_articles(conn: Connection, article_ids: list[str]) -> None:
    """Before these articles' events are deleted: dissolve their clusters (the surviving members
    are queued, so their clusters are recomputed without them: a reprocess can undo a merge) and
    drop their merge classes and queue entries."""
    release_clusters(conn, article_ids)
    for chunk in in_chunks(article_ids):
        conn.execute(delete(merge_reps).where(merge_reps.c.article_id.in_(chunk)))
        conn.execute(delete(t.recluster_queue).where(t.recluster_queue.c.event_id.in_(
            select(t.events.c.id).where(t.events.c.article_id.in_(chunk)))))


def release_clusters(conn: Connection, article_ids: list[str], keep: bool = False) -> None:
    """Dissolve the clusters of these articles' events and queue their other members (and, with
    ``keep``, the articles' own events: their near-duplicate key changed)."""
    e = t.events
    cluster_ids: set[str] = set()
    for chunk in in_chunks(article_ids):
        cluster_ids.update(conn.execute(select(e.c.cluster_id).distinct().where(
            e.c.article_id.in_(chunk), e.c.cluster_id.is_not(None))).scalars())
    gone = set() if keep else set(article_ids)
    if keep:  # their lone events too
        own: set[str] = set()
        for chunk in in_chunks(article_ids):
            own.update(conn.execute(select(e.c.id).where(e.c.article_id.in_(chunk))).scalars())
        for chunk in in_chunks(sorted(own)):
            conn.execute(delete(merge_reps).where(merge_reps.c.event_id.in_(chunk)))
        queue_events(conn, own)
    if not cluster_ids:
        return
    members = _cluster_member_ids(conn, cluster_ids)
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
        conn.execute(delete(merge_reps).where(merge_reps.c.event_id.in_(chunk)))
    for chunk in in_chunks(sorted(cluster_ids)):
        conn.execute(delete(cluster_refresh).where(cluster_refresh.c.cluster_id.in_(chunk)))
        conn.execute(delete(t.event_clusters).where(t.event_clusters.c.id.in_(chunk)))


# ---- events: incremental merging ---------------------------------------------------------------

def _rank(m: ClusterMember) -> tuple:
    """The order that chooses a cluster's head (the smallest): located, dated, with the most
    participants, then the most fatalities; the event id last."""
    ev = m.event
    return (ev.location is None or ev.location.lat is None, ev.date is None,
            -(len(ev.actor) + len(ev.recipient)), -(ev.fatalities or 0), m.key.article_id, m.key.event_id)


def _head(members: list[ClusterMember]) -> ClusterMember:
    """The member that represents the cluster: located, dated, with the most participants."""
    return min(members, key=_rank)


def _ranks(conn: Connection, event_ids: Iterable[str]) -> dict[str, tuple]:
    """_rank of stored events, from their rows (one light query, no members built)."""
    e, p = t.events, t.event_participants
    people = (select(func.count()).where(p.c.event_id == e.c.id).scalar_subquery())
    found: dict[str, tuple] = {}
    for chunk in in_chunks(sorted(set(event_ids))):
        for eid, article_id, lat, date, fatalities, n in conn.execute(
                select(e.c.id, e.c.article_id, e.c.latitude, e.c.event_date, e.c.fatalities, people)
                .where(e.c.id.in_(chunk))):
            found[eid] = (lat is None, date is None, -n, -(fatalities or 0), article_id, eid)
    return found


def _compare(a: ClusterMember, b: ClusterMember, copies: bool) -> Optional[tuple[str, str]]:
    """same_happening on the pair in key order (the order the recorded detail is written in)."""
    if (a.key.article_id, a.key.event_id) > (b.key.article_id, b.key.event_id):
        a, b = b, a
    return same_happening(a.event, b.event, copies=copies)


@dataclass(eq=False)
class _Comp:
    """A cluster, or a lone event, as one batch's merging sees it."""
    min_id: str  # its smallest member event id: the cluster's id
    head: Optional[tuple]  # the head's _rank (its id last); None: a stored lone event not read yet
    single: Optional[str] = None  # a lone event: its id
    stored_ids: set = field(default_factory=set)  # the stored clusters it holds
    joined: list = field(default_factory=list)  # events whose row gets this cluster
    demoted: list = field(default_factory=list)  # former heads
    forward: Optional["_Comp"] = None  # merged into that one


@dataclass(eq=False)
class _Rep:
    member: ClusterMember
    copy_key: str
    comp: _Comp
    stored: bool
    day: Optional[dt.date]
    place: Optional[str]  # undated events only


class _Merger:
    """Adds queued events one at a time, in the order given, to the stored clusters: the result
    is the same whatever the batches (see merge_pending)."""

    def __init__(self, conn: Connection, run_id: Optional[int], defer_sizes: bool = False):
        self.conn, self.run_id, self.defer_sizes = conn, run_id, defer_sizes
        self.stored_heads: dict[str, str] = {}  # stored cluster id -> its head when read
        self.article_of: dict[str, str] = {}  # event id -> article id, of the events seen
        self.members: dict[str, ClusterMember] = {}
        self.by_cluster: dict[str, _Comp] = {}
        self.by_single: dict[str, _Comp] = {}
        self.dated: dict[tuple, list[_Rep]] = defaultdict(list)
        self.undated: dict[tuple, list[_Rep]] = defaultdict(list)
        self.grouped: dict[tuple, list[_Rep]] = defaultdict(list)
        self.new_reps: list[_Rep] = []
        self.stored_singles: set[str] = set()  # lone stored events (their class row exists)
        self.singles_joined: set[str] = set()
        self.tree: dict[str, tuple[_Comp, Optional[tuple]]] = {}  # changed merge rows
        self.stored_tree: dict[str, Optional[tuple]] = {}
        self.trees_loaded: set[str] = set()
        self.touched: list[_Comp] = []
        self.copy_keys: dict[str, str] = {}
        self.merged = 0

    # -- state ---------------------------------------------------------------------------------

    @staticmethod
    def find(comp: _Comp) -> _Comp:
        while comp.forward is not None:
            comp = comp.forward
        return comp

    def _index(self, rep: _Rep) -> None:
        ev, day = rep.member.event, rep.day
        if day is not None:
            self.dated[(ev.type, ev.status, day)].append(rep)
        elif rep.place is not None:
            self.undated[(ev.type, ev.status, rep.place)].append(rep)
        self.grouped[(rep.copy_key, ev.type)].append(rep)

    def _new_rep(self, m: ClusterMember, copy_key: str, comp: _Comp) -> None:
        ev = m.event
        day = _member_day(m)
        rep = _Rep(m, copy_key, comp, False, day, place_key(ev) if day is None and ev.location is not None else None)
        self.new_reps.append(rep)
        self._index(rep)

    def load(self, seeds: list[ClusterMember], copy_group: dict[str, str]) -> None:
        """The stored classes the seeds could merge with (same type and status, dates within a day;
        undated at the same place; the same near-duplicate group), with their clusters' heads."""
        r = merge_reps
        days: dict[tuple, set[str]] = defaultdict(set)
        places: dict[tuple, set[str]] = defaultdict(set)
        groups: set[str] = set()
        for m in seeds:
            ev, day = m.event, _member_day(m)
            if day is not None:
                days[(ev.type, ev.status)].update(
                    (day + dt.timedelta(days=k)).isoformat() for k in range(-DATE_DAYS, DATE_DAYS + 1))
            elif ev.location is not None:
                places[(ev.type, ev.status)].add(place_key(ev))
            if m.key.article_id in copy_group:
                groups.add(copy_group[m.key.article_id])
        columns = [r.c[c] for c in REP_COLUMNS]
        rows: dict[str, tuple] = {}
        for (type_, status), wanted in sorted(days.items()):
            for chunk in in_chunks(sorted(wanted)):
                rows.update((row[0], row) for row in self.conn.execute(select(*columns).where(
                    r.c.type == type_, r.c.status == status, r.c.day.in_(chunk))))
        for (type_, status), wanted in sorted(places.items()):
            for chunk in in_chunks(sorted(wanted)):
                rows.update((row[0], row) for row in self.conn.execute(select(*columns).where(
                    r.c.type == type_, r.c.status == status, r.c.day.is_(None), r.c.place.in_(chunk))))
        for chunk in in_chunks(sorted(groups)):
            rows.update((row[0], row) for row in self.conn.execute(select(*columns).where(r.c.copy_key.in_(chunk))))
        seed_ids = {m.key.event_id for m in seeds}
        rows = {i: row for i, row in rows.items() if i not in seed_ids}
        cluster_ids = {row[2] for row in rows.values() if row[2]}
        heads: dict[str, str] = {}
        c = t.event_clusters
        for chunk in in_chunks(sorted(cluster_ids)):
            heads.update(self.conn.execute(select(c.c.id, c.c.canonical_event_id).where(c.c.id.in_(chunk))).all())
        self.stored_heads.update(heads)
        ranks = _ranks(self.conn, heads.values())
        for event_id in sorted(rows):
            row = rows[event_id]
            cluster_id, copy_key, day, place = row[2], row[4], row[7], row[8]
            m = _rep_member(row)
            self.article_of[event_id] = row[1]
            if cluster_id:
                comp = self.by_cluster.get(cluster_id)
                if comp is None:
                    comp = self.by_cluster[cluster_id] = _Comp(cluster_id, ranks[heads[cluster_id]],
                                                               stored_ids={cluster_id})
            else:  # a lone event: its own head (its rank read when it merges)
                comp = self.by_single[event_id] = _Comp(event_id, None, single=event_id)
                self.stored_singles.add(event_id)
            self._index(_Rep(m, copy_key, comp, True, dt.date.fromisoformat(day) if day else None, place))
        singles = _ranks(self.conn, self.stored_singles)  # one light query, not one per merge
        for event_id, rank in singles.items():
            self.by_single[event_id].head = rank


    # -- the merge tree (event_merges): every member but the head names the member it merged with --

    def _parent(self, event_id: str, comp: Optional[_Comp] = None) -> Optional[tuple]:
        """The member ``event_id`` names as merged with (event id, rule, detail); None: the root.
        Stored rows are read one at a time along a path (a tree is not read whole)."""
        if event_id in self.tree:
            return self.tree[event_id][1]
        if comp is not None and not comp.stored_ids:  # only lone events and new ones: no stored rows
            return None
        if event_id not in self.stored_tree:
            m = t.event_merges
            row = self.conn.execute(select(m.c.rule, m.c.detail).where(m.c.event_id == event_id)).first()
            detail = (row.detail if row else None) or {}
            self.stored_tree[event_id] = None if row is None or row.rule == "head" else (
                detail.get("with"), row.rule, detail.get("detail", ""))
        return self.stored_tree[event_id]

    def _set(self, event_id: str, comp: _Comp, parent: Optional[tuple]) -> None:
        self.tree[event_id] = (comp, parent)

    def _reroot(self, comp: _Comp, event_id: str) -> None:
        """Make ``event_id`` the root of its cluster's tree (the edges on its path to the old root
        turn round; no edge is added or lost)."""
        path = [event_id]
        while (p := self._parent(path[-1], comp)) is not None and p[0] is not None and p[0] not in path:
            path.append(p[0])
        edges = [self._parent(node, comp) for node in path[:-1]]
        self._set(event_id, comp, None)
        for i, (_, rule, detail) in enumerate(edges):
            self._set(path[i + 1], comp, (path[i], rule, detail))

    def head(self, comp: _Comp) -> tuple:
        if comp.head is None:  # a stored lone event, read when it merges
            comp.head = _ranks(self.conn, [comp.single])[comp.single]
        return comp.head

    def _unsingle(self, comp: _Comp) -> None:
        if comp.single is not None:
            comp.joined.append(comp.single)
            if comp.single in self.stored_singles:
                self.singles_joined.add(comp.single)
            comp.single = None

    # -- adding one event ----------------------------------------------------------------------

    def _members_of(self, comp: _Comp) -> list[ClusterMember]:
        ids = _cluster_member_ids(self.conn, comp.stored_ids) | set(comp.joined)
        self.members.update(load_members(self.conn, ids - set(self.members)))
        missing = {self.members[i].key.article_id for i in ids} - set(self.copy_keys)
        groups = _copy_groups(self.conn, missing)
        self.copy_keys.update((a, groups.get(a, a)) for a in missing)
        return sorted((self.members[i] for i in ids), key=lambda m: (m.key.article_id, m.key.event_id))

    def add(self, m: ClusterMember, copy_key: str, grouped: bool) -> None:
        ev, day = m.event, _member_day(m)
        self.members[m.key.event_id] = m
        self.article_of[m.key.event_id] = m.key.article_id
        self.copy_keys[m.key.article_id] = copy_key
        if day is not None:
            candidates = [r for k in range(-DATE_DAYS, DATE_DAYS + 1)
                          for r in self.dated.get((ev.type, ev.status, day + dt.timedelta(days=k)), ())]
        elif ev.location is not None:
            candidates = list(self.undated.get((ev.type, ev.status, place_key(ev)), ()))
        else:
            candidates = []
        if grouped:
            candidates += self.grouped.get((copy_key, ev.type), ())
        unique = {id(r): r for r in candidates}
        candidates = sorted(unique.values(), key=lambda r: (r.member.key.article_id, r.member.key.event_id))
        joined: list[tuple[_Comp, ClusterMember, str, str]] = []
        done: set[int] = set()
        profile = merge_profile(m)
        for rep in candidates:
            comp = self.find(rep.comp)
            if id(comp) in done:
                continue
            other = rep.member
            if other.key.article_id == m.key.article_id:
                if comp.single is None:  # the cluster's other members may come from other articles
                    done.add(id(comp))
                    for x in self._members_of(comp):
                        if x.key.article_id != m.key.article_id:
                            found = _compare(m, x, grouped and self.copy_keys[x.key.article_id] == copy_key)
                            if found:
                                joined.append((comp, x, *found))
                                break
                continue
            found = _compare(m, other, grouped and rep.copy_key == copy_key)
            if found:
                done.add(id(comp))
                joined.append((comp, other, *found))
        if not joined:
            comp = self.by_single[m.key.event_id] = _Comp(m.key.event_id, _rank(m), single=m.key.event_id)
            self._new_rep(m, copy_key, comp)
            return
        self.merged += len(joined)
        target, first, rule, detail = joined[0]
        heads = [self.head(target), _rank(m)]
        self._unsingle(target)
        self.touched.append(target)
        for comp, other, rule_i, detail_i in joined[1:]:
            self._reroot(comp, other.key.event_id)
            self._set(other.key.event_id, comp, (m.key.event_id, rule_i, detail_i))
            heads.append(self.head(comp))
            self._unsingle(comp)
            target.demoted.append(comp.head[-1])
            target.demoted += comp.demoted
            target.stored_ids |= comp.stored_ids
            target.joined += comp.joined
            target.min_id = min(target.min_id, comp.min_id)
            comp.forward = target
        self._set(m.key.event_id, target, (first.key.event_id, rule, detail))
        target.joined.append(m.key.event_id)
        target.min_id = min(target.min_id, m.key.event_id)
        head = min(heads)
        if head != target.head:
            self._reroot(target, head[-1])
            target.demoted.append(target.head[-1])
            target.head = head
        same_class = any(self.find(r.comp) is target and r.copy_key == copy_key and r.member.profile == profile
                         for r in candidates)
        if not same_class:  # the first of its class in this cluster: it represents the class
            self._new_rep(m, copy_key, target)

    # -- writing -------------------------------------------------------------------------------

    def _sizes(self, finals: list[_Comp]) -> dict[int, int]:
        """Articles in each cluster (n_sources), from what joined it and, for a stored cluster,
        its head's count and which of the joiners' articles it held already. Clusters that joined
        stored clusters are left out (counted in SQL after the writes)."""
        e = t.events
        out: dict[int, int] = {}
        articles = {id(f): {self.article_of[i] for i in f.joined} for f in finals}
        for f in finals:
            if not f.stored_ids:
                out[id(f)] = len(articles[id(f)])
        one = {next(iter(f.stored_ids)): f for f in finals if len(f.stored_ids) == 1}
        if not one:
            return out
        old = {}
        heads = {self.stored_heads[cid]: cid for cid in one}
        for chunk in in_chunks(sorted(heads)):
            old.update((heads[i], n) for i, n in self.conn.execute(select(e.c.id, e.c.n_sources).where(e.c.id.in_(chunk))))
        present: dict[str, set] = defaultdict(set)
        wanted = sorted(set().union(*(articles[id(f)] for f in one.values())))
        for chunk in in_chunks(wanted):
            for cid, article_id in self.conn.execute(select(e.c.cluster_id, e.c.article_id).distinct().where(
                    e.c.article_id.in_(chunk), e.c.cluster_id.in_(sorted(one)))):
                present[cid].add(article_id)
        for cid, f in one.items():
            out[id(f)] = old[cid] + len(articles[id(f)] - present[cid])
        return out

    def write(self) -> None:
        from .writer import utcnow  # the store's clock (writer imports this module)
        conn, e, m, c = self.conn, t.events, t.event_merges, t.event_clusters
        finals = list({id(f): f for f in (self.find(x) for x in self.touched)}.values())
        now = utcnow()
        sizes = self._sizes(finals)  # before the rows change
        new = [f for f in finals if f.min_id not in f.stored_ids]
        if new:
            conn.execute(c.insert(), [{"id": f.min_id, "canonical_event_id": f.head[-1],
                                       "run_id": self.run_id, "created_at": now} for f in new])
        kept = [f for f in finals if f.min_id in f.stored_ids and f.demoted]
        if kept:
            conn.execute(update(c).where(c.c.id == bindparam("cid")).values(canonical_event_id=bindparam("head")),
                         [{"cid": f.min_id, "head": f.head[-1]} for f in kept])
        for f in finals:  # every merge row of the tree's root is rewritten with the rest
            if f.head[-1] not in self.tree:
                self._set(f.head[-1], f, None)
        for chunk in in_chunks(sorted(self.tree)):
            conn.execute(delete(m).where(m.c.event_id.in_(chunk)))
        relabel = [{"old": old, "new": f.min_id} for f in finals for old in sorted(f.stored_ids - {f.min_id})]
        if relabel:
            for table in (e, m, merge_reps):
                conn.execute(update(table).where(table.c.cluster_id == bindparam("old"))
                             .values(cluster_id=bindparam("new")), relabel)
            if self.defer_sizes:
                conn.execute(delete(cluster_refresh).where(cluster_refresh.c.cluster_id == bindparam("old")),
                             [{"old": r["old"]} for r in relabel])
            conn.execute(delete(c).where(c.c.id == bindparam("old")), [{"old": r["old"]} for r in relabel])
        flags = {}
        for f in finals:
            for event_id in [*f.joined, *f.demoted, f.head[-1]]:
                flags[event_id] = {"eid": event_id, "cid": f.min_id, "head": event_id == f.head[-1]}
        if flags:
            conn.execute(update(e).where(e.c.id == bindparam("eid")).values(
                cluster_id=bindparam("cid"), cluster_head=bindparam("head")), [flags[k] for k in sorted(flags)])
        rows = []
        for event_id in sorted(self.tree):
            comp, parent = self.tree[event_id]
            if parent is None:
                rule, detail = "head", {"links": []}
            else:
                rule, detail = parent[1], {"with": parent[0], "detail": parent[2],
                                           "links": [[parent[0], parent[1], parent[2]]]}
            rows.append({"cluster_id": self.find(comp).min_id, "event_id": event_id, "rule": rule, "score": None,
                         "detail": detail, "run_id": self.run_id})
        if rows:
            conn.execute(m.insert(), rows)
        rep_rows = []
        for rep in self.new_reps:
            comp = self.find(rep.comp)
            rep_rows.append(_rep_row(rep.member, rep.copy_key, None if comp.single is not None else comp.min_id))
        if rep_rows:
            conn.execute(merge_reps.insert(), rep_rows)
        if self.singles_joined:
            conn.execute(update(merge_reps).where(merge_reps.c.event_id == bindparam("eid"))
                         .values(cluster_id=bindparam("cid")),
                         [{"eid": i, "cid": self.find(self.by_single[i]).min_id} for i in sorted(self.singles_joined)])
        counts: dict[str, int] = {}
        for chunk in in_chunks(sorted(f.min_id for f in finals if id(f) not in sizes)):
            counts.update(conn.execute(select(e.c.cluster_id, func.count(e.c.article_id.distinct()))
                                       .where(e.c.cluster_id.in_(chunk)).group_by(e.c.cluster_id)).all())
        if counts:  # clusters that joined stored clusters: every member now
            conn.execute(update(e).where(e.c.cluster_id == bindparam("cid"), e.c.n_sources != bindparam("n"))
                         .values(n_sources=bindparam("n")), [{"cid": k, "n": n} for k, n in sorted(counts.items())])
        counted = [f for f in finals if id(f) in sizes]
        if counted and self.defer_sizes:  # the rows written now; the other members at the end of the run
            conn.execute(update(e).where(e.c.id == bindparam("eid")).values(n_sources=bindparam("n")),
                         [{"eid": i, "n": sizes[id(f)]} for f in counted
                          for i in sorted({*f.joined, *f.demoted, f.head[-1]})])
            _insert_ignore(conn, cluster_refresh, [{"cluster_id": f.min_id} for f in counted if f.stored_ids])
        elif counted:
            conn.execute(update(e).where(e.c.cluster_id == bindparam("cid"), e.c.n_sources != bindparam("n"))
                         .values(n_sources=bindparam("n")), [{"cid": f.min_id, "n": sizes[id(f)]} for f in counted])


def merge_pending(conn: Connection, run_id: Optional[int],
                  known: Optional[dict[str, ClusterMember]] = None, defer_sizes: bool = False) -> int:
    """Merge the queued events into the stored clusters; returns how many more events are merged
    into another article's event than before (the run summary's "merges").

    The queued events are added one at a time: the events written (``known``, their members
    made by the workers) in the order they were written, then events read back (members of
    dissolved clusters, a reprocess) in id order. Each is compared with one representative of
    each merge class that could merge with it (same type and status, dates within a day; undated
    at the same place; the same near-duplicate group), and with no other member of a cluster it
    has joined; it joins every cluster it merges with (clusters are connected components of the
    merges, so they equal clustering every event at once), and only the rows that change are
    written: its own row, its merge, the cluster's head and size, and, when its id is smaller
    than every member's, the cluster's id. ``defer_sizes``: ``n_sources`` is written on the head
    and the events that joined; the other members of a stored cluster get it from
    refresh_cluster_sizes (an ingest calls it at the end of the run)."""
    q = t.recluster_queue
    queued = set(conn.execute(select(q.c.event_id)).scalars())
    if not queued:
        return 0
    conn.execute(delete(q))
    known = known or {}
    seeds = [m for i, m in known.items() if i in queued]
    rest = load_members(conn, [i for i in queued if i not in known])
    seeds += sorted(rest.values(), key=lambda m: (m.key.article_id, m.key.event_id))
    if not seeds:
        return 0
    copy_group = _copy_groups(conn, {m.key.article_id for m in seeds})
    merger = _Merger(conn, run_id, defer_sizes)
    merger.load(seeds, copy_group)
    for m in seeds:
        merger.add(m, copy_group.get(m.key.article_id, m.key.article_id), m.key.article_id in copy_group)
    merger.write()
    return merger.merged


def refresh_cluster_sizes(conn: Connection) -> int:
    """Write the exact ``n_sources`` on every member of the clusters whose members lag behind
    (merge_pending with ``defer_sizes``); returns how many clusters."""
    e, r = t.events, cluster_refresh
    pending = sorted(conn.execute(select(r.c.cluster_id)).scalars())
    for chunk in in_chunks(pending):
        counts = conn.execute(select(e.c.cluster_id, func.count(e.c.article_id.distinct()))
                              .where(e.c.cluster_id.in_(chunk)).group_by(e.c.cluster_id)).all()
        if counts:
            conn.execute(update(e).where(e.c.cluster_id == bindparam("cid"), e.c.n_sources != bindparam("n"))
                         .values(n_sources=bindparam("n")), [{"cid": k, "n": n} for k, n in counts])
        conn.execute(delete(r).where(r.c.cluster_id.in_(chunk)))
    return len(pending)


def rebuild_merge_state(conn: Connection) -> None:
    """Migration 0008: give stored clusters their new ids (the smallest member event id) and
    record the merge classes of every stored event."""
    e, m, c = t.events, t.event_merges, t.event_clusters
    relabel = [{"old": old, "new": new} for old, new in conn.execute(
        select(e.c.cluster_id, func.min(e.c.id)).where(e.c.cluster_id.is_not(None)).group_by(e.c.cluster_id))
        if old != new]
    if relabel:
        for r in relabel:
            row = conn.execute(select(c.c.canonical_event_id, c.c.run_id, c.c.created_at).where(c.c.id == r["old"])).one()
            conn.execute(c.insert().values(id=r["new"], canonical_event_id=row[0], run_id=row[1], created_at=row[2]))
        for table in (e, m):
            conn.execute(update(table).where(table.c.cluster_id == bindparam("old")).values(cluster_id=bindparam("new")),
                         relabel)
        conn.execute(delete(c).where(c.c.id == bindparam("old")), [{"old": r["old"]} for r in relabel])
    canonical = {a: k for a, k in conn.execute(select(t.articles.c.id, t.articles.c.canonical_article_id))}
    seen: set[tuple] = set()
    ids = sorted(conn.execute(select(e.c.id)).scalars())
    for chunk in in_chunks(ids):
        rows = []
        for member in sorted(load_members(conn, chunk).values(), key=lambda x: (x.key.article_id, x.key.event_id)):
            key = canonical.get(member.key.article_id) or member.key.article_id
            cls = (member.cluster_id or member.key.event_id, merge_profile(member), key)
            if cls not in seen:
                seen.add(cls)
                rows.append(_rep_row(member, key, member.cluster_id))
        if rows:
            conn.execute(merge_reps.insert(), rows)
