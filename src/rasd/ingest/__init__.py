"""Readers: turn sources (files, folders, JSONL, WARC, feeds, URLs) into RawDocuments.

``read_sources`` yields a ``RawDocument`` per document, or a ``DocumentError`` naming the
document and the reason it could not be read; it never stops a batch. One module per reader:
``text``, ``html``, ``jsonl``, ``warc``, ``feed``, ``url``, ``directory``; ``encoding`` decodes
bytes, ``sniff`` picks the reader. See docs/ingest.md for options and error reasons.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

from ..model import DocumentError, RawDocument
from ..settings import DEFAULT_SETTINGS, Settings
from .directory import document_files
from .feed import feed_documents
from .guard import guarded
from .html import read_html_file
from .jsonl import read_jsonl
from .limits import read_file_bytes
from .sniff import FEED, HTML, JSONL, KINDS, TEXT, WARC, kind_from_content, kind_from_name
from .text import read_text_file
from .url import Fetcher, is_url, read_url
from .warc import read_warc

Item = Union[RawDocument, DocumentError]

__all__ = ["Item", "read_sources", "read_path"]


def _file_kind(path: Path, settings: Settings) -> str:
    if settings.input_format:
        if settings.input_format not in KINDS:
            raise ValueError(f"unknown input format {settings.input_format!r}; choose one of {KINDS}")
        return settings.input_format
    kind = kind_from_name(path.name)
    if kind:
        return kind
    with path.open("rb") as fh:
        return kind_from_content(fh.read(4096))


def read_path(path: Path, settings: Settings, fetcher: Optional[Fetcher] = None) -> Iterator[Item]:
    """Documents of one file (several for JSONL, WARC and feeds)."""
    kind = _file_kind(path, settings)
    if kind == TEXT:
        yield read_text_file(path, settings)
    elif kind == HTML:
        yield read_html_file(path, settings)
    elif kind == JSONL:
        yield from read_jsonl(path, settings)
    elif kind == WARC:
        yield from read_warc(path, settings)
    elif kind == FEED:
        fetch = (lambda link: guarded(link, lambda: read_url(link, settings, fetcher))) if fetcher else None
        yield from feed_documents(read_file_bytes(path, settings), str(path), settings, fetch)


def read_sources(sources: Iterable[str], settings: Settings = DEFAULT_SETTINGS) -> Iterator[Item]:
    """Every document of every source, in order; failures are DocumentErrors, never exceptions."""
    fetcher = Fetcher(settings)
    try:
        for source in sources:
            if is_url(source):
                yield from guarded(source, lambda: read_url(source, settings, fetcher))
                continue
            path = Path(source)
            if path.is_dir():
                files: Iterable[Path] = document_files(path)
            elif path.exists():
                files = [path]
            else:
                yield DocumentError(source, "not-found", "no such file or folder (and not an http(s) URL)")
                continue
            for file in files:
                yield from guarded(str(file), lambda: read_path(file, settings, fetcher))
    finally:
        fetcher.close()
