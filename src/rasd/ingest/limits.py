"""Size checks shared by every reader: a document over ``max_document_bytes`` is rejected, never
truncated (a truncated article would silently lose its end)."""
from __future__ import annotations

from pathlib import Path

from ..errors import DocumentRejected
from ..settings import Settings


def check_size(size: int, source: str, settings: Settings) -> None:
    if size > settings.max_document_bytes:
        raise DocumentRejected(source, "too-large",
                               f"{size:,} bytes is over the limit of {settings.max_document_bytes:,} "
                               "(Settings.max_document_bytes); split the file or raise the limit")


def check_not_empty(text: str, source: str) -> None:
    if not text.strip():
        raise DocumentRejected(source, "empty", "the document holds no text")


def read_file_bytes(path: Path, settings: Settings) -> bytes:
    """The whole file, after checking its size on disk (a 50 MB line is never read into memory)."""
    check_size(path.stat().st_size, str(path), settings)
    return path.read_bytes()
