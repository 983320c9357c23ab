"""JSONL corpora: one article per line, field names mapped by ``Settings.jsonl_fields``.

Each logical field (text, title, published ...) lists the record keys that may hold it; the first
key present wins, so the corpora in ``data/corpus-dev`` load as they are (``published_time``,
``rss_timestamp``, ``source_outlet``, ``url_guess``). A bad line is one DocumentError
(``<file>:<line>``); the other lines are read.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterator, Optional, Union

from ..errors import DocumentRejected
from ..model import DocumentError, RawDocument
from ..settings import Settings
from .dates import to_iso_date
from .html import extract_html
from .limits import check_size

Item = Union[RawDocument, DocumentError]


def _first(record: dict[str, Any], keys: tuple[str, ...]) -> Any:
    for key in keys:
        value = record.get(key)
        if value not in (None, ""):
            return value
    return None


def _as_text(value: Any) -> Optional[str]:
    if value is None:
        return None
    if isinstance(value, list):  # e.g. a list of authors or categories
        return ", ".join(str(v) for v in value if v not in (None, "")) or None
    return str(value)


def record_document(record: Any, source: str, settings: Settings) -> RawDocument:
    """One JSONL record -> RawDocument; DocumentRejected when it holds no usable text."""
    if not isinstance(record, dict):
        raise DocumentRejected(source, "not-an-object",
                               f"the line holds a JSON {type(record).__name__}, not an object")
    fields = settings.jsonl_fields
    text = _first(record, fields["text"])
    html = _first(record, fields.get("html", ()))
    if text is None and isinstance(html, str):
        doc = extract_html(html, source, _as_text(_first(record, fields["url"])))
    elif text is None:
        raise DocumentRejected(source, "no-text",
                               f"none of the text fields {list(fields['text'])} is present; "
                               "map yours with --field text=NAME")
    elif not isinstance(text, str):
        raise DocumentRejected(source, "invalid-field", f"the text field holds a {type(text).__name__}")
    else:
        doc = RawDocument(source=source, text=text)
    if not doc.text.strip():
        raise DocumentRejected(source, "empty", "the text field is empty")
    external_id = _first(record, fields["id"])
    doc.external_id = str(external_id) if external_id is not None else None
    doc.title = _as_text(_first(record, fields["title"])) or doc.title
    doc.outlet = _as_text(_first(record, fields["outlet"])) or doc.outlet
    doc.author = _as_text(_first(record, fields["author"])) or doc.author
    doc.url = _as_text(_first(record, fields["url"])) or doc.url
    doc.category = _as_text(_first(record, fields["category"])) or doc.category
    doc.published = to_iso_date(_as_text(_first(record, fields["published"]))) or doc.published
    return doc


def line_document(line: bytes, no: int, path: Path, settings: Settings) -> Optional[Item]:
    """Line ``no`` of a JSONL file as a document, an error naming the line, or None when blank."""
    source = f"{path}:{no}"
    if no == 1 and line.startswith(b"\xef\xbb\xbf"):
        line = line[3:]
    if not line.strip():
        return None
    try:
        check_size(len(line), source, settings)
        try:
            record = json.loads(line.decode("utf-8"))
        except UnicodeDecodeError as e:
            raise DocumentRejected(source, "invalid-utf8",
                                   f"byte {e.start} of the line is not UTF-8 (JSON Lines must be UTF-8)") from None
        except json.JSONDecodeError as e:
            raise DocumentRejected(source, "invalid-json", str(e)) from None
        return record_document(record, source, settings)
    except DocumentRejected as e:
        return DocumentError(e.source, e.reason, e.detail)


def read_jsonl(path: Path, settings: Settings) -> Iterator[Item]:
    with path.open("rb") as fh:
        for no, line in enumerate(fh, 1):
            item = line_document(line, no, path, settings)
            if item is not None:
                yield item
