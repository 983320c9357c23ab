"""Report or reference: is the event told by its sentence, or named inside another statement?"""
import pytest

from rasd.events.reference import event_reference, reports_event_of_type
from tests.events.conftest import article_with


def coded(coder, text):
    return coder(article_with(text, []))


@pytest.mark.parametrize("text,etype,frame", [
    ("قتل 18 شخصا في انفجار سيارة مفخخة في بغداد امس.", "ASSAULT", None),
    ("وقتل الجنود الثلاثة في كمين نصبه مسلحون امس قرب بغداد.", "ASSAULT", None),
    ("وتجمهر الناس في الشارع الرئيسي امس.", "PROTEST", None),
    ("وفتحت الشرطة تحقيقا في التفجير الذي وقع امس في بغداد.", "ASSAULT", "investigation"),
    ("وأدان مجلس الأمن الهجوم الذي استهدف قافلة في بغداد امس.", "ASSAULT", "condemnation"),
    ("وأدان الرئيس التظاهرة التي نظمها الطلاب امس في العاصمة.", "PROTEST", "condemnation"),
    # a relative clause describes the place by the event
    ("وعقدت المحكمة جلستها في المدينة حيث قتلت بوتو في اعتداء انتحاري.", "ASSAULT", "relative"),
    # a temporal clause gives the circumstance of the main clause
    ("وظن القادة أن الشعب سيخاف عندما قتلوا رفيق الحريري امس.", "ASSAULT", "circumstance"),
    # ... but after an event told first, بعد أن / بعد carry the narrative on
    ("وأوقفت السلطات الامدادات بعد أن خطف متشددون 13 شاحنة امس.", "ASSAULT", None),
    ("وانسحبت القوات من البلدة بعد اعتقال ثلاثة شبان امس.", "COERCE", None),
    # after a sentence that tells no event of its own, بعد names the background
    ("وارتفعت أسعار النفط بعد قصف جوي أمريكي استهدف قاعدة جوية امس.", "ASSAULT", "aftermath"),
    # في حين is "whereas", not "when"
    ("وحاصرت القوات المربع الأمني في الحسكة، في حين عززت قوات النظام تواجدها في المنطقة.", "MOBILIZE", None),
    # a cleft (it was they who committed) is the predicate, not a description
    ("هي التي ارتكبت المجازر في القرى امس.", "ASSAULT", None),
    # حيث after a comma carries the narrative on (and there people gathered)
    ("بدأت التجمعات في البلدة عند الخامسة، حيث تجمهر الناس في الشارع الرئيسي.", "PROTEST", None),
])
def test_reference_frame(coder, text, etype, frame):
    article = coded(coder, text)
    events = [e for e in article.events if e.type == etype]
    assert events, [(e.type, e.trigger.text) for e in article.events]
    assert event_reference(article, events[0]) == frame
    assert reports_event_of_type(article, etype) == (frame is None and events[0].status == "asserted")


def test_the_frame_event_itself_is_reported(coder):
    article = coded(coder, "وفتحت الشرطة تحقيقا في التفجير الذي وقع امس في بغداد.")
    assert reports_event_of_type(article, "ACCUSE") and not reports_event_of_type(article, "ASSAULT")


def test_an_event_not_asserted_is_not_reported(coder):
    article = coded(coder, "وقال إنه تلقى معلومات بتخطيط الحركة لاغتياله بعبوة ناسفة.")
    assert [e.status for e in article.events if e.type == "ASSAULT"] == ["future"]
    assert not reports_event_of_type(article, "ASSAULT")


def test_mark_references_sets_the_field(coder):
    from rasd.events.reference import mark_references
    article = coded(coder, "وأدان مجلس الأمن الهجوم الذي استهدف قافلة في بغداد امس.")
    mark_references(article, article.events)
    assert {e.type: e.reference for e in article.events}["ASSAULT"] == "condemnation"
