"""The recipient of a statement event carried over from the event told just before it (carryover.py)."""
from __future__ import annotations

from rasd.events.carryover import carry_recipient
from rasd.events.triggers import TriggerEntry
from rasd.model import Event, Participant, Provenance, Span

SDF = Participant(text="قوات قسد", name_en="Syrian Democratic Forces", id="actor.sdf", country="SYR")
RUS_MP = Participant(text="ضباط من الشرطة العسكرية الروسية", name_en="Russian military police",
                     id="actor.rus.military_police", country="RUS")
RUS = Participant(text="القوات الروسية", name_en="Russia", id="actor.rus", country="RUS")
GOV = Participant(text="قوات النظام", name_en="Syrian government forces", id="actor.syr.forces", country="SYR")


def event(etype, sentence, actor, recipient=()):
    return Event(id=f"e{sentence}", type=etype, mode=None, status="asserted", trigger=Span(0, 1, "x"), mentions=[],
                 actor=list(actor), recipient=list(recipient), provenance=Provenance(sentences=[sentence]))


def entry(etype, **kw):
    return TriggerEntry(id=f"trigger.{etype.lower()}", type=etype, name_en=etype, **kw)


def test_a_demand_after_a_meeting_is_made_to_the_other_party():
    meeting = event("CONSULT", 0, [SDF, RUS_MP])
    rec, rule = carry_recipient(entry("REQUEST"), [RUS], [], [meeting], 2)
    assert [p.id for p in rec] == ["actor.sdf"] and rule == "roles.carried_recipient"


def test_the_same_party_keeps_addressing_the_same_recipient():
    demand = event("REQUEST", 2, [RUS], [SDF])
    rec, _ = carry_recipient(entry("AGREE"), [RUS], [], [demand], 3)
    assert [p.id for p in rec] == ["actor.sdf"]


def test_a_refusal_answers_the_one_who_offered():
    offer = event("AGREE", 7, [RUS], [SDF])
    rec, rule = carry_recipient(entry("REJECT"), [SDF], [], [offer], 8)
    assert [p.id for p in rec] == ["actor.rus"] and rule == "roles.reply_recipient"


def test_nothing_is_carried_too_far_or_onto_a_denial_or_a_material_act_or_an_own_recipient():
    meeting = event("CONSULT", 0, [SDF, RUS_MP])
    assert carry_recipient(entry("REQUEST"), [RUS], [], [meeting], 5) == ([], "")
    assert carry_recipient(entry("REJECT", denial=True), [RUS], [], [meeting], 1) == ([], "")
    assert carry_recipient(entry("ASSAULT"), [RUS], [], [meeting], 1) == ([], "")
    assert carry_recipient(entry("REQUEST"), [RUS], [GOV], [meeting], 1) == ([], "")
    # agreements among the actors themselves, and a demand by an unrelated party
    assert carry_recipient(entry("AGREE", symmetric=True), [RUS], [], [meeting], 1) == ([], "")
    assert carry_recipient(entry("REQUEST"), [Participant(text="تركيا", name_en="Turkey", id="actor.tur",
                                                          country="TUR")], [], [meeting], 1) == ([], "")


def test_carry_recipients_walks_the_article_in_text_order():
    meeting = event("CONSULT", 0, [SDF, RUS_MP])
    demand = event("REQUEST", 2, [RUS])
    pledge = event("AGREE", 3, [RUS])
    entries = {"trigger.request": entry("REQUEST"), "trigger.agree": entry("AGREE"), "trigger.consult": entry("CONSULT")}
    for e, key in ((meeting, "trigger.consult"), (demand, "trigger.request"), (pledge, "trigger.agree")):
        e.provenance.lexicon_entries = [key]
    from rasd.events.carryover import carry_recipients
    changed = carry_recipients([pledge, meeting, demand], entries.get)
    assert changed == [demand, pledge]
    assert [p.id for p in demand.recipient] == ["actor.sdf"] and [p.id for p in pledge.recipient] == ["actor.sdf"]
    assert "roles.carried_recipient" in pledge.provenance.rules
