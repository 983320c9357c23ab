"""ANERcorp-style files: one ``token TAG`` per line, BIO tags, no sentence breaks.

The corpus has no sentence boundaries, so sentences are cut after end punctuation (. ! ? ؟)
and, failing that, every ``MAX_SENTENCE`` tokens, so the CRF sees units like those the pipeline
gives it. A blank line, where a file has them, also ends a sentence.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from ..errors import RasdError

SENTENCE_END_TOKENS = frozenset({".", "!", "?", "؟", "…"})
MAX_SENTENCE = 120


class CorpusFormatError(RasdError):
    """A ``token TAG`` file that cannot be read."""


@dataclass
class TaggedSentence:
    tokens: list[str]
    tags: list[str]


def read_tagged_lines(path: Path) -> tuple[list[str], list[str], list[int]]:
    """Tokens, tags and sentence-break positions (from blank lines) of a ``token TAG`` file.

    The tag is the last field of a line and the token everything before it, so a token that holds
    an invisible mark or is empty (ANERcorp has a few) keeps its place in the sequence.
    """
    tokens: list[str] = []
    tags: list[str] = []
    breaks: list[int] = []
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise CorpusFormatError(f"{path}: cannot read as UTF-8 text: {e}") from e
    for line_no, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            breaks.append(len(tokens))
            continue
        token, sep, tag = line.rstrip().rpartition(" ")
        if "\t" in line and not sep:
            token, sep, tag = line.rstrip().rpartition("\t")
        if not sep:
            raise CorpusFormatError(f"{path}:{line_no}: expected 'token TAG', got {line!r}")
        if tag != "O" and not (tag[:2] in ("B-", "I-") and len(tag) > 2):
            raise CorpusFormatError(f"{path}:{line_no}: {tag!r} is not a BIO tag (O, B-TYPE, I-TYPE)")
        tokens.append(token.strip())
        tags.append(tag)
    return tokens, tags, breaks


def sentences_from(tokens: list[str], tags: list[str], breaks: Iterable[int] = ()) -> list[TaggedSentence]:
    """Cut a token stream into sentences after end punctuation, at breaks, or at MAX_SENTENCE."""
    break_set = set(breaks)
    sentences: list[TaggedSentence] = []
    start = 0
    for i, token in enumerate(tokens):
        end = i + 1
        long_enough = end - start >= MAX_SENTENCE and (end >= len(tags) or not tags[end].startswith("I-"))
        if token in SENTENCE_END_TOKENS or end in break_set or long_enough:
            sentences.append(TaggedSentence(tokens[start:end], tags[start:end]))
            start = end
    if start < len(tokens):
        sentences.append(TaggedSentence(tokens[start:], tags[start:]))
    return sentences


def read_corpus(path: Path) -> list[TaggedSentence]:
    tokens, tags, breaks = read_tagged_lines(path)
    if not tokens:
        raise CorpusFormatError(f"{path}: no 'token TAG' lines")
    return sentences_from(tokens, tags, breaks)


def heldout_split(sentences: list[TaggedSentence], fraction: float = 0.1) -> tuple[list[TaggedSentence], list[TaggedSentence]]:
    """(train, held-out): the held-out part is the last ``fraction`` of the tokens, cut at a sentence.

    The file runs document after document, so a contiguous tail keeps whole articles out of
    training (as CAMeL Lab's ANERcorp split does) instead of leaking their names into it.
    """
    total = sum(len(s.tokens) for s in sentences)
    target = total * (1 - fraction)
    seen = 0
    for i, sentence in enumerate(sentences):
        if seen >= target:
            return sentences[:i], sentences[i:]
        seen += len(sentence.tokens)
    return sentences, []


def corpus_file(data: Path) -> Path:
    """The training file of a corpus folder (``train.txt``), or ``data`` itself when it is a file."""
    data = Path(data)
    if data.is_dir():
        data = data / "train.txt"
    if not data.is_file():
        raise CorpusFormatError(f"{data}: no such file (expected a 'token TAG' file or a folder with train.txt)")
    return data
