"""Benchmark of `rasd ingest` into SQLite: 1 worker, 2 workers and a local Dask cluster, on
corpus-dev (../shared/data/corpus-dev/*.jsonl) repeated to --n articles.

Each repetition gets its own id and a distinct closing line, so every article is analysed and
stored (not skipped as unchanged) and is a near-duplicate of its original: the duplicate index
and event merging work as they would on a wire-heavy corpus.

Throughput is articles read per second of wall time, start-up (building the pipeline in each
process) included. On a shared, loaded machine wall time says little, so each mode also prints
CPU seconds: of this process (the writer; the memory sampler's own CPU taken out) and of its
children (workers, counted when they end), and for 2 workers the speed-up two idle cores would
give from those figures: CPU of the 1-worker run / max(parent CPU, all CPU / 2), the parent
being the one part that cannot be split.

Peak memory, sampled every 0.5 s with psutil over this process and all its children (worker
processes, Dask nanny and workers): ``peak_mb`` is the sum of proportional set sizes (PSS:
a page shared by k processes counts 1/k in each, so the sum is the memory actually used);
``peak_rss_mb`` the sum of resident sizes, which counts every page the forked workers share
with the parent (the pipeline's lexicons and models) once per process.
``peak_pss_uss_by_process`` (and each progress line) splits the figure by process, the parent
first: PSS and USS (the pages only that process holds) in MB, to tell which one grows.

    .venv/bin/python bench/bench_ingest.py [--n 20000] [--modes 1,2,dask] [--batch-size 100]
    .venv/bin/python bench/bench_ingest.py --n 100000 --modes 2     # the 1 GB memory check
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import sqlite3
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Iterator, Optional

import psutil

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "data" / "corpus-dev"
sys.path.insert(0, str(REPO / "src"))

from rasd.store import Store  # noqa: E402
from rasd.store.ingest import ingest_sources  # noqa: E402


def corpus_records(n: int) -> Iterator[dict]:
    """corpus-dev records, read again and again (streamed: one line in memory at a time) until
    ``n`` are given. Copy ``rep`` of a record gets the id ``<id>-r<rep>`` and a closing line
    naming the copy, so it is a new document and a near-duplicate of the original."""
    given, rep = 0, 0
    files = sorted(CORPUS.glob("*.jsonl"))
    while given < n:
        for file in files:
            with file.open(encoding="utf-8") as fh:
                for line_no, line in enumerate(fh, 1):
                    if not line.strip():
                        continue
                    if given >= n:
                        return
                    record = json.loads(line)
                    if rep:
                        record["id"] = f"{record.get('id') or f'{file.stem}:{line_no}'}-r{rep}"
                        record["text"] = f"{record.get('text', '')}\nأعيد نشر هذا الخبر (النسخة {rep})."
                    given += 1
                    yield record
        rep += 1


def write_corpus(path: Path, n: int) -> None:
    """The benchmark's input: ``corpus_records(n)`` as one JSONL file."""
    with path.open("w", encoding="utf-8") as out:
        for record in corpus_records(n):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def _parts(parts: list[tuple[int, int]]) -> str:
    """The parent first, then its descendants: 'PSS/USS' in MB each."""
    return " ".join(f"{pss / 2 ** 20:.0f}/{uss / 2 ** 20:.0f}" for pss, uss in parts)


class PeakMemory:
    """Peak PSS and RSS of this process and its descendants, sampled in a thread (whose own CPU
    time is kept, to take it out of the parent's)."""

    def __init__(self, every: float = 0.5, report_every: float = 0.0, db: Optional[Path] = None):
        self.every, self.peak, self.peak_rss, self._stop = every, 0, 0, threading.Event()
        self.parts: list[tuple[int, int]] = []  # (PSS, USS) of each process at the last sample
        self.peak_parts: list[tuple[int, int]] = []  # and at the peak: which process made it
        self.cpu = 0.0
        self.report_every, self.db = report_every, db  # a progress line every report_every seconds
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> tuple[int, int]:
        me = psutil.Process()
        pss = rss = 0
        parts = []
        for process in [me, *me.children(recursive=True)]:
            try:
                info = process.memory_full_info()
            except psutil.Error:
                continue
            pss += getattr(info, "pss", info.rss)
            rss += info.rss
            parts.append((getattr(info, "pss", info.rss), getattr(info, "uss", info.rss)))
        self.parts = parts
        return pss, rss

    def _run(self) -> None:
        started = last = time.monotonic()
        while not self._stop.is_set():
            pss, rss = self._sample()
            if pss > self.peak:
                self.peak, self.peak_parts = pss, self.parts
            self.peak_rss = max(self.peak_rss, rss)
            self.cpu = time.thread_time()
            if self.report_every and time.monotonic() - last >= self.report_every:
                last = time.monotonic()
                self._report(last - started, pss, rss)
            self._stop.wait(self.every)

    def _report(self, elapsed: float, pss: int, rss: int) -> None:
        """A line a long run can be judged by before it ends (or if it never does)."""
        stored = "?"
        if self.db is not None and self.db.exists():
            try:
                with sqlite3.connect(f"file:{self.db}?mode=ro", uri=True, timeout=5) as conn:
                    stored = conn.execute("select count(*) from documents").fetchone()[0]
            except sqlite3.Error:
                pass
        print(f"  [{elapsed:7.0f}s] documents stored {stored}; PSS now {pss / 2 ** 20:.0f} MB, peak "
              f"{self.peak / 2 ** 20:.0f} MB; RSS sum now {rss / 2 ** 20:.0f} MB, peak {self.peak_rss / 2 ** 20:.0f} MB; "
              f"CPU parent {time.process_time():.0f}s, workers {_children_cpu() + _live_children_cpu():.0f}s; "
              f"load {_load()}; PSS/USS by process now {_parts(self.parts)}, at the peak {_parts(self.peak_parts)}",
              flush=True)

    def __enter__(self) -> "PeakMemory":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def _children_cpu() -> float:
    """CPU of the children that ended (workers are replaced now and then; all end with the run)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _live_children_cpu() -> float:
    total = 0.0
    for child in psutil.Process().children(recursive=True):
        try:
            times = child.cpu_times()
        except psutil.Error:
            continue
        total += times.user + times.system
    return total


def run(mode: str, corpus: Path, folder: Path, batch_size: int, report_every: float = 0.0) -> dict:
    db = folder / f"bench-{mode}.sqlite"
    with Store.open(str(db)) as store, PeakMemory(report_every=report_every, db=db) as memory:
        started, cpu, children = time.monotonic(), time.process_time(), _children_cpu()
        if mode == "dask":
            from rasd.distributed import ingest_dask  # only here: `rasd ingest` imports Dask only for --dask
            summary = ingest_dask(store, [str(corpus)], "local", workers=2, batch_size=batch_size,
                                  staging=folder / "staging", target_bytes=1_000_000)
        else:
            summary = ingest_sources(store, [str(corpus)], batch_size=batch_size, workers=int(mode), progress=False)
        seconds = time.monotonic() - started
        parent_cpu = time.process_time() - cpu
        children_cpu = _children_cpu() - children
    parent_cpu -= memory.cpu
    return {"mode": mode, "read": summary.read, "stored": summary.stored, "events": summary.events,
            "duplicates": summary.duplicates, "merges": summary.merges, "failed": summary.failed_total,
            "seconds": round(seconds, 1), "rate": round(summary.read / seconds, 2),
            "cpu_parent_s": round(parent_cpu, 1), "cpu_children_s": round(children_cpu, 1),
            "parent_cpu_ms_per_article": round(1000 * parent_cpu / max(1, summary.read), 2),
            "cpu_ms_per_article": round(1000 * (parent_cpu + children_cpu) / max(1, summary.read), 1),
            "peak_mb": round(memory.peak / 2 ** 20), "peak_rss_mb": round(memory.peak_rss / 2 ** 20),
            "peak_pss_uss_by_process": _parts(memory.peak_parts)}


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", "--articles", dest="n", type=int, default=20_000,
                        help="articles (corpus-dev repeated)")
    parser.add_argument("--report-every", type=float, default=0.0,
                        help="seconds between progress lines (documents stored, memory, CPU); 0: none")
    parser.add_argument("--modes", default="1,2,dask", help="comma-separated: 1, 2 (workers), dask")
    parser.add_argument("--batch-size", type=int, default=100, help="documents per transaction")
    args = parser.parse_args()
    print(f"cpu cores: {os.cpu_count()}; load average before: {_load()}")
    with tempfile.TemporaryDirectory(prefix="rasd-bench-") as tmp:
        folder = Path(tmp)
        corpus = folder / "corpus.jsonl"
        write_corpus(corpus, args.n)
        print(f"corpus: {args.n} articles, {corpus.stat().st_size / 2 ** 20:.1f} MiB")
        results = []
        for mode in args.modes.split(","):
            result = run(mode.strip(), corpus, folder, args.batch_size, args.report_every)
            results.append(result)
            print(json.dumps(result), f"load average: {_load()}", flush=True)
    by_mode = {r["mode"]: r for r in results}
    if "1" in by_mode and "2" in by_mode:
        one, two = by_mode["1"], by_mode["2"]
        print(f"speed-up 2 workers / 1 worker: {two['rate'] / one['rate']:.2f}x wall (load average {_load()})")
        total_one = one["cpu_parent_s"] + one["cpu_children_s"]
        total_two = two["cpu_parent_s"] + two["cpu_children_s"]
        bound = max(two["cpu_parent_s"], total_two / 2)
        print(f"CPU: 1 worker {total_one:.1f}s; 2 workers {total_two:.1f}s (parent {two['cpu_parent_s']:.1f}s, "
              f"workers {two['cpu_children_s']:.1f}s); speed-up on two idle cores from CPU times: "
              f"{total_one / bound:.2f}x")
    if "1" in by_mode and "dask" in by_mode:
        print(f"speed-up dask (2 workers) / 1 worker: {by_mode['dask']['rate'] / by_mode['1']['rate']:.2f}x")


if __name__ == "__main__":
    main()
