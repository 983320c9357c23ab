"""Plain text files and folders (recursive, by file type)."""
from __future__ import annotations

import json

from rasd.ingest import read_sources
from rasd.model import DocumentError, RawDocument
from rasd.settings import Settings


def test_text_file_in_windows_1256(tmp_path, arabic_text):
    text = arabic_text.encode("cp1256", errors="ignore").decode("cp1256")
    path = tmp_path / "old-site.txt"
    path.write_bytes(text.encode("cp1256"))
    [doc] = read_sources([str(path)])
    assert isinstance(doc, RawDocument) and doc.text == text and doc.source == str(path)
    assert not doc.is_html_extract


def test_folder_is_read_recursively_by_file_type(tmp_path, arabic_text):
    (tmp_path / "b" / "deep").mkdir(parents=True)
    (tmp_path / "a.txt").write_text(arabic_text, encoding="utf-8")
    paragraphs = "".join(f"<p>{p}</p>" for p in arabic_text.splitlines()[2:])
    (tmp_path / "b" / "page.html").write_text(f"<html><body><article>{paragraphs}</article></body></html>",
                                              encoding="utf-8")
    (tmp_path / "b" / "deep" / "c.jsonl").write_text(
        json.dumps({"id": "j1", "text": arabic_text}, ensure_ascii=False) + "\n", encoding="utf-8")
    (tmp_path / "b" / "deep" / "NOEXT").write_bytes(arabic_text.encode("utf-16"))  # read by content
    (tmp_path / "b" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")  # not a document: left out
    (tmp_path / ".hidden.txt").write_text("x")
    docs = list(read_sources([str(tmp_path)]))
    names = [d.source.replace(str(tmp_path), "") for d in docs]
    assert names == ["/a.txt", "/b/page.html", "/b/deep/NOEXT", "/b/deep/c.jsonl:1"]  # files, then subfolders
    assert all(isinstance(d, RawDocument) for d in docs)
    assert docs[1].is_html_extract and docs[3].external_id == "j1" and docs[2].text == arabic_text


def test_input_format_overrides_detection(tmp_path):
    path = tmp_path / "saved.txt"
    path.write_text("<html><body><article><p>" + "نص الخبر الكامل هنا. " * 20 + "</p></article></body></html>",
                    encoding="utf-8")
    [as_text] = read_sources([str(path)])
    [as_html] = read_sources([str(path)], Settings(input_format="html"))
    assert as_text.text.startswith("<html>") and as_html.is_html_extract and "<" not in as_html.text


def test_missing_path_is_not_found(tmp_path):
    [error] = read_sources([str(tmp_path / "nope.txt")])
    assert isinstance(error, DocumentError) and error.reason == "not-found"
