"""Bad input: each bad document is one error naming it and the reason; the batch goes on and
``rasd extract`` exits 1."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from rasd.cli import main
from rasd.ingest import read_sources
from rasd.model import Article, DocumentError
from rasd.pipeline import Pipeline, Segmenter  # the article layer only: later stages have their own tests
from rasd.settings import Settings

ENGLISH = ("The Syrian Observatory said fighting resumed near the town on Monday, "
           "and that several people were wounded in the shelling of residential areas.")


@pytest.fixture
def batch(tmp_path, arabic_text):
    """A folder-free batch: one good article between every kind of bad document."""
    files = {
        "good.txt": arabic_text.encode("utf-8"),
        "empty.txt": b"",
        "blank.txt": b" \n\t\n",
        "image.txt": b"\x89PNG\r\n\x1a\n" + bytes(range(256)),
        "truncated.txt": (arabic_text + "ب").encode("utf-8")[:-1],
        "chinese.txt": "叙利亚北部发生冲突，多人伤亡。".encode("gb18030") * 10,
        "english.txt": ENGLISH.encode("utf-8"),
        "menu.html": b"<html><body><nav><a href='/'>home</a> <a href='/news'>news</a></nav></body></html>",
        "ornate.txt": ("﴾" + arabic_text + "﴿").encode("utf-8"),  # presentation forms must not crash
    }
    paths = []
    for name, data in files.items():
        path = tmp_path / name
        path.write_bytes(data)
        paths.append(str(path))
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as fh:  # a 50 MB single line
        fh.write(("خبر " * 1000).encode("utf-8") * 7200)
    assert huge.stat().st_size > 50_000_000
    paths.append(str(huge))
    return paths


EXPECTED = {
    "good.txt": None, "empty.txt": "empty", "blank.txt": "empty", "image.txt": "binary",
    "truncated.txt": "truncated-utf8", "chinese.txt": "unknown-encoding", "english.txt": "not-arabic",
    "menu.html": "no-article", "ornate.txt": None, "huge.txt": "too-large",
}


def test_each_bad_document_is_one_named_error(batch):
    results = list(Pipeline(Settings(), [Segmenter(Settings())]).pipe(read_sources(batch)))
    assert len(results) == len(batch)
    for path, result in zip(batch, results):
        name = path.rsplit("/", 1)[1]
        if EXPECTED[name] is None:
            assert isinstance(result, Article), (name, result)
        else:
            assert isinstance(result, DocumentError) and result.source == path, name
            assert result.reason == EXPECTED[name], (name, result)
            assert result.detail
    english = results[batch.index(next(p for p in batch if p.endswith("english.txt")))]
    assert "'en'" in english.detail  # the language is reported


def test_extract_reports_errors_on_stderr_and_exits_1(batch):
    result = CliRunner().invoke(main, ["extract", "--format", "jsonl", *batch])
    assert result.exit_code == 1
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [bool(line.get("error")) for line in lines] == [EXPECTED[p.rsplit("/", 1)[1]] is not None for p in batch]
    for path in batch:
        reason = EXPECTED[path.rsplit("/", 1)[1]]
        if reason:
            assert f"error: {path}: {reason}" in result.stderr
    assert "8 document(s) failed" in result.stderr


def test_extract_exits_0_when_every_document_is_read(tmp_path, arabic_text):
    path = tmp_path / "ok.txt"
    path.write_text(arabic_text, encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", "--format", "json", str(path)])
    assert result.exit_code == 0 and json.loads(result.stdout)[0]["language"] == "ar"


def test_extract_field_option_maps_jsonl_keys(tmp_path, arabic_text):
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"id": "k1", "body_ar": arabic_text}, ensure_ascii=False) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", "--field", "text=body_ar", str(path)])
    assert result.exit_code == 0 and json.loads(result.stdout)["id"] == "k1"
    bad = CliRunner().invoke(main, ["extract", "--field", "nonsense", str(path)])
    assert bad.exit_code == 2 and "NAME=KEY" in bad.stderr
