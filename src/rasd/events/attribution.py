"""Attribution: the source an article cites for a claim (``attributed_to``).

Cues come from ``data/lexicons/cues/attribution.yaml``:
- ``source_after``: the source follows the cue: ``بحسب المرصد``, ``وفق ما نقلته مراسلتنا``;
- ``speaker``: a reporting verb whose subject follows it: ``أفادت وكالة سانا``, ``قالت مراسلتنا``;
- ``via_an``: ``نقلت مراسلتنا ... عن مصدر مطلع``: the source is the one after عن, not the reporter.
A speaker frame covers the triggers after it in the sentence; a source_after cue covers the whole
sentence (``..., وفق ما نقلته مراسلتنا``). ``المصدر`` refers back to the last source named.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

from ..model import Sentence
from ..normalize import normalize
from .cues import CueMatch

STOP_WORDS = frozenset(normalize(w) for w in (
    "أن", "إن", "ان", "بأن", "بان", "قوله", "قولها", "قولهم", "إلى", "الى", "في", "على", "من", "عن", "أمس",
    "اليوم", "يوم", "مساء", "صباح", "لـ", "ل", "خلال", "حول", "بشأن", "ب", "الذي", "التي", "وقال", "إنه",
    "انه", "أنه", "إنها", "أنها", "فيما", "حيث", "بينما", "لوكالة", "لقناة", "لصحيفة", "لموقع"))
PUNCT = frozenset({"،", ",", ":", ".", "؛", "\"", "“", "”", "«", "»", "(", ")", "-", "–"})
MAX_SOURCE_TOKENS = 5


@dataclass(frozen=True)
class Attribution:
    text: str
    start: int
    end: int
    first_token: int  # where the cue frame begins (a speaker frame covers triggers after it)
    scope: str  # "after" (triggers after the frame) or "sentence"
    cue: str  # cue entry id
    kind: str = ""  # the cue's attribution kind: speaker | source_after | via_an


def _source_phrase(sentence: Sentence, i: int, text: str) -> Optional[tuple[int, int]]:
    """Token range [i, j] of the source noun phrase starting at token i."""
    toks = sentence.tokens
    j = i
    while j < len(toks) and j - i < MAX_SOURCE_TOKENS:
        t = toks[j]
        if t.text in PUNCT or t.norm in STOP_WORDS:
            break
        j += 1
    return (i, j - 1) if j > i else None


def _subject_before(sentence: Sentence, verb: int) -> Optional[tuple[int, int]]:
    toks = sentence.tokens
    i = verb
    while i > 0 and verb - i < 3 and toks[i - 1].text not in PUNCT and toks[i - 1].norm not in STOP_WORDS:
        i -= 1
    return (i, verb - 1) if i < verb and i > 0 else None


def find_attributions(sentence: Sentence, cues: Sequence[CueMatch], text: str,
                      previous_source: Optional[str]) -> list[Attribution]:
    toks = sentence.tokens
    found: list[Attribution] = []
    reporting_seen = -10
    for cue in sorted(cues, key=lambda c: c.first_token):
        kind = cue.entry.attrs.get("attribution")
        if kind == "speaker":
            reporting_seen = cue.last_token
            start_tok = cue.last_token + 1
            scope = "after"
        elif kind == "source_after":
            start_tok = cue.last_token + 1
            scope = "sentence"
        elif kind == "via_an" and 0 <= cue.first_token - reporting_seen <= 20:
            start_tok = cue.last_token + 1
            scope = "after"
            found = [a for a in found if a.first_token < reporting_seen - 1]  # the reporter gives way
        else:
            continue
        span = _source_phrase(sentence, start_tok, text) if start_tok < len(toks) else None
        if span is None and kind == "speaker":
            span = _subject_before(sentence, cue.first_token)  # SVO: بأن المصدر أكد
        if span is None:
            continue
        s, e = toks[span[0]].start, toks[span[1]].end
        source = text[s:e]
        if normalize(source) in ("المصدر", "المصادر") and previous_source:
            source = previous_source
        found.append(Attribution(source, s, e, cue.first_token, scope, cue.entry.id, kind))
    return found


def attribution_for(attributions: Sequence[Attribution], trigger_first: int) -> Optional[Attribution]:
    """The attribution covering a trigger at sentence token ``trigger_first``."""
    best = None
    for a in attributions:
        if a.scope == "sentence" or a.first_token < trigger_first:
            if a.first_token <= trigger_first and a.start > (best.start if best else -1):
                best = a
            elif best is None:
                best = a
    return best
