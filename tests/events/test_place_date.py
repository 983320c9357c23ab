"""Place and date of an event: scopes, countries standing for states, newsroom lines, منذ."""
from rasd.events.place_date import Scope, choose_date, choose_place
from rasd.model import Mention

TEXT = "دبي، الإمارات العربية المتحدة (CNN) -- أطلقت الولايات المتحدة صواريخ على قاعدة الشعيرات في سوريا."


def place(surface: str, pid: str, precision: int, text: str = TEXT) -> Mention:
    start = text.index(surface)
    return Mention(kind="place", start=start, end=start + len(surface), text=surface, entity_id=pid,
                   name_en=pid, lat=1.0, lon=1.0, precision=precision)


def whole(text: str = TEXT) -> Scope:
    return Scope((0, len(text)), (0, len(text)), (0, len(text)))


def test_country_without_locative_is_not_the_place():
    usa = place("الولايات المتحدة", "place.country.usa", 3)
    syria = place("سوريا", "place.country.syr", 3)
    loc, rule = choose_place("ASSAULT", TEXT.index("أطلقت"), whole(), [usa, syria], TEXT, usa)
    assert loc.name_en == "place.country.syr" and rule == "place.clause"


def test_most_specific_place_wins_in_the_clause():
    base = place("قاعدة الشعيرات", "place.k.shayrat", 1)
    syria = place("سوريا", "place.country.syr", 3)
    loc, _ = choose_place("ASSAULT", TEXT.index("أطلقت"), whole(), [syria, base], TEXT, syria)
    assert loc.name_en == "place.k.shayrat"


def test_newsroom_credit_line_is_not_the_article_place():
    text = "دبي، الإمارات العربية المتحدة (CNN) -- قالت المعارضة إنها سترد.\nوقتل جنود في حمص."
    dubai = place("دبي", "place.gn.dubai", 1, text)
    homs = place("حمص", "place.sy.homs", 1, text)
    first_sentence = (0, text.index("\n"))
    scope = Scope(first_sentence, first_sentence, first_sentence)
    loc, rule = choose_place("ASSAULT", text.index("قالت"), scope, [dubai, homs], text, dubai)
    assert rule == "place.dateline" and loc.name_en == "place.sy.homs"


def date(text: str, value: str, start: int, qualifier=None) -> Mention:
    return Mention(kind="date", start=start, end=start + len(text), text=text, value=value, unit="day",
                   qualifier=qualifier)


def test_date_after_mundhu_starts_a_period_and_is_skipped():
    since = date("7 أكتوبر", "2023-10-07", 10, qualifier="since")
    got, rule = choose_date(Scope((0, 50), (0, 50), (0, 50)), [since], "2024-07-24", False, 5)
    assert got.value == "2024-07-24" and rule == "date.published"


def test_date_in_clause_is_taken_and_background_gets_none():
    yesterday = date("أمس", "2024-07-23", 10)
    got, rule = choose_date(Scope((0, 50), (0, 50), (0, 50)), [yesterday], "2024-07-24", False, 5)
    assert got.value == "2024-07-23" and rule == "date.clause"
    got, rule = choose_date(Scope((0, 50), (0, 50), (0, 50)), [], "2024-07-24", True, 5)
    assert got is None and rule == "date.none"


def test_day_named_in_the_lead_carries_over_to_later_events():
    monday = date("الاثنين", "2013-02-11", 30)
    monday.sentence = 0
    later = Scope((300, 350), (300, 350), (300, 350))
    got, rule = choose_date(later, [monday], "2013-02-12", False, 320)
    assert got.value == "2013-02-11" and rule == "date.story_day"


def test_day_named_after_the_lead_or_long_before_publication_does_not_carry_over():
    tuesday = date("الثلاثاء", "2013-02-05", 200)
    tuesday.sentence = 4  # a later part of the story
    old = date("11 شباط", "2013-01-11", 30)
    old.sentence = 0  # background, weeks before publication
    later = Scope((300, 350), (300, 350), (300, 350))
    got, rule = choose_date(later, [tuesday, old], "2013-02-12", False, 320)
    assert got.value == "2013-02-12" and rule == "date.published"


def test_statement_date_before_the_trigger_yields_to_the_event_date_after_it():
    # وأكدت القيادة، يوم أمس، إصابة 24 عسكرياً خلال سلسلة هجمات [trigger at 60] ... الأسبوع الماضي
    statement = date("يوم أمس", "2023-10-25", 20)
    event = Mention(kind="date", start=90, end=104, text="الأسبوع الماضي", value="2023-10-19", unit="week")
    scope = Scope((55, 80), (0, 110), (0, 110))
    got, rule = choose_date(scope, [statement, event], "2023-10-26", False, 60)
    assert got.value == "2023-10-19" and rule == "date.sentence"


def test_paragraph_without_a_place_takes_the_last_place_told_before_it():
    text = "قالت المعارضة إن القتال تجدد في إدلب.\nوقصفت الطائرات حي الصاخور في حلب.\nوقتل خمسة مدنيين."
    idlib = place("إدلب", "place.sy.idlib", 1, text)
    aleppo = place("حي الصاخور", "place.sy.sakhour", 1, text)
    last = text.rindex("\n") + 1
    scope = Scope((last, len(text)), (last, len(text)), (last, len(text)))
    loc, rule = choose_place("ASSAULT", text.index("وقتل"), scope, [idlib, aleppo], text, idlib)
    assert rule == "place.previous" and loc.name_en == "place.sy.sakhour"
    # a statement is not placed by the story: it falls back to the article's place
    loc, rule = choose_place("ACCUSE", text.index("وقتل"), scope, [idlib, aleppo], text, idlib)
    assert rule == "place.dateline" and loc.name_en == "place.sy.idlib"


def test_statement_place_after_fi_and_a_capital_noun_and_visit_destination():
    text = "واصل الائتلاف اجتماعاته في العاصمة المصرية القاهرة، وتوجه الوزير إلى موسكو."
    cairo = place("القاهرة", "place.eg.cairo", 1, text)
    loc, rule = choose_place("CONSULT", text.index("اجتماعاته"), whole(text), [cairo], text, None)
    assert rule == "place.clause" and loc.name_en == "place.eg.cairo"
    moscow = place("موسكو", "place.ru.moscow", 1, text)
    loc, _ = choose_place("CONSULT", text.index("وتوجه"), whole(text), [moscow], text, None)
    assert loc.name_en == "place.ru.moscow"
    # what is demanded is not where the demand was made
    loc, rule = choose_place("REQUEST", text.index("وتوجه"), whole(text), [moscow], text, None)
    assert loc is None and rule == "place.none"


def test_what_a_statement_demands_or_is_about_is_not_where_it_was_made():
    text = "ودعا كيري في لندن الائتلاف إلى المشاركة في الاجتماع المقبل في روما."
    london, rome = place("لندن", "place.london", 1, text), place("روما", "place.rome", 1, text)
    loc, _ = choose_place("REQUEST", text.index("ودعا"), whole(text), [london, rome], text, None)
    assert loc.name_en == "place.london"
    text = "قدمت دول مشروع قرار إلى المجلس في جنيف يندد بالعنف في سوريا."
    geneva, syria = place("جنيف", "place.geneva", 1, text), place("سوريا", "place.country.syr", 3, text)
    clause = (text.index("يندد"), len(text))
    loc, rule = choose_place("ACCUSE", text.index("يندد"), Scope(clause, (0, len(text)), (0, len(text))),
                             [geneva, syria], text, None)
    assert loc.name_en == "place.geneva" and rule == "place.sentence"


def test_places_of_the_event_responded_to_and_of_the_source_are_not_the_event_place():
    text = "وأطلقت الولايات المتحدة صواريخ على قاعدة جوية سورية ردا على الهجوم على خان شيخون."
    syria = place("سورية", "place.country.syr", 3, text)
    khan = place("خان شيخون", "place.k.khan", 1, text)
    loc, _ = choose_place("ASSAULT", text.index("وأطلقت"), whole(text), [syria, khan], text, None)
    assert loc.name_en == "place.country.syr"  # a country after a place-type word is where it is
    text = "حملة اعتقالات في ريف إدلب، وأشارت مصادر محلية في إدلب إلى أن 50 شخصا اعتقلوا."
    rif = place("ريف إدلب", "place.rif", 2, text)
    at = text.rindex("إدلب")
    idlib = Mention(kind="place", start=at, end=at + 4, text="إدلب", entity_id="place.idlib", name_en="place.idlib",
                    lat=1.0, lon=1.0, precision=1)
    loc, _ = choose_place("COERCE", text.index("اعتقلوا"), whole(text), [rif, idlib], text, None)
    assert loc.name_en == "place.rif"


def test_list_names_its_main_place_first_and_line_ends_come_last():
    text = "القوات تقتحم نابلس وجنين وتعتقل شبانا."
    nablus, jenin = place("نابلس", "place.nablus", 1, text), place("جنين", "place.jenin", 1, text)
    loc, _ = choose_place("COERCE", text.index("وتعتقل"), whole(text), [nablus, jenin], text, None)
    assert loc.name_en == "place.nablus"
    text = "انفجر لغم في بادية الرصافة عند الحدود الإدارية بين الرقة وحماه."
    rusafa = place("بادية الرصافة", "place.rusafa", 3, text)
    raqqa, hama = place("الرقة", "place.raqqa", 1, text), place("حماه", "place.hama", 1, text)
    loc, _ = choose_place("ASSAULT", text.index("انفجر"), whole(text), [rusafa, raqqa, hama], text, None)
    assert loc.name_en == "place.rusafa"


def test_visit_destination_country_is_the_meeting_place():
    text = "في الوقت الذي زار فيه وفد من التيار اليساري المصري سوريا لإظهار التأييد."
    syria = place("سوريا", "place.country.syr", 3, text)
    loc, _ = choose_place("CONSULT", text.index("زار"), whole(text), [syria], text, None)
    assert loc.name_en == "place.country.syr"


def test_river_capital_actor_and_visited_country_yield_to_the_place_meant():
    text = "سيطر الجيش على حي في الموصل.\nوفجر المسلحون الجسور على نهر دجلة."
    mosul, tigris = place("الموصل", "place.mosul", 1, text), place("نهر دجلة", "place.tigris", 3, text)
    tigris.qualifier = "line"
    second = (text.index("\n") + 1, len(text))
    loc, rule = choose_place("ASSAULT", text.index("وفجر"), Scope(second, second, second), [mosul, tigris], text, mosul)
    assert loc.name_en == "place.mosul" and rule == "place.previous"
    text = "وقالت موسكو إنها سترد.\nوقتل جنود."
    moscow = place("موسكو", "place.moscow", 1, text)
    moscow.qualifier = "as_actor"
    second = (text.index("\n") + 1, len(text))
    loc, rule = choose_place("ASSAULT", text.index("وقتل"), Scope(second, second, second), [moscow], text, None)
    assert loc is None
    text = "وصل الوفد إلى القاهرة. وتعد زيارة نجاد أول زيارة لزعيم إيراني لمصر."
    cairo, egypt = place("القاهرة", "place.cairo", 1, text), place("مصر", "place.country.egy", 3, text)
    cairo.country = egypt.country = "EGY"
    loc, _ = choose_place("CONSULT", text.index("زيارة"), whole(text), [cairo, egypt], text, None)
    assert loc.name_en == "place.cairo"


def test_meeting_place_after_other_locatives_and_story_country_yields_to_its_town():
    text = "وقال البيان إن المعني التقى بمبعوثي التنظيم على مستوى الحدود التركية السورية."
    border = place("الحدود التركية السورية", "place.k.tur_border_syr", 3, text)
    loc, _ = choose_place("CONSULT", text.index("التقى"), whole(text), [border], text, None)
    assert loc.name_en == "place.k.tur_border_syr"
    text = "زار نجاد القاهرة.\nوتعد الزيارة الأولى لمصر.\nويحمل شبان لافتات."
    cairo, egypt = place("القاهرة", "place.cairo", 1, text), place("مصر", "place.country.egy", 3, text)
    cairo.country = egypt.country = "EGY"
    last = (text.rindex("\n") + 1, len(text))
    loc, rule = choose_place("PROTEST", text.index("ويحمل"), Scope(last, last, last), [cairo, egypt], text, cairo)
    assert rule == "place.previous" and loc.name_en == "place.cairo"


def test_announced_withdrawal_takes_the_place_withdrawn_from():
    text = "قالت صحيفة في واشنطن إن الولايات المتحدة تخطط للانسحاب من سوريا إلى العراق."
    washington = place("واشنطن", "place.us.washington", 1, text)
    syria = place("سوريا", "place.country.syr", 3, text)
    iraq = place("العراق", "place.country.irq", 3, text)
    clause = (text.index("الولايات"), len(text))
    scope = Scope(clause, (0, len(text)), (0, len(text)))
    loc, rule = choose_place("CONCEDE", text.index("تخطط"), scope, [washington, syria, iraq], text, washington)
    assert loc.name_en == "place.country.syr" and rule == "place.clause"
    # a withdrawal done: the place left wins over where the forces go, though that is named more finely
    text = "انسحبت القوات من ريف حلب نحو قرية الراعي."
    rural = place("ريف حلب", "place.sy.aleppo_rural", 3, text)
    village = place("قرية الراعي", "place.sy.alrai", 1, text)
    loc, _ = choose_place("RETREAT", text.index("انسحبت"), whole(text), [rural, village], text, None)
    assert loc.name_en == "place.sy.aleppo_rural"
    # the object of leaving itself (أمر بمغادرة ...)
    text = "أمر الرئيس بمغادرة منبج."
    manbij = place("منبج", "place.sy.manbij", 1, text)
    loc, _ = choose_place("CONCEDE", text.index("أمر"), whole(text), [manbij], text, None)
    assert loc.name_en == "place.sy.manbij"


def test_country_in_the_clause_yields_to_a_town_of_it_later_in_the_sentence():
    text = "استهدفت المقاومة قواعد في الأراضي العراقية، إذ استهدفت قاعدة عين الأسد وقاعدة في سوريا."
    iraq = place("الأراضي العراقية", "place.country.irq", 3, text)
    asad = place("قاعدة عين الأسد", "place.iq.ain_al_asad", 1, text)
    iraq.country = asad.country = "IRQ"
    clause = (0, text.index("،"))
    scope = Scope(clause, (0, len(text)), (0, len(text)))
    loc, rule = choose_place("ASSAULT", 0, scope, [iraq, asad], text, None)
    assert loc.name_en == "place.iq.ain_al_asad" and rule == "place.sentence_town"
    # a town of another country is no narrowing of it
    asad.country = "SYR"
    assert choose_place("ASSAULT", 0, scope, [iraq, asad], text, None)[0].name_en == "place.country.irq"
    # a withdrawal from a country stays the country (الانسحاب من العراق، ... في كركوك)
    text = "بدأ الانسحاب من العراق، بينما تنشط الخلايا في مدينة كركوك."
    iraq = place("العراق", "place.country.irq", 3, text)
    kirkuk = place("مدينة كركوك", "place.iq.kirkuk", 1, text)
    iraq.country = kirkuk.country = "IRQ"
    scope = Scope((0, text.index("،")), (0, len(text)), (0, len(text)))
    assert choose_place("RETREAT", text.index("الانسحاب"), scope, [iraq, kirkuk], text, None)[0].name_en == "place.country.irq"


def test_statement_without_a_place_takes_the_venue_of_the_statement_next_to_it():
    text = ("دمرت ضربة جوية الجسر في وسط المدينة.\nلكن المنظمة أبدت قلقها من تدمير الجسور.\n"
            "وقال المتحدث باسم المنظمة للصحفيين في جنيف: إن الطريق قطع.")
    centre = place("وسط المدينة", "place.iq.mosul_centre", 2, text)
    geneva = place("جنيف", "place.ch.geneva", 1, text)
    a = text.index("لكن")
    own = (a, text.index(".", a))
    scope = Scope(own, own, own)
    loc, rule = choose_place("ACCUSE", text.index("أبدت"), scope, [centre, geneva], text, centre)
    # the bombing's place (no word of saying before it) is not the statement's
    assert loc.name_en == "place.ch.geneva" and rule == "place.neighbour_sentence"
    # a place inside what was asked (دعا ... إلى المشاركة في الاجتماع في روما) is no venue
    text = "قال الوزير في لندن إن الوقت حان.\nودعا الوزير المعارضة إلى المشاركة في الاجتماع في روما.\nوقال خلال مؤتمر صحفي مع نظيره إنه يدعو المعارضة."
    london, rome = place("لندن", "place.gb.london", 1, text), place("روما", "place.it.rome", 1, text)
    a = text.index("وقال خلال")
    own = (a, len(text) - 1)
    loc, rule = choose_place("CONSULT", text.index("مؤتمر"), Scope(own, own, own), [london, rome], text, london)
    assert loc.name_en == "place.gb.london" and rule == "place.dateline"
