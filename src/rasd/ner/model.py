"""A trained NER model: a CRF (python-crfsuite), optionally a document pass, and the data they consult.

The shipped model lives in ``rasd/data/models/``: ``ner.crfsuite`` (the CRF) with the gazetteer and
word clusters its features consult beside it (``resources``). A folder may also hold
``ner_doc.crfsuite``, a second pass that also sees the first pass's labels of the same word elsewhere
in the document (``document``; trained with ``rasd ner train --folds K``, not shipped).
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from operator import attrgetter
from pathlib import Path
from typing import Sequence

import pycrfsuite

from ..errors import RasdError
from ..model import Token
from .decode import CompiledCrf
from .document import DocumentVotes, token_features
from .features import Featurizer, Word, word_of
from .neural import NEURAL_NAME, NeuralTagger
from .resources import make_featurizer

_WORD_OF_TOKEN = attrgetter("norm", "stem", "proclitics")  # a Token as a Word tuple
MODEL_NAME = "ner.crfsuite"
DOC_MODEL_NAME = "ner_doc.crfsuite"


class ModelNotFound(RasdError):
    """The NER model file is missing."""


def shipped_models_dir() -> Path:
    return Path(str(resources.files("rasd") / "data" / "models"))


def shipped_model_path() -> Path:
    return shipped_models_dir() / MODEL_NAME


class NerModel:
    """Tags token sequences with BIO tags (B-PERS, I-LOC, O ...)."""

    def __init__(self, path: Path):
        path = Path(path)
        if not path.is_file():
            raise ModelNotFound(f"{path}: no NER model here; train one with `rasd ner train`")
        self.path = path
        self.featurizer = make_featurizer(path.parent)
        self._crf = _compile(path, self.featurizer)
        neural_path = path.parent / NEURAL_NAME
        if neural_path.is_file():
            featurizer = self.featurizer
            net = NeuralTagger(neural_path, lambda word: featurizer.word_parts(Word._make(word), cache=False)[0])
            self._crf.attach_neural(net, net.weight)
        doc_path = path.parent / DOC_MODEL_NAME
        self._doc_crf = _compile(doc_path, self.featurizer, token_features) if doc_path.is_file() else None

    def tag_document(self, sentences: Sequence[Sequence[Word]]) -> list[list[str]]:
        """Tags for all sentences of one document (an article): the second pass sees them all."""
        tags = self._crf.tag_batch(sentences)
        if self._doc_crf is None:
            return tag_repeated_surnames(sentences, tags)
        # Only sentences where the document disagrees with the first pass are tagged again: the
        # others keep their first-pass tags (as good on development data, and half the work).
        votes = DocumentVotes(sentences, tags)
        again = [i for i in range(len(sentences)) if votes.disagrees(i)]
        if again:
            retagged = self._doc_crf.tag_batch([sentences[i] for i in again], [votes.keys(i) for i in again])
            for i, new in zip(again, retagged):
                tags[i] = new
        return tags

    def tag_words(self, words: Sequence[Word]) -> list[str]:
        """Tags for one sentence, as a document of its own."""
        if not words:
            return []
        return self.tag_document([words])[0]

    def tag_sentences(self, sentences: Sequence[Sequence[Token]]) -> list[list[str]]:
        """Tags for the sentences of one pipeline article (a document) at once."""
        if self._doc_crf is None:  # the tokens themselves: their rows found by norm
            return tag_repeated_surnames(sentences, self._crf.tag_token_batch(sentences))
        # Plain tuples equal (and hash like) Word tuples, and are cheaper to build (in C).
        return self.tag_document([list(map(_WORD_OF_TOKEN, s)) for s in sentences])

    def tag_tokens(self, tokens: Sequence[Token]) -> list[str]:
        """Tags for the tokens of one pipeline sentence (uses their norm, stem and proclitics)."""
        return self.tag_words([Word(t.norm, t.stem, t.proclitics) for t in tokens])

    def tag_texts(self, tokens: Sequence[str]) -> list[str]:
        """Tags for raw token strings (one sentence), analysed like the pipeline analyses them."""
        return self.tag_words([word_of(t) for t in tokens])

    def tag_text_document(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """Tags for the raw token strings of a document's sentences."""
        return self.tag_document([[word_of(t) for t in tokens] for tokens in sentences])


def tag_repeated_surnames(sentences: Sequence[Sequence], tags: list[list[str]]) -> list[list[str]]:
    """A person named in full once in a document is often named again by the last word of the
    name alone (وزير الخارجية وليد المعلم ... وقال المعلم; الشاب محمد مناصرة ... الشهيد مناصرة): a word
    left outside every entity whose stem is the last word of a tagged person name of two words or
    more in the same document becomes a one-word person, unless a neighbour is inside an entity
    (the model placed it in, or next to, another name). The CRF sees one sentence at a time and
    misses such repetitions where the word is also an ordinary one (المعلم 'the teacher')."""
    surnames = set()
    for words, sentence_tags in zip(sentences, tags):
        for i, tag in enumerate(sentence_tags):
            if tag == "I-PERS" and (i + 1 == len(sentence_tags) or sentence_tags[i + 1] != "I-PERS"):
                stem = words[i].stem
                if len(stem) >= 3:
                    surnames.add(stem)
    if not surnames:
        return tags
    for words, sentence_tags in zip(sentences, tags):
        n = len(sentence_tags)
        for i, tag in enumerate(sentence_tags):
            if (tag == "O" and words[i].stem in surnames
                    and (i == 0 or sentence_tags[i - 1] == "O")
                    and (i + 1 == n or sentence_tags[i + 1] == "O")):
                sentence_tags[i] = "B-PERS"
    return tags


def _compile(path: Path, featurizer: Featurizer, extra_features=None) -> CompiledCrf:
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    crf = CompiledCrf(tagger, featurizer, extra_features)
    tagger.close()
    return crf


@lru_cache(maxsize=1)  # rasd.pipeline.release_loaded empties it like every cache
def default_model() -> NerModel:
    """The model shipped in the package, loaded once."""
    return NerModel(shipped_model_path())
