"""Writing analysed documents into the store inside one transaction (the caller's batch).

Identity: a document's key is its external id when the input gives one, else its source (path,
``file.jsonl:line`` or URL). The raw hash says whether the input changed since it was stored.
- same key, same raw hash: unchanged, nothing is written;
- same key, new content: the document now points at the new article; the old article, if no
  other document holds it, is deleted with its analysis (an update);
- new key whose cleaned content is already stored: an exact duplicate, linked, not re-stored.
"""
from __future__ import annotations

import os
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Iterable, Optional

from sqlalchemy import Connection, Table, delete, select, update
from sqlalchemy.dialects import postgresql, sqlite

from ..model import Article, DocumentError, RawDocument, content_id
from . import schema as t
from .dedupe import (BatchLinker, ClusterMember, forget_articles, in_chunks, link_near_duplicate, merge_pending,
                     new_members, queue_events, release_clusters)
from ..dedupe.articles import article_fingerprint
from ..dedupe.minhash import Signature
from .rows import ArticleRows, Row, analysis_rows, article_rows, serialize_json, table_rows


# SQLite page cache of the writer's connection (KiB; SQLite's default is 2 MiB): a batch inserts
# into a dozen indexes of tables that grow to hundreds of MB, and each page it does not hold is
# read again. profile_writer, 2,000 articles, same session: 8.40 -> 7.35 ms/article with 32 MiB.
SQLITE_CACHE_KIB = int(os.environ.get("RASD_SQLITE_CACHE_KIB", "32768"))


def document_key(source: Optional[str], external_id: Optional[str]) -> str:
    return f"id:{external_id}" if external_id else f"src:{source}"


def raw_hash(raw: RawDocument) -> str:
    """Hash of everything the reader gave: a change anywhere re-processes the document."""
    return content_id(raw.title, raw.text, raw.outlet, raw.published, raw.author, raw.url, raw.category)


@dataclass
class Processed:
    """A document the pipeline turned into an article, with its identity in the store."""
    key: str
    raw_hash: str
    article: Article


@dataclass
class Prepared:
    """A processed document already turned into rows and a MinHash signature (``prepare``, run
    in the worker processes): the writer only inserts them."""
    key: str
    raw_hash: str
    rows: ArticleRows
    events: int
    signature: Signature
    members: list[ClusterMember] = field(default_factory=list)  # its events, as merging compares them


def prepare(item: Processed, code_version: str, lexicon_version: str, run_id: Optional[int]) -> Prepared:
    """Everything about one document that needs no database: rows, signature."""
    a = item.article
    rows = article_rows(a, code_version, lexicon_version, run_id, utcnow())
    # JSON columns encoded here, in the worker (merging reads none of them)
    rows.analysis = {name: serialize_json(name, table_rows(name, r)) for name, r in rows.analysis.items()}
    serialize_json("articles", [rows.article])
    members = new_members(rows.analysis["events"], rows.analysis["event_participants"],
                          rows.analysis["event_mentions"])
    return Prepared(item.key, item.raw_hash, rows, len(a.events), article_fingerprint(a.title, a.text), members)


@dataclass
class Failed:
    """A document that could not be processed (reader or pipeline error)."""
    key: Optional[str]
    error: DocumentError


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def _columns(table: Table, rows: list[Row]) -> list[Row]:
    """Keep the keys the table has (the data model may grow optional fields first)."""
    names = set(table.c.keys())
    return [{k: v for k, v in row.items() if k in names} for row in rows]


def insert_rows(conn: Connection, table: Table, rows: list[Row], checked: bool = False) -> None:
    """``checked``: the rows hold only the table's columns already (rows.table_rows).
    Every row has the keys of the first (as SQLAlchemy's executemany requires)."""
    if not rows:
        return
    rows = rows if checked else _columns(table, rows)
    if conn.dialect.name == "sqlite":
        _sqlite_insert(conn, table, rows)
    else:
        conn.execute(table.insert(), rows)


# (table, column names) -> (INSERT statement, bind processors, default values of the columns
# the rows leave out); see _sqlite_insert.
_SQLITE_INSERTS: dict[tuple[str, tuple[str, ...]], tuple[str, list, tuple]] = {}


def _sqlite_insert(conn: Connection, table: Table, rows: list[Row]) -> None:
    """``conn.execute(table.insert(), rows)`` without SQLAlchemy's per-row parameter handling,
    which cost the writer (the ingest's serial part) more than SQLite's own work for the rows:
    the same values go in, converted by the columns' own bind processors (JSON, dates), and
    the columns the rows leave out get their Python-side defaults, as SQLAlchemy gives them."""
    names = tuple(rows[0])
    plan = _SQLITE_INSERTS.get((table.name, names))
    if plan is None:
        defaults = [(c.name, c.default.arg) for c in table.c
                    if c.name not in names and c.default is not None and c.default.is_scalar]
        quote = conn.dialect.identifier_preparer.quote
        columns = [*names, *(name for name, _ in defaults)]
        sql = (f"INSERT INTO {quote(table.name)} ({', '.join(quote(c) for c in columns)}) "
               f"VALUES ({', '.join('?' for _ in columns)})")
        processors = [table.c[name].type._cached_bind_processor(conn.dialect) for name in names]
        plan = _SQLITE_INSERTS[(table.name, names)] = (sql, processors, tuple(value for _, value in defaults))
    sql, processors, extra = plan
    if any(processors):
        pairs = list(zip(names, processors))
        params = [tuple([row[n] if p is None else p(row[n]) for n, p in pairs]) + extra for row in rows]
    else:
        params = [tuple([row[n] for n in names]) + extra for row in rows]
    conn.exec_driver_sql(sql, params)


def upsert_rows(conn: Connection, table: Table, rows: list[Row], keys: list[str]) -> None:
    """Insert, or update the non-key columns where the key exists (both dialects)."""
    if not rows:
        return
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    stmt = dialect.insert(table)
    rows = _columns(table, rows)
    stmt = stmt.on_conflict_do_update(index_elements=keys,
                                      set_={c: stmt.excluded[c] for c in rows[0] if c not in keys})
    conn.execute(stmt, rows)


def delete_analysis(conn: Connection, article_ids: list[str]) -> None:
    """Remove sentences, mentions and events (with their spans, participants, merges)."""
    if not article_ids:
        return
    forget_articles(conn, article_ids)  # their clusters are recomputed without these events
    event_ids = select(t.events.c.id).where(t.events.c.article_id.in_(article_ids)).scalar_subquery()
    for table in (t.event_participants, t.event_mentions, t.event_merges):
        conn.execute(delete(table).where(table.c.event_id.in_(event_ids)))
    for table in (t.events, t.mentions, t.sentences):
        conn.execute(delete(table).where(table.c.article_id.in_(article_ids)))


def delete_article(conn: Connection, article_id: str) -> None:
    delete_analysis(conn, [article_id])
    copies = list(conn.execute(select(t.articles.c.id).where(t.articles.c.canonical_article_id == article_id))
                  .scalars())
    conn.execute(update(t.articles).where(t.articles.c.canonical_article_id == article_id)
                 .values(canonical_article_id=None, duplicate_similarity=None))
    if copies:  # their events' near-duplicate key changed: merged again at the end of the batch
        release_clusters(conn, copies, keep=True)
    conn.execute(delete(t.removed_lines).where(t.removed_lines.c.article_id == article_id))
    conn.execute(delete(t.articles).where(t.articles.c.id == article_id))


def known_documents(conn: Connection, keys: Iterable[str]) -> dict[str, str]:
    """key -> raw hash of the documents already stored."""
    keys = list(set(keys))
    found: dict[str, str] = {}
    for i in range(0, len(keys), 500):
        chunk = keys[i:i + 500]
        for key, digest in conn.execute(select(t.documents.c.key, t.documents.c.raw_hash)
                                        .where(t.documents.c.key.in_(chunk))):
            found[key] = digest
    return found


def write_analysis(conn: Connection, article: Article, code_version: str, lexicon_version: str,
                   run_id: Optional[int]) -> None:
    """Insert an article's analysis rows (the article row exists, old analysis is gone)."""
    analysis, actor_rows, place_rows = analysis_rows(article, code_version, lexicon_version, run_id)
    _write_analysis(conn, analysis, actor_rows, place_rows)


def _write_analysis(conn: Connection, analysis: dict[str, list[Row]], actor_rows: list[Row],
                    place_rows: list[Row], checked: bool = False) -> None:
    upsert_rows(conn, t.actors, actor_rows, ["id"])
    upsert_rows(conn, t.places, place_rows, ["id"])
    for table in (t.sentences, t.mentions, t.events, t.event_participants, t.event_mentions):
        insert_rows(conn, table, analysis[table.name], checked)
    queue_events(conn, [row["id"] for row in analysis["events"]])  # merged in finish()


class BatchWriter:
    """Writes one batch of results on an open transaction and counts what happened.

    ``write_all`` (a whole batch) reads what the batch needs to know from the database in a few
    statements at the start (stored documents, stored articles, near-duplicate candidates) and
    inserts the batch's rows table by table at the end; ``write`` (one result) asks the
    database as it goes. Both leave the same rows."""

    def __init__(self, conn: Connection, run_id: Optional[int], code_version: str, lexicon_version: str,
                 defer_sizes: bool = False):
        """``defer_sizes``: n_sources is written on clusters' heads and new members, the other
        members' at the end of the run (rasd.store.dedupe.refresh_cluster_sizes)."""
        self.conn = conn
        self.defer_sizes = defer_sizes
        self.run_id = run_id
        self.code_version = code_version
        self.lexicon_version = lexicon_version
        self.counts: Counter[str] = Counter()
        self.failed: Counter[str] = Counter()
        # Rows of the batch's new articles, inserted table by table before the batch ends or
        # anything is deleted (a few statements per batch instead of ten per article).
        self._pending: dict[str, list[Row]] = defaultdict(list)
        self._actors: dict[str, Row] = {}
        self._places: dict[str, Row] = {}
        self._cleared_errors: list[str] = []  # sources whose recorded errors are deleted
        # Known from the batch's reads (write_all), kept current as the batch is written:
        self._documents: Optional[dict[str, Optional[tuple[str, str]]]] = None  # key -> (article, raw hash)
        self._articles: Optional[set[str]] = None  # article ids stored (or pending)
        self._linker: Optional[BatchLinker] = None
        self._members: dict[str, ClusterMember] = {}  # of the events written, for merge_pending
        if conn.dialect.name == "sqlite" and SQLITE_CACHE_KIB:
            conn.exec_driver_sql(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
        if conn.dialect.name == "postgresql":
            # Batches queue, as on SQLite (BEGIN IMMEDIATE): two ingesters writing the same new
            # article at once otherwise both insert it and one dies on articles_pkey
            # (tests/reliability, test_two_ingesters_on_one_store). Held until the commit.
            conn.exec_driver_sql("SELECT pg_advisory_xact_lock(4242011)")

    def write_all(self, items: Iterable[Processed | Prepared | Failed]) -> list[str]:
        """Store a batch of results in order; returns what happened to each."""
        items = [prepare(i, self.code_version, self.lexicon_version, self.run_id) if isinstance(i, Processed)
                 else i for i in items]
        self._read_ahead([i for i in items if isinstance(i, Prepared)])
        return [self.write(item) for item in items]

    def _read_ahead(self, items: list[Prepared]) -> None:
        d, a = t.documents, t.articles
        self._documents = dict.fromkeys((i.key for i in items), None)
        for chunk in in_chunks(sorted(self._documents)):
            for key, article_id, digest in self.conn.execute(
                    select(d.c.key, d.c.article_id, d.c.raw_hash).where(d.c.key.in_(chunk))):
                self._documents[key] = (article_id, digest)
        self._articles = set()
        for chunk in in_chunks(sorted({i.rows.article["id"] for i in items})):
            self._articles.update(self.conn.execute(select(a.c.id).where(a.c.id.in_(chunk))).scalars())
        self._linker = BatchLinker(self.conn, [i.signature for i in items if i.rows.article["id"] not in self._articles])

    def write(self, item: Processed | Prepared | Failed) -> str:
        """Store one result; returns what happened: stored|updated|unchanged|duplicate|failed."""
        if isinstance(item, Processed):
            item = prepare(item, self.code_version, self.lexicon_version, self.run_id)
        outcome = self._write_failure(item) if isinstance(item, Failed) else self._write_article(item)
        self.counts[outcome] += 1
        return outcome

    def _write_failure(self, item: Failed) -> str:
        err = item.error
        self.failed[err.reason] += 1
        self._clear_errors()  # an article's earlier success must not delete this error later
        # One current error per document: a re-run replaces it instead of piling up copies.
        self.conn.execute(delete(t.ingest_errors).where(t.ingest_errors.c.document == err.source))
        self.conn.execute(t.ingest_errors.insert().values(
            run_id=self.run_id, document=err.source, reason=err.reason, detail=err.detail or "",
            created_at=utcnow()))
        return "failed"

    def _document(self, key: str) -> Optional[tuple[str, str]]:
        if self._documents is not None and key in self._documents:
            return self._documents[key]
        d = t.documents
        row = self.conn.execute(select(d.c.article_id, d.c.raw_hash).where(d.c.key == key)).first()
        return None if row is None else (row.article_id, row.raw_hash)

    def _article_stored(self, article_id: str) -> bool:
        if self._articles is not None:
            return article_id in self._articles
        return self.conn.execute(select(t.articles.c.id).where(t.articles.c.id == article_id)).first() is not None

    def _write_article(self, item: Prepared) -> str:
        conn, rows = self.conn, item.rows
        article = rows.article
        article_id = article["id"]
        doc = self._document(item.key)
        if doc is not None and doc[1] == item.raw_hash:
            return "unchanged"
        exists = self._article_stored(article_id)
        if not exists:
            now = utcnow()  # when it is stored (the rows were built in a worker a little earlier)
            article.update(stored_at=now, updated_at=now, run_id=self.run_id)
            if self._linker is not None:
                best = self._linker.link(article_id, item.signature)
                article.update(canonical_article_id=best[0] if best else None,
                               duplicate_similarity=round(best[1], 4) if best else None)
                self._pending["articles"].append(article)
                self._articles.add(article_id)
            else:
                self.flush()  # link_near_duplicate reads the stored articles
                insert_rows(conn, t.articles, [article])
                best = link_near_duplicate(conn, article_id, article["title"], article["text"], item.signature)
            if best:
                self.counts["near_duplicate"] += 1
            self._buffer(rows)
            self._members.update((m.key.event_id, m) for m in item.members)
            self.counts["events"] += item.events
        if doc is None:
            self._pending["documents"].append({
                "key": item.key, "article_id": article_id, "raw_hash": item.raw_hash, "source": article["source"],
                "external_id": article["external_id"], "first_run_id": self.run_id, "last_run_id": self.run_id})
            outcome = "stored" if not exists else "duplicate"
        else:
            self.flush()  # the document row and its article may be pending
            conn.execute(update(t.documents).where(t.documents.c.key == item.key).values(
                article_id=article_id, raw_hash=item.raw_hash, source=article["source"], last_run_id=self.run_id))
            if doc[0] != article_id:
                self._drop_if_orphan(doc[0])
            outcome = "updated" if doc[0] != article_id else "unchanged"
        if self._documents is not None:
            self._documents[item.key] = (article_id, item.raw_hash)
        self._cleared_errors.append(article["source"])
        return outcome

    def _buffer(self, rows: ArticleRows) -> None:
        self._pending["removed_lines"] += rows.removed_lines
        for name, table_rows_ in rows.analysis.items():
            self._pending[name] += table_rows_
        self._actors.update((r["id"], r) for r in rows.actors)
        self._places.update((r["id"], r) for r in rows.places)

    def _clear_errors(self) -> None:
        e = t.ingest_errors
        for chunk in in_chunks(sorted(set(self._cleared_errors))):
            self.conn.execute(delete(e).where(e.c.document.in_(chunk)))
        self._cleared_errors.clear()

    def flush(self) -> None:
        """Insert the buffered rows: articles, their documents and signatures, then their analysis."""
        self._clear_errors()
        pending = self._pending
        insert_rows(self.conn, t.articles, pending.pop("articles", []))
        insert_rows(self.conn, t.documents, pending.pop("documents", []), checked=True)
        if self._linker is not None:
            signatures, buckets = self._linker.take_rows()
            insert_rows(self.conn, t.article_signatures, signatures, checked=True)
            insert_rows(self.conn, t.article_lsh, buckets, checked=True)
        if not pending and not self._actors and not self._places:
            return
        analysis = {name: pending.get(name, []) for name in
                    ("sentences", "mentions", "events", "event_participants", "event_mentions")}
        _write_analysis(self.conn, analysis, [self._actors[k] for k in sorted(self._actors)],
                        [self._places[k] for k in sorted(self._places)], checked=True)
        insert_rows(self.conn, t.removed_lines, pending.get("removed_lines", []))
        pending.clear()
        self._actors.clear()
        self._places.clear()

    def finish(self) -> None:
        """End of the batch: merge the events written with the stored ones (rasd.store.dedupe)."""
        self.flush()
        self.counts["merges"] += merge_pending(self.conn, self.run_id, self._members, self.defer_sizes)
        self._members.clear()

    def _drop_if_orphan(self, article_id: str) -> None:
        held = self.conn.execute(select(t.documents.c.key).where(t.documents.c.article_id == article_id)
                                 .limit(1)).first()
        if held is None:
            self.flush()  # the rows buffered may belong to it
            delete_article(self.conn, article_id)
            if self._articles is not None:
                self._articles.discard(article_id)
            self._linker = None  # its copies are canonical now: the candidates read at the start are stale
