"""Measure a NER change on the development tenth (or, for a final candidate, the held-out tenth).

The development split: the model is fitted on the first eight tenths of ANERcorp's training file and
scored on the ninth (the tenth just before the held-out one), so changes are chosen without looking
at the held-out tenth. ``--split heldout`` fits on the first nine tenths and scores the last (as the
shipped model and tests/ner/test_gate.py do): use it for the final choice only.

Run: .venv/bin/python scripts/ner_experiment.py --name base [--wojood nomisc] [--c1 0.05 --c2 0.01] [--resources DIR]
Prints one JSON line (micro and per-type P/R/F1, training seconds, model size) and appends it to
--log (default /tmp/ner-experiments.jsonl).
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
from rasd.evaluate.ner import score_sentences  # noqa: E402
from rasd.ner.corpus import TaggedSentence, heldout_split, read_corpus  # noqa: E402
from rasd.ner.model import NerModel  # noqa: E402
from rasd.ner.train import TrainingParams, train_model  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"


def split(name: str):
    train, heldout = heldout_split(read_corpus(SHARED / "anercorp" / "train.txt"))
    if name == "heldout":
        return train, heldout
    return heldout_split(train, 1 / 9)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--name", required=True)
    parser.add_argument("--split", choices=("dev", "heldout"), default="dev")
    parser.add_argument("--c1", type=float, default=TrainingParams.c1)
    parser.add_argument("--c2", type=float, default=TrainingParams.c2)
    parser.add_argument("--iterations", type=int, default=TrainingParams.max_iterations)
    parser.add_argument("--resources", type=Path, default=None, help="folder with ner_gazetteer.tsv / ner_clusters.tsv")
    parser.add_argument("--out", type=Path, default=Path("/tmp/ner-exp"))
    parser.add_argument("--log", type=Path, default=Path("/tmp/ner-experiments.jsonl"))
    parser.add_argument("--wojood", choices=("none", "nomisc", "misc"), default="none",
                        help="add Wojood-sample's training sentences (outermost PERS, ORG, GPE/LOC spans; "
                             "misc: EVENT, PRODUCT, LANGUAGE as MISC too)")
    args = parser.parse_args()
    extra = {"iterations": args.iterations, "wojood": args.wojood, "resources": str(args.resources or "")}
    train, test = split(args.split)
    if args.wojood != "none":
        train = train + read_nested(SHARED / "wojood-sample" / "train.txt", misc=args.wojood == "misc")
    params = TrainingParams(c1=args.c1, c2=args.c2, max_iterations=args.iterations, workers=1)
    out = args.out / args.name / "ner.crfsuite"
    cpu = time.process_time()
    report = train_model(train, out, resources_dir=args.resources, params=params)
    scores = score_sentences(test, NerModel(out))
    result = {"name": args.name, "split": args.split, "c1": args.c1, "c2": args.c2, "extra": extra,
              "f1": round(scores.f1, 4), "p": round(scores.precision, 4), "r": round(scores.recall, 4),
              **{t: round(s.f1, 4) for t, s in scores.per_type.items()},
              "train_s": round(report.seconds, 1), "cpu_s": round(time.process_time() - cpu + resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime, 1),
              "model_mb": round(report.model_bytes / 1e6, 2)}
    line = json.dumps(result, ensure_ascii=False)
    print(line)
    with args.log.open("a", encoding="utf-8") as f:
        f.write(line + "\n")


NESTED_TYPES = {"PERS": "PERS", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC"}
NESTED_MISC = {"EVENT": "MISC", "PRODUCT": "MISC", "LANGUAGE": "MISC"}


def read_nested(path: Path, misc: bool = False) -> list[TaggedSentence]:
    """Wojood-style nested file -> flat 4-type sentences: outermost spans of the mapped types."""
    mapping = {**NESTED_TYPES, **(NESTED_MISC if misc else {})}
    sentences = []
    tokens, tag_lists = [], []

    def flush():
        if not tokens:
            return
        spans = []
        for etype in {t[2:] for tags in tag_lists for t in tags if t != "O"}:
            if etype not in mapping:
                continue
            start = None
            for i, tags in enumerate(tag_lists + [[]]):
                mine = next((t[:1] for t in tags if t[2:] == etype), None)
                if start is not None and mine != "I":
                    spans.append((start, i, mapping[etype]))
                    start = None
                if mine == "B" or (mine == "I" and start is None):
                    start = i
        spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
        tags = ["O"] * len(tokens)
        covered_to = 0
        for start, end, etype in spans:
            if start < covered_to:
                continue  # inside (or crossing) an outer span already taken
            tags[start] = "B-" + etype
            for i in range(start + 1, end):
                tags[i] = "I-" + etype
            covered_to = end
        sentences.append(TaggedSentence(list(tokens), tags))
        tokens.clear()
        tag_lists.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split()
        if not fields or fields[0] == "$#$":
            flush()
            continue
        tokens.append(fields[0])
        tag_lists.append(fields[1:])
    flush()
    return sentences


if __name__ == "__main__":
    main()
