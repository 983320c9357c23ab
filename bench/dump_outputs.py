"""Dump every article's whole output (tokens, mentions, events: every field) for a before/after diff.

A speed change must not change what the pipeline says. This runs ``rasd.pipeline.Pipeline`` on
corpus-dev (all its JSONL articles), gold-dev (the articles) and gsr-dev (each labelled sentence as
a document, as ``rasd eval`` reads it), and writes one JSON line per document: its source and
``Article.to_dict(tokens=True)`` (or the rejection). Run it before and after a change and compare:

    .venv/bin/python bench/dump_outputs.py /tmp/before.jsonl
    ... change ...
    .venv/bin/python bench/dump_outputs.py /tmp/after.jsonl
    cmp /tmp/before.jsonl /tmp/after.jsonl   # or diff, to see what moved

``--sets corpus-dev,gold-dev`` limits the sets; ``--limit N`` the documents of each.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
sys.path.insert(0, str(REPO / "src"))

from rasd.errors import DocumentRejected  # noqa: E402
from rasd.evaluate.datasets import GSR_TYPES, load_gold, load_gsr  # noqa: E402
from rasd.ingest import read_sources  # noqa: E402
from rasd.model import DocumentError, RawDocument  # noqa: E402
from rasd.pipeline import Pipeline  # noqa: E402
from rasd.settings import Settings  # noqa: E402

SETS = ("corpus-dev", "gold-dev", "gsr-dev")


def documents(name: str, settings: Settings):
    if name == "corpus-dev":
        files = [str(p) for p in sorted((DATA / "corpus-dev").glob("*.jsonl"))]
        for doc in read_sources(files, settings):
            if not isinstance(doc, DocumentError):
                yield doc
    elif name == "gold-dev":
        for gold in load_gold(DATA / "gold-dev"):
            yield gold.raw
    elif name == "gsr-dev":
        for event_type in GSR_TYPES:
            for sent in load_gsr(DATA / "gsr-dev", event_type):
                yield RawDocument(source=f"gsr:{sent.id}", text=sent.text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out")
    parser.add_argument("--sets", default=",".join(SETS))
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    settings = Settings()
    pipeline = Pipeline(settings)
    digest = hashlib.sha256()
    count = 0
    with open(args.out, "w", encoding="utf-8") as out:
        for name in args.sets.split(","):
            for n, doc in enumerate(documents(name, settings)):
                if args.limit is not None and n >= args.limit:
                    break
                try:
                    record = {"set": name, "source": doc.source, "article": pipeline(doc).to_dict(tokens=True)}
                except DocumentRejected as e:
                    record = {"set": name, "source": doc.source, "rejected": [e.reason, e.detail]}
                line = json.dumps(record, ensure_ascii=False, sort_keys=True, default=repr) + "\n"
                digest.update(line.encode("utf-8"))
                out.write(line)
                count += 1
    print(f"{count} documents, sha256 {digest.hexdigest()}")


if __name__ == "__main__":
    main()
