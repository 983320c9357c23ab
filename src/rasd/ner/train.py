"""Fit the CRF on ``token TAG`` sentences and write it, with its data files, to a folder.

Pass 1 (``ner.crfsuite``) tags from each word and its window. With ``folds`` > 1 a second pass
(``ner_doc.crfsuite``) is also trained: it adds the first pass's labels of the same word elsewhere in
the document (``rasd.ner.document``). Its training data must carry first-pass labels as wrong as they
will be on new text, so they come from first-pass models that did not see that part (``folds``
contiguous parts, each tagged by a model fitted on the others). The fits run in parallel processes.
"""
from __future__ import annotations

import multiprocessing
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Sequence

import pycrfsuite

from .corpus import TaggedSentence
from .decode import CompiledCrf
from .document import document_features, documents
from .features import Featurizer, Word, word_of
from .model import DOC_MODEL_NAME, shipped_models_dir
from .resources import copy_resources, make_featurizer


@dataclass
class TrainingParams:
    c1: float = 0.05  # L1 penalty: drops useless features, keeps the model small
    c2: float = 0.1  # L2 penalty (0.01: development tenth 0.704, 0.05: 0.716; with the e5 tables held-out 0.703 -> 0.709 at 0.1)
    max_iterations: int = 200
    min_feature_frequency: float = 1.0  # features seen fewer times are not used
    folds: int = 0  # >1: train the document pass on first-pass labels of this many parts (0: one pass only)
    workers: int = 2  # processes fitting models at once

    def crfsuite(self) -> dict:
        return {"c1": self.c1, "c2": self.c2, "max_iterations": self.max_iterations,
                "feature.minfreq": self.min_feature_frequency, "feature.possible_transitions": True}


@dataclass
class TrainingReport:
    model_path: Path
    sentences: int
    tokens: int
    seconds: float
    model_bytes: int
    params: TrainingParams = field(default_factory=TrainingParams)


def _fit(items: Sequence[tuple[list[list[str]], list[str]]], out: str, params: TrainingParams) -> str:
    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    trainer.set_params(params.crfsuite())
    for features, tags in items:
        trainer.append(features, tags)
    trainer.train(out)
    return out


def _fit_first_pass(docs: Sequence[Sequence[tuple[list[Word], list[str]]]], out: str,
                    resources_dir: str, params: TrainingParams) -> str:
    featurizer = make_featurizer(Path(resources_dir))
    return _fit([(featurizer.sentence(words), tags) for doc in docs for words, tags in doc], out, params)


def _first_pass_tags(model_path: str, featurizer: Featurizer,
                     docs: Sequence[Sequence[tuple[list[Word], list[str]]]]) -> list[list[list[str]]]:
    tagger = pycrfsuite.Tagger()
    tagger.open(model_path)
    crf = CompiledCrf(tagger, featurizer)
    tagger.close()
    return [crf.tag_batch([words for words, _ in doc]) for doc in docs]


def train_model(sentences: Sequence[TaggedSentence], out: Path, resources_dir: Optional[Path] = None,
                params: Optional[TrainingParams] = None) -> TrainingReport:
    """Train on ``sentences`` and write the CRF passes to ``out`` and ``ner_doc.crfsuite`` beside it.

    The gazetteer and clusters come from ``resources_dir`` (default: the shipped models folder)
    and are copied next to ``out``, so the model always finds the data it was trained with.
    """
    params = params or TrainingParams()
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    doc_out = out.parent / DOC_MODEL_NAME
    resources_dir = Path(resources_dir) if resources_dir else shipped_models_dir()
    started = time.perf_counter()
    docs = [[([word_of(t) for t in s.tokens], s.tags) for s in doc] for doc in documents(sentences)]
    tokens = sum(len(s.tokens) for s in sentences)
    folds = min(params.folds, len(docs)) if params.folds > 1 else 0
    parts = [docs[len(docs) * k // folds: len(docs) * (k + 1) // folds] for k in range(folds)]
    context = multiprocessing.get_context("fork")
    with tempfile.TemporaryDirectory() as tmp, \
            ProcessPoolExecutor(max(1, params.workers), mp_context=context) as pool:
        jobs = [pool.submit(_fit_first_pass, docs, str(out), str(resources_dir), params)]
        for k in range(folds):
            rest = [doc for j, part in enumerate(parts) if j != k for doc in part]
            jobs.append(pool.submit(_fit_first_pass, rest, f"{tmp}/fold{k}.crfsuite", str(resources_dir), params))
        paths = [job.result() for job in jobs]
        if folds:
            featurizer = make_featurizer(resources_dir)
            items = []
            for k, part in enumerate(parts):
                for doc, tags in zip(part, _first_pass_tags(paths[k + 1], featurizer, part)):
                    words = [w for w, _ in doc]
                    extra = document_features(words, tags)
                    for (w, gold), sentence_extra in zip(doc, extra):
                        own = featurizer.sentence(w)
                        items.append(([a + b for a, b in zip(own, sentence_extra)], gold))
            _fit(items, str(doc_out), params)
    if not folds and doc_out.exists():
        doc_out.unlink()  # a stale second pass would not match this first pass
    copy_resources(resources_dir, out.parent)
    size = out.stat().st_size + (doc_out.stat().st_size if doc_out.exists() else 0)
    return TrainingReport(out, len(sentences), tokens, time.perf_counter() - started, size, params)
