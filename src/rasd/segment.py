"""Sentences and tokens, with Arabic clitic analysis.

Sentences end at Arabic and Latin end punctuation followed by a space, and at line breaks;
decimal numbers, abbreviations and punctuation inside a short quotation do not end a sentence.

Tokens carry their matching form and a stem with clitics removed. A clitic is split off only when
the evidence says so: the stem must be a better-attested word than the whole token (word counts
shipped in ``data/vocab.tsv``), so ``بالحسكة`` -> ``حسكه`` and ``لقسد`` -> ``قسد`` while
``بلدة``, ``كتيبة`` and ``لبنان`` stay whole.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from importlib import resources
from itertools import accumulate, starmap
from operator import add
from typing import Iterable, Optional

from .model import Sentence, Token
from .normalize import normalize

_MARKS = "\u064b-\u065f\u0670\u0640\u200c\u200d"
TOKEN_RE = re.compile(rf"\d+(?:[.,٫]\d+)*|[\w{_MARKS}]+|[^\w\s{_MARKS}]", re.UNICODE)

# End punctuation, closing quotes, then a space or the line end. Spelled [x][x]* rather than [x]+:
# a pattern that opens with a character set lets the regex engine skip in C to the next
# candidate (3x faster over a line). Only the longest run can be followed by a space, so one
# lookahead (?=\s|$) finds what the two alternatives "(?=\s)" and "$" found.
SENTENCE_END = re.compile(r"[.!?؟…][.!?؟…]*[\"'”’»)\]]*(?=\s|$)")
ABBREVIATIONS = {
    "د", "م", "ق", "ص", "ج", "هـ", "ه", "أ", "ا", "س", "ت", "ن", "ش", "ب", "ك",
    "dr", "mr", "mrs", "ms", "prof", "st", "no", "vs", "etc", "jr", "sr", "gen", "col", "lt",
    "u.s", "u.k", "u.n", "e.g", "i.e", "inc", "co", "ltd",
}
QUOTE_PAIRS = {"“": "”", "«": "»", '"': '"'}
MAX_QUOTE = 400  # a longer "quotation" is more likely an unbalanced quote mark

CONJUNCTIONS = ("", "و", "ف")
PREPOSITIONS = ("", "ب", "ل", "ك")
ENCLITICS = ("هما", "كما", "هم", "هن", "كم", "كن", "نا", "ها", "ه", "ك", "ي")
DETERMINER_WORDS = {"الله", "التي", "الذي", "الذين", "اللذان", "اللتان", "اللذين", "اللتين",
                    "الا", "الي", "الان", "اللاتي", "اللواتي", "الاول", "اللي"}
MIN_STEM = 2
MAX_CACHED_WORDS = 200_000  # bounds the per-word analysis caches on corpora of any size


def _proclitic_options() -> list[tuple[str, tuple[str, ...], bool]]:
    """(surface prefix, clitics, has determiner) for every allowed proclitic sequence."""
    options = []
    for c in CONJUNCTIONS:
        for p in PREPOSITIONS:
            for det in ("", "ال"):
                parts = tuple(x for x in (c, p, det) if x)
                if not parts:
                    continue
                surface = c + p + det
                if p == "ل" and det:
                    surface = c + "لل"  # ل + ال is written لل
                options.append((surface, parts, bool(det)))
        if c:
            options.append((c + "س", (c, "س"), False))  # future prefix on verbs
    options.append(("س", ("س",), False))
    return sorted(options, key=lambda o: -len(o[0]))


PROCLITICS = _proclitic_options()
# The same options (same order) keyed by their first letter: a word is only tried against
# the prefixes it can start with.
PROCLITICS_BY_FIRST_LETTER: dict[str, list[tuple[str, tuple[str, ...], bool]]] = {}
for _option in PROCLITICS:
    PROCLITICS_BY_FIRST_LETTER.setdefault(_option[0][0], []).append(_option)


@lru_cache(maxsize=1)
def default_vocabulary() -> dict[str, int]:
    counts: dict[str, int] = {}
    path = resources.files("rasd") / "data" / "vocab.tsv"
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines()[1:]:
            word, _, n = line.partition("\t")
            counts[word] = int(n)
    return counts


class CliticAnalyzer:
    """Chooses how to split a word into proclitics, stem and enclitics."""

    def __init__(self, vocabulary: Optional[dict[str, int]] = None):
        self.vocab = dict(default_vocabulary() if vocabulary is None else vocabulary)
        self._cache: dict[str, tuple[tuple[str, ...], str, tuple[str, ...]]] = {}
        # surface form -> (norm, stem, proclitics, enclitics), filled by tokenize
        self._surface_cache: dict[str, tuple[str, str, tuple[str, ...], tuple[str, ...]]] = {}

    def add_words(self, words: Iterable[str], count: int = 1000) -> None:
        """Make words (e.g. lexicon names) known, so clitics attached to them split off."""
        for w in words:
            w = normalize(w)
            self.vocab[w] = max(self.vocab.get(w, 0), count)
        self._cache.clear()
        self._surface_cache.clear()

    def _attestation(self, stem: str) -> int:
        bare = stem[2:] if stem.startswith("ال") and len(stem) > 3 else stem
        return self.vocab.get(bare, 0) + self.vocab.get("ال" + bare, 0)

    def analyze(self, norm: str) -> tuple[tuple[str, ...], str, tuple[str, ...]]:
        cached = self._cache.get(norm)
        if cached is None:
            if len(self._cache) >= MAX_CACHED_WORDS:  # a long run meets ever new words
                self._cache.clear()
            cached = self._cache[norm] = self._analyze(norm)
        return cached

    def _analyze(self, norm: str):
        if not norm or not ("\u0621" <= norm[0] <= "\u064a"):
            return (), norm, ()
        best = ((), norm, ())
        best_score = self._attestation(norm)
        for surface, parts, has_det in PROCLITICS_BY_FIRST_LETTER.get(norm[0], ()):
            if not norm.startswith(surface) or len(norm) - len(surface) < MIN_STEM:
                continue
            stem = norm[len(surface):]
            score = self._attestation(stem)
            # A lone conjunction is the likeliest clitic of all: "وقال" is و + قال even though
            # news text writes "وقال" more often than "قال".
            if parts in (("و",), ("ف",)):
                score *= 3
            # A determiner-bearing prefix is reliable on its own when the stem is long enough.
            if has_det and best_score == 0 and len(stem) >= 4 and norm not in DETERMINER_WORDS:
                score = max(score, 1)
            if score > best_score:
                best, best_score = (parts, stem, ()), score
        procs, stem, _ = best
        if stem.endswith(ENCLITICS):  # one C-level test before trying them one by one
            stem_score = max(self._attestation(stem), 0) * 2
            for enc in ENCLITICS:
                if stem.endswith(enc) and len(stem) - len(enc) >= MIN_STEM + 1:
                    shorter = stem[: -len(enc)]
                    if self._attestation(shorter) > stem_score:
                        return procs, self._strip_det(shorter), (enc,)
        return procs, self._strip_det(stem), ()

    @staticmethod
    def _strip_det(stem: str) -> str:
        if stem.startswith("ال") and len(stem) >= 4 and stem not in DETERMINER_WORDS:
            return stem[2:]
        return stem


@lru_cache(maxsize=1)  # one per process; rasd.pipeline.release_loaded empties it like every cache
def default_analyzer() -> CliticAnalyzer:
    return CliticAnalyzer()


def tokenize(text: str, offset: int = 0, analyzer: Optional[CliticAnalyzer] = None) -> list[Token]:
    return _tokens(text, offset, analyzer or default_analyzer())[0]


# TOKEN_RE as the separator of a split: the text comes back as [gap, token, gap, token, ..., gap].
_TOKEN_SPLIT = re.compile(f"({TOKEN_RE.pattern})", re.UNICODE)


def _tokens(text: str, offset: int, analyzer: CliticAnalyzer) -> tuple[list[Token], list[int]]:
    """The tokens of ``text`` and their start offsets. Built column by column (one C-level
    pass each) rather than token by token: an article has hundreds of tokens, and a Python loop
    body per token cost more than the Token objects themselves."""
    parts = _TOKEN_SPLIT.split(text)
    surfaces = parts[1::2]
    if not surfaces:
        return [], []
    # News text repeats its words: analyse each distinct surface form once per analyzer. A
    # lookup per token is cheaper than building a set of the article's words to diff first.
    cache = analyzer._surface_cache
    try:
        analyses = list(map(cache.__getitem__, surfaces))
    except KeyError:  # new words: analyse them, then look up again
        missing = set(surfaces).difference(cache)
        if len(cache) + len(missing) > MAX_CACHED_WORDS:  # bound the cache on long runs
            cache.clear()
            missing = set(surfaces)
        for surface in missing:
            norm = normalize(surface)
            procs, stem, encs = analyzer.analyze(norm)
            cache[surface] = (norm, stem, procs, encs)  # Token's field order
        analyses = list(map(cache.__getitem__, surfaces))
    # bounds[k]: offset of parts[k]; token i is parts[2i + 1].
    bounds = list(accumulate(map(len, parts), initial=offset))
    starts = bounds[1::2]
    # (start, end, text) + (norm, stem, proclitics, enclitics): Token's fields in order, one
    # tuple per token; faster than transposing the analyses into columns for map(Token, ...).
    tokens = list(starmap(Token, map(add, zip(starts, bounds[2::2], surfaces), analyses)))
    return tokens, starts


_QUOTE_OPEN = re.compile("[" + re.escape("".join(QUOTE_PAIRS)) + "]")


def _quoted_ranges(line: str) -> list[tuple[int, int]]:
    ranges = []
    m = _QUOTE_OPEN.search(line)
    while m:
        i = m.start()
        j = line.find(QUOTE_PAIRS[line[i]], i + 1)
        if j != -1 and j - i <= MAX_QUOTE:
            ranges.append((i, j))
            m = _QUOTE_OPEN.search(line, j + 1)
        else:
            m = _QUOTE_OPEN.search(line, i + 1)
    return ranges


def _is_abbreviation(line: str, dot: int) -> bool:
    if line[dot] != ".":
        return False
    # The run of word characters and dots just before the dot (what r"[\w.]+$" finds on
    # line[:dot]), scanned backwards so a long line is not rescanned at every dot.
    start = dot
    while start > 0 and (line[start - 1] == "." or line[start - 1] == "_" or line[start - 1].isalnum()):
        start -= 1
    if start == dot:
        return False
    word = line[start:dot].lower()
    return word in ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def split_sentences(text: str) -> list[tuple[int, int, int]]:
    """(start, end, paragraph) of each sentence, trimmed; every non-empty line is a paragraph."""
    result = []
    append = result.append
    paragraph = -1
    line_start = 0
    for line in text.split("\n"):
        offset, line_start = line_start, line_start + len(line) + 1
        if not line or line.isspace():
            continue
        paragraph += 1
        length = len(line)
        cuts = None
        quoted = None  # computed on the first sentence end inside the line, if any
        for m in SENTENCE_END.finditer(line):
            cut = m.end()
            if cut == length:  # the line end is a cut anyway
                break
            dot = m.start()
            if quoted is None:
                quoted = _quoted_ranges(line)
            if (quoted and any(a < dot < b for a, b in quoted)) or _is_abbreviation(line, dot):
                continue
            if cuts is None:
                cuts = [0]
            cuts.append(cut)
        if cuts is None:  # the whole line is one sentence
            a = offset + length - len(line.lstrip())
            append((a, offset + len(line.rstrip()), paragraph))
            continue
        cuts.append(length)
        for s, e in zip(cuts, cuts[1:]):
            seg = line[s:e]
            stripped = seg.strip()
            if stripped:
                a = offset + s + len(seg) - len(seg.lstrip())
                append((a, a + len(stripped), paragraph))
    return result


def segment(text: str, analyzer: Optional[CliticAnalyzer] = None) -> list[Sentence]:
    # One tokenizer pass over the whole text. Every sentence boundary lies in whitespace (a cut
    # follows end punctuation only before a space or a line end, and sentences are trimmed), so
    # no token crosses one, and the tokens of a sentence are the run of text tokens inside it.
    tokens, starts = _tokens(text, 0, analyzer or default_analyzer())
    sentences = []
    first = 0
    for start, end, paragraph in split_sentences(text):
        last = bisect_left(starts, end, first)
        sentences.append(Sentence(start, end, text[start:end], paragraph, tokens[first:last]))
        first = last
    return sentences
