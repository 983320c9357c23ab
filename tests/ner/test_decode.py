"""The numpy decoder gives exactly crfsuite's own tags, for both passes, on real held-out documents."""
from pathlib import Path

import pycrfsuite
import pytest

from rasd.ner.corpus import heldout_split, read_corpus
from rasd.ner.document import DocumentVotes, documents
from rasd.ner.features import word_of
from rasd.ner.model import DOC_MODEL_NAME, default_model, shipped_model_path

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "anercorp" / "train.txt"
needs_corpus = pytest.mark.skipif(not CORPUS.is_file(), reason=f"{CORPUS} not present")


def _tagger(path):
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return tagger


@needs_corpus
def test_compiled_decoder_matches_crfsuite_in_both_passes():
    model = default_model()
    first = _tagger(shipped_model_path())
    doc_path = shipped_model_path().parent / DOC_MODEL_NAME
    second = _tagger(doc_path) if doc_path.is_file() else None
    _, heldout = heldout_split(read_corpus(CORPUS))
    docs = documents(heldout)[:12] + [[s] for s in heldout if len(s.tokens) <= 2][:10]
    compared = 0
    for doc in docs:
        words = [[word_of(t) for t in s.tokens] for s in doc]
        tags = model._crf.tag_batch(words)
        for w, t in zip(words, tags):
            assert t == first.tag(model.featurizer.sentence(w))
        if second is not None:
            votes = DocumentVotes(words, tags)
            final = model._doc_crf.tag_batch(words, [votes.keys(i) for i in range(len(words))])
            for i, w in enumerate(words):
                assert final[i] == second.tag([a + b for a, b in zip(model.featurizer.sentence(w), votes.features(i))])
            # sentences where the document agrees with the first pass keep their first-pass tags
            expected = [final[i] if votes.disagrees(i) else tags[i] for i in range(len(words))]
            assert model.tag_document(words) == expected
        compared += len(doc)
    assert compared >= 150


@needs_corpus
def test_batch_tagging_equals_one_sentence_at_a_time():
    model = default_model()
    _, heldout = heldout_split(read_corpus(CORPUS))
    batch = [[word_of(t) for t in s.tokens] for s in heldout[:80]] + [[]]
    assert model._crf.tag_batch(batch) == [model._crf.tag(words) if words else [] for words in batch]


@needs_corpus
def test_token_batch_equals_word_batch_even_when_a_norm_is_analysed_differently():
    from types import SimpleNamespace

    model = default_model()
    _, heldout = heldout_split(read_corpus(CORPUS))
    batch = [[word_of(t) for t in s.tokens] for s in heldout[100:160]] + [[]]
    as_tokens = [[SimpleNamespace(norm=w.norm, stem=w.stem, proclitics=w.proclitics) for w in s] for s in batch]
    assert model._crf.tag_token_batch(as_tokens) == model._crf.tag_batch(batch)
    # the same norm with another analysis than the one remembered for it: its own row, not the norm's
    word = batch[0][0]
    other = type(word)(word.norm, word.norm + "x", ("و",))
    changed = [[other] + list(batch[0][1:])]
    tokens = [[SimpleNamespace(norm=w.norm, stem=w.stem, proclitics=w.proclitics) for w in changed[0]]]
    assert model._crf.tag_token_batch(tokens) == model._crf.tag_batch(changed)
    crf = model._crf
    assert crf._token_rows(tokens[0])[0] == crf._word_rows([other])[0] != crf._word_rows([word])[0]
