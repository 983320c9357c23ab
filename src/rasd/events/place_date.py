"""Where and when an event happened, and how many were killed or injured.

Place: the most specific place mention in the event's clause, else its sentence, else its
paragraph, else the article's dateline place (the first place the body names). Verbal events
(statements, demands, offers) happen where they are said: a place in their clause is taken only
when introduced by في (``في موسكو``); the places inside what is demanded or offered are not where
the demand was made. Precision is ACLED's geo_precision: 1 the town itself, 2 a part or the
surroundings of it, 3 a region.

Date: a resolved date mention in the clause, else the sentence; else, for an event told as
current news, the publication date at a lower precision. A background event (``وكان ... قد``,
``سابقا``, ``منذ``) without a time word gets no date.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

from ..model import EventDate, Location, Mention, Sentence
from ..normalize import normalize
from .clauses import Clause

VERBAL_TYPES = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT", "THREATEN"})
BACKGROUND_CUES = frozenset(normalize(w) for w in ("سابقا", "سابق", "منذ", "وكان", "وكانت", "كان", "كانت",
                                                   "مؤخرا"))
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


def _specificity(m: Mention) -> int:
    return m.precision if m.precision is not None else 2


def _introduced_by_fi(text: str, m: Mention) -> bool:
    before = normalize(text[max(0, m.start - 12):m.start]).split()
    return bool(before) and before[-1] in ("في", "وفي", "بمدينه", "مدينه", "بلده", "قريه") or (
        len(before) >= 2 and before[-2] in ("في", "وفي"))


def to_location(m: Mention) -> Location:
    return Location(text=m.text, name_ar=m.name_ar or m.text, name_en=m.name_en, lat=m.lat, lon=m.lon,
                    admin1=m.admin1, pcode=m.pcode, precision=m.precision)


def choose_place(event_type: str, trigger_at: int, scope: Scope, places: Sequence[Mention], text: str,
                 dateline: Optional[Mention]) -> tuple[Optional[Location], str]:
    """(location, rule id)."""
    for name, rng in (("clause", scope.clause), ("sentence", scope.sentence), ("paragraph", scope.paragraph)):
        cands = [m for m in places if _inside(m, rng)]
        if event_type in VERBAL_TYPES:
            cands = [m for m in cands if _introduced_by_fi(text, m)]
            if name == "paragraph":
                cands = []  # a statement's place must be in its own sentence
        if cands:
            best = min(cands, key=lambda m: (_specificity(m), abs(m.start - trigger_at)))
            return to_location(best), f"place.{name}"
    if dateline is not None:
        return to_location(dateline), "place.dateline"
    return None, "place.none"


def is_background(sentence: Sentence, clause: Clause) -> bool:
    toks = sentence.tokens[: clause.last + 1]
    return any(t.norm in BACKGROUND_CUES for t in toks)


def choose_date(scope: Scope, dates: Sequence[Mention], published: Optional[str], background: bool,
                trigger_at: int) -> tuple[Optional[EventDate], str]:
    for name, rng in (("clause", scope.clause), ("sentence", scope.sentence)):
        cands = [m for m in dates if _inside(m, rng) and m.value and len(m.value) >= 4]
        if cands:
            best = min(cands, key=lambda m: abs(m.start - trigger_at))
            return EventDate(best.value[:10], best.unit or _precision_of(best.value), best.text), f"date.{name}"
    if published and not background:
        # current news without a time word: it happened around publication, not surely that day
        return EventDate(published[:10], LOWER_PRECISION["day"], None), "date.published"
    return None, "date.none"


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
