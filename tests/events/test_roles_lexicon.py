"""Generic participants the role rules need the actor lexicon to know (actors/generic.yaml)."""
from __future__ import annotations

import pytest

from rasd.recognize.actors import ActorRecognizer
from rasd.settings import Settings


@pytest.fixture(scope="module")
def recognizer() -> ActorRecognizer:
    return ActorRecognizer(Settings())


def ids(recognizer, text):
    return [(m.text, m.entity_id) for m in recognizer.recognize(text, None)]


def test_indefinite_tribal_fighters_join_a_list_of_forces(recognizer):
    found = ids(recognizer, "وتحاصر قوات مؤلفة من الجيش العراقي وقوات كردية ومقاتلي عشائر وقوات الحشد الموصل.")
    assert ("مقاتلي عشائر", "actor.gen.tribal_fighters") in found
    # the definite tribes are Syria's Arab tribal forces
    assert ("مقاتلي العشائر", "actor.syr.tribal_forces") in ids(recognizer, "هاجم مقاتلي العشائر مواقع قسد.")


def test_border_guards_are_an_actor(recognizer):
    found = ids(recognizer, "وأعلنت الوزارة أن حرس الحدود أسقط طائرة مسيرة.")
    assert any(t == "حرس الحدود" and i == "actor.gen.border_guards" for t, i in found)
