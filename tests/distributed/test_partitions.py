"""Partitions cover a corpus exactly, keep the local document names, and are planned lazily."""
import itertools
from pathlib import Path

from rasd.distributed.partitions import jsonl_ranges, plan_partitions
from rasd.distributed.worker import partition_documents
from rasd.ingest import read_sources
from rasd.settings import DEFAULT_SETTINGS

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "corpus-dev"
BBC = CORPUS / "bbc_arabic_2016_2017.jsonl"


def test_jsonl_ranges_cover_the_file_on_line_boundaries():
    ranges = list(jsonl_ranges(BBC, target_bytes=40_000))
    data = BBC.read_bytes()
    assert len(ranges) > 5 and ranges[0][:1] == (0,) and ranges[-1][1] == len(data)
    for (start, end, line), (next_start, _, next_line) in zip(ranges, ranges[1:]):
        assert end == next_start and data[end - 1:end] == b"\n"
        assert next_line == line + data[start:end].count(b"\n")


def test_partitions_read_what_a_local_ingest_reads(tmp_path):
    bad = tmp_path / "mixed.jsonl"
    bad.write_bytes(BBC.read_bytes()[:30_000].rsplit(b"\n", 1)[0] + b"\n{broken\n\n")
    folder = tmp_path / "pages"
    folder.mkdir()
    html = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "html"
    for page in sorted(html.rglob("*.html"))[:5]:
        (folder / page.name).write_bytes(page.read_bytes())
    sources = [str(bad), str(folder), str(tmp_path / "missing.jsonl"), str(BBC)]
    parts = list(plan_partitions(sources, DEFAULT_SETTINGS, target_bytes=25_000, files_per_partition=2))
    assert [p.index for p in parts] == list(range(len(parts)))
    assert {p.kind for p in parts} == {"jsonl", "files"}

    def summary(item):
        return (type(item).__name__, item.source, getattr(item, "reason", None), getattr(item, "text", None))
    from_parts = [summary(d) for p in parts for d in partition_documents(p, DEFAULT_SETTINGS)]
    assert from_parts == [summary(d) for d in read_sources(sources)]


def test_planning_is_lazy(tmp_path):
    big = tmp_path / "big.jsonl"
    with big.open("wb") as fh:
        for _ in range(40):
            fh.write(BBC.read_bytes())
    first = list(itertools.islice(plan_partitions([str(big)], DEFAULT_SETTINGS, target_bytes=100_000), 2))
    assert [p.first_line for p in first][0] == 1 and first[1].start == first[0].end
