"""Conversion between the data model (rasd.model) and table rows, both ways.

``article_rows`` flattens one analysed Article into the rows of every table; ``article_from_rows``
and ``event_from_rows`` rebuild the dataclasses, so what is read back equals what was stored.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from datetime import datetime
from typing import Any, Iterable, Mapping, Optional

from sqlalchemy import JSON

from ..model import (Article, Event, EventDate, Location, Mention, Participant, Provenance,
                     RemovedLine, Sentence, Span, content_id)
from ..normalize import normalize
from . import schema as t
from .engine import JsonText, json_text

Row = dict[str, Any]
MENTION_COLUMNS = frozenset(t.mentions.c.keys())
TABLE_COLUMNS = {table.name: frozenset(table.c.keys()) for table in t.metadata.sorted_tables}
EVENT_FIELDS_STORED = frozenset({"id", "type", "mode", "status", "trigger", "mentions", "actor", "recipient",
                                 "location", "date", "fatalities", "injuries", "attributed_to", "acled",
                                 "quad_code", "event_scale", "note_en", "provenance"})


def _split_extra(values: dict[str, Any], columns: frozenset[str]) -> dict[str, Any]:
    """Fields with a column stay; any other (newer model fields) go to the ``extra`` JSON."""
    row = {k: v for k, v in values.items() if k in columns}
    extra = {k: v for k, v in values.items() if k not in columns}
    row["extra"] = extra or None
    return row


_SCALARS = (str, int, float, bool, type(None))


def _flat(obj: Any) -> dict[str, Any]:
    """``asdict`` of a flat dataclass without its deep copy (15x cheaper on mentions); any
    nested value falls back to ``asdict``."""
    values = dict(obj.__dict__)
    return values if all(type(v) in _SCALARS for v in values.values()) else asdict(obj)


JSON_COLUMNS = {table.name: tuple(c.name for c in table.c if isinstance(c.type, JSON))
                for table in t.metadata.sorted_tables}


def serialize_json(table_name: str, rows: list[Row]) -> list[Row]:
    """The rows with their JSON columns' values encoded now (``JsonText``, stored as given): an
    ingest worker does this, not the writer. None stays None (SQL NULL where the column says so)."""
    for name in JSON_COLUMNS[table_name]:
        for row in rows:
            value = row.get(name)
            if value is not None and type(value) is not JsonText:
                row[name] = JsonText(json_text(value))
    return rows


def table_rows(table_name: str, rows: list[Row]) -> list[Row]:
    """Keep the keys the table has (the data model may grow optional fields first)."""
    names = TABLE_COLUMNS[table_name]
    return [row if row.keys() <= names else {k: v for k, v in row.items() if k in names} for row in rows]


def _known_fields(cls, values: Mapping[str, Any]) -> dict[str, Any]:
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in values.items() if k in names}


def store_event_id(article_id: str, coder_id: str) -> str:
    """Coder ids are only unique within an article; the stored id is unique in the store."""
    return content_id(article_id, coder_id)


def actor_key(participant: Participant) -> str:
    """The key actor filters match: lexicon id, else English name, else normalized Arabic."""
    if participant.id:
        return participant.id
    if participant.name_en:
        return participant.name_en.casefold()
    return normalize(participant.text)


def query_keys(actor: str) -> list[str]:
    """The keys a user's actor filter may mean (an id, an English or an Arabic name)."""
    return sorted({actor, actor.casefold(), normalize(actor)})


def place_key(text: Optional[str]) -> Optional[str]:
    return normalize(text).casefold() if text else None


@dataclass
class ArticleRows:
    """Every row one analysed article puts into the store."""
    article: Row
    removed_lines: list[Row] = field(default_factory=list)
    analysis: dict[str, list[Row]] = field(default_factory=dict)  # table name -> rows
    actors: list[Row] = field(default_factory=list)
    places: list[Row] = field(default_factory=list)


def _supporting_text(article: Article, event: Event) -> str:
    """Normalized text of the sentences holding the event's spans, its participants and note."""
    spans = [event.trigger, *event.mentions]
    body_spans = [s for s in spans if s.field == "text"]
    parts: list[str] = []
    for sentence in article.sentences:
        if any(s.start < sentence.end and sentence.start < s.end for s in body_spans):
            parts.append(sentence.text)
    if not parts:
        parts = [s.text for s in spans]
    parts += [p.text for p in (*event.actor, *event.recipient)]
    if event.location:
        parts.append(event.location.text)
    if event.attributed_to:
        parts.append(event.attributed_to)
    text = normalize(" | ".join(parts))
    return f"{text} | {event.note_en.casefold()}" if event.note_en else text


def analysis_rows(article: Article, code_version: str, lexicon_version: str,
                  run_id: Optional[int]) -> tuple[dict[str, list[Row]], list[Row], list[Row]]:
    """Rows of sentences, mentions and events (with participants and spans); actors; places."""
    aid = article.id
    sentence_rows = [{"article_id": aid, "idx": i, "start": s.start, "end": s.end, "paragraph": s.paragraph}
                     for i, s in enumerate(article.sentences)]
    mention_rows = [{"article_id": aid, "idx": i, **_split_extra(_flat(m), MENTION_COLUMNS)}
                    for i, m in enumerate(article.mentions)]
    actors: dict[str, Row] = {}
    places: dict[str, Row] = {}
    for m in article.mentions:
        if m.entity_id and m.kind == "actor":
            actors[m.entity_id] = {"id": m.entity_id, "name_en": m.name_en, "name_ar": m.name_ar,
                                   "name_norm": normalize(m.name_ar) if m.name_ar else None,
                                   "country": m.country, "sector": m.sector, "acled_type": m.acled_type}
        elif m.entity_id and m.kind == "place":
            places[m.entity_id] = {"id": m.entity_id, "name_en": m.name_en, "name_ar": m.name_ar,
                                   "name_norm": normalize(m.name_ar) if m.name_ar else None,
                                   "lat": m.lat, "lon": m.lon, "admin1": m.admin1, "pcode": m.pcode,
                                   "precision": m.precision}
    event_rows, participant_rows, span_rows = [], [], []
    for e in article.events:
        eid = store_event_id(aid, e.id)
        event_rows.append(event_row(article, e, eid, code_version, lexicon_version, run_id))
        for role, people in (("actor", e.actor), ("recipient", e.recipient)):
            for i, p in enumerate(people):
                participant_rows.append({"event_id": eid, "role": role, "idx": i, **_flat(p),
                                         "actor_id": p.id, "actor_key": actor_key(p),
                                         "text_norm": normalize(p.text),
                                         "event_date": e.date.value if e.date else None})
                participant_rows[-1].pop("id")
                if p.id and p.id not in actors:
                    actors[p.id] = {"id": p.id, "name_en": p.name_en, "name_ar": None, "name_norm": None,
                                    "country": p.country, "sector": p.sector, "acled_type": p.acled_type}
        for i, (kind, span) in enumerate([("trigger", e.trigger)] + [("support", s) for s in e.mentions]):
            span_rows.append({"event_id": eid, "idx": i, "article_id": aid, "kind": kind, "start": span.start,
                              "end": span.end, "text": span.text, "field": span.field})
    analysis = {"sentences": sentence_rows, "mentions": mention_rows, "events": event_rows,
                "event_participants": table_rows("event_participants", participant_rows),
                "event_mentions": span_rows}
    return analysis, sorted(actors.values(), key=lambda r: r["id"]), sorted(places.values(), key=lambda r: r["id"])


def event_row(article: Article, e: Event, eid: str, code_version: str, lexicon_version: str,
              run_id: Optional[int]) -> Row:
    loc = e.location
    acled = e.acled or {}
    return {
        "id": eid, "coder_id": e.id, "article_id": article.id, "type": e.type, "mode": e.mode,
        "status": e.status, "trigger_start": e.trigger.start, "trigger_end": e.trigger.end,
        "trigger_text": e.trigger.text, "trigger_field": e.trigger.field,
        "location_text": loc.text if loc else None, "location_name_ar": loc.name_ar if loc else None,
        "location_name_en": loc.name_en if loc else None,
        "location_norm": place_key(loc.name_ar or loc.text) if loc else None,
        "latitude": loc.lat if loc else None, "longitude": loc.lon if loc else None,
        "admin1": loc.admin1 if loc else None, "admin1_key": place_key(loc.admin1) if loc else None,
        "pcode": loc.pcode if loc else None, "geo_precision": loc.precision if loc else None,
        "event_date": e.date.value if e.date else None, "date_precision": e.date.precision if e.date else None,
        "date_text": e.date.text if e.date else None, "fatalities": e.fatalities, "injuries": e.injuries,
        "attributed_to": e.attributed_to, "acled": acled, "quad_code": e.quad_code,
        "event_scale": e.event_scale, "note_en": e.note_en, "provenance": asdict(e.provenance),
        "code_version": e.provenance.code_version or code_version,
        "lexicon_version": e.provenance.lexicon_version or lexicon_version,
        "text_norm": _supporting_text(article, e), "n_sources": 1, "run_id": run_id,
        "extra": {f.name: _plain(getattr(e, f.name)) for f in fields(Event) if f.name not in EVENT_FIELDS_STORED} or None,
    }


def _plain(value: Any) -> Any:
    return asdict(value) if hasattr(value, "__dataclass_fields__") else value


def article_rows(article: Article, code_version: str, lexicon_version: str, run_id: Optional[int],
                 now: datetime) -> ArticleRows:
    analysis, actor_rows, place_rows = analysis_rows(article, code_version, lexicon_version, run_id)
    row = {
        "id": article.id, "source": article.source, "external_id": article.external_id,
        "outlet": article.outlet, "correspondent": article.correspondent, "published": article.published,
        "category": article.category, "exclusive": article.exclusive, "language": article.language,
        "title": article.title, "text": article.text,
        "text_norm": normalize(f"{article.title or ''}\n{article.text}"),
        "meta": {"warnings": list(article.warnings)}, "code_version": code_version,
        "lexicon_version": lexicon_version, "run_id": run_id, "stored_at": now, "updated_at": now,
    }
    removed = [{"article_id": article.id, "idx": i, "line_no": r.line_no, "reason": r.reason, "text": r.text}
               for i, r in enumerate(article.removed)]
    return ArticleRows(row, removed, analysis, actor_rows, place_rows)


# ---- rows -> model -------------------------------------------------------------------------

def _participant(row: Mapping[str, Any]) -> Participant:
    return Participant(text=row["text"], name_en=row["name_en"], id=row["actor_id"], country=row["country"],
                       sector=row["sector"], acled_type=row["acled_type"], start=row["start"], end=row["end"])


def event_from_rows(row: Mapping[str, Any], participants: Iterable[Mapping[str, Any]],
                    spans: Iterable[Mapping[str, Any]]) -> Event:
    people = sorted(participants, key=lambda p: (p["role"], p["idx"]))
    support = [Span(s["start"], s["end"], s["text"], s["field"])
               for s in sorted(spans, key=lambda s: s["idx"]) if s["kind"] == "support"]
    location = None
    if row["location_text"] is not None:
        location = Location(text=row["location_text"], name_ar=row["location_name_ar"],
                            name_en=row["location_name_en"], lat=row["latitude"], lon=row["longitude"],
                            admin1=row["admin1"], pcode=row["pcode"], precision=row["geo_precision"])
    date = None
    if row["event_date"] is not None:
        date = EventDate(value=row["event_date"], precision=row["date_precision"], text=row["date_text"])
    prov = row["provenance"] or {}
    return Event(
        id=row["coder_id"], type=row["type"], mode=row["mode"], status=row["status"],
        trigger=Span(row["trigger_start"], row["trigger_end"], row["trigger_text"], row["trigger_field"]),
        mentions=support,
        actor=[_participant(p) for p in people if p["role"] == "actor"],
        recipient=[_participant(p) for p in people if p["role"] == "recipient"],
        location=location, date=date, fatalities=row["fatalities"], injuries=row["injuries"],
        attributed_to=row["attributed_to"], acled=dict(row["acled"] or {}), quad_code=row["quad_code"],
        event_scale=row["event_scale"], note_en=row["note_en"],
        provenance=Provenance(**_known_fields(Provenance, prov)) if prov else Provenance(),
        **_known_fields(Event, row["extra"] or {}),
    )


def article_from_rows(row: Mapping[str, Any], removed: Iterable[Mapping[str, Any]],
                      sentence_rows: Iterable[Mapping[str, Any]] = (),
                      mention_rows: Iterable[Mapping[str, Any]] = (),
                      events: Iterable[Event] = ()) -> Article:
    text = row["text"]
    meta = row["meta"] or {}
    return Article(
        id=row["id"], text=text, title=row["title"], source=row["source"], external_id=row["external_id"],
        outlet=row["outlet"], correspondent=row["correspondent"], published=row["published"],
        category=row["category"], exclusive=bool(row["exclusive"]), language=row["language"],
        removed=[RemovedLine(text=r["text"], reason=r["reason"], line_no=r["line_no"])
                 for r in sorted(removed, key=lambda r: r["idx"])],
        warnings=list(meta.get("warnings", [])),
        sentences=[Sentence(start=s["start"], end=s["end"], text=text[s["start"]:s["end"]], paragraph=s["paragraph"])
                   for s in sorted(sentence_rows, key=lambda s: s["idx"])],
        mentions=[Mention(**_known_fields(Mention, {**m, **(m["extra"] or {})}))
                  for m in sorted(mention_rows, key=lambda m: m["idx"])],
        events=list(events),
    )
