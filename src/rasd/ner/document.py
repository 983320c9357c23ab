"""Document features for the second CRF pass: what the first pass said about the same word elsewhere.

A name is often introduced once with a title or a cue (الرئيس اليمني علي عبد الله صالح, شركة
مايكروسوفت) and then repeated bare (صالح, مايكروسوفت), where the first pass, seeing only a
five-word window, misses it. The second pass sees, for each token, the first pass's labels of the
other occurrences of its stem in the same document (an article), and the first pass's label of the
token and its neighbours; it is trained on first-pass labels of documents the first pass did not
see in training (``rasd.ner.train``), so it learns how far to trust them.

In ANERcorp, which has no document breaks, a document is a run of sentences of about
``DOCUMENT_TOKENS`` tokens (``documents``).
"""
from __future__ import annotations

from typing import Sequence, TypeVar

from .features import Word

DOCUMENT_TOKENS = 400
T = TypeVar("T")
# tag -> entity type, filled as tags are met
_TYPE = {"O": "O", **{f"{p}-{t}": t for p in "BI" for t in ("PERS", "LOC", "ORG", "MISC")}}


def entity_type(tag: str) -> str:
    """PERS for B-PERS / I-PERS, O for O."""
    etype = _TYPE.get(tag)
    if etype is None:
        etype = _TYPE[tag] = tag[2:] if tag[:2] in ("B-", "I-") else "O"
    return etype


class DocumentVotes:
    """The first pass's labels of one document, and what they say about each token's stem.

    ``votes[i][j]``: the vote features of token j of sentence i —
    ``d=TYPE``: the entity type most often given to the same stem elsewhere in the document,
    ``d+=TYPE`` when that type outnumbers the times it was left outside any entity, ``d=O`` when it
    occurs elsewhere only outside entities; none for a word met once, a one-letter word, digits or
    punctuation.
    """

    def __init__(self, sentences: Sequence[Sequence[Word]], tags: Sequence[Sequence[str]]):
        self.tags = tags
        type_of = _TYPE
        types = [[type_of.get(t) or entity_type(t) for t in sentence_tags] for sentence_tags in tags]
        keys = [[w[1] if len(w[1]) > 1 and w[1].isalpha() else "" for w in words] for words in sentences]
        counts: dict[str, dict[str, int]] = {}
        for sentence_keys, sentence_types in zip(keys, types):
            for key, etype in zip(sentence_keys, sentence_types):
                if key:
                    by_type = counts.get(key)
                    if by_type is None:
                        counts[key] = {etype: 1}
                    else:
                        by_type[etype] = by_type.get(etype, 0) + 1
        memo: dict[tuple[str, str], tuple[str, ...]] = {}
        outside_only = ("d=O",)
        self.votes: list[list[tuple[str, ...]]] = []
        for sentence_keys, sentence_types in zip(keys, types):
            row = []
            for key, etype in zip(sentence_keys, sentence_types):
                by_type = counts.get(key) if key else None
                if by_type is None:
                    row.append(())
                elif len(by_type) == 1:  # the common case: every occurrence has one label
                    n = by_type[etype]
                    row.append(() if n == 1 else outside_only if etype == "O" else ("d=" + etype, "d+=" + etype))
                else:
                    vote = memo.get((key, etype))
                    if vote is None:
                        vote = memo[(key, etype)] = _vote(by_type, etype)
                    row.append(vote)
            self.votes.append(row)
        self._types = types

    def disagrees(self, i: int) -> bool:
        """Whether a token of sentence i has a ``d=`` vote other than its own first-pass type."""
        return any(vote and vote[0] != "d=" + etype for vote, etype in zip(self.votes[i], self._types[i]))

    def keys(self, i: int) -> list[tuple]:
        """Per token of sentence i: (its first-pass tag, its neighbours', its votes), the key of its
        features (``token_features``); few distinct keys, so a decoder can cache their weights."""
        tags = self.tags[i]
        n = len(tags)
        votes = self.votes[i]
        return [(tags[j], tags[j - 1] if j > 0 else "BOS", tags[j + 1] if j + 1 < n else "EOS", votes[j])
                for j in range(n)]

    def features(self, i: int) -> list[list[str]]:
        """Per token of sentence i: the features the second pass adds to the word's own."""
        return [token_features(key) for key in self.keys(i)]


def token_features(key: tuple) -> list[str]:
    """``p1=``, ``p1-1=``, ``p1+1=``: first-pass tag of the token and its neighbours; then its votes."""
    tag, previous, following, votes = key
    return ["p1=" + tag, "p1-1=" + previous, "p1+1=" + following, *votes]


def _vote(by_type: dict[str, int], own: str) -> tuple[str, ...]:
    others = dict(by_type)
    others[own] -= 1  # the token's own label does not count
    outside = others.pop("O", 0)
    named = [(count, etype) for etype, count in others.items() if count > 0]
    if named:
        count, etype = max(named)
        return ("d=" + etype, "d+=" + etype) if count > outside else ("d=" + etype,)
    return ("d=O",) if outside > 0 else ()


def document_features(sentences: Sequence[Sequence[Word]], tags: Sequence[Sequence[str]]) -> list[list[list[str]]]:
    """Per sentence, per token: the features the second pass adds to the word's own."""
    votes = DocumentVotes(sentences, tags)
    return [votes.features(i) for i in range(len(sentences))]


def documents(sentences: Sequence[T], size: int = DOCUMENT_TOKENS) -> list[list[T]]:
    """Consecutive runs of sentences (objects with ``tokens``) of at least ``size`` tokens each."""
    result: list[list[T]] = []
    current: list[T] = []
    count = 0
    for sentence in sentences:
        current.append(sentence)
        count += len(sentence.tokens)  # type: ignore[attr-defined]
        if count >= size:
            result.append(current)
            current, count = [], 0
    if current:
        result.append(current)
    return result
