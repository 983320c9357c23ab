"""Train the neural window tagger (rasd.ner.neural) and measure it with the CRF.

  python scripts/build_ner_neural.py dev   [--crf /tmp/ner-exp/base-dev/ner.crfsuite] [--weights 0.5,1,2]
      fit on ANERcorp's first eight tenths, score the development tenth: the net alone, and the CRF
      with the net's log-probabilities added at each weight (product of experts)
  python scripts/build_ner_neural.py heldout [--crf MODEL] ...   the same on nine tenths / the held-out tenth
  python scripts/build_ner_neural.py build  [--out src/rasd/data/models/ner_neural.npz]
      fit on the first nine tenths (as the shipped CRF) and write the model

The e5 vectors come from /tmp/ner-emb/e5.npz (scripts/build_ner_embeddings.py embed), reduced by PCA.
Deterministic (fixed seeds). Never trains on the held-out tenth.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
from rasd.evaluate.ner import score_ner  # noqa: E402
from rasd.ner.corpus import heldout_split, read_corpus  # noqa: E402
from rasd.ner.document import documents  # noqa: E402
from rasd.ner.features import word_of  # noqa: E402
from rasd.ner.model import NerModel, shipped_models_dir, tag_repeated_surnames  # noqa: E402
from rasd.ner.neural import NEURAL_NAME  # noqa: E402
from rasd.ner.neural_train import NeuralParams, export, predict, prepare, train  # noqa: E402
from rasd.ner.resources import make_featurizer  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"
CACHE = Path("/tmp/ner-emb/e5.npz")
LABELS = ("O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC")


def load_vectors(cache: Path, dims: int) -> tuple[list[str], np.ndarray]:
    if dims == 0 or not cache.is_file():
        return [], np.zeros((0, dims), dtype=np.float32)
    from build_ner_embeddings import reduce  # scripts/: centred, PCA, unit length

    data = np.load(cache)
    x = reduce(data["vectors"], dims) * np.sqrt(dims)
    return [str(w) for w in data["words"]], x.astype(np.float16).astype(np.float32)


def vector_lookup(words: list[str], vectors: np.ndarray, dims: int):
    ids = {w: i for i, w in enumerate(words)}
    zero = np.zeros(dims, dtype=np.float32)

    def vector_of(word) -> np.ndarray:
        i = ids.get(word[0])
        if i is None:
            i = ids.get(word[1])
        if i is None:
            i = ids.get("ال" + word[1])
        return vectors[i] if i is not None else zero
    return vector_of


def splits(name: str):
    train, heldout = heldout_split(read_corpus(SHARED / "anercorp" / "train.txt"))
    return (train, heldout) if name == "heldout" else heldout_split(train, 1 / 9)


def fit(train_sentences, featurizer, vector_of, params: NeuralParams, args_exclude: str = ""):
    words = [[word_of(t) for t in s.tokens] for s in train_sentences]
    exclude = tuple(p for p in args_exclude.split(",") if p)
    own = lambda w: [f for f in featurizer.word_parts(w)[0] if not f.startswith(exclude)]  # noqa: E731
    data = prepare(words, [s.tags for s in train_sentences], own, vector_of, LABELS, params.min_count)
    print(f"{len(data.labels)} tokens, {len(data.words)} words, {len(data.features)} features", flush=True)
    start = time.process_time()
    weights = train(data, params)
    weights["feature_table"] = weights["feature_table"].astype(np.float16).astype(np.float32)
    print(f"trained in {time.process_time() - start:.0f} s CPU", flush=True)
    return weights, data, own


def combined_tags(crf_model: NerModel, logp: np.ndarray, document_words, weight: float) -> list[list[str]]:
    """CRF emissions + weight * the net's log-probabilities, Viterbi with the CRF's transitions."""
    crf = crf_model._crf
    column = [LABELS.index(label) for label in crf.labels]
    from rasd.ner.decode import _longest_first

    order = _longest_first(document_words)
    starts = np.cumsum([0] + [len(s) for s in document_words])
    flat, sentence_of, position = crf._batch_emissions([document_words[i] for i in order])
    extra = np.concatenate([logp[starts[i]:starts[i + 1]] for i in order])[:, column]
    tags = crf._decode(len(document_words), order, [len(document_words[i]) for i in order],
                       flat + weight * extra, sentence_of, position)
    return tag_repeated_surnames(document_words, tags)


def evaluate(args, params: NeuralParams) -> None:
    train_sentences, test_sentences = splits(args.step)
    featurizer = make_featurizer(args.resources)
    vector_words, vectors = load_vectors(args.cache, args.dims)
    vector_of = vector_lookup(vector_words, vectors, args.dims)
    weights, data, own = fit(train_sentences, featurizer, vector_of, params, args.exclude)
    test_words = [[word_of(t) for t in s.tokens] for s in test_sentences]
    test = prepare(test_words, [s.tags for s in test_sentences], own, vector_of, LABELS, 0, data.features)
    logp = predict(weights, test)
    np.save(f"/tmp/ner-net-{args.name}-{args.step}.npy", logp)  # for `--logp`: other CRFs or weights
    if args.step == "heldout" and args.export:  # the nine-tenths model: the one `build` writes
        export(weights, data, vector_words, vectors, args.export, args.weight)
    report(args, params, logp)


def report(args, params: NeuralParams, logp: np.ndarray) -> None:
    _, test_sentences = splits(args.step)
    gold = [t for s in test_sentences for t in s.tags]
    alone = score_ner(gold, [LABELS[i] for i in logp.argmax(axis=1)])
    results = {"name": args.name, "split": args.step, "net": _summary(alone)}
    if args.crf:
        crf_model = NerModel(args.crf)
        for weight in [float(w) for w in args.weights.split(",")]:
            predicted, first = [], 0
            for document in documents(test_sentences):
                words = [[word_of(t) for t in s.tokens] for s in document]
                n = sum(len(s) for s in words)
                predicted += [t for tags in combined_tags(crf_model, logp[first:first + n], words, weight) for t in tags]
                first += n
            results[f"crf+{weight}"] = _summary(score_ner(gold, predicted))
    line = json.dumps({**results, "params": vars(params), "dims": args.dims, "exclude": args.exclude}, ensure_ascii=False)
    print(line)
    with open("/tmp/ner-neural.jsonl", "a", encoding="utf-8") as f:
        f.write(line + "\n")


def _summary(scores) -> dict:
    return {"f1": round(scores.f1, 4), "p": round(scores.precision, 4), "r": round(scores.recall, 4),
            **{t: round(s.f1, 4) for t, s in scores.per_type.items()}}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("step", choices=("dev", "heldout", "build"))
    parser.add_argument("--name", default="net")
    parser.add_argument("--crf", type=Path, default=None)
    parser.add_argument("--export", type=Path, default=None, help="heldout: also write the net (as build does)")
    parser.add_argument("--logp", type=Path, default=None, help="dev/heldout: a saved net's log-probabilities, no training")
    parser.add_argument("--weights", default="0.5,1,2")
    parser.add_argument("--weight", type=float, default=1.0, help="build: the net's weight beside the CRF")
    parser.add_argument("--resources", type=Path, default=shipped_models_dir())
    parser.add_argument("--cache", type=Path, default=CACHE)
    parser.add_argument("--dims", type=int, default=64)
    parser.add_argument("--exclude", default="", help="feature prefixes the net does not see (e.g. w=,s=: no word identity)")
    parser.add_argument("--out", type=Path, default=shipped_models_dir() / NEURAL_NAME)
    for field, default in vars(NeuralParams()).items():
        parser.add_argument("--" + field.replace("_", "-"), type=type(default), default=default)
    args = parser.parse_args()
    params = NeuralParams(**{f: getattr(args, f) for f in vars(NeuralParams())})
    if args.logp:  # scores of a net already trained (``dev``/``heldout`` save them), other CRF or weights
        report(args, params, np.load(args.logp))
        return
    if args.step != "build":
        evaluate(args, params)
        return
    train_sentences, _ = splits("heldout")
    featurizer = make_featurizer(args.resources)
    vector_words, vectors = load_vectors(args.cache, args.dims)
    weights, data, _ = fit(train_sentences, featurizer, vector_lookup(vector_words, vectors, args.dims), params,
                          args.exclude)
    export(weights, data, vector_words, vectors, args.out, args.weight)
    print(f"{args.out}: {args.out.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
