"""Benchmark of `rasd ingest` into SQLite: 1 worker, 2 workers and a local Dask cluster, on
corpus-dev (../shared/data/corpus-dev/*.jsonl) repeated to --n articles.

Each repetition gets its own id and a distinct closing line, so every article is analysed and
stored (not skipped as unchanged) and is a near-duplicate of its original: the duplicate index
and event merging work as they would on a wire-heavy corpus.

Throughput is articles read per second of wall time, start-up (building the pipeline in each
process) included. Peak memory is the highest resident set size of this process plus all its
children (worker processes, Dask nanny and workers), sampled every 0.2 s with psutil.

    .venv/bin/python bench/bench_ingest.py [--n 20000] [--modes 1,2,dask] [--batch-size 100]
    .venv/bin/python bench/bench_ingest.py --n 100000 --modes 2     # the 1 GB memory check
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "data" / "corpus-dev"
sys.path.insert(0, str(REPO / "src"))

from rasd.distributed import ingest_dask  # noqa: E402
from rasd.store import Store  # noqa: E402
from rasd.store.ingest import ingest_sources  # noqa: E402


def build_corpus(path: Path, n: int) -> None:
    """corpus-dev records repeated (streamed) until ``n`` lines are written."""
    records = []
    for file in sorted(CORPUS.glob("*.jsonl")):
        with file.open(encoding="utf-8") as fh:
            records += [json.loads(line) for line in fh if line.strip()]
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            rep, record = divmod(i, len(records))
            record = dict(records[record])
            if rep:
                record["id"] = f"{record.get('id', i)}-r{rep}"
                record["text"] = f"{record.get('text', '')}\nأعيد نشر هذا الخبر (النسخة {rep})."
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


class PeakMemory:
    """Peak RSS of this process and its descendants, sampled in a thread."""

    def __init__(self, every: float = 0.2):
        self.every, self.peak, self._stop = every, 0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> int:
        me = psutil.Process()
        total = me.memory_info().rss
        for child in me.children(recursive=True):
            try:
                total += child.memory_info().rss
            except psutil.Error:
                pass
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._sample())
            self._stop.wait(self.every)

    def __enter__(self) -> "PeakMemory":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def run(mode: str, corpus: Path, folder: Path, batch_size: int) -> dict:
    db = folder / f"bench-{mode}.sqlite"
    with Store.open(str(db)) as store, PeakMemory() as memory:
        started = time.monotonic()
        if mode == "dask":
            summary = ingest_dask(store, [str(corpus)], "local", workers=2, batch_size=batch_size,
                                  staging=folder / "staging", target_bytes=1_000_000)
        else:
            summary = ingest_sources(store, [str(corpus)], batch_size=batch_size, workers=int(mode), progress=False)
        seconds = time.monotonic() - started
    return {"mode": mode, "read": summary.read, "stored": summary.stored, "events": summary.events,
            "duplicates": summary.duplicates, "merges": summary.merges, "failed": summary.failed_total,
            "seconds": round(seconds, 1), "rate": round(summary.read / seconds, 2),
            "peak_mb": round(memory.peak / 2 ** 20)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=20_000, help="articles (corpus-dev repeated)")
    parser.add_argument("--modes", default="1,2,dask", help="comma-separated: 1, 2 (workers), dask")
    parser.add_argument("--batch-size", type=int, default=100, help="documents per transaction")
    args = parser.parse_args()
    print(f"cpu cores: {os.cpu_count()}; load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory(prefix="rasd-bench-") as tmp:
        folder = Path(tmp)
        corpus = folder / "corpus.jsonl"
        build_corpus(corpus, args.n)
        print(f"corpus: {args.n} articles, {corpus.stat().st_size / 2 ** 20:.1f} MiB")
        results = []
        for mode in args.modes.split(","):
            result = run(mode.strip(), corpus, folder, args.batch_size)
            results.append(result)
            print(json.dumps(result), f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    by_mode = {r["mode"]: r for r in results}
    if "1" in by_mode and "2" in by_mode:
        print(f"speed-up 2 workers / 1 worker: {by_mode['2']['rate'] / by_mode['1']['rate']:.2f}x")
    if "1" in by_mode and "dask" in by_mode:
        print(f"speed-up dask (2 workers) / 1 worker: {by_mode['dask']['rate'] / by_mode['1']['rate']:.2f}x")


if __name__ == "__main__":
    main()
