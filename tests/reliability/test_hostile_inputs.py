"""The hostile-input corpus, run as ONE batch with a control article after every case: each case
gets its expected outcome (a correct article or a clear per-document error) and the control
articles come out exactly as when processed alone (the rest of the batch is unharmed)."""
from __future__ import annotations

import pytest

from rasd.ingest import read_sources
from rasd.clean import clean_document
from rasd.reliability.corpus import CASES, MANY_LINES, HUGE_LINE_BYTES, all_there, many_lines_text
from rasd.reliability.hostile import run_cases

SMALL = [c for c in CASES if not c.large]


@pytest.fixture(scope="module")
def batch(tmp_path_factory, pipeline, settings):
    return run_cases(tmp_path_factory.mktemp("hostile"), SMALL, pipeline, settings)


@pytest.mark.parametrize("name", [c.name for c in SMALL])
def test_case_has_its_expected_outcome(batch, name):
    outcome = next(c for c in batch.cases if c.case.name == name)
    assert outcome.passed, f"{name}: {outcome.problem}; errors: {outcome.details}"


def test_rest_of_the_batch_is_unharmed(batch):
    assert batch.controls == len(SMALL)
    assert batch.controls_intact == batch.controls


def test_errors_name_the_document_and_reason(batch):
    details = [d for c in batch.cases for d in c.details]
    assert len(details) >= 15
    assert all(": " in d and "(" in d for d in details)


def test_huge_single_line_is_refused_without_reading_it(tmp_path, settings):
    case = next(c for c in CASES if c.name == "huge-line")
    [source] = case.build(tmp_path, None)
    assert (tmp_path / "huge-line.txt").stat().st_size >= HUGE_LINE_BYTES
    [item] = list(read_sources([source, ], settings))
    assert item.reason == "too-large" and "Settings.max_document_bytes" in item.detail


def test_huge_line_inside_jsonl_fails_alone(tmp_path, settings):
    path = tmp_path / "huge.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        fh.write('{"id": "a", "text": "قسد في الحسكة"}\n')
        fh.write('{"id": "huge", "text": "' + "قسد " * (HUGE_LINE_BYTES // 7) + '"}\n')
        fh.write('{"id": "b", "text": "قسد في القامشلي"}\n')
    items = list(read_sources([str(path)], settings))
    assert [getattr(i, "reason", "ok") for i in items] == ["ok", "too-large", "ok"]


def test_200000_line_file_is_read_and_cleaned_whole(tmp_path, settings):
    path = tmp_path / "many.txt"
    path.write_text(many_lines_text(MANY_LINES), encoding="utf-8")
    [raw] = list(read_sources([str(path)], settings))
    article = clean_document(raw, settings)
    assert all_there(MANY_LINES)([article]) is None


def test_200000_line_file_is_refused_before_analysis(pipeline, settings, tmp_path):
    """Its 4.9 million characters are over Settings.max_article_chars: a clear error, in seconds."""
    path = tmp_path / "lines.txt"
    path.write_text(many_lines_text(MANY_LINES), encoding="utf-8")
    [result] = list(pipeline.pipe(read_sources([str(path)], settings)))
    assert result.reason == "too-long" and "Settings.max_article_chars" in result.detail


def test_1500_line_file_through_the_whole_pipeline(pipeline, settings, tmp_path):
    path = tmp_path / "lines.txt"
    path.write_text(many_lines_text(1500), encoding="utf-8")
    [raw] = list(read_sources([str(path)], settings))
    article = pipeline(raw)
    assert all_there(1500)([article]) is None
