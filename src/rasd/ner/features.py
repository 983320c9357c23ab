"""What the CRF sees of each token: word, stem, clitics, affixes, shape, frequency, gazetteers.

Features of a word depend only on the word (its matching form, stem and proclitics), so they
are computed once per distinct word and cached; a sentence's features are the cached features
of each token and of its neighbours (window -2..+2) with the neighbour's offset as prefix.
That keeps tagging at a few microseconds per token.
"""
from __future__ import annotations

import math
from typing import Mapping, NamedTuple, Optional, Sequence

from ..normalize import normalize
from ..segment import CliticAnalyzer, default_analyzer, default_vocabulary
from .gazetteer import Gazetteer

WINDOW = 2
MAX_CACHED_WORDS = 200_000  # a long batch sees ever new words: bound the cache
# Neighbours contribute fewer features than the token itself: enough to see a title word
# (الرئيس), a cue (مدينة، شركة) or a verb of saying (قال) without bloating the model.
CONTEXT_KINDS = ("w", "s", "sh", "g", "p", "c")
# The nearest neighbours also show their ending and frequency: a nisba adjective (الأمريكي) or
# a rare word right beside a token says much about where a name ends.
NEAR_KINDS = CONTEXT_KINDS + ("near", "e")



def letter_grams(word: str) -> list[str]:
    """Letter 2-4-grams of ``<word>`` (with boundary marks)."""
    w = "<" + word + ">"
    return [w[i:i + n] for n in (2, 3, 4) for i in range(len(w) - n + 1)]


class LetterTypes:
    """Type-probability bins for a word the embeddings table lacks, from its letters: a softmax
    regression (``ner_embletters.tsv``: gram -> one weight per type, ``<bias>``, ``<bins>``) fitted at
    build time to imitate the table's own type columns (scripts/build_ner_embeddings.py)."""

    def __init__(self, text: str):
        import numpy as np

        lines = text.splitlines()
        self.types = lines[0].split("\t")[1:]
        rows, grams = [], {}
        for line in lines[1:]:
            gram, *values = line.split("\t")
            if gram == "<bins>":
                self.bins = np.array([float(v) for v in values])
            elif gram == "<bias>":
                self.bias = np.array([float(v) for v in values])
            else:
                grams[gram] = len(rows)
                rows.append([float(v) for v in values])
        self.grams = grams
        self.weights = np.array(rows, dtype=np.float64)
        self._np = np

    def features(self, word: str) -> list[str]:
        np = self._np
        rows = [self.grams[g] for g in set(letter_grams(word)) if g in self.grams]
        z = self.bias + self.weights[rows].sum(axis=0)
        p = np.exp(z - z.max())
        p /= p.sum()
        binned = np.digitize(p, self.bins)
        return [f"t{t}={int(b)}" for t, b in zip(self.types, binned) if t != "O"]


class Word(NamedTuple):
    """The parts of a token the features use (a tuple: hashing it is cheap, it keys caches)."""
    norm: str
    stem: str
    proclitics: tuple[str, ...] = ()


def word_of(token: str, analyzer: Optional[CliticAnalyzer] = None) -> Word:
    """A Word from raw token text, analysed the way ``rasd.segment.tokenize`` does it."""
    norm = normalize(token)
    procs, stem, _ = (analyzer or default_analyzer()).analyze(norm)
    return Word(norm, stem, procs)


def shape(text: str) -> str:
    """Coarse character class of a word: ar, digit, latin, punct or mixed."""
    if not text:
        return "empty"
    kinds = set()
    for ch in text:
        if "\u0621" <= ch <= "\u064a" or "\u0671" <= ch <= "\u06d3":
            kinds.add("ar")
        elif ch.isdigit():
            kinds.add("digit")
        elif ch.isalpha():
            kinds.add("latin")
        else:
            kinds.add("punct")
    return kinds.pop() if len(kinds) == 1 else "mixed"


class Featurizer:
    """Turns a sentence (a sequence of Words) into CRF feature lists."""

    def __init__(self, gazetteer: Gazetteer, clusters: Optional[Mapping[str, tuple[str, ...]]] = None,
                 vocabulary: Optional[Mapping[str, int]] = None,
                 embeddings: Optional[Mapping[str, tuple[str, ...]]] = None,
                 letter_types: Optional[LetterTypes] = None):
        self.gazetteer = gazetteer
        self.clusters = clusters or {}
        self.embeddings = embeddings or {}
        self.letter_types = letter_types
        self.vocab = default_vocabulary() if vocabulary is None else vocabulary
        self._cache: dict[Word, tuple[list[str], dict[int, list[str]]]] = {}
        self._parts: dict[Word, tuple[list[str], dict[int, list[str]]]] = {}

    def _frequency_band(self, stem: str) -> str:
        # How common the stem is in news (vocab.tsv): names are mostly rare words.
        count = self.vocab.get(stem, 0) + self.vocab.get("ال" + stem, 0)
        return str(min(int(math.log2(count + 1)), 12))

    def _cluster_features(self, norm: str, stem: str) -> list[str]:
        ids = self.clusters.get(norm) or self.clusters.get(stem) or self.clusters.get("ال" + stem)
        if ids is None:
            return ["c=none"]
        return [f"c{level}={cid}" for level, cid in enumerate(ids)]

    def _embedding_features(self, norm: str, stem: str) -> list[str]:
        # Classes of the word's vector distilled from a pretrained encoder (ner_embeddings.tsv).
        if not self.embeddings:
            return []
        ids = self.embeddings.get(norm) or self.embeddings.get(stem) or self.embeddings.get("ال" + stem)
        if ids is not None:
            return list(ids)
        return ["e=none"] + (self.letter_types.features(stem) if self.letter_types is not None else [])

    def _word_features(self, word: Word) -> dict[str, list[str]]:
        norm, stem = word.norm, word.stem
        by_kind: dict[str, list[str]] = {
            "w": ["w=" + norm],
            "s": ["s=" + stem],
            "p": ["p=" + "+".join(word.proclitics)],
            "sh": ["sh=" + shape(norm)],
            "g": ["g=" + g for g in self.gazetteer.lookup(norm, stem)],
            "c": self._cluster_features(norm, stem),
            "e": self._embedding_features(norm, stem),
        }
        # Leading and trailing letters (1..4) of the stem and of the unsegmented form (Abdul-Hamid &
        # Darwish 2010): transliterated foreign names and Arabic name patterns show in them, also
        # where the clitic analysis, made for ordinary words, cut a name wrongly.
        by_kind["own"] = [f"pre{k}=" + stem[:k] for k in range(1, 5)]
        by_kind["own"] += [f"suf{k}=" + stem[-k:] for k in range(1, 5)]
        by_kind["own"] += [f"npre{k}=" + norm[:k] for k in range(1, 5)]
        by_kind["own"] += [f"nsuf{k}=" + norm[-k:] for k in range(1, 5)]
        by_kind["own"] += [
            "len=" + str(min(len(stem), 10)),
            "freq=" + self._frequency_band(stem),
            "al=" + str("ال" in word.proclitics),
        ]
        by_kind["near"] = ["suf2=" + stem[-2:], "freq=" + self._frequency_band(stem)]
        return by_kind

    def word_parts(self, word: Word, cache: bool = True) -> tuple[list[str], dict[int, list[str]]]:
        """(features of the word itself, {offset: features it shows a token at that offset, unprefixed}).

        ``cache=False`` for a caller that keeps its own per-word result (the decoder keeps summed
        weights): the strings would only take memory.
        """
        cached = self._parts.get(word)
        if cached is None:
            by_kind = self._word_features(word)
            own = [f for kind in ("w", "s", "p", "sh", "g", "c", "e", "own") for f in by_kind[kind]]
            near = [f for kind in NEAR_KINDS for f in by_kind[kind]]
            far = [f for kind in CONTEXT_KINDS for f in by_kind[kind]]
            cached = (own, {-2: far, -1: near, 1: near, 2: far})
            if cache:
                if len(self._parts) >= MAX_CACHED_WORDS:
                    self._parts.clear()
                self._parts[word] = cached
        return cached

    def word_features(self, word: Word) -> tuple[list[str], dict[int, list[str]]]:
        """(features of the word itself, {offset: features it gives a token at that offset})."""
        cached = self._cache.get(word)
        if cached is None:
            if len(self._cache) >= MAX_CACHED_WORDS:
                self._cache.clear()
            own, parts = self.word_parts(word)
            context = {offset: [f"{offset}:{f}" for f in parts[offset]] for offset in (-2, -1, 1, 2)}
            cached = self._cache[word] = (own, context)
        return cached

    def sentence(self, words: Sequence[Word]) -> list[list[str]]:
        """CRF features for every word of one sentence."""
        per_word = [self.word_features(w) for w in words]
        n = len(words)
        result = []
        for i in range(n):
            feats = ["bias"]
            feats.extend(per_word[i][0])
            for offset in (-2, -1, 1, 2):
                j = i + offset
                if 0 <= j < n:
                    feats.extend(per_word[j][1][offset])
                elif j == -1 or j == n:
                    feats.append("BOS" if j < 0 else "EOS")
            if i > 0:
                feats.append(f"w-1|w={words[i - 1].norm}|{words[i].norm}")
            if i + 1 < n:
                feats.append(f"w|w+1={words[i].norm}|{words[i + 1].norm}")
            result.append(feats)
        return result
