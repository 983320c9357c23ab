"""HTML pages: main text and metadata with trafilatura, publication date with htmldate.

trafilatura's metadata step runs htmldate's ``find_date`` (original publication date, extensive
search) on the same parsed tree, so each page is parsed once.
"""
from __future__ import annotations

from html.parser import HTMLParser
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
        depth = nesting_depth(html) if len(html) > MAX_PARSER_DEPTH else 0
        if depth > MAX_PARSER_DEPTH:  # libxml2 drops a page nested deeper than this, text and all
            raise DocumentRejected(source, "too-deep",
                                   f"the HTML is nested {depth:,} elements deep; the parser stops at "
                                   f"{MAX_PARSER_DEPTH} levels and loses the page's text")
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


MAX_PARSER_DEPTH = 255  # libxml2's HTML parser limit (lxml, trafilatura): deeper pages parse empty
# Void elements have no end; elements whose end tag is optional (p, li, td ...) are left out of
# the count, so a page of unclosed paragraphs does not read as deep.
_NOT_COUNTED = frozenset("area base br col embed hr img input link meta param source track wbr "
                         "p li dt dd tr td th option optgroup thead tbody tfoot colgroup caption rb rt rp".split())


class _DepthCounter(HTMLParser):
    """Deepest element nesting, counted on a token stream (no tree, so no recursion limit)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.depth = self.deepest = 0

    def handle_starttag(self, tag, attrs) -> None:
        if tag not in _NOT_COUNTED:
            self.depth += 1
            self.deepest = max(self.deepest, self.depth)

    def handle_endtag(self, tag) -> None:
        if tag not in _NOT_COUNTED:
            self.depth = max(self.depth - 1, 0)


def nesting_depth(html: str) -> int:
    """How deep the elements of ``html`` nest (only asked when extraction found no text)."""
    counter = _DepthCounter()
    try:
        counter.feed(html)
        counter.close()
    except AssertionError:  # html.parser gives up on broken declarations ("<![x"): keep the count so far
        pass
    return counter.deepest


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
