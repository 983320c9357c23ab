#!/usr/bin/env python
"""Regenerate the cleaner's golden files in tests/golden/clean/ from real corpus-dev articles.

    .venv/bin/python scripts/update_golden_clean.py          # write the files, list what changed
    .venv/bin/python scripts/update_golden_clean.py --check  # only list what would change

The cases are listed in tests/golden/clean/cases.json (article id, corpus file, mode, and why the
article is there). Modes: "jsonl" feeds the article as the JSONL reader does (title and outlet
given); "scraped" feeds the title as the first line of the text with no metadata, like a scraped
page, so the cleaner must find the title itself.

Golden files are reviewed by eye: after running this, read `git diff tests/golden/clean` line by
line and commit only changes you agree with. tests/test_clean.py imports the functions below.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from rasd.clean import clean_document  # noqa: E402
from rasd.model import Article, RawDocument  # noqa: E402
from rasd.settings import DEFAULT_SETTINGS  # noqa: E402

GOLDEN_DIR = ROOT / "tests" / "golden" / "clean"
CORPUS_DIR = ROOT.parent / "shared" / "data" / "corpus-dev"


def load_cases() -> list[dict]:
    return json.loads((GOLDEN_DIR / "cases.json").read_text(encoding="utf-8"))


def load_record(case: dict) -> dict:
    path = CORPUS_DIR / case["file"]
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            if record["id"] == case["id"]:
                return record
    raise KeyError(f"{case['id']} not found in {path}")


def raw_document(case: dict, record: dict) -> RawDocument:
    if case["mode"] == "jsonl":
        return RawDocument(source=case["id"], text=record["text"], title=record["title"],
                           external_id=record["id"], outlet=record.get("source_outlet"),
                           published=(record.get("published_time") or "")[:10] or None)
    if case["mode"] == "scraped":
        return RawDocument(source=case["id"], text=record["title"] + "\n\n" + record["text"])
    raise ValueError(f"{case['id']}: unknown mode {case['mode']!r} (expected jsonl or scraped)")


def golden_record(article: Article) -> dict:
    """What the golden file pins: metadata, paragraphs one per item, removed lines with reasons."""
    return {
        "title": article.title,
        "category": article.category,
        "exclusive": article.exclusive,
        "outlet": article.outlet,
        "correspondent": article.correspondent,
        "paragraphs": article.text.split("\n\n"),
        "removed": [{"line": r.line_no, "reason": r.reason, "text": r.text} for r in article.removed],
    }


def golden_path(case: dict) -> Path:
    return GOLDEN_DIR / f"{case['id']}.{case['mode']}.json"


def render(case: dict) -> str:
    article = clean_document(raw_document(case, load_record(case)), DEFAULT_SETTINGS)
    return json.dumps(golden_record(article), ensure_ascii=False, indent=1) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="list changed files without writing them")
    args = parser.parse_args()
    changed = 0
    for case in load_cases():
        path, text = golden_path(case), render(case)
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        changed += 1
        print(f"{'would change' if args.check else 'wrote'} {path.relative_to(ROOT)}  ({case['why']})")
        if not args.check:
            path.write_text(text, encoding="utf-8")
    print(f"{changed} golden file(s) {'differ' if args.check else 'updated'}; review them with git diff before committing")
    return 1 if args.check and changed else 0


if __name__ == "__main__":
    sys.exit(main())
