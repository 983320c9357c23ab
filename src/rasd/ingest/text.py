"""Plain text documents: decode the bytes, keep the text as it is (the cleaner does the rest)."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from ..model import RawDocument
from ..settings import Settings
from .encoding import decode_bytes
from .limits import check_not_empty, check_size, read_file_bytes


def text_document(data: bytes, source: str, settings: Settings, url: Optional[str] = None,
                  declared_charset: Optional[str] = None) -> RawDocument:
    check_size(len(data), source, settings)
    if not data.strip():
        check_not_empty("", source)
    decoded = decode_bytes(data, source, declared_charset)
    check_not_empty(decoded.text, source)
    return RawDocument(source=source, text=decoded.text, url=url)


def read_text_file(path: Path, settings: Settings) -> RawDocument:
    return text_document(read_file_bytes(path, settings), str(path), settings)
