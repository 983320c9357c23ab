"""Test stores for the API and dashboard tests: real articles through the pipeline, plus
constructed articles whose events are known exactly (dates, places, actors, spans), and one
hostile article (``<script>``, ``onerror=``) that must be shown as text.
"""
from __future__ import annotations

import json
import os
import uuid
from pathlib import Path

from rasd.ingest import read_sources
from rasd.model import (Article, DocumentError, Event, EventDate, Location, Mention, Participant, Provenance,
                        Sentence, Span, content_id)
from rasd.pipeline import Pipeline
from rasd.settings import Settings
from rasd.store import Store, schema

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared/data/corpus-dev/almayadeen_2023_2024_syria.jsonl"
TOKEN = "test-token-0123456789"
PG_SERVER = os.environ.get("RASD_TEST_PG", "postgresql://root@127.0.0.1:5432/postgres")
HOSTILE_TITLE = 'عنوان <img src=x onerror="window.__pwned=1">'
HOSTILE_BODY = ('هاجم مسلحون حاجزاً في درعا <script>window.__pwned=2</script> '
                'وقالت مصادر <img src=x onerror="window.__pwned=3"> إن الهجوم أوقع قتيلين.')


def corpus_records(n: int) -> list[dict]:
    """The first ``n`` Syria articles of the Al Mayadeen corpus-dev file."""
    with CORPUS.open(encoding="utf-8") as fh:
        return [json.loads(line) for _, line in zip(range(n), fh)]


def real_articles(tmp_dir: Path, n_corpus: int = 4) -> list[Article]:
    """samples/ and a few corpus-dev articles, analysed by the real pipeline."""
    corpus = tmp_dir / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in corpus_records(n_corpus)),
                      encoding="utf-8")
    pipeline = Pipeline(Settings())
    articles = [a for a in pipeline.pipe(read_sources([str(ROOT / "samples"), str(corpus)]))
                if not isinstance(a, DocumentError)]
    for a in articles:
        for s in a.sentences:
            s.tokens = []
    return articles


def _span(text: str, needle: str) -> Span:
    start = text.index(needle)
    return Span(start, start + len(needle), needle)


def _offsets(text: str, needle: str) -> dict[str, int]:
    span = _span(text, needle)
    return {"start": span.start, "end": span.end}


def constructed_article(title: str, text: str, published: str, events: list[dict], source: str) -> Article:
    """An article whose events are given: each dict names the trigger and sentence by their words."""
    article = Article(id=content_id(title, text), text=text, title=title, source=source,
                      outlet="Test Outlet", published=published, language="ar")
    article.sentences = [Sentence(0, len(text), text, 0)]
    for i, spec in enumerate(events):
        trigger = _span(text, spec["trigger"])
        support = _span(text, spec.get("sentence", text))
        actors = [Participant(text=a["text"], name_en=a["en"], id=a["id"], **_offsets(text, a["text"]))
                  for a in spec.get("actors", [])]
        recipients = [Participant(text=a["text"], name_en=a["en"], id=a["id"], **_offsets(text, a["text"]))
                      for a in spec.get("recipients", [])]
        place = spec.get("place")
        location = Location(text=place["text"], name_ar=place["ar"], name_en=place["en"], lat=place["lat"],
                            lon=place["lon"], admin1=place["admin1"], pcode=place.get("pcode"), precision=1) if place else None
        for p in actors + recipients:
            article.mentions.append(Mention("actor", p.start, p.end, p.text, entity_id=p.id, name_en=p.name_en,
                                            name_ar=p.text, sentence=0))
        if place:
            s = _span(text, place["text"])
            article.mentions.append(Mention("place", s.start, s.end, s.text, entity_id=f"place.test.{place['en']}",
                                            name_en=place["en"], name_ar=place["ar"], lat=place["lat"],
                                            lon=place["lon"], admin1=place["admin1"], pcode=place.get("pcode"),
                                            sentence=0))
        article.events.append(Event(
            id=f"e{i}", type=spec["type"], mode=spec.get("mode"), status=spec.get("status", "asserted"),
            trigger=trigger, mentions=[support], actor=actors, recipient=recipients, location=location,
            date=EventDate(spec["date"], "day", None) if spec.get("date") else None,
            fatalities=spec.get("fatalities"), attributed_to=spec.get("attributed_to"),
            note_en=spec.get("note", f"{spec['type']} event (constructed for tests)."),
            provenance=Provenance(rules=["test.constructed"])))
    return article


SDF = {"text": "قوات سوريا الديمقراطية", "en": "Syrian Democratic Forces", "id": "actor.sdf"}
ARMY = {"text": "الجيش السوري", "en": "Syrian Arab Army", "id": "actor.syr_army"}
PROTESTERS = {"text": "متظاهرون", "en": "Protesters", "id": "actor.protesters"}
HASAKAH = {"text": "الحسكة", "ar": "الحسكة", "en": "Al-Hasakah city", "lat": 36.5, "lon": 40.75,
           "admin1": "Al-Hasakah", "pcode": "C4564"}
SUWAYDA = {"text": "السويداء", "ar": "السويداء", "en": "As-Sweida city", "lat": 32.71, "lon": 36.57,
           "admin1": "As-Suwayda", "pcode": "C6306"}
DARAA = {"text": "درعا", "ar": "درعا", "en": "Daraa city", "lat": 32.62, "lon": 36.10, "admin1": "Daraa"}


def constructed_articles() -> list[Article]:
    assault_text = ("قصفت قوات سوريا الديمقراطية مواقع الجيش السوري في مدينة الحسكة فجر الثلاثاء، "
                    "ما أدى إلى مقتل ثلاثة عناصر بحسب المرصد السوري.")
    protest_text = "خرج متظاهرون في مدينة السويداء للمطالبة بالإفراج عن المعتقلين."
    return [
        constructed_article("قصف في الحسكة", assault_text, "2024-03-05", [{
            "type": "ASSAULT", "mode": "artillery", "trigger": "قصفت", "actors": [SDF], "recipients": [ARMY],
            "place": HASAKAH, "date": "2024-03-05", "fatalities": 3, "attributed_to": "المرصد السوري",
            "note": "SDF shelled Syrian army positions in Al-Hasakah; 3 killed."}], "constructed:assault"),
        constructed_article("مظاهرة في السويداء", protest_text, "2024-04-10", [{
            "type": "PROTEST", "mode": "demonstrate", "trigger": "خرج متظاهرون", "actors": [PROTESTERS],
            "place": SUWAYDA, "date": "2024-04-10", "note": "Protesters demonstrated in As-Sweida."}],
            "constructed:protest"),
        constructed_article(HOSTILE_TITLE, HOSTILE_BODY, "2024-05-01", [{
            "type": "ASSAULT", "trigger": "هاجم", "place": DARAA, "date": "2024-05-01", "fatalities": 2,
            "note": "Gunmen attacked a checkpoint in Daraa <b>bold</b>."}], "constructed:hostile"),
    ]


def fill_store(store: Store, articles: list[Article]) -> None:
    store.ingest_articles(articles)


# ---- PostgreSQL: a database per test session (same approach as tests/store) ---------------

def pg_admin():
    import psycopg
    return psycopg.connect(PG_SERVER, autocommit=True, connect_timeout=3)


def create_pg_database() -> tuple[str, str]:
    name = f"rasd_api_test_{uuid.uuid4().hex[:10]}"
    with pg_admin() as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    return name, f"{PG_SERVER.rsplit('/', 1)[0]}/{name}"


def drop_pg_database(name: str) -> None:
    with pg_admin() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def empty_tables(store: Store) -> None:
    with store.begin() as conn:
        names = ", ".join(t.name for t in schema.metadata.sorted_tables)
        conn.exec_driver_sql(f"TRUNCATE {names} RESTART IDENTITY CASCADE")
