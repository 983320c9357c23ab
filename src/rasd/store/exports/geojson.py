"""GeoJSON FeatureCollection: a Point per located event (RFC 7946: [longitude, latitude]).

Events without coordinates are kept with a null geometry (valid GeoJSON), so the export holds
the same events as every other format.
"""
from __future__ import annotations

import json
from typing import Iterable, TextIO

from ..store import StoredEvent
from .acled_csv import acled_row


def feature(stored: StoredEvent) -> dict:
    e = stored.event
    loc = e.location
    geometry = None
    if loc and loc.lat is not None and loc.lon is not None:
        geometry = {"type": "Point", "coordinates": [loc.lon, loc.lat]}
    properties = {"id": stored.id, "plover_type": e.type, "mode": e.mode, "status": e.status,
                  "article_id": stored.article_id, **acled_row(stored)}
    return {"type": "Feature", "id": stored.id, "geometry": geometry, "properties": properties}


def write_geojson(events: Iterable[StoredEvent], out: TextIO) -> int:
    """Streams features one by one (the collection is never built in memory)."""
    out.write('{"type": "FeatureCollection", "features": [\n')
    n = 0
    for stored in events:
        out.write((",\n" if n else "") + json.dumps(feature(stored), ensure_ascii=False))
        n += 1
    out.write("\n]}\n")
    return n
