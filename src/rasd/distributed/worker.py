"""What a Dask worker does with one partition: read its documents, run the pipeline, turn
the results into the store's rows (as local ingest workers do), write Parquet. Workers never touch the database; a pipeline is built once per worker thread."""
from __future__ import annotations

import pickle
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, Optional

from ..ingest import read_path
from ..ingest.guard import guarded
from ..ingest.jsonl import line_document
from ..ingest.url import Fetcher
from ..model import DocumentError, RawDocument
from ..pipeline import Pipeline
from ..settings import Settings
from ..store.parallel import analyse_document
from ..store.versions import code_version, lexicon_version
from ..store.writer import Failed, Processed, document_key, prepare, raw_hash
from .partitions import Partition
from .records import partition_complete, partition_rows, write_partition

PipelineFactory = Callable[[Settings], Pipeline]
_local = threading.local()


@dataclass(frozen=True)
class PartitionDone:
    name: str
    documents: int
    reused: bool  # the Parquet files were there already (a resumed run)


def read_jsonl_range(path: Path, start: int, end: int, first_line: int,
                     settings: Settings) -> Iterator[RawDocument | DocumentError]:
    """The lines of ``path`` in [start, end), read exactly as rasd.ingest.jsonl reads a file
    (same document names ``<file>:<line>``, same errors)."""
    with path.open("rb") as fh:
        fh.seek(start)
        no, position = first_line - 1, start
        while position < end:
            line = fh.readline()
            if not line:
                break
            position += len(line)
            no += 1
            item = line_document(line, no, path, settings)
            if item is not None:
                yield item


def partition_documents(part: Partition, settings: Settings) -> Iterator[RawDocument | DocumentError]:
    for source in part.missing:
        yield DocumentError(source, "not-found", "no such file or folder (and not an http(s) URL)")
    if part.kind == "jsonl":
        path = Path(part.files[0])
        yield from guarded(str(path), lambda: read_jsonl_range(path, part.start, part.end, part.first_line, settings))
        return
    fetcher = Fetcher(settings)  # feeds may link to pages
    try:
        for name in part.files:
            file = Path(name)
            yield from guarded(str(file), lambda: read_path(file, settings, fetcher))
    finally:
        fetcher.close()


def _pipeline(settings: Settings, factory: Optional[PipelineFactory]) -> Pipeline:
    cache = getattr(_local, "pipelines", None)
    if cache is None:
        cache = _local.pipelines = {}
    key = (factory, repr(settings))
    if key not in cache:
        cache[key] = factory(settings) if factory else Pipeline(settings)
    return cache[key]


def _prepared(key: Optional[str], digest: Optional[str], result, versions: tuple[str, str],
              run_id: Optional[int]) -> bytes:
    """What the loader writes for one document (rows, signature, members: rasd.store.writer),
    pickled: worked out here, not on the client, which only inserts."""
    if isinstance(result, DocumentError):
        item = Failed(key, result)
    else:
        try:
            item = prepare(Processed(key, digest, result), *versions, run_id)
        except Exception as e:  # as rasd.store.parallel.prepare_document: the batch goes on
            item = Failed(key, DocumentError(result.source, "internal-error", f"{type(e).__name__}: {e}"))
    return pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL)


def run_partition(part: Partition, settings: Settings, staging: str,
                  factory: Optional[PipelineFactory] = None, versions: Optional[tuple[str, str]] = None,
                  run_id: Optional[int] = None) -> PartitionDone:
    """Analyse a partition into ``staging``; a partition written by an earlier run is reused.
    ``versions``: (code, lexicon) versions the rows record (default: this worker's)."""
    folder = Path(staging)
    if partition_complete(folder, part.name):
        return PartitionDone(part.name, -1, True)
    pipeline = _pipeline(settings, factory)
    versions = versions or (code_version(), lexicon_version(settings))
    prepared: list[dict] = []

    def results():
        for doc in partition_documents(part, settings):
            if isinstance(doc, DocumentError):
                key, digest, result = None, None, doc
            else:
                key, digest = document_key(doc.source, doc.external_id), raw_hash(doc)
                result = analyse_document(pipeline, doc)
            prepared.append({"seq": len(prepared), "prepared": _prepared(key, digest, result, versions, run_id)})
            yield key, digest, result

    rows = partition_rows(results())
    rows["prepared"] = prepared
    write_partition(rows, folder, part.name)
    return PartitionDone(part.name, len(rows["articles"]), False)
