"""Matching form of Arabic text, with a map back to the original characters.

``normalize(text)`` removes diacritics, tatweel, bidi controls and zero-width characters, folds
alef variants to ا, ى to ي, ة to ه, Arabic-Indic and Persian digits to ASCII, and unifies quotes.
``Normalized.span_to_original`` turns any span of the normalized text into the exact original
span, so a match found in the matching form highlights the right Arabic words.
"""
from __future__ import annotations

import re
import unicodedata
from array import array
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from typing import Sequence

import numpy as np

# Characters dropped entirely.
DIACRITICS = set(chr(c) for c in range(0x064B, 0x0660)) | {"\u0670", "\u0640"} | set(
    chr(c) for c in range(0x06D6, 0x06EE) if chr(c) not in "\u06E5\u06E6\u06E9"
) | {"\u08F0", "\u08F1", "\u08F2", "\u08F3"}
INVISIBLE = {
    "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u2060", "\ufeff", "\u061c",
    "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069",
    "\u00ad",
}
DROP = frozenset(DIACRITICS | INVISIBLE)
# Marks that belong to the preceding letter: a span ending on that letter takes them along.
TRAILING_MARKS = frozenset(DIACRITICS)

FOLD = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ی": "ي", "ې": "ي",
    "ة": "ه", "ۀ": "ه", "ە": "ه",
    "ک": "ك", "ڪ": "ك",
    "“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‟": '"', "″": '"',
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "`": "'",
    "٪": "%", "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u3000": " ",
}
for _i in range(10):
    FOLD[chr(0x0660 + _i)] = str(_i)  # Arabic-Indic
    FOLD[chr(0x06F0 + _i)] = str(_i)  # Persian


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch in DROP:
        return ""
    if ch in FOLD:
        return FOLD[ch]
    # Presentation forms (ﻻ, ﺍ ...) and other compatibility characters.
    if "\ufb50" <= ch <= "\ufdff" or "\ufe70" <= ch <= "\ufeff":
        decomposed = unicodedata.normalize("NFKC", ch)
        if decomposed == ch:  # e.g. ornate parentheses ﴾﴿: no compatibility form, keep as is
            return ch
        return "".join(_fold_char(c) for c in decomposed)
    return ch


def _translation_table() -> dict[int, str | None]:
    """Every character _fold_char changes, for str.translate (the fast path of normalize)."""
    table: dict[int, str | None] = {}
    candidates = set(DROP) | set(FOLD) | {chr(c) for c in range(0xFB50, 0xFE00)} | {
        chr(c) for c in range(0xFE70, 0xFF00)}
    for ch in candidates:
        folded = _fold_char(ch)
        if folded != ch:
            table[ord(ch)] = folded or None
    return table


_TABLE = _translation_table()
# Characters translate() deletes, and those it expands to several characters (ligatures):
# the offset map is built from the first cheaply; only text holding the second takes the slow path.
_DELETED_RE = re.compile("[" + "".join(re.escape(chr(c)) for c, v in _TABLE.items() if not v) + "]")
# Replacing only the characters that change is about twice as fast as str.translate on Arabic
# text, where most characters stay as they are.
_REPLACEMENTS = {chr(c): (v or "") for c, v in _TABLE.items()}
_CHANGED_RE = re.compile("[" + "".join(re.escape(c) for c in _REPLACEMENTS) + "]")
_COMMON = tuple((ch, _REPLACEMENTS[ch]) for ch in "ةأإى")
_LONG_TEXT = 200  # characters: below this the one-pass substitution is as fast


def code_points(text: str) -> np.ndarray:
    """The text's code points as a numpy array (for table look-ups over a whole article)."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def text_of(codes: np.ndarray) -> str:
    """The text of an array of code points (the inverse of ``code_points``)."""
    return codes.tobytes().decode("utf-32-le", "surrogatepass")


# For each code point below the last deleted one: whether normalize deletes it.
_DELETED_CODES = np.zeros(max(c for c, v in _TABLE.items() if not v) + 2, dtype=bool)
_DELETED_CODES[[c for c, v in _TABLE.items() if not v]] = True
_EXPANDED_RE = re.compile("[" + "".join(re.escape(chr(c)) for c, v in _TABLE.items() if v and len(v) > 1) + "]")
# The same table for every code point of the Basic Multilingual Plane as one numpy array: the
# character each becomes (itself unless folded to one), or a mark for deleted and for expanded.
_BMP = 0x10000  # every character the table changes is in it
assert max(_TABLE) < _BMP
_DELETES, _EXPANDS = np.uint32(0xFFFFFFFF), np.uint32(0xFFFFFFFE)  # beyond every code point
_FOLDED_BMP = np.arange(_BMP, dtype=np.uint32)
for _c, _v in _TABLE.items():
    _FOLDED_BMP[_c] = _DELETES if not _v else ord(_v) if len(_v) == 1 else _EXPANDS


@dataclass(frozen=True)
class Normalized:
    original: str
    text: str
    to_original: Sequence[int]  # for each normalized char, its index in the original

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) covering normalized [start, end), with trailing marks."""
        if start >= end:
            pos = self.to_original[start] if start < len(self.to_original) else len(self.original)
            return pos, pos
        o_start = self.to_original[start]
        o_end = self.to_original[end - 1] + 1
        orig = self.original
        while o_end < len(orig) and orig[o_end] in TRAILING_MARKS:
            o_end += 1
        return o_start, o_end

    def original_span_text(self, start: int, end: int) -> str:
        s, e = self.span_to_original(start, end)
        return self.original[s:e]


def normalize_with_map(text: str) -> Normalized:
    if len(text) >= _LONG_TEXT:
        view = _normalize_with_map_numpy(text)
        if view is not None:
            return view
    if _EXPANDED_RE.search(text) is None:
        normalized = normalize(text)
        if len(normalized) == len(text):
            return Normalized(text, normalized, range(len(text)))
        if len(text) < _LONG_TEXT:
            kept, previous = [], 0
            for m in _DELETED_RE.finditer(text):
                kept.append(range(previous, m.start()))
                previous = m.end()
            kept.append(range(previous, len(text)))
            return Normalized(text, normalized, list(chain.from_iterable(kept)))
        # A whole article: the kept positions found with numpy and held as an array of machine
        # integers (indexing gives ints; no int object made per character up front).
        codes = code_points(text)
        deleted = _DELETED_CODES[np.minimum(codes, len(_DELETED_CODES) - 1)]
        kept_positions = array("q")
        kept_positions.frombytes(np.flatnonzero(~deleted).astype(np.int64).tobytes())
        return Normalized(text, normalized, kept_positions)
    return _normalize_with_map_slow(text)


def _normalize_with_map_numpy(text: str) -> Normalized | None:
    """A whole article's view in one pass of table look-ups over its code points (numpy): the
    folded text and the kept positions together, where normalize's substitutions and two regex
    scans of the text took three times as long. None when the text holds a character outside the
    tables (beyond the BMP) or one that expands (a ligature): the other paths handle those."""
    codes = code_points(text)
    if codes.max() >= _BMP:
        return None
    folded = _FOLDED_BMP.take(codes)
    if (folded == _EXPANDS).any():
        return None
    deleted = folded == _DELETES
    if not deleted.any():
        return Normalized(text, text_of(folded), range(len(text)))
    kept = ~deleted
    # the kept positions as an array of machine integers (indexing gives ints; no int object made
    # per character up front)
    kept_positions = array("q")
    kept_positions.frombytes(np.flatnonzero(kept).astype(np.int64, copy=False).tobytes())
    return Normalized(text, text_of(folded[kept]), kept_positions)


def _normalize_with_map_slow(text: str) -> Normalized:
    out: list[str] = []
    index: list[int] = []
    table = _TABLE
    for i, ch in enumerate(text):
        folded = table.get(ord(ch), ch)
        if folded:
            out.append(folded)
            index.extend([i] * len(folded))
    return Normalized(text, "".join(out), tuple(index))


def normalize(text: str) -> str:
    """The matching form of ``text`` (idempotent)."""
    if len(text) < _LONG_TEXT:
        return _CHANGED_RE.sub(_replacement, text)
    # Long text: the four letters that make nine in ten of the changes (ة أ إ ى) with str.replace,
    # then the rest, if any, one by one (three times faster on an article; each character maps
    # on its own and no replacement is itself replaced, so the order does not matter).
    for ch, folded in _COMMON:
        text = text.replace(ch, folded)
    if _CHANGED_RE.search(text) is None:
        return text
    return _CHANGED_RE.sub(_replacement, text)


def _replacement(m: re.Match) -> str:
    return _REPLACEMENTS[m.group()]
