"""The neural window tagger: numpy runtime = training-time forward pass, deterministic training,
shapes, and the CRF + net product of experts (rasd.ner.neural, rasd.ner.neural_train)."""
from types import SimpleNamespace

import numpy as np
import pytest

from rasd.ner.features import Word
from rasd.ner.model import shipped_models_dir
from rasd.ner.neural import NEURAL_NAME, NeuralTagger
from rasd.ner.neural_train import NeuralParams, export, loss_and_grads, init_weights, predict, prepare, train

LABELS = ("O", "B-PERS", "I-PERS", "B-LOC", "I-LOC")
PARAMS = NeuralParams(embedding=6, hidden=8, epochs=3, batch=16, min_count=1)


def _own(word):
    return [f"w={word.norm}", f"suf={word.norm[-1:]}", f"len={len(word.norm)}"]


def _data(seed=3):
    rng = np.random.default_rng(seed)
    vocab = [Word(f"كلمة{i}", f"كلمة{i}", ()) for i in range(30)]
    sentences = [[vocab[j] for j in rng.integers(0, 30, size=rng.integers(1, 12))] for _ in range(25)]
    tags = [[LABELS[j] for j in rng.integers(0, len(LABELS), size=len(s))] for s in sentences]
    vectors = {w.norm: rng.standard_normal(4).astype(np.float32) for w in vocab[:20]}  # a third have none
    return sentences, tags, vectors


def _vector_of(vectors):
    return lambda w: vectors.get(w.norm, np.zeros(4, dtype=np.float32))


def _trained(tmp_path):
    sentences, tags, vectors = _data()
    data = prepare(sentences, tags, _own, _vector_of(vectors), LABELS, PARAMS.min_count)
    weights = train(data, PARAMS, log=lambda _: None)
    weights["feature_table"] = weights["feature_table"].astype(np.float16).astype(np.float32)
    words = sorted(vectors)
    table = np.array([vectors[w] for w in words]).astype(np.float16).astype(np.float32)
    data.vectors = np.array([_vector_of(dict(zip(words, table)))(w) for w in data.words], dtype=np.float32)
    path = tmp_path / NEURAL_NAME
    export(weights, data, words, table, path)
    return sentences, data, weights, path


def test_runtime_equals_training_forward_pass(tmp_path):
    sentences, data, weights, path = _trained(tmp_path)
    expected = predict(weights, data)
    tagger = NeuralTagger(path, _own)
    got = tagger.log_probs(sentences)
    assert got.shape == (sum(map(len, sentences)), len(LABELS))
    np.testing.assert_allclose(np.exp(got).sum(axis=1), 1, rtol=1e-5)
    np.testing.assert_allclose(got, expected, atol=1e-4)
    # cached words give the same answer a second time, one sentence at a time too
    again = np.concatenate([tagger.log_probs([s]) for s in sentences])
    np.testing.assert_allclose(again, expected, atol=1e-4)


def test_training_is_deterministic(tmp_path):
    sentences, tags, vectors = _data()
    runs = []
    for _ in range(2):
        data = prepare(sentences, tags, _own, _vector_of(vectors), LABELS, PARAMS.min_count)
        runs.append(train(data, PARAMS, log=lambda _: None))
    for key in runs[0]:
        assert np.array_equal(runs[0][key], runs[1][key]), key


def test_gradients_match_finite_differences():
    sentences, tags, vectors = _data(5)
    data = prepare(sentences[:6], tags[:6], _own, _vector_of(vectors), LABELS, 1)
    data.vectors = data.vectors.astype(np.float64)
    rng = np.random.default_rng(0)
    weights = {k: v.astype(np.float64) for k, v in init_weights(len(data.features), 4, PARAMS, len(LABELS), rng).items()}
    weights["pads"] += rng.standard_normal(weights["pads"].shape) * 0.1
    tokens = np.arange(len(data.labels))
    keep = np.ones((len(tokens), PARAMS.hidden))
    _, grads = loss_and_grads(weights, data, tokens, None, keep)
    table = np.zeros_like(weights["feature_table"])
    table[grads.pop("touched")] = grads["feature_table"]
    grads["feature_table"] = table
    for key in ("feature_table", "U", "pads", "W2"):
        w = weights[key].reshape(-1)
        for i in rng.choice(len(w), size=min(len(w), 12), replace=False):
            old = w[i]
            w[i] = old + 1e-6
            up, _ = loss_and_grads(weights, data, tokens, None, keep)
            w[i] = old - 1e-6
            down, _ = loss_and_grads(weights, data, tokens, None, keep)
            w[i] = old
            assert (up - down) / 2e-6 / len(tokens) == pytest.approx(grads[key].reshape(-1)[i], abs=1e-7)


def test_net_beside_the_crf_adds_its_weighted_log_probabilities(tmp_path):
    """A net in the CRF's folder is attached (NerModel); its weighted log-probabilities are added to
    the CRF's scores, so weight 0 tags exactly as the CRF alone."""
    import shutil

    from rasd.ner.features import word_of
    from rasd.ner.model import MODEL_NAME, NerModel
    from rasd.ner.resources import COMPANIONS

    for name in (MODEL_NAME,) + COMPANIONS:
        if (shipped_models_dir() / name).is_file():
            shutil.copyfile(shipped_models_dir() / name, tmp_path / name)
    plain_model = NerModel(tmp_path / MODEL_NAME)
    assert plain_model._crf.neural is None
    text = "وقال وزير الخارجية الأمريكي جون كيري في واشنطن إن الرئيس باراك أوباما سيزور بغداد".split()
    words = [word_of(t) for t in text]
    labels = plain_model._crf.labels
    tags = plain_model.tag_words(words)
    data = prepare([words], [tags], lambda w: plain_model.featurizer.word_parts(w)[0],
                   lambda w: np.zeros(3, dtype=np.float32), labels, 1)
    weights = train(data, NeuralParams(embedding=4, hidden=6, epochs=2, batch=8, min_count=1), log=lambda _: None)
    weights["feature_table"] = weights["feature_table"].astype(np.float16).astype(np.float32)
    for weight in (0.0, 0.7):
        export(weights, data, [], np.zeros((0, 3)), tmp_path / NEURAL_NAME, weight)
        model = NerModel(tmp_path / MODEL_NAME)
        crf = model._crf
        assert crf.neural is not None and crf._neural_weight == pytest.approx(weight)
        plain, sentence_of, _ = crf._batch_emissions([words])
        log_probs = crf.neural.log_probs([words])
        np.testing.assert_allclose(log_probs, predict(weights, data), atol=1e-4)  # the net's labels: the CRF's order
        assert log_probs.shape == (len(words), len(labels))
        both = crf._add_neural(plain, words, sentence_of)
        np.testing.assert_allclose(both - plain, weight * log_probs[:, crf._neural_columns], atol=1e-5)
        if weight == 0.0:
            assert model.tag_words(words) == tags
            tokens = [SimpleNamespace(norm=w.norm, stem=w.stem, proclitics=w.proclitics) for w in words]
            assert model.tag_sentences([tokens]) == [tags]
