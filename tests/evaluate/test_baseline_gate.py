"""The evaluation gate: no pinned figure in eval/baseline.json may drop (ANNOTATION.md scoring)."""
import json
from pathlib import Path

import pytest

from rasd.evaluate.runner import compare_with_baseline, events_report, gsr_report, run_gold, run_gsr
from rasd.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / ".." / "shared" / "data"
BASELINE = ROOT / "eval" / "baseline.json"


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline()


def test_gold_dev_events_do_not_drop(pipeline):
    report = events_report(run_gold(pipeline, DATA / "gold-dev"))
    assert not compare_with_baseline(report.figures, BASELINE), "\n".join(report.details)


def test_gsr_dev_detection_does_not_drop(pipeline):
    report = gsr_report(run_gsr(pipeline, DATA / "gsr-dev"))
    assert not compare_with_baseline(report.figures, BASELINE), "\n".join(report.details)


def test_gate_catches_a_drop(tmp_path):
    pinned = tmp_path / "baseline.json"
    pinned.write_text(json.dumps({"figures": {"gold_dev.typed_f1": 0.8, "gsr_dev.assault_f1": 0.5}}))
    assert compare_with_baseline({"gold_dev.typed_f1": 0.7, "gsr_dev.assault_f1": 0.6}, pinned) == [
        "gold_dev.typed_f1: 0.7000 < pinned 0.8000"]


def test_baseline_pins_every_headline_figure():
    figures = json.loads(BASELINE.read_text())["figures"]
    for name in ("gold_dev.typed_f1", "gold_dev.participants_f1", "gold_dev.location", "gold_dev.date",
                 "gold_dev.status", "gsr_dev.assault_f1", "gsr_dev.protest_f1"):
        assert name in figures, name
