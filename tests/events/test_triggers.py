from rasd.events.triggers import NOUN, VERB_FUTURE, VERB_PAST, VERB_PRESENT, conjugate, expand_form, inflect_noun, trigger_lexicon
from rasd.normalize import normalize


def surfaces(form):
    return {s for s, _ in expand_form(form)}


def test_conjugation_covers_person_number_future_and_object_pronouns():
    forms = dict(conjugate("اعتقل", "يعتقل"))
    assert forms["اعتقلت"] == VERB_PAST and forms["اعتقلوا"] == VERB_PAST and forms["اعتقله"] == VERB_PAST
    assert forms["تعتقل"] == VERB_PRESENT and forms["يعتقلون"] == VERB_PRESENT
    assert forms["سيعتقل"] == VERB_FUTURE


def test_defective_verbs():
    forms = dict(conjugate("نفى", "ينفي"))
    assert {"نفي", "نفت", "نفوا", "تنفي", "ينفون"} <= set(forms)
    forms = dict(conjugate("دعا", "يدعو"))
    assert {"دعا", "دعت", "دعوا", "يدعو", "يدعون"} <= set(forms)


def test_noun_inflection_case_dual_and_possessives():
    assert {"هجوما", "هجومين", "هجومها"} <= set(inflect_noun("هجوم"))
    assert {"مطالبته", "مطالبتها", "مطالبه"} <= set(inflect_noun("مطالبة"))


def test_phrase_with_conjugated_light_verb():
    s = surfaces("{شن/يشن} هجوما")
    assert "شنت هجوما" in s and "سيشنون هجوما" in s


def test_lexicon_finds_triggers_with_clitics_and_tanween():
    lex = trigger_lexicon()
    text = "وقصفت الطائرات البلدة، وفرضت القوات حصاراً على المدينة واعتقلوه."
    found = {(h.text, h.best.entry.type) for h in lex.find(text)}
    assert ("قصفت", "ASSAULT") in found
    assert ("حصاراً", "COERCE") in found
    assert ("اعتقلوه", "COERCE") in found


def test_homograph_exclusions():
    lex = trigger_lexicon()
    text = "سافر من أجل العلاج فجر اليوم، وقال بايدن إنه سيعود لاحقا."
    assert lex.find(text) == []


def test_every_trigger_entry_has_a_plover_type_and_forms():
    lex = trigger_lexicon()
    types = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
             "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
    assert {e.type for e in lex.entries.values()} == types
    assert len(lex.matcher) > 1000
