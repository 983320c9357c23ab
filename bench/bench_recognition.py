"""Benchmark of the recognition stages: CPU milliseconds per 3 KB article, stage by stage.

The issue's speed target for recognition (issue 3) is "recognition adds at most 1 ms per 3 KB
article on average". This script reads corpus-dev (../shared/data/corpus-dev/*.jsonl) as the
pipeline does, cleans and segments each article once outside the clock, then runs every stage of
``rasd.pipeline.default_stages`` after segmentation on each article and charges each stage the CPU
time (time.process_time: one core, robust to a busy machine) it took.

    .venv/bin/python bench/bench_recognition.py [--repeat 3] [--limit N] [--stages all|recognition]

Figures: ms per 3 KB article, a KB being 1,000 characters of the clean body (the convention of
docs/ner.md; corpus-dev articles average about 2.4 K characters, 4.4 KB of UTF-8), and ms per
article. "first pass" is a fresh pipeline (cold per-word caches, the figure a
one-off batch sees); "later passes" the median of --repeat passes over the same articles.
Recognition = every stage between segmentation and the EventCoder; NER is shown apart (another
target owns it) and the lexicon recognizers' sum without it. The lexicon recognizers share one
normalized view of the text and one automaton pass of all their matchers (made by whichever asks
first); the bench makes them before the first recognizer and shows them as "(shared view+scan)".
"""
from __future__ import annotations

import argparse
import copy
import gc
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
sys.path.insert(0, str(REPO / "src"))

from rasd.clean import clean_document  # noqa: E402
from rasd.events.coder import EventCoder  # noqa: E402
from rasd.ingest import read_sources  # noqa: E402
from rasd.language import check_language  # noqa: E402
from rasd.model import Article, DocumentError  # noqa: E402
from rasd.lexicon import text_view  # noqa: E402
from rasd.pipeline import Segmenter, _lexicon_matchers, default_stages  # noqa: E402
from rasd.recognize.ner import NerRecognizer  # noqa: E402
from rasd.settings import Settings  # noqa: E402
from rasd.errors import DocumentRejected  # noqa: E402


def load_articles(settings: Settings, limit: int | None) -> list[Article]:
    """Clean, language-checked, segmented articles of corpus-dev (work outside the clock)."""
    files = [str(p) for p in sorted((DATA / "corpus-dev").glob("*.jsonl"))]
    segmenter = Segmenter(settings)
    articles = []
    for doc in read_sources(files, settings):
        if isinstance(doc, DocumentError):
            continue
        try:
            article = clean_document(doc, settings)
            check_language(article, settings)
        except DocumentRejected:
            continue
        articles.append(segmenter(article))
        if limit and len(articles) >= limit:
            break
    return articles


def fresh(article: Article) -> Article:
    """A copy whose stage outputs are empty, sharing the (read-only) sentences and tokens."""
    a = copy.copy(article)
    a.mentions = []
    a.events = []
    return a


def one_pass(stages, articles: list[Article]) -> dict[str, float]:
    """CPU seconds per stage over all articles."""
    spent = {name: 0.0 for name, _ in stages}
    clock = time.process_time
    for article in articles:
        a = fresh(article)
        for name, stage in stages:
            t = clock()
            a = stage(a)
            spent[name] += clock() - t
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3, help="later passes (median reported)")
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    parser.add_argument("--stages", choices=["recognition", "all"], default="recognition",
                        help="recognition: stages before the EventCoder; all: the EventCoder too")
    args = parser.parse_args()
    settings = Settings()
    articles = load_articles(settings, args.limit)
    n = len(articles)
    kb = sum(len(a.text) for a in articles) / 1000
    per_3kb = 3.0 / (kb / n)  # articles of the corpus's mean size per 3 KB article

    t = time.process_time()
    built = default_stages(settings)
    load_s = time.process_time() - t
    stages = [(type(s).__name__, s) for s in built[1:]  # [0] is the Segmenter, done above
              if args.stages == "all" or not isinstance(s, EventCoder)]
    # The work the lexicon recognizers share (the normalized view of the text and the one
    # automaton pass of their matchers) is done by the first of them; charge it apart.
    group = next((m._group for m in _lexicon_matchers(built) if m._group is not None), None)
    if group is not None:
        def shared(article: Article) -> Article:
            group.candidates_for(group.matchers[0], text_view(article.text).text)
            return article
        stages.insert(0, ("(shared view+scan)", shared))

    gc.collect()
    cold = one_pass(stages, articles)
    runs = []
    for _ in range(args.repeat):
        gc.collect()
        runs.append(one_pass(stages, articles))
    warm = {name: statistics.median(r[name] for r in runs) for name, _ in stages}

    def ms3(seconds: float) -> float:
        return seconds * 1000 / n * per_3kb

    print(f"corpus-dev: {n} articles, {kb / n:.2f} K characters of clean text each on average; "
          f"lexicons and models built in {load_s:.2f} s CPU")
    print(f"{'stage':<20} {'first pass':>12} {'later passes':>14} {'ms/article':>11}")
    print(f"{'':<20} {'ms per 3 KB':>12} {'ms per 3 KB':>14} {'(later)':>11}")
    ner = {type(s).__name__ for s in built if isinstance(s, NerRecognizer)}
    coder = {type(s).__name__ for s in built if isinstance(s, EventCoder)}
    for name, _ in stages:
        print(f"{name:<20} {ms3(cold[name]):12.3f} {ms3(warm[name]):14.3f} {warm[name] * 1000 / n:11.3f}")
    recog = [name for name, _ in stages if name not in coder]
    lexical = [name for name in recog if name not in ner]
    for label, names in (("recognition", recog), ("  without NER", lexical)):
        print(f"{label:<20} {ms3(sum(cold[x] for x in names)):12.3f} {ms3(sum(warm[x] for x in names)):14.3f} "
              f"{sum(warm[x] for x in names) * 1000 / n:11.3f}")
    total = sum(warm[x] for x in recog)
    print(f"target: recognition <= 1 ms per 3 KB article: {'met' if ms3(total) <= 1.0 else 'NOT met'} "
          f"({ms3(total):.2f} ms)")


if __name__ == "__main__":
    main()
