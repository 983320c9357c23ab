"""Evaluation gate: the shipped NER model must keep its pinned held-out score.

Re-scores the held-out last tenth of ANERcorp's training file (the shipped model was trained on
the other nine tenths) and fails when micro F1 drops more than 0.005 below eval/ner_baseline.json.
"""
import json
from pathlib import Path

import pytest

from rasd.evaluate.ner import evaluate_ner_file, score_sentences
from rasd.ner.corpus import heldout_split, read_corpus

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "data" / "anercorp" / "train.txt"
BASELINE = ROOT / "eval" / "ner_baseline.json"
TOLERANCE = 0.005

pytestmark = pytest.mark.skipif(not CORPUS.is_file(), reason=f"{CORPUS} not present")


def test_heldout_f1_does_not_drop():
    pinned = json.loads(BASELINE.read_text(encoding="utf-8"))["heldout"]
    _, heldout = heldout_split(read_corpus(CORPUS))
    scores = score_sentences(heldout)
    assert scores.tokens == pinned["tokens"], "the held-out tenth changed; re-pin eval/ner_baseline.json"
    assert scores.f1 >= pinned["f1"] - TOLERANCE, scores.report()
    for etype, pinned_type in pinned["per_type"].items():
        assert scores.per_type[etype].f1 >= pinned_type["f1"] - 0.02, (etype, scores.report())


def test_evaluate_file_scores_a_token_tag_file(tmp_path):
    # The tail of the corpus, written as its own file, scores like the held-out sentences do.
    _, heldout = heldout_split(read_corpus(CORPUS))
    sample = heldout[:60]
    path = tmp_path / "sample.txt"
    path.write_text("".join(f"{t} {g}\n" for s in sample for t, g in zip(s.tokens, s.tags)), encoding="utf-8")
    from_file = evaluate_ner_file(path)
    assert from_file.gold == score_sentences(sample).gold
    assert from_file.f1 == pytest.approx(score_sentences(sample).f1, abs=0.02)
