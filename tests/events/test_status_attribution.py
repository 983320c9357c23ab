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


@pytest.mark.parametrize("text,etype,status", [
    # ما after a preposition is relative (with what was agreed), not the negation of the verb
    ("وأكد أن التصعيد لا ينسجم مع ما اتفق عليه الطرفان.", "AGREE", "asserted"),
    # a modifier after the verbal noun: possible, expected
    ("وتحدثت الصحف عن اجتماع محتمل بين الوزير ونظيره الروسي في موسكو.", "CONSULT", "hypothetical"),
    ("وتحدثت الصحف عن الاجتماع المنتظر بين الوزير ونظيره الروسي في موسكو.", "CONSULT", "future"),
    # prevention and risk: the act has not happened
    ("وقالت الحكومة إنها تسعى لمنع اجتماع المعارضة في العاصمة.", "CONSULT", "hypothetical"),
    ("وحذر من خطر اجتماع المعارضة في العاصمة.", "CONSULT", "hypothetical"),
    # nouns of intention and plans govern the verbal noun
    ("وقالت الحكومة إنها بصدد إرسال تعزيزات إلى المدينة.", "MOBILIZE", "future"),
    ("وقال إنه تلقى معلومات بتخطيط الحركة لاغتياله بعبوة ناسفة.", "ASSAULT", "future"),
    # a claim told, then called untrue later in the sentence
    ("وقال إن التصريحات التي تفيد بأن الوزيرين سيلتقيان في موسكو هي تصريحات غير صحيحة.", "CONSULT", "denied"),
])
def test_status_cues(coder, text, etype, status):
    events = [e for e in code(coder, text) if e.type == etype]
    assert events and events[0].status == status, [(e.type, e.trigger.text, e.status) for e in events]


def _status_of(text: str, trigger: str, light_verb: str):
    """decide_status on a light-verb construction, as the coder calls it (light verb first)."""
    from rasd.events.clauses import split_clauses, clause_of
    from rasd.events.cues import cue_set, token_range
    from rasd.events.status import decide_status
    from rasd.events.triggers import NOUN, VERB_PAST
    from rasd.segment import segment
    sent = segment(text)[0]
    cues = cue_set("status").find(sent)
    t_first, t_last = token_range(sent, sent.start + text.index(trigger), sent.start + text.index(trigger) + len(trigger))
    lv, _ = token_range(sent, sent.start + text.index(light_verb), sent.start + text.index(light_verb) + 1)
    clause = clause_of(split_clauses(sent), t_first)
    return (decide_status(lv, t_last, VERB_PAST, clause, cues, False, t_first).status,
            decide_status(t_first, t_last, NOUN, clause, cues).status)


def test_cue_between_light_verb_and_noun_governs_the_noun():
    # أعلنت ... إحباط اجتماع: the light verb carries the noun, the cue between them foils it
    with_light, plain = _status_of("وأعلنت الحكومة إحباط اجتماع المعارضة في العاصمة.", "اجتماع", "وأعلنت")
    assert with_light == "negated" and plain == "negated"


def test_light_verb_itself_is_not_a_cue():
    with_light, _ = _status_of("وعقد الطرفان اجتماعا في جنيف.", "اجتماعا", "وعقد")
    assert with_light == "asserted"


def test_cue_after_a_noun_carried_by_a_light_verb():
    # the noun is the trigger's last token, so "expected" after it applies as to a bare noun
    with_light, plain = _status_of("وتحدث الوزير عن عقد الاجتماع المرتقب في جنيف.", "الاجتماع", "عقد")
    assert with_light == "future" and plain == "future"
