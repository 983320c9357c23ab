"""Recognition on 20 real corpus-dev articles, compared with hand-reviewed golden files.

Each article runs through every recognition stage of rasd.pipeline.default_stages (everything
before the EventCoder). A mismatch prints a unified diff, one mention per line. If the change is
intended, regenerate with `.venv/bin/python scripts/update_golden_mentions.py`, read the diff and
update tests/golden/mentions/REVIEW.md.
"""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "data" / "corpus-dev"
pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/data/corpus-dev is not present")

_spec = importlib.util.spec_from_file_location("update_golden_mentions", ROOT / "scripts" / "update_golden_mentions.py")
golden = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(golden)

CASES = golden.load_cases()


@pytest.fixture(scope="module")
def pipeline():
    return golden.Pipeline(golden.DEFAULT_SETTINGS, stages=golden.recognition_stages())


def test_at_least_twenty_articles_from_every_corpus_file():
    assert len(CASES) >= 20
    assert len({c["id"] for c in CASES}) == len(CASES)
    assert {c["file"] for c in CASES} == {p.name for p in CORPUS.glob("*.jsonl")}


def test_recognition_stops_before_the_event_coder():
    names = [type(s).__name__ for s in golden.recognition_stages()]
    assert "EventCoder" not in names and "NerRecognizer" in names and "PlaceRecognizer" in names


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_mentions_match_golden(case, pipeline):
    path = golden.golden_path(case)
    expected = path.read_text(encoding="utf-8")
    actual = golden.render(case, pipeline)
    assert json.loads(expected)["id"] == case["id"]
    if actual != expected:
        pytest.fail(f"recognition of {case['id']} differs from {path.relative_to(ROOT)}:\n"
                    + golden.readable_diff(expected, actual, path.name), pytrace=False)
