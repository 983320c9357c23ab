"""PLOVER JSONL: one event per line, PLOVER's fields first, then rasd's evidence and provenance."""
from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any, Iterable, TextIO

from ..store import StoredEvent


def plover_record(stored: StoredEvent) -> dict[str, Any]:
    e = stored.event
    return {
        "id": stored.id,
        "event_type": e.type,
        "mode": e.mode,
        "context": list(e.acled.get("context", [])) if isinstance(e.acled.get("context"), list) else [],
        "status": e.status,
        "date": e.date.value if e.date else None,
        "date_precision": e.date.precision if e.date else None,
        "actor": [asdict(p) for p in e.actor],
        "recipient": [asdict(p) for p in e.recipient],
        "location": asdict(e.location) if e.location else None,
        "fatalities": e.fatalities,
        "injuries": e.injuries,
        "attributed_to": e.attributed_to,
        "quad_code": e.quad_code,
        "event_scale": e.event_scale,
        "note_en": e.note_en,
        "trigger": asdict(e.trigger),
        "mentions": [asdict(m) for m in e.mentions],
        "source": {"article_id": stored.article_id, "title": stored.article_title,
                   "source": stored.article_source, "outlet": stored.outlet, "published": stored.published},
        "n_sources": stored.n_sources,
        "cluster_id": stored.cluster_id,
        "acled": e.acled,
        "provenance": asdict(e.provenance),
        "coder_id": e.id,
    }


def write_jsonl(events: Iterable[StoredEvent], out: TextIO) -> int:
    n = 0
    for stored in events:
        out.write(json.dumps(plover_record(stored), ensure_ascii=False, sort_keys=False) + "\n")
        n += 1
    return n
