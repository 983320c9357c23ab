"""Bulk-loading Parquet partitions into the store, in corpus order, batch by batch.

Every batch goes through the store's BatchWriter in one transaction (documents keyed, articles
content-addressed, near-duplicates linked, events merged), so loading is idempotent and the
database ends up exactly as after a local ingest of the same corpus.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from ..model import DocumentError
from ..progress import RunSummary
from ..store import Store
from ..store.ingest import summarize_batch
from ..store.writer import BatchWriter, Failed, Processed
from .records import read_partition


def load_partition(store: Store, staging: Path, name: str, run_id: Optional[int], versions: tuple[str, str],
                   summary: RunSummary, batch_size: int = 100) -> int:
    """Write one partition's documents; returns how many were read."""
    items = read_partition(staging, name)
    for i in range(0, len(items), batch_size):
        batch = items[i:i + batch_size]
        with store.begin() as conn:
            writer = BatchWriter(conn, run_id, *versions)
            for key, digest, result in batch:
                writer.write(Failed(key, result) if isinstance(result, DocumentError)
                             else Processed(key, digest, result))
            writer.finish()
        summarize_batch(summary, writer)
        summary.read += len(batch)
    return len(items)
