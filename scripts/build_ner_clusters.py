"""Build src/rasd/data/models/ner_clusters.tsv: word clusters the NER features use.

Brown-like distributional clusters: every word seen at least MIN_COUNT times is described by
the words to its left and right (PPMI-weighted counts over the CONTEXTS most frequent words),
reduced by SVD and grouped by k-means at two granularities (coarse and fine). Names of people,
places and organisations share contexts (after قال / الرئيس / في مدينة ...), so an unseen name
often lands in a cluster the CRF has learnt to trust.

Text: ../shared/data/corpus-dev (news, unannotated), the sentences of ../shared/data/gsr-dev
(newswire, MIT), the tokens of ../shared/data/wojood-sample (MIT; its tags are not read) and the
first nine tenths of ANERcorp's tokens (never the held-out tenth, so the pinned held-out score
stays honest). Only word -> cluster numbers are written, no text.

Run: .venv/bin/python scripts/build_ner_clusters.py [--out PATH]  (deterministic: fixed seed)
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
from rasd.ner.corpus import heldout_split, read_corpus  # noqa: E402
from rasd.normalize import normalize  # noqa: E402
from rasd.segment import TOKEN_RE  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"
OUT = ROOT / "src" / "rasd" / "data" / "models" / "ner_clusters.tsv"
MIN_COUNT = 3
CONTEXTS = 800
DIMENSIONS = 64
GRANULARITIES = (32, 128, 512, 2048)
SEED = 13


def raw_sentences(anercorp: bool = True) -> list[list[str]]:
    """Token lists (raw spelling) of the unannotated text and of ANERcorp's first nine tenths."""
    sentences = []
    for path in sorted((SHARED / "corpus-dev").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            for paragraph in (record.get("title") or "", record.get("text") or ""):
                for part in paragraph.split("\n"):
                    words = [m.group() for m in TOKEN_RE.finditer(part)]
                    if words:
                        sentences.append(words)
    for path in sorted((SHARED / "gsr-dev").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                words = [m.group() for m in TOKEN_RE.finditer(row.get("text") or "")]
                if words:
                    sentences.append(words)
    for path in sorted((SHARED / "wojood-sample").glob("*.txt")):
        words = []
        for line in path.read_text(encoding="utf-8").splitlines() + [""]:
            token = line.split()[0] if line.split() else ""
            if token and token != "$#$":
                words.append(token)
            elif words:
                sentences.append(words)
                words = []
    if anercorp:
        train, _ = heldout_split(read_corpus(SHARED / "anercorp" / "train.txt"))
        sentences.extend(list(s.tokens) for s in train)
    return sentences


def corpus_sentences() -> list[list[str]]:
    """The unlabelled text and ANERcorp's first nine tenths, every word normalized."""
    return [[normalize(token) for token in sentence] for sentence in raw_sentences()]


def kmeans(x: np.ndarray, k: int, rng: np.random.Generator, iterations: int = 25) -> np.ndarray:
    centres = x[rng.choice(len(x), k, replace=False)]
    for _ in range(iterations):
        labels = np.argmax(x @ centres.T, axis=1)  # rows are unit vectors: cosine similarity
        for j in range(k):
            members = x[labels == j]
            if len(members):
                c = members.sum(axis=0)
                centres[j] = c / (np.linalg.norm(c) or 1.0)
    return np.argmax(x @ centres.T, axis=1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=OUT)
    out = parser.parse_args().out
    sentences = corpus_sentences()
    counts = Counter(w for s in sentences for w in s)
    words = sorted((w for w, n in counts.items() if n >= MIN_COUNT), key=lambda w: (-counts[w], w))
    index = {w: i for i, w in enumerate(words)}
    contexts = {w: i for i, w in enumerate(words[:CONTEXTS])}
    matrix = np.zeros((len(words), 2 * CONTEXTS), dtype=np.float32)
    for s in sentences:
        for i, w in enumerate(s):
            row = index.get(w)
            if row is None:
                continue
            if i > 0 and s[i - 1] in contexts:
                matrix[row, contexts[s[i - 1]]] += 1
            if i + 1 < len(s) and s[i + 1] in contexts:
                matrix[row, CONTEXTS + contexts[s[i + 1]]] += 1
    total = matrix.sum()
    expected = np.outer(matrix.sum(axis=1), matrix.sum(axis=0)) / total
    with np.errstate(divide="ignore", invalid="ignore"):
        ppmi = np.maximum(np.log(np.where(matrix > 0, matrix / expected, 1.0)), 0.0)
    u, s_values, _ = np.linalg.svd(ppmi, full_matrices=False)
    vectors = u[:, :DIMENSIONS] * s_values[:DIMENSIONS]
    vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
    rng = np.random.default_rng(SEED)
    labels = [kmeans(vectors, k, rng) for k in GRANULARITIES]
    lines = ["word\t" + "\t".join(f"c{k}" for k in GRANULARITIES)]
    lines += [w + "\t" + "\t".join(str(int(l[i])) for l in labels) for i, w in enumerate(words)]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{out}: {len(words)} words, clusters {GRANULARITIES}")


if __name__ == "__main__":
    main()
