"""RSS and Atom feeds: each item is one article, from the feed's own full text when it carries
it, else from the page its link points to (fetched like any URL)."""
from __future__ import annotations

import re
from typing import Callable, Iterator, Optional, Union

import feedparser
import lxml.html

from ..errors import DocumentRejected
from ..model import DocumentError, RawDocument
from ..settings import Settings
from .dates import to_iso_date

Item = Union[RawDocument, DocumentError]
FetchLink = Callable[[str], Iterator[Item]]

_BLOCK_TAGS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr")


def fragment_text(html: str) -> str:
    """Text of an HTML fragment (feed content), one line per block element."""
    if "<" not in html:
        return html.strip()
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (ValueError, lxml.etree.ParserError):
        return ""
    for el in root.iter(*_BLOCK_TAGS):
        el.tail = "\n" + (el.tail or "")
    return re.sub(r"[ \t]*\n\s*", "\n", root.text_content()).strip()


def _entry_text(entry, settings: Settings) -> Optional[str]:
    """The full text the feed carries for an item, or None when only a teaser is there."""
    for content in entry.get("content") or ():
        text = fragment_text(content.get("value") or "")
        if text:
            return text
    summary = fragment_text(entry.get("summary") or "")
    return summary if len(summary) >= settings.feed_min_content_chars else None


_NUMERIC_DATE = re.compile(r"^\s*\d{4}-\d{1,2}-\d{1,2}")


def entry_date(entry) -> Optional[str]:
    """The item's date as written; feedparser's parsed form only for formats we do not read.

    feedparser rolls an impossible date over (2024-13-45 becomes 2025-01-01): a numeric date
    that is not a real day is no date at all (tests/reliability, feed with invalid dates).
    """
    for key in ("published", "updated"):
        raw = entry.get(key)
        if not raw:
            continue
        iso = to_iso_date(raw)
        if iso or _NUMERIC_DATE.match(raw):
            return iso
        return to_iso_date(entry.get(f"{key}_parsed"))
    return None


def feed_documents(data: bytes, source: str, settings: Settings, fetch_link: Optional[FetchLink],
                   url: Optional[str] = None) -> Iterator[Item]:
    headers = {"content-location": url} if url else None
    parsed = feedparser.parse(data, response_headers=headers)
    if not parsed.entries:
        if parsed.bozo:
            raise DocumentRejected(source, "invalid-feed", f"not a readable RSS/Atom feed: {parsed.bozo_exception}")
        raise DocumentRejected(source, "empty-feed", "the feed lists no items")
    outlet = parsed.feed.get("title") or None
    for no, entry in enumerate(parsed.entries, 1):
        link = entry.get("link")
        item_source = f"{source}#{link or no}"
        meta = {
            "title": entry.get("title") or None,
            "published": entry_date(entry),
            "author": entry.get("author") or None,
            "category": ", ".join(t.get("term") for t in entry.get("tags") or () if t.get("term")) or None,
            "outlet": outlet,
        }
        text = _entry_text(entry, settings)
        if text:
            yield RawDocument(source=item_source, text=text, url=link, external_id=entry.get("id"), **meta)
        elif link and fetch_link is not None and settings.feed_fetch_links:
            for item in fetch_link(link):
                if isinstance(item, RawDocument):
                    # The page's own metadata wins; the feed fills what the page lacks.
                    for key, value in meta.items():
                        if getattr(item, key) in (None, "") and value:
                            setattr(item, key, value)
                    item.external_id = item.external_id or entry.get("id")
                yield item
        else:
            yield DocumentError(item_source, "no-text",
                                "the feed item carries no full text and its link was not fetched")
