"""Clitic-aware lexicon matching with one Aho-Corasick automaton (cost independent of size).

Forms and text are both in the matching form (rasd.normalize). A match must begin at a word start
or right after proclitics that begin the word (``بالحسكة``, ``لقسد``, ``والقامشلي``) and must end
at a word end, so a name inside an unrelated longer word never matches.
"""
from __future__ import annotations

import re
from functools import lru_cache
from operator import itemgetter
from typing import Any, Iterable, Iterator, NamedTuple, Optional, Sequence

import ahocorasick
import numpy as np

from ..normalize import code_points, normalize, text_of

_CONJ = ("", "و", "ف")
_PREP = ("", "ب", "ل", "ك")
# Proclitic sequences allowed before a form that does not itself start with the article.
PREFIXES = frozenset(c + p + d for c in _CONJ for p in _PREP for d in ("", "ال")) - {"لال", "ولال", "فلال"}
# Before a form that starts with ال (its alef already in the form): conjunction and preposition only.
PREFIXES_BEFORE_DET = frozenset(c + p for c in _CONJ for p in _PREP)
_EDGE_PUNCT = re.compile(r"^[\s\"'«»()\[\]:،,.\-]+|[\s\"'«»()\[\]:،,.\-]+$")
_SPACES = re.compile(r"\s+")


def is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def normalize_form(form: str) -> str:
    return _SPACES.sub(" ", _EDGE_PUNCT.sub("", normalize(form)))


class Match(NamedTuple):
    """One match; a tuple, because an article yields hundreds and they are made in the hot loop."""
    start: int  # into the normalized text, where the form begins (after any proclitics)
    end: int
    form: str  # the normalized form that matched
    payloads: tuple[Any, ...]
    prefix: str  # proclitics before the form, e.g. "وب"


# The automaton runs over a "spaced" copy of the text in which every non-word character is a
# space (same length; one space before and one after the whole), and every key ends with a space:
# a hit then already ends at a word end, so the automaton skips, in C, the many hits that end
# inside a longer word. Characters that are not word characters inside a form (spaces, dots) are
# spaces in its key too, so the hit of such a form is checked against the text itself. The
# shortest forms (ه and م, year suffixes, end hundreds of words an article) are looked for with
# each proclitic sequence they allow and the space before it, so they hit only as whole words.
_NON_WORD = re.compile(r"\W")
_NON_WORD_NOR_SPACE = re.compile(r"[^\w ]")  # the text's spaces stay as they are
ANCHORED_LENGTH = 3  # forms this short are keyed with their proclitics, from the word start


@lru_cache(maxsize=16)
def spaced_text(text: str) -> str:
    """``text`` with each non-word character (not ``str.isalnum()`` nor ``_``) as a space, and a
    space before and after it; computed once per text and shared by every matcher."""
    return " " + _space_out(text) + " "


# For each code point of the Basic Multilingual Plane: what spaced_text makes of it, itself or a
# space (read off the very pattern it stands for).
_SPACED_BMP = np.arange(0x10000, dtype=np.uint32)
_SPACED_BMP[[c for c in range(0x10000) if _NON_WORD_NOR_SPACE.match(chr(c))]] = ord(" ")
_LONG_TEXT = 200  # characters: below this the regex is as fast


def _space_out(text: str) -> str:
    """``_NON_WORD_NOR_SPACE.sub(" ", text)``; on an article, a table look-up per code point with
    numpy instead (four times faster: the regex tests every character's category)."""
    if len(text) < _LONG_TEXT:
        return _NON_WORD_NOR_SPACE.sub(" ", text)
    codes = code_points(text)
    if codes.max() >= len(_SPACED_BMP):  # a character beyond the table (an emoji ...)
        return _NON_WORD_NOR_SPACE.sub(" ", text)
    return text_of(_SPACED_BMP.take(codes))


_ALT_PREFIXES = frozenset(p + "ل" for p in PREFIXES_BEFORE_DET)

# An automaton entry: (owner, surface length, surface, form, payloads, allowed proclitic
# sequences, must be checked against the text, is the لل spelling); owner is the matcher's index
# in a MatcherGroup. One key may stand for several entries (بدو: the form بدو, and ب + دو).
Entry = tuple[int, int, str, str, tuple, frozenset, bool, bool]


class Matcher:
    def __init__(self, payloads_type: type = tuple) -> None:
        """``payloads_type`` makes each form's ``Match.payloads`` from its list of payloads, once
        when the automaton is built: a tuple subclass may carry what a recognizer works out from
        them (read at every match instead of looked up)."""
        self._forms: dict[str, list[Any]] = {}
        self._payloads_type = payloads_type
        self._automaton = None
        self._version = 0  # changes whenever a form is added: a group built before is stale
        self._group: Optional["MatcherGroup"] = None

    def add(self, form: str, payload: Any) -> None:
        key = normalize_form(form)
        if not key:
            return
        bucket = self._forms.setdefault(key, [])
        if payload not in bucket:
            bucket.append(payload)
        self._automaton = None
        self._version += 1

    def add_many(self, items: Iterable[tuple[str, Any]]) -> None:
        for form, payload in items:
            self.add(form, payload)

    def __len__(self) -> int:
        return len(self._forms)

    def entries(self, owner: int = 0) -> Iterator[tuple[str, Entry]]:
        """(automaton key, entry) for every surface this matcher looks for."""
        def entries(surface: str, form: str, payloads: tuple, allowed: frozenset[str], alt: bool):
            # a form with a space or other non-word character may meet another one in the text
            check = _NON_WORD.search(surface) is not None
            key = _NON_WORD.sub(" ", surface) + " "
            n = len(surface)
            if alt:  # the ل before the surface is part of every allowed prefix: key it too
                yield "ل" + key, (owner, n, surface, form, payloads, allowed, check, alt)
            elif n <= ANCHORED_LENGTH:
                for p in allowed:
                    yield " " + p + key, (owner, n, surface, form, payloads, frozenset((p,)), check, alt)
            else:
                yield key, (owner, n, surface, form, payloads, allowed, check, alt)

        made = {key: self._payloads_type(payloads) for key, payloads in self._forms.items()}
        for key, payloads in made.items():
            yield from entries(key, key, payloads,
                               PREFIXES_BEFORE_DET if key.startswith("ال") else PREFIXES, False)
        # ل + ال is written لل: "للحسكه" holds "لحسكه", which stands for the form "الحسكه"; a ل
        # (after at most a conjunction and a preposition) must come before it, from the word start.
        for key, payloads in made.items():
            if key.startswith("ال") and len(key) > 3:
                alt = "ل" + key[2:]
                if alt not in self._forms:
                    yield from entries(alt, key, payloads, _ALT_PREFIXES, True)

    def build(self) -> "Matcher":
        """Ready to match. The automaton itself is made on first use: a matcher that a
        MatcherGroup serves never needs its own."""
        return self

    def find(self, text: str) -> list[Match]:
        """Leftmost-longest, non-overlapping matches in normalized ``text``."""
        return resolve_overlaps(self.candidates(text), len(text))

    def candidates(self, text: str) -> list[Match]:
        """Every match that respects word boundaries, overlapping ones included."""
        group = self._group
        if group is not None:
            found = group.candidates_for(self, text)
            if found is not None:
                return found
        if not self._forms:
            return []
        if self._automaton is None:
            self._automaton = _automaton(self.entries())
        return _scan(self._automaton, text, [[]])[0]


def _automaton(items: Iterable[tuple[str, Entry]]):
    keys: dict[str, list[Entry]] = {}
    for key, entry in items:
        keys.setdefault(key, []).append(entry)
    automaton = ahocorasick.Automaton()
    for key, entries in keys.items():
        automaton.add_word(key, tuple(entries))
    automaton.make_automaton()
    return automaton


def _scan(automaton, text: str, found: list[list[Match]]) -> list[list[Match]]:
    """Append each owner's candidates in ``text`` to ``found[owner]``, in the order of their ends."""
    spaced = spaced_text(text)  # spaced[i + 1] stands for text[i]
    rfind = spaced.rfind
    new = tuple.__new__
    for last, entries in automaton.iter(spaced):
        end = last - 1  # the key's final space stands for the character after the form
        for owner, length, surface, form, payloads, allowed, check, alt in entries:
            start = end - length
            if spaced[start] == " ":  # the form begins the word (most hits): no proclitics
                prefix = ""
            else:
                prefix = text[rfind(" ", 0, start + 1):start]  # the word's letters before the form
            if prefix not in allowed or (check and text[start:end] != surface):
                continue
            found[owner].append(new(Match, (start, end, form, payloads, prefix + "ال" if alt else prefix)))
    return found


class MatcherGroup:
    """Several matchers that read the same texts (an article's recognizers), scanned with one
    automaton: one pass over a text gives every member exactly the candidates it would find
    alone, and the last few texts' results are kept for the members that ask next."""

    KEEP = 4

    def __init__(self, matchers: Sequence[Matcher]):
        self.matchers = list(dict.fromkeys(matchers))
        self._index = {id(m): i for i, m in enumerate(self.matchers)}
        self._versions = [m._version for m in self.matchers]
        self._automaton = _automaton(item for i, m in enumerate(self.matchers) for item in m.entries(i))
        self._results: dict[str, list[list[Match]]] = {}
        for m in self.matchers:
            m._group = self
            m._automaton = None  # the group answers for it (made again only if it changes)

    def candidates_for(self, matcher: Matcher, text: str) -> Optional[list[Match]]:
        i = self._index.get(id(matcher))
        if i is None or matcher._version != self._versions[i]:
            return None  # not a member, or changed since: it scans alone
        found = self._results.get(text)
        if found is None:
            if len(self._results) >= self.KEEP:
                del self._results[next(iter(self._results))]
            found = self._results[text] = _scan(self._automaton, text, [[] for _ in self.matchers])
        return list(found[i])


@lru_cache(maxsize=8)
def _group(matchers: tuple[Matcher, ...]) -> MatcherGroup:
    return MatcherGroup(matchers)


def share_scan(matchers: Iterable[Matcher]) -> MatcherGroup:
    """Scan these matchers together from now on (the same set gives the same group)."""
    return _group(tuple(dict.fromkeys(matchers)))


_SPAN = itemgetter(0, 1)


def resolve_overlaps(candidates: list[Match], text_length: int) -> list[Match]:
    """Longest first, then leftmost; a match overlapping a taken one is dropped.

    Only matches that overlap, directly or through others, can take each other's place, so the
    greedy choice runs within each run of overlapping matches; most matches overlap nothing, and
    most runs are one match with shorter ones inside it, which it takes alone. A run is a slice
    of the sorted candidates, cut out only in the rare case that needs the greedy choice."""
    ordered = sorted(candidates, key=_SPAN)
    taken: list[Match] = []
    first = 0  # where the current run begins in ``ordered``
    run_start = -1
    reach = -1  # where the current run ends
    best = None  # the current run's longest match (leftmost of equals)
    best_length = 0
    for i, m in enumerate(ordered):
        start, end = m.start, m.end
        if start >= reach:  # overlaps nothing before it: the previous run is complete
            if best is not None:
                if best.start == run_start and best.end == reach:
                    taken.append(best)
                else:
                    taken.extend(_greedy(ordered[first:i]))
            first, run_start = i, start
            best, best_length = m, end - start
        elif end - start > best_length:
            best, best_length = m, end - start
        if end > reach:
            reach = end
    if best is not None:
        if best.start == run_start and best.end == reach:
            taken.append(best)
        else:
            taken.extend(_greedy(ordered[first:]))
    return taken


def _greedy(run: list[Match]) -> list[Match]:
    kept: list[Match] = []
    for m in sorted(run, key=lambda m: (m.start - m.end, m.start)):
        if all(m.end <= k.start or k.end <= m.start for k in kept):
            kept.append(m)
    kept.sort(key=_SPAN)
    return kept
