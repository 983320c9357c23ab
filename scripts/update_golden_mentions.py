#!/usr/bin/env python
"""Regenerate the recognition golden files in tests/golden/mentions/ from real corpus-dev articles.

    .venv/bin/python scripts/update_golden_mentions.py          # write the files, list what changed
    .venv/bin/python scripts/update_golden_mentions.py --check  # only list what would change

The articles are listed in tests/golden/mentions/cases.json (article id, corpus file, why it is
there). Each article is read as the JSONL reader reads it (title, outlet, publication date), cleaned,
and run through every stage of rasd.pipeline.default_stages before the EventCoder. The golden file
pins each mention's kind, span, text, entity, English name, value, coordinates (2 decimals), source
and rule.

Golden files are reviewed by eye (tests/golden/mentions/REVIEW.md says what was checked and which
recorded mentions are known to be wrong): after running this, read `git diff tests/golden/mentions`
and commit only changes you agree with. tests/recognize/test_golden_mentions.py imports the
functions below.
"""
from __future__ import annotations

import argparse
import difflib
import json
import sys
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from rasd.events.coder import EventCoder  # noqa: E402
from rasd.ingest.jsonl import line_document  # noqa: E402
from rasd.model import Article, DocumentError, Mention, RawDocument  # noqa: E402
from rasd.pipeline import Pipeline, Stage, default_stages  # noqa: E402
from rasd.settings import DEFAULT_SETTINGS  # noqa: E402

GOLDEN_DIR = ROOT / "tests" / "golden" / "mentions"
CORPUS_DIR = ROOT.parent / "shared" / "data" / "corpus-dev"


def load_cases() -> list[dict]:
    return json.loads((GOLDEN_DIR / "cases.json").read_text(encoding="utf-8"))


def load_document(case: dict) -> RawDocument:
    """The article as the JSONL reader gives it, so metadata (publication date) match a real run."""
    path = CORPUS_DIR / case["file"]
    with path.open("rb") as fh:
        for no, line in enumerate(fh, 1):
            if json.loads(line).get("id") == case["id"]:
                doc = line_document(line, no, path, DEFAULT_SETTINGS)
                if isinstance(doc, DocumentError) or doc is None:
                    raise ValueError(f"{case['id']}: the JSONL reader rejected it: {doc}")
                return doc
    raise KeyError(f"{case['id']} not found in {path}")


def recognition_stages() -> list[Stage]:
    """default_stages up to, not including, the EventCoder: recognition only."""
    stages = default_stages(DEFAULT_SETTINGS)
    coder_at = next((i for i, s in enumerate(stages) if isinstance(s, EventCoder)), len(stages))
    return stages[:coder_at]


def _rounded(value: Optional[float]) -> Optional[float]:
    return None if value is None else round(value, 2)


def mention_record(m: Mention) -> dict:
    return {"kind": m.kind, "start": m.start, "end": m.end, "text": m.text, "entity_id": m.entity_id,
            "name_en": m.name_en, "value": m.value, "lat": _rounded(m.lat), "lon": _rounded(m.lon),
            "source": m.source, "rule": m.rule}


def golden_record(case: dict, article: Article) -> dict:
    mentions = sorted(article.mentions, key=lambda m: (m.start, m.end, m.kind, m.entity_id or ""))
    return {"id": case["id"], "mentions": [mention_record(m) for m in mentions]}


def golden_path(case: dict) -> Path:
    return GOLDEN_DIR / f"{case['id']}.json"


def render(case: dict, pipeline: Pipeline) -> str:
    """The golden file's text: one mention per line, so a diff shows whole mentions."""
    record = golden_record(case, pipeline(load_document(case)))
    lines = [json.dumps(m, ensure_ascii=False) for m in record["mentions"]]
    body = ",\n  ".join(lines)
    return (f'{{"id": {json.dumps(record["id"])},\n "mentions": [\n  {body}\n ]}}\n' if lines
            else f'{{"id": {json.dumps(record["id"])}, "mentions": []}}\n')


def readable_diff(expected: str, actual: str, name: str) -> str:
    return "".join(difflib.unified_diff(expected.splitlines(keepends=True), actual.splitlines(keepends=True),
                                        fromfile=f"{name} (golden)", tofile=f"{name} (now)", n=0))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="list the differences without writing files")
    args = parser.parse_args()
    pipeline = Pipeline(DEFAULT_SETTINGS, stages=recognition_stages())
    changed = 0
    for case in load_cases():
        path, text = golden_path(case), render(case, pipeline)
        old = path.read_text(encoding="utf-8") if path.exists() else ""
        if old == text:
            continue
        changed += 1
        print(f"{'differs' if args.check else 'wrote'} {path.relative_to(ROOT)}  ({case['why']})")
        if args.check:
            print(readable_diff(old, text, path.name))
        else:
            path.write_text(text, encoding="utf-8")
    print(f"{changed} golden file(s) {'differ' if args.check else 'updated'}; review them with git diff before committing")
    return 1 if args.check and changed else 0


if __name__ == "__main__":
    sys.exit(main())
