"""Near-duplicate articles: wire copies and republications are linked to a canonical article.

The fingerprint is a MinHash over word shingles of the matching form of title and body, so
diacritics, spelling variants of alef/ya/ta marbuta and punctuation do not hide a copy.
"""
from __future__ import annotations

import re
from typing import Iterable, Optional

from datasketch import LeanMinHash, MinHash, MinHashLSH

from ..normalize import normalize

NUM_PERM = 64
SHINGLE = 4  # words per shingle
THRESHOLD = 0.8  # estimated Jaccard above which two articles are copies
_WORD = re.compile(r"\w+")


def fingerprint(text: str) -> LeanMinHash:
    words = _WORD.findall(normalize(text))
    m = MinHash(num_perm=NUM_PERM, seed=7)
    if len(words) < SHINGLE:
        shingles = [" ".join(words)]
    else:
        shingles = [" ".join(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)]
    m.update_batch([s.encode("utf-8") for s in shingles])
    return LeanMinHash(m)


def to_bytes(signature: LeanMinHash) -> bytes:
    buf = bytearray(signature.bytesize())
    signature.serialize(buf)
    return bytes(buf)


def from_bytes(data: bytes) -> LeanMinHash:
    return LeanMinHash.deserialize(bytearray(data))


class NearDuplicateIndex:
    """In-memory LSH over canonical articles; rebuild it from stored signatures with ``load``."""

    def __init__(self, threshold: float = THRESHOLD):
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._signatures: dict[str, LeanMinHash] = {}

    def __len__(self) -> int:
        return len(self._signatures)

    def load(self, items: Iterable[tuple[str, bytes]]) -> None:
        for article_id, data in items:
            self._insert(article_id, from_bytes(data))

    def _insert(self, article_id: str, signature: LeanMinHash) -> None:
        if article_id not in self._signatures:
            self._lsh.insert(article_id, signature)
            self._signatures[article_id] = signature

    def canonical_for(self, signature: LeanMinHash) -> Optional[tuple[str, float]]:
        """The most similar known canonical article above the threshold, with its similarity."""
        best: Optional[tuple[str, float]] = None
        for candidate in sorted(self._lsh.query(signature)):
            similarity = signature.jaccard(self._signatures[candidate])
            if similarity >= self.threshold and (best is None or similarity > best[1]):
                best = (candidate, similarity)
        return best

    def add(self, article_id: str, text: str) -> Optional[tuple[str, float]]:
        """Register an article; return (canonical id, similarity) if it copies a known one.

        A copy is not indexed itself, so every copy links to the first article seen."""
        signature = fingerprint(text)
        found = self.canonical_for(signature)
        if found is None or found[0] == article_id:
            self._insert(article_id, signature)
            return None
        return found
