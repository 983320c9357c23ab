"""Entities from BIO tag sequences, with the chunking rules of CoNLL's ``conlleval``.

An entity starts at a ``B-`` tag, at an ``I-`` tag that follows ``O`` (an I- without B- opens an
entity), and at an ``I-`` tag whose type differs from the previous tag's type. It ends when the
next tag starts a new entity or is ``O``. Tags without a type (``O``, anything malformed) are
outside every entity.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

ENTITY_TYPES = ("PERS", "LOC", "ORG", "MISC")


@dataclass(frozen=True, order=True)
class Chunk:
    """One entity: tokens [start, end) of the sequence, and its type (PERS, LOC, ORG, MISC)."""
    start: int
    end: int
    type: str


def _split(tag: str) -> tuple[str, str]:
    """(prefix, type) of a tag: ("B", "LOC"), ("O", "")."""
    prefix, sep, etype = tag.partition("-")
    if not sep or prefix not in ("B", "I") or not etype:
        return "O", ""
    return prefix, etype


def chunks(tags: Sequence[str]) -> list[Chunk]:
    """The entities of a BIO tag sequence, in order."""
    result: list[Chunk] = []
    start, current = -1, ""
    for i, tag in enumerate(tags):
        if tag == "O":  # most tags: close the open entity, if any
            if current:
                result.append(Chunk(start, i, current))
                current = ""
            continue
        prefix, etype = _split(tag)
        begins = prefix == "B" or (prefix == "I" and etype != current)
        if current and (prefix == "O" or begins):
            result.append(Chunk(start, i, current))
            current = ""
        if begins:
            start, current = i, etype
    if current:
        result.append(Chunk(start, len(tags), current))
    return result
