"""HTML pages: main text and metadata with trafilatura, publication date with htmldate.

trafilatura's metadata step runs htmldate's ``find_date`` (original publication date, extensive
search) on the same parsed tree, so each page is parsed once.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import trafilatura

from ..errors import DocumentRejected
from ..model import RawDocument
from ..settings import Settings
from .dates import to_iso_date
from .encoding import decode_bytes, declared_charset
from .limits import check_not_empty, check_size, read_file_bytes

MIN_ARTICLE_CHARS = 80  # shorter main text is page debris, not an article (a news brief is longer)


def extract_html(html: str, source: str, url: Optional[str] = None) -> RawDocument:
    """Main text and metadata of one decoded page; DocumentRejected("no-article") if it has none."""
    result = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    text = (result.text or "") if result is not None else ""
    if len(text.strip()) < MIN_ARTICLE_CHARS:
        # trafilatura falls back to whatever text a page has ("home", a menu): not an article.
        raise DocumentRejected(source, "no-article",
                               f"no main text in the HTML page ({len(text.strip())} characters found; "
                               "an index, search or error page?)")
    categories = [c for c in (result.categories or []) if c]
    return RawDocument(
        source=source, text=text, title=result.title or None, author=result.author or None,
        outlet=result.sitename or None, published=to_iso_date(result.date),
        url=url or result.url or None, category=", ".join(categories) or None, is_html_extract=True,
    )


def html_document(data: bytes, source: str, settings: Settings, url: Optional[str] = None,
                  declared_charset_header: Optional[str] = None) -> RawDocument:
    """Decode page bytes (HTTP charset, else meta charset, checked against the bytes) and extract."""
    check_size(len(data), source, settings)
    if not data.strip():
        check_not_empty("", source)
    decoded = decode_bytes(data, source, declared_charset_header or declared_charset(data))
    return extract_html(decoded.text, source, url)


def read_html_file(path: Path, settings: Settings) -> RawDocument:
    return html_document(read_file_bytes(path, settings), str(path), settings)
