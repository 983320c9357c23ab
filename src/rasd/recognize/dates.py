"""Dates, times and durations in Arabic news, resolved against the publication date.

A rule-based recognizer over the normalized text: time words (months in the three Arabic naming
systems, Hijri months, weekdays, parts of day, relative expressions, units, cue words) come from
``data/lexicons/time_words/*.yaml`` and are found with the lexicon Matcher; numbers come from
``rasd.recognize.numbers``. Adjacent pieces are joined into one ``TimeExpression`` that knows how
to resolve itself against a publication date (``TimeExpression.resolve``).

Conventions (those of the gold annotation): a current period (هذا العام، الشهر الجاري) resolves
to the publication date at that precision; a past or next period to its first day (العام الماضي ->
1 January); weeks move by seven days (الأسبوع الماضي -> publication - 7); a weekday is the most
recent such day on or before publication unless a cue says future (المقبل، سوف، من المقرر).
ACLED time_precision: 1 day, 2 week, 3 month or coarser.
"""
from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple, Optional, Sequence

from hijridate import Gregorian, Hijri

from ..lexicon import load_lexicon, text_view
from ..lexicon.matcher import Matcher, normalize_form
from ..model import Article, EventDate, Mention
from ..normalize import normalize
from ..settings import Settings
from .numbers import NumberLexicon, NumberSpan, find_numbers, format_number, number_lexicon, sentence_index

ACLED_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}
PART_OF_PERIOD_DAY = {"period_start": 1, "period_middle": 15, "period_end": 25}
PART_OF_WEEK_OFFSET = {"period_start": 0, "period_middle": 2, "period_end": 4}  # from Monday
PART_OF_YEAR_MONTH = {"period_start": 1, "period_middle": 6, "period_end": 12}
VAGUE_COUNT = 3  # "a few" days/weeks (أيام، عدة أسابيع): the smallest Arabic plural
NUMERIC_DATE_DMY = re.compile(r"(?<![\d/.\-])(\d{1,2})([/.\-])(\d{1,2})\2(\d{4})(?![\d/.\-]*\d)")
NUMERIC_DATE_YMD = re.compile(r"(?<![\d/.\-])(\d{4})([/.\-])(\d{1,2})\2(\d{1,2})(?![\d/.\-]*\d)")
# Both need a digit, a separator and a digit; most articles have none (a cheap test first).
_NUMERIC_DATE_SEPARATORS = "/.-"
# Between two pieces of one expression: spaces, a slash pair (يوليو/تموز), "من" (الـ19 من تشرين).
_JOINER = re.compile(r"^\s*(?:[/\-–]\s*|من\s+|،\s*)?$")
# After اليوم: an ordinal or adjective means "the day", not "today" (اليوم الثاني، اليوم العالمي).
_NOT_TODAY_AFTER = re.compile(r"^\s+ال(?!اثنين|ثلاثاء|اربعاء|خميس|جمعه|سبت|احد)\w+")
_FUTURE_VERB = re.compile(r"(?:^|\s)[وف]?س[يتن][\u0621-\u064a]{3,}(?=\s|$)")
# Common nouns that begin like a future verb (names are listed in cues.yaml, role not_future).
_FUTURE_STOP = frozenset(normalize(w) for w in (
    "سيارة", "سيارات", "ستة", "سنة", "سنوات", "سيطرة", "سياسة", "سياسي", "سياسية", "سيناء", "ستين",
    "سيدة", "سيدات", "سينما", "سياق", "سيادة", "سياسات", "سنين", "ستار", "سنوية", "ستون", "سيول"))


class _Piece(NamedTuple):
    start: int
    end: int
    prefix: str
    kind: str  # month | hmonth | weekday | part | rel | unit | cue | number
    entry: object = None
    number: Optional[NumberSpan] = None
    attrs: dict = {}  # the entry's attributes (read many times: kept, not looked up)
    id: Optional[str] = None  # the entry's id


def _word_piece(m, kind: str, entry) -> _Piece:
    return _Piece(m.start, m.end, m.prefix, kind, entry, None, entry.attrs, entry.id)


@dataclass
class TimeExpression:
    """One recognised time expression; offsets into the normalized text."""
    kind: str  # date | duration
    start: int
    end: int
    rule: str
    precision: str  # day | week | month | year (for durations: the unit)
    entity_ids: list[str] = field(default_factory=list)
    # absolute dates: year may be None (taken from the publication date)
    year: Optional[int] = None
    month: Optional[int] = None
    day: Optional[int] = None
    year_relation: Optional[str] = None  # past | current | next (يوليو الماضي)
    # relative dates
    unit: Optional[str] = None  # day | week | month | year
    offset: int = 0
    period_part: Optional[str] = None  # period_start | period_middle | period_end
    weekday: Optional[int] = None
    future: bool = False
    night_before: bool = False
    # durations
    amount: Optional[float] = None

    def resolve(self, published: Optional[dt.date]) -> Optional[EventDate]:
        """The calendar date this expression names, or None when it needs an unknown publication date."""
        if self.kind != "date":
            return None
        value = _resolve_value(self, published)
        if value is None:
            return None
        return EventDate(value.isoformat(), self.precision)


# ---------------------------------------------------------------------------------------------
# Lexicon

class TimeLexicon:
    def __init__(self, extra_dirs: Sequence[Path] = ()):
        self.matcher = Matcher()
        self.not_future: frozenset[str] = frozenset()
        for entry in load_lexicon("time_words", extra_dirs=extra_dirs):
            if entry.attrs.get("role") == "not_future":
                self.not_future = self.not_future | {normalize_form(f) for f in entry.forms}
                continue
            kind = entry.id.split(".")[1]
            kind = {"month": "month", "hijri_month": "hmonth", "weekday": "weekday", "part": "part",
                    "rel": "rel", "unit": "unit", "cue": "cue"}.get(kind)
            if kind is None:
                continue
            for form in entry.forms:
                self.matcher.add(form, (kind, entry))
        self.matcher.build()


@lru_cache(maxsize=8)
def time_lexicon(extra_dirs: tuple[Path, ...] = ()) -> TimeLexicon:
    return TimeLexicon(extra_dirs)


# ---------------------------------------------------------------------------------------------
# Recognition

def _pieces(text: str, lexicon: TimeLexicon, numbers: list[NumberSpan]) -> list[_Piece]:
    pieces = [_word_piece(m, *m.payloads[0]) for m in lexicon.matcher.find(text)]
    # The word pieces do not overlap (Matcher.find): a number overlaps one only if it overlaps the
    # last one starting before the number's end.
    starts = [p.start for p in pieces]
    ends = [p.end for p in pieces]
    for n in numbers:
        k = bisect_left(starts, n.end) - 1
        if k >= 0 and ends[k] > n.start:
            continue
        pieces.append(_Piece(n.start, n.end, "", "number", None, n))
    pieces.sort(key=lambda p: p.start)
    return pieces


def _joined(text: str, a: _Piece, b: _Piece) -> bool:
    return bool(_JOINER.match(text[a.end:b.start - len(b.prefix)]))


def _role(p: Optional[_Piece]) -> Optional[str]:
    return p.attrs.get("role") if p is not None and p.kind == "cue" else None


def _is_year(p: Optional[_Piece], low: int = 1900, high: int = 2100) -> bool:
    return p is not None and p.kind == "number" and p.number.digits and p.number.value is not None \
        and low <= p.number.value <= high and p.number.value == int(p.number.value) and p.number.qualifier is None


def _is_day(p: Optional[_Piece]) -> bool:
    return p is not None and p.kind == "number" and p.number.value is not None and p.number.qualifier is None \
        and 1 <= p.number.value <= 31 and p.number.value == int(p.number.value)


def _future_context(before: str, not_future: frozenset[str]) -> bool:
    for m in _FUTURE_VERB.finditer(before):
        word = m.group().strip()
        if word not in _FUTURE_STOP and word not in not_future and word.lstrip("وف") not in not_future:
            return True
    return False


class _Parser:
    """Walks the pieces left to right and joins adjacent ones into expressions."""

    def __init__(self, text: str, pieces: list[_Piece], future_cues: set[int]):
        self.text, self.p, self.future_cues = text, pieces, future_cues

    def at(self, i: int) -> Optional[_Piece]:
        return self.p[i] if 0 <= i < len(self.p) else None

    def next_joined(self, i: int) -> Optional[_Piece]:
        a, b = self.at(i), self.at(i + 1)
        return b if a is not None and b is not None and _joined(self.text, a, b) else None

    def run(self) -> list[TimeExpression]:
        out: list[TimeExpression] = []
        i = 0
        while i < len(self.p):
            result = self.parse_at(i)
            if result is None:
                i += 1
                continue
            expr, i = result
            out.append(expr)
        return out

    def parse_at(self, i: int) -> Optional[tuple[TimeExpression, int]]:
        first = self.p[i]
        start = first.start
        ids: list[str] = []
        j = i
        period_part = None
        part = None
        # Leading modifiers: a part of a period (مطلع، أواخر) or of a day (مساء، فجر).
        if _role(first) in PART_OF_PERIOD_DAY and self.next_joined(i):
            period_part, j = first.attrs["role"], i + 1
            ids.append(first.id)
        elif first.kind == "part" and self.next_joined(i):
            part, j = first, i + 1
            ids.append(first.id)
        head = self.p[j]
        # يوم / شهر before what it names (عصر يوم الإثنين، شهر فبراير، يوم 11 فبراير)
        if head.kind == "unit" and head.attrs.get("unit") in ("day", "month") and not head.attrs.get("plural") \
                and head.attrs.get("count") is None and self.next_joined(j) is not None \
                and self.next_joined(j).kind in ("weekday", "number", "month", "hmonth", "rel"):
            ids.append(head.id)
            j += 1
            head = self.p[j]
        # A weekday may open a full date: الخميس 18 تشرين الأول
        if head.kind == "weekday" and self.next_joined(j) is not None and _is_day(self.next_joined(j)):
            j += 1
            head = self.p[j]

        if head.kind == "number":
            return self.number_first(i, j, start, ids, period_part)
        if head.kind in ("month", "hmonth"):
            return self.month_expr(j, start, ids, None, period_part, explicit=(j > i or period_part is not None))
        if head.kind == "rel":
            return self.relative(j, start, ids, period_part, part)
        if head.kind == "weekday":
            return self.weekday_expr(j, start, ids, part)
        if head.kind == "unit" and head.attrs.get("unit") == "year" and not head.attrs.get("plural"):
            nxt = self.next_joined(j)
            if _is_year(nxt):
                expr = TimeExpression("date", start, nxt.end, "date.year", "year", ids + [head.id],
                                      year=int(nxt.number.value), month=1, day=1)
                return self.apply_period_part(expr, period_part), j + 2
        if head.kind == "unit" and j == i:
            return self.bare_unit(i)
        if _role(head) in ("ago", "later", "duration") and j == i:
            return self.counted(i)
        return None

    # -- pieces ---------------------------------------------------------------------------------

    def number_first(self, i: int, j: int, start: int, ids: list[str], period_part):
        num = self.p[j]
        nxt = self.next_joined(j)
        if nxt is not None and nxt.kind in ("month", "hmonth") and _is_day(num):
            return self.month_expr(j + 1, start, ids, int(num.number.value), period_part, explicit=True)
        if nxt is not None and nxt.kind == "rel" and nxt.attrs.get("unit") == "month" and _is_day(num) \
                and nxt.attrs.get("precision") == "month":  # الـ17 من الشهر الجاري
            expr = TimeExpression("date", start, nxt.end, "date.day_relative_month", "day", ids + [nxt.id],
                                  unit="month", offset=int(nxt.attrs["offset"]), day=int(num.number.value))
            return expr, j + 2
        if nxt is not None and nxt.kind == "unit" and j == i:
            return self.amount_unit(i, None)
        if _is_year(num) and nxt is not None and _role(nxt) == "gregorian_suffix" and j == i:
            return TimeExpression("date", start, nxt.end, "date.year", "year", ids + [nxt.id],
                                  year=int(num.number.value), month=1, day=1), j + 2
        return None

    def month_expr(self, j: int, start: int, ids: list[str], day: Optional[int], period_part, explicit: bool):
        month = self.p[j]
        ids = ids + [month.id]
        end = month.end
        k = j
        # A slash pair names the same month twice: يوليو/تموز
        nxt = self.next_joined(k)
        if nxt is not None and nxt.kind == month.kind and nxt.attrs.get("month") == month.attrs.get("month"):
            k += 1
            end = nxt.end
            explicit = True
            ids.append(nxt.id)
            nxt = self.next_joined(k)
        year, relation = None, None
        hijri = month.kind == "hmonth"
        if nxt is not None and nxt.kind == "unit" and nxt.attrs.get("unit") == "year" and _is_year(self.next_joined(k + 1), 1, 2100):
            nxt = self.next_joined(k + 1)  # فبراير عام 2013
            k += 1
        if nxt is not None and (_is_year(nxt) or (hijri and _is_year(nxt, 1300, 1600))):
            year, end, k = int(nxt.number.value), nxt.end, k + 1
            explicit = True
            suffix = self.next_joined(k)
            if suffix is not None and _role(suffix) in ("hijri_suffix", "gregorian_suffix"):
                end, k = suffix.end, k + 1
        elif nxt is not None and _role(nxt) in ("past", "current", "next"):
            relation, end, k = nxt.attrs["role"], nxt.end, k + 1
            explicit = True
            ids.append(nxt.id)
        if not explicit and day is None:
            return None  # a bare month name may be a word (مارس، آب): not enough evidence
        if hijri and day is None and year is None and not explicit:
            return None
        m = int(month.attrs["month"])
        if hijri:
            expr = TimeExpression("date", start, end, "date.hijri", "day" if day else "month", ids,
                                  year=year, month=m, day=day or 1, year_relation=relation)
            expr.rule = "date.hijri"
            return self.apply_period_part(expr, period_part), k + 1
        precision = "day" if day else "month"
        rule = "date.day_month" if day else "date.month"
        expr = TimeExpression("date", start, end, rule, precision, ids, year=year, month=m, day=day or 1,
                              year_relation=relation)
        return self.apply_period_part(expr, period_part), k + 1

    def apply_period_part(self, expr: TimeExpression, period_part) -> TimeExpression:
        if not period_part:
            return expr
        expr.period_part = period_part
        if expr.precision == "month":
            expr.day = PART_OF_PERIOD_DAY[period_part]
            expr.precision = "week"
        elif expr.precision == "year":
            expr.month = PART_OF_YEAR_MONTH[period_part]
            expr.precision = "month"
        return expr

    def relative(self, j: int, start: int, ids: list[str], period_part, part):
        rel = self.p[j]
        if rel.id == "time_words.rel.today" and _NOT_TODAY_AFTER.match(self.text[rel.end:]) \
                and not self.text[rel.end:].lstrip().startswith(("الجمعه", "السبت")):
            return None
        if rel.id == "time_words.rel.today" and rel.prefix.endswith("ل"):
            return None  # لليوم الثاني: "for the second day"
        end, k = rel.end, j
        ids = ids + [rel.id]
        nxt = self.next_joined(k)
        if nxt is not None and nxt.kind == "weekday":  # أمس الإثنين، اليوم الأربعاء
            end, k = nxt.end, k + 1
            ids.append(nxt.id)
        attrs = rel.attrs
        expr = TimeExpression("date", start, end, "date.relative", attrs["precision"], ids,
                              unit=attrs["unit"], offset=int(attrs["offset"]))
        if period_part:
            expr.period_part = period_part
            if expr.unit == "month":
                expr.precision = "week"
            elif expr.unit == "year":
                expr.precision = "month"
        if part is not None:
            expr.rule = "date.relative.part_of_day"
        return expr, k + 1

    def weekday_expr(self, j: int, start: int, ids: list[str], part):
        wd = self.p[j]
        end, k = wd.end, j
        ids = ids + [wd.id]
        nxt = self.next_joined(k)
        night_between = False
        if nxt is not None and nxt.kind == "weekday" and part is not None:  # ليل السبت الأحد
            end, k, night_between = nxt.end, k + 1, True
            ids.append(nxt.id)
            nxt = self.next_joined(k)
        future = past = False
        if nxt is not None and _role(nxt) in ("past", "next"):
            future, past = nxt.attrs["role"] == "next", nxt.attrs["role"] == "past"
            end, k = nxt.end, k + 1
            ids.append(nxt.id)
        elif wd.start in self.future_cues:
            future = True
        rule = "date.weekday.future" if future else "date.weekday.past" if past else "date.weekday"
        expr = TimeExpression("date", start, end, rule, "day", ids,
                              weekday=int(wd.attrs["weekday"]), future=future,
                              night_before=bool(part is not None and part.attrs.get("night_before") and not night_between))
        return expr, k + 1

    def amount_unit(self, i: int, cue: Optional[_Piece]):
        """NUMBER UNIT (72 ساعة) or, after a cue, منذ ثلاثة أيام."""
        num, unit = self.p[i], self.p[i + 1]
        return self.finish_amount(cue, num.start if cue is None else cue.start, num.number.value, unit, i + 1,
                                  num.number.qualifier)

    def bare_unit(self, i: int):
        unit = self.p[i]
        count = unit.attrs.get("count")
        if count is None:
            return None  # يوم، ساعات alone are not durations
        return self.finish_amount(None, unit.start, float(count), unit, i, None)

    def counted(self, i: int):
        cue = self.p[i]
        nxt = self.next_joined(i)
        if nxt is None:
            return None
        if nxt.kind == "number":
            unit = self.next_joined(i + 1)
            if unit is None or unit.kind != "unit":
                return None
            value = nxt.number.value if nxt.number.value is not None else float(VAGUE_COUNT)
            return self.finish_amount(cue, cue.start, value, unit, i + 2, nxt.number.qualifier)
        if nxt.kind == "unit":
            count = nxt.attrs.get("count")
            if count is None and not nxt.attrs.get("plural"):
                return None
            value = float(count) if count is not None else float(VAGUE_COUNT)
            return self.finish_amount(cue, cue.start, value, nxt, i + 1, None if count else "vague")
        return None

    def finish_amount(self, cue: Optional[_Piece], start: int, value: Optional[float], unit: _Piece, k: int,
                      qualifier: Optional[str]):
        unit_name = unit.attrs["unit"]
        end = unit.end
        role = _role(cue)
        after = self.next_joined(k)
        past = after is not None and _role(after) == "past"  # خلال الـ48 ساعة الماضية
        if past:
            end, k = after.end, k + 1
        ids = [x for x in (cue.id if cue else None, unit.id) if x]
        if value is None:
            value = float(VAGUE_COUNT)
        if role in ("ago", "later") or past:
            if unit_name in ("minute", "hour"):
                days, precision = 0, "day"
            else:
                days = int(value * UNIT_DAYS[unit_name])
                if past:  # a period ending now: its middle
                    days = days // 2
                precision = _precision_for_days(days, unit_name, qualifier)
            follows = self.text[end:end + 16].split()[:2]
            if role == "later" and any(w in ("من", "علي", "علي") for w in follows):
                return None  # بعد ساعات (فقط) من الهجوم: relative to another event
            sign = 1 if role == "later" else -1
            expr = TimeExpression("date", start, end, "date.relative.counted", precision, ids,
                                  unit="day", offset=sign * days)
            return expr, k + 1
        expr = TimeExpression("duration", start, end, "duration", unit_name, ids, amount=value)
        return expr, k + 1


def _precision_for_days(days: int, unit: str, qualifier: Optional[str]) -> str:
    if unit == "day" and days <= 3 and qualifier is None:
        return "day"
    if days <= 10:
        return "week"
    if days <= 60:
        return "month"
    return "year"


def find_time_expressions(text: str, lexicon: Optional[TimeLexicon] = None,
                          numbers: Optional[list[NumberSpan]] = None,
                          number_words: Optional[NumberLexicon] = None) -> list[TimeExpression]:
    """All dates and durations in normalized ``text``, left to right."""
    lexicon = lexicon or time_lexicon()
    exprs: list[TimeExpression] = []
    taken: list[tuple[int, int]] = []
    numeric = _has_numeric_date_hint(text)
    for rx, order in ((NUMERIC_DATE_DMY, "dmy"), (NUMERIC_DATE_YMD, "ymd")) if numeric else ():
        for m in rx.finditer(text):
            a, b, c = int(m.group(1)), int(m.group(3)), int(m.group(4))
            d, mo, y = (a, b, c) if order == "dmy" else (c, b, a)
            if not (1 <= mo <= 12 and 1 <= d <= 31 and 1900 <= y <= 2100) or any(s < m.end() and m.start() < e for s, e in taken):
                continue
            exprs.append(TimeExpression("date", m.start(), m.end(), f"date.numeric.{order}", "day", [], y, mo, d))
            taken.append((m.start(), m.end()))
    if numbers is None:
        numbers = find_numbers(text, number_words or number_lexicon())
    if taken:  # (most articles have no numeric date)
        numbers = [n for n in numbers if not any(s < n.end and n.start < e for s, e in taken)]
    pieces = _pieces(text, lexicon, numbers)
    future_cues = _future_cue_positions(text, pieces, lexicon.not_future)
    exprs.extend(_Parser(text, pieces, future_cues).run())
    exprs.sort(key=lambda e: e.start)
    return exprs


def _has_numeric_date_hint(text: str) -> bool:
    """Whether ``re.search(r"\\d[/.\\-]\\d", text)`` would match: a digit, a separator, a digit.
    str.find goes from separator to separator (a few dozen in an article) where the regex tests
    every character (a tenth of the cost on an article)."""
    for sep in _NUMERIC_DATE_SEPARATORS:
        i = text.find(sep, 1)
        while i != -1:
            if text[i - 1].isdecimal() and text[i + 1:i + 2].isdecimal():  # \d is a decimal digit
                return True
            i = text.find(sep, i + 1)
    return False


def _future_cue_positions(text: str, pieces: list[_Piece], not_future: frozenset[str]) -> set[int]:
    """Start offsets of weekdays that a future cue (سوف، من المقرر، ستعقد ...) governs."""
    result = set()
    for k, p in enumerate(pieces):
        if p.kind != "weekday":
            continue
        window_start = max(0, p.start - 60)
        clause_start = max(text.rfind(".", 0, p.start), text.rfind("\n", 0, p.start)) + 1
        window_start = max(window_start, clause_start)
        if any(_role(q) == "future" and window_start <= q.start < p.start for q in pieces[max(0, k - 8):k]) \
                or _future_context(text[window_start:p.start], not_future):
            result.add(p.start)
    return result


# ---------------------------------------------------------------------------------------------
# Resolution

def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _safe_date(y: int, m: int, d: int) -> Optional[dt.date]:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _resolve_value(e: TimeExpression, pub: Optional[dt.date]) -> Optional[dt.date]:
    if e.month is not None:  # absolute (maybe without a year)
        if e.rule == "date.hijri":
            return _resolve_hijri(e, pub)
        if e.year is not None:
            return _safe_date(e.year, e.month, e.day or 1)
        if pub is None:
            return None
        year = pub.year
        if e.year_relation == "past":
            year = pub.year if e.month < pub.month else pub.year - 1
        elif e.year_relation == "next":
            year = pub.year if e.month > pub.month else pub.year + 1
        elif e.year_relation is None:
            candidate = _safe_date(year, e.month, e.day or 1)
            if candidate is not None and candidate > pub + dt.timedelta(days=31):
                year -= 1  # a date without a year is most often in the recent past
        return _safe_date(year, e.month, e.day or 1)
    if e.year is not None:
        return _safe_date(e.year, 1, 1)
    if pub is None:
        return None
    if e.weekday is not None and e.unit is None:
        delta = (pub.weekday() - e.weekday) % 7
        day = pub - dt.timedelta(days=delta)
        if e.future:
            day = pub + dt.timedelta(days=(e.weekday - pub.weekday()) % 7 or 7)
        elif delta == 0 and e.rule == "date.weekday.past":  # الأربعاء الماضي, said on a Wednesday
            day = pub - dt.timedelta(days=7)
        if e.night_before:
            day -= dt.timedelta(days=1)
        return day
    if e.unit == "day":
        return pub + dt.timedelta(days=e.offset)
    if e.unit == "week":
        day = pub + dt.timedelta(days=7 * e.offset)
        if e.period_part:
            monday = day - dt.timedelta(days=day.weekday())
            return monday + dt.timedelta(days=PART_OF_WEEK_OFFSET[e.period_part])
        return day
    if e.unit == "month":
        if e.day is not None:  # a day of a relative month
            return _safe_date(*_add_months(pub, e.offset).timetuple()[:2], e.day)
        if e.period_part:
            first = _add_months(pub, e.offset)
            return first.replace(day=PART_OF_PERIOD_DAY[e.period_part])
        return pub if e.offset == 0 else _add_months(pub, e.offset)
    if e.unit == "year":
        if e.period_part:
            return dt.date(pub.year + e.offset, PART_OF_YEAR_MONTH[e.period_part], 1)
        return pub if e.offset == 0 else dt.date(pub.year + e.offset, 1, 1)
    return None


def _resolve_hijri(e: TimeExpression, pub: Optional[dt.date]) -> Optional[dt.date]:
    year = e.year
    if year is None:
        if pub is None:
            return None
        year = Gregorian(pub.year, pub.month, pub.day).to_hijri().year
        if e.year_relation == "past":
            year -= 1 if e.month >= Gregorian(pub.year, pub.month, pub.day).to_hijri().month else 0
    try:
        return Hijri(year, e.month, e.day or 1).to_gregorian()
    except (ValueError, OverflowError):
        return None


def parse_published(published: Optional[str]) -> Optional[dt.date]:
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None


# ---------------------------------------------------------------------------------------------
# Public API: stage and pure functions

def resolve_date(mention: Mention, published: Optional[str]) -> Optional[EventDate]:
    """Resolve a ``date`` mention (from ``DateRecognizer``) against a publication date (ISO)."""
    if mention.kind != "date":
        return None
    view = text_view(mention.text)
    exprs = [e for e in find_time_expressions(view.text) if e.kind == "date"]
    if not exprs:
        return None
    expr = exprs[0]
    if mention.rule == "date.weekday.future":
        expr.future = True
    resolved = expr.resolve(parse_published(published))
    if resolved is not None:
        resolved.text = mention.text
    return resolved


class DateRecognizer:
    """Stage: ``date`` mentions (value: ISO date or None when it needs an unknown publication date;
    unit: precision; precision: ACLED time_precision) and ``duration`` mentions (value: amount,
    unit: minute|hour|day|week|month|year)."""

    def __init__(self, settings: Settings):
        extra = tuple(Path(d) for d in settings.extra_lexicon_dirs)
        self.lexicon = time_lexicon(extra)
        self.number_words = number_lexicon(extra)

    def __call__(self, article: Article) -> Article:
        view = text_view(article.text)
        published = parse_published(article.published)
        for e in find_time_expressions(view.text, self.lexicon, number_words=self.number_words):
            s, t = view.span_to_original(e.start, e.end)
            common = dict(start=s, end=t, text=article.text[s:t], source="rule", rule=e.rule,
                          entity_id=e.entity_ids[-1] if e.entity_ids else None, sentence=sentence_index(article, s))
            if e.kind == "duration":
                article.mentions.append(Mention(kind="duration", value=format_number(e.amount), unit=e.precision,
                                                **common))
            else:
                resolved = e.resolve(published)
                article.mentions.append(Mention(kind="date", value=resolved.value if resolved else None,
                                                unit=e.precision, precision=ACLED_TIME_PRECISION[e.precision],
                                                qualifier="since" if _after_since(view.text, e.start) else None,
                                                **common))
        return article


_SINCE = re.compile(r"(?:^|\s)و?منذ\s+(?:ال\s*)?$")


def _after_since(norm_text: str, start: int) -> bool:
    """A date right after منذ (منذ 7 أكتوبر، منذ الـ17 من الشهر) starts a period running to now."""
    return bool(_SINCE.search(norm_text[max(0, start - 12):start]))
