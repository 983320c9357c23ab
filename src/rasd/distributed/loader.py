"""Bulk-loading Parquet partitions into the store, in corpus order, batch by batch.

The workers prepared every row (rasd.distributed.records: the ``prepared`` file); the client
only inserts them. Every batch goes through the store's BatchWriter in one transaction (documents keyed, articles
content-addressed, near-duplicates linked, events merged), so loading is idempotent and the
database ends up exactly as after a local ingest of the same corpus.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from ..progress import RunSummary
from ..store import Store
from ..store.ingest import summarize_batch
from ..store.writer import BatchWriter, Prepared
from .records import read_prepared


def load_partition(store: Store, staging: Path, name: str, run_id: Optional[int], versions: tuple[str, str],
                   summary: RunSummary, batch_size: int = 100) -> int:
    """Write one partition's documents (prepared by the workers); returns how many were read."""
    items = read_prepared(staging, name)
    for item in items:
        if isinstance(item, Prepared):  # a partition an earlier run wrote: rows of this run
            for row in item.rows.analysis["events"]:
                row["run_id"] = run_id
    for i in range(0, len(items), batch_size):
        batch = items[i:i + batch_size]
        with store.begin() as conn:
            writer = BatchWriter(conn, run_id, *versions, defer_sizes=True)  # refreshed at the end of the run
            writer.write_all(batch)
            writer.finish()
        summarize_batch(summary, writer)
        summary.read += len(batch)
    return len(items)
