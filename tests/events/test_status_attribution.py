import pytest

from tests.events.conftest import article_with


def code(coder, text, mentions=(), published=None):
    return coder(article_with(text, list(mentions), published)).events


RUSSIA = {"entity_id": "actor.rus", "name_en": "Russia", "country": "RUS"}


@pytest.mark.parametrize("text,status", [
    ("قصفت الطائرات الروسية مدينة إدلب.", "asserted"),
    ("ستقصف الطائرات الروسية مدينة إدلب.", "future"),
    ("ومن المقرر أن يلتقي الوزير نظيره الروسي.", "future"),
    ("لم تقصف الطائرات الروسية مدينة إدلب.", "negated"),
    ("إذا قصفت الطائرات الروسية مدينة إدلب فسيرد الجيش.", "hypothetical"),
    ("قد تقصف الطائرات الروسية مدينة إدلب.", "hypothetical"),
    ("نفت وزارة الدفاع أن تكون الطائرات الروسية قصفت مدينة إدلب.", "denied"),
])
def test_status(coder, text, status):
    events = [e for e in code(coder, text) if e.type in ("ASSAULT", "CONSULT")]
    assert events and events[0].status == status


def test_attribution_via_an_keeps_the_original_source(coder):
    text = "نقلت مراسلة الوكالة في المنطقة عن مصدر مطلع قوله إن القوات الروسية طالبت بفك الحصار."
    ev = code(coder, text, [("actor", "القوات الروسية", RUSSIA)])
    assert ev[0].type == "REQUEST" and ev[0].attributed_to == "مصدر مطلع"


def test_attribution_after_the_claim(coder):
    text = "وطالب الروس قوات قسد بالانسحاب، وفق ما نقلته مراسلتنا."
    ev = code(coder, text, [("actor", "الروس", RUSSIA)])
    assert ev[0].attributed_to == "مراسلتنا"


def test_complement_of_a_demand_is_not_an_event(coder):
    text = "طالبت روسيا بفك الحصار ووقف الهجمات على المدينة."
    types = [e.type for e in code(coder, text, [("actor", "روسيا", RUSSIA)])]
    assert types == ["REQUEST"]
