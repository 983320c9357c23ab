"""Fast CRF decoding: the weights of a trained crfsuite model, applied with numpy.

python-crfsuite's tagger converts every feature string of every token on each call, which
costs tens of microseconds per token. Here the weights are read once, and because a token's
features are the union of what each word in its window contributes (``Featurizer``), the summed
weight vector of a word at each window offset is computed once per distinct word and cached.
A sentence's emission scores are then a few array additions, and Viterbi runs over the 9 labels.
The result equals crfsuite's own tagging (a test checks this on the held-out data).
"""
from __future__ import annotations

from typing import Sequence

import numpy as np
import pycrfsuite

from .features import WINDOW, Featurizer, Word

OFFSETS = (0, -2, -1, 1, 2)  # row order of a word's cached weight block
MAX_CACHED_WORDS = 200_000  # a long batch sees ever new words: bound the cache


class CompiledCrf:
    def __init__(self, tagger: pycrfsuite.Tagger, featurizer: Featurizer):
        info = tagger.info()
        self.labels = [label for label, _ in sorted(info.labels.items(), key=lambda kv: int(kv[1]))]
        index = {label: i for i, label in enumerate(self.labels)}
        size = len(self.labels)
        self.weights: dict[str, np.ndarray] = {}
        for (attribute, label), weight in info.state_features.items():
            vector = self.weights.get(attribute)
            if vector is None:
                vector = self.weights[attribute] = np.zeros(size)
            vector[index[label]] += weight
        self.transitions = np.zeros((size, size))
        for (previous, current), weight in info.transitions.items():
            self.transitions[index[previous], index[current]] = weight
        self.featurizer = featurizer
        self._zero = np.zeros(size)
        # Word-pair features: (left, right) -> weights for the right token / for the left token.
        self.pair_right: dict[tuple[str, str], np.ndarray] = {}
        self.pair_left: dict[tuple[str, str], np.ndarray] = {}
        for attribute, vector in self.weights.items():
            for prefix, table in (("w-1|w=", self.pair_right), ("w|w+1=", self.pair_left)):
                if attribute.startswith(prefix):
                    left, _, right = attribute[len(prefix):].partition("|")
                    table[(left, right)] = vector
        self.pair_lefts = frozenset(left for left, _ in self.pair_right) | frozenset(left for left, _ in self.pair_left)
        # Cached word blocks live in one growing array, so a sentence gathers them in one step.
        self._rows: dict[Word, int] = {}
        self._blocks = np.zeros((1024, len(OFFSETS), size))

    def _sum(self, features: Sequence[str]) -> np.ndarray:
        total = self._zero.copy()
        for f in features:
            w = self.weights.get(f)
            if w is not None:
                total += w
        return total

    def _add_word(self, word: Word) -> int:
        """Row of ``word``'s block: the weights it adds to a token at each window offset."""
        if word in self._rows:  # a new word seen twice in one sentence
            return self._rows[word]
        row = len(self._rows)
        if row >= len(self._blocks):
            self._blocks = np.concatenate([self._blocks, np.zeros_like(self._blocks)])
        own, context = self.featurizer.word_features(Word._make(word))
        self._blocks[row, 0] = self._sum(own)
        for i, offset in enumerate(OFFSETS[1:], 1):
            self._blocks[row, i] = self._sum(context[offset])
        self._rows[word] = row
        return row

    def emissions(self, words: Sequence[Word]) -> np.ndarray:
        """(tokens, labels) state scores, the same sums crfsuite computes from ``Featurizer.sentence``."""
        return self._batch_emissions([words])[0]

    def _batch_emissions(self, sentences: Sequence[Sequence[Word]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """State scores of all tokens of all sentences, with each token's sentence and position.

        Done for the whole batch at once (a handful of numpy operations per batch, not per
        sentence); window features never cross a sentence boundary.
        """
        words = [w for sentence in sentences for w in sentence]
        n = len(words)
        lengths = np.array([len(s) for s in sentences], dtype=np.intp)
        sentence_of = np.repeat(np.arange(len(sentences)), lengths)
        position = np.arange(n) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        from_end = lengths[sentence_of] - 1 - position
        if len(self._rows) + n >= MAX_CACHED_WORDS:
            self._rows.clear()  # before, not during, a batch: its rows must stay valid
        rows = self._rows
        indices = [rows.get(w) for w in words]
        if None in indices:
            indices = [self._add_word(w) if i is None else i for w, i in zip(words, indices)]
        blocks = self._blocks[indices]
        scores = blocks[:, 0] + self.weights.get("bias", self._zero)
        for row, offset in enumerate(OFFSETS[1:], 1):
            # token i receives what word i+offset contributes at that offset, within its sentence
            k = abs(offset)
            if offset < 0:
                same = (sentence_of[k:] == sentence_of[: n - k])[:, None]
                scores[k:] += blocks[: n - k, row] * same
            else:
                same = (sentence_of[: n - k] == sentence_of[k:])[:, None]
                scores[: n - k] += blocks[k:, row] * same
        for name, near_edge in (("BOS", position < WINDOW), ("EOS", from_end < WINDOW)):
            vector = self.weights.get(name)
            if vector is not None:
                scores[near_edge] += vector  # tokens 0 and 1 (or the last two) see the edge once
        lefts = self.pair_lefts
        for i in range(n - 1):
            left = words[i][0]
            if left not in lefts or from_end[i] == 0:
                continue
            pair = (left, words[i + 1][0])
            w = self.pair_right.get(pair)
            if w is not None:
                scores[i + 1] += w
            w = self.pair_left.get(pair)
            if w is not None:
                scores[i] += w
        return scores, sentence_of, position

    def tag(self, words: Sequence[Word]) -> list[str]:
        return self.tag_batch([words])[0]

    def tag_batch(self, sentences: Sequence[Sequence[Word]]) -> list[list[str]]:
        """Viterbi over many sentences at once: one numpy step per position, not per token."""
        order = sorted((i for i in range(len(sentences)) if sentences[i]), key=lambda i: -len(sentences[i]))
        results: list[list[str]] = [[] for _ in sentences]
        if not order:
            return results
        lengths = [len(sentences[i]) for i in order]
        size = len(self.labels)
        flat, sentence_of, position = self._batch_emissions([sentences[i] for i in order])
        scores = np.zeros((len(order), lengths[0], size))
        scores[sentence_of, position] = flat
        backpointers = np.zeros((len(order), lengths[0], size), dtype=np.intp)
        best = scores[:, 0].copy()
        active = len(order)
        transitions = self.transitions[None]
        for t in range(1, lengths[0]):
            while lengths[active - 1] <= t:
                active -= 1  # sentences are sorted longest first: the finished ones are at the end
            candidates = best[:active, :, None] + transitions
            backpointers[:active, t] = candidates.argmax(axis=1)
            best[:active] = candidates.max(axis=1) + scores[:active, t]
        last = best.argmax(axis=1)
        for row, i in enumerate(order):
            label = int(last[row])
            path = [label]
            pointers = backpointers[row]
            for t in range(lengths[row] - 1, 0, -1):
                label = int(pointers[t, label])
                path.append(label)
            results[i] = [self.labels[j] for j in reversed(path)]
        return results
