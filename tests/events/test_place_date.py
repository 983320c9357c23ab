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
