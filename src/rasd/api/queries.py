"""Queries the API needs beyond the store's: mode and bounding-box filters, sorting, counts,
statistics, article, actor and place lists.

Built on the store's ``event_select`` (one definition of the EventFilter conditions): its WHERE
clause is reused for counts and statistics, so every endpoint selects exactly the same events.
All values reach the database as bound parameters.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Iterator, Optional

from sqlalchemy import ColumnElement, Connection, Select, and_, func, literal, or_, select, true

from ..normalize import normalize
from ..store import EventFilter, Store, StoredEvent
from ..store import schema as t
from ..store.pages import newest_page
from ..store.query import filter_conditions

SORTS = ("-date", "date", "-sources", "-fatalities")


@dataclass(frozen=True)
class BoundingBox:
    min_lon: float
    min_lat: float
    max_lon: float
    max_lat: float

    @classmethod
    def parse(cls, value: str) -> "BoundingBox":
        """``min_lon,min_lat,max_lon,max_lat`` (the GeoJSON bbox order); ValueError says why not."""
        parts = value.split(",")
        if len(parts) != 4:
            raise ValueError("bbox needs four numbers: min_lon,min_lat,max_lon,max_lat")
        try:
            min_lon, min_lat, max_lon, max_lat = (float(p) for p in parts)
        except ValueError:
            raise ValueError("bbox values must be numbers: min_lon,min_lat,max_lon,max_lat") from None
        if not (-180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
            raise ValueError("bbox must have min <= max, longitudes in [-180, 180], latitudes in [-90, 90]")
        return cls(min_lon, min_lat, max_lon, max_lat)


@dataclass(frozen=True)
class EventQuery:
    """What the API filters on: the store's EventFilter plus modes and a bounding box."""
    filter: EventFilter = EventFilter()
    modes: tuple[str, ...] = ()
    bbox: Optional[BoundingBox] = None


@dataclass
class EventPage:
    total: int
    items: list[StoredEvent] = field(default_factory=list)
    total_exact: bool = True  # False: ``total`` is the count cap, there are at least that many


def _extra_conditions(query: EventQuery) -> list[ColumnElement]:
    """The API's own filters beyond EventFilter: modes and the bounding box."""
    e = t.events
    conditions = []
    if query.modes:
        conditions.append(e.c.mode.in_(list(query.modes)))
    if query.bbox:
        b = query.bbox
        conditions += [e.c.longitude.between(b.min_lon, b.max_lon), e.c.latitude.between(b.min_lat, b.max_lat)]
    return conditions


def _where(store: Store, query: EventQuery, actor_per_row: bool = True,
           conn: Optional[Connection] = None) -> ColumnElement:
    """The WHERE clause selecting the query's events (over ``events`` and subqueries only).
    ``actor_per_row``: actors as a correlated EXISTS (a walk in another index's order probes a
    few rows per event), else an IN through the participants index (small sets)."""
    flt = query.filter
    keys = store.actor_keys(flt.actor, conn) if flt.actor else []
    every_keys = [store.actor_keys(a, conn) for a in flt.actors]
    conditions = filter_conditions(flt, store.dialect, store.has_text_index, keys, every_keys, per_row=actor_per_row)
    return and_(true(), *conditions, *_extra_conditions(query))


def _desc(column, dialect: str):
    # SQLite already sorts NULLs last in DESC order, and a plain DESC can walk the index.
    return column.desc() if dialect == "sqlite" else column.desc().nulls_last()


def _order(stmt: Select, sort: str, dialect: str) -> Select:
    e = t.events
    if sort == "-date":
        return stmt.order_by(_desc(e.c.event_date, dialect), e.c.seq.desc())
    if sort == "date":
        return stmt.order_by(e.c.event_date.asc().nulls_last(), e.c.seq)
    if sort == "-sources":
        # The store's "top" order (its ix_events_rank index): sources, fatalities, newest.
        return stmt.order_by(e.c.n_sources.desc(), _desc(e.c.fatalities, dialect), _desc(e.c.event_date, dialect),
                             e.c.seq.desc())
    if sort == "-fatalities":
        return stmt.order_by(_desc(e.c.fatalities, dialect), _desc(e.c.event_date, dialect), e.c.seq.desc())
    raise ValueError(f"unknown sort {sort!r}: use one of {', '.join(SORTS)}")


def count_events(store: Store, query: EventQuery, cap: Optional[int] = None, common: Optional[bool] = None,
                 conn: Optional[Connection] = None) -> int:
    """How many events match; with ``cap``, counting stops there (``cap`` means "at least").
    ``common``: the page planner found the match set large (actors checked row by row, stopping
    at the cap) or small (False: collected through the participants index)."""
    if conn is None:
        with store.engine.connect() as own:
            return count_events(store, query, cap, common, own)
    flt = query.filter
    if flt.actor and replace(flt, actor=None) == EventFilter() and not _extra_conditions(query):
        # Only an actor: count its events on the participants index alone, no event row read.
        p = t.event_participants
        matching = select(p.c.event_id).where(or_(p.c.actor_key.in_(store.actor_keys(flt.actor, conn)),
                                                  p.c.text_norm == normalize(flt.actor))).distinct()
    else:  # text through its index either way: a LIMIT stops it at the cap
        matching = select(t.events.c.seq).where(_where(store, query, actor_per_row=common is not False, conn=conn))
    if cap is not None:
        matching = matching.limit(cap)
    return conn.execute(select(func.count()).select_from(matching.subquery())).scalar_one()


def list_events(store: Store, query: EventQuery, sort: str = "-date", limit: int = 50, offset: int = 0,
                with_total: bool = True, count_cap: Optional[int] = None) -> EventPage:
    """One page of events with their participants and spans, and the number matching."""
    # Two steps: find the page's seqs on the narrow events rows (an index walk when it can),
    # then fetch the wide rows with their article columns for those few events only.
    flt = query.filter
    has_text_index = store.has_text_index
    with store.engine.connect() as conn:  # one connection for the page, its events and the count
        if sort == "-date":  # newest first: the store's page planner (store.pages)
            page = newest_page(conn, store.dialect, has_text_index, flt, limit + offset,
                               store.actor_keys(flt.actor, conn) if flt.actor else [],
                               [store.actor_keys(a, conn) for a in flt.actors], _extra_conditions(query),
                               seq_desc=True)
            seqs, common = page.seqs[offset:], page.common
        else:
            stmt = _order(select(t.events.c.seq).where(_where(store, query, conn=conn)), sort, store.dialect)
            seqs, common = list(conn.execute(stmt.limit(limit).offset(offset)).scalars()), None
        items = store.events_by_seq(conn, seqs)
        if not with_total:
            return EventPage(len(items), items)
        if len(items) < limit and (items or offset == 0):  # the last page: the total is known
            return EventPage(offset + len(items), items)
        total = count_events(store, query, count_cap, common, conn)
    return EventPage(total, items, count_cap is None or total < count_cap)


def iter_events(store: Store, query: EventQuery, sort: str = "-date", limit: Optional[int] = None,
                chunk: int = 500) -> Iterator[StoredEvent]:
    """Every matching event, in keyset-free chunks of ``chunk`` (bounded memory, for exports)."""
    offset = 0
    while limit is None or offset < limit:
        size = chunk if limit is None else min(chunk, limit - offset)
        page = list_events(store, query, sort, size, offset, with_total=False).items
        yield from page
        if len(page) < size:
            return
        offset += size


# ---- statistics -------------------------------------------------------------------------

@dataclass
class DayCount:
    date: str
    type: str
    count: int


@dataclass
class KeyCount:
    key: Optional[str]
    count: int


@dataclass
class ActorPair:
    actor_key: str
    actor_label: str
    recipient_key: str
    recipient_label: str
    count: int


@dataclass
class Statistics:
    total: int
    by_day: list[DayCount]
    by_type: list[KeyCount]
    by_admin1: list[KeyCount]
    actor_pairs: list[ActorPair]


def statistics(store: Store, query: EventQuery, max_pairs: int = 200) -> Statistics:
    e = t.events
    where = _where(store, query)
    with store.engine.connect() as conn:
        by_day = [DayCount(r.event_date, r.type, r.n) for r in conn.execute(
            select(e.c.event_date, e.c.type, func.count().label("n")).where(where, e.c.event_date.is_not(None))
            .group_by(e.c.event_date, e.c.type).order_by(e.c.event_date, e.c.type))]
        by_type = [KeyCount(r.type, r.n) for r in conn.execute(
            select(e.c.type, func.count().label("n")).where(where).group_by(e.c.type)
            .order_by(func.count().desc(), e.c.type))]
        by_admin1 = [KeyCount(r.admin1, r.n) for r in conn.execute(
            select(e.c.admin1, func.count().label("n")).where(where).group_by(e.c.admin1)
            .order_by(func.count().desc(), e.c.admin1.nulls_last()))]
        pairs = [ActorPair(*r) for r in conn.execute(_actor_pairs(where, max_pairs))]
    return Statistics(sum(k.count for k in by_type), by_day, by_type, by_admin1, pairs)


def _actor_pairs(where: ColumnElement, limit: int) -> Select:
    """Who acts on whom: (actor, recipient) pairs with the number of events joining them."""
    a = t.event_participants.alias("a")
    r = t.event_participants.alias("r")
    e = t.events
    n = func.count(func.distinct(a.c.event_id)).label("n")
    return (select(a.c.actor_key, func.max(func.coalesce(a.c.name_en, a.c.text)),
                   r.c.actor_key, func.max(func.coalesce(r.c.name_en, r.c.text)), n)
            .join(r, and_(r.c.event_id == a.c.event_id, r.c.role == "recipient"))
            .join(e, e.c.id == a.c.event_id)
            .where(a.c.role == "actor", a.c.actor_key != r.c.actor_key, where)
            .group_by(a.c.actor_key, r.c.actor_key)
            .order_by(n.desc(), a.c.actor_key, r.c.actor_key).limit(limit))


# ---- articles, actors, places -------------------------------------------------------------

@dataclass
class ArticleListItem:
    id: str
    title: Optional[str]
    outlet: Optional[str]
    published: Optional[str]
    source: Optional[str]
    n_events: int


def _contains(column, value: str):
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return column.like(f"%{escaped}%", escape="\\")


def list_articles(store: Store, text: Optional[str], limit: int, offset: int) -> tuple[int, list[ArticleListItem]]:
    a, e = t.articles, t.events
    condition = _contains(a.c.text_norm, normalize(text)) if text else true()
    n_events = select(func.count()).where(e.c.article_id == a.c.id).scalar_subquery()
    stmt = (select(a.c.id, a.c.title, a.c.outlet, a.c.published, a.c.source, n_events.label("n"))
            .where(condition).order_by(a.c.published.desc().nulls_last(), a.c.id).limit(limit).offset(offset))
    with store.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(a).where(condition)).scalar_one()
        items = [ArticleListItem(*r) for r in conn.execute(stmt)]
    return total, items


@dataclass
class Highlight:
    """A span of the article to mark: an event's trigger or support, or a recognised mention."""
    start: int
    end: int
    field: str
    kind: str  # trigger | support | actor | person | place | date | number | casualty ...
    text: str
    event_id: Optional[str] = None
    entity_id: Optional[str] = None
    label: Optional[str] = None  # English name of the entity, or the event type


def article_highlights(store: Store, article_id: str) -> list[Highlight]:
    """Event evidence spans in this article (also of events merged from other articles) and mentions."""
    em, e, m = t.event_mentions, t.events, t.mentions
    with store.engine.connect() as conn:
        evidence = conn.execute(
            select(em.c.start, em.c.end, em.c.field, em.c.kind, em.c.text, em.c.event_id, e.c.type)
            .join(e, e.c.id == em.c.event_id).where(em.c.article_id == article_id)).all()
        mentions = conn.execute(
            select(m.c.start, m.c.end, m.c.field, m.c.kind, m.c.text, m.c.entity_id, m.c.name_en)
            .where(m.c.article_id == article_id)).all()
    spans = [Highlight(r.start, r.end, r.field, r.kind, r.text, event_id=r.event_id, label=r.type) for r in evidence]
    spans += [Highlight(r.start, r.end, r.field, r.kind, r.text, entity_id=r.entity_id, label=r.name_en)
              for r in mentions]
    return sorted(spans, key=lambda h: (h.field, h.start, h.end, h.kind, h.event_id or "", h.entity_id or ""))


@dataclass
class Source:
    """An article that supports an event."""
    article_id: str
    title: Optional[str]
    outlet: Optional[str]
    published: Optional[str]
    source: Optional[str]


def event_sources(store: Store, stored: StoredEvent) -> list[Source]:
    """Its own article, articles of its spans, and those of events merged into the same cluster."""
    a, e, em = t.articles, t.events, t.event_mentions
    ids = select(em.c.article_id).where(em.c.event_id == stored.id)
    if stored.cluster_id:
        ids = ids.union(select(e.c.article_id).where(e.c.cluster_id == stored.cluster_id))
    ids = ids.union(select(literal(stored.article_id)))
    stmt = (select(a.c.id, a.c.title, a.c.outlet, a.c.published, a.c.source).where(a.c.id.in_(ids))
            .order_by(a.c.published.nulls_last(), a.c.id))
    with store.engine.connect() as conn:
        return [Source(*r) for r in conn.execute(stmt)]


def event_spans(store: Store, event_id: str) -> list[tuple[str, str, int, int, str, str]]:
    """All spans supporting an event: (article_id, kind, start, end, text, field), in order."""
    em = t.event_mentions
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(
            select(em.c.article_id, em.c.kind, em.c.start, em.c.end, em.c.text, em.c.field)
            .where(em.c.event_id == event_id).order_by(em.c.idx))]


@dataclass
class ActorItem:
    id: str
    name_en: Optional[str]
    name_ar: Optional[str]
    country: Optional[str]
    sector: Optional[str]
    acled_type: Optional[int]
    n_events: int


def list_actors(store: Store, text: Optional[str], limit: int, offset: int) -> tuple[int, list[ActorItem]]:
    ac, p = t.actors, t.event_participants
    condition = (or_(_contains(ac.c.name_norm, normalize(text)), _contains(func.lower(ac.c.name_en), text.casefold()),
                     ac.c.id == text) if text else true())
    n_events = select(func.count(func.distinct(p.c.event_id))).where(p.c.actor_key == ac.c.id).scalar_subquery()
    stmt = (select(ac.c.id, ac.c.name_en, ac.c.name_ar, ac.c.country, ac.c.sector, ac.c.acled_type,
                   n_events.label("n")).where(condition)
            .order_by(n_events.desc(), ac.c.id).limit(limit).offset(offset))
    with store.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(ac).where(condition)).scalar_one()
        return total, [ActorItem(*r) for r in conn.execute(stmt)]


@dataclass
class PlaceItem:
    id: str
    name_en: Optional[str]
    name_ar: Optional[str]
    lat: Optional[float]
    lon: Optional[float]
    admin1: Optional[str]
    pcode: Optional[str]


def list_places(store: Store, text: Optional[str], admin1: Optional[str], limit: int,
                offset: int) -> tuple[int, list[PlaceItem]]:
    pl = t.places
    conditions = []
    if text:
        conditions.append(or_(_contains(pl.c.name_norm, normalize(text)),
                              _contains(func.lower(pl.c.name_en), text.casefold()), pl.c.pcode == text))
    if admin1:
        conditions.append(func.lower(pl.c.admin1) == admin1.casefold())
    condition = and_(true(), *conditions)
    stmt = (select(pl.c.id, pl.c.name_en, pl.c.name_ar, pl.c.lat, pl.c.lon, pl.c.admin1, pl.c.pcode)
            .where(condition).order_by(pl.c.name_en.nulls_last(), pl.c.id).limit(limit).offset(offset))
    with store.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(pl).where(condition)).scalar_one()
        return total, [PlaceItem(*r) for r in conn.execute(stmt)]
