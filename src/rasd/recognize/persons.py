"""Persons: well-known persons from the lexicon, and names introduced by a title or role.

Data: ``data/lexicons/persons/*.yaml`` (leaders, commanders, spokespeople, each with the
``actor`` they act for) and the titles in ``data/lexicons/agents/titles.yaml``.

    [title [qualifier]] known-name            الرئيس السوري بشار الأسد, لافروف
    title [qualifier] [، ... ،] Name Name     مراسلة وكالة "ستيب الإخبارية" في المنطقة، نور الجاسم
                                              المتحدث باسم قسد فرهاد شامي

The qualifier is what the title says about the actor: a demonym (الروسي), an actor (في قسد,
باسم الخارجية) or a short place phrase between commas. The person is linked to that actor
(``Mention.actor_id``), else to the lexicon's actor for a known person. Runs after
``ActorRecognizer`` and reads its mentions; names no title introduces are left to the
statistical NER (``recognize/ner.py``).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from itertools import accumulate
from functools import lru_cache
from pathlib import Path
from typing import Optional, Sequence

from ..lexicon import LexiconEntry, load_lexicon, text_view, view_offsets
from ..lexicon.matcher import Match, Matcher
from ..model import Article, Mention
from ..normalize import normalize
from ..settings import Settings
from .actors import ActorLexicon, actor_lexicon

MAX_NAME_TOKENS = 3
MAX_QUALIFIER_WORDS = 4  # words allowed between a title and a known name (الرئيس السوري ...)
# Tokens that continue a name (عبد الرحمن, أبو محمد, بن سلمان): one more token must follow.
NAME_JOINERS = frozenset(normalize(w) for w in ("عبد", "عبد ال", "أبو", "أبي", "ابو", "ابي", "بن", "ابن", "أم", "ام", "آل", "ال"))
# Words that end a name or cannot begin one: function words and reporting verbs.
NOT_NAME = frozenset(normalize(w) for w in (
    "في", "من", "إلى", "الى", "عن", "مع", "أن", "إن", "ان", "أنه", "إنه", "انه", "التي", "الذي",
    "الذين", "هذا", "هذه", "ذلك", "تلك", "قال", "قالت", "أكد", "أكدت", "أعلن", "أعلنت", "أضاف",
    "أضافت", "أشار", "أشارت", "أوضح", "أوضحت", "كشف", "كشفت", "نقل", "نقلت", "ذكر", "ذكرت", "لم",
    "لن", "قد", "كان", "كانت", "يوم", "اليوم", "أمس", "خلال", "بعد", "قبل", "حول", "ضد", "بين",
    "لدى", "عند", "حيث", "كما", "لكن", "وقال", "وقالت", "وأكد", "وأضاف", "ثم", "أو", "و", "هو",
    "هي", "الذي", "باسم", "إنها", "أنها", "بأن", "بان", "إنّ", "ما", "لا", "ليس", "كل", "جميع",
    "عدد", "بعض", "السابق", "الحالي", "الجديد", "المنتهية", "الأسبق", "الراحل", "المقال", "السيد",
    "الاثنين", "الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد", "صباح", "مساء",
    "كلمة", "أمام", "عقب", "إثر", "دون", "سوف", "حتى", "إذ", "إذا", "لأن", "منذ", "لقد", "لقاء", "خلال", "وفق", "حسب", "بحسب", "نحو", "ضمن", "بشأن",
    "قوله", "قولها", "غيره", "غيرها", "وغيره", "وغيرها", "حيال", "تجاه", "قبيل", "بوضوح",
))
# Titles whose matching form is also a common word: only their exact spelling in the text is the
# title (آمر "commander" normalizes like أمر/الأمر "matter").
EXACT_TITLES = {"امر": "آمر"}
# The preposition على normalizes like the name علي (Ali): it is told apart by its final ى in the text.
# A word written with tanween (موقفاً، شكلاً) is an indefinite noun, never a name after a title.
_NOT_NAME_IN_TEXT = re.compile(r"(?<![\w])(?:على(?![\w])|\w+[\u064b\u064c\u064d])")
_WORD = re.compile(r"[\u0621-\u064a]+")
_SPACE_ONLY = re.compile(r"^[\s\"'()]*$")
_LINK_WORDS = frozenset(normalize(w) for w in ("في", "باسم", "لدى", "ب", "التابع", "التابعة", "عن", "ل", "لـ"))
_COMMA = "،,"
_STOP_PUNCT = ".!?؟:;؛\n"
_STOP_RE = re.compile("[" + re.escape(_STOP_PUNCT) + "]")


@dataclass(frozen=True)
class PersonRecord:
    id: str
    name_en: str
    name_ar: str
    actor: Optional[str]
    role_en: Optional[str]


@dataclass(frozen=True)
class _Title:
    id: str
    sector: Optional[str]
    honorific: bool


class PersonLexicon:
    def __init__(self, persons: Sequence[LexiconEntry], titles: Sequence[LexiconEntry], actors: ActorLexicon):
        self.actors = actors
        self.persons: dict[str, PersonRecord] = {}
        self.matcher = Matcher()
        for e in persons:
            self.persons[e.id] = PersonRecord(e.id, e.name_en or e.id, e.forms[0] if e.forms else "",
                                              e.attrs.get("actor"), e.attrs.get("role_en"))
            for form in e.forms:
                self.matcher.add(form, ("person", e.id))
        for e in titles:
            if e.attrs.get("role") != "title":
                continue
            for form in e.forms:
                self.matcher.add(form, ("title", _Title(e.id, e.attrs.get("sector"), bool(e.attrs.get("honorific")))))
        self.matcher.build()
        # Per form, once: how it reads (a form that is both a title and a name reads as a name)
        # and whether it can be a title.
        self.readings: dict[str, tuple[str, object, bool, bool]] = {}
        for form, payloads in self.matcher._forms.items():
            kind, payload = payloads[0]
            for p in payloads:
                if p[0] == "person":
                    kind, payload = p
            self.readings[form] = (kind, payload, any(p[0] == "title" for p in payloads),
                                   any(p[0] == "person" for p in payloads))
        # One-word forms of titles, agents and demonyms end a name (وزراء, الروسي, قوات).
        self.stops = set(NOT_NAME)
        for e in titles:
            for form in e.forms:
                if " " not in form.strip():
                    key = normalize(form.strip())
                    self.stops.update({key, key[2:] if key.startswith("ال") else "ال" + key})
        self.stops = frozenset(self.stops)


@lru_cache(maxsize=8)
def person_lexicon(extra_dirs: tuple[Path, ...] = ()) -> PersonLexicon:
    return PersonLexicon(load_lexicon("persons", extra_dirs), load_lexicon("agents", extra_dirs),
                         actor_lexicon(extra_dirs))


class PersonRecognizer:
    """Pipeline stage: appends person mentions (kind="person"); run it after ActorRecognizer."""

    def __init__(self, settings: Settings):
        self.lexicon = person_lexicon(tuple(Path(d) for d in settings.extra_lexicon_dirs))

    def __call__(self, article: Article) -> Article:
        actors = [m for m in article.mentions if m.kind == "actor"]
        mentions = self.recognize(article.text, actors, article.published)
        if article.sentences:
            starts = [s.start for s in article.sentences]
            for m in mentions:
                m.sentence = max(0, bisect.bisect_right(starts, m.start) - 1)
        article.mentions.extend(mentions)
        return article

    def recognize(self, text: str, actor_mentions: Sequence[Mention] = (),
                  published: Optional[str] = None) -> list[Mention]:
        view = text_view(text)
        norm = view.text
        # actor mentions in normalized offsets, to read what a title says about its actor
        ends = view_offsets(view, [x for m in actor_mentions for x in (m.start, m.end)])
        actor_spans = ActorSpans(sorted(zip(ends[::2], ends[1::2], actor_mentions)))
        matches = self.lexicon.matcher.find(norm)
        spelled = [m.start() for m in _NOT_NAME_IN_TEXT.finditer(text)]
        not_names = frozenset(view_offsets(view, spelled)) if spelled else frozenset()
        readings = self.lexicon.readings
        reads = [readings[m.form] for m in matches]
        found: list[Mention] = []
        last_end = -1
        for k, m in enumerate(matches):
            if m.start < last_end:
                continue
            kind, payload = reads[k][0], reads[k][1]
            if kind == "title" and self._introduces_known(matches, reads, k, norm):
                continue  # the known name after this title reads the title itself
            if kind == "person":
                title = self._title_before(matches, reads, k, norm)
                mention = self._known(m, title, norm, actor_spans, published, payload)
            elif m.form in EXACT_TITLES and EXACT_TITLES[m.form] not in text[slice(*view.span_to_original(m.start, m.end))]:
                continue
            else:
                mention = self._titled(m, payload, matches, k, norm, actor_spans, published, not_names)
            if mention is not None:
                last_end = mention.end
                found.append(mention)
        return [self._to_original(x, view) for x in found]

    # -- known persons ---------------------------------------------------------------------
    def _introduces_known(self, matches: list[Match], reads: list, k: int, norm: str) -> bool:
        for j in range(k + 1, min(len(matches), k + 4)):
            if reads[j][3]:  # can be a person
                return self._title_before(matches, reads, j, norm) is matches[k]
        return False

    def _title_before(self, matches: list[Match], reads: list, k: int, norm: str) -> Optional[Match]:
        """The nearest title ending at most a few words before the name, same clause."""
        name = matches[k]
        for j in range(k - 1, max(-1, k - 4), -1):
            cand = matches[j]
            if not reads[j][2]:  # cannot be a title
                continue
            gap = norm[cand.end:name.start - len(name.prefix)]
            if _STOP_RE.search(gap) or len(_WORD.findall(gap)) > MAX_QUALIFIER_WORDS:
                return None
            return cand
        return None

    def _known(self, m: Match, title: Optional[Match], norm: str, actor_spans, published, person_id):
        record = self.lexicon.persons[person_id]
        start = title.start if title else m.start
        actor = actor_spans.between(start, m.start) if title else None
        actor_id = actor.entity_id if actor else record.actor
        role = (title.start, m.start) if title else None
        person = self._person(start, m.end, record.name_en, record.id, actor_id, role, "person:lexicon", published)
        person.name_ar = (m.start, m.end)
        return person

    # -- titled names -------------------------------------------------------------------------
    def _titled(self, m: Match, title: _Title, matches, k, norm, actor_spans, published,
                not_names: frozenset[int] = frozenset()) -> Optional[Mention]:
        pos = m.end
        # Skip the qualifier: actor mentions, demonym-bearing actor phrases, link words.
        for _ in range(MAX_QUALIFIER_WORDS):
            pos = _skip_space(norm, pos)
            span = actor_spans.at(pos)
            if span is not None:
                pos = span[1]
                continue
            word = _WORD.match(norm, pos)
            if word and word.group() in _LINK_WORDS:
                pos = word.end()
                continue
            if word and actor_spans.at(_skip_space(norm, word.end())) is not None:
                pos = word.end()  # وكالة "ستيب الإخبارية": a head noun before the actor's name
                continue
            break
        pos = _skip_space(norm, pos)
        after_comma = False
        # A short insertion between commas before the name: "، في المنطقة، نور الجاسم"
        if pos < len(norm) and norm[pos] in _COMMA:
            pos, after_comma = _skip_space(norm, pos + 1), True
        else:
            rest = norm[pos:pos + 40]
            comma = next((i for i, ch in enumerate(rest) if ch in _COMMA), -1)
            if comma > 0 and not _STOP_RE.search(rest, 0, comma) \
                    and (len(_WORD.findall(rest[:comma])) <= 2 or (
                        len(_WORD.findall(rest[:comma])) <= 3 and _WORD.match(rest)
                        and _WORD.match(rest).group() in _LINK_WORDS)):
                pos, after_comma = _skip_space(norm, pos + comma + 1), True
        name_start, name_end = _read_name(norm, pos, self.lexicon.stops, not_names)
        if name_start is None:
            return None
        if after_comma and name_end < len(norm) and norm[name_end] not in _COMMA + _STOP_PUNCT + " ":
            return None
        if after_comma:  # "، نور الجاسم، عن": an apposition closes with punctuation or a function word
            nxt = _skip_space(norm, name_end)
            word = _WORD.match(norm, nxt)
            if nxt < len(norm) and norm[nxt] not in _COMMA + _STOP_PUNCT and not (
                    word and (word.group() in self.lexicon.stops or word.start() in not_names)):
                return None
        actor = actor_spans.between(m.start, name_start)
        role = (m.start, name_start)
        person = self._person(m.start, name_end, None, None, actor.entity_id if actor else None,
                              role, "person:title", published)
        person.name_ar = (name_start, name_end)  # made original text in _to_original
        person.sector = person.sector or (None if title.honorific else title.sector)
        return person

    def _person(self, start, end, name_en, entity_id, actor_id, role, rule, published) -> Mention:
        country = sector = None
        if actor_id and actor_id in self.lexicon.actors.actors:
            record = self.lexicon.actors.resolve([actor_id], published) or self.lexicon.actors.actors[actor_id]
            actor_id, country, sector = record.id, record.country, record.sector
        return Mention(kind="person", start=start, end=end, text="", entity_id=entity_id, name_en=name_en,
                       country=country, sector=sector, source="lexicon" if entity_id else "rule", rule=rule,
                       actor_id=actor_id, role=role)

    @staticmethod
    def _to_original(mention: Mention, view) -> Mention:
        s, e = view.span_to_original(mention.start, mention.end)
        mention.start, mention.end, mention.text = s, e, view.original[s:e]
        if isinstance(mention.role, tuple):  # (start, end) of the title words, normalized
            mention.role = view.original_span_text(*mention.role).strip(" ،,\"“”") or None
        if isinstance(mention.name_ar, tuple):
            mention.name_ar = view.original_span_text(*mention.name_ar)
        if mention.name_ar is None:
            mention.name_ar = mention.text
        return mention


class ActorSpans:
    """An article's actor mentions as (start, end, mention) in the normalized text, sorted, with
    the two look-ups a title's reader makes, by bisection instead of a walk from the first."""

    def __init__(self, spans: list[tuple[int, int, Mention]]):
        self.spans = spans
        self.starts = [s for s, _, _ in spans]
        self.reach = list(accumulate((e for _, e, _ in spans), max))  # the furthest end so far

    def at(self, pos: int) -> Optional[tuple[int, int]]:
        """(start, end) of the first span that holds ``pos``."""
        k = bisect.bisect_right(self.starts, pos)  # the spans that start at or before pos
        i = bisect.bisect_right(self.reach, pos, 0, k)  # the first of them that ends after it
        return self.spans[i][:2] if i < k else None

    def between(self, start: int, end: int) -> Optional[Mention]:
        """The mention of the first span inside [start, end)."""
        for k in range(bisect.bisect_left(self.starts, start), len(self.spans)):
            s, e, mention = self.spans[k]
            if s > end:
                return None  # (every span ends at or after its start)
            if e <= end:
                return mention
        return None


def _skip_space(norm: str, pos: int) -> int:
    while pos < len(norm) and norm[pos] in " \t\"'":
        pos += 1
    return pos


def _read_name(norm: str, pos: int, stops: frozenset[str],
               not_names: frozenset[int] = frozenset()) -> tuple[Optional[int], int]:
    """Two or three name tokens from ``pos``, stopping at punctuation or a function word; a
    third token counts only when a boundary (punctuation, function word) follows it.
    ``not_names``: normalized offsets where words begin that the text's spelling shows are no
    name (the preposition على, normalized like the name علي; a word with tanween)."""
    tokens: list[re.Match] = []
    cur = pos
    while len(tokens) < MAX_NAME_TOKENS + 1:
        word = _WORD.match(norm, cur)
        if not word or word.group() in stops or len(word.group()) < 2 and word.group() not in NAME_JOINERS \
                or word.start() in not_names:
            break
        if len(tokens) >= 2 and word.group()[0] == "و" and tokens[-1].group() not in NAME_JOINERS:
            break  # سعد الحريري وفرط، الملك عبد الله ورئيس: a conjunction after a whole name starts a new phrase
        tokens.append(word)
        nxt = word.end()
        if nxt >= len(norm) or norm[nxt] != " ":
            break
        cur = nxt + 1
    while tokens and tokens[-1].group() in NAME_JOINERS:
        tokens.pop()
    if len(tokens) > MAX_NAME_TOKENS and tokens[-2].group() not in NAME_JOINERS:
        tokens = tokens[:MAX_NAME_TOKENS]
    if len(tokens) == MAX_NAME_TOKENS and tokens[1].group() not in NAME_JOINERS:
        after = _WORD.match(norm, tokens[-1].end() + 1)
        boundary = tokens[-1].end() >= len(norm) or norm[tokens[-1].end()] != " " or (
            after is not None and after.group() in stops)
        if not boundary:
            tokens = tokens[:2]
    if len(tokens) < 2 or tokens[0].group().startswith("ال"):
        return None, pos
    first = tokens[0].group()
    if first[0] in "وفلب" and (first[1:] in stops or first[1:3] == "ال"):
        return None, pos  # وإنها, لميليشيا, والقوات: a clitic on a function word is no name
    return tokens[0].start(), tokens[-1].end()
