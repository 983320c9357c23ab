"""Event queries: one filter dataclass, turned into one SELECT for either database.

Text queries match the normalized supporting text of events (diacritics, alef and ya variants,
ta marbuta, digits folded: see rasd.normalize), through FTS5 trigrams on SQLite and pg_trgm on
PostgreSQL where available, else a plain LIKE scan.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

from sqlalchemy import ColumnElement, Select, and_, exists, or_, select, text

from ..normalize import normalize
from . import schema as t
from .rows import place_key, query_keys

ORDERS = ("date", "top")
MIN_TRIGRAM_QUERY = 3


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


def like_pattern(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def text_condition(value: str, dialect: str, has_text_index: bool):
    query = text_query(value)
    if dialect == "sqlite" and has_text_index and len(query) >= MIN_TRIGRAM_QUERY:
        phrase = '"' + query.replace('"', '""') + '"'
        matches = select(text("rowid")).select_from(text("events_fts")).where(
            text("events_fts MATCH :fts_query").bindparams(fts_query=phrase))
        return t.events.c.seq.in_(matches)
    return t.events.c.text_norm.like(like_pattern(query), escape="\\")


def _actor_condition(keys: Sequence[str], name: str, per_row: bool = False) -> ColumnElement:
    """Events where a participant has one of ``keys`` or is written ``name``. ``per_row``: as a
    correlated EXISTS (two primary-key probes per event, for walks over few events) rather than
    an IN over every event of the actor (cheap for rare actors only)."""
    p = t.event_participants
    match = or_(p.c.actor_key.in_(list(keys)), p.c.text_norm == normalize(name))
    if per_row:
        return exists().where(p.c.event_id == t.events.c.id, match)
    return t.events.c.id.in_(select(p.c.event_id).where(match))


def filter_conditions(flt: EventFilter, dialect: str, has_text_index: bool, actor_keys: Sequence[str] = (),
                      every_actor_keys: Sequence[Sequence[str]] = (), per_row: bool = False) -> list[ColumnElement]:
    """The WHERE conditions of ``flt`` (one list, shared by the store's and the API's queries).
    ``per_row``: actor conditions as correlated EXISTS, for queries that walk few events."""
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
        conditions.append(_actor_condition(actor_keys, flt.actor, per_row))
    for name, keys in zip(flt.actors, every_actor_keys or [query_keys(a) for a in flt.actors]):
        conditions.append(_actor_condition(keys, name, per_row))
    if flt.text:
        conditions.append(text_condition(flt.text, dialect, has_text_index))
    if flt.article_id:
        conditions.append(e.c.article_id == flt.article_id)
    if flt.one_per_cluster:
        conditions.append(e.c.cluster_head.is_(True))
    return conditions


def date_order(dialect: str, seq_desc: bool = False) -> tuple:
    """Newest first, undated last, then by seq (descending with ``seq_desc``: the API's order).
    On SQLite (NULLs sort last in DESC anyway) a plain DESC, which a backward walk of
    ix_events_date serves; an explicit NULLS LAST does not."""
    e = t.events
    date = e.c.event_date.desc() if dialect == "sqlite" else e.c.event_date.desc().nulls_last()
    return date, e.c.seq.desc() if seq_desc else e.c.seq


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
    if conditions:
        stmt = stmt.where(and_(*conditions))
    if order == "top":
        stmt = stmt.order_by(e.c.n_sources.desc(), e.c.fatalities.desc().nulls_last(),
                             e.c.event_date.desc().nulls_last(), e.c.seq)
    elif order == "date":
        stmt = stmt.order_by(*date_order(dialect))
    else:
        raise ValueError(f"unknown order {order!r}: use one of {', '.join(ORDERS)}")
    if limit is not None:
        stmt = stmt.limit(limit)
    if offset:
        stmt = stmt.offset(offset)
    return stmt
