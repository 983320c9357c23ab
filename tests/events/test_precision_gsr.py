"""Rules added for sentence-level precision (gsr-dev): status cues, reference frames and gating cues
for mentions that are not reports of an asserted ASSAULT or PROTEST (docs/evaluation.md)."""
from __future__ import annotations

import pytest

from rasd.events.reference import event_reference, reports_event_of_type
from rasd.model import RawDocument
from rasd.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline()


def coded(pipeline, text):
    """The whole pipeline (the names and numbers it finds anchor the events), as ``rasd eval gsr`` runs it."""
    return pipeline(RawDocument(source="test", text=text))


def of_type(article, etype):
    return [e for e in article.events if e.type == etype]


@pytest.mark.parametrize("text,etype,status", [
    # دون أن + verb: without doing it
    ("وكان صاروخ سقط الاثنين على بعد ستين كيلومترا من تبيليسي من دون ان ينفجر.", "ASSAULT", "negated"),
    # what was supposed to happen, what is needed, what was trained for
    ("وحسب المخطط، فانه كان يفترض اغتيال ابومازن بواسطة سيارة مفخخة في رام الله.", "ASSAULT", "hypothetical"),
    ("وهذه تحتاج الى ضربة اسرائيلية مسبقة تشل قدرات تلك القوى.", "ASSAULT", "hypothetical"),
    ("وقال إن التدريبات تشمل التدرب على القيام باختطاف جنود.", "ASSAULT", "hypothetical"),
    # calls with an adjective between the noun and the act called for
    ("وأدت الاضطرابات الى دعوات شعبية غربية لمقاطعة الاولمبياد في الصين.", "PROTEST", "hypothetical"),
])
def test_status_cues_for_acts_not_done(pipeline, text, etype, status):
    events = of_type(coded(pipeline, text), etype)
    assert events and events[0].status == status, [(e.trigger.text, e.status) for e in events]


def test_a_past_attack_reported_stays_asserted(pipeline):
    events = of_type(coded(pipeline, "وانفجرت عبوة ناسفة امس في بغداد مما أسفر عن مقتل 16 شخصا."), "ASSAULT")
    assert events and all(e.status == "asserted" for e in events)


@pytest.mark.parametrize("text,frame", [
    ("واعتقلت القوات اثنين من القاعدة على علاقة بخطف ثلاثة جنود اميركيين.", "accusation"),
    ("وقال إن لهؤلاء علاقات مع الارهابيين المتورطين في تدمير مساكن في بغداد.", "accusation"),
    ("السودان يقطع علاقاته الدبلوماسية مع تشاد غداة هجوم شنه مقاتلو الحركة على أم درمان.", "aftermath"),
    # the investigation told after the killing in the same clause does not make the killing narrative
    ("وتوترت العلاقات بين البلدين منذ يونيو اثر مقتل 11 جنديا باكستانيا في ضربة جوية اميركية فتحت واشنطن تحقيقا فيها.",
     "aftermath"),
])
def test_reference_frames(pipeline, text, frame):
    article = coded(pipeline, text)
    events = of_type(article, "ASSAULT")
    assert events, [(e.type, e.trigger.text) for e in article.events]
    assert event_reference(article, events[0]) == frame
    assert not reports_event_of_type(article, "ASSAULT")


@pytest.mark.parametrize("text", [
    "بينما يتواصل الهجوم على الحريات الاجتماعية في البلاد.",
    "شنت اللجنة الدولية للحقوقيين في تقرير لتقصي الحقائق حول الأوضاع في دارفور، هجوماً شديداً على الحكومة السودانية.",
    "وكان الرئيس الروسي اعلن نشر صواريخ في الجيب الروسي ردا على الدرع الصاروخية.",
    "ويحفظ الأطفال جدول ضرب تسعة في المدارس الابتدائية.",
    "وقال إن الحل هو احالة كل من قام باعتداء على الجيش الى العدالة.",
])
def test_not_an_attack(pipeline, text):
    assert not reports_event_of_type(coded(pipeline, text), "ASSAULT")


@pytest.mark.parametrize("text", [
    # chants of protesters already told of
    "وحمل المتظاهرون صورا لصدام وأعلاما عراقية فيما هتف العشرات ضد الزعيمين.",
    "وأيد المتظاهرون الرئيس البشير، وهتفوا بروحه.",
    # bringing leaders together, a province, a formal protest
    "وأعلن عن قمة ثلاثية تستضيفها العاصمة السورية اليوم، وتجمع الرئيس السوري إلى أمير قطر.",
    "استقبل الأمير أمس رئيس وزراء مقاطعة كيب تاون الغربية والوفد المرافق له.",
    "احتجت مصر رسمياً أمس لدى إيران على سماح السلطات بذلك.",
])
def test_not_a_protest(pipeline, text):
    assert not reports_event_of_type(coded(pipeline, text), "PROTEST")


@pytest.mark.parametrize("text", [
    # a count before the protesters: the crowd is told here
    "وفي الضفة الغربية امس خرج آلاف المتظاهرين ضد حماس وهتفوا ضد قادتها.",
    "وتظاهر الاف الاسرائيليين مساء امس في تل ابيب احتجاجا على حملة اليمين.",
])
def test_protests_told_stay(pipeline, text):
    assert reports_event_of_type(coded(pipeline, text), "PROTEST")
