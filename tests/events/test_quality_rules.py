"""Coding rules checked on real corpus-dev sentences (not gold-dev ones): each test is one rule."""
from __future__ import annotations

from tests.events.conftest import article_with


def coded(coder, text, mentions=(), published=None):
    return [(e.type, e.trigger.text) for e in coder.code_article(article_with(text, list(mentions), published)).events]


def test_evacuating_people_or_homes_is_no_retreat(coder):
    # may-0220, nc2013-0496: civil protection, not a party giving up ground
    assert ("RETREAT", "إخلاء") not in coded(
        coder, "و تمَّ إخلاء جميع البؤر الاستيطانية الصَّهيونية بالقرب من الحدود اللبنانية، إلى جانب جميع المستوطنات المحيطة بغزة.")
    assert not [t for t in coded(coder, "وصل أكثر من 17 إسعافا من وزارة الصحة والمستشفيات القريبة وتم إخلاء الطالبات.")
                if t[0] == "RETREAT"]
    # may-0339: vacating the offices and schools a force held is a retreat
    sdf = {"entity_id": "actor.sdf", "name_en": "Syrian Democratic Forces"}
    text = "وعملت \"قسد\" على استيعاب هذه الهجمات، مع إخلاء عدد من المقار والمدارس التي كانت تشغلها."
    assert ("RETREAT", "إخلاء") in coded(coder, text, [("actor", "قسد", sdf)])


def test_a_massing_of_troops_or_vehicles_is_no_protest(coder):
    # may-0331, may-0214: تجمع of soldiers or vehicles is a target, not a gathering in protest
    for text in ('كما أعلنت استهداف مقاتلي المقاومة تجمعاً لجنود الاحتلال في قلعة "هونين"، بقذائف المدفعية.',
                 "ودكّت المقاومة، أمس، تجمعاً لآليات الاحتلال في جنوب غزة."):
        assert "PROTEST" not in [t for t, _ in coded(coder, text)]
    # bbc17-066: a crowd of protesters gathering is one
    assert "PROTEST" in [t for t, _ in coded(coder, "تجمع مئات المتظاهرين امام سجن ايفين في العاصمة الايرانية طهران.")]


def test_a_phrase_reads_into_an_opening_quotation_mark(coder):
    # nc2013-0044: the light verb and its noun on either side of an opening quote
    text = 'ودان وزير الخارجية السوري وليد المعلم قرار الولايات المتحدة تقديم "مساعدات غير فتاكة" للمعارضة.'
    usa = {"entity_id": "actor.usa", "name_en": "United States"}
    assert "AID" in [t for t, _ in coded(coder, text, [("actor", "الولايات المتحدة", usa)])]
    # a closing quote ends the phrase: جماعة "النصرة" على is no نصرة على (nc2013-0003)
    text = 'وأسفر القتال عن استيلاء جماعة "النصرة" على بلدة شدادي في محافظة الحسكة.'
    assert "REQUEST" not in [t for t, _ in coded(coder, text)]


def test_a_protest_noun_after_lam_and_the_article(coder):
    # nc2013-0010: ل + الاحتجاج is written للاحتجاج
    text = ("وقد رجح ناشطون سياسيون مؤيدون للثورة السورية، بالعودة مجددا للاحتجاج أمام السفارة السورية "
            "خلال الأيام المقبلة، على خلفية الزيارة وتأييدا للشعب السوري.")
    activists = {"entity_id": "actor.gen.activists", "name_en": "activists"}
    mentions = [("actor", "ناشطون سياسيون", activists), ("place", "السفارة السورية", {"lat": 31.95, "lon": 35.91}),
                ("date", "خلال الأيام المقبلة", {})]
    assert ("PROTEST", "احتجاج") in coded(coder, text, mentions, published="2013-01-15")


def test_a_seizure_with_the_subject_between_verb_and_preposition(coder):
    # nc2013-0015: VSO puts the subject between سيطر and على
    rebels = {"entity_id": "actor.syr.opposition", "name_en": "Syrian opposition"}
    text = "سيطر مقاتلون معارضون فجر السبت على مقر قيادة لواء للدفاع الجوي في محافظة درعا."
    assert ("COERCE", "سيطر") in coded(coder, text, [("actor", "مقاتلون معارضون", rebels)])
    # nc2013-0004: the imperfect tells who holds a place, no seizure
    text = "وتسيطر المعارضة اليوم على أجزاء كبيرة من سوريا، لكن النزاع في حالة جمود."
    assert "COERCE" not in [t for t, _ in coded(coder, text, [("actor", "المعارضة", rebels)])]
    # nc2013-0500: an arrest with the adverbial between قبض and على
    text = "وأضاف أن الحملات الأمنية التي تمت وقبض فيها على العشرات من هؤلاء لم تنه الظاهرة."
    assert ("COERCE", "قبض") in coded(coder, text)


def test_confronting_an_attack_is_the_attack(coder):
    # may-0101: تصدت ... لهجوم نفذه: one event, the attack
    army = {"entity_id": "actor.syr.army", "name_en": "Syrian government forces"}
    ansar = {"entity_id": "actor.ansar_al_tawhid", "name_en": "Ansar al-Tawhid"}
    text = 'وكانت قوات من الجيش السوري، قد تصدت الأول من أمس، لهجومٍ نفّذه مُسلحو "أنصار التوحيد" الموالي لتنظيم "القاعدة"، علىمحور بلدة الملاجةفي جبل الزاوية جنوبي إدلب، بحسب ما أوردت مراسلةالميادين.'
    art = article_with(text, [("actor", "قوات من الجيش السوري", army), ("actor", 'مُسلحو "أنصار التوحيد"', ansar),
                              ("date", "الأول من أمس", {}), ("place", "جبل الزاوية", {"lat": 35.7, "lon": 36.5})],
                       "2023-05-10")
    events = [e for e in coder.code_article(art).events if e.type == "ASSAULT"]
    assert [e.trigger.text for e in events] == ["هجومٍ"]


def test_a_killing_verb_before_a_count_is_passive(coder):
    # nc2013-0092: وقتل نحو 20 شخصا is "and about 20 were killed": the toll of the strike told before,
    # not a killing by the speaker of the sentence
    text = ("وكان السفير الأمريكي روبرت فورد قال في وقت سابق أنه ليس ثمة دليل يدعم المزاعم القائلة أن صاروخا "
            "يحمل غاز الأعصاب قد ضرب منطقة خان العسل وقتل نحو 20 شخصا.")
    ford = {"entity_id": "person.robert_ford", "name_en": "Robert Ford", "sector": "GOV"}
    art = article_with(text, [("person", "السفير الأمريكي روبرت فورد", ford)])
    events = [e for e in coder.code_article(art).events if e.type == "ASSAULT"]
    assert len(events) == 1 and "Robert Ford" not in [p.name_en for p in events[0].actor]


def test_a_ratification_with_the_subject_between_verb_and_preposition(coder):
    # bbc17-042: وسوف يصدق البرلمان ... على أعضاء الحكومة
    parliament = {"entity_id": "actor.parliament", "name_en": "parliament"}
    text = "وسوف يصدق البرلمان الأسبوع المقبل على أعضاء الحكومة الجديدة المؤلفة من 18 عضوا."
    assert ("SUPPORT", "يصدق") in coded(coder, text, [("actor", "البرلمان", parliament)])


def test_a_group_named_tajammu_and_needing_are_no_protest(coder):
    # nc2013-0085, may-0366: تجمع names a group; bbc17-030: احتجت إلى is احتاج 'needed'
    for text in ("ووصف العميد حسام الدين العواك نائب قائد تجمع الضباط الأحرار في الجيش السوري الحر العملية بالنوعية.",
                 "من جهة أخرى، وبالنظر إلى تصريح قائد تجمع القوات الروسية في سوريا، فإن الوضع تغير.",
                 "وقد احتجت إلى قدّاحة سجائر (ولاعة)، وذهبت إلى أحمد."):
        assert "PROTEST" not in [t for t, _ in coded(coder, text)]
