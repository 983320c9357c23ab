"""The numpy decoder gives exactly crfsuite's own tags, on real held-out sentences."""
from pathlib import Path

import pycrfsuite
import pytest

from rasd.ner.corpus import heldout_split, read_corpus
from rasd.ner.features import word_of
from rasd.ner.model import default_model, shipped_model_path

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "anercorp" / "train.txt"


@pytest.mark.skipif(not CORPUS.is_file(), reason=f"{CORPUS} not present")
def test_compiled_decoder_matches_crfsuite():
    model = default_model()
    tagger = pycrfsuite.Tagger()
    tagger.open(str(shipped_model_path()))
    _, heldout = heldout_split(read_corpus(CORPUS))
    compared = 0
    for sentence in heldout[:150] + [s for s in heldout if len(s.tokens) <= 2][:20]:
        words = [word_of(t) for t in sentence.tokens]
        assert model.tag_words(words) == tagger.tag(model.featurizer.sentence(words)), sentence.tokens
        compared += 1
    assert compared >= 150


@pytest.mark.skipif(not CORPUS.is_file(), reason=f"{CORPUS} not present")
def test_batch_tagging_equals_one_sentence_at_a_time():
    model = default_model()
    _, heldout = heldout_split(read_corpus(CORPUS))
    batch = [[word_of(t) for t in s.tokens] for s in heldout[:80]] + [[]]
    assert model._crf.tag_batch(batch) == [model.tag_words(words) for words in batch]
