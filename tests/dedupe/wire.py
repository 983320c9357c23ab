"""Test data for duplicates: gold-dev articles (real Arabic, hand-annotated events) and wire
copies of them, the way agencies republish: a dateline added, a closing line changed."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

from rasd.model import Article
from rasd.pipeline import Pipeline, Segmenter
from rasd.settings import Settings

from store_gold import GoldEvents, gold_documents

WIRE_PREFIX = "wire-"


def wire_copy(text: str) -> str:
    paragraphs = text.split("\n")
    return "دمشق (وكالات) - " + "\n".join(paragraphs[:-1] if len(paragraphs) > 2 else paragraphs) \
        + "\nتابعونا على قناتنا في تلغرام"


class WireGoldEvents(GoldEvents):
    """Gold events of the article, and of the article a wire copy (id ``wire-<id>``) copies."""

    def __call__(self, article: Article) -> Article:
        external = article.external_id or ""
        original = Article(**{**article.__dict__, "external_id": external.removeprefix(WIRE_PREFIX)})
        article.events = super().__call__(original).events
        return article


def wire_pipeline(settings: Settings) -> Pipeline:
    """Fast: sentences and gold events only (the recognizers are not what these tests test)."""
    return Pipeline(settings, stages=[Segmenter(settings), WireGoldEvents(settings)])


def write_corpus(path: Path, originals: int, copies: list[int], extra: Optional[list[dict]] = None) -> list[dict]:
    """``originals`` gold articles, then wire copies of the given ones; returns the records."""
    docs = gold_documents()[:originals]
    records = [{"id": d["id"], "title": d["title"], "text": d["text"], "outlet": d["outlet"],
                "published": d["published"]} for d in docs]
    records += [{"id": WIRE_PREFIX + docs[i]["id"], "title": docs[i]["title"], "text": wire_copy(docs[i]["text"]),
                 "outlet": "وكالة", "published": docs[i]["published"]} for i in copies]
    records += extra or []
    with path.open("w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return records
