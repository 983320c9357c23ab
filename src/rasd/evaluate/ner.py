"""NER scoring as ANNOTATION.md defines it: exact-span, exact-type micro F1 over whole entities.

Entities come from the BIO tags with CoNLL's chunking rules (``rasd.ner.bio``); a predicted
entity counts only when its first token, last token and type all equal a gold entity's.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Optional, Sequence

from ..ner.bio import ENTITY_TYPES, chunks

if TYPE_CHECKING:
    from ..ner.corpus import TaggedSentence
    from ..ner.model import NerModel


@dataclass
class TypeScores:
    precision: float
    recall: float
    f1: float
    gold: int  # entities in the gold tags
    predicted: int  # entities in the predicted tags
    correct: int  # predicted entities equal to a gold one


@dataclass
class NerScores:
    precision: float
    recall: float
    f1: float
    gold: int
    predicted: int
    correct: int
    per_type: dict[str, TypeScores] = field(default_factory=dict)
    tokens: int = 0

    def to_dict(self) -> dict:
        return {
            "precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
            "gold": self.gold, "predicted": self.predicted, "correct": self.correct, "tokens": self.tokens,
            "per_type": {t: {"precision": round(s.precision, 4), "recall": round(s.recall, 4), "f1": round(s.f1, 4),
                             "gold": s.gold, "predicted": s.predicted, "correct": s.correct}
                         for t, s in self.per_type.items()},
        }

    def report(self) -> str:
        """A small table: one line per type and the micro average."""
        lines = [f"{'type':<6} {'prec':>6} {'rec':>6} {'f1':>6} {'gold':>6} {'pred':>6}"]
        for t, s in self.per_type.items():
            lines.append(f"{t:<6} {s.precision:6.4f} {s.recall:6.4f} {s.f1:6.4f} {s.gold:6d} {s.predicted:6d}")
        lines.append(f"{'micro':<6} {self.precision:6.4f} {self.recall:6.4f} {self.f1:6.4f} {self.gold:6d} {self.predicted:6d}")
        return "\n".join(lines)


def _prf(correct: int, predicted: int, gold: int) -> tuple[float, float, float]:
    p = correct / predicted if predicted else 0.0
    r = correct / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score_ner(gold_tags: Sequence[str], predicted_tags: Sequence[str]) -> NerScores:
    """Micro precision, recall and F1 of predicted against gold BIO tags (one tag per token)."""
    if len(gold_tags) != len(predicted_tags):
        raise ValueError(f"gold has {len(gold_tags)} tags but the prediction has {len(predicted_tags)}")
    gold = set(chunks(gold_tags))
    predicted = set(chunks(predicted_tags))
    correct = gold & predicted
    n_gold = Counter(c.type for c in gold)
    n_pred = Counter(c.type for c in predicted)
    n_correct = Counter(c.type for c in correct)
    types = list(ENTITY_TYPES) + sorted((set(n_gold) | set(n_pred)) - set(ENTITY_TYPES))
    per_type = {}
    for t in types:
        p, r, f = _prf(n_correct[t], n_pred[t], n_gold[t])
        per_type[t] = TypeScores(p, r, f, n_gold[t], n_pred[t], n_correct[t])
    p, r, f = _prf(len(correct), len(predicted), len(gold))
    return NerScores(p, r, f, len(gold), len(predicted), len(correct), per_type, len(gold_tags))


def evaluate_ner_file(path: Path, model: Optional["NerModel"] = None) -> NerScores:
    """Tag the tokens of a ``token TAG`` file with ``model`` (default: the shipped one) and score them."""
    from ..ner.corpus import read_corpus

    return score_sentences(read_corpus(Path(path)), model)


def score_sentences(sentences: Sequence["TaggedSentence"], model: Optional["NerModel"] = None) -> NerScores:
    """Tag the sentences with ``model`` (default: the shipped one), a document of about 400 tokens at a
    time (``rasd.ner.document.documents``), and score against their tags."""
    from ..ner.document import documents
    from ..ner.model import default_model

    model = model or default_model()
    gold: list[str] = []
    predicted: list[str] = []
    for document in documents(sentences):  # runs of sentences: the model's second pass reads a document
        gold.extend(tag for sentence in document for tag in sentence.tags)
        predicted.extend(tag for tags in model.tag_text_document([s.tokens for s in document]) for tag in tags)
    return score_ner(gold, predicted)
