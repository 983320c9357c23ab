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


def test_excluded_whole_words_are_not_triggers():
    lex = trigger_lexicon()
    found = {(h.text, h.best.entry.type) for h in lex.find("وأعلنت وزارة الصحة أن الوفد زاره أمس.")}
    assert not any(t == "وزارة" for t, _ in found)
    assert ("زاره", "CONSULT") in found


def test_homographs_of_half_areas_achieving_and_price():
    lex = trigger_lexicon()
    text = "قتل نصف الضحايا في المدينة مع تحقيق إصابات مباشرة، وارتفع ثمن الخبز."
    types = {h.best.entry.type for h in lex.find(text)}
    assert not types & {"ACCUSE", "REJECT", "SUPPORT"}


def test_circumstantial_participles_read_as_verbs_but_not_with_the_article():
    lex = trigger_lexicon()
    hits = {h.text: h for h in lex.find("أعلنت الأمم المتحدة احتجاز مراقبيها، داعية إلى إطلاق سراحهم.")}
    assert hits["داعية"].best.entry.type == "REQUEST" and hits["داعية"].best.pos == VERB_PAST
    # المتهمين with the article is "the accused", a noun, not the participle "accusing"
    assert not any(h.text == "المتهمين" for h in lex.find("وأحيل بقية المتهمين إلى القضاء."))


def test_investigation_needs_its_preposition():
    lex = trigger_lexicon()
    assert [h.best.entry.type for h in lex.find("وفتحت النيابة تحقيقا في الحادث")] == ["ACCUSE"]
    assert not [h for h in lex.find("بعد وعود بتحقيق تقدم") if h.best.entry.type == "ACCUSE"]


def test_phrase_final_preposition_takes_a_pronoun_unless_the_entry_opts_out():
    assert {"افرج عنه", "سيفرجون عنهم"} <= surfaces("{أفرج/يفرج} عن")
    lex = trigger_lexicon()
    assert [h.best.entry.type for h in lex.find("ثم أفرج عنه أمس")] == ["RETREAT"]
    # "the areas it controls" describes, it reports no seizure
    assert lex.find("في المناطق التي تسيطر عليها المعارضة") == []


def test_trigger_glued_to_the_word_before_it():
    # Al Mayadeen's link text runs into its neighbours: العراقاستهداف, مراسلةالميادينانسحاب
    text = "أكدت المقاومة الإسلامية في العراقاستهداف القاعدة الأميركية."
    hits = trigger_lexicon().find(text)
    glued = [h for h in hits if h.text == "استهداف"]
    assert glued and text[glued[0].start:glued[0].end] == "استهداف"
    assert glued[0].best.entry.type == "ASSAULT"


def test_inflected_words_are_not_split_as_glued():
    from rasd.events.triggers import glue_points
    # اعتداءاتهم is اعتداءات + هم, not اعتداء + اتهم ("accused"); أميركيان is a dual
    assert glue_points("وقف اعتداءاتهم وجرائمهم") == []
    assert glue_points("وأصيب أميركيان بجروح") == []
    text = "بحسب مراسلةالميادينانسحاب القوات"
    assert [text[p:p + 3] for p in glue_points(text)] == ["الم", "انس"]


def test_a_word_written_with_ta_marbuta_is_no_pronoun_form():
    """Normalization writes ة as ه: وعودة ("and the return") must not read as وعوده ("his promises"),
    nor طالبة (a student) as طالبه ("he asked him"); a lexicon word ending in ة still matches."""
    lex = trigger_lexicon()
    found = lambda text: {h.text for h in lex.find(text)}
    assert "وعودة" not in found("يقضي الاتفاق بفك الحصار وعودة الأهالي إلى منازلهم")
    assert "طالبة" not in found("أصيبت طالبة جامعية في الحادث")
    assert "وعوده" in found("كرر الوزير وعوده للأهالي")
    assert "تظاهرة" in found("خرجت تظاهرة حاشدة في المدينة")
    assert "قناصة" in found("قتل برصاص قناصة في الحي")
