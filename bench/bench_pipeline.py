"""Benchmark of the whole pipeline on text: articles per second on one core, stage by stage, and peak memory.

The issue's target (issue 4): "the whole pipeline on text >= 300 articles/s on one core; memory <=
500 MB". This script reads corpus-dev (../shared/data/corpus-dev/*.jsonl) into raw documents once
(file reading and JSON parsing are not the pipeline), then runs ``rasd.pipeline.Pipeline`` on each
document exactly as ``Pipeline.__call__`` does -- cleaning, the length limit, language check, every
stage of ``default_stages`` -- charging each step its CPU time (time.process_time: the process's
own CPU seconds, robust to a busy machine). Articles/s = articles / CPU seconds of the pass.

    .venv/bin/python bench/bench_pipeline.py [--repeat 3] [--limit N] [--json]

"first pass" runs a freshly built pipeline (cold per-word caches: what a one-off batch sees);
"later passes" is the median of --repeat passes over the same documents. "serialize" (article JSON
as ``rasd extract`` writes it) is shown apart and not counted in articles/s. Peak memory is the
process's peak resident set (ru_maxrss) after everything, lexicons and models included. The
lexicon recognizers share one normalized view of the text and one automaton pass of all their
matchers, made by whichever asks first: they are charged apart as "(shared view)" and "(shared scan)".
Threads are limited to one (OMP/MKL/OpenBLAS) before anything is imported.
Building the stages freezes the loaded lexicons and models out of the garbage collector's sight
and raises its young threshold (``rasd.pipeline.freeze_loaded``), as in production; a collection
is charged to whichever stage set it off. To compare two versions of the code use same-process
A/B or alternate runs (this machine's load moves single runs by 10%), and check the output with
``bench/dump_outputs.py``.
"""
from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import gc  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
sys.path.insert(0, str(REPO / "src"))

from rasd.clean import clean_document  # noqa: E402
from rasd.errors import DocumentRejected  # noqa: E402
from rasd.ingest import read_sources  # noqa: E402
from rasd.language import check_language  # noqa: E402
from rasd.lexicon import text_view  # noqa: E402
from rasd.model import Article, DocumentError, RawDocument  # noqa: E402
from rasd.output import article_json  # noqa: E402
from rasd.pipeline import Pipeline, _lexicon_matchers  # noqa: E402
from rasd.settings import Settings  # noqa: E402

TARGET_ARTICLES_PER_S = 300
TARGET_PEAK_MB = 500


def load_documents(settings: Settings, limit: int | None) -> list[RawDocument]:
    files = [str(p) for p in sorted((DATA / "corpus-dev").glob("*.jsonl"))]
    docs = []
    for doc in read_sources(files, settings):
        if isinstance(doc, DocumentError):
            continue
        docs.append(doc)
        if limit and len(docs) >= limit:
            break
    return docs


def steps(pipeline: Pipeline) -> list[tuple[str, object]]:
    """(name, Article -> Article) in the order Pipeline.__call__ runs them after cleaning."""
    settings = pipeline.settings

    def language(article: Article) -> Article:
        if len(article.text) > settings.max_article_chars:
            raise DocumentRejected(article.source or "", "too-long", "")
        check_language(article, settings)
        return article

    out = [("language check", language)]
    group = next((m._group for m in _lexicon_matchers(pipeline.stages) if m._group is not None), None)
    stages = [(type(s).__name__, s) for s in pipeline.stages]
    if group is not None:
        def view(article: Article) -> Article:
            text_view(article.text)
            return article

        def scan(article: Article) -> Article:
            group.candidates_for(group.matchers[0], text_view(article.text).text)
            return article
        # after segmentation (the first stage), before the first recognizer: what it would do first
        stages[1:1] = [("(shared view)", view), ("(shared scan)", scan)]
    return out + stages


def one_pass(pipeline: Pipeline, docs: list[RawDocument]) -> tuple[dict[str, float], int, float]:
    """CPU seconds per step over all documents, articles coded, and serialization CPU seconds."""
    clock = time.process_time
    named = steps(pipeline)
    spent = {"clean": 0.0, **{name: 0.0 for name, _ in named}}
    done = 0
    serialize = 0.0
    for doc in docs:
        t = clock()
        article = clean_document(doc, pipeline.settings)
        spent["clean"] += clock() - t
        try:
            for name, step in named:
                t = clock()
                article = step(article)
                spent[name] += clock() - t
        except DocumentRejected:
            continue
        done += 1
        t = clock()
        json.dumps(article_json(article), ensure_ascii=False)
        serialize += clock() - t
    return spent, done, serialize


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3, help="later passes (median reported)")
    parser.add_argument("--limit", type=int, default=None, help="first N documents only")
    parser.add_argument("--json", action="store_true", help="also print the figures as one JSON line")
    args = parser.parse_args()
    settings = Settings()
    docs = load_documents(settings, args.limit)

    t = time.process_time()
    pipeline = Pipeline(settings)
    build_s = time.process_time() - t

    gc.collect()
    wall = time.perf_counter()
    cold, n, cold_ser = one_pass(pipeline, docs)
    cold_wall = time.perf_counter() - wall
    runs, sers = [], []
    for _ in range(args.repeat):
        gc.collect()
        spent, _, ser = one_pass(pipeline, docs)
        runs.append(spent)
        sers.append(ser)
    warm = {name: statistics.median(r[name] for r in runs) for name in cold} if runs else cold
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux

    cold_total, warm_total = sum(cold.values()), sum(warm.values())
    chars = sum(len(d.text) for d in docs) / max(1, len(docs))
    print(f"corpus-dev: {len(docs)} documents ({n} coded, the rest rejected), {chars / 1000:.2f} K characters "
          f"of raw text each on average; pipeline built in {build_s:.2f} s CPU")
    print(f"{'step':<22} {'first pass':>12} {'later passes':>14} {'share':>7}")
    print(f"{'':<22} {'ms/article':>12} {'ms/article':>14} {'(later)':>7}")
    for name in cold:
        print(f"{name:<22} {cold[name] * 1000 / n:12.3f} {warm[name] * 1000 / n:14.3f} "
              f"{100 * warm[name] / warm_total:6.1f}%")
    print(f"{'total':<22} {cold_total * 1000 / n:12.3f} {warm_total * 1000 / n:14.3f}")
    print(f"{'(serialize, apart)':<22} {cold_ser * 1000 / n:12.3f} "
          f"{(statistics.median(sers) if sers else cold_ser) * 1000 / n:14.3f}")
    cold_rate, warm_rate = n / cold_total, n / warm_total
    print(f"articles/s on one core (CPU): first pass {cold_rate:.0f}, later passes {warm_rate:.0f} "
          f"(first pass wall clock {n / cold_wall:.0f}/s)")
    print(f"peak memory (max RSS): {peak_mb:.0f} MB")
    speed_ok, memory_ok = warm_rate >= TARGET_ARTICLES_PER_S, peak_mb <= TARGET_PEAK_MB
    print(f"target: >= {TARGET_ARTICLES_PER_S} articles/s: {'met' if speed_ok else 'NOT met'} ({warm_rate:.0f}); "
          f"memory <= {TARGET_PEAK_MB} MB: {'met' if memory_ok else 'NOT met'} ({peak_mb:.0f} MB)")
    if args.json:
        print(json.dumps({"articles": n, "articles_per_s_first": round(cold_rate, 1),
                          "articles_per_s": round(warm_rate, 1), "peak_mb": round(peak_mb),
                          "ms_per_article": {k: round(v * 1000 / n, 4) for k, v in warm.items()}}))


if __name__ == "__main__":
    main()
