"""Place recognition: gazetteer names, cues, relative places, disambiguation, gold-dev locations."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from rasd.lexicon.lint import check_collisions, check_entries
from rasd.lexicon import load_lexicon
from rasd.model import Article
from rasd.normalize import normalize
from rasd.pipeline import Pipeline
from rasd.model import RawDocument
from rasd.recognize.geo import haversine_km
from rasd.recognize.places import PlaceRecognizer
from rasd.segment import segment
from rasd.settings import DEFAULT_SETTINGS

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "samples" / "000_975059ba0d7fe3b3.txt"
GOLD = REPO.parent / "shared" / "data" / "gold-dev"


@pytest.fixture(scope="module")
def recognizer() -> PlaceRecognizer:
    return PlaceRecognizer(DEFAULT_SETTINGS)


def places(recognizer: PlaceRecognizer, text: str):
    article = Article(id="t", text=text)
    article.sentences = segment(text)
    return [m for m in recognizer(article).mentions if m.kind == "place"]


def only(recognizer, text):
    found = places(recognizer, text)
    assert len(found) == 1, [(m.text, m.name_en) for m in found]
    return found[0]


def near(m, lat, lon, km=15.0) -> bool:
    return m.lat is not None and haversine_km(m.lat, m.lon, lat, lon) <= km


def test_haversine():
    assert haversine_km(36.2, 37.16, 36.2, 37.16) == 0
    assert 300 < haversine_km(33.51, 36.29, 36.2, 37.16) < 330  # Damascus - Aleppo


def test_clitics_and_offsets(recognizer):
    text = "وقع انفجار بالحسكة والقامشلي أمس."
    found = places(recognizer, text)
    assert [text[m.start:m.end] for m in found] == ["الحسكة", "القامشلي"]
    assert near(found[0], 36.5, 40.75) and found[0].admin1 == "Al-Hasakah" and found[0].precision == 1
    assert near(found[1], 37.05, 41.23) and found[1].sentence == 0


def test_raqqa_is_syrian_not_kuwaiti(recognizer):
    m = only(recognizer, "قصف على الرقة اليوم")
    assert m.country == "SYR" and near(m, 35.96, 39.0)


def test_relative_and_countryside(recognizer):
    m = only(recognizer, "هجوم شمال الرقة")
    assert m.text == "شمال الرقة" and m.precision == 2 and m.name_en.startswith("north of")
    m = only(recognizer, "اشتباكات في ريف حلب الشمالي")
    assert m.text == "ريف حلب الشمالي" and m.precision == 2 and m.admin1 == "Aleppo"
    assert m.name_en == "northern Aleppo countryside"
    m = only(recognizer, "في شمال شرق سوريا")
    assert m.name_en == "north-east Syria" and m.precision == 3


def test_country_reference(recognizer):
    found = places(recognizer, "زار الوفد دمشق ثم توجه إلى جنوب غرب البلاد")
    assert found[-1].text == "جنوب غرب البلاد" and found[-1].country == "SYR" and found[-1].precision == 3


def test_unknown_village_with_cue(recognizer):
    m = only(recognizer, "داهمت القوات قرية الزغيبة فجرا")
    assert m.text == "قرية الزغيبة" and m.lat is None and m.rule == "place.unlisted.village"


def test_common_words_need_a_cue(recognizer):
    # الباب is a city, but also "the door"; حي and الشمال are ordinary words
    assert places(recognizer, "فتح الباب أمام المفاوضات في الحي") == []
    m = only(recognizer, "دخلت القوات مدينة الباب")
    assert m.name_en and "Bab" in m.name_en and m.precision == 1


def test_proximity_resolves_shared_names(recognizer):
    # Rafah: the Gaza city by default; the Egyptian one beside Egyptian places
    assert only(recognizer, "قصف على رفح").country == "PSE"
    found = places(recognizer, "هجوم في العريش وفي رفح المصرية")
    assert found[-1].country == "EGY"


def test_seed_article():
    pipeline = Pipeline()
    article = pipeline(RawDocument(source=str(SEED), text=SEED.read_text(encoding="utf-8")))
    found = [m for m in article.mentions if m.kind == "place"]
    by_name = {normalize(m.name_ar or ""): m for m in found}
    for name, (lat, lon) in {"القامشلي": (37.05, 41.23), "الحسكة": (36.5, 40.75), "الرقة": (35.96, 39.0)}.items():
        assert near(by_name[normalize(name)], lat, lon), name
    texts = [m.text for m in found]
    assert "شمال شرق سوريا" in texts
    assert any("عين عيسى" in t and near(m, 36.39, 38.86) for t, m in zip(texts, found))
    square = next(m for m in found if m.text.startswith("المربع الأمني"))
    assert square.admin1 == "Al-Hasakah" and near(square, 36.5, 40.75)


def test_place_lexicons_lint_clean():
    for kind in ("places", "place_cues"):
        entries = load_lexicon(kind)
        assert entries
        assert [str(p) for p in check_entries(entries, kind) + check_collisions(entries, kind)] == []


def test_gold_dev_locations(recognizer):
    """Share of gold location texts recognised within 15 km or by English name (baseline 0.85)."""
    total = hits = 0
    for path in sorted(GOLD.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        found = places(recognizer, doc["text"])
        seen = set()
        for event in doc["events"]:
            loc = event.get("location")
            if not loc or loc["text"] in seen:
                continue
            seen.add(loc["text"])
            total += 1
            gold = normalize(loc["text"])
            hits += any(
                (gold in normalize(m.text) or normalize(m.text) in gold)
                and (near(m, loc["lat"], loc["lon"]) or (m.name_en or "").lower() == (loc["name_en"] or "").lower())
                for m in found)
    assert total > 100
    assert hits / total >= 0.85, f"{hits}/{total}"


def test_definite_type_word_refers_to_the_place_told_before(recognizer):
    found = places(recognizer, "سيطرت القوات على مدينة الباب. وقصفت الطائرات وسط المدينة، ثم غربي المدينة.")
    assert [m.text for m in found] == ["مدينة الباب", "وسط المدينة", "غربي المدينة"]
    assert found[1].rule == "place.anaphor:place_cue.city" and found[1].lat == found[0].lat and found[1].lat is not None
    assert found[2].precision == 2 and found[2].name_en.startswith("west of")
    # no place of the kind told before: nothing to refer to
    assert places(recognizer, "وقعت اشتباكات قرب المطار") == []


def test_anaphor_is_not_taken_inside_a_name():
    pipeline = Pipeline()
    article = pipeline(RawDocument(source="t", text="قصفت الطائرات قاعدة التنف. وأعلن تنظيم القاعدة مسؤوليته عن الهجوم."))
    found = [m for m in article.mentions if m.kind == "place"]
    assert [m.text for m in found] == ["قاعدة التنف"]


def test_definite_type_word_before_an_adjective_is_no_name(recognizer):
    # "the Swedish village" (not Samandağ, Turkey); "the camp and it caused" (not a camp named وأحدث)
    assert places(recognizer, "قنص جندي قرب القرية السويدية") == []
    assert places(recognizer, "داهم الاحتلال منازل في المخيم وأحدث فيها دمارا") == []
    # a country after a definite plural cue is still the country: المدن السورية
    assert only(recognizer, "شهدت المدن السورية مظاهرات").country == "SYR"


def test_plural_cue_applies_to_each_name_of_its_list(recognizer):
    found = places(recognizer, "السيطرة على الطريق بين محافظات حلب ودير الزور والرقة")
    assert [m.precision for m in found] == [3, 3, 3]
    assert all(m.rule == "place.cue:place_cue.governorate" for m in found)
    found = places(recognizer, "تظاهرات في ريفي إدلب وحلب")
    assert [m.name_en for m in found] == ["Idlib countryside", "Aleppo countryside"]


def test_idiom_and_name_words_are_not_places():
    pipeline = Pipeline()
    article = pipeline(RawDocument(source="t", text="زفت المقاومة الإسلامية في العراق شهيدا على طريق القدس."))
    # (the statistical NER may still tag القدس as a name, without coordinates)
    assert [m.text for m in article.mentions if m.kind == "place" and m.lat is not None] == []


def test_common_nouns_and_surnames_shaped_like_names_are_not_places(recognizer):
    assert places(recognizer, "في مشهدٍ مؤلم") == []  # tanween: "a scene", not Mashhad
    found = places(recognizer, "استشهد الشاب عبد الناصر مهند سرحان (23 عاماً)، من مخيم بلاطة")
    assert [m.text for m in found] == ["مخيم بلاطة"]  # سرحان before an age is a surname


def test_river_is_marked_as_a_line(recognizer):
    m = only(recognizer, "قاموا بتلغيم الجسور على نهر دجلة")
    assert m.qualifier == "line"


def test_anaphor_needs_a_nearby_antecedent_and_no_describing_adjective():
    pipeline = Pipeline()
    text = "قصفت الطائرات قاعدة التنف. واستهدفت الطائرة القاعدة الأميركية قرب الحدود."
    found = [m for m in pipeline(RawDocument(source="t", text=text)).mentions if m.kind == "place"]
    assert [m.name_en for m in found][:2] == ["Al-Tanf", "Al-Tanf"]  # a demonym says whose base it is
    text = "وقعت اشتباكات في مدينة حلب. ونفت الجامعة وجود مخالفات في المدينة الجامعية."
    found = [m for m in pipeline(RawDocument(source="t", text=text)).mentions if m.kind == "place"]
    assert [m.text for m in found] == ["مدينة حلب"]  # "the university city" is another place


def test_possessive_after_type_word_is_the_owner_not_a_place_name(recognizer):
    # "a base of the coalition": التحالف is also a Yemeni town whose name needs a cue word; the type
    # word with ل + name says whose base it is, so no place is read there (seen on Al Mayadeen text)
    found = places(recognizer, "أسفرت عن مقتل أميركي وإصابة 6 آخرين، في قاعدة للتحالف قرب الحسكة، شمالي شرقي سوريا")
    assert not any("للتحالف" in m.text for m in found), [(m.text, m.name_en) for m in found]
    assert any("الحسكة" in m.text for m in found)
    # a name the type word introduces directly is still a place
    assert any("حميميم" in m.text for m in places(recognizer, "هبطت الطائرة في قاعدة حميميم الجوية"))


@pytest.mark.parametrize("text, word", [
    ("ماذا يحمل مشهد تجدد المعارك في ريف دير الزور", "مشهد"),  # "scene", not Mashhad
    ("غلب المشهد السوري على الصحف", "مشهد"),
    ("ونظمت مسيرات إلى ميدان التحرير", "ميدان"),  # "square", not Medan
    ("ألقى باللوم على الحكومة", "لوم"),  # "blame", not Lomé
    ("تراجع مؤشر فوتسي في بورصة لندن", "بورصة"),  # "stock exchange", not Bursa
    ("خلال سنوات انتشار فيروس كورونا", "ورونا"),  # ك + ورونا, not Verona
    ("ويرتدي سترة مضادة للرصاص", "سترة"),  # "jacket", not Sitrah (Bahrain)
    ("تحليل عينات تربة من مواقع القصف", "تربة"),  # "soil", not Turubah
    ("خلال الأسابيع القليلة المقبلة", "مقبلة"),  # "the coming", not the village Muqbia
    ("تعهدت جمعيات خيرية إسلامية بتوفير المساعدات", "خيرية"),  # "charitable", not Khayriyeh
], ids=["scene", "the-scene", "square", "blame", "exchange", "corona", "jacket", "soil", "coming", "charitable"])
def test_place_names_that_are_ordinary_words_need_a_cue(recognizer, text, word):
    """GeoNames names and Syrian village names that are also ordinary words (flagged by
    scripts/build_places.py from wordfreq's Arabic frequencies) are no places without a cue word."""
    assert [m.text for m in places(recognizer, text) if word in m.text] == []


def test_world_place_names_that_are_ordinary_words_still_count_after_a_cue(recognizer):
    m = only(recognizer, "وقع انفجار في مدينة مشهد الإيرانية")
    assert m.country == "IRN" and near(m, 36.3, 59.6, km=30)
    m = only(recognizer, "اشتباكات في الخرطوم بين الجيش والدعم السريع")
    assert m.country == "SDN" and near(m, 15.55, 32.53) and m.text == "الخرطوم"


def test_a_neighbourhood_or_camp_is_not_a_far_away_namesake_town(recognizer):
    # حي الدرج is in Gaza City, not Daraj, Libya; شارع الثورة in Damascus, not a Yemeni town
    found = places(recognizer, "مجزرة في مدرسة التابعين في حي الدرج وسط مدينة غزة")
    assert [(m.text, m.entity_id, m.lat) for m in found[:1]] == [("حي الدرج", None, None)]
    assert found[0].rule == "place.unlisted.neighbourhood" and found[1].name_en == "central of Gaza City"
    m = places(recognizer, "وقع انفجار في شارع الثورة بالعاصمة السورية دمشق")[0]
    assert m.text == "شارع الثورة" and m.lat is None
    m = only(recognizer, "اقتحم الاحتلال مخيم العين")
    assert m.text == "مخيم العين" and m.country is None


def test_a_neighbourhood_near_the_places_told_keeps_its_coordinates(recognizer):
    found = places(recognizer, "قصف حي الشجاعية في مدينة غزة")
    assert found[0].name_en == "Shujaiya, Gaza" and found[0].lat is not None
