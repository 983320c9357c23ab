"""Roles of passive killing verbs: the subject is the victim."""
from tests.events.conftest import article_with


def test_the_subject_of_a_passive_killing_verb_is_its_victim(coder):
    army = {"entity_id": "actor.egy.army", "name_en": "Egyptian Army"}
    text = "وقُتل عدد من أفراد الجيش المصري في شمال سيناء."
    art = article_with(text, [("actor", "الجيش المصري", army)])
    killed = [e for e in coder.code_article(art).events if e.type == "ASSAULT"]
    assert [p.name_en for p in killed[0].recipient] == ["Egyptian Army"]
    assert not killed[0].actor
    # the active verb keeps its subject as the actor
    text = "وقتل الجيش المصري عددا من المسلحين في شمال سيناء."
    art = article_with(text, [("actor", "الجيش المصري", army)])
    killed = [e for e in coder.code_article(art).events if e.type == "ASSAULT"]
    assert [p.name_en for p in killed[0].actor] == ["Egyptian Army"]
