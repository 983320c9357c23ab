"""All tunable settings in one typed object (imitating trafilatura's config)."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional


@dataclass
class Settings:
    # Ingest
    jsonl_fields: dict[str, str] = field(default_factory=lambda: {
        "id": "id", "title": "title", "text": "text", "published": "published",
        "outlet": "outlet", "url": "url", "author": "author",
    })
    max_document_bytes: int = 20_000_000  # larger documents are rejected, not truncated
    http_timeout: float = 20.0
    http_retries: int = 3
    user_agent: str = "rasd/0.1 (+https://github.com/rasd-project/rasd; Arabic news event coder)"
    # Language: articles whose Arabic-letter share is below this are reported as non-Arabic
    min_arabic_share: float = 0.5
    # Knowledge
    extra_lexicon_dirs: list[Path] = field(default_factory=list)
    # Store
    database_url: Optional[str] = field(default_factory=lambda: os.environ.get("RASD_DB"))


DEFAULT_SETTINGS = Settings()
