"""``Store``: the Python API over the database. The CLI commands are thin adapters over it."""
from __future__ import annotations

import json
import os
import socket
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Iterable, Iterator, Optional, Union

from sqlalchemy import Connection, Engine, Select, bindparam, func, literal_column, or_, select, update
from sqlalchemy.engine import URL

from ..model import Article, Event
from ..normalize import normalize
from ..progress import RunSummary
from ..settings import DEFAULT_SETTINGS, Settings
from . import schema as t
from .claims import process_alive
from .engine import make_engine, migrate
from .pages import newest_page
from .query import EventFilter, event_select
from .rows import article_from_rows, event_from_rows, query_keys
from .url import describe_url, resolve_database_url
from .versions import code_version, lexicon_version
from .writer import BatchWriter, Processed, document_key, utcnow

CHILD_CHUNK = 500


@dataclass
class StoredEvent:
    """An event as stored: the coder's Event plus where it lives and what supports it."""
    id: str  # store id (unique in the store)
    article_id: str
    event: Event
    article_title: Optional[str]
    article_source: Optional[str]
    outlet: Optional[str]
    published: Optional[str]
    n_sources: int
    cluster_id: Optional[str]
    code_version: str
    lexicon_version: str
    updated_at: Optional[datetime] = None  # when the article was last stored


@dataclass
class IngestError:
    run_id: Optional[int]
    document: str
    reason: str
    detail: str


class Store:
    def __init__(self, engine: Engine):
        self.engine = engine
        self.dialect = engine.dialect.name
        self._has_text_index: Optional[bool] = None
        self._by_seq: Optional[Select] = None  # the statement of events_by_seq

    @classmethod
    def open(cls, db: Union[str, URL, None] = None) -> "Store":
        """Open (and on SQLite create) the database and bring its schema up to date."""
        url = db if isinstance(db, URL) else resolve_database_url(db)
        engine = make_engine(url)
        migrate(engine)
        return cls(engine)

    @property
    def url(self) -> str:
        return describe_url(self.engine.url)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def begin(self):
        """A transaction: ``with store.begin() as conn: ...`` (committed at the end, or rolled back)."""
        return self.engine.begin()

    @property
    def has_text_index(self) -> bool:
        if self._has_text_index is None:
            with self.engine.connect() as conn:
                if self.dialect == "sqlite":
                    found = conn.exec_driver_sql(
                        "select 1 from sqlite_master where name = 'events_fts'").first()
                else:
                    found = conn.exec_driver_sql(
                        "select 1 from pg_indexes where indexname = 'ix_events_text_trgm'").first()
            self._has_text_index = found is not None
        return self._has_text_index

    # ---- runs -----------------------------------------------------------------------------

    def start_run(self, kind: str, arguments: dict[str, Any], settings: Settings = DEFAULT_SETTINGS) -> int:
        self.mark_dead_runs()
        with self.begin() as conn:
            return conn.execute(t.runs.insert().values(
                kind=kind, status="running", started_at=utcnow(), code_version=code_version(),
                lexicon_version=lexicon_version(settings), host=socket.gethostname(), pid=os.getpid(),
                arguments=arguments, counts={})).inserted_primary_key[0]

    def update_run(self, run_id: int, summary: RunSummary, status: str = "running") -> None:
        values: dict[str, Any] = {"counts": summary.to_dict(), "status": status}
        if status != "running":
            values["finished_at"] = utcnow()
        with self.begin() as conn:
            conn.execute(update(t.runs).where(t.runs.c.id == run_id).values(**values))

    def mark_dead_runs(self) -> int:
        """Runs left 'running' by a process on this host that no longer exists: 'interrupted'."""
        host = socket.gethostname()
        with self.begin() as conn:
            rows = conn.execute(select(t.runs.c.id, t.runs.c.pid).where(
                t.runs.c.status == "running", t.runs.c.host == host)).all()
            dead = [r.id for r in rows if r.pid and not process_alive(r.pid)]
            if dead:
                conn.execute(update(t.runs).where(t.runs.c.id.in_(dead))
                             .values(status="interrupted", finished_at=utcnow()))
        return len(dead)

    def runs(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(select(t.runs).order_by(t.runs.c.id))]

    # ---- writing --------------------------------------------------------------------------

    def ingest_articles(self, articles: Iterable[Article], batch_size: int = 100,
                        settings: Settings = DEFAULT_SETTINGS) -> RunSummary:
        """Store already-analysed articles (key: external id, else source; hash: content id)."""
        from .ingest import summarize_batch  # one place that turns writer counts into a summary
        started = time.monotonic()
        run_id = self.start_run("ingest", {"api": "ingest_articles"}, settings)
        summary = RunSummary(run_id=run_id)
        batch: list[Processed] = []

        def flush() -> None:
            with self.begin() as conn:
                writer = BatchWriter(conn, run_id, code_version(), lexicon_version(settings))
                writer.write_all(batch)
                writer.finish()
            summarize_batch(summary, writer)
            batch.clear()

        for article in articles:
            batch.append(Processed(document_key(article.source, article.external_id), article.id, article))
            if len(batch) >= batch_size:
                flush()
        if batch:
            flush()
        summary.seconds = time.monotonic() - started
        self.update_run(run_id, summary, "completed")
        return summary

    # ---- reading --------------------------------------------------------------------------

    def actor_keys(self, actor: str, conn: Optional[Connection] = None) -> list[str]:
        """Every participant key a user's actor filter may mean, via the actors table
        (on ``conn`` when given: no second connection for one query)."""
        if conn is None:
            with self.engine.connect() as own:
                return self.actor_keys(actor, own)
        keys = set(query_keys(actor))
        keys.update(conn.execute(select(t.actors.c.id).where(or_(
            t.actors.c.name_norm == normalize(actor), func.lower(t.actors.c.name_en) == actor.casefold()
        ))).scalars())
        return sorted(keys)

    def events(self, flt: EventFilter = EventFilter(), order: str = "date", limit: Optional[int] = None,
               offset: int = 0, chunk: int = CHILD_CHUNK) -> Iterator[StoredEvent]:
        """Events matching ``flt``, streamed in chunks (memory stays bounded on any store)."""
        if order == "date" and limit is not None:  # a page, newest first: see store.pages
            has_text_index = self.has_text_index
            with self.engine.connect() as conn:
                keys = self.actor_keys(flt.actor, conn) if flt.actor else []
                every_keys = [self.actor_keys(a, conn) for a in flt.actors]
                page = newest_page(conn, self.dialect, has_text_index, flt, limit + offset, keys, every_keys)
                yield from self.events_by_seq(conn, page.seqs[offset:])
            return
        keys = self.actor_keys(flt.actor) if flt.actor else []
        every_keys = [self.actor_keys(a) for a in flt.actors]
        stmt = event_select(flt, self.dialect, self.has_text_index, keys, order, limit, offset, every_keys)
        with self.engine.connect() as conn:
            result = conn.execution_options(stream_results=True, yield_per=chunk).execute(stmt)
            for rows in result.mappings().partitions(chunk):
                yield from self._with_children(conn, rows)

    def events_by_seq(self, conn: Connection, seqs: list[int]) -> list[StoredEvent]:
        """The events with these seqs, in this order: one statement, the participants and spans
        of each event aggregated as JSON (one round trip for a page instead of three)."""
        if not seqs:
            return []
        if self._by_seq is None:  # built once: SQLAlchemy then reuses its compiled form
            self._by_seq = event_select(EventFilter(), self.dialect, False).add_columns(
                _children_json(t.event_participants, self.dialect).label("participants_json"),
                _children_json(t.event_mentions, self.dialect).label("mentions_json"),
            ).where(t.events.c.seq.in_(bindparam("seqs", expanding=True))).order_by(None)
        rows = {r["seq"]: r for r in conn.execute(self._by_seq, {"seqs": list(seqs)}).mappings()}
        return [self._stored(r, _json_rows(r["participants_json"]), _json_rows(r["mentions_json"]))
                for r in (rows[s] for s in seqs if s in rows)]

    def event(self, event_id: str) -> Optional[StoredEvent]:
        with self.engine.connect() as conn:
            stmt = event_select(EventFilter(), self.dialect, False).where(t.events.c.id == event_id)
            rows = conn.execute(stmt).mappings().all()
            found = self._with_children(conn, rows)
        return found[0] if found else None

    def count_events(self, flt: EventFilter = EventFilter()) -> int:
        keys = self.actor_keys(flt.actor) if flt.actor else []
        inner = event_select(flt, self.dialect, self.has_text_index, keys,
                             every_actor_keys=[self.actor_keys(a) for a in flt.actors]).order_by(None).subquery()
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(inner)).scalar_one()

    def _with_children(self, conn: Connection, rows: list) -> list[StoredEvent]:
        ids = [r["id"] for r in rows]
        people: dict[str, list] = {i: [] for i in ids}
        spans: dict[str, list] = {i: [] for i in ids}
        for table, into in ((t.event_participants, people), (t.event_mentions, spans)):
            for r in conn.execute(select(table).where(table.c.event_id.in_(ids))).mappings():
                into[r["event_id"]].append(r)
        return [self._stored(r, people[r["id"]], spans[r["id"]]) for r in rows]

    @staticmethod
    def _stored(r, people: list, spans: list) -> StoredEvent:
        return StoredEvent(
            id=r["id"], article_id=r["article_id"], event=event_from_rows(r, people, spans),
            article_title=r["article_title"], article_source=r["article_source"], outlet=r["article_outlet"],
            published=r["article_published"], n_sources=r["n_sources"], cluster_id=r["cluster_id"],
            code_version=r["code_version"], lexicon_version=r["lexicon_version"],
            updated_at=r["article_updated_at"])

    def article(self, article_id: str, analysis: bool = True) -> Optional[Article]:
        """An article as stored; with ``analysis`` its sentences, mentions and events too."""
        with self.engine.connect() as conn:
            row = conn.execute(select(t.articles).where(t.articles.c.id == article_id)).mappings().first()
            if row is None:
                return None
            removed = conn.execute(select(t.removed_lines).where(
                t.removed_lines.c.article_id == article_id)).mappings().all()
            if not analysis:
                return article_from_rows(row, removed)
            sentence_rows = conn.execute(select(t.sentences).where(
                t.sentences.c.article_id == article_id)).mappings().all()
            mention_rows = conn.execute(select(t.mentions).where(
                t.mentions.c.article_id == article_id)).mappings().all()
        events = [s.event for s in sorted(self.events(EventFilter(article_id=article_id)),
                                          key=lambda s: (s.event.trigger.start, s.event.id))]
        return article_from_rows(row, removed, sentence_rows, mention_rows, events)

    def article_ids(self, outdated_only: bool = False, settings: Settings = DEFAULT_SETTINGS,
                    after: str = "", limit: int = 1000) -> list[str]:
        """Article ids in id order after ``after`` (keyset pages), optionally only outdated ones."""
        stmt = select(t.articles.c.id).where(t.articles.c.id > after).order_by(t.articles.c.id).limit(limit)
        if outdated_only:
            stmt = stmt.where(or_(t.articles.c.code_version != code_version(),
                                  t.articles.c.lexicon_version != lexicon_version(settings)))
        with self.engine.connect() as conn:
            return list(conn.execute(stmt).scalars())

    def errors(self) -> list[IngestError]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(t.ingest_errors).order_by(t.ingest_errors.c.document)).mappings()
            return [IngestError(r["run_id"], r["document"], r["reason"], r["detail"]) for r in rows]

    def counts(self) -> dict[str, int]:
        """Rows per table."""
        with self.engine.connect() as conn:
            return {table.name: conn.execute(select(func.count()).select_from(table)).scalar_one()
                    for table in t.metadata.sorted_tables}


# The child columns event_from_rows reads (rows.event_from_rows, rows._participant).
CHILD_COLUMNS = {"event_participants": ("role", "idx", "text", "name_en", "actor_id", "country", "sector",
                                        "acled_type", "start", "end"),
                 "event_mentions": ("idx", "kind", "start", "end", "text", "field")}


def _children_json(table, dialect: str):
    """A correlated subquery: the event's rows of ``table`` as one JSON array of objects."""
    # The keys are our fixed column names, written as SQL string literals (no parameter types
    # to infer on PostgreSQL).
    pairs = [x for name in CHILD_COLUMNS[table.name] for x in (literal_column(f"'{name}'"), table.c[name])]
    if dialect == "sqlite":
        rows = func.json_group_array(func.json_object(*pairs))
    else:
        rows = func.coalesce(func.json_agg(func.json_build_object(*pairs)), literal_column("'[]'::json"))
    return select(rows).where(table.c.event_id == t.events.c.id).scalar_subquery()


def _json_rows(value) -> list:
    return json.loads(value) if isinstance(value, str) else (value or [])


