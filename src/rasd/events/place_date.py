"""Where and when an event happened, and how many were killed or injured.

Place: the most specific place mention in the event's clause, else its sentence, else its
paragraph, else (not for statements) the last place named before the paragraph, else the
article's dateline place (the first place the body names). Verbal events
(statements, demands, offers) happen where they are said: a place in their clause is taken only
when introduced by في (``في موسكو``); the places inside what is demanded or offered are not where
the demand was made. Precision is ACLED's geo_precision: 1 the town itself, 2 a part or the
surroundings of it, 3 a region.

Date: a resolved date mention in the clause, else the sentence; else, for an event told as
current news, the day the lead names (الاثنين، أمس: the story's day, within a week before
publication), else the publication date at a lower precision. A background event (``وكان ... قد``,
``سابقا``, ``منذ``) without a time word gets no date.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from datetime import date as _date
from typing import Callable, Optional, Sequence

from ..model import EventDate, Location, Mention, Sentence
from ..normalize import normalize
from ..recognize.places import is_newsroom
from .clauses import Clause

VERBAL_TYPES = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT", "THREATEN"})
# Background told without a time word: "previously", "earlier". The pluperfect (وكان ... قد) alone is
# not background: news uses it for the same day's earlier events (وكانت قوات الاحتلال قد اقتحمت أيضاً).
BACKGROUND_CUES = frozenset(normalize(w) for w in ("سابقا", "سابق", "مؤخرا", "قبلا", "آنذاك", "حينها", "حينذاك"))
# A date after منذ starts a period that runs to now (قتل 589 منذ 7 أكتوبر): not the date of the event.
PERIOD_START = frozenset(normalize(w) for w in ("منذ", "ومنذ"))
NEWSROOM_SPAN = 60  # characters: a credit line opens the body
LEAD_SENTENCES = 2  # the lead: where news names the day of the story
STORY_DAYS = 7  # a day named this close before publication is the story's day
LOWER_PRECISION = {"day": "week", "week": "month", "month": "year", "year": "year"}
KILLED_UNITS = frozenset({"killed", "dead", "fatalities", "death", "deaths", "killed_min"})
INJURED_UNITS = frozenset({"injured", "wounded", "injuries"})


@dataclass(frozen=True)
class Scope:
    """The character ranges an event may take its place and date from, narrowest first."""
    clause: tuple[int, int]
    sentence: tuple[int, int]
    paragraph: tuple[int, int]


def _inside(m: Mention, rng: tuple[int, int]) -> bool:
    return rng[0] <= m.start and m.end <= rng[1]


Norm = Callable[[int, int], str]  # (start, end) -> normalize(text[start:end]) of one text


def _normalizer(text: str) -> Norm:
    return lambda a, b: normalize(text[a:b])


class _ViewSlices:
    """normalize(text[a:b]) read off the article's normalized view (lexicon.text_view, made once per
    article): normalize works character by character, so it is the stretch of the view whose
    characters come from [a, b)."""

    def __init__(self, text: str):
        from ..lexicon import text_view
        view = text_view(text)
        self.view = view.text
        self.back = view.to_original
        self.direct = len(view.text) == len(text) and isinstance(view.to_original, range)

    def __call__(self, a: int, b: int) -> str:
        if self.direct:
            return self.view[a:b]
        return self.view[bisect_left(self.back, a):bisect_left(self.back, b)]


def _specificity(m: Mention) -> tuple[int, bool]:
    """Precision, and among regions a country last: في مصر ... في شمال سيناء is North Sinai."""
    return (m.precision if m.precision is not None else 2), _is_country(m)


# Words after which a country name is where something happened (في سوريا، إلى إيران، داخل العراق),
# not the state acting or targeted (أطلقت الولايات المتحدة، السلطات الفرنسية).
LOCATIVES = frozenset(normalize(w) for w in (
    "في", "وفي", "داخل", "إلى", "الى", "نحو", "أراضي", "الأراضي", "قرب", "عند", "شمال", "جنوب", "شرق", "غرب",
    "شمالي", "جنوبي", "شرقي", "غربي", "عمق", "حدود", "من"))


def _is_country(m: Mention) -> bool:
    return (m.entity_id or "").startswith("place.country.")


# Words for a kind of place: a country named right after one is where it is (قاعدة جوية سورية).
SITE_NOUNS = frozenset(normalize(w) for w in (
    "قاعدة", "مطار", "مدينة", "مدن", "بلدة", "بلدات", "قرية", "قرى", "منطقة", "مناطق", "مدينة", "موقع",
    "مواقع", "الأراضي", "أراضي", "حدود", "الحدود", "سواحل", "مياه", "المياه", "أجواء", "الأجواء"))


def _located(text: str, m: Mention, norm: Optional[Norm] = None) -> bool:
    """Whether a place mention is introduced as a location (a locative word or an attached ب), or is
    reached through a place-type word (مدن البلدات السورية، قاعدة جوية سورية)."""
    norm = norm or _normalizer(text)
    rule = m.rule or ""
    if rule.startswith("place.cue:") and "place_cue.country" not in rule.split(":", 1)[1].split("+"):
        return True
    near = [w[2:] if w.startswith("ال") else w for w in norm(max(0, m.start - 24), m.start).split()[-2:]]
    if any(w in SITE_NOUNS or "ال" + w in SITE_NOUNS for w in near):
        return True
    head = norm(max(0, m.start - 3), m.start).split()
    attached = head[-1] if head and not text[m.start - 1:m.start].isspace() else ""
    if attached.endswith(("ب", "وب", "فب")) and len(attached) <= 2:
        return True
    before = norm(max(0, m.start - 14), m.start).split()
    return bool(before) and before[-1] in LOCATIVES


# Words that may stand between في and the name: في العاصمة المصرية القاهرة، في مدينة حلب
PLACE_NOUNS = frozenset(normalize(w) for w in (
    "العاصمة", "عاصمة", "مدينة", "المدينة", "بمدينة", "بلدة", "قرية", "محافظة", "منطقة", "مقر", "قاعدة"))
MEETING_LOCATIVES = frozenset(normalize(w) for w in ("عند", "قرب", "داخل", "على", "بمقر", "مستوى"))
# Verbs of travel place a meeting where the visitor goes: زار سوريا، توجه إلى موسكو، بزيارة موسكو
VISIT_WORDS = frozenset(normalize(w) for w in ("زار", "يزور", "زيارة", "بزيارة", "إلى", "الى"))


def _introduced_by_fi(text: str, m: Mention, event_type: str = "", norm: Optional[Norm] = None) -> bool:
    """Whether a statement's or meeting's place is introduced as where it happened (في موسكو)."""
    before = (norm or _normalizer(text))(max(0, m.start - 40), m.start).split()[-4:]
    # a meeting is somewhere: also at, near, inside or on (على مستوى الحدود)
    heads = {"في", "وفي"} | (VISIT_WORDS | MEETING_LOCATIVES if event_type == "CONSULT" else set())
    for word in reversed(before):
        if word in heads or word in ("بمدينه", "مدينه", "بلده", "قريه"):
            return True
        if not (word in PLACE_NOUNS or (word.startswith("ال") and word.endswith(("يه", "ي")))):
            return False
    return False


def to_location(m: Mention) -> Location:
    return Location(text=m.text, name_ar=m.name_ar or m.text, name_en=m.name_en, lat=m.lat, lon=m.lon,
                    admin1=m.admin1, pcode=m.pcode, precision=m.precision)


# Words that open what a statement says, demands or offers (قال إن، دعا إلى، اتفقوا على): a place
# after them is inside the content, not where the statement was made.
CONTENT_OPENERS = frozenset(normalize(w) for w in (
    "أن", "إن", "بأن", "وأن", "وإن", "إلى", "الى", "على", "ضد", ":", '"', "«"))
# Nouns of a situation a statement is about (العنف في سوريا، الوضع في غزة): the place after them is
# the topic, not where the statement was made.
TOPIC_NOUNS = frozenset(normalize(w) for w in (
    "العنف", "الوضع", "الأوضاع", "الموقف", "الأزمة", "الازمة", "الحرب", "الصراع", "النزاع", "الأحداث",
    "التطورات", "القتال", "المعارك", "الانتهاكات", "المجازر", "العمليات", "التصعيد", "الهجمات",
    "الاشتباكات", "الحل", "الاستقرار", "الأمن", "السلام", "التدخل", "التدخلات"))
# Words that open another event the clause responds to (ردا على الهجوم على خان شيخون): its places
# are that event's.
RESPONSE_WORDS = frozenset(normalize(w) for w in ("ردا", "وردا", "انتقاما", "ثأرا", "ثارا"))
# Words of people who report: a place right after them (مصادر محلية في إدلب، مراسلنا في الضفة) is
# where the source is, not what happened.
SOURCE_STEMS = ("مصدر", "مصادر", "مراسل")
CONSULT_VISITS = frozenset(normalize(w) for w in ("زار", "يزور", "تزور", "زيارة", "بزيارة", "زيارته", "زارها"))


# Withdrawals (انسحب من، سحب قواته من، مغادرة، إخلاء): the place withdrawn from is where it happens,
# also for an announced withdrawal (CONCEDE), which otherwise takes only a place after في.
WITHDRAWAL_TYPES = frozenset({"RETREAT", "CONCEDE"})
WITHDRAWAL_STEMS = tuple(normalize(w) for w in ("انسحاب", "انسحب", "ينسحب", "سحب", "يسحب", "مغادرة", "غادر",
                                                 "يغادر", "اخلاء", "اخلى", "يخلي"))
LEAVE_STEMS = tuple(normalize(w) for w in ("مغادرة", "غادر", "يغادر", "اخلاء", "اخلى", "يخلي"))
FROM_WORDS = frozenset(normalize(w) for w in ("من", "عن"))
WITHDRAWAL_GAP = 5  # words from the trigger to the place: تخطط للانسحاب من سوريا، سحب قواتها من الجنوب


def _withdrawn_from(text: str, trigger_at: int, m: Mention, norm: Norm) -> bool:
    """Whether ``m`` is the place a withdrawal leaves: after the trigger, within a few words of a
    withdrawal word, and introduced by من/عن or as the direct object of مغادرة/إخلاء."""
    if m.start <= trigger_at or m.start - trigger_at > 80:
        return False
    words = norm(trigger_at, m.start).split()
    if not words or len(words) > WITHDRAWAL_GAP:
        return False
    if not any(stem in w for w in words for stem in WITHDRAWAL_STEMS):
        return False
    last = words[-1]
    # من/عن before it, or the place is the object of leaving itself (بمغادرة سوريا، إخلاء حلب)
    return last in FROM_WORDS or any(stem in last for stem in LEAVE_STEMS)


def _words_between(text: str, a: int, b: int) -> list[str]:
    """Normalized words of text[a:b], punctuation that opens content kept as words of its own."""
    chunk = text[a:b]
    for ch in (":", '"', "«"):
        chunk = chunk.replace(ch, f" {ch} ")
    return normalize(chunk).split() + [ch for ch in (":", '"', "«") if ch in chunk and ch not in normalize(ch)]


def _after_opener(text: str, trigger_end: int, m: Mention, openers: frozenset[str]) -> bool:
    """Whether a word of ``openers`` stands between the trigger and the place mention."""
    if m.start <= trigger_end:
        return False
    return any(w in openers for w in _words_between(text, trigger_end, m.start))


def _after_topic_noun(text: str, m: Mention, norm: Optional[Norm] = None) -> bool:
    before = (norm or _normalizer(text))(max(0, m.start - 30), m.start).split()
    if len(before) < 2 or before[-1] not in ("في", "وفي", "ب", "على"):
        return False
    word = before[-2]
    # with its proclitics (بالعنف، وللأزمة): لل stands for ل + ال
    forms = {word, word[1:], word[2:], "ال" + word[2:], "ال" + word[3:]} if len(word) > 4 else {word}
    return bool(forms & TOPIC_NOUNS)


def _source_place(text: str, m: Mention, norm: Optional[Norm] = None) -> bool:
    """A place in the credit of who reports (مصادر محلية للميادين في إدلب)."""
    before = (norm or _normalizer(text))(max(0, m.start - 40), m.start).split()[-4:]
    if not before or not before[-1].endswith("في"):
        return False
    return any(stem in w for w in before for stem in SOURCE_STEMS)


def _trigger_word_end(text: str, trigger_at: int) -> int:
    end = trigger_at
    while end < len(text) and not text[end].isspace():
        end += 1
    return end


def _visit_word(text: str, trigger_at: int, trigger_end: Optional[int] = None) -> bool:
    """Whether the trigger's word is a verb or noun of visiting (زار، زيارة)."""
    end = _trigger_word_end(text, trigger_at) if trigger_end is None else trigger_end
    return normalize(text[trigger_at:end]) in CONSULT_VISITS


def _visit_object(text: str, trigger_at: int, m: Mention, scope: Scope, visit: Optional[bool] = None) -> bool:
    """A country after a visit verb in its clause is where the visitor went (زار وفد ... سوريا).
    ``visit``: _visit_word() of the trigger, when the caller has it."""
    if visit is None:
        visit = _visit_word(text, trigger_at)
    return visit and trigger_at < m.start and _inside(m, scope.clause)


def _in_coordination(text: str, a: Mention, b: Mention) -> bool:
    """Whether b follows a in a list (نابلس وجنين، حلب ودير الزور والرقة)."""
    gap = normalize(text[a.end:b.start]).replace("،", " ").replace(",", " ").split()
    return a.end <= b.start and gap in ([], ["و"])


def _town_of(place: Mention, told: Sequence[Mention]) -> Mention:
    """A country the story is carried to yields to the last town of it told (مصر after القاهرة)."""
    if not _is_country(place):
        return place
    towns = [m for m in told if m.country == place.country and _specificity(m)[0] == 1]
    return max(towns, key=lambda m: m.start) if towns else place


def _line_ends(cands: Sequence[Mention], text: str, norm: Optional[Norm] = None) -> set[int]:
    """Places after بين mark the ends of a line (الحدود الإدارية بين الرقة وحماه، الطريق بين حلب
    ودير الزور والرقة): the last resort in their scope, not where the event happened. (ids)"""
    norm = norm or _normalizer(text)
    ends: set[int] = set()
    prev = None
    for m in sorted(cands, key=lambda m: m.start):
        if "بين" in norm(max(0, m.start - 30), m.start).split()[-3:] or (
                prev is not None and id(prev) in ends and _in_coordination(text, prev, m)):
            ends.add(id(m))
        prev = m
    return ends


def _list_head(best: Mention, cands: Sequence[Mention], text: str, ends: set[int]) -> Mention:
    """The first of a list of equally specific places: a list names its main place first."""
    same = sorted((m for m in cands if _specificity(m) == _specificity(best)
                   and (id(m) in ends) == (id(best) in ends)), key=lambda m: m.start)
    k = next(i for i, m in enumerate(same) if m is best)
    while k > 0 and _in_coordination(text, same[k - 1], same[k]):
        k -= 1
    return same[k]


def choose_place(event_type: str, trigger_at: int, scope: Scope, places: Sequence[Mention], text: str,
                 dateline: Optional[Mention],
                 usable: Optional[Sequence[tuple[bool, bool]]] = None) -> tuple[Optional[Location], str]:
    """(location, rule id). ``usable``: usable_places(text, places), when the caller has it. The
    coder makes one ``ArticlePlaces`` per article and asks it instead."""
    return ArticlePlaces(text, places, usable).choose(event_type, trigger_at, scope, dateline is not None)


class ArticlePlaces:
    """An article's places and what the place chooser works out about them once per article: which
    are usable (``usable_places``), the article's own place, and where the words that open another
    event (RESPONSE_WORDS) stand, so that most events need not normalize the text after them."""

    def __init__(self, text: str, places: Sequence[Mention], usable: Optional[Sequence[tuple[bool, bool]]] = None):
        self.text = text
        self.norm = _ViewSlices(text)
        self.places = list(places)
        self.usable = list(usable) if usable is not None else usable_places(text, self.places, self.norm)
        self.plain = [m for m, (ok, _) in zip(self.places, self.usable) if ok]  # located for any trigger
        self.article_place = _article_place(self.places, text)
        self._responses = _word_spans(text, sorted(RESPONSE_WORDS))
        # what choose() picks from for a trigger that is no visit, in an article without response words
        self._common = _ByStart([m for m in self.plain if m.qualifier != "line"])

    def _after_response(self, trigger_end: int, m: Mention) -> bool:
        """_after_opener(text, trigger_end, m, RESPONSE_WORDS), answered without normalizing when no
        response word that could stand as a word of its own lies between the trigger and the place
        (the usual case)."""
        if m.start <= trigger_end or not any(trigger_end <= a and b <= m.start and (ends_word or after >= m.start)
                                             for a, b, ends_word, after in self._responses):
            return False
        return _after_opener(self.text, trigger_end, m, RESPONSE_WORDS)

    def choose(self, event_type: str, trigger_at: int, scope: Scope, has_dateline: bool) -> tuple[Optional[Location], str]:
        """(location, rule id) of an event of ``event_type`` whose trigger starts at ``trigger_at``."""
        text = self.text
        trigger_end = _trigger_word_end(text, trigger_at)
        visit = _visit_word(text, trigger_at, trigger_end)
        if visit:
            located = [m for m, (ok, needs_visit) in zip(self.places, self.usable)
                       if ok or (needs_visit and _visit_object(text, trigger_at, m, scope, visit))]
        else:
            located = self.plain
        dateline = self.article_place if has_dateline else None
        # the places of the event this one responds to (ردا على ...) are not its own; a river (الجسور على
        # نهر دجلة) says where along a line, and the story's town says better where
        # (only places up to the widest scope's end are checked: later ones are never chosen, and
        # normalizing the text from the trigger to every place of the article made this quadratic)
        reach = max(scope.clause[1], scope.sentence[1], scope.paragraph[1])
        if visit or self._responses:
            places = _ByStart([m for m in located if m.qualifier != "line"
                               and not (m.start <= reach and self._after_response(trigger_end, m))])
        else:
            places = self._common
        for name, rng in (("clause", scope.clause), ("sentence", scope.sentence), ("paragraph", scope.paragraph)):
            if event_type in VERBAL_TYPES and name == "paragraph":
                continue  # a statement's place must be in its own sentence
            cands = places.within(*rng)
            if cands and event_type in WITHDRAWAL_TYPES and name == "clause":
                left = [m for m in cands if _withdrawn_from(text, trigger_at, m, self.norm)]
                if left:
                    # the place withdrawn from wins over where forces go or who asked
                    cands = left
            if cands and event_type in VERBAL_TYPES:
                cands = [m for m in cands if _visit_object(text, trigger_at, m, scope, visit) or (
                    event_type in WITHDRAWAL_TYPES and _withdrawn_from(text, trigger_at, m, self.norm)) or (
                    _introduced_by_fi(text, m, event_type, self.norm) and not _after_topic_noun(text, m, self.norm)
                    and (event_type == "CONSULT" or not _after_opener(text, trigger_end, m, CONTENT_OPENERS)))]
            if not cands:
                continue
            if len(cands) == 1:
                best = cands[0]  # what the ranking below gives a single candidate
            else:
                ends = _line_ends(cands, text, self.norm)
                best = min(cands, key=lambda m: (id(m) in ends, _specificity(m), abs(m.start - trigger_at)))
                best = _list_head(best, cands, text, ends)
            if _is_country(best) and _visit_object(text, trigger_at, best, scope, visit):
                # a visit to a country takes place in the town of it the article names (زيارة لمصر: Cairo)
                best = next((m for m in located if m.country == best.country and _specificity(m)[0] == 1), best)
            if name == "clause" and _is_country(best) and event_type not in VERBAL_TYPES \
                    and not (event_type in WITHDRAWAL_TYPES and _withdrawn_from(text, trigger_at, best, self.norm)):
                # a country in the clause, a town of it later in the sentence: the town says where
                # (استهدفت قواعد في الأراضي العراقية، إذ استهدفت قاعدة عين الأسد)
                towns = [m for m in places.within(*scope.sentence) if m.start > best.end
                         and m.country == best.country and _specificity(m)[0] == 1]
                if towns:
                    return to_location(towns[0]), "place.sentence_town"
            return to_location(best), f"place.{name}"
        if event_type in VERBAL_TYPES:
            # a statement told without a place continues the one told next to it: the place of the
            # sentence before or after, when a statement or meeting is placed there (قال ... في جنيف)
            for rng in _neighbour_sentences(text, scope.sentence):
                cands = [m for m in places.within(*rng) if _introduced_by_fi(text, m, "", self.norm)
                         and not _after_topic_noun(text, m, self.norm) and _statement_venue(text, rng[0], m)]
                if cands:
                    best = min(cands, key=lambda m: (_specificity(m), m.start))
                    return to_location(best), "place.neighbour_sentence"
        if event_type not in VERBAL_TYPES:
            # the story stays where it was last placed: the nearest place told before the paragraph
            # (not a capital standing for its government: قالت موسكو)
            before = [m for m in places.ending_by(scope.paragraph[0]) if m.qualifier != "as_actor"]
            if before:
                return to_location(_town_of(max(before, key=lambda m: m.start), before)), "place.previous"
        if dateline is not None:
            return to_location(dateline), "place.dateline"
        return None, "place.none"


SENTENCE_ENDS = ".!?\n؟"
# Words of saying or meeting: a place after one of them (وقال للصحفيين في جنيف، واصل اجتماعاته في
# القاهرة) is where a statement or meeting was; after what is said or asked (إن، إلى) it is content.
VENUE_WORDS = frozenset(normalize(w) for w in (
    "قال", "وقال", "قالت", "وقالت", "أعلن", "وأعلن", "أعلنت", "وأعلنت", "صرح", "وصرح", "أكد", "وأكد", "أكدت",
    "وأكدت", "أضاف", "وأضاف", "للصحفيين", "للصحافيين", "مؤتمر", "مؤتمرا", "المؤتمر", "اجتماع", "الاجتماع",
    "اجتماعه", "اجتماعها", "اجتماعات", "اجتماعاته", "اجتماعاتها", "قمة", "القمة", "محادثات", "لقاء",
    "لقائه", "كلمة", "كلمته", "بيان", "بيانا", "تصريحات", "تصريح"))
SAID_OPENERS = frozenset(normalize(w) for w in (
    "أن", "إن", "بأن", "وأن", "وإن", "إنه", "إنها", "أنه", "أنها", "بأنه", "بأنها", "إنهم", "أنهم", "إلى", "الى",
    ":", '"', "«"))
VENUE_WINDOW = 8  # words from the word of saying or meeting to the place (واصل اجتماعاته ... في العاصمة المصرية القاهرة)


def _statement_venue(text: str, start: int, m: Mention) -> bool:
    """Whether a word of saying or meeting stands shortly before ``m`` in its sentence (which begins
    at ``start``), and no word opening what was said stands anywhere before it."""
    words = _words_between(text, start, m.start)
    return any(w in VENUE_WORDS for w in words[-VENUE_WINDOW:]) and not any(w in SAID_OPENERS for w in words)


def _neighbour_sentences(text: str, sentence: tuple[int, int]) -> list[tuple[int, int]]:
    """The sentence before and the sentence after ``sentence`` (split at . ! ? and line ends)."""
    a, b = sentence
    k = a - 1
    while k > 0 and text[k - 1] in SENTENCE_ENDS + " ":
        k -= 1
    ends = _sentence_end_positions(text)
    before = bisect_left(ends, k)
    prev_start = ends[before - 1] + 1 if before else 0
    while b < len(text) and text[b] in SENTENCE_ENDS + " ":
        b += 1
    after = bisect_left(ends, b)
    nxt = ends[after] if after < len(ends) else len(text)
    return [r for r in ((prev_start, k), (b, nxt)) if r[0] < r[1]]


_SENTENCE_END = re.compile("[" + re.escape(SENTENCE_ENDS) + "]")


@lru_cache(maxsize=4)
def _sentence_end_positions(text: str) -> list[int]:
    """Where the article's sentence-end characters stand, found once per article (a find/rfind per
    end character and per sentence scanned the whole text for the characters it lacks)."""
    return [m.start() for m in _SENTENCE_END.finditer(text)]


class _ByStart:
    """Place mentions in their given order, with the ones inside a range found by bisection when
    that order is by start (the recognizers' usual order)."""

    def __init__(self, mentions: list[Mention]):
        self.items = mentions
        self.starts = [m.start for m in mentions]
        self.by_start = all(a <= b for a, b in zip(self.starts, self.starts[1:]))

    def within(self, lo: int, hi: int) -> list[Mention]:
        """The mentions inside [lo, hi), in order."""
        items = self.items
        if self.by_start:
            items = items[bisect_left(self.starts, lo):bisect_right(self.starts, hi)]
        return [m for m in items if lo <= m.start and m.end <= hi]

    def ending_by(self, end: int) -> list[Mention]:
        """The mentions that end at or before ``end``, in order."""
        items = self.items
        if self.by_start:
            items = items[:bisect_right(self.starts, end)]
        return [m for m in items if m.end <= end]


def _word_spans(text: str, words: Sequence[str]) -> list[tuple[int, int, bool, int]]:
    """Where each of the normalized ``words`` may stand as a word of its own in ``text``: for each
    occurrence in the normalized text not glued to a letter or digit before it, its original
    (start, end), whether no letter or digit follows it, and the original offset of the next
    normalized character. normalize works character by character, so normalize(text[a:b]) is the
    stretch of the normalized text whose characters come from [a, b): a word of it equal to one of
    ``words`` is one of these occurrences, with a <= start, end <= b, and either nothing glued after
    it or the next character outside [a, b). (_after_opener splits words only at white space and at
    the quote and colon characters it pads, none of them a letter or digit.)"""
    from ..lexicon import text_view
    view = text_view(text)
    norm, back = view.text, view.to_original
    spans = []
    for word in words:
        i = norm.find(word)
        while i != -1:
            j = i + len(word)
            if i == 0 or not norm[i - 1].isalnum():
                spans.append((back[i], back[j - 1] + 1, j == len(norm) or not norm[j].isalnum(),
                              back[j] if j < len(norm) else len(text)))
            i = norm.find(word, i + 1)
    return spans


def usable_places(text: str, places: Sequence[Mention], norm: Optional[Norm] = None) -> list[tuple[bool, bool]]:
    """Per place: (usable for any event, usable only as a visit's object). The same for every event
    of an article, so the coder works it out once per article."""
    norm = norm or _normalizer(text)
    out = []
    for m in places:
        if _newsroom(text, m) or _source_place(text, m, norm):
            out.append((False, False))
        elif not _is_country(m) or _located(text, m, norm):
            out.append((True, False))
        else:
            out.append((False, True))
    return out


def _article_place(places: Sequence[Mention], text: str) -> Optional[Mention]:
    """The place an article is about when an event's own sentence names none: the first place of
    the body that is not the newsroom credit line (``دبي، الإمارات العربية المتحدة (CNN) --``).
    (Measured on gold-dev: better than the headline's place or the most frequent place.)"""
    body = [m for m in places if not _newsroom(text, m)]
    return body[0] if body else None


def _newsroom(text: str, m: Mention) -> bool:
    """A place in the opening credit line: it says where the story was filed, not what happened."""
    return is_newsroom(text, m, NEWSROOM_SPAN)


def is_background(sentence: Sentence, clause: Clause) -> bool:
    """Whether the sentence tells background (سابقا، مؤخرا) up to the end of ``clause``."""
    first = background_from(sentence)
    return first is not None and first <= clause.last


def background_from(sentence: Sentence) -> Optional[int]:
    """Index of the sentence's first background word (BACKGROUND_CUES), or None: the same for every
    clause, so the coder asks once per sentence."""
    return next((i for i, t in enumerate(sentence.tokens) if t.norm in BACKGROUND_CUES), None)


def choose_date(scope: Scope, dates: Sequence[Mention], published: Optional[str], background: bool,
                trigger_at: int) -> tuple[Optional[EventDate], str]:
    for name, rng in (("clause", scope.clause), ("sentence", scope.sentence)):
        cands = [m for m in dates if _inside(m, rng) and m.value and len(m.value) >= 4 and not _period_start(m)]
        if cands:
            # outside the event's clause, a date before the trigger is often the statement's (أكدت
            # القيادة، يوم أمس، إصابة 24 خلال هجمات ... الأسبوع الماضي): the event's own date follows it
            best = min(cands, key=lambda m: (name == "sentence" and m.start < trigger_at, abs(m.start - trigger_at)))
            return EventDate(best.value[:10], best.unit or _precision_of(best.value), best.text), f"date.{name}"
    if published and not background:
        told = _story_day(scope, dates, published)
        if told is not None:
            # the story's day named earlier (الاثنين، أمس) carries over to the events told after it
            return EventDate(told.value[:10], "day", told.text), "date.story_day"
        # current news without a time word: it happened around publication, not surely that day
        return EventDate(published[:10], LOWER_PRECISION["day"], None), "date.published"
    return None, "date.none"


def _story_day(scope: Scope, dates: Sequence[Mention], published: str) -> Optional[Mention]:
    """The day the lead names (its last before the event's sentence), when it lies in the days just
    before publication: news names the story's day once and tells the rest without repeating it."""
    try:
        pub = _date.fromisoformat(published[:10])
    except ValueError:
        return None
    best = None
    for m in dates:
        if m.start >= scope.sentence[0] or (best is not None and m.start < best.start):
            continue
        if m.sentence is None or m.sentence >= LEAD_SENTENCES:
            continue  # a day named later belongs to its own part of the story
        if not m.value or len(m.value) < 10 or _period_start(m) or (m.unit or "day") != "day":
            continue
        try:
            day = _date.fromisoformat(m.value[:10])
        except ValueError:
            continue
        if 0 < (pub - day).days <= STORY_DAYS:
            best = m
    return best


def _period_start(m: Mention) -> bool:
    """Whether the date follows منذ (the recognizer marks it "since") or begins with it."""
    words = normalize(m.text).split()
    return m.qualifier == "since" or (bool(words) and words[0] in PERIOD_START)


def _precision_of(value: str) -> str:
    return {10: "day", 7: "month", 4: "year"}.get(len(value), "day")


def casualties(scope: Scope, numbers: Sequence[Mention]) -> tuple[Optional[int], Optional[int]]:
    """(fatalities, injuries): the lowest reported figure of each in the clause, else the sentence."""
    for rng in (scope.clause, scope.sentence):
        killed = [_as_int(m.value) for m in numbers if _inside(m, rng) and (m.unit or "") in KILLED_UNITS]
        injured = [_as_int(m.value) for m in numbers if _inside(m, rng) and (m.unit or "") in INJURED_UNITS]
        killed = [k for k in killed if k is not None]
        injured = [k for k in injured if k is not None]
        if killed or injured:
            return (min(killed) if killed else None), (min(injured) if injured else None)
    return None, None


def _as_int(value: Optional[str]) -> Optional[int]:
    try:
        return int(float(value)) if value is not None else None
    except ValueError:
        return None
