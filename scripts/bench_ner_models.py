"""Compare the tagging cost of NER models on corpus-dev articles (CPU time, same run, interleaved).

For each model folder: ``NerModel.tag_sentences`` over every article's sentences, as the pipeline
calls it, first with an empty per-word cache (cold: a fresh model) and then again (warm), reported
in ms of CPU time per 3 KB of clean text. Models alternate round by round, so load on a shared
machine affects them alike.

Run: .venv/bin/python scripts/bench_ner_models.py src/rasd/data/models/ner.crfsuite /tmp/other/ner.crfsuite [--rounds 3]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
sys.path.insert(0, str(REPO / "src"))

from bench_recognition import load_articles  # noqa: E402
from rasd.ner.model import NerModel  # noqa: E402
from rasd.settings import Settings  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("models", nargs="+", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    articles = load_articles(Settings(), args.limit)
    if not articles:
        raise SystemExit("no corpus-dev articles found (../shared/data/corpus-dev beside the repository)")
    docs = [[s.tokens for s in a.sentences] for a in articles]
    kb3 = sum(len(a.text) for a in articles) / 3000
    memory = {}
    for path in args.models:  # resident memory the model adds: loaded, then with its per-word caches filled
        before = _rss_mb()
        model = NerModel(path)
        loaded = _rss_mb()
        for doc in docs:
            model.tag_sentences(doc)
        memory[path] = (loaded - before, _rss_mb() - before)
        del model
    cold = {m: [] for m in args.models}
    warm = {m: [] for m in args.models}
    for _ in range(args.rounds):
        for path in args.models:
            model = NerModel(path)
            for times in (cold[path], warm[path]):
                start = time.process_time()
                for doc in docs:
                    model.tag_sentences(doc)
                times.append((time.process_time() - start) * 1000 / kb3)
    print(f"{len(articles)} articles, {kb3:.0f} x 3 KB; CPU ms per 3 KB, median of {args.rounds} rounds")
    for path in args.models:
        print(f"{path}: cold {statistics.median(cold[path]):.2f}  warm {statistics.median(warm[path]):.2f}  "
              f"memory: +{memory[path][0]:.0f} MB loaded, +{memory[path][1]:.0f} MB after tagging")


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


if __name__ == "__main__":
    main()
