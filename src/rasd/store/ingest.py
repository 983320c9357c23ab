"""Ingest: read sources, skip what is stored already, analyse the rest, write batch by batch.

Each batch is one transaction, so a run killed at any moment loses at most the batch in flight;
the next run skips every document already stored (same key, same raw hash) and finishes the
work. Nothing is doubled because documents are keyed and articles content-addressed. Two runs
on one store split the work through claims (rasd.store.claims): nothing is analysed twice.
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
from .parallel import Analyser, preparer
from .store import Store
from .versions import code_version, lexicon_version
from .claims import Claims, Held, Wanted
from .dedupe import refresh_cluster_sizes
from .writer import BatchWriter, Failed, Prepared, document_key, raw_hash, utcnow

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


def _wanted(raw: RawDocument) -> Wanted:
    return Wanted(document_key(raw.source, raw.external_id), raw_hash(raw), raw.source)


class _Run:
    """One ingest run's bookkeeping: what to analyse, what others hold, what was written."""

    def __init__(self, store: Store, run_id: int, started_at, summary: RunSummary, bar: Progress):
        self.store, self.summary, self.bar = store, summary, bar
        self.claims = Claims(store.engine, run_id, started_at)
        self.held: list[Held] = []  # documents another live ingester was analysing
        summary.extra.update(analysed=0, claimed_elsewhere=0)

    def to_analyse(self, batches: Iterator[list[Item]], first_pass: bool = True) -> Iterator[list[Item]]:
        """Claim each batch's documents; yield those this run must analyse (reader errors too)."""
        for batch in batches:
            raws = [x for x in batch if isinstance(x, RawDocument)]
            wanted = [_wanted(r) for r in raws]  # hashed once: the parent is the serial part
            claimed = self.claims.claim(wanted)
            mine = {(w.key, w.raw_hash) for w in claimed.mine}
            ours = {id(r) for r, w in zip(raws, wanted) if (w.key, w.raw_hash) in mine}
            todo = [x for x in batch if isinstance(x, DocumentError) or id(x) in ours]
            self.held += claimed.held
            if first_pass:
                self.summary.read += len(batch)
                self.summary.extra["claimed_elsewhere"] += len(claimed.held) + len(claimed.failed_elsewhere)
            self.summary.unchanged += len(claimed.stored)
            self.summary.extra["analysed"] += len(todo) - (len(batch) - len(raws))
            self.bar.advance(len(claimed.stored) + len(claimed.failed_elsewhere))
            if todo:
                yield todo

    def wait_for_held(self) -> set[tuple[str, str]]:
        """Wait until every document others held is stored or failed by them; return those
        whose owner died first (key, raw hash): this run analyses them."""
        orphaned: set[tuple[str, str]] = set()
        held, self.held = self.held, []
        while held:
            settled = self.claims.settle(held)
            self.summary.unchanged += len(settled.stored)
            self.bar.advance(len(settled.stored) + len(settled.failed))
            orphaned.update((w.key, w.raw_hash) for w in settled.orphaned)
            held = settled.waiting
            if held:
                time.sleep(HELD_POLL_SECONDS)
        return orphaned

    def write(self, results: list[Prepared | Failed], versions: tuple[str, str]) -> None:
        """One transaction: the batch's rows, the merges they cause, the end of their claims."""
        with self.store.begin() as conn:
            writer = BatchWriter(conn, self.claims.run_id, *versions, defer_sizes=True)  # see ingest_sources
            writer.write_all(results)
            writer.finish()
            self.claims.release(conn, [r.key for r in results if r.key])
        summarize_batch(self.summary, writer)
        self.bar.advance(len(results))


HELD_POLL_SECONDS = 0.5


def ingest_sources(store: Store, sources: list[str], settings: Settings = DEFAULT_SETTINGS,
                   batch_size: int = 100, workers: int = 1, progress: Optional[bool] = None,
                   pipeline_factory: Optional[Callable[[Settings], Pipeline]] = None) -> RunSummary:
    """Run the pipeline on ``sources`` and store the results; returns the run summary.

    Documents another ingester on the same store is analysing are left to it (rasd.store.claims)
    and looked at again at the end: stored or failed by it, they are done; if it died first,
    this run analyses them."""
    started = time.monotonic()
    started_at = utcnow()
    run_id = store.start_run("ingest", {"sources": list(sources), "batch_size": batch_size,
                                        "workers": workers}, settings)
    summary = RunSummary(run_id=run_id)
    versions = (code_version(), lexicon_version(settings))
    status = "failed"
    bar = Progress(estimate_total(sources) if progress is not False else None, "ingest", enabled=progress)
    run = _Run(store, run_id, started_at, summary, bar)

    prepare = preparer(*versions, run_id)  # pipeline, rows and signatures: in the workers

    def analyse_and_write(batches: Iterator[list[Item]]) -> None:
        for _, results in analyser.map_batches(prepare, batches):
            run.write(results, versions)
            summary.seconds = time.monotonic() - started
            store.update_run(run_id, summary)

    try:
        with Analyser(settings, workers, pipeline_factory) as analyser:
            analyse_and_write(run.to_analyse(_batches(iter(read_sources(sources, settings)), batch_size)))
            while orphaned := run.wait_for_held():
                # Their owner died before storing them: read the sources again for just these.
                again = (x for x in read_sources(sources, settings) if isinstance(x, RawDocument)
                         and (document_key(x.source, x.external_id), raw_hash(x)) in orphaned)
                analyse_and_write(run.to_analyse(_batches(again, batch_size), first_pass=False))
        # Each batch wrote n_sources on clusters' heads and new members only (a cluster of a wire
        # story with hundreds of copies is not rewritten at every batch): every member, once, now.
        with store.begin() as conn:
            refresh_cluster_sizes(conn)
        status = "completed"
    except KeyboardInterrupt:
        status = "interrupted"
        raise
    finally:
        bar.close()
        summary.seconds = time.monotonic() - started
        try:
            run.claims.release_all()
        finally:
            store.update_run(run_id, summary, status)
    return summary
