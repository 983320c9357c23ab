"""Watch state in the store: what each source answered last (validators for conditional
requests, when it was polled), which links were seen, and the alert outbox."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Iterable, Optional

from sqlalchemy import Connection, select, update
from sqlalchemy.dialects import postgresql, sqlite

from ..store import Store
from ..store import schema as t
from ..store.writer import utcnow


@dataclass
class SourceState:
    url: str
    etag: Optional[str] = None
    last_modified: Optional[str] = None
    checked_at: Optional[datetime] = None


def _upsert(conn: Connection, table, row: dict, keys: list[str]) -> None:
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    stmt = dialect.insert(table).values(**row)
    conn.execute(stmt.on_conflict_do_update(index_elements=keys,
                                            set_={k: v for k, v in row.items() if k not in keys}))


def source_state(store: Store, url: str) -> SourceState:
    with store.engine.connect() as conn:
        row = conn.execute(select(t.watch_sources).where(t.watch_sources.c.url == url)).mappings().first()
    return SourceState(url, row["etag"], row["last_modified"], row["checked_at"]) if row else SourceState(url)


def record_poll(conn: Connection, url: str, status: Optional[int], etag: Optional[str] = None,
                last_modified: Optional[str] = None, error: Optional[str] = None) -> None:
    _upsert(conn, t.watch_sources, {"url": url, "etag": etag, "last_modified": last_modified,
                                    "checked_at": utcnow(), "status": status, "error": error}, ["url"])


def unseen(store: Store, urls: Iterable[str]) -> list[str]:
    """The URLs not fetched before, in their order (duplicates dropped)."""
    urls = list(dict.fromkeys(urls))
    seen: set[str] = set()
    with store.engine.connect() as conn:
        for i in range(0, len(urls), 500):
            chunk = urls[i:i + 500]
            seen.update(conn.execute(select(t.watch_links.c.url).where(t.watch_links.c.url.in_(chunk))).scalars())
    return [u for u in urls if u not in seen]


def record_link(conn: Connection, url: str, source_url: str, outcome: str, article_id: Optional[str]) -> None:
    _upsert(conn, t.watch_links, {"url": url, "source_url": source_url, "seen_at": utcnow(), "outcome": outcome,
                                  "article_id": article_id}, ["url"])


@dataclass
class Delivery:
    id: int
    alert_id: int
    event_id: str
    channel: str
    payload: dict
    attempts: int


def pending_deliveries(store: Store) -> list[Delivery]:
    d = t.watch_deliveries
    with store.engine.connect() as conn:
        rows = conn.execute(select(d).where(d.c.status == "pending").order_by(d.c.id)).mappings().all()
    return [Delivery(r["id"], r["alert_id"], r["event_id"], r["channel"], r["payload"], r["attempts"]) for r in rows]


def mark_delivery(store: Store, delivery_id: int, sent: bool, error: Optional[str] = None) -> None:
    d = t.watch_deliveries
    with store.begin() as conn:
        values = {"attempts": d.c.attempts + 1, "last_error": error}
        if sent:
            values.update(status="sent", sent_at=utcnow())
        conn.execute(update(d).where(d.c.id == delivery_id).values(**values))
