"""Cue words (status, attribution, mode) from ``data/lexicons/cues/*.yaml``, found per sentence.

A cue match is reported with the indexes of the sentence tokens it covers, so rules can speak of
"within three tokens before the trigger".
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional, Sequence

from ..lexicon import LexiconEntry, load_lexicon, text_view
from ..lexicon.matcher import Match, Matcher, resolve_overlaps
from ..model import Sentence
from ..normalize import normalize_with_map
from .triggers import expand_form


@dataclass(frozen=True)
class CueMatch:
    entry: LexiconEntry
    start: int  # original offsets into the article text
    end: int
    first_token: int  # index into sentence.tokens
    last_token: int
    prefix: str  # proclitics before the cue word


class CueSet:
    """The cue entries whose attribute ``key`` is set, matched as one automaton."""

    def __init__(self, entries: Sequence[LexiconEntry], key: str):
        self.entries = [e for e in entries if e.attrs.get(key)]
        self.matcher = Matcher()
        for e in self.entries:
            for form in e.forms:
                if "{" in form:  # a conjugated verb, written as in the trigger lexicon
                    for surface, _pos in expand_form(form):
                        self.matcher.add(surface, e)
                else:
                    self.matcher.add(form, e)
        self.matcher.build()

    def find_in_article(self, text: str, sentences: list[Sentence]) -> dict[int, list[CueMatch]]:
        """Cue matches per sentence index, matching the article text once."""
        view = text_view(text)
        return _by_sentence(view, self.matcher.find(view.text), sentences)

    def find(self, sentence: Sentence) -> list[CueMatch]:
        view = normalize_with_map(sentence.text)
        out = []
        for m in self.matcher.find(view.text):
            s, e = view.span_to_original(m.start, m.end)
            s, e = s + sentence.start, e + sentence.start
            first, last = token_range(sentence, s, e)
            if first is None:
                continue
            for entry in m.payloads:
                out.append(CueMatch(entry, s, e, first, last, m.prefix))
        return out


def _by_sentence(view, matches: list[Match], sentences: list[Sentence],
                 starts: Optional[list[int]] = None) -> dict[int, list[CueMatch]]:
    """``starts``: the sentences' start offsets, when the caller has them (one list for all sets)."""
    out: dict[int, list[CueMatch]] = {}
    if starts is None:
        starts = [s.start for s in sentences]
    for m in matches:
        s, e = view.span_to_original(m.start, m.end)
        si = bisect.bisect_right(starts, s) - 1
        if si < 0 or e > sentences[si].end:
            continue
        first, last = token_range(sentences[si], s, e)
        if first is None:
            continue
        out.setdefault(si, []).extend(CueMatch(entry, s, e, first, last, m.prefix) for entry in m.payloads)
    return out


class CueBank:
    """Several cue sets matched in one pass over the article, each resolving its own overlaps
    exactly as if it had been matched alone."""

    def __init__(self, sets: Sequence[CueSet]):
        self.count = len(sets)
        self.matcher = Matcher()
        for i, cue_set in enumerate(sets):
            for form, payloads in cue_set.matcher._forms.items():
                for entry in payloads:
                    self.matcher.add(form, (i, entry))
        self.matcher.build()

    def find_in_article(self, text: str, sentences: list[Sentence]) -> list[dict[int, list[CueMatch]]]:
        view = text_view(text)
        per_set: list[list[Match]] = [[] for _ in range(self.count)]
        for m in self.matcher.candidates(view.text):
            groups: dict[int, list[LexiconEntry]] = {}
            for i, entry in m.payloads:
                groups.setdefault(i, []).append(entry)
            for i, entries in groups.items():
                per_set[i].append(Match(m.start, m.end, m.form, tuple(entries), m.prefix))
        starts = [s.start for s in sentences]
        return [_by_sentence(view, resolve_overlaps(found, len(view.text)), sentences, starts) for found in per_set]


def token_range(sentence: Sentence, start: int, end: int) -> tuple[Optional[int], Optional[int]]:
    """Indexes of the first and last sentence tokens overlapping [start, end)."""
    toks = sentence.tokens
    if not toks:
        return None, None
    cached = _ENDS_CACHE.get(id(sentence))  # _token_ends, inlined: called for every match and mention
    ends = cached[1] if cached is not None and cached[0] is sentence else _token_ends(sentence)
    first = bisect.bisect_right(ends, start)  # first token ending after start
    if first >= len(toks) or toks[first].start >= end:
        return None, None
    last = first
    while last + 1 < len(toks) and toks[last + 1].start < end:
        last += 1
    return first, last


_ENDS_CACHE: dict[int, tuple[Sentence, list[int]]] = {}
_ENDS_CACHE_SIZE = 512  # a few articles' sentences: the cache holds them alive, so keep it small


def _token_ends(sentence: Sentence) -> list[int]:
    cached = _ENDS_CACHE.get(id(sentence))
    if cached is None or cached[0] is not sentence:
        if len(_ENDS_CACHE) > _ENDS_CACHE_SIZE:
            _ENDS_CACHE.clear()
        cached = _ENDS_CACHE[id(sentence)] = (sentence, [t.end for t in sentence.tokens])
    return cached[1]


@lru_cache(maxsize=8)
def _cue_set(key: str, extra: tuple[str, ...]) -> CueSet:
    return CueSet(load_lexicon("cues", extra_dirs=[Path(p) for p in extra]), key)


def cue_set(key: str, extra_dirs: Sequence[Path] = ()) -> CueSet:
    return _cue_set(key, tuple(str(p) for p in extra_dirs))
