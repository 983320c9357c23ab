"""Actor recognition: the seed article, composition, validity by date, partisan names, gold-dev recall."""
from __future__ import annotations

import inspect
import json
from pathlib import Path

import pytest

from rasd.lexicon.lint import lint
from rasd.normalize import normalize
from rasd.pipeline import Pipeline, Segmenter, default_stages
from rasd.model import RawDocument
from rasd.recognize.actors import ActorRecognizer, actor_lexicon
from rasd.recognize.persons import PersonRecognizer
from rasd.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "samples" / "000_975059ba0d7fe3b3.txt"
GOLD = ROOT.parent / "shared" / "data" / "gold-dev"
SECTORS = {"GOV", "MIL", "COP", "SPY", "LEG", "JUD", "PARTY", "REB", "MILITIA", "IGO", "NGO", "MEDIA",
           "CVL", "PRO", "REF", "REL"}


@pytest.fixture(scope="module")
def recognizer() -> ActorRecognizer:
    return ActorRecognizer(Settings())


def found(recognizer, text, published=None):
    return [(m.text, m.entity_id) for m in recognizer.recognize(text, published)]


def lineage(actor_id):
    return actor_lexicon().ancestors(actor_id)


def test_lexicons_lint_clean_and_complete():
    mine = ("/actors/", "/agents/", "/demonyms/", "/persons/")
    problems = [str(p) for p in lint() if any(k in p.file for k in mine)]
    assert problems == []
    lex = actor_lexicon()
    assert len(lex.actors) >= 300
    for record in lex.actors.values():
        assert record.sector in SECTORS, record.id
        assert record.acled_type in range(1, 9), record.id


def test_seed_article(recognizer):
    text = SEED.read_text(encoding="utf-8")
    mentions = recognizer.recognize(text, None)
    by_text = {}
    for m in mentions:
        by_text.setdefault(normalize(m.text), set()).add(m.entity_id)
    assert by_text[normalize("قسد")] == {"actor.sdf"}
    assert by_text[normalize("قوات قسد")] == {"actor.sdf"}
    assert by_text[normalize("قوات “قسد”")] == {"actor.sdf"}
    assert by_text[normalize("الروس")] == {"actor.rus"}
    assert by_text[normalize("القوات الروسية")] == {"actor.rus"}
    (mp,) = by_text[normalize("ضباط من الشرطة العسكرية الروسية")]
    assert mp == "actor.rus.military_police" and "actor.rus" in lineage(mp)
    assert by_text[normalize("النظام السوري")] == {"actor.syr.forces"}
    assert by_text[normalize("قوات النظام")] == {"actor.syr.forces"}
    assert by_text[normalize("مجموعات الدفاع الوطني")] == {"actor.syr.ndf"}
    assert by_text[normalize("الجيش الوطني")] == {"actor.syr.sna"}
    assert by_text[normalize("للإدارة الذاتية")] == {"actor.aanes"}
    names = {m.name_en for m in mentions}
    assert {"Syrian Democratic Forces", "Russia", "Syrian government forces", "National Defence Forces",
            "Turkish-backed Syrian National Army", "Autonomous Administration of North and East Syria"} <= names
    for m in mentions:  # offsets point at the words the mention shows
        assert text[m.start:m.end] == m.text


def test_clitics_and_word_boundaries(recognizer):
    assert found(recognizer, "وعرضت لقسد وعودا") == [("قسد", "actor.sdf")]
    assert found(recognizer, "قسدية") == []


def test_agent_words_combine_with_demonyms_and_groups(recognizer):
    assert found(recognizer, "قصفت طائرات حربية إسرائيلية الموقع") == [("طائرات حربية إسرائيلية", "actor.isr")]
    assert found(recognizer, "انتشر جنود أميركيون") == [("جنود أميركيون", "actor.usa")]
    assert found(recognizer, "اعتقلت قوات الأمن المصرية") == [("قوات الأمن المصرية", "actor.egy.security")]
    assert found(recognizer, "قتل عناصر من هيئة تحرير الشام", "2020-01-01") == [
        ("عناصر من هيئة تحرير الشام", "actor.hts")]
    assert found(recognizer, "غارة أمريكية على الموقع") == [("أمريكية", "actor.usa")]


def test_demonym_alone_is_no_actor(recognizer):
    assert found(recognizer, "دخلت الأراضي السورية") == []


def test_validity_by_publication_date(recognizer):
    assert found(recognizer, "قصف الجيش السوري", "2019-03-01") == [("الجيش السوري", "actor.syr.forces")]
    assert found(recognizer, "انتشر الجيش السوري", "2025-02-01") == [("الجيش السوري", "actor.syr.transitional_forces")]
    assert found(recognizer, "قصف الجيش السوري", None) == [("الجيش السوري", "actor.syr.forces")]
    assert found(recognizer, "هاجمت جبهة النصرة", "2014-05-01") == [("جبهة النصرة", "actor.nusra")]
    assert found(recognizer, "هاجمت جبهة النصرة", "2019-05-01") == [("جبهة النصرة", "actor.hts")]


def test_partisan_names_resolve_to_the_neutral_actor(recognizer):
    (m,) = recognizer.recognize("هاجمت المقاومة قاعدة الاحتلال الأميركي في حقل العمر", "2023-10-20")[-1:]
    assert (m.text, m.entity_id, m.rule) == ("قاعدة الاحتلال الأميركي", "actor.usa", "actor:partisan")
    (m,) = recognizer.recognize("وانسحب الاحتلال الأميركي", "2023-10-20")
    assert (m.text, m.entity_id, m.name_en) == ("الاحتلال الأميركي", "actor.usa", "United States")
    assert found(recognizer, "اعتدت ميليشيا قسد على الأهالي")[0] == ("ميليشيا قسد", "actor.sdf")
    assert found(recognizer, "استهدفت الجماعات الإرهابية", "2016-01-01") == [
        ("الجماعات الإرهابية", "actor.gen.rebels")]


def test_capitals_are_actors_except_as_places(recognizer):
    assert found(recognizer, "رفضت موسكو الاقتراح") == [("موسكو", "actor.rus")]
    assert found(recognizer, "وصل الوفد إلى موسكو") == []
    assert found(recognizer, "انفجار في دمشق") == []
    assert found(recognizer, "شمال شرق سوريا") == []


def test_generic_roles_refer_back(recognizer):
    got = found(recognizer, "قصف الجيش العراقي مواقع. وقال الجيش إن", "2016-01-01")
    assert got == [("الجيش العراقي", "actor.irq.security_forces"), ("الجيش", "actor.irq.security_forces")]
    assert found(recognizer, "أعلن التنظيم مسؤوليته") == []  # no named group to refer to


def test_not_before_blocks_other_senses(recognizer):
    assert found(recognizer, "النظام الدولي الجديد") == []


def test_pipeline_adds_actor_and_person_mentions_with_sentences():
    settings = Settings()
    # the default pipeline runs both stages (checked in its source: building it loads every model)
    assert "ActorRecognizer(settings)" in inspect.getsource(default_stages)
    assert "PersonRecognizer(settings)" in inspect.getsource(default_stages)
    stages = [Segmenter(settings), ActorRecognizer(settings), PersonRecognizer(settings)]
    article = Pipeline(settings, stages)(RawDocument(source=str(SEED), text=SEED.read_text(encoding="utf-8")))
    kinds = {m.kind for m in article.mentions}
    assert {"actor", "person"} <= kinds
    for m in article.mentions:
        if m.kind in ("actor", "person"):
            sentence = article.sentences[m.sentence]
            assert sentence.start <= m.start and m.end <= sentence.end


def gold_participant_recall() -> tuple[int, int]:
    """Share of gold actor/recipient mentions (unique text and name per article) that overlap a
    recognized actor or person mention whose English name (or, for a person, their actor's name)
    equals the gold name_en or one of its aliases."""
    actors, persons = ActorRecognizer(Settings()), PersonRecognizer(Settings())
    lex = actor_lexicon()
    total = hits = 0
    for path in sorted(GOLD.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        mentions = actors.recognize(doc["text"], doc.get("published"))
        mentions += persons.recognize(doc["text"], mentions, doc.get("published"))
        seen = set()
        for event in doc["events"]:
            for gold in (event.get("actor") or []) + (event.get("recipient") or []):
                key = (gold["text"], gold["name_en"])
                if key in seen:
                    continue
                seen.add(key)
                total += 1
                names = {n.lower() for n in [gold["name_en"], *(gold.get("aliases") or [])]}
                gold_text = normalize(gold["text"])
                for m in mentions:
                    text = normalize(m.text)
                    if not (gold_text in text or text in gold_text):
                        continue
                    candidates = [m.name_en]
                    if m.kind == "person" and m.actor_id:
                        candidates.append(lex.actors[m.actor_id].name_en)
                    if any(c and c.lower() in names for c in candidates):
                        hits += 1
                        break
    return hits, total


@pytest.mark.skipif(not GOLD.is_dir(), reason="gold-dev not available")
def test_gold_dev_actor_recall():
    hits, total = gold_participant_recall()
    recall = hits / total
    print(f"gold-dev actor/recipient recall: {hits}/{total} = {recall:.3f}")
    assert total > 400
    assert recall >= 0.78  # measured 0.81; many misses need coreference (الأخيرة, 200 منهم)
