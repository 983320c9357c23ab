"""A trained NER model: a CRF (python-crfsuite) plus the gazetteer its features consult.

The shipped model lives in ``rasd/data/models/``: ``ner.crfsuite`` (the CRF) with the gazetteer
and word clusters its features consult beside it (see ``resources``).
"""
from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Optional, Sequence

import pycrfsuite

from ..errors import RasdError
from ..model import Token
from .decode import CompiledCrf
from .features import Featurizer, Word, word_of
from .resources import load_resources

MODEL_NAME = "ner.crfsuite"


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
        self.featurizer = Featurizer(*load_resources(path.parent))
        tagger = pycrfsuite.Tagger()
        tagger.open(str(path))
        self._crf = CompiledCrf(tagger, self.featurizer)
        tagger.close()

    def tag_words(self, words: Sequence[Word]) -> list[str]:
        if not words:
            return []
        return self._crf.tag(words)

    def tag_sentences(self, sentences: Sequence[Sequence[Token]]) -> list[list[str]]:
        """Tags for many pipeline sentences at once (faster than one call per sentence)."""
        # Plain tuples equal (and hash like) Word tuples, and are cheaper to build.
        return self._crf.tag_batch([[(t.norm, t.stem, t.proclitics) for t in s] for s in sentences])

    def tag_tokens(self, tokens: Sequence[Token]) -> list[str]:
        """Tags for the tokens of one pipeline sentence (uses their norm, stem and proclitics)."""
        return self.tag_words([Word(t.norm, t.stem, t.proclitics) for t in tokens])

    def tag_texts(self, tokens: Sequence[str]) -> list[str]:
        """Tags for raw token strings (one sentence), analysed like the pipeline analyses them."""
        return self.tag_words([word_of(t) for t in tokens])


_default: Optional[NerModel] = None


def default_model() -> NerModel:
    """The model shipped in the package, loaded once."""
    global _default
    if _default is None:
        _default = NerModel(shipped_model_path())
    return _default
