"""Language identification: rasd codes Arabic; other languages are reported, not coded."""
from __future__ import annotations

import copy
import re
from functools import lru_cache

import numpy as np

from .errors import DocumentRejected
from .model import Article
from .normalize import code_points
from .settings import Settings

ARABIC_CLASS = "\u0621-\u064a\u0671-\u06d3\u06fa-\u06ff"
LETTER = r"[^\W\d_]"
NOT_LETTERS = re.compile(r"[\W\d_]+")
NOT_ARABIC_LETTERS = re.compile(f"[^{ARABIC_CLASS}]+")
# Letters of Persian (and Urdu) script. Some Arabic sites typeset ی and ک too, so their presence
# only sends the text to the statistical identifier instead of deciding by itself.
PERSIAN_HINT = re.compile(r"[پچژگکیۀ]")
SAMPLE = 5000
_BMP = 0x10000


@lru_cache(maxsize=1)
def _class_table() -> np.ndarray:
    """Bit flags for every code point below U+10000, taken from the regex classes themselves:
    1 a letter (LETTER), 2 in ARABIC_CLASS, 4 a PERSIAN_HINT letter."""
    bmp = "".join(map(chr, range(_BMP)))
    table = np.zeros(_BMP, np.uint8)
    for bit, pattern in ((1, LETTER), (2, f"[{ARABIC_CLASS}]"), (4, PERSIAN_HINT.pattern)):
        table[[m.start() for m in re.finditer(pattern, bmp)]] |= bit
    return table


def _counts(sample: str) -> tuple[int, int, int]:
    """(letters, Arabic letters, Persian-hint letters) of ``sample``: a table look-up per
    character in numpy, several times faster than counting with the regular expressions."""
    codes = code_points(sample)
    if codes.size and int(codes.max()) >= _BMP:  # emoji and other astral characters
        return (len(NOT_LETTERS.sub("", sample)), len(NOT_ARABIC_LETTERS.sub("", sample)),
                len(PERSIAN_HINT.findall(sample)))
    n = np.bincount(_class_table()[codes], minlength=8)
    return int(n[1::2].sum()), int(n[2] + n[3] + n[6] + n[7]), int(n[4:].sum())


@lru_cache(maxsize=2)
def _identifier(arabic_script_only: bool = False):
    if arabic_script_only:
        # A copy of the full identifier, restricted: reading the model again (xz) took 0.5 s.
        # set_languages replaces the copy's own arrays; the full model's stay as they are.
        identifier = copy.copy(_identifier())
        identifier.set_languages(["ar", "fa", "ur", "ps", "ku"])
        return identifier
    from py3langid.langid import MODEL_FILE, LanguageIdentifier
    return LanguageIdentifier.from_model_file(MODEL_FILE)


def load_identifiers() -> None:
    """Load both statistical identifiers now rather than at the first text that needs one
    (75 MB): before forking workers, so that they share one copy instead of loading one each."""
    _identifier()
    _identifier(arabic_script_only=True)


def detect_language(text: str) -> str:
    sample = text[:SAMPLE]
    letters, arabic, persian = _counts(sample)
    if not letters:
        return "und"
    if arabic / letters < 0.5:
        return _identifier().classify(sample)[0]
    # A stray Persian-script letter (a name, a typo) does not make a text Persian.
    if persian < 0.01 * arabic:
        return "ar"
    return _identifier(arabic_script_only=True).classify(sample)[0]


def check_language(article: Article, settings: Settings) -> None:
    # Only the first SAMPLE characters are read: no copy of a long body.
    article.language = detect_language((article.title or "") + "\n" + article.text[:SAMPLE])
    if article.language != "ar":
        raise DocumentRejected(article.source or article.id, "not-arabic",
                               f"language detected as {article.language!r}; rasd codes Arabic text only")
