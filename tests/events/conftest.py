"""Shared helpers for event coder tests: build an Article with hand-made mentions."""
from __future__ import annotations

from pathlib import Path

import pytest

from rasd.model import Article, Mention
from rasd.segment import segment

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared" / "data"


def article_with(text: str, mentions: list[tuple[str, str, dict]], published: str | None = None) -> Article:
    """An Article over ``text`` with mentions given as (kind, surface, attributes); each surface is
    found at its first occurrence not yet used."""
    art = Article(id="t", text=text, published=published)
    art.sentences = segment(text)
    used: dict[str, int] = {}
    for kind, surface, attrs in mentions:
        start = text.index(surface, used.get(surface, 0))
        used[surface] = start + len(surface)
        art.mentions.append(Mention(kind=kind, start=start, end=start + len(surface), text=surface, **attrs))
    return art


@pytest.fixture(scope="session")
def coder():
    from rasd.events.coder import EventCoder
    from rasd.settings import Settings
    return EventCoder(Settings())
