"""Newest-first pages of event queries without ranking every match.

The first ``size`` events by date (newest first, undated last, then seq) of an actor or a text
query are found from whichever side is small:

- actor: each of the actor's participant keys is read newest first from its (key, event_date)
  index, ``W`` rows a key. Every matching event dated after the latest of the keys' W-th dates
  (the frontier) is then in hand; if ``size`` of those pass the other filters, they are the
  page. Otherwise W grows (x4) until the page fills or no key has W dated rows (a rare actor:
  all its events are few, ranked directly).
- text: the text index's matches are counted up to TEXT_RARE. Fewer: those events are ranked
  directly. More (a common word): the other filters' events are walked newest first through a
  date index, at most TEXT_WINDOW of them, each checked with LIKE; the page is exact if it fills
  within the window, else the text index is used after all.
- neither: one ordered query. On PostgreSQL as two, dated then undated, so that the dated part
  walks a plain ``event_date`` index (its NULLS LAST order does not match the index).

Each walk orders the dated events by plain ``event_date DESC``: the same order as NULLS LAST
where no NULL can occur, and the order a backward index walk gives on both databases.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Optional, Sequence

from sqlalchemy import Connection, ColumnElement, func, or_, select, text, union_all

from ..normalize import normalize
from . import schema as t
from .query import (MIN_TRIGRAM_QUERY, EventFilter, text_condition, date_order, filter_conditions, like_pattern,
                    text_query)

ACTOR_WINDOW = 256  # first participant rows read per key (at least 4 pages)
ACTOR_WINDOW_MAX = 65536  # beyond this the actor's whole match set is ranked directly
TEXT_RARE = 3000  # SQLite: a text with at most this many FTS5 matches is ranked from them directly
TEXT_COMMON = 20000  # SQLite: a text estimated to match more is checked with LIKE on the newest events
TEXT_WINDOW = 20000  # events walked newest first for a common text before the index is used


@dataclass
class Page:
    seqs: list[int]  # the page's events in order
    common: bool  # found by a walk (the match set is large): count it row by row, capped


def newest_page(conn: Connection, dialect: str, has_text_index: bool, flt: EventFilter, size: int,
                actor_keys: Sequence[str] = (), every_actor_keys: Sequence[Sequence[str]] = (),
                extra: Sequence[ColumnElement] = (), seq_desc: bool = False) -> Page:
    """The seqs of the first ``size`` events matching ``flt`` (and ``extra``) newest first.
    ``seq_desc``: ties on the date broken by seq descending (the API's order) instead of ascending."""
    # Conditions checked row by row on walked events: correlated EXISTS for actors, LIKE for text.
    walk_flt = replace(flt, actor=None, text=None)
    others = filter_conditions(walk_flt, dialect, has_text_index, every_actor_keys=every_actor_keys, per_row=True)
    others += list(extra)
    full = filter_conditions(flt, dialect, has_text_index, actor_keys, every_actor_keys) + list(extra)
    planner = _Planner(conn, dialect, size, seq_desc, flt)
    if flt.actor:
        if flt.text:
            others.append(text_per_row(flt.text))
        keys = list(actor_keys) or [flt.actor]
        return planner.by_actor(keys, normalize(flt.actor), others, full)
    if flt.text:
        return planner.by_text(flt.text, dialect, has_text_index, others, full,
                               dated_only=bool(flt.date_from or flt.date_to))
    return planner.plain(full, dated_only=bool(flt.date_from or flt.date_to))


def text_per_row(value: str) -> ColumnElement:
    # ``|| ''``: an expression no text index serves, so PostgreSQL checks it per walked row
    # instead of collecting every match through pg_trgm first. Same LIKE as query.text_condition.
    return (t.events.c.text_norm + "").like(like_pattern(text_query(value)), escape="\\")


class _Planner:
    def __init__(self, conn: Connection, dialect: str, size: int, seq_desc: bool, flt: EventFilter):
        self.conn, self.dialect, self.size, self.seq_desc, self.flt = conn, dialect, size, seq_desc, flt

    def _seqs(self, conditions: Sequence[ColumnElement], dated: bool, limit: Optional[int] = None) -> list[int]:
        e = t.events
        seq = e.c.seq.desc() if self.seq_desc else e.c.seq
        order = (e.c.event_date.desc(), seq) if dated else (*date_order(self.dialect, self.seq_desc),)
        stmt = select(e.c.seq).where(*conditions).order_by(*order).limit(limit or self.size)
        return list(self.conn.execute(stmt).scalars())

    def _ranked(self, conditions: Sequence[ColumnElement]) -> list[int]:
        """The page by one ordered query (a small match set, or no better way)."""
        return self._seqs(conditions, dated=False)

    def plain(self, full: list[ColumnElement], dated_only: bool) -> Page:
        if self.dialect == "sqlite":  # NULLs sort last in a plain DESC: one index walk
            return Page(self._ranked(full), common=True)
        e = t.events
        found = self._seqs([*full, e.c.event_date.is_not(None)], dated=True)
        if len(found) < self.size and not dated_only:
            found += self._seqs([*full, e.c.event_date.is_(None)], dated=False, limit=self.size - len(found))
        return Page(found, common=True)

    def by_actor(self, keys: list[str], name_norm: str, others: list[ColumnElement],
                 full: list[ColumnElement]) -> Page:
        p, e = t.event_participants, t.events
        branches = [p.c.actor_key == k for k in keys] + [p.c.text_norm == name_norm]
        window = max(ACTOR_WINDOW, 4 * self.size)
        while window <= ACTOR_WINDOW_MAX:
            # Each key's W-th newest date, all in one statement (NULL: the key has fewer).
            row = self.conn.execute(select(*[
                select(p.c.event_date).where(branch, p.c.event_date.is_not(None))
                .order_by(p.c.event_date.desc()).limit(1).offset(window - 1).scalar_subquery()
                for branch in branches])).one()
            frontier = max((d for d in row if d is not None), default=None)
            if frontier is None:  # no key has that many dated events: rank them all
                break
            recent = select(p.c.event_id).where(or_(*branches), p.c.event_date > frontier)
            found = self._seqs([e.c.id.in_(recent), e.c.event_date > frontier, *others], dated=True)
            if len(found) == self.size:
                return Page(found, common=True)
            window *= 4
        return Page(self._ranked(full), common=window > ACTOR_WINDOW_MAX)

    def by_text(self, value: str, dialect: str, has_text_index: bool, others: list[ColumnElement],
                full: list[ColumnElement], dated_only: bool) -> Page:
        if dialect == "postgresql" and has_text_index:
            return self._text_windows(value, others, full)
        query = text_query(value)
        if dialect == "sqlite" and has_text_index and len(query) >= MIN_TRIGRAM_QUERY:
            return self._fts_walk(query, value, others, dated_only)
        found = self._text_walk(value, others, dated_only) if 4 * self.size <= TEXT_WINDOW else None
        return found if found is not None else Page(self._ranked(full), common=True)

    def _fts_walk(self, query: str, value: str, others: list[ColumnElement], dated_only: bool) -> Page:
        """SQLite: FTS5 lists the matching seqs (cheap: no event row read). Few (<= TEXT_RARE):
        their events are ranked. Very many (by the density of the first TEXT_RARE, over
        TEXT_COMMON): the newest events are checked with LIKE (text_walk). Else a date index is
        walked newest first, each entry checked against the FTS5 list (the index holds seq: no
        row is read for a non-match) until the page fills."""
        e = t.events
        phrase = '"' + query.replace('"', '""') + '"'
        fts = select(text("rowid")).select_from(text("events_fts")).where(
            text("events_fts MATCH :fts_query").bindparams(fts_query=phrase))
        top = select(func.max(e.c.seq)).scalar_subquery()
        rows = self.conn.execute(fts.add_columns(top).limit(TEXT_RARE + 1)).all()
        if len(rows) <= TEXT_RARE:  # (FTS5 again, in the statement: cheaper than 3,000 parameters)
            return Page(self._ranked([e.c.seq.in_(fts), *others]), common=False)
        # FTS5 lists in rowid order: the share of seqs up to the last one listed that match.
        estimate = len(rows) * rows[-1][1] / max(rows[-1][0], 1)
        # (Not within a date range: the walk below is bounded by it, a LIKE window often misses.)
        if estimate > TEXT_COMMON and 4 * self.size <= TEXT_WINDOW and not dated_only:
            found = self._text_walk(value, others, dated_only)
            if found is not None:
                return found
        listed = (e.c.seq + 0).in_(fts)  # "+ 0": a check per walked entry, not a lookup per match
        found = self._seqs([*others, e.c.event_date.is_not(None), listed], dated=True)
        if len(found) < self.size and not dated_only:  # every dated match is in: the undated follow
            found += self._seqs([*others, e.c.event_date.is_(None), listed], dated=False,
                                limit=self.size - len(found))
        return Page(found, common=True)

    def _estimates(self, wheres: Sequence[Sequence[ColumnElement]]) -> list[float]:
        """PostgreSQL's estimates of how many events match each list of conditions (its
        statistics, no rows read), from one EXPLAIN of their UNION ALL."""
        stmt = union_all(*[select(t.events.c.seq).where(*conditions) for conditions in wheres])
        sql = str(stmt.compile(self.conn, compile_kwargs={"literal_binds": True}))
        plan = self.conn.exec_driver_sql("EXPLAIN (FORMAT JSON) " + sql).scalar()[0]["Plan"]
        return [float(branch["Plan Rows"]) for branch in plan["Plans"]]

    def _text_windows(self, value: str, others: list[ColumnElement], full: list[ColumnElement]) -> Page:
        """PostgreSQL, a text query: the newest events in date windows just large enough to hold
        a page of matches by the planner's estimate (the pg_trgm bitmap ANDed with a date range:
        only matches inside the window are read), widened x8 until the page fills."""
        e = t.events
        matching = [text_condition(value, "postgresql", True), *others]
        dates = filter_conditions(EventFilter(date_from=self.flt.date_from, date_to=self.flt.date_to), "postgresql", True)
        expected, in_range = self._estimates([matching, dates])
        window = int(in_range * 4 * self.size / max(expected, 1.0))
        while window < in_range / 4:
            floor = self.conn.execute(select(e.c.event_date).where(*dates, e.c.event_date.is_not(None))
                                      .order_by(e.c.event_date.desc()).limit(1).offset(window - 1)).scalar()
            if floor is None:
                break
            found = self._seqs([*matching, e.c.event_date >= floor], dated=True)
            if len(found) == self.size:
                return Page(found, common=True)
            window *= 8
        return Page(self._ranked(full), common=expected > TEXT_RARE)

    def _text_walk(self, value: str, others: list[ColumnElement], dated_only: bool) -> Optional[Page]:
        """The page from the newest TEXT_WINDOW events passing ``others``, checked row by row;
        None when the window holds too few matches (the text index ranks them instead)."""
        e = t.events
        dated = [*others, e.c.event_date.is_not(None)]
        floor = self.conn.execute(select(e.c.event_date).where(*dated).order_by(e.c.event_date.desc())
                                  .limit(1).offset(TEXT_WINDOW - 1)).scalar()
        check = text_per_row(value)
        found = self._seqs([*dated, check] + ([e.c.event_date >= floor] if floor is not None else []), dated=True)
        if len(found) == self.size:
            return Page(found, common=True)
        if floor is not None:
            return None
        if not dated_only:  # every dated event was walked: the undated ones follow
            found += self._seqs([*others, e.c.event_date.is_(None), check], dated=False,
                                limit=self.size - len(found))
        return Page(found, common=True)
