"""ACLED's column layout, filled from a stored event (its ACLED crosswalk first, then its fields).

Column order as in ACLED's data exports and codebook (acledR's ``acled_codebook``).
"""
from __future__ import annotations

import csv
from datetime import timezone
from typing import Any, Iterable, TextIO

from ..store import StoredEvent
from .countries import country_of

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)
# ACLED time_precision: 1 = exact day, 2 = within a week or so, 3 = only the month (or year).
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
CIVILIANS = 7  # ACLED inter code for civilians


def _name(participant) -> str:
    return participant.name_en or participant.text


def _interaction(inter1: Any, inter2: Any) -> Any:
    """ACLED's numeric interaction: the two inter codes, smaller first; one actor: code * 10."""
    if inter1 and inter2:
        low, high = sorted((int(inter1), int(inter2)))
        return low * 10 + high
    if inter1 or inter2:
        return int(inter1 or inter2) * 10
    return None


def acled_row(stored: StoredEvent) -> dict[str, Any]:
    e = stored.event
    acled = e.acled or {}
    loc = e.location
    country = country_of(loc.pcode if loc else None, acled.get("country"))
    actor1 = e.actor[0] if e.actor else None
    actor2 = e.recipient[0] if e.recipient else None
    inter1 = acled.get("inter1", actor1.acled_type if actor1 else None)
    inter2 = acled.get("inter2", actor2.acled_type if actor2 else None)
    civilian = e.type == "ASSAULT" and any(p.acled_type == CIVILIANS for p in e.recipient)
    row = {
        "event_id_cnty": acled.get("event_id_cnty") or f"{country.iso3 if country else 'XXX'}-{stored.id}",
        "event_date": e.date.value if e.date else None,
        "year": int(e.date.value[:4]) if e.date else None,
        "time_precision": TIME_PRECISION.get(e.date.precision) if e.date else None,
        "disorder_type": acled.get("disorder_type"),
        "event_type": acled.get("event_type"),
        "sub_event_type": acled.get("sub_event_type"),
        "actor1": acled.get("actor1", _name(actor1) if actor1 else None),
        "assoc_actor_1": acled.get("assoc_actor_1", "; ".join(_name(p) for p in e.actor[1:]) or None),
        "inter1": inter1,
        "actor2": acled.get("actor2", _name(actor2) if actor2 else None),
        "assoc_actor_2": acled.get("assoc_actor_2", "; ".join(_name(p) for p in e.recipient[1:]) or None),
        "inter2": inter2,
        "interaction": acled.get("interaction", _interaction(inter1, inter2)),
        "civilian_targeting": acled.get("civilian_targeting", "Civilian targeting" if civilian else None),
        "iso": country.iso_numeric if country else None,
        "region": country.region if country else None,
        "country": country.name if country else None,
        "admin1": loc.admin1 if loc else None,
        "admin2": acled.get("admin2"),
        "admin3": acled.get("admin3"),
        "location": (loc.name_en or loc.name_ar or loc.text) if loc else None,
        "latitude": loc.lat if loc else None,
        "longitude": loc.lon if loc else None,
        "geo_precision": loc.precision if loc else None,
        "source": stored.outlet or stored.article_source,
        "source_scale": acled.get("source_scale", e.event_scale),
        "notes": e.note_en or None,
        "fatalities": e.fatalities if e.fatalities is not None else 0,
        "tags": acled.get("tags"),
        "timestamp": int(stored.updated_at.replace(tzinfo=timezone.utc).timestamp()) if stored.updated_at else None,
    }
    return row


def write_csv(events: Iterable[StoredEvent], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for stored in events:
        writer.writerow({k: ("" if v is None else v) for k, v in acled_row(stored).items()})
        n += 1
    return n
