"""Which reader a document needs: from its name, else from its first bytes."""
from __future__ import annotations

import re
from typing import Optional

TEXT, HTML, JSONL, WARC, FEED = "text", "html", "jsonl", "warc", "feed"
KINDS = (TEXT, HTML, JSONL, WARC, FEED)

EXTENSIONS = {
    ".txt": TEXT, ".text": TEXT,
    ".html": HTML, ".htm": HTML, ".xhtml": HTML, ".shtml": HTML,
    ".jsonl": JSONL, ".ndjson": JSONL,
    ".warc": WARC, ".warc.gz": WARC,
    ".rss": FEED, ".atom": FEED,
}
SNIFFED_EXTENSIONS = {"", ".xml"}  # read by content: a .xml file may be a feed or not

_FEED = re.compile(rb"<(rss|feed|rdf:rdf)[\s>]", re.IGNORECASE)
_HTML = re.compile(rb"<(!doctype html|html|head|body|meta|title|div|p|article)[\s>/]", re.IGNORECASE)


def suffix_of(name: str) -> str:
    lower = name.lower()
    if lower.endswith(".warc.gz"):
        return ".warc.gz"
    dot = lower.rfind(".")
    slash = max(lower.rfind("/"), lower.rfind("\\"))
    return lower[dot:] if dot > slash + 1 else ""


def kind_from_name(name: str) -> Optional[str]:
    return EXTENSIONS.get(suffix_of(name))


def kind_from_content(head: bytes) -> str:
    """Best reader for bytes of unknown type; plain text when nothing more specific fits."""
    if head.startswith(b"WARC/"):
        return WARC
    if b"\x00" in head[:1024]:  # UTF-16: look at the ASCII bytes only
        head = head.replace(b"\x00", b"")
    start = head.lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n")[:2048]
    if start.startswith(b"{"):
        return JSONL
    if start.startswith(b"<"):
        if _FEED.search(start):
            return FEED
        if _HTML.search(start):
            return HTML
    return TEXT


def content_type_kind(content_type: str) -> Optional[str]:
    """Reader for an HTTP Content-Type (without parameters), None when it says nothing useful."""
    mime = content_type.split(";", 1)[0].strip().lower()
    if mime in ("text/html", "application/xhtml+xml"):
        return HTML
    if mime in ("application/rss+xml", "application/atom+xml", "application/rdf+xml"):
        return FEED
    if mime == "text/plain":
        return TEXT
    if mime in ("application/x-ndjson", "application/jsonl", "application/x-jsonlines"):
        return JSONL
    if mime in ("application/warc",):
        return WARC
    return None
