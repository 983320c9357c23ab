"""Near-duplicate articles: wire copies and republications are linked to a canonical article.

The fingerprint is a MinHash over word shingles of the matching form of title and body, so
diacritics, spelling variants of alef/ya/ta marbuta and punctuation do not hide a copy.
"""
from __future__ import annotations

import hashlib
import re
from typing import Iterable, Optional

from ..normalize import normalize
from .minhash import Signature

NUM_PERM = 64
SHINGLE = 4  # words per shingle
THRESHOLD = 0.8  # estimated Jaccard above which two articles are copies
_WORD = re.compile(r"\w+")
SEED = 7
# The band layout datasketch's MinHashLSH picks for THRESHOLD and NUM_PERM (its _optimal_param,
# equal false-positive and false-negative weights; checked in tests/dedupe/test_minhash.py):
# a pair sharing one band of ROWS values is a candidate.
BANDS, ROWS = 5, 11


def fingerprint(text: str) -> Signature:
    words = _WORD.findall(normalize(text))
    if len(words) < SHINGLE:
        shingles = [" ".join(words)]
    else:
        shingles = [" ".join(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)]
    return Signature.of([s.encode("utf-8") for s in shingles], NUM_PERM, SEED)


def article_fingerprint(title: Optional[str], text: str) -> Signature:
    """What near-duplicate detection compares: the title and the body."""
    return fingerprint(f"{title or ''}\n{text}")


def lsh_buckets(signature: Signature) -> list[int]:
    """One signed 64-bit bucket per LSH band, the same in every process and database.

    Two articles are candidate copies when they share a bucket; a table of (bucket, article)
    rows is an LSH index that survives restarts and needs no memory (rasd.store.dedupe)."""
    values = signature.hashvalues.astype(">u8")
    buckets = []
    for band in range(BANDS):
        data = band.to_bytes(2, "big") + values[band * ROWS:(band + 1) * ROWS].tobytes()
        buckets.append(int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "big", signed=True))
    return buckets


def to_bytes(signature: Signature) -> bytes:
    return signature.to_bytes()


def from_bytes(data: bytes) -> Signature:
    return Signature.from_bytes(data)


class NearDuplicateIndex:
    """In-memory LSH over canonical articles (the bands of ``lsh_buckets``); rebuild it from
    stored signatures with ``load``."""

    def __init__(self, threshold: float = THRESHOLD):
        self.threshold = threshold
        self._buckets: dict[int, list[str]] = {}
        self._signatures: dict[str, Signature] = {}

    def __len__(self) -> int:
        return len(self._signatures)

    def load(self, items: Iterable[tuple[str, bytes]]) -> None:
        for article_id, data in items:
            self._insert(article_id, from_bytes(data))

    def _insert(self, article_id: str, signature: Signature) -> None:
        if article_id not in self._signatures:
            for bucket in lsh_buckets(signature):
                self._buckets.setdefault(bucket, []).append(article_id)
            self._signatures[article_id] = signature

    def canonical_for(self, signature: Signature) -> Optional[tuple[str, float]]:
        """The most similar known canonical article above the threshold, with its similarity."""
        best: Optional[tuple[str, float]] = None
        candidates = {c for bucket in lsh_buckets(signature) for c in self._buckets.get(bucket, ())}
        for candidate in sorted(candidates):
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
