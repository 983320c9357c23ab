"""Benchmark of the recognition stages: CPU milliseconds per 3 KB article, stage by stage.

The issue's speed target for recognition (issue 3) is "recognition adds at most 1 ms per 3 KB
article on average". This script reads corpus-dev (../shared/data/corpus-dev/*.jsonl) as the
pipeline does, cleans and segments each article once outside the clock, then runs every stage of
``rasd.pipeline.default_stages`` after segmentation on each article and charges each stage the CPU
time (time.process_time: one core, robust to a busy machine) it took.

    .venv/bin/python bench/bench_recognition.py [--repeat 3] [--limit N] [--stages all|recognition]

Figures: ms per 3 KB article in two conventions, and ms per article. The target is judged on
"3 KB" read literally: 3,000 bytes of the clean body in UTF-8 (Arabic letters take 2 bytes, so
corpus-dev's articles, about 2.4 K characters, are about 4.4 KB and 3 KB is about 1,650 characters).
The older convention of docs/ner.md, 3,000 characters, is printed beside it (1.8 times larger). "first pass" is a fresh pipeline (cold per-word caches, the figure a
one-off batch sees); "later passes" the median of --repeat passes over the same articles.
Recognition = every stage between segmentation and the EventCoder; NER is shown apart (another
target owns it) and the lexicon recognizers' sum without it. The lexicon recognizers share one
normalized view of the text and one automaton pass of all their matchers (made by whichever asks
first); the bench makes them before the first recognizer and shows them as "(shared view)" and
"(shared scan)".
Building the stages freezes the loaded lexicons and models out of the garbage collector's sight
and raises its young threshold (``rasd.pipeline.freeze_loaded``), as in production; a collection
is charged to whichever stage set it off. To compare two versions of the code use same-process
A/B or alternate runs (this machine's load moves single runs by 10%), and check the output with
``bench/dump_outputs.py``.
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
    kchars = sum(len(a.text) for a in articles) / 1000
    kbytes = sum(len(a.text.encode("utf-8")) for a in articles) / 1000
    per_3kb = 3.0 / (kbytes / n)  # articles of the corpus's mean size per 3 KB (UTF-8) article
    per_3kch = 3.0 / (kchars / n)  # ... per article of 3,000 characters

    t = time.process_time()
    built = default_stages(settings)
    load_s = time.process_time() - t
    stages = [(type(s).__name__, s) for s in built[1:]  # [0] is the Segmenter, done above
              if args.stages == "all" or not isinstance(s, EventCoder)]
    # The work the lexicon recognizers share (the normalized view of the text and the one
    # automaton pass of their matchers) is done by the first of them; charge it apart.
    group = next((m._group for m in _lexicon_matchers(built) if m._group is not None), None)
    if group is not None:
        def view(article: Article) -> Article:
            text_view(article.text)
            return article

        def scan(article: Article) -> Article:
            group.candidates_for(group.matchers[0], text_view(article.text).text)
            return article
        stages[:0] = [("(shared view)", view), ("(shared scan)", scan)]

    gc.collect()
    cold = one_pass(stages, articles)
    runs = []
    for _ in range(args.repeat):
        gc.collect()
        runs.append(one_pass(stages, articles))
    warm = {name: statistics.median(r[name] for r in runs) for name, _ in stages}

    def ms3(seconds: float) -> float:
        return seconds * 1000 / n * per_3kb

    def ms3ch(seconds: float) -> float:
        return seconds * 1000 / n * per_3kch

    print(f"corpus-dev: {n} articles, {kchars / n:.2f} K characters = {kbytes / n:.2f} KB of UTF-8 of clean "
          f"text each on average; lexicons and models built in {load_s:.2f} s CPU")
    print("ms per 3 KB = per 3,000 bytes of UTF-8 (the target's unit); per 3 K chars = per 3,000 characters")
    print(f"{'stage':<20} {'first pass':>12} {'later passes':>14} {'later passes':>14} {'ms/article':>11}")
    print(f"{'':<20} {'ms per 3 KB':>12} {'ms per 3 KB':>14} {'per 3 K chars':>14} {'(later)':>11}")
    ner = {type(s).__name__ for s in built if isinstance(s, NerRecognizer)}
    coder = {type(s).__name__ for s in built if isinstance(s, EventCoder)}
    for name, _ in stages:
        print(f"{name:<20} {ms3(cold[name]):12.3f} {ms3(warm[name]):14.3f} {ms3ch(warm[name]):14.3f} "
              f"{warm[name] * 1000 / n:11.3f}")
    recog = [name for name, _ in stages if name not in coder]
    lexical = [name for name in recog if name not in ner]
    for label, names in (("recognition", recog), ("  without NER", lexical)):
        print(f"{label:<20} {ms3(sum(cold[x] for x in names)):12.3f} {ms3(sum(warm[x] for x in names)):14.3f} "
              f"{ms3ch(sum(warm[x] for x in names)):14.3f} {sum(warm[x] for x in names) * 1000 / n:11.3f}")
    total = sum(warm[x] for x in recog)
    total_cold = sum(cold[x] for x in recog)
    for label, seconds in (("later passes", total), ("first pass", total_cold)):
        print(f"target (recognition <= 1 ms per 3 KB article, 3 KB = 3,000 bytes of UTF-8), {label}: "
              f"{'met' if ms3(seconds) <= 1.0 else 'NOT met'} ({ms3(seconds):.2f} ms per 3 KB; "
              f"{ms3ch(seconds):.2f} ms per 3,000 characters)")


if __name__ == "__main__":
    main()
