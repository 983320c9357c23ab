"""Running the pipeline on documents, in this process or in N local worker processes.

Workers compute everything a document needs without the database: the pipeline, then the
table rows and the MinHash signature (``prepare_document``); the parent only writes. Batches
are double-buffered: while the workers compute batch n+1, the parent writes batch n, and no
more than two batches are in memory at any time, whatever the corpus size.

Where the platform has ``fork`` (Linux), the pipeline is built once in the parent and the
workers are forked from it: they start at once and share its lexicons and models copy-on-write
(``gc.freeze`` keeps the collector from touching, hence copying, those pages). Workers live
for the whole run (``MAX_TASKS_PER_WORKER`` None): a replacement would be forked from the
parent as it is then, whose heap has grown with the writing (merging loads clusters), and
copy-on-write makes that whole image the new worker's own as the parent goes on (measured on
the 100,000-article benchmark: replaced workers at ~475 MB PSS each against ~265 MB for the
first ones).
When the parent built the pipeline only for its workers (nothing had built one in the process
before), it gives it back once they are forked (``rasd.pipeline.release_loaded``): it writes and
never analyses, and a copy kept there would stay its own as the workers' use copies their pages.
The language identifiers, otherwise loaded at the first text that needs them, are loaded before
the fork so that the workers share one copy.
Elsewhere workers are spawned and build their own pipeline.

Workers run at a lower CPU priority than the parent (``WORKER_NICENESS``): the parent's writing
is the one serial part of an ingest, so when workers outnumber the free cores it is the parent
that must not wait for a core (``RASD_WORKER_NICE`` sets the niceness; 0 turns this off).
"""
from __future__ import annotations

import gc
import multiprocessing
import os
from collections import deque
from functools import partial
from typing import Callable, Iterator, Optional, TypeVar

from ..errors import DocumentRejected
from ..model import Article, DocumentError, RawDocument
from ..language import load_identifiers
from ..pipeline import Pipeline, pipeline_loaded, refreeze_loaded, release_loaded
from ..settings import DEFAULT_SETTINGS, Settings
from .writer import Failed, Prepared, Processed, document_key, prepare, raw_hash

T = TypeVar("T")
R = TypeVar("R")

_pipeline: Optional[Pipeline] = None  # one per worker process, built once
_settings: Settings = DEFAULT_SETTINGS  # what a forked worker without a pipeline builds one from
_factory: Optional[Callable[[Settings], Pipeline]] = None
MAX_TASKS_PER_WORKER: Optional[int] = None  # tasks (chunks of a batch) before a worker is replaced
BATCHES_AHEAD = 1  # batches computed ahead of the one being written (RASD_BATCHES_AHEAD overrides)
WORKER_NICENESS = 10  # added to each worker's niceness (RASD_WORKER_NICE overrides)


def _env_int(name: str, default: int, low: int, high: int) -> int:
    """The integer in environment variable ``name``, clamped to [low, high]; ``default`` if unset."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return max(low, min(high, int(value)))
    except ValueError:
        raise ValueError(f"{name} must be an integer from {low} to {high}, not {value!r}") from None


def batches_ahead() -> int:
    """How many batches the workers may compute beyond the one the parent is writing:
    RASD_BATCHES_AHEAD, else BATCHES_AHEAD."""
    return _env_int("RASD_BATCHES_AHEAD", BATCHES_AHEAD, 1, 8)


def worker_niceness() -> int:
    """The niceness increment for worker processes: RASD_WORKER_NICE, else WORKER_NICENESS."""
    return _env_int("RASD_WORKER_NICE", WORKER_NICENESS, 0, 19)


def _lower_priority(increment: int) -> None:
    if increment:
        try:
            os.nice(increment)
        except OSError:  # not permitted here: run at the parent's priority
            pass


def _strip_tokens(article: Article) -> Article:
    # Tokens are not stored; dropping them keeps what crosses process boundaries small.
    for sentence in article.sentences:
        sentence.tokens = []
    return article


def analyse_document(pipeline: Pipeline, raw: RawDocument) -> Article | DocumentError:
    """Clean and analyse one document; any failure becomes a DocumentError naming the reason."""
    try:
        return _strip_tokens(pipeline(raw))
    except DocumentRejected as e:
        return DocumentError(raw.source, e.reason, e.detail)
    except Exception as e:  # a bug on one document must not stop the batch (DESIGN: errors)
        return DocumentError(raw.source, "internal-error", f"{type(e).__name__}: {e}")


def prepare_document(pipeline: Pipeline, raw: RawDocument | DocumentError, code_version: str,
                     lexicon_version: str, run_id: Optional[int]) -> Prepared | Failed:
    """Analyse one input document and turn it into what the writer stores (worker side)."""
    if isinstance(raw, DocumentError):  # the reader's error: nothing to analyse
        return Failed(None, raw)
    key = document_key(raw.source, raw.external_id)
    result = analyse_document(pipeline, raw)
    if isinstance(result, DocumentError):
        return Failed(key, result)
    try:
        return prepare(Processed(key, raw_hash(raw), result), code_version, lexicon_version, run_id)
    except Exception as e:  # a row the store cannot take must not stop the batch either
        return Failed(key, DocumentError(raw.source, "internal-error", f"{type(e).__name__}: {e}"))


def preparer(code_version: str, lexicon_version: str, run_id: Optional[int]) -> Callable:
    """``prepare_document`` for one run, as a function Analyser.map_batches can send to workers."""
    return partial(prepare_document, code_version=code_version, lexicon_version=lexicon_version,
                   run_id=run_id)


def reanalyse_article(pipeline: Pipeline, article: Article) -> Article | DocumentError:
    """Run the stages after cleaning again on a stored article (reprocess)."""
    article.sentences, article.mentions, article.events = [], [], []
    try:
        for stage in pipeline.stages:
            article = stage(article)
        return _strip_tokens(article)
    except DocumentRejected as e:
        return DocumentError(article.source or article.id, e.reason, e.detail)
    except Exception as e:
        return DocumentError(article.source or article.id, "internal-error", f"{type(e).__name__}: {e}")


def _init_worker(settings: Settings, factory: Optional[Callable[[Settings], Pipeline]], niceness: int) -> None:
    global _pipeline
    _lower_priority(niceness)
    _pipeline = factory(settings) if factory else Pipeline(settings)


def _run_in_worker(task: tuple[Callable, object]):
    global _pipeline
    function, item = task
    if _pipeline is None:  # forked after the parent gave its pipeline back (Analyser)
        _pipeline = _factory(_settings) if _factory else Pipeline(_settings)
    return function(_pipeline, item)


class Analyser:
    """Maps an analysis function over batches, locally or in worker processes."""

    def __init__(self, settings: Settings, workers: int = 1,
                 pipeline_factory: Optional[Callable[[Settings], Pipeline]] = None):
        global _pipeline, _settings, _factory
        self.workers = max(1, workers)
        self.pool = None
        self.frozen = False
        fork = "fork" in multiprocessing.get_all_start_methods()
        loaded_before = pipeline_loaded()
        if self.workers == 1 or fork:
            self.pipeline = pipeline_factory(settings) if pipeline_factory else Pipeline(settings)
        if self.workers == 1:
            return
        niceness = worker_niceness()
        if fork:
            _pipeline = self.pipeline  # inherited by the forked workers
            _settings, _factory = settings, pipeline_factory
            load_identifiers()  # else loaded lazily by each worker, 75 MB each (rasd.language)
            gc.collect()
            gc.freeze()
            self.frozen = True
            self.pool = multiprocessing.get_context("fork").Pool(
                self.workers, initializer=_lower_priority, initargs=(niceness,),
                maxtasksperchild=MAX_TASKS_PER_WORKER)
            if not loaded_before:
                # This process built the pipeline only for the workers to inherit. Kept, it would
                # hold a third copy of every page the workers' own use copies (reference counts
                # are writes): 100-140 MB by the end of a long run. Given back, its pages stay
                # the workers' (shared by both until one writes), and the writer holds only
                # what writing needs. A worker forked later (one that died) builds its own.
                self.pipeline = _pipeline = None
                self.frozen = False
                release_loaded()
        else:
            # spawn: workers start clean (no inherited DB connections or threads).
            context = multiprocessing.get_context("spawn")
            self.pool = context.Pool(self.workers, initializer=_init_worker,
                                     initargs=(settings, pipeline_factory, niceness))

    def map_batches(self, function: Callable, batches: Iterator[list[T]]) -> Iterator[tuple[list[T], list]]:
        """Yield (batch, results) in input order; with workers, batch n+1 computes meanwhile."""
        if self.pool is None:
            for batch in batches:
                yield batch, [function(self.pipeline, item) for item in batch]
            return
        ahead = batches_ahead()
        pending: deque = deque()
        for batch in batches:
            chunksize = max(1, len(batch) // (self.workers * 4))
            pending.append((batch, self.pool.map_async(_run_in_worker, [(function, x) for x in batch], chunksize)))
            if len(pending) > ahead:
                done, result = pending.popleft()
                yield done, result.get()
        while pending:
            done, result = pending.popleft()
            yield done, result.get()

    def close(self) -> None:
        global _pipeline
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()
            self.pool = None
        if self.frozen:
            gc.unfreeze()  # what was frozen for the fork may be garbage now
            self.frozen = False
            _pipeline = None
            refreeze_loaded()  # the loaded lexicons and models stay frozen (rasd.pipeline)

    def __enter__(self) -> "Analyser":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
