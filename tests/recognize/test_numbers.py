"""Numbers and casualties (issue 3 item 7): hand cases, the seed, and gold-dev fatalities."""
import glob
import json
from pathlib import Path

import pytest

from rasd.model import Article
from rasd.normalize import normalize
from rasd.pipeline import Segmenter
from rasd.recognize.casualties import find_casualties
from rasd.recognize.dates import DateRecognizer
from rasd.recognize.numbers import NumberRecognizer, find_numbers, number_lexicon
from rasd.settings import Settings

GOLD = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "gold-dev"


def numbers(text):
    return [(n.value, n.qualifier) for n in find_numbers(normalize(text))]


def casualties(text):
    norm = normalize(text)
    found = find_casualties(norm, find_numbers(norm), number_lexicon())
    return [(c.unit, c.value, c.qualifier) for c in found]


@pytest.mark.parametrize("text, expected", [
    ("١٢٣", [(123, None)]),
    ("10,328", [(10328, None)]),
    ("4٫5", [(4.5, None)]),
    ("ثلاثة", [(3, None)]),
    ("أحد عشر", [(11, None)]),
    ("اثنا عشر", [(12, None)]),
    ("ثلاثة وعشرون", [(23, None)]),
    ("عشرة آلاف وثلاثمئة وثمانية وعشرين", [(10328, None)]),
    ("ألفا وإحدى وسبعين", [(1071, None)]),
    ("مئتين وخمسين", [(250, None)]),
    ("300 ألف", [(300000, None)]),
    ("1.5 مليون", [(1500000, None)]),
    ("نحو 20", [(20, "about")]),
    ("أكثر من 30", [(30, "more_than")]),
    ("ما لا يقل عن 53", [(53, "at_least")]),
    ("عشرات", [(10, "vague")]),
    ("عشرات الآلاف", [(10000, "vague")]),
    ("المئات", [(100, "vague")]),
    ("عدة", [(None, "vague")]),
    ("إحدى النقاط", []),  # "one of": not counted alone
])
def test_numbers(text, expected):
    assert numbers(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("قتيل وعدة جرحى", [("killed", 1, None), ("injured", None, "vague")]),
    ("مقتل 3 عناصر", [("killed", 3, None)]),
    ("أصيب خمسة مدنيين", [("injured", 5, None)]),
    ("سقوط 10 قتلى", [("killed", 10, None)]),
    ("استشهاد طفلين", [("killed", 2, None)]),
    ("ارتفع عدد القتلى إلى 25", [("killed", 25, None)]),
    ("قتل وجرح العشرات", [("injured", None, "combined"), ("killed", None, "combined")]),
    ("مقتل أكثر من 40 تكفيري", [("killed", 40, "more_than")]),
    ("أن 23 من أفراد القوات المسلحة المصرية قُتلوا، وأصيب 32 آخرين",
     [("killed", 23, None), ("injured", 32, None)]),
    ("ولقي ما لا يقل عن 53 شخصا حتفهم", [("killed", 53, "at_least")]),
    ("وتوفي أمس الأحد 14 مدنياً وأصيب 8 آخرون", [("killed", 14, None), ("injured", 8, None)]),
    ("وقُتل المئات من أفراد الجيش", [("killed", 100, "vague")]),
    ("أكثر من عشرين ألفًا وستمئة وسبعين شهيدًا", [("killed", 20670, "more_than")]),
    ("استهدفت قاعدة التنف بـ 3 طائرات مسيّرة", []),
    ("أصابت 3 أهداف", []),
    ("بين قتيل وجريح", [("injured", None, "combined"), ("killed", None, "combined")]),
    ("وكان الشهيد مناصرة قد ارتقى", []),
    ("وأوقعت عددا منهم بين قتيل ومصاب", [("injured", None, "combined"), ("killed", None, "combined")]),
    ('استطاعت توثيق 141 "شهيداً"، بينهم 12 طفلاً', [("killed", 141, None)]),  # a quoted count noun
])
def test_casualties(text, expected):
    assert casualties(text) == expected


def test_stage_skips_numbers_inside_dates_and_keeps_offsets():
    text = "قتل 26 شخصا يوم 11 فبراير 2013 وأصيب نحو ٤٩ آخرين.\nأمهلوهم 72 ساعة."
    settings = Settings()
    art = NumberRecognizer(settings)(DateRecognizer(settings)(Segmenter(settings)(
        Article(id="x", text=text, published="2013-02-12"))))
    numbers_found = [(m.text, m.value, m.qualifier) for m in art.mentions if m.kind == "number"]
    assert numbers_found == [("26", "26", None), ("نحو ٤٩", "49", "about")]
    cas = [(m.unit, m.value, m.sentence) for m in art.mentions if m.kind == "casualty"]
    assert cas == [("killed", "26", 0), ("injured", "49", 0)]
    for m in art.mentions:
        assert art.text[m.start:m.end] == m.text


@pytest.mark.parametrize("text", [
    "بعد مقتل الزرقاوي عام 2006 تغيرت القيادة",  # a year, not 2006 killed
    "وكان الفنان قد لقي مصرعه في 24 فبراير الفائت",  # a day of the month
    "ارتفاع عدد الشهداء منذ 7 تشرين الأول",
    "أفادت المصادر بسقوط أكثر من 15 صاروخاً على القواعد",  # rockets counted, not people
])
def test_numbers_of_dates_and_of_things_count_no_casualties(text):
    settings = Settings()
    art = NumberRecognizer(settings)(DateRecognizer(settings)(Segmenter(settings)(
        Article(id="x", text=text, published="2023-11-03"))))
    assert [(m.text, m.value) for m in art.mentions if m.kind == "casualty"] == []


def gold_fatalities():
    """Gold events with fatalities: does a 'killed' casualty in the evidence give the gold count?"""
    settings = Settings()
    stages = [Segmenter(settings), DateRecognizer(settings), NumberRecognizer(settings)]
    events = found = correct = 0
    for path in sorted(glob.glob(str(GOLD / "*.json"))):
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
        art = Article(id=doc["id"], text=doc["text"], published=doc["published"])
        for stage in stages:
            art = stage(art)
        killed = [m for m in art.mentions if m.kind == "casualty" and m.unit == "killed" and m.value]
        for event in doc["events"]:
            start = doc["text"].find(event["evidence"])
            if event.get("fatalities") is None or start < 0:
                continue
            events += 1
            inside = [m for m in killed if start <= m.start and m.end <= start + len(event["evidence"])]
            if inside:
                found += 1
                correct += int(float(inside[0].value)) == event["fatalities"]
    return events, found, correct


@pytest.mark.skipif(not GOLD.is_dir(), reason="shared gold data not present")
def test_gold_dev_fatalities():
    events, found, correct = gold_fatalities()
    print(f"gold-dev fatalities: {events} events, {found} with a killed count in the evidence, {correct} equal")
    assert correct >= 0.6 * events
