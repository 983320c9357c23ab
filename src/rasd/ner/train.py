"""Fit the CRF on ``token TAG`` sentences and write it, with its companion data files, to a folder."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Sequence

import pycrfsuite

from .corpus import TaggedSentence
from .features import Featurizer, word_of
from .model import shipped_models_dir
from .resources import copy_resources, load_resources


@dataclass
class TrainingParams:
    c1: float = 0.05  # L1 penalty: drops useless features, keeps the model small
    c2: float = 0.01  # L2 penalty
    max_iterations: int = 200
    min_feature_frequency: float = 1.0  # features seen fewer times are not used

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


def train_model(sentences: Sequence[TaggedSentence], out: Path, resources_dir: Optional[Path] = None,
                params: Optional[TrainingParams] = None) -> TrainingReport:
    """Train on ``sentences`` and write the CRF to ``out``.

    The gazetteer and clusters come from ``resources_dir`` (default: the shipped models folder)
    and are copied next to ``out``, so the model always finds the data it was trained with.
    """
    params = params or TrainingParams()
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    resources_dir = Path(resources_dir) if resources_dir else shipped_models_dir()
    featurizer = Featurizer(*load_resources(resources_dir))
    started = time.perf_counter()
    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    trainer.set_params(params.crfsuite())
    tokens = 0
    for sentence in sentences:
        trainer.append(featurizer.sentence([word_of(t) for t in sentence.tokens]), sentence.tags)
        tokens += len(sentence.tokens)
    trainer.train(str(out))
    copy_resources(resources_dir, out.parent)
    return TrainingReport(out, len(sentences), tokens, time.perf_counter() - started, out.stat().st_size, params)
