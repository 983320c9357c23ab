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


IRQ_RES = {"entity_id": "actor.irq.islamic_resistance", "name_en": "Islamic Resistance in Iraq"}
USA = {"entity_id": "actor.usa", "name_en": "United States", "country": "USA"}
ISR = {"entity_id": "actor.isr", "name_en": "Israel", "country": "ISR"}
IRN = {"entity_id": "actor.irn", "name_en": "Iran", "country": "IRN"}
POWERS = {"entity_id": "actor.world_powers", "name_en": "world powers"}


def test_carrier_verb_lends_its_subject_across_a_long_subject(coder):
    e = only(coder, "وتبنّت المقاومة الإسلامية في العراق أيضاً، استهداف قاعدة لقوات النظام.",
             [("actor", "المقاومة الإسلامية في العراق", IRQ_RES), ("actor", "قوات النظام", GOV)], "ASSAULT")
    assert names(e.actor) == ["Islamic Resistance in Iraq"] and names(e.recipient) == ["Syrian government forces"]


def test_carrier_verb_does_not_reach_a_noun_that_is_not_its_object(coder):
    text = "وأعلنت القوات الأميركية عن إصابة جنود في هجوم صاروخي."
    events = [e for e in coder(article_with(text, [("actor", "القوات الأميركية", USA)])).events
              if e.trigger.text == "هجوم"]
    assert all(names(e.actor) != ["United States"] for e in events)


def test_relative_clause_names_the_doer_of_a_noun(coder):
    e = only(coder, "وأدانت طهران العدوان الذي شنّه الاحتلال الإسرائيلي على مدينة حلب.",
             [("actor", "طهران", IRN), ("actor", "الاحتلال الإسرائيلي", ISR)], "ASSAULT")
    assert names(e.actor) == ["Israel"]


def test_experiencer_subject_is_the_recipient(coder):
    e = only(coder, "وقالت مصادر إن القوات الأميركية تعرضت لهجوم بطائرة مسيرة.",
             [("actor", "القوات الأميركية", USA)], "ASSAULT")
    assert e.actor == [] and names(e.recipient) == ["United States"]


def test_owner_of_the_target_after_lam_is_the_recipient(coder):
    e = only(coder, "هاجم مسلحون فجر اليوم بشكل متزامن نقاطا لقوات النظام في البادية.",
             [("actor", "مسلحون", {"entity_id": "actor.gen.militants", "name_en": "militants"}),
              ("actor", "قوات النظام", GOV)], "ASSAULT")
    assert names(e.actor) == ["militants"] and names(e.recipient) == ["Syrian government forces"]


def test_agreement_verb_keeps_its_ma_object_as_recipient(coder):
    e = only(coder, "وأبرمت إيران اتفاقا مع القوى الدولية حول برنامجها النووي.",
             [("actor", "إيران", IRN), ("actor", "القوى الدولية", POWERS)], "AGREE")
    assert names(e.actor) == ["Iran"] and names(e.recipient) == ["world powers"]


def test_nationality_adjective_of_an_attack_noun_is_the_doer(coder):
    isr = {"entity_id": "actor.isr", "name_en": "Israel", "country": "ISR", "rule": "actor:action+demonym"}
    civ = {"entity_id": "actor.gen.civilians", "name_en": "civilians"}
    e = only(coder, "وقتل ثلاثة مدنيين إثر غارة إسرائيلية على القرية.",
             [("actor", "مدنيين", civ), ("actor", "إسرائيلية", isr)], "ASSAULT")
    assert names(e.actor) == ["Israel"] and names(e.recipient) == ["civilians"]
    tur = dict(TUR, rule="actor:action+demonym")
    e = only(coder, "وتعرضت القرية لقصف مدفعي تركي.", [("actor", "تركي", tur)], "ASSAULT")
    assert names(e.actor) == ["Turkey"]


def test_prepositional_recipient_set_off_by_a_comma(coder):
    usa = {"entity_id": "actor.usa", "name_en": "United States", "country": "USA"}
    e = only(coder, "وأطلقت الولايات المتحدة 59 صاروخا، على قاعدة جوية سورية ردا على الهجوم.",
             [("actor", "الولايات المتحدة", usa), ("actor", "قاعدة جوية سورية", GOV)], "ASSAULT")
    assert names(e.actor) == ["United States"] and names(e.recipient) == ["Syrian government forces"]


JOR = {"entity_id": "actor.jor", "name_en": "Jordan", "country": "JOR"}
QAT = {"entity_id": "actor.qat", "name_en": "Qatar", "country": "QAT"}
SYR_GOV = {"entity_id": "actor.syr.gov", "name_en": "Syrian government", "country": "SYR"}


def test_relative_clause_verb_takes_the_antecedent_as_subject(coder):
    # the noun after a relative verb is its object, not a VSO subject; the subject is the antecedent
    e = only(coder, "وطرحت الأردن و قطر المشروع الذي يتهم دمشق بارتكاب الانتهاكات.",
             [("actor", "الأردن", JOR), ("actor", "قطر", QAT), ("actor", "دمشق", SYR_GOV)], "ACCUSE")
    assert names(e.actor) == ["Jordan", "Qatar"] and names(e.recipient) == ["Syrian government"]


def test_relative_clause_of_time_has_no_antecedent_subject(coder):
    e = only(coder, "وقالت الأردن في الوقت الذي اتهمت فيه قطر دمشق بارتكاب الانتهاكات.",
             [("actor", "الأردن", JOR), ("actor", "قطر", QAT), ("actor", "دمشق", SYR_GOV)], "ACCUSE")
    assert names(e.actor) == ["Qatar"]


def test_counterpart_name_after_ma_is_a_party_of_the_talks(coder):
    lavrov = {"entity_id": "person.lavrov", "name_en": "Sergey Lavrov"}
    muallem = {"entity_id": "person.muallem", "name_en": "Walid al-Muallem"}
    e = only(coder, "وقال المعلم قبل محادثات مع نظيره الروسي سيرغي لافروف إن الحكومة مستعدة.",
             [("person", "المعلم", muallem), ("person", "سيرغي لافروف", lavrov)], "CONSULT")
    assert set(names(e.actor + e.recipient)) == {"Walid al-Muallem", "Sergey Lavrov"}


def test_target_noun_genitive_is_the_recipient(coder):
    usa = {"entity_id": "actor.usa", "name_en": "United States", "country": "USA"}
    resistance = {"entity_id": "actor.irq.resistance", "name_en": "Islamic Resistance in Iraq", "country": "IRQ"}
    e = only(coder, "وتبنت المقاومة الإسلامية في العراق أمس استهداف القوات الأميركية في أربيل.",
             [("actor", "المقاومة الإسلامية في العراق", resistance), ("actor", "القوات الأميركية", usa)], "ASSAULT")
    assert names(e.recipient) == ["United States"]
    e = only(coder, "وأكدت المصادر استهداف القوات الأميركية في أربيل.",
             [("actor", "القوات الأميركية", usa)], "ASSAULT")
    assert names(e.recipient) == ["United States"] and "Islamic Resistance in Iraq" not in names(e.actor)


def test_owner_of_a_target_after_a_comma_is_the_recipient(coder):
    # a time phrase set off by a comma splits the clause: the owner after the target noun still counts
    e = only(coder, "هاجم مسلحون فجر اليوم الأربعاء، بشكل متزامن نقاطا للجيش السوري على منطقة الكوم.",
             [("actor", "مسلحون", {"entity_id": "actor.gen.militants", "name_en": "militants"}),
              ("actor", "للجيش السوري", GOV)], "ASSAULT")
    assert names(e.recipient) == ["Syrian government forces"]


def test_owner_of_a_list_of_bases_and_a_glued_demonym(coder):
    resistance = {"entity_id": "actor.irq.islamic_resistance", "name_en": "Islamic Resistance in Iraq"}
    e = only(coder, "وتبنت المقاومة الإسلامية استهداف قاعدة حقل العمر النفطي في ريف دير الزور وقاعدة الشدادي "
                    "الأميركيتين بطائرات مسيرة.", [("actor", "المقاومة الإسلامية", resistance)], "ASSAULT")
    assert names(e.recipient) == ["United States"]
    e = only(coder, "وأعلنت المقاومة الإسلامية استهداف قاعدة الشدادي الأميركيةفي سوريا برشقة صاروخية.",
             [("actor", "المقاومة الإسلامية", resistance)], "ASSAULT")
    assert names(e.recipient) == ["United States"]
    # the demonym of an army named after the position is that army's, not an owner of its own
    e = only(coder, "وأعلنت المقاومة الإسلامية استهداف مواقع الجيش السوري في ريف حلب.",
             [("actor", "المقاومة الإسلامية", resistance)], "ASSAULT")
    assert "Syria" not in names(e.recipient)


def test_quoted_names_joined_by_wa_form_one_actor(coder):
    hts = {"entity_id": "actor.hts", "name_en": "Hay'at Tahrir al-Sham"}
    tip = {"entity_id": "actor.tip", "name_en": "Turkistan Islamic Party"}
    e = only(coder, 'وتصدت القوات لهجوم نفذته "هيئة تحرير الشام" و"الحزب الإسلامي التركستاني" على جبهة الفوج.',
             [("actor", "هيئة تحرير الشام", hts), ("actor", "الحزب الإسلامي التركستاني", tip)], "ASSAULT")
    assert names(e.actor) == ["Hay'at Tahrir al-Sham", "Turkistan Islamic Party"]


def test_offer_to_negotiate_with_someone_is_made_to_them(coder):
    khatib = {"entity_id": "person.khatib", "name_en": "Moaz al-Khatib"}
    assad = {"entity_id": "person.assad", "name_en": "Bashar al-Assad"}
    e = only(coder, "وانتقد الائتلاف الخطيب لعرضه التفاوض مع الرئيس بشار الأسد.",
             [("person", "الخطيب", khatib), ("person", "الرئيس بشار الأسد", assad)], "AGREE")
    assert "Bashar al-Assad" in names(e.recipient)


def test_a_known_actor_beats_a_guessed_name_running_over_it(coder):
    ven = {"entity_id": "actor.ven", "name_en": "Venezuela", "country": "VEN"}
    text = "وقال المصدر إن الرئيس الفنزويلي يتهم منافسه الأبرز بالتخطيط لانقلاب."
    art = article_with(text, [("actor", "الرئيس الفنزويلي", ven), ("person", "الرئيس الفنزويلي يتهم منافسه الأبرز", {"source": "rule", "rule": "person:title"})])
    accuse = [e for e in coder(art).events if e.type == "ACCUSE"]
    assert accuse and names(accuse[0].actor) == ["Venezuela"]


def test_who_attends_a_summit_is_its_actor(coder):
    irn = {"entity_id": "actor.irn", "name_en": "Iran", "country": "IRN"}
    oic = {"entity_id": "actor.oic", "name_en": "Organisation of Islamic Cooperation"}
    e = only(coder, "ويحضر الزعيم الإيراني قمة منظمة التعاون الإسلامي في القاهرة.",
             [("actor", "الزعيم الإيراني", irn), ("actor", "منظمة التعاون الإسلامي", oic)], "CONSULT")
    assert "Iran" in names(e.actor)


def test_a_condemnation_blames_the_doer_named_in_a_relative_clause(coder):
    mofa = {"entity_id": "actor.syr.mofa", "name_en": "Syrian Ministry of Foreign Affairs", "country": "SYR"}
    isr = {"entity_id": "actor.isr", "name_en": "Israel", "country": "ISR"}
    e = only(coder, "دانت وزارة الخارجية السورية، اليوم الجمعة، العدوان الإرهابي الذي شنّه الاحتلال الإسرائيلي فجراً.",
             [("actor", "وزارة الخارجية السورية", mofa), ("actor", "الاحتلال الإسرائيلي", isr)], "ACCUSE")
    assert names(e.actor) == ["Syrian Ministry of Foreign Affairs"] and names(e.recipient) == ["Israel"]
    # an agreement someone concluded is no hostile act: its party is not blamed
    e = only(coder, "وقالت الحكومة الإيرانية إن القرار يعد انتهاكا للاتفاق الذي أبرمته إيران مع القوى الدولية.",
             [("actor", "الحكومة الإيرانية", IRN), ("actor", "إيران", IRN)], "ACCUSE")
    assert "roles.condemned_doer" not in e.provenance.rules


def test_the_antecedent_of_a_relative_killing_verb_without_object_is_its_victim(coder):
    mousavi = {"entity_id": "person.mousavi", "name_en": "Razi Mousavi"}
    text = "ونعت إيران السيد رضي موسوي الذي استشهد في غارة على دمشق."
    art = article_with(text, [("person", "السيد رضي موسوي", mousavi)])
    killed = [e for e in coder(art).events if e.type == "ASSAULT" and "استشهد" in e.trigger.text]
    assert killed and "Razi Mousavi" not in names(killed[0].actor)


def test_a_name_inside_a_place_name_is_no_participant(coder):
    resistance = {"entity_id": "actor.irq.islamic_resistance", "name_en": "Islamic Resistance in Iraq"}
    assad = {"entity_id": "person.assad", "name_en": "Bashar al-Assad"}
    e = only(coder, 'واستهدفت المقاومة الإسلامية قاعدة "عين الأسد" في محافظة الأنبار.',
             [("actor", "المقاومة الإسلامية", resistance), ("person", "الأسد", assad)], "ASSAULT")
    assert "Bashar al-Assad" not in names(e.actor + e.recipient)


def test_an_unnamed_subject_made_of_named_forces_has_them_as_actors(coder):
    irq = {"entity_id": "actor.irq.forces", "name_en": "Iraqi security forces", "country": "IRQ"}
    pes = {"entity_id": "actor.irq.peshmerga", "name_en": "Peshmerga", "country": "IRQ"}
    pmf = {"entity_id": "actor.irq.pmf", "name_en": "Popular Mobilization Forces", "country": "IRQ"}
    e = only(coder, "وتحاصر قوات قوامها مئة ألف مؤلفة من الجيش العراقي وقوات كردية وقوات الحشد مدينة الموصل.",
             [("actor", "الجيش العراقي", irq), ("actor", "قوات كردية", pes), ("actor", "قوات الحشد", pmf)], "COERCE")
    assert names(e.actor) == ["Iraqi security forces", "Peshmerga", "Popular Mobilization Forces"]


def test_the_party_after_bi_just_after_an_attack_is_harmed_but_not_a_weapon(coder):
    pal = {"entity_id": "actor.gen.palestinians", "name_en": "Palestinians"}
    isr = {"entity_id": "actor.isr", "name_en": "Israel", "country": "ISR"}
    e = only(coder, "واقتحمت القوات الإسرائيلية المخيم وسط تنكيل وحشي بالفلسطينيين.",
             [("actor", "القوات الإسرائيلية", isr), ("actor", "الفلسطينيين", pal)], "ASSAULT")
    assert "Palestinians" in names(e.recipient)
    e = only(coder, "قصفت القوات الإسرائيلية البلدة بطائرات إسرائيلية مساء أمس.",
             [("actor", "القوات الإسرائيلية", isr), ("actor", "طائرات إسرائيلية", isr)], "ASSAULT")
    assert e.recipient == [] or "Israel" not in names(e.recipient)


def test_a_martyr_in_the_accusative_is_the_one_mourned(coder):
    irn = {"entity_id": "actor.irn", "name_en": "Iran", "country": "IRN"}
    mousavi = {"entity_id": "person.mousavi", "name_en": "Razi Mousavi"}
    isr = {"entity_id": "actor.isr", "name_en": "Israel", "country": "ISR", "rule": "actor:action+demonym"}
    e = only(coder, "الرئيس الإيراني ينعى العميد رضي موسوي شهيدا إثر غارة إسرائيلية في دمشق.",
             [("actor", "الرئيس الإيراني", irn), ("person", "العميد رضي موسوي", mousavi), ("actor", "إسرائيلية", isr)],
             "ASSAULT")
    assert "Razi Mousavi" in names(e.recipient)
    # the mourner just before the verb: the side that lost him (the gate needs more than this sentence)
    from rasd.events.roles import _mourned_before, place_slots
    from rasd.model import Mention
    from rasd.segment import segment
    text = "المقاومة الإسلامية في العراق تزف شهيدا على طريق القدس"
    sent = segment(text)[0]
    slots = place_slots(sent, text, [Mention(kind="actor", start=0, end=28, text=text[:28], entity_id="a.r")])
    first = next(i for i, t in enumerate(sent.tokens) if t.text == "شهيدا")
    assert _mourned_before(sent.tokens, slots, first, set()) == 0


UAE = {"entity_id": "actor.are", "name_en": "United Arab Emirates", "country": "ARE"}
SYR = {"entity_id": "actor.syr.gov", "name_en": "Syrian government", "country": "SYR"}


def test_the_wire_credit_line_names_no_actor(coder):
    # دبي، الإمارات العربية المتحدة (CNN) -- is where CNN filed the story, not who acted
    text = ("دبي، الإمارات العربية المتحدة (CNN)-- استنكرت الحكومة السورية القرار.\n"
            "وقتل 20 شخصا في مدينة حمص أمس.")
    e = only(coder, text, [("actor", "الإمارات العربية المتحدة", UAE), ("actor", "الحكومة السورية", SYR)], "ACCUSE")
    assert names(e.actor) == ["Syrian government"]
    events = coder(article_with(text, [("actor", "الإمارات العربية المتحدة", UAE)])).events
    assert events and all("United Arab Emirates" not in names(e.actor + e.recipient) for e in events)


def test_a_sentence_naming_an_english_acronym_is_no_credit_line():
    from rasd.events.coder import _credit_line_end
    assert _credit_line_end("القدس (CNN) -- أعلن") == len("القدس (CNN) --")
    assert _credit_line_end("أعلن تنظيم الدولة الإسلامية (ISIS) - مسؤوليته عن التفجير") == 0


def test_the_injured_of_a_passive_verb_take_no_actor_from_the_discourse(coder):
    # أُصيب is passive (the active is أصاب): the wounded are its subject, the last actor told is not its doer
    text = "وقال المتحدث باسم الأمم المتحدة إن الوضع صعب.\nوأصيبت زوجته جراء المعارك."
    events = [e for e in coder(article_with(text, [("actor", "الأمم المتحدة", {"entity_id": "actor.un", "name_en": "United Nations"})])).events
              if e.type == "ASSAULT"]
    assert events and all(names(e.actor) == [] for e in events)
