"""Event coder filters: discontinuous complements, duplicates, background mentions."""
from tests.events.conftest import article_with

SYRIA = {"entity_id": "actor.syria", "name_en": "Syria"}
GROUPS = {"entity_id": "actor.terrorists", "name_en": "terrorist groups"}


def test_hold_responsible_needs_its_complement(coder):
    text = "وحملت سوريا الجماعات الإرهابية المسؤولية عن التفجير."
    art = article_with(text, [("actor", "سوريا", SYRIA), ("actor", "الجماعات الإرهابية", GROUPS)])
    events = [e for e in coder.code_article(art).events if e.type == "ACCUSE"]
    assert [e.trigger.text for e in events] == ["حملت"]
    assert [p.name_en for p in events[0].actor] == ["Syria"]
    plain = "وحملت سوريا الجرحى إلى المستشفى."
    art = article_with(plain, [("actor", "سوريا", SYRIA)])
    assert not [e for e in coder.code_article(art).events if e.type == "ACCUSE"]


def test_necessity_with_the_subject_between_verb_and_complement(coder):
    text = "وشدد الوزير على ضرورة إقرار القانون. وأكد الوزير أن ذلك ليس بالضرورة صحيحا."
    minister = {"entity_id": "actor.minister", "name_en": "minister"}
    art = article_with(text, [("actor", "الوزير", minister), ("actor", "الوزير", minister)])
    assert [(e.type, e.trigger.text) for e in coder.code_article(art).events] == [("REQUEST", "شدد")]


def test_idioms_are_not_events(coder):
    text = "ونقلت الوكالة عن المصدر الذي رفض الكشف عن هويته أن الجيش رفض العرض."
    army = {"entity_id": "actor.army", "name_en": "army"}
    art = article_with(text, [("actor", "الجيش", army)])
    assert [e.trigger.text for e in coder.code_article(art).events if e.type == "REJECT"] == ["رفض"]
    assert all(e.trigger.start > text.index("هويته") for e in coder.code_article(art).events)


def test_agentless_triggers_take_no_discourse_actor(coder):
    army = {"entity_id": "actor.army", "name_en": "army"}
    text = "وقصف الجيش مواقع المسلحين في المدينة. واندلعت اشتباكات عنيفة في الريف الشمالي."
    art = article_with(text, [("actor", "الجيش", army), ("actor", "المسلحين", GROUPS)])
    events = coder.code_article(art).events
    clash = [e for e in events if e.trigger.text.startswith("واندلعت") or "اشتباكات" in e.trigger.text]
    assert clash and all(not e.actor for e in clash)
    strike = [e for e in events if "قصف" in e.trigger.text]
    assert [p.name_en for p in strike[0].actor] == ["army"]


def test_a_monitor_is_not_the_discourse_actor_of_an_attack(coder):
    sohr = {"entity_id": "actor.sohr", "name_en": "Syrian Observatory for Human Rights", "sector": "NGO"}
    text = "وذكر المرصد السوري أن الاشتباكات مستمرة. وقصف مواقع في الريف الشمالي."
    art = article_with(text, [("actor", "المرصد السوري", sohr)])
    strikes = [e for e in coder.code_article(art).events if e.type == "ASSAULT"]
    assert strikes and all(not e.actor for e in strikes)


def test_the_owner_of_an_attacked_base_is_the_recipient(coder):
    resistance = {"entity_id": "actor.irq.islamic_resistance", "name_en": "Islamic Resistance in Iraq"}
    text = "واستهدفت المقاومة الإسلامية قاعدة حرير الأميركية قرب أربيل بطائرة مسيرة."
    art = article_with(text, [("actor", "المقاومة الإسلامية", resistance), ("place", "قاعدة حرير", {"lat": 36.25, "lon": 43.99})])
    attack = [e for e in coder.code_article(art).events if e.type == "ASSAULT"]
    assert [p.name_en for p in attack[0].recipient] == ["United States"]
    # a demonym inside an actor's name after the facility is that actor's, not the facility's owner
    text = "واستهدف التنظيم مواقع الجيش السوري في ضواحي تدمر."
    army = {"entity_id": "actor.syr.forces", "name_en": "Syrian government forces"}
    art = article_with(text, [("actor", "التنظيم", GROUPS), ("actor", "الجيش السوري", army)])
    attack = [e for e in coder.code_article(art).events if e.type == "ASSAULT"]
    assert "United States" not in [p.name_en for p in attack[0].recipient]
    assert all(p.text != "السوري" for p in attack[0].recipient)


def test_members_listed_after_a_group_join_its_role(coder):
    eu = {"entity_id": "actor.eu", "name_en": "European Union"}
    uk = {"entity_id": "actor.gbr", "name_en": "United Kingdom"}
    de = {"entity_id": "actor.deu", "name_en": "Germany"}
    text = "وأدان الاتحاد الأوربي وعدد من الدول الغربية، من بينهم المملكة المتحدة وألمانيا، الهجوم."
    art = article_with(text, [("actor", "الاتحاد الأوربي", eu), ("actor", "المملكة المتحدة", uk), ("actor", "ألمانيا", de)])
    condemn = [e for e in coder.code_article(art).events if e.type == "ACCUSE"]
    assert [p.name_en for p in condemn[0].actor] == ["European Union", "United Kingdom", "Germany"]
    # "بينهم" alone is "between them", no member list
    text = "وأدان الاتحاد الأوربي الهجوم بعد التشاور بينهم وبين المملكة المتحدة."
    art = article_with(text, [("actor", "الاتحاد الأوربي", eu), ("actor", "المملكة المتحدة", uk)])
    condemn = [e for e in coder.code_article(art).events if e.type == "ACCUSE"]
    assert [p.name_en for p in condemn[0].actor] == ["European Union"]


def test_sanctions_that_target_a_sector_are_no_attack(coder):
    text = "ويحتوي القانون على عقوبات تستهدف قطاعات المصارف والطاقة في إيران."
    art = article_with(text, [])
    assert not [e for e in coder.code_article(art).events if e.type == "ASSAULT"]


def test_a_reporting_source_is_not_the_doer_of_the_next_event(coder):
    sources = {"entity_id": None, "name_en": None}
    resistance = {"entity_id": "actor.irq.islamic_resistance", "name_en": "Islamic Resistance in Iraq"}
    text = "وقالت مصادر محلية إن المقاومة الإسلامية أعلنت بيانها.\n\nواستهدفت قاعدة عسكرية بثلاث طائرات مسيرة."
    art = article_with(text, [("actor", "مصادر محلية", sources), ("actor", "المقاومة الإسلامية", resistance)])
    attack = [e for e in coder.code_article(art).events if e.type == "ASSAULT"]
    assert attack and all(p.text != "مصادر محلية" for p in attack[0].actor)


def test_the_motive_of_a_protest_is_no_event_of_its_own(coder):
    # وقفة ... رفضا للعدوان: "in rejection of" says why they protest, it is no REJECT
    text = "ونظم طلاب الجامعة وقفة احتجاجية في دمشق رفضا للعدوان."
    art = article_with(text, [("actor", "طلاب الجامعة", {"entity_id": "actor.gen.students", "name_en": "students"})])
    types = [e.type for e in coder.code_article(art).events]
    assert "PROTEST" in types and "REJECT" not in types


def test_throughout_is_no_postponement(coder):
    # أرجاء (throughout) and إرجاء (postponement) fold to one form: the idiom keeps them apart
    gov = {"entity_id": "actor.gov", "name_en": "government"}
    text = "وانتشرت قوات الحكومة في مختلف أرجاء المدينة."
    art = article_with(text, [("actor", "الحكومة", gov)])
    assert not [e for e in coder.code_article(art).events if e.type == "REJECT"]
    text = "وأعلنت الحكومة إرجاء المحادثات إلى الأسبوع المقبل."
    art = article_with(text, [("actor", "الحكومة", gov)])
    assert [e.trigger.text for e in coder.code_article(art).events if e.type == "REJECT"] == ["إرجاء"]



def test_two_strikes_told_at_different_times_stay_two(coder):
    us = {"entity_id": "actor.usa", "name_en": "United States"}
    text = ("وقبل شهر، قصفت القوات الأمريكية الجسر الثاني في المدينة وبعد ذلك بأسبوعين قصفت القوات الأمريكية "
            "الجسر الخامس.")
    art = article_with(text, [("actor", "القوات الأمريكية", us), ("actor", "القوات الأمريكية", us)])
    strikes = [e for e in coder.code_article(art).events if e.type == "ASSAULT"]
    assert len(strikes) == 2
    # without the time words the second report is a retelling of the first
    same = "قصفت القوات الأمريكية الجسر في المدينة وقصفت القوات الأمريكية الجسر."
    art = article_with(same, [("actor", "القوات الأمريكية", us), ("actor", "القوات الأمريكية", us)])
    assert len([e for e in coder.code_article(art).events if e.type == "ASSAULT"]) == 1


def test_time_phrase_after_a_reporting_verb_is_that_verbs():
    from rasd.events.timing import time_key, time_phrases
    from rasd.segment import segment
    sent = segment("أدانت الصين قبل يومين قتل مواطنيها، وقبل شهر قصفت الطائرات المدينة.")[0]
    norms = [t.norm for t in sent.tokens]
    phrases = time_phrases(sent)
    kill = norms.index("قتل")
    assert time_key(sent, kill, 1, kill + 2, phrases) is None  # قبل يومين is the condemnation's
    shell = norms.index("قصفت")
    assert time_key(sent, shell, kill + 1, len(norms) - 1, phrases) == "words:قبل شهر"



def test_a_clash_is_not_a_retelling_of_a_shelling(coder):
    israel = {"entity_id": "actor.israel", "name_en": "Israel"}
    text = "وقصفت قوات الاحتلال مدينة رفح. وخاضت المقاومة اشتباكات عنيفة مع قوات الاحتلال في رفح."
    art = article_with(text, [("actor", "قوات الاحتلال", israel), ("actor", "قوات الاحتلال", israel),
                              ("place", "رفح", {"entity_id": "place.rafah", "name_en": "Rafah", "lat": 31.29, "lon": 34.25}),
                              ("place", "رفح", {"entity_id": "place.rafah", "name_en": "Rafah", "lat": 31.29, "lon": 34.25})])
    attacks = [e for e in coder.code_article(art).events if e.type == "ASSAULT"]
    assert len(attacks) == 2
    # the killed in a clash are its toll: the clash told again, not another event
    toll = "واندلعت اشتباكات عنيفة مع قوات الاحتلال في رفح. وقتل 12 شخصا في رفح برصاص قوات الاحتلال."
    art = article_with(toll, [("actor", "قوات الاحتلال", israel), ("actor", "قوات الاحتلال", israel)])
    assert len([e for e in coder.code_article(art).events if e.type == "ASSAULT"]) == 1


def test_a_clash_in_the_clause_of_a_shelling_is_a_second_event(coder):
    # corpus-dev (nc2013-0072): قصفا واشتباكات بين القوات الحكومية والمعارضة المسلحة
    army = {"entity_id": "actor.syr.army", "name_en": "Syrian government forces"}
    rebels = {"entity_id": "actor.syr.opposition", "name_en": "Syrian opposition"}
    text = "وقالت اللجان إن عدة مناطق في حلب تشهد قصفا واشتباكات بين القوات الحكومية والمعارضة المسلحة."
    art = article_with(text, [("actor", "القوات الحكومية", army), ("actor", "المعارضة المسلحة", rebels)])
    attacks = [e for e in coder.code_article(art).events if e.type == "ASSAULT"]
    assert sorted(e.trigger.text for e in attacks) == ["اشتباكات", "قصفا"]
    # an exchange of fire and mortars is one exchange; a battle word may be the attack told whole
    one = "وقال المتحدث إن الطرفين تبادلا إطلاق النار وقذائف الهاون قرب حي جوبر."
    assert len([e for e in coder.code_article(article_with(one, [])).events if e.type == "ASSAULT"]) == 1
    repel = "وقالت الوزارة إن وحدات الجيش تتصدى لاعتداءات بالطيران المسير شنتها التنظيمات على المدينة."
    art = article_with(repel, [("actor", "وحدات الجيش", army)])
    assert len([e for e in coder.code_article(art).events if e.type == "ASSAULT"]) == 1


def test_a_raid_and_the_arrests_in_it_are_two_events(coder):
    israel = {"entity_id": "actor.israel", "name_en": "Israel"}
    text = ("كما اقتحمت قوات الاحتلال عزبة الجراد في طولكرم شمالي الضفة الغربية، "
            "وانسحبت منها بعد اعتقال ثلاثة شبان فلسطينيين.")
    art = article_with(text, [("actor", "قوات الاحتلال", israel)])
    coerce = [e for e in coder.code_article(art).events if e.type == "COERCE"]
    assert sorted(e.trigger.text for e in coerce) == ["اعتقال", "اقتحمت"]
    # the raid named again by its own verbal noun is still one event
    again = "واقتحمت قوات الاحتلال مخيم جنين فجرا. وأسفر الاقتحام عن أضرار في المنازل."
    art = article_with(again, [("actor", "قوات الاحتلال", israel)])
    assert len([e for e in coder.code_article(art).events if e.type == "COERCE"]) == 1


def test_the_attack_answered_is_not_folded_into_the_answer(coder):
    # the second استهداف, after ردا على, is the attack answered: not the first told again (whether it is
    # coded is the gate's call)
    text = "المقاومة الإسلامية في لبنان تعلن استهداف مرابض المدفعية الإسرائيلية ردا على استهداف إحدى نقاطها."
    resistance = {"entity_id": "actor.lbn.islamic_resistance", "name_en": "Islamic Resistance in Lebanon"}
    art = article_with(text, [("actor", "المقاومة الإسلامية في لبنان", resistance)])
    cands = [c for c in coder.code_article(art).candidates if c.type == "ASSAULT"]
    assert len(cands) == 2 and cands[0].coded
    assert "same event" not in cands[1].reason and "restating" not in cands[1].reason


def test_a_toll_told_for_another_day_is_another_event(coder):
    # two tolls of truffle gatherers, Sunday's and Saturday's (after may-0305)
    text = ("وتوفي أمس الأحد 14 مدنياً وأصيب 8 آخرون في انفجار لغم أرضي قرب جبل الطار في بادية الرصافة. "
            "يوم السبت، قتل 12 شخصاً من جامعي الكمأة في حوادث منفصلة في عدة محافظات.")
    art = article_with(text, [("date", "أمس الأحد", {"value": "2024-03-10"}), ("number", "14", {}),
                              ("date", "يوم السبت", {"value": "2024-03-09"})])
    assert len([e for e in coder.code_article(art).events if e.type == "ASSAULT"]) == 2
    # the same toll told on the same day is still the attack's
    same = ("وتوفي أمس الأحد 14 مدنياً في انفجار لغم أرضي قرب جبل الطار، "
            "فيما أصيب أمس الأحد 8 آخرون.")
    art = article_with(same, [("date", "أمس الأحد", {"value": "2024-03-10"}), ("number", "14", {}),
                              ("date", "أمس الأحد", {"value": "2024-03-10"})])
    assert len([e for e in coder.code_article(art).events if e.type == "ASSAULT"]) == 1


def test_a_scheduled_meeting_is_an_event_of_its_own(coder):
    kerry = {"entity_id": "person.john_kerry", "name_en": "John Kerry"}
    coalition = {"entity_id": "actor.syr.coalition", "name_en": "Syrian National Coalition"}
    text = "ودعا كيري الائتلاف السوري المعارض إلى المشاركة في الاجتماع المقبل لمجموعة أصدقاء الشعب السوري في روما."
    art = article_with(text, [("person", "كيري", kerry), ("actor", "الائتلاف السوري المعارض", coalition)])
    events = coder.code_article(art).events
    assert [e.status for e in events if e.type == "CONSULT"] == ["future"]
    # put off to the next meeting: not the summit that put it off told again
    text = ("وقال قادة دول الاتحاد الأوروبي في قمة عقدت في بروكسل الجمعة إنه تم ارجاء مناقشة رفع الحظر "
            "إلى اجتماع وزراء الخارجية المقرر انعقاده في دبلن")
    eu = {"entity_id": "actor.eu", "name_en": "European Union"}
    art = article_with(text, [("actor", "قادة دول الاتحاد الأوروبي", eu)])
    meetings = [e for e in coder.code_article(art).events if e.type == "CONSULT"]
    assert sorted(e.status for e in meetings) == ["asserted", "future"]
    # a meeting asked for with no schedule stays the content of the demand
    text = "ودعا كيري الائتلاف السوري المعارض إلى المشاركة في اجتماع مع الحكومة."
    art = article_with(text, [("person", "كيري", kerry), ("actor", "الائتلاف السوري المعارض", coalition)])
    assert not [e for e in coder.code_article(art).events if e.type == "CONSULT"]


def test_a_visit_to_a_mosque_or_museum_meets_no_party(coder):
    iran = {"entity_id": "person.ahmadinejad", "name_en": "Mahmoud Ahmadinejad"}
    text = "واعتقلت الشرطة رجلا حاول رشق الرئيس الإيراني محمود أحمدي نجاد بالحذاء بينما كان يزور مسجد الحسين في القاهرة."
    art = article_with(text, [("person", "الرئيس الإيراني محمود أحمدي نجاد", iran)])
    assert not [e for e in coder.code_article(art).events if e.type == "CONSULT"]
    text = "وزار الرئيس الإيراني محمود أحمدي نجاد القاهرة والتقى شيخ الأزهر."
    art = article_with(text, [("person", "الرئيس الإيراني محمود أحمدي نجاد", iran)])
    assert [e.trigger.text for e in coder.code_article(art).events if e.type == "CONSULT"][:1] == ["زار"]
    # receiving a count of people or of shipments hosts refugees or takes deliveries: no meeting
    text = "وقال الملك عبدالله الثاني إن الأردن استقبل مئات الآلاف من اللاجئين السوريين."
    art = article_with(text, [("actor", "الأردن", {"entity_id": "actor.jordan", "name_en": "Jordan"})])
    assert not [e for e in coder.code_article(art).events if e.type == "CONSULT"]


def test_a_danger_someone_poses_is_no_threat_made(coder):
    text = "وقال المسؤول إن هذه الجماعات تشكل تهديدا لمناطق نفوذها. وهدد الجيش المسلحين بالرد."
    army = {"entity_id": "actor.army", "name_en": "army"}
    art = article_with(text, [("actor", "الجيش", army), ("actor", "المسلحين", GROUPS)])
    assert [e.trigger.text for e in coder.code_article(art).events if e.type == "THREATEN"] == ["هدد"]
    text = "ويخول القانون الفصائل حق استخدام القوة لردع التهديدات الأمنية التي يتعرض لها العراق."
    assert not [e for e in coder.code_article(article_with(text, [])).events if e.type == "THREATEN"]


def test_liberation_needs_a_party(coder):
    text = "وفي عمود رئيس التحرير كتب الكاتب أن حرب تحرير شعبية قادمة."
    assert not [e for e in coder.code_article(article_with(text, [])).events if e.type == "COERCE"]
    army = {"entity_id": "actor.irq.army", "name_en": "Iraqi army"}
    text = "وأعلن الجيش العراقي تحرير مدينة الفلوجة من تنظيم الدولة."
    art = article_with(text, [("actor", "الجيش العراقي", army)])
    assert [e.trigger.text for e in coder.code_article(art).events if e.type == "COERCE"] == ["تحرير"]


def test_war_crimes_with_the_article_denounce(coder):
    envoy = {"entity_id": "person.brahimi", "name_en": "Lakhdar Brahimi"}
    text = 'وقال الإبراهيمي إن "هذه الأعمال الوحشية لا يبررها شيء وهي تعد جريمة شعواء من جرائم الحرب".'
    art = article_with(text, [("person", "الإبراهيمي", envoy)])
    accuse = [e for e in coder.code_article(art).events if e.type == "ACCUSE"]
    assert "جرائم الحرب" in [e.trigger.text for e in accuse]


def test_a_death_is_an_attack_only_with_a_violent_cause_or_a_toll(coder):
    text = "توفي البلغاري سيرغي انتونوف الذي اتهم بالضلوع في محاولة اغتيال البابا."
    assert not [e for e in coder.code_article(article_with(text, [])).events if e.trigger.text == "توفي"]
    text = "وتوفي رفسنجاني في مستشفى الشهداء في العاصمة الإيرانية طهران الاحد عن عمر ناهز 82 عاما."
    assert not [e for e in coder.code_article(article_with(text, [])).events if e.type == "ASSAULT"]
    text = "توفي أحد ممثلي المرجع الشيعي الكبير آية الله علي السيستاني إثر تعرضه لجروح في محاولة اغتيال."
    assert "توفي" in [e.trigger.text for e in coder.code_article(article_with(text, [])).events if e.type == "ASSAULT"]
    text = "إذ توفي، الأحد الفائت، 14 مدنياً، وأصيب 8 آخرون، في انفجار لغم أرضي قرب جبل الطار."
    art = article_with(text, [("number", "14", {})])
    assert "توفي" in [e.trigger.text for e in coder.code_article(art).events if e.type == "ASSAULT"]


def test_snatching_a_thing_or_catching_the_eye_is_no_abduction(coder):
    text = "وذلك اثر محاولة شاب فلسطيني خطف مسدس من رجل أمن في القدس."
    assert not [e for e in coder.code_article(article_with(text, [])).events if e.trigger.text == "خطف"]
    text = "خطفت التقنيات والاجهزة التي حملها واستخدمها الصحفيون القادمون من شرق اسيا انظار الصحافيين."
    assert not [e for e in coder.code_article(article_with(text, [])).events if e.type == "ASSAULT"]
    gunmen = {"entity_id": "actor.gunmen", "name_en": "gunmen"}
    text = "وخطف مسلحون يرتدون زي الشرطة العراقية خمسة بريطانيين من مركز للكمبيوتر في وزارة المالية."
    art = article_with(text, [("actor", "مسلحون", gunmen)])
    assert [e.trigger.text for e in coder.code_article(art).events if e.type == "ASSAULT"] == ["خطف"]


def test_a_crowd_of_protesters_on_the_move_is_the_protest(coder):
    crowd = {"entity_id": "actor.protesters", "name_en": "protesters"}
    text = "وفي لندن توجه المتظاهرون وهم 3500، حسب المنظمين، الى مقر رئيس الوزراء البريطاني."
    art = article_with(text, [("actor", "المتظاهرون", crowd), ("number", "3500", {})])
    assert [e.trigger.text for e in coder.code_article(art).events if e.type == "PROTEST"] == ["متظاهرون"]
    # protesters taken up after the protest, or made to go out by someone else: no protest of their own
    text = "ويتهم المحتجون الحكومة بتهميشهم."
    art = article_with(text, [("actor", "المحتجون", crowd)])
    assert not [e for e in coder.code_article(art).events if e.type == "PROTEST"]
    text = "ثم ها هو يخرج المتظاهرين الى شوارع لبنان."
    art = article_with(text, [("actor", "المتظاهرين", crowd)])
    assert not [e for e in coder.code_article(art).events if e.type == "PROTEST"]


def test_a_denial_stops_at_a_new_statement_and_phrases_cross_a_no_break_space(coder):
    syria = {"entity_id": "actor.syria", "name_en": "Syria"}
    army = {"entity_id": "actor.syr.army", "name_en": "Syrian army"}
    text = ("نفت سوريا، الأحد، استهداف وكالة الأنباء الرسمية بعبوة ناسفة، وأكدت، في ذات عينه، بأن وحدات من الجيش "
            "قضت\u00a0 على أعداد كبيرة من الإرهابيين في أرياف دمشق.")
    art = article_with(text, [("actor", "سوريا", syria), ("actor", "وحدات من الجيش", army)])
    status = {e.trigger.text.split()[0]: e.status for e in coder.code_article(art).events if e.type == "ASSAULT"}
    assert status.get("استهداف") == "denied"
    assert status.get("قضت") == "asserted"


def test_a_meeting_noun_made_definite_by_its_genitive_refers_back(coder):
    iran = {"entity_id": "person.ahmadinejad", "name_en": "Mahmoud Ahmadinejad"}
    text = ("وزار محمود أحمدي نجاد القاهرة الثلاثاء. "
            "فإن زيارة الرئيس الإيراني زعيم أكبر دولة شيعية قد سببت بعض الحساسيات في مصر.")
    art = article_with(text, [("person", "محمود أحمدي نجاد", iran), ("person", "الرئيس الإيراني", iran)])
    visit = [c for c in coder.code_article(art).candidates if c.text == "زيارة"]
    assert visit and not visit[0].coded and "repeating" in visit[0].reason


def test_going_to_an_area_or_a_site_meets_no_party(coder):
    jets = {"entity_id": "actor.isr.air", "name_en": "Israeli air force"}
    text = "وقالت سانا إن الطائرات الإسرائيلية توجهت إلى منطقة جمرايا بريف دمشق ونفذت عدوانها بقصف الموقع."
    art = article_with(text, [("actor", "الطائرات الإسرائيلية", jets)])
    assert not [e for e in coder.code_article(art).events if e.type == "CONSULT"]
    kerry = {"entity_id": "person.kerry", "name_en": "John Kerry"}
    text = "وأضاف كيري، الذي يزور المنطقة حاليا في أول زيارة له إلى الخارج، أنه تحدث إلى حكومات المنطقة."
    art = article_with(text, [("person", "كيري", kerry)])
    assert [e for e in coder.code_article(art).events if e.type == "CONSULT"]


def test_a_likening_is_a_figure_not_an_act(coder):
    israel = {"entity_id": "actor.israel", "name_en": "Israel"}
    text = "وقال المحلل إن خطاب نصر الله بمثابة لغم جديد لإسرائيل."
    assert not coder.code_article(article_with(text, [("actor", "إسرائيل", israel)])).events
    army = {"entity_id": "actor.army", "name_en": "army"}
    text = "ووجه الجيش ضربة قوية إلى مسلحي التنظيم في الموصل أمس أسفرت عن مقتل 10 منهم."
    art = article_with(text, [("actor", "الجيش", army)])
    assert [e.trigger.text for e in coder.code_article(art).events if e.type == "ASSAULT"] == ["ضربة"]


def test_a_noun_named_as_absent_is_no_event(coder):
    text = 'وأشار البيان إلى أن "الأزمة السورية تتواصل دون هدنة، وهو ما ينعكس على معاناة المدنيين السوريين".'
    assert not [e for e in coder.code_article(article_with(text, [])).events if e.type == "AGREE"]
    army = {"entity_id": "actor.army", "name_en": "army"}
    text = "وقال الجيش إنه دمر مقرا للمسلحين مما أدى إلى مقتل من فيه، دون إصابة أحد من عناصره."
    art = article_with(text, [("actor", "الجيش", army)])
    assert "إصابة" not in [e.trigger.text for e in coder.code_article(art).events]
