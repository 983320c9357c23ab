"""Lexicons: reviewable data files (YAML or TSV) shipped in ``rasd/data/lexicons/<kind>/``.

``load_lexicon(kind)`` returns the entries of one kind; extra folders given by the user (same
layout) extend the shipped ones, and an entry with the same id overrides the shipped entry.
"""
from __future__ import annotations

from array import array
from bisect import bisect_left
from functools import lru_cache
from typing import Sequence

import numpy as np

from ..normalize import Normalized, normalize_with_map
from .loader import LexiconEntry, lexicon_dirs, lexicon_version, load_lexicon, read_lexicon_file

__all__ = ["LexiconEntry", "load_lexicon", "read_lexicon_file", "lexicon_dirs", "lexicon_version", "text_view",
           "view_offsets"]


@lru_cache(maxsize=16)
def text_view(text: str) -> Normalized:
    """The normalized view of an article text, computed once and shared by all recognizers."""
    return normalize_with_map(text)


def view_offsets(view: Normalized, offsets: Sequence[int]) -> list[int]:
    """Each original offset in the normalized view (``bisect_left(view.to_original, offset)``),
    for all of an article's mention offsets at once: one vectorized search over the whole
    article's map instead of a bisect that makes an int object at every probe."""
    to_original = view.to_original
    if isinstance(to_original, range) and to_original.step == 1:  # nothing deleted: same offsets
        return [min(max(o - to_original.start, 0), len(to_original)) for o in offsets]
    if isinstance(to_original, array) and to_original.typecode == "q":
        positions = np.frombuffer(to_original, dtype=np.int64)
        return np.searchsorted(positions, np.asarray(offsets, dtype=np.int64), side="left").tolist()
    return [bisect_left(to_original, o) for o in offsets]
