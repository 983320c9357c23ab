"""Serialisation of articles for the CLI (JSON, JSONL, readable text)."""
from __future__ import annotations

import json
from typing import Any, TextIO

from .model import Article, DocumentError


def article_json(article: Article) -> dict[str, Any]:
    d = article.to_dict()
    if article.external_id is not None:
        d = {"id": article.external_id, "article_id": article.id, **{k: v for k, v in d.items() if k != "id"}}
    return d


def error_json(error: DocumentError) -> dict[str, Any]:
    return {"source": error.source, "error": error.reason, "detail": error.detail}


def write_text(article: Article, out: TextIO) -> None:
    out.write(f"=== {article.source} [{article.id}]\n")
    for label, value in (("title", article.title), ("outlet", article.outlet),
                         ("correspondent", article.correspondent), ("published", article.published),
                         ("category", article.category), ("exclusive", article.exclusive),
                         ("language", article.language)):
        if value not in (None, False, ""):
            out.write(f"{label}: {value}\n")
    out.write("\n" + article.text + "\n\n")
    if article.removed:
        out.write("removed lines:\n")
        for r in article.removed:
            out.write(f"  line {r.line_no} [{r.reason}] {r.text[:100]}\n")
    out.write(f"sentences: {len(article.sentences)}\n")
    for m in article.mentions:
        out.write(f"  {m.kind:9} {m.text} -> {m.name_en or m.value or ''}\n")
    for e in article.events:
        out.write(f"  EVENT {e.type} {e.status}: {e.note_en}\n")
    out.write("\n")


def dumps(obj: Any, pretty: bool = False) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2 if pretty else None, sort_keys=False)
