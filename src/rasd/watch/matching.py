"""New events against saved alert filters: each match becomes one outbox row per channel, in
the transaction that stored the events, so an alert is neither lost nor sent twice.

An event whose cluster (the same happening told by other articles) was already alerted for the
same filter is not alerted again: a second report of an attack is not a new attack.
"""
from __future__ import annotations

from typing import Optional, Sequence

from sqlalchemy import Connection, Select, func, or_, select

from ..normalize import normalize

from ..store import Store
from ..store import schema as t
from ..store.alerts import SavedAlert
from ..store.query import event_select
from ..store.rows import query_keys
from ..store.writer import utcnow


def _payload(alert: SavedAlert, row, people: list) -> dict:
    return {
        "alert": alert.name, "alert_id": alert.id, "event_id": row.id, "type": row.type, "mode": row.mode,
        "status": row.status, "date": row.event_date, "location": row.location_name_en or row.location_text,
        "admin1": row.admin1, "latitude": row.latitude, "longitude": row.longitude,
        "fatalities": row.fatalities, "note_en": row.note_en, "trigger": row.trigger_text,
        "actors": [p.name_en or p.text for p in people if p.role == "actor"],
        "recipients": [p.name_en or p.text for p in people if p.role == "recipient"],
        "article": {"id": row.article_id, "title": row.article_title, "source": row.article_source,
                    "outlet": row.article_outlet, "published": row.article_published},
        "n_sources": row.n_sources, "cluster_id": row.cluster_id,
    }


def _already_alerted(conn: Connection, alert_id: int, event_id: str, cluster_id: Optional[str]) -> bool:
    d, e = t.watch_deliveries, t.events
    members = [event_id]
    if cluster_id:
        members = list(conn.execute(select(e.c.id).where(e.c.cluster_id == cluster_id)).scalars())
    return conn.execute(select(d.c.id).where(d.c.alert_id == alert_id, d.c.event_id.in_(members))
                        .limit(1)).first() is not None


def _actor_keys(conn: Connection, name: str) -> list[str]:
    """Store.actor_keys on our own connection: inside the write transaction the actors just
    stored are visible, and SQLite's write lock is not waited on by a second connection."""
    keys = set(query_keys(name))
    keys.update(conn.execute(select(t.actors.c.id).where(or_(
        t.actors.c.name_norm == normalize(name), func.lower(t.actors.c.name_en) == name.casefold()))).scalars())
    return sorted(keys)


def _alert_select(store: Store, conn: Connection, alert: SavedAlert, has_text_index: bool) -> Select:
    flt = alert.filter
    keys = _actor_keys(conn, flt.actor) if flt.actor else []
    return event_select(flt, store.dialect, has_text_index, keys,
                        every_actor_keys=[_actor_keys(conn, a) for a in flt.actors])


def queue_alerts(store: Store, conn: Connection, alerts: Sequence[SavedAlert], article_ids: Sequence[str],
                 channels: Sequence[str], has_text_index: bool) -> int:
    """Outbox rows for the events of ``article_ids`` matching each alert; returns how many events.
    ``has_text_index``: Store.has_text_index, read before the transaction opened."""
    if not article_ids or not alerts or not channels:
        return 0
    matched = 0
    for alert in alerts:
        stmt = _alert_select(store, conn, alert, has_text_index).where(t.events.c.article_id.in_(list(article_ids))).order_by(None).order_by(t.events.c.id)
        for row in conn.execute(stmt).all():
            if _already_alerted(conn, alert.id, row.id, row.cluster_id):
                continue
            people = conn.execute(select(t.event_participants).where(t.event_participants.c.event_id == row.id)
                                  .order_by(t.event_participants.c.role, t.event_participants.c.idx)).all()
            payload = _payload(alert, row, people)
            conn.execute(t.watch_deliveries.insert(), [
                {"alert_id": alert.id, "event_id": row.id, "channel": channel, "payload": payload,
                 "status": "pending", "attempts": 0, "created_at": utcnow()} for channel in channels])
            matched += 1
    return matched
