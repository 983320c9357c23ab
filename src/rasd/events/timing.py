"""The time words an event is told with, so that two reports at different times stay two events.

``وقبل شهر، دمرت ضربة جوية ... وبعد ذلك بأسبوعين دمرت ضربة جوية ...`` tells two strikes with the
same verb, actor and place; only their time words tell them apart. The merger needs a key for the
time an event is placed at: a resolved date (its value), else the relative time phrase (قبل شهر،
بعد ذلك بأسبوعين، منذ يومين) that stands before the trigger since the sentence's previous event,
or, if none, after the trigger in its clause. An event with no time words has no key (it may be a
retelling of any of them).
"""
from __future__ import annotations

from typing import Optional, Sequence

from ..model import Mention, Sentence
from ..normalize import normalize

# Prepositions that make a time unit a time phrase (قبل شهر، بعد يومين، منذ أسبوع، خلال ساعات).
TIME_PREPOSITIONS = frozenset(normalize(w) for w in ("قبل", "بعد", "منذ", "خلال", "اثر", "عقب"))
TIME_UNITS = frozenset(normalize(w) for w in (
    "ساعة", "ساعتين", "ساعات", "يوم", "يومين", "أيام", "أسبوع", "أسبوعين", "أسابيع", "شهر", "شهرين", "أشهر",
    "شهور", "عام", "عامين", "أعوام", "سنة", "سنتين", "سنوات", "أمس", "البارحة"))
PHRASE_WINDOW = 4  # tokens from the preposition to the unit (بعد ذلك بأسبوعين، قبل نحو ثلاثة أشهر)


def _bare(stem: str) -> str:
    return stem[1:] if stem[:1] in ("و", "ف", "ب", "ل") and len(stem) > 3 and stem[1:] in TIME_UNITS else stem


PUNCT = frozenset({"،", ",", ".", "؛", ";", ":"})


def time_phrases(sent: Sentence, dates: Sequence[Mention] = ()) -> list[tuple[int, int, str]]:
    """Time phrases of the sentence, by first token: (first token, last token, key). The key is the
    resolved date of a date mention (``date:2024-01-05``), else its normalized words."""
    tokens = sent.tokens
    out = []
    for m in dates:
        if sent.start <= m.start and m.end <= sent.end:
            idx = [k for k, t in enumerate(tokens) if m.start <= t.start < m.end]
            if idx:
                key = "date:" + m.value[:10] if m.value else "words:" + normalize(m.text)
                out.append((idx[0], idx[-1], key))
    for i in [i for i, t in enumerate(tokens) if t.stem in TIME_PREPOSITIONS]:  # the few prepositions, in order
        if any(a <= i <= b for a, b, _ in out):
            continue
        for j in range(i + 1, min(len(tokens), i + PHRASE_WINDOW + 1)):
            if _bare(tokens[j].stem) in TIME_UNITS:
                out.append((i, j, "words:" + " ".join(_bare(x.stem) for x in tokens[i:j + 1])))
                break
            if tokens[j].norm in PUNCT:
                break
    return sorted(out)


def _opens_clause(sent: Sentence, i: int) -> bool:
    """A time phrase at the head of its sentence or clause (وقبل شهر، ...؛ ، وبعد ذلك بأسبوعين) sets
    the time of what follows; one after a verb and its subject (أدانت الصين أمس قتل ...) is that
    verb's."""
    t = sent.tokens[i]
    return i == 0 or sent.tokens[i - 1].norm in PUNCT or (t.norm[:1] in ("و", "ف") and t.stem != t.norm)


def time_key(sent: Sentence, first: int, floor: int, clause_last: int,
             phrases: Sequence[tuple[int, int, str]]) -> Optional[str]:
    """The key of the time the event at token ``first`` is told at: the clause-opening time phrase
    before it since ``floor`` (the first token after the sentence's previous coded trigger), else the
    first time phrase after it in its clause; None when it has none."""
    before = [p for p in phrases if floor <= p[0] and p[1] < first and _opens_clause(sent, p[0])]
    if before:
        return before[-1][2]
    after = [p for p in phrases if first < p[0] and p[1] <= clause_last]
    return after[0][2] if after else None


def different_times(a: Optional[str], b: Optional[str]) -> bool:
    """Two events told at different times (both keyed, keys differ)."""
    return a is not None and b is not None and a != b
