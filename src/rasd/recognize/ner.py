"""Stage: statistical NER. Tags each sentence with the shipped CRF and adds the persons,
organisations, places and other names (Mention source "ner") that no earlier stage found.

Entities overlapping a mention already on the article (lexicon actors, places, persons ...) are
skipped: the lexicon's answer, with its canonical id, wins. A leading conjunction or preposition
(و ب ل) is trimmed off an entity's span, so ``وألفا عمر كوناري`` marks ``ألفا عمر كوناري``.

One exception: a person's name that holds a far-away GeoNames town as one of its words (دوغلاس
ماكغريغور, حاتم عبد القادر, هيثم المالح: Douglas, Isle of Man; Ḩātim, Jordan; El Malah) is that
person, and the town is dropped. Only world places (``place.gn.``) give way: a Syrian village
inside a tagged "person" is as often a place after a preposition the tagger misread (على الشدادي،
كفر داعل).
"""
from __future__ import annotations

from bisect import bisect_left
from typing import Optional

from ..model import Article, Mention, Token
from ..ner.bio import chunks
from ..ner.model import NerModel, default_model
from ..normalize import DROP
from ..settings import Settings
from .places import is_world_place

KIND_OF_TYPE = {"PERS": "person", "ORG": "org", "LOC": "place", "MISC": "misc"}
RULE = "ner.crf"
# ف and ك seldom come before a name but often begin one (فيصل، فراس، كمال), which the clitic
# analysis, made for ordinary words, splits off; a name keeps them, and the clitics before them.
_DETACHABLE = frozenset({"و", "ب", "ل"})
_NAME_PROCLITICS = _DETACHABLE | {"ال"}
MIN_NAME_LETTERS = 3  # a shorter rest means the "clitics" were the name's own letters (وليد -> و+ل+يد)


def name_start(token: Token) -> int:
    """Offset where the name in ``token`` begins: after its conjunction and preposition clitics."""
    if not _NAME_PROCLITICS.issuperset(token.proclitics):
        return token.start
    letters = [p for p in token.proclitics if p in _DETACHABLE]
    if "ل" in letters and "ال" in token.proclitics:
        letters.remove("ل")  # ل + ال is written لل: the second ل belongs to the name's article
    if len(token.norm) - len(letters) < MIN_NAME_LETTERS:
        return token.start
    skip = len(letters)
    i = 0
    while skip and i < len(token.text):
        if token.text[i] not in DROP:
            skip -= 1
        i += 1
    while i < len(token.text) and token.text[i] in DROP:
        i += 1  # diacritics of the clitic stay with the clitic
    return token.start + i if i < len(token.text) else token.start


class NerRecognizer:
    """Callable ``Article -> Article`` adding NER mentions; ``pipe`` is the batch path."""

    def __init__(self, settings: Settings, model: Optional[NerModel] = None):
        self.model = model or default_model()

    def __call__(self, article: Article) -> Article:
        taken = _Taken(article.mentions)
        found: list[Mention] = []
        dropped: set[int] = set()  # id() of world places that are a word of a person's name
        all_tags = self.model.tag_sentences([sentence.tokens for sentence in article.sentences])
        for index, (sentence, tags) in enumerate(zip(article.sentences, all_tags)):
            if tags.count("O") == len(tags):
                continue  # most sentences name nothing the lexicons missed
            tokens = sentence.tokens
            for chunk in chunks(tags):
                start = name_start(tokens[chunk.start])
                end = tokens[chunk.end - 1].end
                if taken.overlaps(start, end):
                    inside = _world_places_inside(article.mentions, start, end) if chunk.type == "PERS" else None
                    if not inside:
                        continue
                    dropped.update(map(id, inside))
                found.append(Mention(kind=KIND_OF_TYPE[chunk.type], start=start, end=end,
                                     text=article.text[start:end], source="ner", rule=RULE, sentence=index))
        if dropped:
            article.mentions = [m for m in article.mentions if id(m) not in dropped]
        article.mentions.extend(found)
        return article

    def pipe(self, articles):
        for article in articles:
            yield self(article)


def _world_places_inside(mentions: list[Mention], start: int, end: int) -> Optional[list[Mention]]:
    """The mentions overlapping [start, end) when all of them are GeoNames world places lying
    inside it and shorter than it; else None."""
    overlapping = [m for m in mentions if m.field == "text" and m.start < end and start < m.end]
    if overlapping and all(m.kind == "place" and is_world_place(m.entity_id)
                           and start <= m.start and m.end <= end and m.end - m.start < end - start
                           for m in overlapping):
        return overlapping
    return None


class _Taken:
    """The spans of the article's earlier mentions, asked whether a span overlaps any of them."""

    def __init__(self, mentions: list[Mention]):
        spans = sorted((m.start, m.end) for m in mentions if m.field == "text")
        self.starts = [s for s, _ in spans]
        # reach[i]: the furthest end among the first i spans (by start)
        self.reach = [-1]
        for _, e in spans:
            self.reach.append(max(self.reach[-1], e))

    def overlaps(self, start: int, end: int) -> bool:
        """Whether [start, end) overlaps a taken span: one of those starting before ``end``
        reaches past ``start``."""
        return self.reach[bisect_left(self.starts, end)] > start
