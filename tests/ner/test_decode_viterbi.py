"""The batched numpy Viterbi (CompiledCrf._decode) gives what a plain one-sentence-at-a-time
Viterbi spelled in Python gives, ties included (the first label of equal scores, as argmax)."""
from __future__ import annotations

import numpy as np
from hypothesis import given, settings as hsettings, strategies as st

from rasd.ner.decode import CompiledCrf, _longest_first

LABELS = ["O", "B-PERS", "I-PERS", "B-LOC", "I-LOC"]


def _plain_viterbi(emissions: list[list[float]], transitions: list[list[float]]) -> list[int]:
    size = len(transitions)
    best = [list(emissions[0])]
    for t in range(1, len(emissions)):
        best.append([emissions[t][j] + max(best[t - 1][k] + transitions[k][j] for k in range(size))
                     for j in range(size)])
    last = best[-1]
    path = [last.index(max(last))]
    for t in range(len(emissions) - 1, 0, -1):
        into = [best[t - 1][k] + transitions[k][path[0]] for k in range(size)]
        path.insert(0, into.index(max(into)))
    return path


def _crf(transitions: np.ndarray) -> CompiledCrf:
    crf = CompiledCrf.__new__(CompiledCrf)
    crf.labels = LABELS
    crf._label_array = np.array(LABELS, dtype=object)
    crf.transitions = transitions
    return crf


# small whole numbers: many exact ties between paths
_SCORE = st.integers(-3, 3).map(float)


@hsettings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 9), max_size=7), st.lists(_SCORE, min_size=25, max_size=25), st.data())
def test_batched_viterbi_equals_plain_viterbi(lengths, transition_values, data):
    size = len(LABELS)
    transitions = np.array(transition_values).reshape(size, size)
    sentences = [data.draw(st.lists(st.lists(_SCORE, min_size=size, max_size=size), min_size=n, max_size=n))
                 for n in lengths]
    order = _longest_first(sentences)
    expected = [[LABELS[j] for j in _plain_viterbi(s, transitions.tolist())] if s else [] for s in sentences]
    if not order:
        assert all(not s for s in sentences)
        return
    ordered = [sentences[i] for i in order]
    flat = np.array([row for s in ordered for row in s])
    sentence_of = np.repeat(np.arange(len(ordered)), [len(s) for s in ordered])
    position = np.concatenate([np.arange(len(s)) for s in ordered])
    got = _crf(transitions)._decode(len(sentences), order, [len(s) for s in ordered], flat, sentence_of, position)
    assert got == expected
