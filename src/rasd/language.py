"""Language identification: rasd codes Arabic; other languages are reported, not coded."""
from __future__ import annotations

import re
from functools import lru_cache

from .errors import DocumentRejected
from .model import Article
from .settings import Settings

ARABIC_CLASS = "\u0621-\u064a\u0671-\u06d3\u06fa-\u06ff"
# Letters are counted as the length left after deleting runs: runs are few, so this is several
# times faster than matching every letter. Arabic runs (one per word) go first; the letters of
# what is left, a fraction of the text, are counted the same way: one pass over the sample, not two.
ARABIC_RUNS = re.compile(f"[{ARABIC_CLASS}]+")
NOT_LETTERS = re.compile(r"[\W\d_]+")
# The few characters of the Arabic range that are not letters (۽ ۾: symbols).
_ARABIC_NON_LETTERS = tuple(c for c in map(chr, range(0x0600, 0x0700))
                            if re.fullmatch(f"[{ARABIC_CLASS}]", c) and NOT_LETTERS.fullmatch(c))
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


def _letter_counts(sample: str) -> tuple[int, int]:
    """(letters, Arabic letters) of ``sample``, as ``[\\W\\d_]`` and ARABIC_CLASS count them."""
    rest = ARABIC_RUNS.sub("", sample)
    arabic = len(sample) - len(rest)
    other_letters = len(NOT_LETTERS.sub("", rest)) if rest else 0
    arabic_non_letters = sum(sample.count(c) for c in _ARABIC_NON_LETTERS)
    return arabic - arabic_non_letters + other_letters, arabic


def detect_language(text: str) -> str:
    sample = text[:SAMPLE]
    letters, arabic = _letter_counts(sample)
    if not letters:
        return "und"
    if arabic / letters < 0.5:
        return _identifier().classify(sample)[0]
    # A stray Persian-script letter (a name, a typo) does not make a text Persian.
    if len(PERSIAN_HINT.findall(sample)) < 0.01 * arabic:
        return "ar"
    return _identifier(arabic_script_only=True).classify(sample)[0]


def check_language(article: Article, settings: Settings) -> None:
    # Only the first SAMPLE characters are read: no copy of a long body.
    article.language = detect_language((article.title or "") + "\n" + article.text[:SAMPLE])
    if article.language != "ar":
        raise DocumentRejected(article.source or article.id, "not-arabic",
                               f"language detected as {article.language!r}; rasd codes Arabic text only")
