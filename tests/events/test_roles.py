from tests.events.conftest import article_with

SDF = {"entity_id": "actor.sdf", "name_en": "Syrian Democratic Forces", "country": "SYR"}
RUS = {"entity_id": "actor.rus", "name_en": "Russia", "country": "RUS"}
GOV = {"entity_id": "actor.syr.forces", "name_en": "Syrian government forces", "country": "SYR", "acled_type": 1}
TUR = {"entity_id": "actor.tur", "name_en": "Turkey", "country": "TUR", "acled_type": 8}


def only(coder, text, mentions, etype):
    events = [e for e in coder(article_with(text, mentions)).events if e.type == etype]
    assert len(events) == 1, [(e.type, e.trigger.text) for e in events]
    return events[0]


def names(parts):
    return [p.name_en for p in parts]


def test_vso_with_preposition_object(coder):
    e = only(coder, "وطالب الروس من قوات قسد السماح بإدخال المساعدات.",
             [("actor", "الروس", RUS), ("actor", "قوات قسد", SDF)], "REQUEST")
    assert names(e.actor) == ["Russia"] and names(e.recipient) == ["Syrian Democratic Forces"]


def test_svo_after_inna_and_plural_verb_takes_object(coder):
    e = only(coder, "وقالت مراسلتنا إن الروس أمهلوا قوات قسد 72 ساعة.",
             [("actor", "الروس", RUS), ("actor", "قوات قسد", SDF)], "REQUEST")
    assert names(e.actor) == ["Russia"] and names(e.recipient) == ["Syrian Democratic Forces"]


def test_light_verb_noun_meeting_is_symmetric(coder):
    e = only(coder, "عقدت قوات قسد اجتماعا مغلقا مع ضباط روس في القامشلي.",
             [("actor", "قوات قسد", SDF), ("actor", "ضباط روس", RUS)], "CONSULT")
    assert names(e.actor) == ["Syrian Democratic Forces", "Russia"] and e.recipient == []


def test_compound_subject_before_verb(coder):
    e = only(coder, "وكان الروس وقوات قسد قد اجتمعوا لأول مرة.",
             [("actor", "الروس", RUS), ("actor", "قوات قسد", SDF)], "CONSULT")
    assert names(e.actor) == ["Russia", "Syrian Democratic Forces"]


def test_passive_agent_after_min_qibal(coder):
    e = only(coder, "إلا أن المقترح قوبل بالرفض من قبل قوات قسد.", [("actor", "قوات قسد", SDF)], "REJECT")
    assert names(e.actor) == ["Syrian Democratic Forces"]


def test_nominal_attack_genitive_actor_and_ala_recipient(coder):
    e = only(coder, "أسفر هجوم الجيش التركي على قوات النظام عن دمار كبير.",
             [("actor", "الجيش التركي", TUR), ("actor", "قوات النظام", GOV)], "ASSAULT")
    assert names(e.actor) == ["Turkey"] and names(e.recipient) == ["Syrian government forces"]


def test_implicit_actor_from_the_previous_clause(coder):
    text = "اقتحمت قوات النظام بلدة في ريف درعا. واعتقلت عشرات الشبان."
    events = coder(article_with(text, [("actor", "قوات النظام", GOV)])).events
    assert [e.type for e in events] == ["COERCE", "COERCE"]
    assert names(events[1].actor) == ["Syrian government forces"]


def test_anaphor_al_akhira_resolves_to_last_actor(coder):
    text = "هاجمت القوات التركية مواقع قسد، وردت الأخيرة بقصف مدفعي."
    events = coder(article_with(text, [("actor", "القوات التركية", TUR), ("actor", "قسد", SDF)])).events
    shelling = [e for e in events if e.type == "ASSAULT" and "قصف" in e.trigger.text]
    assert shelling and names(shelling[0].actor) == ["Syrian Democratic Forces"]
