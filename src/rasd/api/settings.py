"""The HTTP API's limits and switches in one typed object (the CLI fills it from `rasd serve`)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ApiSettings:
    default_page_size: int = 50
    max_page_size: int = 500  # larger pages are refused (422), not truncated silently
    max_offset: int = 1_000_000
    count_cap: int = 1_000  # event lists count matches up to here ("1000+"; /api/stats counts all)
    max_request_bytes: int = 10_000_000  # whole request body; larger: 413
    max_bulk_documents: int = 200  # articles in one ingest request
    max_query_chars: int = 200  # text, actor, place ... filter values
    max_actor_pairs: int = 200  # edges in the actor network statistics
    max_export_events: int = 100_000  # one download; a bigger selection must be filtered
    cors_origins: tuple[str, ...] = ()  # CORS is off unless origins are given


DEFAULT_API_SETTINGS = ApiSettings()
