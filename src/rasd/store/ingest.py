"""Ingest: read sources, skip what is stored already, analyse the rest, write batch by batch.

Each batch is one transaction, so a run killed at any moment loses at most the batch in flight;
the next run skips every document already stored (same key, same raw hash) and finishes the
work. Nothing is doubled because documents are keyed and articles content-addressed.
"""
from __future__ import annotations

import time
from itertools import islice
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional, Union

from ..ingest import read_sources
from ..model import DocumentError, RawDocument
from ..pipeline import Pipeline
from ..progress import Progress, RunSummary
from ..settings import DEFAULT_SETTINGS, Settings
from .parallel import Analyser, analyse_document
from .store import Store
from .versions import code_version, lexicon_version
from .writer import BatchWriter, Failed, Processed, document_key, known_documents, raw_hash

Item = Union[RawDocument, DocumentError]


def summarize_batch(summary: RunSummary, writer: BatchWriter) -> None:
    c = writer.counts
    summary.stored += c["stored"]
    summary.updated += c["updated"]
    summary.unchanged += c["unchanged"]
    summary.duplicates += c["duplicate"] + c["near_duplicate"]
    summary.merges += c["merges"]
    summary.events += c["events"]
    summary.failed.update(writer.failed)


def estimate_total(sources: Iterable[str]) -> Optional[int]:
    """Number of documents, counted cheaply (JSONL lines, files in folders); None for URLs."""
    total = 0
    for source in sources:
        path = Path(source)
        if path.suffix == ".jsonl" and path.is_file():
            with path.open("rb") as fh:
                total += sum(1 for line in fh if line.strip())
        elif path.is_dir():
            for p in path.rglob("*"):
                if p.is_file():
                    total += estimate_total([str(p)]) or 1 if p.suffix == ".jsonl" else 1
        elif path.is_file():
            total += 1
        else:
            return None
    return total


def _batches(items: Iterator[Item], size: int) -> Iterator[list[Item]]:
    while batch := list(islice(items, size)):
        yield batch


def ingest_sources(store: Store, sources: list[str], settings: Settings = DEFAULT_SETTINGS,
                   batch_size: int = 100, workers: int = 1, progress: Optional[bool] = None,
                   pipeline_factory: Optional[Callable[[Settings], Pipeline]] = None) -> RunSummary:
    """Run the pipeline on ``sources`` and store the results; returns the run summary."""
    started = time.monotonic()
    run_id = store.start_run("ingest", {"sources": list(sources), "batch_size": batch_size,
                                        "workers": workers}, settings)
    summary = RunSummary(run_id=run_id)
    versions = (code_version(), lexicon_version(settings))
    status = "failed"
    bar = Progress(estimate_total(sources) if progress is not False else None, "ingest", enabled=progress)

    def still_to_do(batches: Iterator[list[Item]]) -> Iterator[list[Item]]:
        """Drop documents stored already; unchanged ones are counted without analysis."""
        for batch in batches:
            raws = [x for x in batch if isinstance(x, RawDocument)]
            with store.engine.connect() as conn:
                known = known_documents(conn, [document_key(r.source, r.external_id) for r in raws])
            todo = [x for x in batch if isinstance(x, DocumentError)
                    or known.get(document_key(x.source, x.external_id)) != raw_hash(x)]
            skipped = len(batch) - len(todo)
            summary.read += skipped
            summary.unchanged += skipped
            bar.advance(skipped)
            if todo:
                yield todo

    try:
        with Analyser(settings, workers, pipeline_factory) as analyser:
            batches = still_to_do(_batches(iter(read_sources(sources, settings)), batch_size))
            for batch, results in analyser.map_batches(_analyse_item, batches):
                with store.begin() as conn:
                    writer = BatchWriter(conn, run_id, *versions)
                    for item, result in zip(batch, results):
                        writer.write(_as_stored(item, result))
                    writer.finish()
                summarize_batch(summary, writer)
                summary.read += len(batch)
                bar.advance(len(batch))
                summary.seconds = time.monotonic() - started
                store.update_run(run_id, summary)
        status = "completed"
    except KeyboardInterrupt:
        status = "interrupted"
        raise
    finally:
        bar.close()
        summary.seconds = time.monotonic() - started
        store.update_run(run_id, summary, status)
    return summary


def _analyse_item(pipeline: Pipeline, item: Item):
    return item if isinstance(item, DocumentError) else analyse_document(pipeline, item)


def _as_stored(item: Item, result) -> Processed | Failed:
    if isinstance(result, DocumentError):
        key = None if isinstance(item, DocumentError) else document_key(item.source, item.external_id)
        return Failed(key, result)
    return Processed(document_key(item.source, item.external_id), raw_hash(item), result)
