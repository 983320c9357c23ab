"""The cached helpers in events.hotpaths give what the expressions they replace give."""
from rasd.events.hotpaths import carrier_verbs
from rasd.events.roles import verb_surfaces


def test_carrier_verbs_is_the_union_of_light_and_experiencer_verbs():
    union = verb_surfaces("light_verb") | verb_surfaces("experiencer_verb")
    assert carrier_verbs() == union and len(union) > len(verb_surfaces("light_verb"))
    assert carrier_verbs() is carrier_verbs()  # built once
