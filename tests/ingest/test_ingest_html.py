"""HTML pages: main text, metadata and date against the gold their source projects keep."""
from __future__ import annotations

import collections
import csv
import json
import re

import pytest

from rasd.ingest import read_sources
from rasd.ingest.html import html_document, read_html_file
from rasd.model import Article, DocumentError
from rasd.pipeline import Pipeline, Segmenter  # the article layer only: later stages have their own tests
from rasd.settings import Settings

from pathlib import Path

HTML = Path(__file__).resolve().parents[3] / "shared" / "data" / "html"
SETTINGS = Settings()


def words(text: str) -> collections.Counter:
    return collections.Counter(re.findall(r"\w+", text))


def test_main_text_matches_newspaper_gold():
    doc = read_html_file(HTML / "newspaper-cnn-arabic/arabic_article.html", SETTINGS)
    gold = (HTML / "newspaper-cnn-arabic/arabic.txt").read_text(encoding="utf-8")
    got, want = words(doc.text), words(gold)
    overlap = sum((got & want).values())
    precision, recall = overlap / sum(got.values()), overlap / sum(want.values())
    # Measured: precision 0.84 (trafilatura keeps a caption-like lead the gold drops), recall 1.0.
    assert recall >= 0.95 and precision >= 0.8, (precision, recall)
    assert doc.title == "معارضون يسيطرون على مخازن للصواريخ بريف دمشق"
    assert doc.is_html_extract and doc.outlet == "CNNArabic"


def test_trafilatura_eval_snippets_with_and_without():
    gold = next(iter(json.loads((HTML / "trafilatura-eval/evaldata_assabah.json").read_text()).values()))
    doc = read_html_file(HTML / "trafilatura-eval/assabah.com.tn.article.html", SETTINGS)
    assert all(snippet in doc.text for snippet in gold["with"])
    assert not any(snippet in doc.text for snippet in gold["without"])  # related box, weather, comment form
    assert " ".join(doc.title.split()) == " ".join(gold["title"].split())


@pytest.fixture(scope="module")
def manifest_results():
    """Every page of the manifest through the readers and the pipeline, once: {file: result}."""
    with (HTML / "manifest.csv").open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if (HTML / r["file"]).is_file()]
    results = list(Pipeline(Settings(), [Segmenter(Settings())]).pipe(read_sources([str(HTML / r["file"]) for r in rows])))
    return {r["file"]: (r["language"], result) for r, result in zip(rows, results)}


def test_publication_dates_match_htmldate_gold(manifest_results):
    gold = json.loads((HTML / "htmldate-mediacloud/gold_dates.json").read_text())
    published = {}
    for file, (_, result) in manifest_results.items():
        # Persian pages are rejected by language after reading; their date is checked on the reader.
        published[file] = result.published if isinstance(result, Article) else \
            read_html_file(HTML / file, SETTINGS).published
    correct = sum(published["htmldate-mediacloud/" + g["file"]] == g["date"] for g in gold.values())
    # Measured 9 of 11 (one day off on elbaladtv, a 2016 copyright year on aryanews).
    assert correct / len(gold) >= 0.8, f"{correct}/{len(gold)}"


def test_every_arabic_page_of_the_manifest_gives_an_arabic_article(manifest_results):
    for file, (language, result) in manifest_results.items():
        if language == "ar":
            assert isinstance(result, Article) and result.language == "ar", file
            assert len(result.text) > 300 and result.title, file
        else:  # Persian pages are read, then reported with their language by the pipeline
            assert isinstance(result, DocumentError) and result.reason == "not-arabic", file
            assert f"'{language}'" in result.detail


def test_meta_charset_windows_1256_page(arabic_text):
    body = "".join(f"<p>{line}</p>" for line in arabic_text.splitlines()[2:])
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1256">'
            f"<title>خبر</title></head><body><article>{body}</article></body></html>")
    doc = html_document(page.encode("cp1256", errors="ignore"), "page.html", SETTINGS)
    first_paragraph = arabic_text.splitlines()[2]
    assert first_paragraph[:60] in doc.text


def test_page_without_article_is_no_article():
    page = b"<html><head><title>Index</title></head><body><nav><a href='/'>home</a></nav></body></html>"
    items = list(read_sources_from_bytes(page, "index.html"))
    assert [(e.reason, e.source.endswith("index.html")) for e in items] == [("no-article", True)]


def read_sources_from_bytes(data: bytes, name: str):
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        yield from read_sources([str(path)])
