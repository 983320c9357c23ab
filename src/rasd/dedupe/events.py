"""The same happening reported by several articles becomes one event cluster.

ACLED counts one event per actors, place and day; rasd merges two events when they have the same
type and status and either (a) compatible actors, places within 15 km and dates within a day,
(b) the same trigger words in two near-duplicate articles (a wire copy: its relative dates may
resolve to another day), or (c) highly similar evidence text. Each merge keeps the rule that made it, so a merge can be explained.
This module decides which pairs are the same happening and clusters a whole set at once; the store
adds events to its clusters incrementally with the same rules (rasd.store.dedupe: clusters stay the
connected components of every merge), and a reprocess removes an article's events from their
clusters before adding the new ones, so its merges are undone.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from typing import Mapping, Optional, Sequence

from ..model import Event
from ..normalize import normalize

PLACE_KM = 15.0
DATE_DAYS = 1
TEXT_SIMILARITY = 0.6
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class EventKey:
    article_id: str
    event_id: str


@dataclass(frozen=True)
class MergeEdge:
    a: EventKey
    b: EventKey
    rule: str  # "actors+place+date" | "article-copy" | "text-similarity"
    detail: str


@dataclass
class MergeCluster:
    id: str  # the key of its first member, stable for the same input
    members: list[EventKey]
    edges: list[MergeEdge] = field(default_factory=list)


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h))


def _cached(event: Event, name: str, compute):
    """A value worked out from the event once, kept on the instance: merging compares one event
    with many others. Events are not changed while they are merged."""
    value = event.__dict__.get(name)
    if value is None:
        value = event.__dict__[name] = compute(event)
    return value


def _actor_ids(event: Event) -> frozenset[str]:
    return _cached(event, "_actor_ids", lambda e: frozenset(p.id or normalize(p.text) for p in e.actor + e.recipient))


def _trigger_norm(event: Event) -> str:
    return _cached(event, "_trigger_norm", lambda e: normalize(e.trigger.text))


def _point(event: Event) -> tuple:
    """(latitude in radians, its cosine, longitude) for _distance; () without coordinates."""
    def compute(e: Event) -> tuple:
        loc = e.location
        if not loc or loc.lat is None:
            return ()
        p = math.radians(loc.lat)
        return p, math.cos(p), loc.lon
    return _cached(event, "_point", compute)


def _distance(pa: tuple, pb: tuple) -> float:
    """_km between two _point values (the same operations, the per-event parts done once)."""
    (p1, cos1, lon1), (p2, cos2, lon2) = pa, pb
    h = math.sin((p2 - p1) / 2) ** 2 + cos1 * cos2 * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h))


def _day_number(event: Event) -> int:
    """The date's ordinal; 0 without a (valid) date."""
    def compute(e: Event) -> int:
        if not e.date:
            return 0
        try:
            return dt.date.fromisoformat(e.date.value).toordinal()
        except ValueError:
            return 0
    return _cached(event, "_day_number", compute)


def _evidence_tokens(event: Event) -> frozenset[str]:
    return _cached(event, "_evidence_tokens",
                   lambda e: frozenset(_WORD.findall(normalize(" ".join(m.text for m in e.mentions)))))


def _facts(event: Event) -> tuple:
    """(actor ids, point, day number, evidence words): what same_happening reads of an event
    besides type, status and trigger, in one cached tuple (the store's writer compares each new
    event with ~16 others; one lookup per side instead of eight)."""
    facts = event.__dict__.get("_facts")
    if facts is None:
        facts = event.__dict__["_facts"] = (_actor_ids(event), _point(event), _day_number(event),
                                            _evidence_tokens(event))
    return facts


def warm_comparisons(event: Event) -> None:
    """Work out now what comparing the event needs (cached on it): ingest workers do this, so
    the writer, which compares every new event with many stored ones, does not."""
    _trigger_norm(event)
    _facts(event)


def same_happening(a: Event, b: Event, copies: bool = False) -> Optional[tuple[str, str]]:
    """(rule, detail) when a and b describe the same happening, else None.

    ``copies``: a and b come from near-duplicate articles (one links to the other as canonical)."""
    if a.type != b.type or a.status != b.status:
        return None
    actors_a, point_a, day_a, words_a = _facts(a)
    actors_b, point_b, day_b, words_b = _facts(b)
    compatible = not actors_a or not actors_b or not actors_a.isdisjoint(actors_b)
    gap = abs(day_a - day_b) if day_a and day_b else None
    if compatible and gap is not None and gap <= DATE_DAYS and point_a and point_b:
        distance = _distance(point_a, point_b)
        if distance <= PLACE_KM:
            return "actors+place+date", f"{a.type}, places {distance:.1f} km apart, dates {gap} day(s) apart"
    if copies and compatible and _trigger_norm(a) == _trigger_norm(b):
        return "article-copy", f"{a.type}, trigger «{a.trigger.text}» in near-duplicate articles"
    if words_a and words_b and (gap is None or gap <= DATE_DAYS):
        na, nb = len(words_a), len(words_b)
        # Jaccard <= min/max (rounding keeps the order): most pairs are ruled out by their sizes
        if min(na, nb) / max(na, nb) >= TEXT_SIMILARITY:
            shared = len(words_a & words_b)
            similarity = shared / (na + nb - shared)
            if similarity >= TEXT_SIMILARITY:
                return "text-similarity", f"{a.type}, evidence Jaccard {similarity:.2f}"
    return None


def place_key(event: Event) -> Optional[str]:
    """Where an undated event happened, for pairing undated events (None: no place)."""
    if not event.location:
        return None
    return event.location.pcode or normalize(event.location.name_en or event.location.text)


def _candidate_pairs(ordered: Sequence[tuple[EventKey, Event]],
                     copy_group: Mapping[str, str]) -> list[tuple[int, int]]:
    """Pairs worth comparing: same type and dates within a day (a sorted sweep), or, for events
    without a date, same type and same place, or same type in near-duplicate articles. Keeps
    merging near-linear on large stores."""
    dated: dict[str, list[tuple[dt.date, int]]] = {}
    undated: dict[tuple[str, str], list[int]] = {}
    copied: dict[tuple[str, str], list[int]] = {}
    for i, (key, event) in enumerate(ordered):
        if key.article_id in copy_group:
            copied.setdefault((event.type, copy_group[key.article_id]), []).append(i)
        day = None
        if event.date:
            try:
                day = dt.date.fromisoformat(event.date.value)
            except ValueError:
                day = None
        if day is not None:
            dated.setdefault(event.type, []).append((day, i))
        elif event.location:
            undated.setdefault((event.type, place_key(event)), []).append(i)
    pairs = []
    window = dt.timedelta(days=DATE_DAYS)
    for items in dated.values():
        items.sort()
        for x, (day, i) in enumerate(items):
            for later, j in items[x + 1:]:
                if later - day > window:
                    break
                pairs.append((min(i, j), max(i, j)))
    for indices in [*undated.values(), *copied.values()]:
        pairs.extend((i, j) for x, i in enumerate(indices) for j in indices[x + 1:])
    return sorted(set(pairs))


def cluster_events(events: Sequence[tuple[EventKey, Event]],
                   copy_group: Optional[Mapping[str, str]] = None) -> list[MergeCluster]:
    """Union-find over pairwise merges, only across different articles; deterministic order.

    ``copy_group`` maps an article id to its near-duplicate group (the canonical article's id),
    for articles that have copies or are one."""
    copy_group = copy_group or {}
    ordered = sorted(events, key=lambda ke: (ke[0].article_id, ke[0].event_id))
    parent = list(range(len(ordered)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    edges: list[tuple[int, MergeEdge]] = []
    for i, j in _candidate_pairs(ordered, copy_group):
        (ka, ea), (kb, eb) = ordered[i], ordered[j]
        if ka.article_id == kb.article_id:
            continue  # in-article merging is the event coder's job
        group = copy_group.get(ka.article_id)
        found = same_happening(ea, eb, copies=group is not None and group == copy_group.get(kb.article_id))
        if found:
            edges.append((i, MergeEdge(ka, kb, *found)))
            ri, rj = root(i), root(j)
            if ri != rj:
                parent[max(ri, rj)] = min(ri, rj)
    clusters: dict[int, MergeCluster] = {}
    for i, (key, _) in enumerate(ordered):
        r = root(i)
        cluster = clusters.setdefault(r, MergeCluster(f"{ordered[r][0].article_id}:{ordered[r][0].event_id}", []))
        cluster.members.append(key)
    for i, edge in edges:
        clusters[root(i)].edges.append(edge)
    return [clusters[r] for r in sorted(clusters)]
