"""Lexicons: reviewable data files (YAML or TSV) shipped in ``rasd/data/lexicons/<kind>/``.

``load_lexicon(kind)`` returns the entries of one kind; extra folders given by the user (same
layout) extend the shipped ones, and an entry with the same id overrides the shipped entry.
"""
from __future__ import annotations

from functools import lru_cache

from ..normalize import Normalized, normalize_with_map
from .loader import LexiconEntry, lexicon_dirs, lexicon_version, load_lexicon, read_lexicon_file

__all__ = ["LexiconEntry", "load_lexicon", "read_lexicon_file", "lexicon_dirs", "lexicon_version", "text_view"]


@lru_cache(maxsize=16)
def text_view(text: str) -> Normalized:
    """The normalized view of an article text, computed once and shared by all recognizers."""
    return normalize_with_map(text)
