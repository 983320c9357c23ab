"""Writing analysed documents into the store inside one transaction (the caller's batch).

Identity: a document's key is its external id when the input gives one, else its source (path,
``file.jsonl:line`` or URL). The raw hash says whether the input changed since it was stored.
- same key, same raw hash: unchanged, nothing is written;
- same key, new content: the document now points at the new article; the old article, if no
  other document holds it, is deleted with its analysis (an update);
- new key whose cleaned content is already stored: an exact duplicate, linked, not re-stored.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Iterable, Optional

from sqlalchemy import Connection, Table, delete, select, update
from sqlalchemy.dialects import postgresql, sqlite

from ..model import Article, DocumentError, RawDocument, content_id
from . import schema as t
from .dedupe import link_near_duplicate, merge_pending, queue_events, release_clusters
from .rows import Row, analysis_rows, article_rows


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


def insert_rows(conn: Connection, table: Table, rows: list[Row]) -> None:
    if rows:
        conn.execute(table.insert(), _columns(table, rows))


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
    release_clusters(conn, article_ids)  # their clusters are recomputed without these events
    event_ids = select(t.events.c.id).where(t.events.c.article_id.in_(article_ids)).scalar_subquery()
    for table in (t.event_participants, t.event_mentions, t.event_merges):
        conn.execute(delete(table).where(table.c.event_id.in_(event_ids)))
    for table in (t.events, t.mentions, t.sentences):
        conn.execute(delete(table).where(table.c.article_id.in_(article_ids)))


def delete_article(conn: Connection, article_id: str) -> None:
    delete_analysis(conn, [article_id])
    conn.execute(update(t.articles).where(t.articles.c.canonical_article_id == article_id)
                 .values(canonical_article_id=None, duplicate_similarity=None))
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
                    place_rows: list[Row]) -> None:
    upsert_rows(conn, t.actors, actor_rows, ["id"])
    upsert_rows(conn, t.places, place_rows, ["id"])
    for table in (t.sentences, t.mentions, t.events, t.event_participants, t.event_mentions):
        insert_rows(conn, table, analysis[table.name])
    queue_events(conn, [row["id"] for row in analysis["events"]])  # merged in finish()


class BatchWriter:
    """Writes one batch of results on an open transaction and counts what happened."""

    def __init__(self, conn: Connection, run_id: Optional[int], code_version: str, lexicon_version: str):
        self.conn = conn
        self.run_id = run_id
        self.code_version = code_version
        self.lexicon_version = lexicon_version
        self.counts: Counter[str] = Counter()
        self.failed: Counter[str] = Counter()
        if conn.dialect.name == "postgresql":
            # Batches queue, as on SQLite (BEGIN IMMEDIATE): two ingesters writing the same new
            # article at once otherwise both insert it and one dies on articles_pkey
            # (tests/reliability, test_two_ingesters_on_one_store). Held until the commit.
            conn.exec_driver_sql("SELECT pg_advisory_xact_lock(4242011)")

    def write(self, item: Processed | Failed) -> str:
        """Store one result; returns what happened: stored|updated|unchanged|duplicate|failed."""
        outcome = self._write_failure(item) if isinstance(item, Failed) else self._write_article(item)
        self.counts[outcome] += 1
        return outcome

    def _write_failure(self, item: Failed) -> str:
        err = item.error
        self.failed[err.reason] += 1
        # One current error per document: a re-run replaces it instead of piling up copies.
        self.conn.execute(delete(t.ingest_errors).where(t.ingest_errors.c.document == err.source))
        self.conn.execute(t.ingest_errors.insert().values(
            run_id=self.run_id, document=err.source, reason=err.reason, detail=err.detail or "",
            created_at=utcnow()))
        return "failed"

    def _write_article(self, item: Processed) -> str:
        conn, article = self.conn, item.article
        doc = conn.execute(select(t.documents.c.article_id, t.documents.c.raw_hash)
                           .where(t.documents.c.key == item.key)).first()
        if doc is not None and doc.raw_hash == item.raw_hash:
            return "unchanged"
        exists = conn.execute(select(t.articles.c.id).where(t.articles.c.id == article.id)).first() is not None
        if not exists:
            rows = article_rows(article, self.code_version, self.lexicon_version, self.run_id, utcnow())
            insert_rows(conn, t.articles, [rows.article])
            insert_rows(conn, t.removed_lines, rows.removed_lines)
            _write_analysis(conn, rows.analysis, rows.actors, rows.places)
            if link_near_duplicate(conn, article.id, article.title, article.text):
                self.counts["near_duplicate"] += 1
            self.counts["events"] += len(article.events)
        if doc is None:
            conn.execute(t.documents.insert().values(
                key=item.key, article_id=article.id, raw_hash=item.raw_hash, source=article.source,
                external_id=article.external_id, first_run_id=self.run_id, last_run_id=self.run_id))
            outcome = "stored" if not exists else "duplicate"
        else:
            conn.execute(update(t.documents).where(t.documents.c.key == item.key).values(
                article_id=article.id, raw_hash=item.raw_hash, source=article.source, last_run_id=self.run_id))
            if doc.article_id != article.id:
                self._drop_if_orphan(doc.article_id)
            outcome = "updated" if doc.article_id != article.id else "unchanged"
        conn.execute(delete(t.ingest_errors).where(t.ingest_errors.c.document == article.source))
        return outcome

    def finish(self) -> None:
        """End of the batch: merge the events written with the stored ones (rasd.store.dedupe)."""
        self.counts["merges"] += merge_pending(self.conn, self.run_id)

    def _drop_if_orphan(self, article_id: str) -> None:
        held = self.conn.execute(select(t.documents.c.key).where(t.documents.c.article_id == article_id)
                                 .limit(1)).first()
        if held is None:
            delete_article(self.conn, article_id)
