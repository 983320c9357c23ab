"""Fast CRF decoding: the weights of a trained crfsuite model, applied with numpy.

python-crfsuite's tagger converts every feature string of every token on each call, which
costs tens of microseconds per token. Here the weights are read once into one matrix, and
because a token's features are the union of what each word in its window contributes
(``Featurizer``), the summed weight vector of a word at each window offset is computed once per
distinct word and cached. New words of a batch get their blocks in one gather-and-reduce step. A
sentence's emission scores are then a few array additions, and Viterbi runs over the 9 labels.
Features that are not a word's own (a document's label votes, ``rasd.ner.document``) come per
token and are added the same way. The result equals crfsuite's own tagging (tested).
"""
from __future__ import annotations

from typing import Callable, Hashable, Optional, Sequence

import numpy as np
import pycrfsuite

from .features import WINDOW, Featurizer, Word

OFFSETS = (0, -2, -1, 1, 2)  # row order of a word's cached weight block
MAX_CACHED_WORDS = 200_000  # a long batch sees ever new words: bound the cache


class CompiledCrf:
    def __init__(self, tagger: pycrfsuite.Tagger, featurizer: Featurizer,
                 extra_features: Optional[Callable[[Hashable], Sequence[str]]] = None):
        info = tagger.info()
        self.labels = [label for label, _ in sorted(info.labels.items(), key=lambda kv: int(kv[1]))]
        index = {label: i for i, label in enumerate(self.labels)}
        size = len(self.labels)
        # Row 0 of the weight matrix is zeros: unknown features point there.
        self.attributes: dict[str, int] = {}
        rows: list[tuple[int, int, float]] = []
        for (attribute, label), weight in info.state_features.items():
            row = self.attributes.setdefault(attribute, len(self.attributes) + 1)
            rows.append((row, index[label], weight))
        self.matrix = np.zeros((len(self.attributes) + 1, size))
        for row, column, weight in rows:
            self.matrix[row, column] += weight
        self._label_array = np.array(self.labels, dtype=object)
        self.transitions = np.zeros((size, size))
        for (previous, current), weight in info.transitions.items():
            self.transitions[index[previous], index[current]] = weight
        self.featurizer = featurizer
        self._zero = np.zeros(size)
        self._bias = self.vector("bias")
        # Word-pair features: (left, right) -> weights for the right token / for the left token.
        self.pair_right: dict[tuple[str, str], np.ndarray] = {}
        self.pair_left: dict[tuple[str, str], np.ndarray] = {}
        for attribute, row in self.attributes.items():
            for prefix, table in (("w-1|w=", self.pair_right), ("w|w+1=", self.pair_left)):
                if attribute.startswith(prefix):
                    left, _, right = attribute[len(prefix):].partition("|")
                    table[(left, right)] = self.matrix[row]
        # Window features by offset, keyed without their "offset:" prefix (no strings built per word).
        self._at: dict[int, dict[str, int]] = {offset: {} for offset in OFFSETS[1:]}
        for attribute, row in self.attributes.items():
            head, sep, rest = attribute.partition(":")
            if sep and head in ("-2", "-1", "1", "2"):
                self._at[int(head)][rest] = row
        # The same, one entry per feature: its rows at offsets -2, -1, 1, 2 (OFFSETS[1:]), 0 where
        # unused; a word shows many of the same features to several offsets, each looked up once.
        self._context_rows: dict[str, tuple[int, ...]] = {}
        for column, offset in enumerate(OFFSETS[1:]):
            for rest, row in self._at[offset].items():
                rows = self._context_rows.setdefault(rest, [0] * (len(OFFSETS) - 1))
                rows[column] = row
        self._context_rows = {rest: tuple(rows) for rest, rows in self._context_rows.items()}
        self.pair_lefts = frozenset(left for left, _ in self.pair_right) | frozenset(left for left, _ in self.pair_left)
        # The pair features as integer codes, looked up for a whole batch at once: each word that
        # begins (ends) some pair has a left (right) number, a pair the code left * R + right;
        # per table the codes sorted, with the weight-matrix row of each.
        lefts = {left: i for i, left in enumerate(sorted(self.pair_lefts))}
        rights = {right: i for i, right in enumerate(sorted(
            {r for _, r in self.pair_right} | {r for _, r in self.pair_left}))}
        self._left_numbers, self._right_numbers = lefts, rights
        radix = max(len(rights), 1)
        self._pair_tables = []
        for prefix, table in (("w-1|w=", self.pair_right), ("w|w+1=", self.pair_left)):
            coded = sorted((lefts[l] * radix + rights[r], self.attributes[f"{prefix}{l}|{r}"]) for l, r in table)
            self._pair_tables.append((np.array([c for c, _ in coded], dtype=np.int64),
                                      np.array([row for _, row in coded], dtype=np.intp)))
        self._radix = radix
        # Cached word blocks live in one growing array, so a sentence gathers them in one step;
        # beside them each word's left and right pair numbers (-1: none).
        self._rows: dict[Word, int] = {}
        # The same rows reached from a token's norm, for tokens that carry the Word fields as
        # attributes (tag_token_batch): norm -> (the rest of the Word, row).
        self._rows_by_norm: dict[str, tuple[str, tuple[str, ...], int]] = {}
        self._blocks = np.zeros((1024, len(OFFSETS), size))
        self._word_left = np.full(1024, -1, dtype=np.int64)
        self._word_right = np.full(1024, -1, dtype=np.int64)
        # Extra per-token features (document votes) come as hashable keys; ``extra_features`` names
        # a key's features, whose summed weights are cached by key.
        self.extra_features = extra_features
        self._extra_rows: dict[Hashable, int] = {}
        self._extra = np.zeros((0, size))
        self.neural = None  # a NeuralTagger whose log-probabilities are added (attach_neural)

    def attach_neural(self, neural, weight: float) -> None:
        """Add ``weight`` times the net's label log-probabilities to every token's scores (a product
        of experts: the CRF's transitions then choose the path)."""
        self.neural = neural
        self._neural_weight = weight
        self._neural_columns = np.array([neural.labels.index(label) for label in self.labels], dtype=np.intp)

    def vector(self, attribute: str) -> np.ndarray:
        """The weights of one feature per label (zeros for a feature the model does not use)."""
        return self.matrix[self.attributes.get(attribute, 0)]

    def _add_words(self, words: Sequence[Word]) -> None:
        """Give each new word its block: the weights it adds to a token at each window offset."""
        words = list(dict.fromkeys(w for w in words if w not in self._rows))
        if not words:
            return
        needed = len(self._rows) + len(words)
        while needed > len(self._blocks):
            self._blocks = np.concatenate([self._blocks, np.zeros_like(self._blocks)])
            self._word_left = np.concatenate([self._word_left, np.full_like(self._word_left, -1)])
            self._word_right = np.concatenate([self._word_right, np.full_like(self._word_right, -1)])
        own_row, context_rows = self.attributes.get, self._context_rows.get
        unused = (0,) * (len(OFFSETS) - 1)
        indices: list[int] = []
        starts: list[int] = []
        owns = []
        for word in words:
            own, context = self.featurizer.word_parts(Word._make(word), cache=False)
            owns.append(own)
            starts.append(len(indices))
            indices.append(0)  # every group non-empty, as reduceat needs
            indices.extend([own_row(f, 0) for f in own])
            looked_up: dict[int, list[tuple[int, ...]]] = {}  # by group: offsets often share one list
            for column, offset in enumerate(OFFSETS[1:]):
                group = context[offset]
                rows = looked_up.get(id(group))
                if rows is None:
                    rows = looked_up[id(group)] = [context_rows(f, unused) for f in group]
                starts.append(len(indices))
                indices.append(0)
                indices.extend([r[column] for r in rows])
        sums = np.add.reduceat(self.matrix[indices], starts, axis=0)
        if self.neural is not None:  # the net reads the same own features: give it the new words too
            self.neural.add_words(words, owns)
        first = len(self._rows)
        self._blocks[first:first + len(words)] = sums.reshape(len(words), len(OFFSETS), -1)
        lefts, rights = self._left_numbers, self._right_numbers
        self._word_left[first:first + len(words)] = [lefts.get(word[0], -1) for word in words]
        self._word_right[first:first + len(words)] = [rights.get(word[0], -1) for word in words]
        for i, word in enumerate(words):
            self._rows[word] = first + i

    def emissions(self, words: Sequence[Word]) -> np.ndarray:
        """(tokens, labels) state scores, the same sums crfsuite computes from ``Featurizer.sentence``."""
        return self._batch_emissions([words])[0]

    def _batch_emissions(self, sentences: Sequence[Sequence[Word]],
                         extra: Optional[Sequence[Sequence[Hashable]]] = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """State scores of all tokens of all sentences, with each token's sentence and position.

        Done for the whole batch at once (a handful of numpy operations per batch, not per
        sentence); window features never cross a sentence boundary. ``extra``: a key per token of
        each sentence, naming more features (document features) through ``extra_features``.
        """
        words = [w for sentence in sentences for w in sentence]
        return self._emissions_of_rows([len(s) for s in sentences], self._word_rows(words), extra)

    def _word_rows(self, words: Sequence[Word]) -> list[int]:
        """Each word's row in the block cache, new words added."""
        if len(self._rows) + len(words) >= MAX_CACHED_WORDS:
            self._rows.clear()  # before, not during, a batch: its rows must stay valid
            self._rows_by_norm.clear()
        rows = self._rows
        indices = [rows.get(w) for w in words]
        if None in indices:
            self._add_words(words)
            indices = [rows[w] for w in words]
        return indices

    def _token_rows(self, tokens: Sequence) -> list[int]:
        """_word_rows for objects with the Word fields as attributes (pipeline Tokens), found by
        their norm without making a Word of each (a token's analysis is nearly always the one
        its norm had before; a token whose analysis differs goes the Word way)."""
        fields = Word._fields[1:]
        if fields != ("stem", "proclitics"):  # Word changed shape: the general way
            return self._word_rows([Word._make(getattr(t, f) for f in Word._fields) for t in tokens])
        if len(self._rows) + len(tokens) >= MAX_CACHED_WORDS:
            self._rows.clear()
            self._rows_by_norm.clear()
        get = self._rows_by_norm.get
        rows = [known[2] if (known := get(t.norm)) is not None and known[0] == t.stem and known[1] == t.proclitics
                else -1 for t in tokens]
        missing = [i for i, row in enumerate(rows) if row < 0]
        if missing:
            words = [Word(tokens[i].norm, tokens[i].stem, tokens[i].proclitics) for i in missing]
            for i, word, row in zip(missing, words, self._word_rows(words)):
                rows[i] = row
                self._rows_by_norm[word[0]] = (word[1], word[2], row)
        return rows

    def _emissions_of_rows(self, sentence_lengths: Sequence[int], indices: Sequence[int],
                           extra: Optional[Sequence[Sequence[Hashable]]] = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """_batch_emissions from each token's row in the block cache."""
        n = len(indices)
        lengths = np.array(sentence_lengths, dtype=np.intp)
        # (array methods rather than np.repeat, np.cumsum ...: no Python-level dispatch per call)
        sentence_of = np.arange(len(lengths)).repeat(lengths)
        position = np.arange(n) - (lengths.cumsum() - lengths).repeat(lengths)
        from_end = lengths[sentence_of] - 1 - position
        indices = np.array(indices, dtype=np.intp)
        blocks = self._blocks[indices]
        scores = blocks[:, 0] + self._bias
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
            vector = self.vector(name)
            if vector.any():
                scores[near_edge] += vector  # tokens 0 and 1 (or the last two) see the edge once
        # Word pairs (i, i + 1) within a sentence: the right token's weights, then the left one's
        # (the order a token's sums were made in one at a time: what the pair before it gives,
        # then what the pair after it gives).
        left = self._word_left[indices[:-1]]
        right = self._word_right[indices[1:]]
        at = ((left >= 0) & (right >= 0) & (from_end[:-1] != 0)).nonzero()[0]
        if len(at):
            codes = left[at] * self._radix + right[at]
            for (table, weight_rows), shift in zip(self._pair_tables, (1, 0)):
                if not len(table):
                    continue
                k = np.minimum(table.searchsorted(codes), len(table) - 1)
                hit = table[k] == codes
                scores[at[hit] + shift] += self.matrix[weight_rows[k[hit]]]
        if extra is not None:
            scores += self._extra_scores([f for sentence in extra for f in sentence], n)
        return scores, sentence_of, position

    def _extra_scores(self, keys: Sequence[Hashable], n: int) -> np.ndarray:
        """Summed weights of each token's extra features, cached by the token's feature key."""
        if len(keys) != n:
            raise ValueError(f"extra features for {len(keys)} tokens, but the batch has {n}")
        rows = self._extra_rows
        missing = [k for k in dict.fromkeys(keys) if k not in rows]
        if missing:
            if self.extra_features is None:
                raise ValueError("this model was compiled without extra_features")
            vectors = [self.matrix[[self.attributes.get(f, 0) for f in self.extra_features(k)]].sum(axis=0)
                       for k in missing]
            first = len(self._extra)
            self._extra = np.concatenate([self._extra, np.array(vectors)])
            for i, k in enumerate(missing):
                rows[k] = first + i
        return self._extra[[rows[k] for k in keys]]

    def tag(self, words: Sequence[Word]) -> list[str]:
        return self.tag_batch([words])[0]

    def tag_batch(self, sentences: Sequence[Sequence[Word]],
                  extra: Optional[Sequence[Sequence[Hashable]]] = None) -> list[list[str]]:
        """Viterbi over many sentences at once: one numpy step per position, not per token."""
        order = _longest_first(sentences)
        if not order:
            return [[] for _ in sentences]
        ordered = [sentences[i] for i in order]
        flat, sentence_of, position = self._batch_emissions(ordered, None if extra is None else [extra[i] for i in order])
        if self.neural is not None:
            flat = self._add_neural(flat, [w for sentence in ordered for w in sentence], sentence_of)
        return self._decode(len(sentences), order, [len(s) for s in ordered], flat, sentence_of, position)

    def _add_neural(self, flat: np.ndarray, words: Sequence, sentence_of: np.ndarray) -> np.ndarray:
        log_probs = self.neural.log_probs_of_rows(self.neural.rows(words), sentence_of)
        return flat + self._neural_weight * log_probs[:, self._neural_columns]

    def tag_token_batch(self, sentences: Sequence[Sequence]) -> list[list[str]]:
        """tag_batch for sentences of objects with the Word fields as attributes (pipeline Tokens)."""
        order = _longest_first(sentences)
        if not order:
            return [[] for _ in sentences]
        lengths = [len(sentences[i]) for i in order]
        tokens = [token for i in order for token in sentences[i]]
        flat, sentence_of, position = self._emissions_of_rows(lengths, self._token_rows(tokens))
        if self.neural is not None:
            flat = self._add_neural(flat, [Word(t.norm, t.stem, t.proclitics) for t in tokens], sentence_of)
        return self._decode(len(sentences), order, lengths, flat, sentence_of, position)

    def _decode(self, total: int, order: list[int], lengths: list[int], flat: np.ndarray,
                sentence_of: np.ndarray, position: np.ndarray) -> list[list[str]]:
        """Tags of ``total`` sentences from the emission scores of the non-empty ones (``order``:
        their indices, longest first; ``lengths``: theirs)."""
        results: list[list[str]] = [[] for _ in range(total)]
        size = len(self.labels)
        count, longest = len(order), lengths[0]
        # Forward pass: best[t, j, s], the best score of sentence s's paths that end in label j at
        # position t (position-major, sentence innermost, so each step is three whole-array
        # operations over all the sentences, on views made once: a sentence already ended only
        # adds numbers no one reads). Back-pointers are not kept: the backward pass works out the
        # one it needs from best[t - 1] (the same sums, so the same choice).
        best = np.zeros((longest, size, count))
        best[position, :, sentence_of] = flat
        add = np.add
        if longest > 1:
            previous = list(best.reshape(longest, size, 1, count))  # best[t - 1, k, None, s]
            here = list(best)
            candidates = np.empty((size, size, count))  # [previous label, label, sentence]
            step_best = np.empty((size, count))
            transitions, reduce_max = self.transitions[:, :, None], np.maximum.reduce
            for t in range(1, longest):
                add(previous[t - 1], transitions, out=candidates)
                reduce_max(candidates, axis=0, out=step_best)
                add(here[t], step_best, out=here[t])  # the emission scores, plus the best way in
        # Backward: each sentence's best last label, then for each earlier position the label
        # whose path into the next position's label scores best (the first of equals, as argmax).
        lengths_array = np.array(lengths)
        path = np.zeros((longest, count), dtype=np.intp)
        path[lengths_array - 1, np.arange(count)] = best[lengths_array - 1, :, np.arange(count)].argmax(axis=1)
        if longest > 1:
            into = np.ascontiguousarray(self.transitions.T)  # into[j]: from each label to label j
            # the sentences (sorted longest first) longer than t are the first longer[t]
            longer = (-lengths_array).searchsorted(-np.arange(longest)).tolist()
            best_by_sentence = list(best.transpose(0, 2, 1))  # best[t, s, k]
            paths = list(path)
            scores = np.empty((count, size))
            # (the array methods, not np.take/np.argmax: those add a Python-level dispatch per call)
            take, argmax = into.take, scores.argmax
            for t in range(longest - 1, 0, -1):
                take(paths[t], axis=0, out=scores, mode="clip")  # (valid rows: clip only skips a check)
                add(best_by_sentence[t - 1], scores, out=scores)
                running = longer[t]  # the others end at t - 1 or before: their label there is set
                if running == longer[t - 1]:
                    argmax(axis=1, out=paths[t - 1])
                else:
                    scores[:running].argmax(axis=1, out=paths[t - 1][:running])
        labels = self._label_array
        for row, i in enumerate(order):
            results[i] = labels[path[:lengths[row], row]].tolist()
        return results


def _longest_first(sentences: Sequence[Sequence]) -> list[int]:
    """Indices of the non-empty sentences, longest first (ties in text order)."""
    return sorted((i for i in range(len(sentences)) if sentences[i]), key=lambda i: -len(sentences[i]))
