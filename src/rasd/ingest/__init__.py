"""Readers: turn sources (files, folders, JSONL, URLs...) into RawDocuments.

``read_sources`` yields a ``RawDocument`` per document, or a ``DocumentError`` naming the
document and the reason it could not be read; it never stops a batch.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable, Iterator, Union

from ..errors import DocumentRejected
from ..model import DocumentError, RawDocument
from ..settings import DEFAULT_SETTINGS, Settings

Item = Union[RawDocument, DocumentError]


def read_text_file(path: Path, settings: Settings) -> RawDocument:
    data = path.read_bytes()
    if not data.strip():
        raise DocumentRejected(str(path), "empty", "the file holds no text")
    return RawDocument(source=str(path), text=data.decode("utf-8-sig"))


def read_jsonl(path: Path, settings: Settings) -> Iterator[Item]:
    f = settings.jsonl_fields
    with path.open(encoding="utf-8-sig") as fh:
        for no, line in enumerate(fh, 1):
            if not line.strip():
                continue
            source = f"{path}:{no}"
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                yield DocumentError(source, "invalid-json", str(e))
                continue
            yield RawDocument(source=source, text=obj.get(f["text"]) or "", title=obj.get(f["title"]),
                              external_id=str(obj.get(f["id"])) if obj.get(f["id"]) is not None else None,
                              outlet=obj.get(f["outlet"]) or obj.get("source_outlet"),
                              published=obj.get(f["published"]) or obj.get("published_time"),
                              url=obj.get(f["url"]))


def read_sources(sources: Iterable[str], settings: Settings = DEFAULT_SETTINGS) -> Iterator[Item]:
    for source in sources:
        path = Path(source)
        try:
            if path.suffix == ".jsonl":
                yield from read_jsonl(path, settings)
            elif path.is_dir():
                yield from read_sources(sorted(str(p) for p in path.rglob("*") if p.is_file()), settings)
            else:
                yield read_text_file(path, settings)
        except DocumentRejected as e:
            yield DocumentError(e.source, e.reason, e.detail)
        except OSError as e:
            yield DocumentError(source, "unreadable", str(e))
