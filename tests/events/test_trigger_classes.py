"""Trigger classes added from the gold-dev error analysis: each test names the class (a light verb
whose object follows the subject, an escalation against someone, ambush phrases, martyrdom idioms),
with a positive and a negative example so that the class cannot fire on every mention of the word."""
from __future__ import annotations

from tests.events.conftest import article_with


def coded(coder, text, mentions=()):
    return [(e.type, e.trigger.text) for e in coder.code_article(article_with(text, list(mentions))).events]


def types(coder, text, mentions=()):
    return {t for t, _ in coded(coder, text, mentions)}


def test_light_verb_shanna_with_its_object_after_a_count(coder):
    text = "وتشن المقاومة الإسلامية ست عمليات على مواقع الاحتلال الحدودية امس."
    assert "ASSAULT" in types(coder, text, [("actor", "المقاومة الإسلامية", {}), ("date", "امس", {})])
    # شن with no attack noun after it is not an attack
    assert "ASSAULT" not in types(coder, "وشن الوزير حملة انتخابية واسعة.")


def test_escalation_is_an_attack_only_against_someone(coder):
    text = "وتشهد المنطقة تصعيدا من قسد ضد الجيش التركي."
    assert "ASSAULT" in types(coder, text, [("actor", "قسد", {}), ("actor", "الجيش التركي", {})])
    assert "ASSAULT" not in types(coder, "ودعا الوزير إلى تجنب التصعيد في المنطقة.")


def test_ambush_phrases_and_clash_light_verbs(coder):
    assert "ASSAULT" in types(coder, "وكانت كتائب القسام أعدت كمينا لقوة إسرائيلية.", [("actor", "كتائب القسام", {})])
    assert "ASSAULT" in types(coder, "والمقاومة تخوض معها اشتباكات عنيفة.", [("actor", "المقاومة", {})])


def test_eliminate_fighters_needs_someone_involved(coder):
    text = "وقالت الوكالة إن القوات الحكومية قضت على عدد من المسلحين."
    assert "ASSAULT" in types(coder, text, [("actor", "القوات الحكومية", {})])


def test_verb_of_expressing_is_typed_by_the_object_after_its_subject(coder):
    # one verb, several readings: the complement that follows picks the type (VSO: the subject between)
    hope = coded(coder, "وأعرب الرئيس الفرنسي فرنسوا هولاند عن أمله في أن يتخذ الأوروبيون قرارا.",
                 [("person", "الرئيس الفرنسي فرنسوا هولاند", {})])
    assert ("REQUEST", "أعرب") in hope
    concern = coded(coder, "وأبدت المنظمة الدولية للهجرة قلقها من تدهور الوضع.", [("actor", "المنظمة الدولية للهجرة", {})])
    assert ("ACCUSE", "أبدت") in concern
    support = coded(coder, "وجدد السفير الروسي دعمه لجهود الأمم المتحدة.", [("person", "السفير الروسي", {}), ("org", "الأمم المتحدة", {})])
    assert ("SUPPORT", "جدد") in support
    # with none of the complements the verb is no event
    assert coded(coder, "وأبدى الوزير ملاحظات على التقرير.", [("person", "الوزير", {})]) == []


def test_readings_share_the_forms_but_not_the_entry():
    from rasd.events.triggers import trigger_lexicon
    lex = trigger_lexicon()
    base = lex.entries["trigger.accuse.concern_subject_between"]
    hope = lex.entries["trigger.accuse.concern_subject_between.hope"]
    assert base.type == "ACCUSE" and hope.type == "REQUEST" and "امله" in hope.needs_word
    assert not hope.requires_participant and base.requires_participant


def test_hamza_of_a_noun_takes_its_seat_before_a_pronoun():
    from rasd.events.triggers import inflect_noun
    forms = set(inflect_noun("لقاء"))
    assert {"لقاءه", "لقائه", "لقاؤه", "لقائها"} <= forms


def test_meeting_noun_with_a_pronoun_is_found(coder):
    text = "وصرح الخطيب عقب لقائه الاثنين بوزير الخارجية المصري."
    assert "CONSULT" in types(coder, text, [("person", "الخطيب", {}), ("person", "وزير الخارجية المصري", {})])


def test_announced_course_of_strikes_is_a_threat(coder):
    text = "وأعلن المتحدث باسم الكتائب توجيه ضرباتها إلى القواعد الأميركية."
    got = types(coder, text, [("actor", "الكتائب", {})])
    assert "THREATEN" in got and "ASSAULT" not in got


def test_referral_to_court_is_an_accusation(coder):
    text = "وأحال القضاء العسكري عشرة أشخاص إلى المحكمة بتهمة الانتماء إلى جماعة مسلحة."
    assert "ACCUSE" in types(coder, text, [("actor", "القضاء العسكري", {})])


def test_reinforcing_is_a_mobilization_only_of_forces_or_positions(coder):
    assert "MOBILIZE" in types(coder, "وعززت تركيا قواتها على الحدود مع سوريا.", [("actor", "تركيا", {})])
    assert "MOBILIZE" in types(coder, "عزز الجيش اللبناني حواجزه في عدة مناطق.", [("actor", "الجيش اللبناني", {})])
    # عزز an argument, a role, fears: no troops move
    assert "MOBILIZE" not in types(coder, "وما يعزز هذا الطرح هو ما كشفته الصحيفة.")
    assert "MOBILIZE" not in types(coder, "وعزز سلطته في منصب كان ضعيفا.")


def test_an_offer_is_no_screening(coder):
    assert "AGREE" in types(coder, "وعرض الخطيب التفاوض على رحيل الأسد.", [("person", "الخطيب", {})])
    # عرض also shows: عرض التلفزيون مقاطع، عرض الصحف
    assert "AGREE" not in types(coder, "وعرض التلفزيون السوري مقاطع مصورة للمسجد بعد التفجير.")
    assert "AGREE" not in types(coder, "بداية عرض الصحف من صحيفة السياسة الكويتية.")


def test_closing_a_file_or_a_door_to_a_chance_is_no_closure(coder):
    assert "COERCE" in types(coder, "وأغلقت السلطات الأردنية معبر جابر الحدودي مع سوريا.", [("actor", "السلطات الأردنية", {})])
    assert "COERCE" not in types(coder, "في ظل السعي إلى إغلاق ملف لوكربي بشكل نهائي.")
    assert "COERCE" not in types(coder, "وهذه الخطوة ستغلق الباب تماما أمام فرصة التعاون.")
