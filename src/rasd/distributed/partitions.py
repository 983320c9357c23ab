"""Cutting a corpus into partitions, streaming: JSONL files into byte ranges (whole lines, with
the number of their first line, so documents keep the names a local ingest gives them), other
files (HTML, text, WARC, feeds) into short lists. Nothing lists the whole corpus in memory:
partitions are yielded while folders are walked and files scanned.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Optional, Sequence

from ..ingest.directory import document_files
from ..ingest.sniff import JSONL, kind_from_name
from ..ingest.url import is_url
from ..settings import Settings

TARGET_BYTES = 4_000_000  # JSONL bytes per partition (about a thousand news articles)
FILES_PER_PARTITION = 200
SCAN_BLOCK = 1 << 20


@dataclass(frozen=True)
class Partition:
    """One unit of work. ``kind``: "jsonl" (a byte range of one file) or "files"."""
    index: int
    kind: str
    files: tuple[str, ...]
    start: int = 0  # jsonl: first byte (at a line start)
    end: int = 0  # jsonl: first byte after the range (at a line start or the end of the file)
    first_line: int = 1  # jsonl: 1-based number of the line at ``start``
    missing: tuple[str, ...] = ()  # sources that do not exist (reported as not-found errors)

    @property
    def name(self) -> str:
        return f"part-{self.index:06d}"


def jsonl_ranges(path: Path, target_bytes: int = TARGET_BYTES) -> Iterator[tuple[int, int, int]]:
    """(start, end, first line) ranges of about ``target_bytes``, cut after a newline."""
    size = path.stat().st_size
    start, line = 0, 1
    with path.open("rb") as fh:
        while start < size:
            cut = min(start + target_bytes, size)
            fh.seek(cut)
            if cut < size:
                fh.readline()  # move to the end of the line the cut falls in
                cut = min(fh.tell(), size)
            fh.seek(start)
            lines, left = 0, cut - start
            while left > 0:
                block = fh.read(min(SCAN_BLOCK, left))
                lines += block.count(b"\n")
                left -= len(block)
            yield start, cut, line
            start, line = cut, line + lines


def _is_jsonl(path: Path, settings: Settings) -> bool:
    return (settings.input_format or kind_from_name(path.name)) == JSONL


def plan_partitions(sources: Sequence[str], settings: Settings, target_bytes: int = TARGET_BYTES,
                    files_per_partition: int = FILES_PER_PARTITION) -> Iterator[Partition]:
    """Partitions of ``sources`` in corpus order (the order a local ingest reads them in)."""
    index = 0
    pending: list[str] = []

    def flush_files() -> Optional[Partition]:
        nonlocal index
        if not pending:
            return None
        part = Partition(index, "files", tuple(pending))
        index += 1
        pending.clear()
        return part

    def files_of(source: str) -> Iterator[Path]:
        path = Path(source)
        yield from (document_files(path) if path.is_dir() else [path])

    for source in sources:
        if is_url(source):
            raise ValueError(f"{source}: URLs are not read on a Dask cluster; use `rasd ingest` without "
                             "--dask, or `rasd watch` for feeds")
        if not Path(source).exists():
            if (part := flush_files()) is not None:
                yield part
            yield Partition(index, "files", (), missing=(source,))
            index += 1
            continue
        for file in files_of(source):
            if _is_jsonl(file, settings):
                if (part := flush_files()) is not None:
                    yield part
                for start, end, line in jsonl_ranges(file, target_bytes):
                    yield Partition(index, "jsonl", (str(file),), start, end, line)
                    index += 1
            else:
                pending.append(str(file))
                if len(pending) >= files_per_partition and (part := flush_files()) is not None:
                    yield part
    if (part := flush_files()) is not None:
        yield part
