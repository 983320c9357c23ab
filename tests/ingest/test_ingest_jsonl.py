"""JSONL corpora: corpus-dev loads as it is; field names are configurable; bad lines are reported."""
from __future__ import annotations

import json
from pathlib import Path

from rasd.ingest import read_sources
from rasd.model import DocumentError, RawDocument
from rasd.settings import Settings

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "data" / "corpus-dev"


def test_corpus_dev_loads_as_it_is_with_its_metadata():
    files = sorted(CORPUS.glob("*.jsonl"))
    docs = list(read_sources([str(f) for f in files]))
    assert len(docs) == sum(1 for f in files for line in f.open(encoding="utf-8") if line.strip())
    assert all(isinstance(d, RawDocument) and d.text and d.title and d.outlet for d in docs)
    by_id = {d.external_id: d for d in docs}
    may = by_id["may-0002"]  # published_time with a time zone: the date as written
    assert (may.published, may.outlet, may.author) == ("2023-01-25", "Al Mayadeen (almayadeen.net)", "كيريل سيميونوف")
    assert may.url.startswith("https://www.almayadeen.net/")
    bbc13 = by_id["nc2013-0001"]  # rss_timestamp "2013-02-12 04:45:56"
    assert (bbc13.published, bbc13.outlet) == ("2013-02-12", "BBC Arabic")
    bbc17 = by_id["bbc17-001"]  # no publication date (crawl_http_date is the crawl, not the article)
    assert bbc17.published is None and bbc17.url == "https://www.bbc.com/arabic/middleeast-40036501"
    assert bbc17.category == "middleeast"
    assert docs[0].source.endswith("almayadeen_2023_2024_syria.jsonl:1")


def test_field_names_are_configurable(tmp_path, arabic_text):
    path = tmp_path / "custom.jsonl"
    path.write_text(json.dumps({"doc": 7, "body": arabic_text, "headline": "عنوان", "when": "2024-08-09"},
                               ensure_ascii=False) + "\n", encoding="utf-8")
    settings = Settings()
    settings.jsonl_fields.update(id=("doc",), text=("body",), published=("when",))
    [doc] = read_sources([str(path)], settings)
    assert (doc.external_id, doc.text, doc.title, doc.published) == ("7", arabic_text, "عنوان", "2024-08-09")


def test_html_field_is_extracted_when_there_is_no_text(tmp_path, arabic_text):
    paragraphs = "".join(f"<p>{p}</p>" for p in arabic_text.splitlines()[2:])
    record = {"id": "h1", "html": f"<html><body><article>{paragraphs}</article></body></html>"}
    path = tmp_path / "pages.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    [doc] = read_sources([str(path)])
    assert doc.is_html_extract and arabic_text.splitlines()[2][:50] in doc.text and doc.external_id == "h1"


def test_bad_lines_are_errors_and_the_rest_is_read(tmp_path, arabic_text):
    good = json.dumps({"id": "ok", "text": arabic_text}, ensure_ascii=False)
    lines = [good, "{not json", "[1, 2]", json.dumps({"id": "x", "texte": "..."}), json.dumps({"text": "  "}), good]
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-8") + b'{"text": "\xff"}\n')
    items = list(read_sources([str(path)]))
    assert [type(i).__name__ for i in items] == ["RawDocument", "DocumentError", "DocumentError",
                                                 "DocumentError", "DocumentError", "RawDocument", "DocumentError"]
    errors = [(i.source.rsplit(":", 1)[1], i.reason) for i in items if isinstance(i, DocumentError)]
    assert errors == [("2", "invalid-json"), ("3", "not-an-object"), ("4", "no-text"), ("5", "empty"),
                      ("7", "invalid-utf8")]
    assert "--field text=NAME" in items[3].detail
