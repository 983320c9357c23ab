"""Events built from the hand-annotated gold articles in ../shared/data/gold-dev (real Arabic spans).

``GoldEvents`` is a pipeline stage that attaches an article's gold events, so tests exercise
the real ingest path with events until the event coder lands; ``gold_pipeline`` builds the
pipeline (module-level, so worker processes can build it too).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

from rasd.model import Article, Event, EventDate, Location, Participant, Provenance, Span
from rasd.pipeline import Pipeline, Segmenter
from rasd.settings import Settings

GOLD = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "gold-dev"
# Real P-codes of the governorates the gold admin1 names refer to (OCHA Syria / Iraq).
PCODES = {"Al-Hasakah": "SY08", "Deir ez-Zor": "SY09", "Aleppo": "SY02", "Homs": "SY04", "Idlib": "SY07",
          "Raqqa": "SY11", "Damascus": "SY01", "Rif Dimashq": "SY03", "Daraa": "SY12", "Nineveh": "IQ06"}
INTER = {"civilians": 7}


def gold_documents() -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD.glob("*.json"))]


def _span(text: str, needle: Optional[str], near: int = 0) -> Optional[tuple[int, int]]:
    if not needle:
        return None
    at = text.find(needle, near)
    if at < 0:
        at = text.find(needle)
    return (at, at + len(needle)) if at >= 0 else None


def _participant(text: str, gold: dict, near: int) -> Participant:
    span = _span(text, gold["text"], near)
    name = gold.get("name_en")
    return Participant(text=gold["text"], name_en=name, id=f"actor.{name.lower().replace(' ', '_')}" if name else None,
                       acled_type=INTER.get(name), start=span[0] if span else None, end=span[1] if span else None)


def gold_events(article: Article, gold: dict) -> list[Event]:
    events = []
    for i, g in enumerate(gold["events"]):
        evidence = _span(article.text, g.get("evidence"))
        trigger = _span(article.text, g["trigger"], evidence[0] if evidence else 0)
        if trigger is None:
            continue
        loc = g.get("location")
        location = None
        if loc:
            admin1 = loc.get("admin1")
            location = Location(text=loc["text"], name_ar=loc["text"], name_en=loc.get("name_en"), lat=loc.get("lat"),
                                lon=loc.get("lon"), admin1=admin1, pcode=PCODES.get(admin1),
                                precision=1 if loc.get("lat") is not None else 3)
        date = EventDate(g["date"]["value"], g["date"]["precision"], None) if g.get("date") else None
        mentions = [Span(evidence[0], evidence[1], article.text[evidence[0]:evidence[1]])] if evidence else []
        events.append(Event(
            id=f"e{i}", type=g["type"], mode=g.get("mode"), status=g["status"],
            trigger=Span(trigger[0], trigger[1], article.text[trigger[0]:trigger[1]]), mentions=mentions,
            actor=[_participant(article.text, p, trigger[0]) for p in g.get("actor") or []],
            recipient=[_participant(article.text, p, trigger[0]) for p in g.get("recipient") or []],
            location=location, date=date, fatalities=g.get("fatalities"), injuries=g.get("injuries"),
            attributed_to=g.get("attributed_to"),
            acled={"event_type": "Battles"} if g["type"] == "ASSAULT" else {},
            quad_code=4 if g["type"] in ("ASSAULT", "COERCE", "PROTEST", "SANCTION", "MOBILIZE") else 1,
            note_en=f"{g['type']} reported by {gold.get('outlet') or 'the outlet'}",
            provenance=Provenance(rules=["gold"], lexicon_entries=[], sentences=[])))
    return events


class GoldEvents:
    """Pipeline stage: the gold events of the article with the same id."""

    def __init__(self, settings: Settings):
        self.by_id = {d["id"]: d for d in gold_documents()}

    def __call__(self, article: Article) -> Article:
        gold = self.by_id.get(article.external_id or "")
        if gold is not None:
            article.events = gold_events(article, gold)
        return article


def gold_pipeline(settings: Settings) -> Pipeline:
    # Segmentation only, then the gold events: fast, and independent of the coder's progress.
    return Pipeline(settings, stages=[Segmenter(settings), GoldEvents(settings)])


def write_gold_jsonl(path: Path, limit: Optional[int] = None) -> list[dict]:
    docs = gold_documents()[:limit]
    with path.open("w", encoding="utf-8") as fh:
        for d in docs:
            fh.write(json.dumps({"id": d["id"], "title": d["title"], "text": d["text"], "outlet": d["outlet"],
                                 "published": d["published"]}, ensure_ascii=False) + "\n")
    return docs
