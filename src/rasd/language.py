"""Language identification: rasd codes Arabic; other languages are reported, not coded."""
from __future__ import annotations

import re

from .errors import DocumentRejected
from .model import Article
from .settings import Settings

ARABIC_LETTER = re.compile(r"[\u0621-\u064a\u0671-\u06d3\u06fa-\u06ff]")
LETTER = re.compile(r"[^\W\d_]")
PERSIAN_ONLY = set("پچژگکی")


def detect_language(text: str) -> str:
    sample = text[:5000]
    letters = len(LETTER.findall(sample))
    if not letters:
        return "und"
    arabic = len(ARABIC_LETTER.findall(sample))
    if arabic / letters < 0.5:
        try:
            import py3langid
            return py3langid.classify(sample)[0]
        except Exception:  # pragma: no cover - langid is optional
            return "und"
    persian = sum(1 for ch in sample if ch in PERSIAN_ONLY)
    return "fa" if persian / max(arabic, 1) > 0.02 else "ar"


def check_language(article: Article, settings: Settings) -> None:
    article.language = detect_language((article.title or "") + "\n" + article.text)
    if article.language != "ar":
        raise DocumentRejected(article.source or article.id, "not-arabic",
                               f"language detected as {article.language!r}; rasd codes Arabic text only")
