"""Saved alert filters: named EventFilters that `rasd watch` checks new events against.

The filter is stored as JSON of the EventFilter fields (``article_id`` excluded: an alert is
about new events anywhere), so the watcher rebuilds exactly the filter the user saved.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from datetime import datetime
from typing import Any, Optional

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from ..errors import StoreError
from . import schema as t
from .query import EventFilter
from .store import Store
from .writer import utcnow

FILTER_FIELDS = tuple(f.name for f in fields(EventFilter) if f.name != "article_id")
TUPLE_FIELDS = ("types", "statuses", "actors")


@dataclass
class SavedAlert:
    id: int
    name: str
    filter: EventFilter
    created_at: datetime


class AlertExists(StoreError):
    """An alert with this name is saved already."""


def filter_to_json(flt: EventFilter) -> dict[str, Any]:
    values = asdict(flt)
    return {k: list(values[k]) if k in TUPLE_FIELDS else values[k] for k in FILTER_FIELDS
            if values[k] not in (None, (), "", False)}


def filter_from_json(values: dict[str, Any]) -> EventFilter:
    known = {k: tuple(v) if k in TUPLE_FIELDS else v for k, v in values.items() if k in FILTER_FIELDS}
    return EventFilter(**known)


def _alert(row) -> SavedAlert:
    return SavedAlert(row["id"], row["name"], filter_from_json(row["filter"] or {}), row["created_at"])


def list_alerts(store: Store) -> list[SavedAlert]:
    with store.engine.connect() as conn:
        rows = conn.execute(select(t.saved_alerts).order_by(t.saved_alerts.c.id)).mappings().all()
    return [_alert(r) for r in rows]


def get_alert(store: Store, alert_id: int) -> Optional[SavedAlert]:
    with store.engine.connect() as conn:
        row = conn.execute(select(t.saved_alerts).where(t.saved_alerts.c.id == alert_id)).mappings().first()
    return _alert(row) if row else None


def create_alert(store: Store, name: str, flt: EventFilter) -> SavedAlert:
    """Save a named filter; AlertExists when the name is taken (names are how users refer to them)."""
    try:
        with store.begin() as conn:
            new_id = conn.execute(t.saved_alerts.insert().values(
                name=name, filter=filter_to_json(flt), created_at=utcnow())).inserted_primary_key[0]
    except IntegrityError as e:
        raise AlertExists(f"an alert named {name!r} exists already: delete it or choose another name") from e
    found = get_alert(store, new_id)
    assert found is not None
    return found


def delete_alert(store: Store, alert_id: int) -> bool:
    """True when an alert was deleted, False when none had this id."""
    with store.begin() as conn:
        return conn.execute(delete(t.saved_alerts).where(t.saved_alerts.c.id == alert_id)).rowcount > 0
