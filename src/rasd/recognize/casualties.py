"""Counts of killed and injured people, read conservatively (ACLED's rule: the lowest figure).

Patterns, over the normalized text (word lists in ``data/lexicons/number_words/casualties.yaml``):
  count noun      10 قتلى، 144 قتيلا، عدة جرحى، قتيل (alone: one), قتيلين (alone: two)
  trigger         مقتل 3 عناصر، أصيب خمسة مدنيين، استشهاد طفلين، مقتل أكثر من 40
  after           23 من أفراد الجيش قتلوا
  toll            ارتفع عدد القتلى إلى 25
  pair            قتل وجرح العشرات: killed and injured with the split unknown (value None)
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from ..lexicon.matcher import Match
from .numbers import NumberLexicon, NumberSpan

MAX_TRIGGER_GAP = 3  # words between a trigger and its count (وتوفي أمس الأحد 14 مدنيا)
MAX_AFTER_GAP = 6  # words between a count and the verb after it
MAX_TOLL_GAP = 4
_WORD = re.compile(r"\w+")
_CLAUSE_BREAK = re.compile(r"[.،,؛;:!?؟\"()\n]")


@dataclass(frozen=True)
class CasualtySpan:
    start: int
    end: int
    value: Optional[float]  # None: some, count unknown
    unit: str  # killed | injured
    rule: str
    qualifier: Optional[str] = None
    entity_id: Optional[str] = None


def _words_between(text: str, a: int, b: int) -> Optional[int]:
    """Words between two positions, or None when a clause break lies between them."""
    if a > b:
        return None
    gap = text[a:b]
    if _CLAUSE_BREAK.search(gap):
        return None
    return len(_WORD.findall(gap))


_QUOTES_AND_SPACES = re.compile(r'[\s"\u201c\u201d\u00ab\u00bb\']*')


def _adjacent(text: str, a: int, b: int) -> bool:
    """Nothing but spaces and quotation marks between ``a`` and ``b``: 141 "شهيداً" is 141 killed."""
    return _words_between(text, a, b) == 0 or (a <= b and _QUOTES_AND_SPACES.fullmatch(text, a, b) is not None)


def _role(m: Match) -> str:
    return m.payloads[0].attrs.get("role", "")


def _entry(m: Match):
    return m.payloads[0]


def find_casualties(text: str, numbers: list[NumberSpan], lexicon: NumberLexicon) -> list[CasualtySpan]:
    words = lexicon.casualty_matcher.find(text)
    numbers = [n for n in numbers if n.value is None or n.value >= 1]
    used: set[int] = set()  # indexes of numbers already counted
    claimed: set[int] = set()  # indexes of words already part of a casualty
    found: list[CasualtySpan] = []

    def next_word_after(pos: int) -> Optional[tuple[int, Match]]:
        for k, w in enumerate(words):
            if w.start - len(w.prefix) >= pos:
                return k, w
        return None

    # Killed-and-injured pairs first: their counts must not be read as killed alone.
    for k, w in enumerate(words):
        if _role(w) != "pair":
            continue
        claimed.add(k)
        count = next((i for i, n in enumerate(numbers) if i not in used and n.start >= w.end
                      and _words_between(text, w.end, n.start) == 0), None)
        end = w.end
        if count is not None:
            used.add(count)
            end = numbers[count].end
        for unit in ("killed", "injured"):
            found.append(CasualtySpan(w.start, end, None, unit, "casualty.pair", "combined", _entry(w).id))

    # Count noun right after a number: 10 قتلى، عدة جرحى.
    for i, n in enumerate(numbers):
        nxt = next_word_after(n.end)
        if nxt is None:
            continue
        k, w = nxt
        if k in claimed or _role(w) != "count_noun" or w.prefix or not _adjacent(text, n.end, w.start):
            continue
        used.add(i)
        claimed.add(k)
        found.append(CasualtySpan(n.start, w.end, n.value, _entry(w).attrs["unit"], "casualty.count_noun",
                                  n.qualifier, _entry(w).id))

    for k, w in enumerate(words):
        if k in claimed:
            continue
        role, entry = _role(w), _entry(w)
        if role == "trigger":
            hit = _count_after(text, w, numbers, used, words, MAX_TRIGGER_GAP)
            if hit is not None:
                found.append(CasualtySpan(w.start, hit[1], hit[0], entry.attrs["unit"], "casualty.trigger",
                                          hit[2], entry.id))
                continue
            person = _person_after(text, w, words)
            if person is not None:
                claimed.add(person[2])
                found.append(CasualtySpan(w.start, person[1], person[0], entry.attrs["unit"],
                                          "casualty.trigger_person", None, entry.id))
        elif role == "toll":
            hit = _count_after(text, w, numbers, used, words, MAX_TOLL_GAP)
            if hit is not None:
                found.append(CasualtySpan(w.start, hit[1], hit[0], entry.attrs["unit"], "casualty.toll",
                                          hit[2], entry.id))
        elif role == "after":
            for i in range(len(numbers) - 1, -1, -1):
                n = numbers[i]
                if i in used or n.end > w.start:
                    continue
                gap = _words_between(text, n.end, w.start - len(w.prefix))
                if gap is not None and gap <= MAX_AFTER_GAP:
                    used.add(i)
                    found.append(CasualtySpan(n.start, w.end, n.value, entry.attrs["unit"], "casualty.after",
                                              n.qualifier, entry.id))
                break
        elif role == "count_noun" and not w.prefix.endswith("ال"):
            # A lone singular or dual noun counts itself: قتيل وعدة جرحى -> one killed.
            grammatical = entry.attrs.get("grammatical_number")
            if grammatical in ("singular", "dual"):
                found.append(CasualtySpan(w.start, w.end, 1.0 if grammatical == "singular" else 2.0,
                                          entry.attrs["unit"], "casualty.count_noun_alone", None, entry.id))
    found.sort(key=lambda c: (c.start, c.end, c.unit))
    return found


def _count_after(text, w: Match, numbers, used, words, max_gap) -> Optional[tuple[Optional[float], int, Optional[str]]]:
    """The first unused number within ``max_gap`` words after ``w`` that counts people."""
    for i, n in enumerate(numbers):
        if i in used or n.start < w.end:
            continue
        gap = _words_between(text, w.end, n.start)
        if gap is None or gap > max_gap:
            return None
        # A number that counts things (3 صواريخ) is not a casualty count.
        following = next((x for x in words if x.start - len(x.prefix) >= n.end), None)
        if following is not None and _role(following) == "non_person" and _words_between(text, n.end, following.start) == 0:
            return None
        used.add(i)
        return n.value, n.end, n.qualifier
    return None


def _person_after(text, w: Match, words) -> Optional[tuple[float, int, int]]:
    """استشهاد طفلين -> 2; استشهاد الشاب أحمد -> 1."""
    for k, x in enumerate(words):
        if x.start - len(x.prefix) < w.end:
            continue
        if _words_between(text, w.end, x.start - len(x.prefix)) != 0:
            return None
        role = _role(x)
        if role == "person_dual":
            return 2.0, x.end, k
        if role == "person_singular" and x.prefix in ("", "ال"):
            return 1.0, x.end, k
        return None
    return None
