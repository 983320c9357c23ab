"""What a Dask worker does with one partition: read its documents, run the pipeline, write
Parquet. Workers never touch the database; a pipeline is built once per worker thread."""
from __future__ import annotations

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
from ..store.writer import document_key, raw_hash
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


def run_partition(part: Partition, settings: Settings, staging: str,
                  factory: Optional[PipelineFactory] = None) -> PartitionDone:
    """Analyse a partition into ``staging``; a partition written by an earlier run is reused."""
    folder = Path(staging)
    if partition_complete(folder, part.name):
        return PartitionDone(part.name, -1, True)
    pipeline = _pipeline(settings, factory)

    def results():
        for doc in partition_documents(part, settings):
            if isinstance(doc, DocumentError):
                yield None, None, doc
            else:
                yield document_key(doc.source, doc.external_id), raw_hash(doc), analyse_document(pipeline, doc)

    rows = partition_rows(results())
    write_partition(rows, folder, part.name)
    return PartitionDone(part.name, len(rows["articles"]), False)
