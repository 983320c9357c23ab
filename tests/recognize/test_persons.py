"""Person recognition: known persons with titles, titled unknown names, links to actors."""
from __future__ import annotations

from pathlib import Path

import pytest

from rasd.recognize.actors import ActorRecognizer
from rasd.recognize.persons import PersonRecognizer
from rasd.settings import Settings

SEED = Path(__file__).resolve().parents[2] / "samples" / "000_975059ba0d7fe3b3.txt"


@pytest.fixture(scope="module")
def recognizers():
    return ActorRecognizer(Settings()), PersonRecognizer(Settings())


def persons(recognizers, text, published=None):
    actors, people = recognizers
    return people.recognize(text, actors.recognize(text, published), published)


def test_seed_correspondent(recognizers):
    text = SEED.read_text(encoding="utf-8")
    (p,) = persons(recognizers, text)
    assert p.name_ar == "نور الجاسم"
    assert p.actor_id == "actor.step_news"
    assert p.text.startswith("مراسلة") and p.text.endswith("نور الجاسم")
    assert text[p.start:p.end] == p.text


def test_known_person_with_title(recognizers):
    (p,) = persons(recognizers, "وقال الرئيس السوري بشار الأسد إن الحرب", "2015-01-01")
    assert (p.text, p.name_en, p.entity_id) == ("الرئيس السوري بشار الأسد", "Bashar al-Assad", "person.bashar_al_assad")
    assert p.actor_id == "actor.syr.gov" and p.role == "الرئيس السوري"
    (p,) = persons(recognizers, "وصرح وزير الخارجية الروسي سيرغي لافروف أمس")
    assert p.name_en == "Sergey Lavrov" and p.actor_id == "actor.rus" and p.name_ar == "سيرغي لافروف"


def test_known_person_alone_keeps_lexicon_actor(recognizers):
    (p,) = persons(recognizers, "وأكد لافروف أن موسكو")
    assert p.name_en == "Sergey Lavrov" and p.actor_id == "actor.rus.mfa"


def test_titled_unknown_name_linked_to_actor(recognizers):
    (p,) = persons(recognizers, "وقال القيادي في قسد محمود الأحمد إن الهجوم")
    assert p.name_ar == "محمود الأحمد" and p.actor_id == "actor.sdf" and p.entity_id is None
    (p,) = persons(recognizers, "وقال المتحدث باسم الجيش الوطني أحمد محمد الحسن، إن")
    assert p.name_ar == "أحمد محمد الحسن" and p.actor_id == "actor.syr.sna"


def test_title_without_name_is_no_person(recognizers):
    assert persons(recognizers, "وقال الرئيس إن الوضع صعب") == []
    assert persons(recognizers, "عقد مؤتمر صحفي في دمشق") == []


@pytest.mark.parametrize("text, expected", [
    # the preposition على is no name علي (they normalize alike; the text spells them apart)
    ("وكان من المفترض أن تركز زيارة الوزير الأمريكي على الحرب الأهلية", []),
    ("وقال الرئيس علي عبد الله صالح إن", ["علي عبد الله"]),
    # a name ends before قوله، وغيره and before a و-word once it has two tokens
    ("نقلت سانا عن وزير الإعلام عمران الزعبي قوله إن الوضع جيد", ["عمران الزعبي"]),
    ("استقبله وزير الخارجية الأردني ناصر جوده وغيره من المسؤولين", ["ناصر جوده"]),
    ("بعد اطاحة حزب الله الرئيس سعد الحريري وفرط الحكومة", ["سعد الحريري"]),
    ("وقال وزير الخارجية السوري وليد المعلم إن", ["وليد المعلم"]),  # a name may begin with و
    # آمر "commander" normalizes like أمر "matter": only its own spelling is the title
    ("وهذا أمر مستحيل بالنسبة لأنقرة", []),
    # a word written with tanween is an indefinite noun, no name
    ("واتخذ العاهل الأردني موقفاً حذراً حيال سوريا", []),
    ("وقال المسؤول الإعلامي للجيش الحر، لؤي المقداد قائلاً إن", ["لؤي المقداد"]),
])
def test_name_after_a_title_stops_where_the_name_does(recognizers, text, expected):
    assert [p.name_ar for p in persons(recognizers, text)] == expected
