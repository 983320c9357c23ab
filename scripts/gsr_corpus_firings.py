"""Dump rasd's events (and gated drops) on the unannotated corpus-dev articles, to read what a
status, reference or gating rule changes on real text.

    .venv/bin/python scripts/gsr_corpus_firings.py OUT.tsv [--cache FILE] [--types ASSAULT,PROTEST] [--limit N]

One line per coded event of the types asked: doc id, type, trigger, status, status rule,
reference frame, then the sentence; and one per candidate the gate dropped (status ``dropped``, the
rule in the reference column). ``diff`` two dumps (before and after a change) to list the
firings. ``--cache`` keeps the articles as they reach the event coder, as in gsr_errors.py.
"""
from __future__ import annotations

import argparse
import json
import pickle
import sys
from pathlib import Path

from rasd.clean import clean_document
from rasd.errors import DocumentRejected
from rasd.evaluate.datasets import shared_data_dir
from rasd.events.coder import EventCoder
from rasd.language import check_language
from rasd.model import RawDocument
from rasd.pipeline import Pipeline
from rasd.settings import DEFAULT_SETTINGS


def prepared(root: Path, cache: Path | None, limit: int | None):
    if cache and cache.exists():
        return pickle.loads(cache.read_bytes())
    pipeline = Pipeline()
    before_coder = [s for s in pipeline.stages if not isinstance(s, EventCoder)]
    out = []
    for path in sorted((root / "corpus-dev").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            published = (rec.get("published_time") or rec.get("rss_timestamp") or "")[:10] or None
            raw = RawDocument(source=rec["id"], text=rec["text"], title=rec.get("title"), published=published)
            try:
                article = clean_document(raw, pipeline.settings)
                check_language(article, pipeline.settings)
                for stage in before_coder:
                    article = stage(article)
            except DocumentRejected:
                continue
            out.append((rec["id"], article))
            if limit and len(out) >= limit:
                break
    if cache:
        cache.write_bytes(pickle.dumps(out))
    return out


def sentence_of(article, start: int) -> str:
    for s in article.sentences:
        if s.start <= start < s.end:
            return s.text.replace("\t", " ").replace("\n", " ")
    return ""


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--cache", type=Path, default=None)
    ap.add_argument("--types", default="ASSAULT,PROTEST")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--data", default=None)
    args = ap.parse_args(argv)
    types = set(args.types.split(","))  # ALL: every type
    coder = EventCoder(DEFAULT_SETTINGS)
    rows = []
    for doc_id, article in prepared(shared_data_dir(args.data), args.cache, args.limit):
        trace = coder.code_article(article)
        for e in trace.events:
            if ("ALL" not in types and e.type not in types) or e.trigger.field != "text":
                continue
            rule = next((r for r in e.provenance.rules if r.startswith("status.")), "")
            rows.append((doc_id, e.type, e.trigger.text, e.status, rule, e.reference or "-",
                         sentence_of(article, e.trigger.start)))
        for c in trace.candidates:
            if ("ALL" in types or c.type in types) and not c.coded and "(gate." in c.reason:
                rows.append((doc_id, c.type, c.text, "dropped", "", c.reason.rsplit("(", 1)[-1].rstrip(")"),
                             article.sentences[c.sentence].text.replace("\t", " ").replace("\n", " ")))
    with args.out.open("w", encoding="utf-8") as f:
        for r in rows:
            f.write("\t".join(r) + "\n")
    print(f"{len(rows)} rows", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
