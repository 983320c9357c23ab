"""MinHash signatures: the values datasketch 2.0's ``MinHash`` computes by default (the
"affine32" scheme over 32-bit SHA-1 hashes) and the bytes its ``LeanMinHash.serialize`` writes,
without importing datasketch.

Importing datasketch imports all its index classes and, through them, scipy: some 64 MB in
every process that stores articles (the writer and each forked worker) and 0.4 s of start-up,
for what is a few array operations here. Signatures stored by earlier versions (written by
datasketch) read back unchanged; tests/dedupe/test_minhash.py checks equality with datasketch.
"""
from __future__ import annotations

import hashlib
import struct
from functools import lru_cache
from typing import Sequence

import numpy as np

_MAX_HASH = np.uint32(0xFFFFFFFF)
_SCHEME_CODE = 1  # datasketch's code for affine32 in the serialized form
_HEADER = "@qiB"  # seed, minus the number of values, the scheme code; then native uint32 values
_VALUES_OFFSET = struct.calcsize("@qiB0I")  # the values start aligned for a uint32
# MurmurHash3's 32-bit finalizer: shifts and multipliers
_FMIX = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35), np.uint32(16))


@lru_cache(maxsize=4)
def _permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    # h -> a*h + b mod 2^32 with a odd (a bijection), drawn as datasketch draws them.
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    a.flags.writeable = b.flags.writeable = False
    return a, b


def _mixed_hashes(values: Sequence[bytes]) -> np.ndarray:
    """Each value's first four SHA-1 bytes (little-endian), avalanched by the finalizer."""
    h = np.array([struct.unpack("<I", hashlib.sha1(v).digest()[:4])[0] for v in values], dtype=np.uint32)
    s1, m1, s2, m2, s3 = _FMIX
    h = h ^ (h >> s1)
    h = h * m1  # uint32 multiplication wraps around: the intended arithmetic modulo 2^32
    h = h ^ (h >> s2)
    h = h * m2
    return h ^ (h >> s3)


class Signature:
    """The MinHash of a set of byte strings: ``num_perm`` 32-bit minima, under a seed."""

    __slots__ = ("seed", "hashvalues")

    def __init__(self, seed: int, hashvalues: np.ndarray):
        self.seed = seed
        self.hashvalues = hashvalues

    @classmethod
    def of(cls, values: Sequence[bytes], num_perm: int, seed: int) -> "Signature":
        hashvalues = np.full(num_perm, _MAX_HASH, dtype=np.uint32)
        if values:
            a, b = _permutations(num_perm, seed)
            permuted = _mixed_hashes(values).reshape(-1, 1) * a + b  # one row per value
            hashvalues = np.minimum(hashvalues, permuted.min(axis=0))
        return cls(seed, hashvalues)

    def __len__(self) -> int:
        return len(self.hashvalues)

    def jaccard(self, other: "Signature") -> float:
        """The estimated Jaccard similarity of the two sets: the share of equal minima."""
        if other.seed != self.seed or len(other) != len(self):
            raise ValueError("MinHash signatures of different seeds or sizes cannot be compared")
        return float(np.count_nonzero(self.hashvalues == other.hashvalues)) / float(len(self))

    def to_bytes(self) -> bytes:
        n = len(self)
        return struct.pack(f"{_HEADER}0I{n}I", self.seed, -n, _SCHEME_CODE, *self.hashvalues.tolist())

    @classmethod
    def from_bytes(cls, data: bytes) -> "Signature":
        seed, negative_n, code = struct.unpack_from(_HEADER, data, 0)
        if negative_n >= 0 or code != _SCHEME_CODE:
            raise ValueError("not an affine32 MinHash signature (the only kind rasd writes)")
        values = np.frombuffer(data, dtype=np.uint32, count=-negative_n, offset=_VALUES_OFFSET).copy()
        return cls(seed, values)
