"""Language identification: rasd codes Arabic; other languages are reported, not coded."""
from __future__ import annotations

import re
from functools import lru_cache

from .errors import DocumentRejected
from .model import Article
from .settings import Settings

ARABIC_LETTER = re.compile(r"[\u0621-\u064a\u0671-\u06d3\u06fa-\u06ff]")
LETTER = re.compile(r"[^\W\d_]")
# Letters of Persian (and Urdu) script. Some Arabic sites typeset ی and ک too, so their presence
# only sends the text to the statistical identifier instead of deciding by itself.
PERSIAN_HINT = re.compile(r"[پچژگکیۀ]")
SAMPLE = 5000


@lru_cache(maxsize=2)
def _identifier(arabic_script_only: bool = False):
    from py3langid.langid import MODEL_FILE, LanguageIdentifier
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
    if arabic_script_only:
        identifier.set_languages(["ar", "fa", "ur", "ps", "ku"])
    return identifier


def detect_language(text: str) -> str:
    sample = text[:SAMPLE]
    letters = LETTER.subn("", sample)[1]
    if not letters:
        return "und"
    arabic = ARABIC_LETTER.subn("", sample)[1]
    if arabic / letters < 0.5:
        return _identifier().classify(sample)[0]
    if PERSIAN_HINT.search(sample) is None:
        return "ar"
    return _identifier(arabic_script_only=True).classify(sample)[0]


def check_language(article: Article, settings: Settings) -> None:
    article.language = detect_language((article.title or "") + "\n" + article.text)
    if article.language != "ar":
        raise DocumentRejected(article.source or article.id, "not-arabic",
                               f"language detected as {article.language!r}; rasd codes Arabic text only")
