"""Benchmark of the article layer: read + clean + normalize + segment (rasd.pipeline.Pipeline with
its default stages as they were when the article layer was built: segmentation only).

Two paths, each on one core in this process:
  text  corpus-dev JSONL (../shared/data/corpus-dev/*.jsonl) -> articles/s
  html  the saved pages of ../shared/data/html (every page of manifest.csv) -> pages/s, side by side
        with trafilatura's own extraction of the same bytes in the same run, as a ratio
        (rasd / trafilatura; 1.0 = as fast as trafilatura alone).
Peak memory is the growth of the process's peak RSS during each path (ru_maxrss), plus the
tracemalloc peak of Python allocations when --tracemalloc is given (slower).

    .venv/bin/python bench/bench_article_layer.py [--repeat 3] [--path text|html|both]
                                                  [--all-stages] [--tracemalloc]

--all-stages runs whatever ``default_stages`` holds today (recognition, event coding...), which
is no longer the article layer alone.
"""
from __future__ import annotations

import argparse
import csv
import gc
import os
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
sys.path.insert(0, str(REPO / "src"))

import trafilatura  # noqa: E402

from rasd.ingest import read_sources  # noqa: E402
from rasd.model import Article  # noqa: E402
from rasd.pipeline import Pipeline, Segmenter, default_stages  # noqa: E402
from rasd.settings import Settings  # noqa: E402


def article_layer(all_stages: bool) -> Pipeline:
    settings = Settings()
    return Pipeline(settings, default_stages(settings) if all_stages else [Segmenter(settings)])


def load_average() -> str:
    """The machine's load when the figures were taken: CPU time grows on a crowded machine too
    (shared caches and cores), so figures from different runs compare only at similar load."""
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (1 min), {five:.1f} (5 min), {os.cpu_count()} CPUs"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def run_pipeline(pipeline: Pipeline, sources: list[str]) -> tuple[int, int]:
    """Articles and errors; outputs are dropped as they come, as in a streaming run."""
    ok = failed = 0
    for item in pipeline.pipe(read_sources(sources, pipeline.settings)):
        if isinstance(item, Article):
            ok += 1
        else:
            failed += 1
    return ok, failed


def timed(fn: Callable[[], object], repeat: int) -> tuple[float, list[float], object]:
    """Median CPU seconds of ``repeat`` runs (process time: one core, robust to a busy machine)."""
    times, result = [], None
    for _ in range(repeat):
        gc.collect()
        start = time.process_time()
        result = fn()
        times.append(time.process_time() - start)
    return statistics.median(times), times, result


def with_memory(fn: Callable[[], object], trace: bool) -> tuple[object, float, float | None]:
    before = peak_rss_mb()
    if trace:
        tracemalloc.start()
    result = fn()
    traced = None
    if trace:
        traced = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    return result, max(peak_rss_mb() - before, 0.0), traced


def bench_text(args) -> None:
    files = [str(p) for p in sorted((DATA / "corpus-dev").glob("*.jsonl"))]
    pipeline = article_layer(args.all_stages)
    # First pass, fresh pipeline (cold caches): the figure a one-off batch of this size sees.
    cold_start = time.process_time()
    (ok, failed), rss, traced = with_memory(lambda: run_pipeline(pipeline, files), args.tracemalloc)
    cold = time.process_time() - cold_start
    warm, runs, _ = timed(lambda: run_pipeline(pipeline, files), args.repeat)
    n = ok + failed
    print(f"text  corpus-dev: {n} documents ({ok} articles, {failed} rejected)")
    print(f"      first pass  {n / cold:8.0f} articles/s   ({cold:.2f} s CPU)")
    print(f"      later passes {n / warm:7.0f} articles/s   (median of {args.repeat}: "
          + ", ".join(f"{t:.2f}" for t in runs) + " s CPU)")
    print(f"      peak memory +{rss:.0f} MB RSS, {peak_rss_mb():.0f} MB process peak"
          + (f", {traced:.0f} MB traced" if traced is not None else ""))
    print(f"      target >= 1,000 articles/s on one core: {'met' if n / warm >= 1000 else 'NOT met'}")
    print(f"      {load_average()}")


def html_pages() -> list[Path]:
    with (DATA / "html" / "manifest.csv").open(encoding="utf-8") as fh:
        return [DATA / "html" / r["file"] for r in csv.DictReader(fh) if (DATA / "html" / r["file"]).is_file()]


def bench_html(args) -> None:
    pages = html_pages()
    blobs = [p.read_bytes() for p in pages]
    pipeline = article_layer(args.all_stages)
    sources = [str(p) for p in pages]

    def trafilatura_alone() -> int:
        # The same information rasd takes from a page: main text plus metadata (title, author,
        # site, categories and the htmldate publication date), from the same bytes.
        return sum(trafilatura.bare_extraction(b, with_metadata=True, include_comments=False) is not None
                   for b in blobs)

    def trafilatura_text_only() -> int:
        return sum(trafilatura.extract(b) is not None for b in blobs)

    # The first run warms imports and caches for both sides alike, and gives the memory figure.
    (ok, failed), rss, traced = with_memory(lambda: run_pipeline(pipeline, sources), args.tracemalloc)
    trafilatura_alone()
    # Interleave the two sides so a change in machine speed hits both.
    rasd_times, traf_times, text_times = [], [], []
    for _ in range(args.repeat):
        rasd_times.append(timed(lambda: run_pipeline(pipeline, sources), 1)[0])
        traf_times.append(timed(trafilatura_alone, 1)[0])
        text_times.append(timed(trafilatura_text_only, 1)[0])
    rasd_t, traf_t, text_t = map(statistics.median, (rasd_times, traf_times, text_times))
    n = len(pages)
    ratio = traf_t / rasd_t
    print(f"html  {n} saved pages ({ok} Arabic articles, {failed} rejected: Persian or no article)")
    print(f"      rasd article layer            {n / rasd_t:6.1f} pages/s  ({rasd_t:.2f} s CPU, median of {args.repeat})")
    print(f"      trafilatura text+metadata     {n / traf_t:6.1f} pages/s  ({traf_t:.2f} s CPU)")
    print(f"      trafilatura.extract text only {n / text_t:6.1f} pages/s  ({text_t:.2f} s CPU)")
    print(f"      speed ratio rasd / trafilatura (same output): {ratio:.2f}x   "
          f"(vs text-only extract: {text_t / rasd_t:.2f}x)")
    print(f"      peak memory +{rss:.0f} MB RSS, {peak_rss_mb():.0f} MB process peak"
          + (f", {traced:.0f} MB traced" if traced is not None else ""))
    print(f"      target >= 0.9x trafilatura alone: {'met' if ratio >= 0.9 else 'NOT met'}")
    print(f"      {load_average()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per path (median reported)")
    parser.add_argument("--path", choices=["text", "html", "both"], default="both", help="which path to run")
    parser.add_argument("--all-stages", action="store_true",
                        help="run every stage in default_stages, not only the article layer")
    parser.add_argument("--tracemalloc", action="store_true", help="also report the traced Python peak")
    args = parser.parse_args()
    import logging
    logging.disable(logging.WARNING)  # trafilatura logs every page it discards
    if args.path in ("text", "both"):
        bench_text(args)
    if args.path in ("html", "both"):
        bench_html(args)


if __name__ == "__main__":
    main()
