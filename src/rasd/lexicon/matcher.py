"""Clitic-aware lexicon matching with one Aho-Corasick automaton (cost independent of size).

Forms and text are both in the matching form (rasd.normalize). A match must begin at a word start
or right after proclitics that begin the word (``بالحسكة``, ``لقسد``, ``والقامشلي``) and must end
at a word end, so a name inside an unrelated longer word never matches.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable

import ahocorasick

from ..normalize import normalize

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


@dataclass(frozen=True)
class Match:
    start: int  # into the normalized text, where the form begins (after any proclitics)
    end: int
    form: str  # the normalized form that matched
    payloads: tuple[Any, ...]
    prefix: str  # proclitics before the form, e.g. "وب"


class Matcher:
    def __init__(self) -> None:
        self._forms: dict[str, list[Any]] = {}
        self._automaton = None

    def add(self, form: str, payload: Any) -> None:
        key = normalize_form(form)
        if not key:
            return
        bucket = self._forms.setdefault(key, [])
        if payload not in bucket:
            bucket.append(payload)
        self._automaton = None

    def add_many(self, items: Iterable[tuple[str, Any]]) -> None:
        for form, payload in items:
            self.add(form, payload)

    def __len__(self) -> int:
        return len(self._forms)

    def build(self) -> "Matcher":
        automaton = ahocorasick.Automaton()
        for key, payloads in self._forms.items():
            automaton.add_word(key, (key, key, tuple(payloads)))
        # ل + ال is written لل: "للحسكه" holds "لحسكه", which stands for the form "الحسكه".
        for key, payloads in self._forms.items():
            if key.startswith("ال") and len(key) > 3:
                alt = "ل" + key[2:]
                if alt not in self._forms:
                    automaton.add_word(alt, (alt, key, tuple(payloads)))
        automaton.make_automaton()
        self._automaton = automaton
        return self

    def find(self, text: str) -> list[Match]:
        """Leftmost-longest, non-overlapping matches in normalized ``text``."""
        return resolve_overlaps(self.candidates(text), len(text))

    def candidates(self, text: str) -> list[Match]:
        """Every match that respects word boundaries, overlapping ones included."""
        if self._automaton is None:
            self.build()
        if not self._forms:
            return []
        # Boundary checks inline, cheapest first: most automaton hits end inside a longer word.
        n = len(text)
        candidates = []
        for end_index, (surface, form, payloads) in self._automaton.iter(text):
            end = end_index + 1
            if end < n and (text[end].isalnum() or text[end] == "_"):
                continue
            start = end - len(surface)
            word_start = start
            while word_start > 0 and (text[word_start - 1].isalnum() or text[word_start - 1] == "_"):
                word_start -= 1
                if start - word_start > 4:  # longer than any proclitic sequence: inside a word
                    break
            if start - word_start > 4:
                continue
            prefix = text[word_start:start]
            if surface is not form:  # the لل spelling: a ل must come before, from the word start
                if not prefix.endswith("ل") or prefix[:-1] not in PREFIXES_BEFORE_DET:
                    continue
                prefix = prefix + "ال"
            elif prefix and prefix not in (PREFIXES_BEFORE_DET if form.startswith("ال") else PREFIXES):
                continue
            candidates.append(Match(start, end, form, payloads, prefix))
        return candidates


def resolve_overlaps(candidates: list[Match], text_length: int) -> list[Match]:
    """Longest first, then leftmost; a match overlapping a taken one is dropped."""
    ordered = sorted(candidates, key=lambda m: (-(m.end - m.start), m.start))
    taken: list[Match] = []
    occupied = bytearray(text_length + 1)
    for m in ordered:
        if any(occupied[m.start:m.end]):
            continue
        occupied[m.start:m.end] = b"\x01" * (m.end - m.start)
        taken.append(m)
    taken.sort(key=lambda m: m.start)
    return taken
