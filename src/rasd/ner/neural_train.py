"""Training of the neural window tagger (``rasd.ner.neural``), in numpy: build time only.

Written out by hand (forward, backward, Adam) so that training needs nothing beyond numpy and is
deterministic given its seed: the model is small (a feature-embedding table, one hidden layer over
a window of seven words, a softmax), and a few epochs over ANERcorp take a few minutes of CPU.
``forward`` is the same computation the runtime does (``neural.word_inputs``/``hidden_inputs``),
so the exported weights tag as they were trained (tested).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from .neural import OFFSETS, hidden_inputs, log_softmax, word_inputs

WORD_FEATURE = "<word>"  # row 0: every word has it


@dataclass
class NeuralParams:
    embedding: int = 64  # feature-embedding width
    hidden: int = 128
    epochs: int = 6
    batch: int = 256
    rate: float = 2e-3
    dropout: float = 0.3  # on the hidden layer
    vector_dropout: float = 0.25  # a training word loses its e5 vector this often (new text's names often lack one)
    min_count: int = 2  # features seen on fewer training tokens get no embedding
    l2: float = 1e-6
    seed: int = 13


@dataclass
class Prepared:
    words: list  # distinct words (Word tuples)
    features: list[str]  # feature vocabulary, row order
    runs: np.ndarray  # concatenated feature rows of every word
    run_starts: np.ndarray  # word j's rows: runs[run_starts[j]:run_starts[j + 1]]
    vectors: np.ndarray  # (words, dims) e5 vectors (zeros: none)
    window: np.ndarray  # (tokens, K) word index of each token's window, -1 outside its sentence
    labels: np.ndarray  # (tokens,) label index
    label_names: list[str]


def prepare(sentences: Sequence[Sequence], tags: Sequence[Sequence[str]], own_features: Callable,
            vector_of: Callable, label_names: Sequence[str], min_count: int,
            features: Sequence[str] | None = None) -> Prepared:
    """Index the words of tagged sentences (``sentences``: Word tuples) and their features.
    ``features``: a fixed vocabulary (for scoring data with a trained model's features)."""
    index: dict = {}
    token_words: list[int] = []
    sentence_of: list[int] = []
    for s, sentence in enumerate(sentences):
        for word in sentence:
            token_words.append(index.setdefault(word, len(index)))
            sentence_of.append(s)
    words = list(index)
    own = [own_features(w) for w in words]
    if features is None:
        counts = Counter()
        per_word = Counter(token_words)
        for j, feats in enumerate(own):
            for f in set(feats):
                counts[f] += per_word[j]
        features = [WORD_FEATURE] + sorted(f for f, c in counts.items() if c >= min_count)
    feature_ids = {f: i for i, f in enumerate(features)}
    runs: list[int] = []
    starts: list[int] = []
    for feats in own:
        starts.append(len(runs))
        runs.append(0)
        runs.extend(i for f in feats if (i := feature_ids.get(f)) is not None)
    starts.append(len(runs))
    vectors = np.array([vector_of(w) for w in words], dtype=np.float32)
    token_words_a = np.array(token_words, dtype=np.intp)
    sentence_a = np.array(sentence_of, dtype=np.intp)
    n = len(token_words_a)
    window = np.full((n, len(OFFSETS)), -1, dtype=np.intp)
    for column, offset in enumerate(OFFSETS):
        source = np.arange(n) + offset
        ok = (source >= 0) & (source < n)
        ok[ok] &= sentence_a[source[ok]] == sentence_a[ok]
        window[ok, column] = token_words_a[source[ok]]
    label_ids = {label: i for i, label in enumerate(label_names)}
    labels = np.array([label_ids.get(t, 0) for sentence in tags for t in sentence], dtype=np.intp)
    return Prepared(words, list(features), np.array(runs, dtype=np.intp), np.array(starts, dtype=np.intp),
                    vectors, window, labels, list(label_names))


def init_weights(features: int, dims: int, params: NeuralParams, labels: int, rng: np.random.Generator) -> dict:
    d = params.embedding + dims + 1
    h = params.hidden
    return {
        "feature_table": (rng.standard_normal((features, params.embedding)) * 0.05).astype(np.float32),
        "U": (rng.standard_normal((len(OFFSETS), d, h)) * np.sqrt(2.0 / (d * len(OFFSETS)))).astype(np.float32),
        "pads": np.zeros((len(OFFSETS), h), dtype=np.float32),
        "b1": np.zeros(h, dtype=np.float32),
        "W2": (rng.standard_normal((h, labels)) * np.sqrt(1.0 / h)).astype(np.float32),
        "b2": np.zeros(labels, dtype=np.float32),
    }


def _batch_words(data: Prepared, window: np.ndarray):
    """The distinct words of a batch's windows, each slot's index among them, and their feature runs."""
    present = window >= 0
    uniq, inverse = np.unique(window[present], return_inverse=True)
    slots = np.full(window.shape, -1, dtype=np.intp)
    slots[present] = inverse
    lengths = data.run_starts[uniq + 1] - data.run_starts[uniq]
    starts = np.concatenate([[0], lengths.cumsum()[:-1]]).astype(np.intp)
    rows = data.runs[np.repeat(data.run_starts[uniq] - starts, lengths) + np.arange(lengths.sum())]
    return uniq, slots, rows, starts, lengths


def forward(weights: dict, data: Prepared, tokens: np.ndarray, dropped: np.ndarray | None = None):
    """Hidden layer of some tokens, and what backward needs (``dropped``: words whose e5 vector is
    zeroed for this batch). The same sums as the runtime's cached per-word blocks
    (``neural.NeuralTagger``), done here as one product of each token's concatenated window."""
    window = data.window[tokens]
    uniq, slots, rows, starts, lengths = _batch_words(data, window)
    v = data.vectors[uniq]
    if dropped is not None:
        v = np.where(dropped[uniq][:, None], 0, v)
    u = word_inputs(rows, starts, v, weights["feature_table"])
    inside = slots >= 0
    x = u[np.where(inside, slots, 0)] * inside[:, :, None]  # (tokens, K, D)
    k, d, h = weights["U"].shape
    z = x.reshape(len(tokens), k * d) @ weights["U"].reshape(k * d, h)
    z += (~inside).astype(z.dtype) @ weights["pads"] + weights["b1"]
    return z, np.maximum(z, 0), (uniq, slots, inside, x, rows, starts, lengths)


def _scatter_rows(index: np.ndarray, values: np.ndarray, size: int) -> np.ndarray:
    """out[i] = sum of values[j] where index[j] == i (np.add.at, done by sorting: much faster)."""
    order = np.argsort(index, kind="stable")
    index = index[order]
    firsts = np.concatenate([[0], (index[1:] != index[:-1]).nonzero()[0] + 1])
    out = np.zeros((size,) + values.shape[1:], dtype=values.dtype)
    if len(index):
        out[index[firsts]] = np.add.reduceat(values[order], firsts, axis=0)
    return out


def train(data: Prepared, params: NeuralParams, log: Callable[[str], None] = print) -> dict:
    rng = np.random.default_rng(params.seed)
    weights = init_weights(len(data.features), data.vectors.shape[1], params, len(data.label_names), rng)
    moments = {k: (np.zeros_like(w), np.zeros_like(w)) for k, w in weights.items()}
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    n = len(data.labels)
    steps = params.epochs * ((n + params.batch - 1) // params.batch)
    step = 0
    for epoch in range(params.epochs):
        order = rng.permutation(n)
        total = 0.0
        for first in range(0, n, params.batch):
            tokens = order[first:first + params.batch]
            # word-level vector dropout: the batch sees some words as if the e5 table lacked them
            dropped = rng.random(len(data.words)) < params.vector_dropout
            keep = (rng.random((len(tokens), params.hidden)) >= params.dropout).astype(np.float32) / (1 - params.dropout)
            loss, grads = loss_and_grads(weights, data, tokens, dropped if params.vector_dropout else None, keep)
            total += loss
            step += 1
            rate = params.rate * (1 - step / (steps + 1))
            for key, w in weights.items():
                if key == "feature_table":  # sparse: only the rows this batch's words use (lazy Adam)
                    touched = grads.pop("touched")
                    g = grads[key]
                    m, v = moments[key]
                    m[touched] = beta1 * m[touched] + (1 - beta1) * g
                    v[touched] = beta2 * v[touched] + (1 - beta2) * g * g
                    update = rate * (m[touched] / (1 - beta1 ** step)) / (np.sqrt(v[touched] / (1 - beta2 ** step)) + eps)
                    w[touched] -= update.astype(np.float32)
                    continue
                g = grads[key] + params.l2 * w
                m, v = moments[key]
                m *= beta1
                m += (1 - beta1) * g
                v *= beta2
                v += (1 - beta2) * g * g
                m_hat = m / (1 - beta1 ** step)
                v_hat = v / (1 - beta2 ** step)
                w -= (rate * m_hat / (np.sqrt(v_hat) + eps)).astype(np.float32)
        log(f"epoch {epoch + 1}: loss {total / n:.4f}")
    return weights



def loss_and_grads(weights: dict, data: Prepared, tokens: np.ndarray, dropped: np.ndarray | None,
                   keep: np.ndarray) -> tuple[float, dict]:
    """Summed cross-entropy of some tokens and the gradients of its mean (``keep``: the dropout mask,
    already scaled). The feature table's gradient comes as its rows ``grads["touched"]`` only."""
    z, h, (uniq, slots, inside, x, rows, starts, lengths) = forward(weights, data, tokens, dropped)
    hd = h * keep
    logp = log_softmax(hd @ weights["W2"] + weights["b2"])
    y = data.labels[tokens]
    loss = float(-logp[np.arange(len(tokens)), y].sum())
    d_out = np.exp(logp)
    d_out[np.arange(len(tokens)), y] -= 1
    d_out /= len(tokens)
    grads = {"W2": hd.T @ d_out, "b2": d_out.sum(axis=0)}
    dz = (d_out @ weights["W2"].T) * keep * (z > 0)
    grads["b1"] = dz.sum(axis=0)
    grads["pads"] = (~inside).astype(dz.dtype).T @ dz
    k, d, hidden = weights["U"].shape
    n = len(tokens)
    grads["U"] = (x.reshape(n, k * d).T @ dz).reshape(k, d, hidden)
    dx = (dz @ weights["U"].reshape(k * d, hidden).T).reshape(n, k, d)
    du = _scatter_rows(slots[inside], dx[inside], len(uniq))
    width = weights["feature_table"].shape[1]
    touched, at = np.unique(rows, return_inverse=True)
    grads["feature_table"] = _scatter_rows(at, np.repeat(du[:, :width], lengths, axis=0), len(touched))
    grads["touched"] = touched
    return loss, grads


def predict(weights: dict, data: Prepared) -> np.ndarray:
    """(tokens, labels) log-probabilities of all of ``data``'s tokens (no dropout)."""
    out = []
    for first in range(0, len(data.labels), 4096):
        tokens = np.arange(first, min(first + 4096, len(data.labels)))
        _, h, _ = forward(weights, data, tokens)
        out.append(log_softmax(h @ weights["W2"] + weights["b2"]))
    return np.concatenate(out)


def export(weights: dict, data: Prepared, vector_words: Sequence[str], vectors: np.ndarray, out: Path,
           weight: float = 1.0) -> None:
    """Write what ``neural.NeuralTagger`` loads (float16 for the big tables); ``weight``: of its
    log-probabilities beside the CRF's scores."""
    out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        out, labels=np.array(data.label_names), features=np.array(data.features),
        feature_table=weights["feature_table"].astype(np.float16),
        vector_words=np.array(list(vector_words)), vectors=vectors.astype(np.float16),
        U=weights["U"], pads=weights["pads"], b1=weights["b1"], W2=weights["W2"], b2=weights["b2"],
        weight=np.float32(weight))
