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
