"""Rejoin paragraphs that a scraper broke at inline links.

Feeds and scrapers often put the anchor text of an inline link on a line of its own:
``قدر ناشطون في`` / ``سوريا`` / ``حصيلة القتلى ...``. Left alone, every such break becomes a
paragraph and a sentence boundary. A line continues the previous one when the previous one
stops mid-sentence (no end punctuation) and the line is a short fragment, starts with
punctuation, or follows such a fragment. Headings keep their own paragraph because the
paragraph before them ends with a full stop.
"""
from __future__ import annotations

import re

MAX_FRAGMENT_WORDS = 6
MIN_SENTENCE_WORDS = 8
_OPENERS = ("،", ",", "(", "«", "“", '"', "-", "–", "—", "ـ")
_FUNCTION_WORDS = frozenset(
    "في من الى إلى على عن مع ان أن إن بين او أو و ل ب حول عند منذ ضد لدى قد لم لن الذي التي الذين".split())
# The previous text ends a sentence or introduces a list / quotation: one of these, then closing
# quotes and spaces (what r"[.!?؟…:؛;][\"'”’»)\]]*\s*$" finds, without a regex search per line).
_SENTENCE_END_CHARS = frozenset(".!?؟…:؛;")
_CLOSING_QUOTES = "\"'”’»)]"


def _ends_sentence(text: str) -> bool:
    return text.rstrip().rstrip(_CLOSING_QUOTES)[-1:] in _SENTENCE_END_CHARS
_STARTS_WITH_CLOSING = re.compile(r"^[.،,؛;:!؟?)\]}»”]")
_HAS_WORD = re.compile(r"\w")
_SENTENCE_START = re.compile(
    r"^(?:كما|ثم|لكن|لكنّ|بينما|حيث|إلا|الا|يذكر|يشار|يُذكر|يُشار|قال|قالت|و\w{2,})\s")  # و + word: "ودخلت"
_TRAILING_EMPTY_BRACKETS = re.compile(r"\s*(?:\(\s*\)|\[\s*\])$")
_EMPTY_BRACKETS = re.compile(r"\s*\(\s*\)|\s*\[\s*\]")
# What every _EMPTY_BRACKETS match holds; it opens with a bracket, so the regex engine finds it (or
# not) in one quick scan, where _EMPTY_BRACKETS (opening with \s*) is tried at every position.
_EMPTY_PAIR = re.compile(r"[(\[]\s*[)\]]")


def join_fragments(lines: list[str]) -> list[str]:
    """Paragraphs from body lines, with link fragments joined to the text around them."""
    paragraphs: list[str] = []
    current: _Paragraph | None = None
    in_fragment = False  # the last piece appended to the current paragraph was a fragment
    for line in lines:
        if current is not None and _continues(current, line, in_fragment):
            glue = "" if _STARTS_WITH_CLOSING.match(line) else " "
            current.append(glue, line)
            # "... الملاجئ. (" + ")" once "شاهد الفيديو" is gone: drop the pair, so the
            # paragraph ends where its sentence does.
            if line.endswith((")", "]")):
                current.strip_trailing_empty_brackets()
            in_fragment = _is_fragment(line)
        else:
            if current is not None:
                paragraphs.append(current.text())
            current = _Paragraph(line)
            in_fragment = False
    if current is not None:
        paragraphs.append(current.text())
    # "( شاهد الفيديو )" leaves "( )" once the link label is gone.
    cleaned = ((_EMPTY_BRACKETS.sub("", p) if _EMPTY_PAIR.search(p) else p).strip() if ("(" in p or "[" in p) else p
               for p in paragraphs)
    return [p for p in cleaned if p]


TAIL = 200  # characters of a paragraph's end (and start) the joining rules look at


class _Paragraph:
    """A paragraph being joined from lines, kept as pieces with running counts, so joining
    200,000 fragment lines stays linear (a growing string rescanned per line was quadratic).

    The counts (spaces, inner punctuation) are taken the first time a rule asks for them and
    kept up to date from then on: most paragraphs end a sentence, and no rule asks."""

    def __init__(self, line: str) -> None:
        self.pieces = [line]
        self.head = line[:TAIL]
        self.tail = line[-TAIL:]
        self.length = len(line)
        self._spaces = self._inner = -1  # not counted yet

    @property
    def spaces(self) -> int:
        if self._spaces < 0:
            self._count()
        return self._spaces

    @property
    def inner(self) -> int:
        if self._inner < 0:
            self._count()
        return self._inner

    def _count(self) -> None:
        # Equal to the running sums: glue is "" or " ", and no "--" spans two pieces (glue ""
        # comes only before closing punctuation).
        text = self.text()
        self._spaces, self._inner = text.count(" "), _inner_count(text)

    def append(self, glue: str, line: str) -> None:
        self.pieces += [glue, line]
        if len(self.head) < TAIL:
            self.head = (self.head + glue + line)[:TAIL]
        self.tail = (self.tail + glue + line)[-TAIL:]
        if self._spaces >= 0:
            self._spaces += glue.count(" ") + line.count(" ")
            self._inner += _inner_count(line)
        self.length += len(glue) + len(line)

    def strip_trailing_empty_brackets(self) -> None:
        stripped = _TRAILING_EMPTY_BRACKETS.sub("", self.tail)
        removed = self.tail[len(stripped):]
        if not removed:
            return
        if self._spaces >= 0:
            self._spaces -= removed.count(" ")
            self._inner -= removed.count("(")
        n = len(removed)
        while n > 0:  # drop the removed characters from the end of the pieces
            last = self.pieces.pop()
            if len(last) > n:
                self.pieces.append(last[:-n])
                n = 0
            else:
                n -= len(last)
        self.length -= len(removed)
        tail, k = "", len(self.pieces)
        while len(tail) < TAIL and k > 0:
            k -= 1
            tail = self.pieces[k][-TAIL:] + tail
        self.tail = tail[-TAIL:]
        if self.length < TAIL:
            self.head = self.tail[-self.length:] if self.length else ""

    def text(self) -> str:
        if len(self.pieces) > 1:
            self.pieces = ["".join(self.pieces)]
        return self.pieces[0] if self.pieces else ""  # "(" + ")" alone: nothing left


def _inner_count(text: str) -> int:
    # Commas, opening brackets and "--" (a dash pair) inside a line: counted with str.count,
    # which is exact here because the single characters and "--" cannot overlap one another.
    return text.count("،") + text.count(",") + text.count("(") + text.count("--")


def _is_fragment(line: str) -> bool:
    return line.count(" ") < MAX_FRAGMENT_WORDS or not _HAS_WORD.search(line)


def _continues(previous: _Paragraph, line: str, in_fragment: bool) -> bool:
    if not _HAS_WORD.search(line):
        return True  # a line of punctuation only (")" or '."') never stands alone
    if _ends_sentence(previous.tail):
        return False
    if in_fragment or _STARTS_WITH_CLOSING.match(line):
        return True
    # A short line after a short one is a heading pair ("الوفد" / a headline, a fact-box
    # label and its value), not a link inside a sentence; a short sentence start shows itself
    # by a comma or bracket, a connective at its start, or an open end.
    return _is_fragment(line) and (previous.spaces >= MIN_SENTENCE_WORDS - 1
                                   or previous.inner > 0
                                   or bool(_SENTENCE_START.match(previous.head)) or ends_open(previous.tail))


def ends_open(text: str) -> bool:
    """The text visibly stops mid-sentence: on a comma, an opening quote or a preposition."""
    if text.endswith(_OPENERS):
        # A straight quote opens a quotation only after a space: 'كتبت "' but not 'بـ"الكارثة"'.
        return not text.endswith('"') or len(text) == 1 or text[-2].isspace()
    return text.rsplit(" ", 1)[-1] in _FUNCTION_WORDS
