"""Event queries: one filter dataclass, turned into one SELECT for either database.

Text queries match the normalized supporting text of events (diacritics, alef and ya variants,
ta marbuta, digits folded: see rasd.normalize), through FTS5 trigrams on SQLite and pg_trgm on
PostgreSQL where available, else a plain LIKE scan.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

from sqlalchemy import ColumnElement, Select, and_, exists, func, literal, or_, select, text, union_all

from ..normalize import normalize
from . import schema as t
from .rows import place_key, query_keys

ORDERS = ("date", "top")
MIN_TRIGRAM_QUERY = 3
# Newest-first pages look among the newest RECENT_WINDOW dated events first (an index walk that
# stops at the page); only when fewer match there is the whole store searched (see _newest_page).
RECENT_WINDOW = 20000


@dataclass(frozen=True)
class EventFilter:
    """Which events to return; every field is optional and they combine with AND."""
    date_from: Optional[str] = None  # YYYY-MM-DD, inclusive
    date_to: Optional[str] = None  # YYYY-MM-DD, inclusive
    types: tuple[str, ...] = ()  # PLOVER types
    actor: Optional[str] = None  # lexicon id, English or Arabic name (actor or recipient)
    place: Optional[str] = None  # P-code, English or Arabic place name
    admin1: Optional[str] = None  # governorate / first-level unit
    statuses: tuple[str, ...] = ()  # asserted, future, hypothetical, negated, denied
    text: Optional[str] = None  # words in the supporting text, any spelling variant
    article_id: Optional[str] = None
    actors: tuple[str, ...] = ()  # every one of these takes part (e.g. the SDF and Russia)
    one_per_cluster: bool = False  # only each merged cluster's head event (one row per happening)


def text_query(value: str) -> str:
    return normalize(value).casefold().strip()


def _like_pattern(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _text_condition(value: str, dialect: str, has_text_index: bool):
    query = text_query(value)
    if dialect == "sqlite" and has_text_index and len(query) >= MIN_TRIGRAM_QUERY:
        phrase = '"' + query.replace('"', '""') + '"'
        matches = select(text("rowid")).select_from(text("events_fts")).where(
            text("events_fts MATCH :fts_query").bindparams(fts_query=phrase))
        return t.events.c.seq.in_(matches)
    return t.events.c.text_norm.like(_like_pattern(query), escape="\\")


def _actor_condition(keys: Sequence[str], name: str, probe: bool) -> ColumnElement:
    """Events where a participant has one of ``keys`` or is written ``name``. ``probe``: as a
    correlated EXISTS (a date-ordered walk checks each event's few participants) rather than an
    IN over every event of the actor (cheap for rare actors, hundreds of thousands of ids for
    popular ones)."""
    p = t.event_participants
    match = or_(p.c.actor_key.in_(list(keys)), p.c.text_norm == normalize(name))
    if probe:
        return exists().where(p.c.event_id == t.events.c.id, match)
    return t.events.c.id.in_(select(p.c.event_id).where(match))


def filter_conditions(flt: EventFilter, dialect: str, has_text_index: bool, actor_keys: Sequence[str] = (),
                      every_actor_keys: Sequence[Sequence[str]] = (), probe: bool = False) -> list[ColumnElement]:
    """The WHERE conditions of ``flt``. ``probe``: shapes for walking a few events in date order
    (EXISTS for actors, LIKE for text: the same events as the index shapes, checked per row)."""
    e = t.events
    conditions = []
    if flt.date_from:
        conditions.append(e.c.event_date >= flt.date_from)
    if flt.date_to:
        conditions.append(e.c.event_date <= flt.date_to)
    if flt.types:
        conditions.append(e.c.type.in_([x.upper() for x in flt.types]))
    if flt.statuses:
        conditions.append(e.c.status.in_([x.lower() for x in flt.statuses]))
    if flt.admin1:
        conditions.append(e.c.admin1_key == place_key(flt.admin1))
    if flt.place:
        conditions.append(or_(e.c.pcode == flt.place, e.c.location_norm == place_key(flt.place),
                              e.c.location_name_en == flt.place))
    if flt.actor:
        conditions.append(_actor_condition(actor_keys, flt.actor, probe))
    for name, keys in zip(flt.actors, every_actor_keys or [query_keys(a) for a in flt.actors]):
        conditions.append(_actor_condition(keys, name, probe))
    if flt.text:
        conditions.append(_text_condition(flt.text, dialect, has_text_index and not probe))
    if flt.article_id:
        conditions.append(e.c.article_id == flt.article_id)
    if flt.one_per_cluster:
        conditions.append(e.c.cluster_head.is_(True))
    return conditions


def _date_order(dialect: str, dated_only: bool = False, seq_descending: bool = False) -> tuple:
    """Newest first, undated last, then by seq. Where no NULL can occur (``dated_only``), and on
    SQLite (NULLs sort last in DESC anyway), a plain DESC, which a walk of ix_events_date serves;
    PostgreSQL's NULLS LAST does not match that index's backward order."""
    e = t.events
    date = e.c.event_date.desc() if dialect == "sqlite" or dated_only else e.c.event_date.desc().nulls_last()
    return date, e.c.seq.desc() if seq_descending else e.c.seq


def newest_page(conditions: list[ColumnElement], probe_conditions: list[ColumnElement], dialect: str,
                size: int, seq_descending: bool = False):
    """The seqs of the first ``size`` events by _date_order, in one statement.

    If at least ``size`` matching events are among the newest RECENT_WINDOW dated ones (dates >=
    the window's floor), they are exactly the first ``size`` overall: every one of those ranks
    above any event outside the window. Otherwise (a rare filter) the whole store is searched
    with the index-friendly conditions. The one not needed is skipped by a constant condition."""
    e = t.events
    floor = func.coalesce(select(e.c.event_date).where(e.c.event_date.is_not(None))
                          .order_by(e.c.event_date.desc()).limit(1).offset(RECENT_WINDOW - 1)
                          .scalar_subquery(), literal(""))
    recent = (select(e.c.seq).where(e.c.event_date >= floor, *probe_conditions)
              .order_by(*_date_order(dialect, True, seq_descending)).limit(size).cte("recent_page"))
    found = select(func.count()).select_from(recent).scalar_subquery()
    everywhere = (select(e.c.seq).where(found < size, *conditions)
                  .order_by(*_date_order(dialect, False, seq_descending)).limit(size).subquery("full_page"))
    return union_all(select(recent.c.seq).where(found >= size), select(everywhere.c.seq))


def event_select(flt: EventFilter, dialect: str, has_text_index: bool, actor_keys: Sequence[str] = (),
                 order: str = "date", limit: Optional[int] = None, offset: int = 0,
                 every_actor_keys: Sequence[Sequence[str]] = ()) -> Select:
    """SELECT of event rows (with their article's title, source, outlet, published date).

    ``every_actor_keys``: the participant keys of each of ``flt.actors`` (Store.actor_keys);
    without them, each name's own spellings (rows.query_keys)."""
    e, a = t.events, t.articles
    stmt = select(e, a.c.title.label("article_title"), a.c.source.label("article_source"),
                  a.c.outlet.label("article_outlet"), a.c.published.label("article_published"),
                  a.c.updated_at.label("article_updated_at")).join(a, a.c.id == e.c.article_id)
    conditions = filter_conditions(flt, dialect, has_text_index, actor_keys, every_actor_keys)
    if order == "date" and limit is not None and conditions:
        # A page, newest first: cut it on the narrow rows first (see newest_page).
        probes = filter_conditions(flt, dialect, has_text_index, actor_keys, every_actor_keys, probe=True)
        conditions = [e.c.seq.in_(newest_page(conditions, probes, dialect, limit + offset))]
    if conditions:
        stmt = stmt.where(and_(*conditions))
    if order == "top":
        stmt = stmt.order_by(e.c.n_sources.desc(), e.c.fatalities.desc().nulls_last(),
                             e.c.event_date.desc().nulls_last(), e.c.seq)
    elif order == "date":
        stmt = stmt.order_by(*_date_order(dialect))
    else:
        raise ValueError(f"unknown order {order!r}: use one of {', '.join(ORDERS)}")
    if limit is not None:
        stmt = stmt.limit(limit)
    if offset:
        stmt = stmt.offset(offset)
    return stmt
