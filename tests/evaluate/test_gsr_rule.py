"""gsr-dev sentence detection (ANNOTATION.md section 3, docs/evaluation.md): a row is positive when
labelled ``yes`` (``ambiguous`` left out); rasd predicts positive when it codes an event of the type
that is asserted and not only a reference inside another statement."""
import csv

import pytest

from rasd.evaluate.runner import run_gsr, sentence_types
from rasd.pipeline import Pipeline

REPORT = "قتل 18 شخصا في انفجار سيارة مفخخة في بغداد امس."
CONDEMNED = "وأدان مجلس الأمن الهجوم الذي استهدف قافلة في بغداد امس."
PLANNED = "وقال إنه تلقى معلومات بتخطيط الحركة لاغتياله بعبوة ناسفة."


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline()


def test_sentence_types_counts_reports_only(pipeline):
    assert "ASSAULT" in sentence_types(pipeline, REPORT, "t1")
    condemned = sentence_types(pipeline, CONDEMNED, "t2")
    assert "ASSAULT" not in condemned and "ACCUSE" in condemned  # the condemnation is the report
    assert "ASSAULT" not in sentence_types(pipeline, PLANNED, "t3")


def test_run_gsr_scores_labels_as_annotation_says(pipeline, tmp_path):
    rows = [("a1", "yes", REPORT), ("a2", "easy no", CONDEMNED), ("a3", "difficult no", PLANNED),
            ("a4", "ambiguous", REPORT), ("a5", "easy no", REPORT)]
    for event_type in ("ASSAULT", "PROTEST"):
        with open(tmp_path / f"{event_type.lower()}_gsr.csv", "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(["id", "event_type", "label", "accept", "reject", "total", "text"])
            for rid, label, text in (rows if event_type == "ASSAULT" else []):
                w.writerow([rid, event_type, label, 0, 0, 0, text])
    scores = run_gsr(pipeline, tmp_path)
    a = scores["ASSAULT"]
    # a1 true positive, a5 a false positive (the label is the gold, whatever the text), a4 left out
    assert (a.tp, a.system, a.gold) == (1, 2, 1)
    assert scores["PROTEST"].system == 0
