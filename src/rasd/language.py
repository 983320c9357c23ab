"""Language identification: rasd codes Arabic; other languages are reported, not coded."""
from __future__ import annotations

import re
from functools import lru_cache

from .errors import DocumentRejected
from .model import Article
from .settings import Settings

# Counted as what is left once the runs of other characters are deleted: runs are few, so this
# is several times faster than matching every letter.
NOT_ARABIC_LETTERS = re.compile(r"[^\u0621-\u064a\u0671-\u06d3\u06fa-\u06ff]+")
NOT_LETTERS = re.compile(r"[\W\d_]+")
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


def _count_except(runs: re.Pattern, text: str) -> int:
    return len(runs.sub("", text))


def detect_language(text: str) -> str:
    sample = text[:SAMPLE]
    letters = _count_except(NOT_LETTERS, sample)
    if not letters:
        return "und"
    arabic = _count_except(NOT_ARABIC_LETTERS, sample)
    if arabic / letters < 0.5:
        return _identifier().classify(sample)[0]
    # A stray Persian-script letter (a name, a typo) does not make a text Persian.
    if len(PERSIAN_HINT.findall(sample)) < 0.01 * arabic:
        return "ar"
    return _identifier(arabic_script_only=True).classify(sample)[0]


def check_language(article: Article, settings: Settings) -> None:
    article.language = detect_language((article.title or "") + "\n" + article.text)
    if article.language != "ar":
        raise DocumentRejected(article.source or article.id, "not-arabic",
                               f"language detected as {article.language!r}; rasd codes Arabic text only")
