"""Clean scraped article text: drop page debris, keep the title once and the body paragraphs.

Every dropped line is kept with the reason, so the cleaner can be audited.
"""
from __future__ import annotations

import re

from .model import Article, RawDocument, RemovedLine, content_id
from .normalize import normalize
from .settings import Settings

RELATED_MARKERS = ("مواضيع ذات صله", "شاهد ايضا", "اقرا ايضا", "مقالات ذات صله", "اخبار ذات صله")
BOILERPLATE = ("زر الذهاب الي الاعلي",)


def _key(line: str) -> str:
    return re.sub(r"[^\w]", "", normalize(line))


def clean_document(raw: RawDocument, settings: Settings) -> Article:
    removed: list[RemovedLine] = list(raw.removed)
    kept: list[str] = []
    seen: set[str] = set()
    for no, line in enumerate(raw.text.splitlines(), 1):
        text = line.strip()
        if not text:
            continue
        norm = normalize(text)
        if any(m in norm for m in RELATED_MARKERS):
            removed.append(RemovedLine(text, "related-articles", no))
            continue
        if any(m in norm for m in BOILERPLATE):
            removed.append(RemovedLine(text, "page-navigation", no))
            continue
        key = _key(text)
        if key in seen:
            removed.append(RemovedLine(text, "repeated-line", no))
            continue
        seen.add(key)
        kept.append(text)
    body = "\n\n".join(kept)
    title = raw.title
    return Article(
        id=content_id(title, body), text=body, title=title, source=raw.source,
        external_id=raw.external_id, outlet=raw.outlet, correspondent=raw.author,
        published=raw.published, category=raw.category, removed=removed,
    )
