"""All tunable settings in one typed object (imitating trafilatura's config)."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional


@dataclass
class Settings:
    # Ingest
    # JSONL: article field -> the record keys that may hold it, first present wins
    # (see docs/ingest.md; `rasd extract --field text=body` replaces one list)
    jsonl_fields: dict[str, tuple[str, ...]] = field(default_factory=lambda: {
        "id": ("id", "doc_id", "_id"),
        "title": ("title", "headline"),
        "text": ("text", "body", "content", "full_text", "article"),
        "html": ("html", "raw_html"),  # used only when no text field is present
        "published": ("published", "published_time", "date", "pubDate", "rss_timestamp"),
        "outlet": ("outlet", "source_outlet", "sitename", "site_name"),
        "url": ("url", "link", "url_guess"),
        "author": ("author", "correspondent", "byline"),
        "category": ("category", "section"),
    })
    input_format: Optional[str] = None  # force one reader (text|html|jsonl|warc|feed); None: detect
    max_document_bytes: int = 20_000_000  # larger documents are rejected, not truncated
    # Clean text longer than this is rejected before analysis: the recognizers and the event coder
    # are not linear in an article's mentions (the longest corpus-dev article has 19,560 characters)
    max_article_chars: int = 100_000
    http_timeout: float = 20.0
    http_retries: int = 3  # retries after the first attempt, on timeouts, connection errors, 429, 5xx
    http_backoff: float = 0.5  # seconds before the first retry, doubled for each next one
    http_max_redirects: int = 5
    feed_fetch_links: bool = True  # fetch a feed item's page when the feed carries no full text
    feed_min_content_chars: int = 400  # a feed summary at least this long counts as the full text
    user_agent: str = "rasd/0.1 (+https://github.com/rasd-project/rasd; Arabic news event coder)"
    # Language: articles whose Arabic-letter share is below this are reported as non-Arabic
    min_arabic_share: float = 0.5
    # Knowledge
    extra_lexicon_dirs: list[Path] = field(default_factory=list)
    # Store
    database_url: Optional[str] = field(default_factory=lambda: os.environ.get("RASD_DB"))


DEFAULT_SETTINGS = Settings()
