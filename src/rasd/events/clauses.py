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


# The first words of CONNECTIVE_PAIRS: only they need the pair looked up.
PAIR_FIRSTS = frozenset(a for a, _ in CONNECTIVE_PAIRS)
TRAILING_PUNCT = PUNCT_BREAKS | {".", "!", "؟", "?"}  # dropped from a clause's end


def split_clauses(sentence: Sentence, verb_starts: Iterable[int] = ()) -> list[Clause]:
    """Clauses of ``sentence``; ``verb_starts`` are token indexes of و/ف-joined verbs."""
    tokens = sentence.tokens
    n = len(tokens)
    if not n:
        return []
    norms = [t.norm for t in tokens]
    verbs = {i for i in verb_starts if 0 < i < n}
    starts = {0} | verbs
    paired = set()  # i: tokens i, i + 1 are a two-word connective
    for i, norm in enumerate(norms):
        if norm in PUNCT_BREAKS:
            if i + 1 < n:
                starts.add(i + 1)
        elif norm in PAIR_FIRSTS and i + 1 < n and (norm, norms[i + 1]) in CONNECTIVE_PAIRS:
            paired.add(i)
            if i > 0:
                starts.add(i)
        elif i > 0 and norm in CONNECTIVES:
            starts.add(i)
    strong = {0} | verbs | {i for i in starts if norms[i] in STATEMENT_OPENERS or i in paired}
    bounds = sorted(starts)
    clauses = []
    for k, first in enumerate(bounds):
        last = (bounds[k + 1] - 1) if k + 1 < len(bounds) else n - 1
        # drop the trailing break punctuation from the clause
        while last > first and norms[last] in TRAILING_PUNCT:
            last -= 1
        clauses.append(Clause(len(clauses), first, last, tokens[first].start, tokens[last].end, first in strong))
    return clauses


def clause_of(clauses: list[Clause], token_index: int) -> Clause:
    for c in clauses:
        if c.first <= token_index <= c.last:
            return c
    return min(clauses, key=lambda c: abs(c.first - token_index))
