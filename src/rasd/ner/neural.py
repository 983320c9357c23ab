"""A small neural window tagger, run in plain numpy, whose label log-probabilities the CRF adds to
its own scores (a product of experts; ``rasd.ner.decode``).

The linear CRF scores a label from sums of single features; this net sees the same features of
each word as learned dense vectors, plus the word's distilled e5 vector (multilingual-e5-small,
reduced to a few PCA dimensions; ``scripts/build_ner_neural.py``), mixes a window of seven words
through a hidden layer and so can generalize from names it knows to unseen names in unseen topics.
It is trained at build time only (``rasd.ner.neural_train``, numpy); ``ner_neural.npz`` holds
everything tagging needs.

Shape: word i -> u_i = [sum of its feature embeddings ; its e5 vector ; has-vector flag]; a token's
hidden layer relu(b1 + sum over offsets k of u_{t+k} U_k, or pad_k where t+k is outside the
sentence); label scores h W2 + b2. ``u_i U_k`` depends only on the word, so it is computed once
per distinct word and cached, as the CRF decoder caches a word's summed weights.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Sequence

import numpy as np

NEURAL_NAME = "ner_neural.npz"
OFFSETS = (-3, -2, -1, 0, 1, 2, 3)
MAX_CACHED_WORDS = 200_000


def word_inputs(features: np.ndarray, starts: np.ndarray, vectors: np.ndarray, feature_table: np.ndarray) -> np.ndarray:
    """u for a group of words: each word's features (row ids into ``feature_table``, word j's run
    from starts[j]; every run non-empty) summed, then its dense vector and has-vector flag."""
    sums = np.add.reduceat(feature_table[features], starts, axis=0)
    has = (np.abs(vectors).sum(axis=1, keepdims=True) > 0).astype(np.float32)
    return np.concatenate([sums, vectors, has], axis=1)


def hidden_inputs(blocks: np.ndarray, rows: np.ndarray, sentence_of: np.ndarray, b1: np.ndarray) -> np.ndarray:
    """z (tokens, H): b1 plus, for each offset k, the block of word t+k at k (pad_k across an edge).

    ``blocks``: (words, K, H), each cached word's u U_k, row 0 the pads; ``rows``: each token's word.
    Sentences are laid out with EDGE pad rows before, between and after them, so that every
    offset is one slice of one gathered array."""
    edge = max(OFFSETS)
    n = len(rows)
    position = np.arange(n) + edge * (sentence_of + 1)
    laid_out = np.zeros(n + edge * (int(sentence_of[-1]) + 2) if n else 0, dtype=np.intp)
    laid_out[position] = rows
    gathered = blocks[laid_out]
    span = len(laid_out) - 2 * edge
    z = np.broadcast_to(b1, (span, len(b1))).copy()
    for column, offset in enumerate(OFFSETS):
        z += gathered[edge + offset: edge + offset + span, column]
    return z[position - edge]


def log_softmax(scores: np.ndarray) -> np.ndarray:
    scores = scores - scores.max(axis=1, keepdims=True)
    return scores - np.log(np.exp(scores).sum(axis=1, keepdims=True))


class NeuralTagger:
    """The exported net: label log-probabilities for the tokens of a batch of sentences."""

    def __init__(self, path: Path, own_features: Callable):
        data = np.load(path, allow_pickle=False)
        self.labels = [str(x) for x in data["labels"]]
        self.feature_ids = {str(f): i for i, f in enumerate(data["features"])}
        self.feature_table = data["feature_table"].astype(np.float32)
        self.vector_ids = {str(w): i for i, w in enumerate(data["vector_words"])}
        self.vectors = data["vectors"].astype(np.float32)
        self.U = data["U"].astype(np.float32)  # (K, D, H)
        self._U_flat = np.ascontiguousarray(self.U.transpose(1, 0, 2).reshape(self.U.shape[1], -1))  # (D, K*H)
        self.pads = data["pads"].astype(np.float32)  # (K, H)
        self.b1 = data["b1"].astype(np.float32)
        self.W2 = data["W2"].astype(np.float32)
        self.b2 = data["b2"].astype(np.float32)
        self.weight = float(data["weight"]) if "weight" in data else 1.0  # of its log-probabilities beside the CRF's scores
        self.own_features = own_features  # Word -> its own feature strings (Featurizer.word_parts(w)[0])
        self._rows: dict = {}
        self._pad_block = np.zeros((1, len(OFFSETS), self.U.shape[2]), dtype=np.float32)
        self._pad_block[0] = self.pads  # row 0: what a position outside the sentence gives
        self._clear()

    def _clear(self) -> None:
        self._rows.clear()
        self._blocks = np.concatenate([self._pad_block, np.zeros((1023,) + self._pad_block.shape[1:], dtype=np.float32)])
        self._used = 1  # rows of _blocks in use (row 0: the pads)

    def vector_of(self, word) -> np.ndarray:
        ids = self.vector_ids
        i = ids.get(word[0])
        if i is None:
            i = ids.get(word[1])
        if i is None:
            i = ids.get("ال" + word[1])
        return self.vectors[i] if i is not None else np.zeros(self.vectors.shape[1], dtype=np.float32)

    def add_words(self, words: Sequence, own: Sequence[Sequence[str]]) -> None:
        """Cache the blocks (u U_k for every offset) of new words, given each word's own features."""
        new = [i for i, w in enumerate(words) if w not in self._rows]
        if len(new) < len(words):
            words, own = [words[i] for i in new], [own[i] for i in new]
        if not words:
            return
        ids = self.feature_ids
        features: list[int] = []
        starts: list[int] = []
        for feats in own:
            starts.append(len(features))
            features.append(0)  # row 0: the <word> feature every word has (runs never empty)
            features.extend(i for f in feats if (i := ids.get(f)) is not None)
        vectors = np.array([self.vector_of(w) for w in words], dtype=np.float32).reshape(len(words), -1)
        u = word_inputs(np.array(features, dtype=np.intp), np.array(starts, dtype=np.intp), vectors, self.feature_table)
        blocks = (u @ self._U_flat).reshape(len(words), len(OFFSETS), -1)
        if self._used + len(words) > MAX_CACHED_WORDS:
            self._clear()
        first, self._used = self._used, self._used + len(words)
        while self._used > len(self._blocks):  # grow by doubling: words come a batch at a time
            self._blocks = np.concatenate([self._blocks, np.zeros_like(self._blocks)])
        self._blocks[first:self._used] = blocks
        for i, w in enumerate(words):
            self._rows[w] = first + i

    def rows(self, words: Sequence) -> np.ndarray:
        missing = list(dict.fromkeys(w for w in words if w not in self._rows))
        if missing:
            if self._used + len(missing) > MAX_CACHED_WORDS:
                self._clear()
                missing = list(dict.fromkeys(words))
            self.add_words(missing, [self.own_features(w) for w in missing])
        return np.array([self._rows[w] for w in words], dtype=np.intp)

    def log_probs_of_rows(self, rows: np.ndarray, sentence_of: np.ndarray) -> np.ndarray:
        """(tokens, labels) log-probabilities, in ``self.labels`` order."""
        z = hidden_inputs(self._blocks, rows, sentence_of, self.b1)
        np.maximum(z, 0, out=z)
        return log_softmax(z @ self.W2 + self.b2)

    def log_probs(self, sentences: Sequence[Sequence]) -> np.ndarray:
        lengths = np.array([len(s) for s in sentences], dtype=np.intp)
        sentence_of = np.arange(len(lengths)).repeat(lengths)
        return self.log_probs_of_rows(self.rows([w for s in sentences for w in s]), sentence_of)
