"""The event store: SQLite (default, a file) or PostgreSQL, one schema, migrations on open.

``Store.open(db)`` opens it; ``ingest_sources`` and ``reprocess`` fill it; ``Store.events``
queries it; ``export_events`` writes ACLED CSV, PLOVER JSONL, GeoJSON or Parquet.
"""
from .query import EventFilter
from .store import IngestError, Store, StoredEvent
from .url import resolve_database_url

__all__ = ["EventFilter", "IngestError", "Store", "StoredEvent", "resolve_database_url"]
