"""Analysed articles as Parquet rows and back: one file each for articles, mentions and events
per partition. Typed columns for what analysts filter on; nested parts (removed lines,
sentences, an event's participants and spans) as JSON text, so a row round-trips exactly.

A fourth file, ``prepared``, holds what the database loader writes: each document's table rows,
MinHash signature and merge members (rasd.store.writer.Prepared), worked out on the worker and
pickled, so the client only inserts. It is only read back by the code version that wrote it
(the default staging folder is per code and lexicon version)."""
from __future__ import annotations

import json
import pickle
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any, Iterable, Optional, Union

import pyarrow as pa
import pyarrow.parquet as pq

from ..model import (Article, DocumentError, Event, EventDate, Location, Mention, Participant, Provenance,
                     RemovedLine, Sentence, Span)

TABLES = ("articles", "mentions", "events", "prepared")
ARTICLE_SCHEMA = pa.schema([
    ("seq", pa.int64()), ("key", pa.string()), ("raw_hash", pa.string()),
    ("error_source", pa.string()), ("error_reason", pa.string()), ("error_detail", pa.string()),
    ("id", pa.string()), ("source", pa.string()), ("external_id", pa.string()), ("outlet", pa.string()),
    ("correspondent", pa.string()), ("published", pa.string()), ("category", pa.string()),
    ("exclusive", pa.bool_()), ("language", pa.string()), ("title", pa.string()), ("text", pa.string()),
    ("warnings", pa.string()), ("removed", pa.string()), ("sentences", pa.string()),
])
_MENTION_TYPES = {"start": pa.int64(), "end": pa.int64(), "acled_type": pa.int64(), "lat": pa.float64(),
                  "lon": pa.float64(), "precision": pa.int64(), "sentence": pa.int64()}
MENTION_SCHEMA = pa.schema([("seq", pa.int64()), ("article_id", pa.string()), ("idx", pa.int64())]
                           + [(f.name, _MENTION_TYPES.get(f.name, pa.string())) for f in fields(Mention)])
EVENT_SCHEMA = pa.schema([
    ("seq", pa.int64()), ("article_id", pa.string()), ("idx", pa.int64()), ("id", pa.string()), ("type", pa.string()),
    ("status", pa.string()), ("event_date", pa.string()), ("admin1", pa.string()),
    ("latitude", pa.float64()), ("longitude", pa.float64()), ("fatalities", pa.int64()), ("event", pa.string()),
])


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def partition_rows(results: Iterable[tuple[Optional[str], Optional[str], Union[Article, DocumentError]]]
                   ) -> dict[str, list[dict]]:
    """Rows of the article tables for (document key, raw hash, result) in corpus order."""
    rows: dict[str, list[dict]] = {name: [] for name in TABLES if name != "prepared"}
    for seq, (key, digest, result) in enumerate(results):
        if isinstance(result, DocumentError):
            rows["articles"].append({"seq": seq, "key": key, "raw_hash": digest, "error_source": result.source,
                                     "error_reason": result.reason, "error_detail": result.detail})
            continue
        a = result
        rows["articles"].append({
            "seq": seq, "key": key, "raw_hash": digest, "id": a.id, "source": a.source,
            "external_id": a.external_id, "outlet": a.outlet, "correspondent": a.correspondent,
            "published": a.published, "category": a.category, "exclusive": a.exclusive, "language": a.language,
            "title": a.title, "text": a.text, "warnings": _json(a.warnings),
            "removed": _json([asdict(r) for r in a.removed]),
            "sentences": _json([[s.start, s.end, s.paragraph] for s in a.sentences])})
        rows["mentions"] += [{"seq": seq, "article_id": a.id, "idx": i, **asdict(m)} for i, m in enumerate(a.mentions)]
        for i, e in enumerate(a.events):
            loc = e.location
            rows["events"].append({
                "seq": seq, "article_id": a.id, "idx": i, "id": e.id, "type": e.type, "status": e.status,
                "event_date": e.date.value if e.date else None, "admin1": loc.admin1 if loc else None,
                "latitude": loc.lat if loc else None, "longitude": loc.lon if loc else None,
                "fatalities": e.fatalities, "event": _json(asdict(e))})
    return rows


PREPARED_SCHEMA = pa.schema([("seq", pa.int64()), ("prepared", pa.binary())])
SCHEMAS = {"articles": ARTICLE_SCHEMA, "mentions": MENTION_SCHEMA, "events": EVENT_SCHEMA,
           "prepared": PREPARED_SCHEMA}


def read_prepared(folder: Path, name: str) -> list:
    """The partition's Prepared and Failed documents (rasd.store.writer), in corpus order."""
    rows = pq.read_table(folder / "prepared" / f"{name}.parquet").to_pylist()
    return [pickle.loads(r["prepared"]) for r in sorted(rows, key=lambda r: r["seq"])]


def write_partition(rows: dict[str, list[dict]], folder: Path, name: str) -> None:
    """Write the partition's files; each appears under its final name only when complete."""
    folder.mkdir(parents=True, exist_ok=True)
    for table in TABLES:
        final = folder / table / f"{name}.parquet"
        final.parent.mkdir(exist_ok=True)
        partial = final.with_suffix(".parquet.partial")
        pq.write_table(pa.Table.from_pylist(rows[table], schema=SCHEMAS[table]), partial)
        partial.replace(final)


def partition_complete(folder: Path, name: str) -> bool:
    return all((folder / table / f"{name}.parquet").exists() for table in TABLES)


def _event(data: dict) -> Event:
    def span(d: dict) -> Span:
        return Span(**d)
    return Event(**{**data, "trigger": span(data["trigger"]), "mentions": [span(s) for s in data["mentions"]],
                    "actor": [Participant(**p) for p in data["actor"]],
                    "recipient": [Participant(**p) for p in data["recipient"]],
                    "location": Location(**data["location"]) if data["location"] else None,
                    "date": EventDate(**data["date"]) if data["date"] else None,
                    "provenance": Provenance(**data["provenance"])})


def read_partition(folder: Path, name: str) -> list[tuple[Optional[str], Optional[str], Union[Article, DocumentError]]]:
    """(document key, raw hash, Article or DocumentError) in corpus order, as the worker wrote them."""
    tables = {t: pq.read_table(folder / t / f"{name}.parquet").to_pylist() for t in TABLES if t != "prepared"}
    # Grouped by the document's position (two documents may hold the same article).
    mentions: dict[int, list[Mention]] = {}
    for m in sorted(tables["mentions"], key=lambda r: (r["seq"], r["idx"])):
        seq = m.pop("seq")
        m.pop("article_id")
        m.pop("idx")
        mentions.setdefault(seq, []).append(Mention(**m))
    events: dict[int, list[Event]] = {}
    for e in sorted(tables["events"], key=lambda r: (r["seq"], r["idx"])):
        events.setdefault(e["seq"], []).append(_event(json.loads(e["event"])))
    out = []
    for r in sorted(tables["articles"], key=lambda r: r["seq"]):
        if r["error_reason"] is not None:
            out.append((r["key"], r["raw_hash"], DocumentError(r["error_source"], r["error_reason"],
                                                               r["error_detail"] or "")))
            continue
        text = r["text"]
        article = Article(
            id=r["id"], text=text, title=r["title"], source=r["source"], external_id=r["external_id"],
            outlet=r["outlet"], correspondent=r["correspondent"], published=r["published"],
            category=r["category"], exclusive=bool(r["exclusive"]), language=r["language"],
            removed=[RemovedLine(**x) for x in json.loads(r["removed"])], warnings=json.loads(r["warnings"]),
            sentences=[Sentence(start, end, text[start:end], paragraph)
                       for start, end, paragraph in json.loads(r["sentences"])],
            mentions=mentions.get(r["seq"], []), events=events.get(r["seq"], []))
        out.append((r["key"], r["raw_hash"], article))
    return out
