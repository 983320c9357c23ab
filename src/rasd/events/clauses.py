"""Split a sentence into clauses: the scope of an event's evidence, status cues and roles.

A clause ends at a comma, semicolon or colon, and a new one begins at a subordinating or
coordinating connective (بينما، في حين، حيث، إلا أن، بعد أن ...) and at a verb joined by و/ف
(``وأضاف``، ``وطالب``): Arabic chains clauses with و where English would start a sentence.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from ..model import Sentence

PUNCT_BREAKS = frozenset({"،", ",", "؛", ";", ":"})
CONNECTIVES = frozenset({"بينما", "فيما", "حيث", "وسط", "عندما", "حين", "حينما", "ثم", "لكن", "ولكن",
                         "لكنه", "لكنها", "كما", "وكما", "الا", "بعدما", "وبعدما", "اذ", "وذلك", "بيد",
                         "رغم", "برغم", "عقب", "فور", "ريثما"})
# Connectives that open a new statement (not a purpose or sequel of the previous clause).
STATEMENT_OPENERS = frozenset({"بينما", "فيما", "حيث", "عندما", "حين", "حينما", "لكن", "ولكن", "لكنه", "لكنها",
                               "الا", "بعدما", "وبعدما", "رغم", "برغم", "وسط", "بيد"})
# Two-word connectives: the first word starts the clause.
CONNECTIVE_PAIRS = frozenset({("في", "حين"), ("بعد", "ان"), ("قبل", "ان"), ("غير", "ان"), ("الا", "ان"),
                              ("على", "الرغم"), ("من", "جهه"), ("في", "المقابل"), ("في", "وقت")})


@dataclass(frozen=True)
class Clause:
    index: int
    first: int  # first token index (inclusive)
    last: int  # last token index (inclusive)
    start: int  # original character offsets into the article text
    end: int
    opens_statement: bool = False  # begins with a verb or a subordinator, not just after a comma


def split_clauses(sentence: Sentence, verb_starts: Iterable[int] = ()) -> list[Clause]:
    """Clauses of ``sentence``; ``verb_starts`` are token indexes of و/ف-joined verbs."""
    tokens = sentence.tokens
    if not tokens:
        return []
    starts = {0} | {i for i in verb_starts if 0 < i < len(tokens)}
    for i, t in enumerate(tokens):
        if t.norm in PUNCT_BREAKS and i + 1 < len(tokens):
            starts.add(i + 1)
        elif i > 0 and (t.norm in CONNECTIVES or
                        (i + 1 < len(tokens) and (t.norm, tokens[i + 1].norm) in CONNECTIVE_PAIRS)):
            starts.add(i)
    strong = {0} | {i for i in verb_starts if 0 < i < len(tokens)}
    for i in starts:
        if i < len(tokens) and tokens[i].norm in STATEMENT_OPENERS or (
                i + 1 < len(tokens) and (tokens[i].norm, tokens[i + 1].norm) in CONNECTIVE_PAIRS):
            strong.add(i)
    bounds = sorted(starts)
    clauses = []
    for k, first in enumerate(bounds):
        last = (bounds[k + 1] - 1) if k + 1 < len(bounds) else len(tokens) - 1
        # drop the trailing break punctuation from the clause
        while last > first and tokens[last].norm in PUNCT_BREAKS | {".", "!", "؟", "?"}:
            last -= 1
        clauses.append(Clause(len(clauses), first, last, tokens[first].start, tokens[last].end, first in strong))
    return clauses


def clause_of(clauses: list[Clause], token_index: int) -> Clause:
    for c in clauses:
        if c.first <= token_index <= c.last:
            return c
    return min(clauses, key=lambda c: abs(c.first - token_index))
