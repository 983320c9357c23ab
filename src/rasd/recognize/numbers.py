"""Numbers in Arabic news: digits (Arabic-Indic too), number words and their compounds, vague
quantities (عشرات، عدة) and qualifiers (نحو 20، أكثر من 30).

``find_numbers(normalized_text)`` is the pure function; ``NumberRecognizer`` is the pipeline stage
that adds ``number`` mentions and, via ``rasd.recognize.casualties``, ``casualty`` mentions.
Word lists live in ``data/lexicons/number_words/*.yaml``.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional, Sequence

from ..lexicon import load_lexicon, text_view
from ..lexicon.matcher import Matcher
from ..model import Article, Mention
from ..settings import Settings

# Digits: thousands groups (10,328) or a decimal part (1.5, 1٫5). Arabic-Indic digits are already
# ASCII in the normalized text. A number glued to a proclitic (بـ144، الـ19) is still a number.
# Written to begin with a digit (the "no letter or digit before it" test comes after the first
# digit) so the regex engine skips ahead to digits instead of trying every position: 5x faster.
DIGITS_RE = re.compile(r"(\d(?<![A-Za-z0-9]\d)(?:\d{0,2}(?:,\d{3})+|\d*(?:[.٫]\d+)?))(?![A-Za-z0-9]|[.,٫]\d)")
_GAP_SPACE = re.compile(r"\s*")


@dataclass(frozen=True)
class NumberSpan:
    """A number found in the normalized text; value None means "some, count unknown"."""
    start: int
    end: int
    value: Optional[float]
    rule: str  # number.digits | number.words | number.vague
    qualifier: Optional[str] = None  # about | at_least | more_than | less_than | vague
    entity_id: Optional[str] = None
    digits: bool = False  # written with digits (a day or a year can only be digits here)

    @property
    def int_value(self) -> Optional[int]:
        return None if self.value is None else int(self.value)


@dataclass(frozen=True)
class _Word:
    value: Optional[float]
    role: str  # unit | ten | tens | hundred | scale | vague | qualifier
    entry_id: str
    compound_only: bool = False
    qualifier: Optional[str] = None


class NumberLexicon:
    """The number_words lexicon compiled into one matcher."""

    def __init__(self, extra_dirs: Sequence[Path] = ()):
        self.matcher = Matcher()
        self.casualty_matcher = Matcher()
        for entry in load_lexicon("number_words", extra_dirs=extra_dirs):
            attrs = entry.attrs
            if "qualifier" in attrs:
                word = _Word(None, "qualifier", entry.id, qualifier=attrs["qualifier"])
            elif entry.id.startswith("number_words.vague."):
                value = attrs.get("value")
                word = _Word(None if value is None else float(value), "vague", entry.id)
            elif "role" in attrs and attrs["role"] in ("unit", "ten", "tens", "hundred", "scale"):
                word = _Word(float(attrs["value"]), attrs["role"], entry.id, bool(attrs.get("compound_only")))
            else:
                for form in entry.forms:
                    self.casualty_matcher.add(form, entry)
                continue
            for form in entry.forms:
                self.matcher.add(form, word)
        self.matcher.build()
        self.casualty_matcher.build()


@lru_cache(maxsize=8)
def number_lexicon(extra_dirs: tuple[Path, ...] = ()) -> NumberLexicon:
    return NumberLexicon(extra_dirs)


def _only_space(text: str, a: int, b: int) -> bool:
    return a <= b and not text[a:b].strip()


def _parse_digits(raw: str) -> float:
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", raw):
        return float(raw.replace(",", ""))
    return float(raw.replace("٫", "."))


def _compose(words: list[_Word]) -> float:
    """Value of a compound: ثلاثة وعشرون -> 23, عشرة آلاف وثلاثمئة -> 10300, أحد عشر -> 11."""
    total, current = 0.0, 0.0
    for w in words:
        if w.role == "scale":
            if w.value in (2000.0, 2000000.0) and current:  # dual scale after a count: treat as the scale
                total += current * (w.value / 2)
            else:
                total += (current or 1) * w.value
            current = 0.0
        elif w.role == "hundred" and 0 < current < 10 and w.value == 100:
            current *= 100
        else:
            current += w.value
    return total + current


def find_numbers(text: str, lexicon: Optional[NumberLexicon] = None) -> list[NumberSpan]:
    """All numbers in normalized ``text``, left to right, with compounds and qualifiers joined."""
    return list(_find_numbers_cached(text, lexicon or number_lexicon()))


@lru_cache(maxsize=4)
def _find_numbers_cached(text: str, lexicon: NumberLexicon) -> tuple[NumberSpan, ...]:
    # The date and the number stages both need the numbers of the same article: find them once.
    return tuple(_find_numbers(text, lexicon))


def _find_numbers(text: str, lexicon: NumberLexicon) -> list[NumberSpan]:
    items: list[tuple[int, int, object, str]] = []  # (start, end, payload, prefix)
    for m in DIGITS_RE.finditer(text):
        items.append((m.start(), m.end(), _parse_digits(m.group(1)), ""))
    for m in lexicon.matcher.find(text):
        items.append((m.start, m.end, m.payloads[0], m.prefix))
    items.sort(key=lambda t: (t[0], -t[1]))

    spans: list[NumberSpan] = []
    i = 0
    while i < len(items):
        start, end, payload, prefix = items[i]
        qualifier = None
        q_start = start
        if isinstance(payload, _Word) and payload.role == "qualifier":
            # A qualifier counts only right before a number.
            if i + 1 < len(items) and _only_space(text, end, items[i + 1][0] - len(items[i + 1][3])) \
                    and not (isinstance(items[i + 1][2], _Word) and items[i + 1][2].role == "qualifier"):
                qualifier = payload.qualifier
                i += 1
                start, end, payload, prefix = items[i]
            else:
                i += 1
                continue
        if isinstance(payload, float):  # digits, maybe followed by a scale word (300 ألف)
            value: Optional[float] = payload
            rule, entity_id, digits = "number.digits", None, True
            j = i + 1
            while j < len(items) and isinstance(items[j][2], _Word) and items[j][2].role == "scale" \
                    and not items[j][3] and _only_space(text, end, items[j][0]):
                value = value * (items[j][2].value / (2 if items[j][2].value in (2000.0, 2000000.0) else 1))
                end = items[j][1]
                j += 1
        elif payload.role == "vague":
            value, rule, entity_id, digits = payload.value, "number.vague", payload.entry_id, False
            qualifier = qualifier or "vague"
            j = i + 1
            # عشرات الآلاف: tens of thousands
            if j < len(items) and isinstance(items[j][2], _Word) and value is not None \
                    and (items[j][2].role == "scale" or (items[j][2].role == "vague" and items[j][2].value == 1000)) \
                    and _only_space(text, end, items[j][0] - len(items[j][3])):
                value *= items[j][2].value
                end = items[j][1]
                j += 1
        else:
            words = [payload]
            j = i + 1
            while j < len(items):
                nxt_start, nxt_end, nxt, nxt_prefix = items[j]
                if not isinstance(nxt, _Word) or nxt.role in ("vague", "qualifier"):
                    break
                joined_by_and = nxt_prefix == "و" and _only_space(text, end, nxt_start - 1)
                directly = not nxt_prefix and _only_space(text, end, nxt_start) and nxt.role in ("ten", "scale", "hundred")
                if not (joined_by_and or directly):
                    break
                words.append(nxt)
                end = nxt_end
                j += 1
            if len(words) == 1 and words[0].compound_only:
                i = j
                continue
            value, rule, entity_id, digits = _compose(words), "number.words", None, False
        spans.append(NumberSpan(q_start if qualifier and qualifier != "vague" else start,
                                end, value, rule, qualifier, entity_id, digits))
        i = j
    return spans


def format_number(value: Optional[float]) -> Optional[str]:
    if value is None:
        return None
    return str(int(value)) if value == int(value) else repr(value)


def sentence_index(article: Article, start: int) -> Optional[int]:
    """Index of the sentence holding character ``start`` of the body, if any."""
    # Binary search (sentences are in text order): a linear scan per number made an article
    # with 20,000 one-line sentences take minutes (tests/reliability, 200,000-line file).
    k = bisect_right(article.sentences, start, key=lambda s: s.start) - 1
    if k >= 0 and article.sentences[k].start <= start < article.sentences[k].end:
        return k
    return None


def _covered(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    return any(a <= start and end <= b for a, b in taken)


class NumberRecognizer:
    """Stage: ``number`` mentions for every number outside a date or duration, and ``casualty``
    mentions for counts of killed and injured."""

    def __init__(self, settings: Settings):
        self.lexicon = number_lexicon(tuple(Path(d) for d in settings.extra_lexicon_dirs))

    def __call__(self, article: Article) -> Article:
        from .casualties import find_casualties  # the casualty rules build on the numbers

        view = text_view(article.text)
        numbers = find_numbers(view.text, self.lexicon)
        taken = [(m.start, m.end) for m in article.mentions if m.kind in ("date", "duration")]
        new: list[Mention] = []
        free: list[NumberSpan] = []  # numbers outside dates and durations: only they may count people
        for n in numbers:
            s, e = view.span_to_original(n.start, n.end)
            if _covered(s, e, taken):
                continue  # منذ 7 تشرين الأول، أعدم عام 1963: a day or a year, not a count
            free.append(n)
            new.append(Mention(kind="number", start=s, end=e, text=article.text[s:e], entity_id=n.entity_id,
                               value=format_number(n.value), source="rule", rule=n.rule,
                               qualifier=n.qualifier, sentence=sentence_index(article, s)))
        for c in find_casualties(view.text, free, self.lexicon):
            s, e = view.span_to_original(c.start, c.end)
            new.append(Mention(kind="casualty", start=s, end=e, text=article.text[s:e], entity_id=c.entity_id,
                               value=format_number(c.value), unit=c.unit, source="rule", rule=c.rule,
                               qualifier=c.qualifier, sentence=sentence_index(article, s)))
        article.mentions.extend(sorted(new, key=lambda m: (m.start, m.end, m.kind)))
        return article
