"""Newest-first pages (store.pages) equal the plain ordered query and a brute force, on both
databases, through every path: rare and common actors and words (the thresholds shrunk so a
small store has both), undated events, date ties, offsets, and the API's seq-descending order."""
from __future__ import annotations

import random
import time

import pytest

from rasd.model import Article, Event, EventDate, Location, Participant, Provenance, Sentence, Span, content_id
from rasd.normalize import normalize
from rasd.store import EventFilter, Store, pages, schema

ACTORS = [("قوات سوريا الديمقراطية", "Syrian Democratic Forces", "actor.sdf"),
          ("الجيش السوري", "Syrian Arab Army", "actor.syr_army"), ("روسيا", "Russia", "actor.rus"),
          ("تركيا", "Turkey", "actor.tur"), ("متظاهرون", "Protesters", None)]
WEIGHTS = [20, 8, 3, 1, 1]  # one popular actor, one rare
WORDS = ["قصف", "مدفعي", "اشتباكات", "مسيّرة", "حاجز", "الحسكة", "انفجار", "لغم", "مظاهرة", "إدلب"]
WORD_WEIGHTS = [30, 10, 8, 5, 4, 3, 2, 1, 1, 1]
TYPES = ["ASSAULT", "PROTEST", "COERCE"]


def _articles(n_articles: int = 40, per_article: int = 6) -> list[Article]:
    rng = random.Random(5)
    out = []
    for n in range(n_articles):
        text, sentences, events = "", [], []
        for i in range(per_article):
            actor, recipient = rng.choices(ACTORS, WEIGHTS, k=2)
            words = " ".join(rng.choices(WORDS, WORD_WEIGHTS, k=3))
            sentence = f"قالت مصادر إن {actor[0]} {words} ضد {recipient[0]}. "
            start = len(text)
            text += sentence
            sentences.append(Sentence(start, start + len(sentence), sentence, i))
            day = rng.choice([None, None] + list(range(1, 15)))  # undated events and many date ties
            date = EventDate(time.strftime("%Y-%m-%d", time.gmtime(1_672_531_200 + day * 86400)), "day") if day else None
            events.append(Event(
                id=f"e{i}", type=rng.choice(TYPES), mode=None, status="asserted",
                trigger=Span(start, start + 4, sentence[:4]), mentions=[Span(start, start + len(sentence), sentence)],
                actor=[Participant(actor[0], actor[1], actor[2])],
                recipient=[Participant(recipient[0], recipient[1], recipient[2])],
                location=Location("الحسكة", "الحسكة", "Al-Hasakah", 36.5, 40.7, "Al-Hasakah", None, 2),
                date=date, note_en="", provenance=Provenance(rules=["test"])))
        title = f"مقال {n}"
        out.append(Article(id=content_id(title, text), text=text, title=title, source=f"test:{n}",
                           sentences=sentences, events=events))
    return out


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def filled(request, tmp_path_factory):
    """One store per database for the whole module (the tests only read)."""
    if request.param == "sqlite":
        url = str(tmp_path_factory.mktemp("pages") / "pages.sqlite")
    else:
        url = request.getfixturevalue("pg_url")
    with Store.open(url) as store:
        if request.param == "postgresql":  # the session's database: empty it first
            with store.begin() as conn:
                conn.exec_driver_sql("TRUNCATE " + ", ".join(t.name for t in schema.metadata.sorted_tables)
                                     + " RESTART IDENTITY CASCADE")
        store.ingest_articles(_articles())
        yield store


@pytest.fixture(params=["small thresholds", "default thresholds"])
def thresholds(request, monkeypatch):
    if request.param == "small thresholds":  # walks and windows on a store of 240 events
        monkeypatch.setattr(pages, "ACTOR_WINDOW", 2)
        monkeypatch.setattr(pages, "ACTOR_WINDOW_MAX", 64)
        monkeypatch.setattr(pages, "TEXT_RARE", 6)
        monkeypatch.setattr(pages, "TEXT_COMMON", 30)
        monkeypatch.setattr(pages, "TEXT_WINDOW", 40)
    return request.param


FILTERS = [
    EventFilter(),
    EventFilter(types=("PROTEST",)),
    EventFilter(actor="actor.sdf"),  # popular
    EventFilter(actor="Turkey"),  # rare
    EventFilter(actor="متظاهرون"),  # no lexicon id: its Arabic text
    EventFilter(actor="actor.sdf", types=("COERCE",), date_from="2023-01-05", date_to="2023-01-10"),
    EventFilter(actor="actor.syr_army", text="قصف"),
    EventFilter(text="قصف"),  # common
    EventFilter(text="لغم"),  # rare
    EventFilter(text="مسيرة"),  # the stored text has a shadda: normalized away
    EventFilter(text="قصف", types=("ASSAULT",), date_from="2023-01-03", date_to="2023-01-12"),
    EventFilter(text="اشتباكات", actors=("actor.rus",)),
    EventFilter(text="no such words"),
    EventFilter(text="قص"),  # under three letters: no trigram index
]


def _expected_ids(store, flt: EventFilter) -> list[str]:
    """Brute force: every event, filtered in Python where it can be, ordered by (date desc,
    undated last, seq) through the plain unpaged query."""
    ordered = [s.id for s in store.events(flt)]  # no limit: the plain ordered query
    every = {s.id: s for s in store.events()}
    if flt.text:
        word = normalize(flt.text).casefold()
        brute = {i for i, s in every.items() if word in _text_of(store, i)}
        brute &= {s.id for s in store.events(EventFilter(**{**flt.__dict__, "text": None}))}
        assert set(ordered) == brute
    return ordered


def _text_of(store, event_id: str) -> str:
    t = schema
    with store.engine.connect() as conn:
        return conn.execute(t.events.select().with_only_columns(t.events.c.text_norm)
                            .where(t.events.c.id == event_id)).scalar()


@pytest.mark.parametrize("flt", FILTERS, ids=lambda f: repr({k: v for k, v in f.__dict__.items() if v}))
def test_pages_equal_the_ordered_query(filled, thresholds, flt):
    expected = _expected_ids(filled, flt)
    for limit, offset in ((1, 0), (5, 0), (7, 3), (10, 20), (300, 0)):
        got = [s.id for s in filled.events(flt, limit=limit, offset=offset)]
        assert got == expected[offset:offset + limit], (limit, offset)


def test_undated_events_come_last(filled, thresholds):
    events = list(filled.events(EventFilter(actor="actor.sdf"), limit=500))
    dated = [s.event.date.value for s in events if s.event.date]
    assert dated == sorted(dated, reverse=True)
    undated = [i for i, s in enumerate(events) if not s.event.date]
    assert undated and undated == list(range(len(dated), len(events)))


@pytest.mark.parametrize("flt", FILTERS[:9], ids=lambda f: repr({k: v for k, v in f.__dict__.items() if v}))
def test_api_pages_equal_the_ordered_query(filled, thresholds, flt):
    from sqlalchemy import select

    from rasd.api.queries import EventQuery, _order, _where, count_events, list_events
    from rasd.store import schema as t
    query = EventQuery(flt)
    with filled.engine.connect() as conn:  # the API's plain query: every match, -date order
        stmt = _order(select(t.events.c.id).where(_where(filled, query)), "-date", filled.dialect)
        expected = list(conn.execute(stmt).scalars())
    for limit, offset in ((3, 0), (8, 5), (500, 0)):
        page = list_events(filled, query, "-date", limit, offset, count_cap=50)
        assert [s.id for s in page.items] == expected[offset:offset + limit]
        if offset + limit > len(expected):  # the last page: counted exactly
            assert (page.total, page.total_exact) == (len(expected), True)
        else:
            assert page.total == min(len(expected), 50) and page.total_exact == (len(expected) < 50)
    assert count_events(filled, query) == len(expected)


def test_page_events_equal_the_streamed_ones(filled):
    """A page's events (children aggregated as JSON in one statement) are the same objects as
    the streamed query's (children read by separate queries)."""
    for flt in (EventFilter(), EventFilter(actor="actor.sdf"), EventFilter(text="قصف")):
        assert list(filled.events(flt, limit=30)) == list(filled.events(flt))[:30]


def test_one_migration_head():
    from alembic.script import ScriptDirectory

    from rasd.store.engine import MIGRATIONS
    assert len(ScriptDirectory(str(MIGRATIONS)).get_heads()) == 1
