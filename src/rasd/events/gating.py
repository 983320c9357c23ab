"""Gating: is an ASSAULT or PROTEST candidate a concrete reported event, or only a word for one?

News text names attacks and protests far more often than it reports one: the anniversary of an
assassination, the trial of a bombing's suspects, a feared attack, "a war of words", what soldiers
do "every day", a definite noun recalling an attack told elsewhere. ANNOTATION.md codes only an
actual reported action, so the coder asks ``EventGate.check`` before building an ASSAULT or PROTEST
event. In order, a candidate is rejected when

1. its status is not asserted (an attack threatened, denied or not carried out is no attack);
2. its sentence is a question;
3. the trigger word is used in another sense (``sense`` cues: حرب كلامية، جدول الضرب), the cue
   overlapping the trigger or, with an ``after`` window, just following it (انفجر بالضحك);
4. it is the topic of a frame word just before it (``frame`` cues: جريمة اغتيال، ذكرى اغتيال،
   المتهمين بتفجير، خشية هجوم) or, with an ``after`` window, just after it (قتل ... في زلزال);
5. its clause speaks habitually or generically (``generic`` cues: يوميا، عادة);
6. it is an imperfect verb with no anchor (what someone does, not what happened), whoever is named;
6b. (PROTEST) it is a chant or banner verb and the definite protesters of a protest already told
   stand before it (``known_crowd``, ``crowd_act`` cues): وحمل المتظاهرون صورا ... فيما هتف العشرات;
7. it is a verb whose subject is a definite attack noun (``restated`` cues: القصف استهدف، استهدف
   الهجوم): a detail of an attack already told;
8. it is a verbal noun with no anchor tying it to one incident: no casualty count or date in its
   clause, no weapon or means, no verb of occurrence (وقع، أسفر عن، نفذ), no light verb.

The cues live in ``data/lexicons/gating/`` so an analyst can extend them without code. Only these two
types are gated: they are the most often merely mentioned; other types keep the coder's decision.
Everything here is a few lookups per candidate (one matcher pass per sentence that has one).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional, Sequence

from ..lexicon import LexiconEntry, load_lexicon, text_view
from ..lexicon.matcher import Matcher, resolve_overlaps
from ..model import Mention, Sentence
from ..normalize import normalize
from .clauses import Clause
from .cues import token_range
from .triggers import NOUN, VERB_PAST, VERB_PRESENT, expand_form

FULLY_GATED_TYPES = frozenset({"ASSAULT", "PROTEST"})  # the most often merely mentioned: every rule
# types whose verbal noun after the ل of purpose is an aim, not a report (only that rule)
# (not CONSULT: ل before a meeting noun is as often genitive or planned attendance, لاجتماعات أستانة، لحضور القمة)
PURPOSE_GATED_TYPES = frozenset({"COERCE", "REJECT", "RETREAT", "MOBILIZE", "COOPERATE", "AID", "SANCTION"})
GATED_TYPES = FULLY_GATED_TYPES | PURPOSE_GATED_TYPES  # the types the gate may drop
OBJECT_L_REACH = 3
OBJECT_L_GOVERNORS = tuple(normalize(w) for w in (
    "خضع", "تخضع", "يخضع", "خضوع", "تعرض", "يتعرض", "التعرض", "تصدى", "تصدت", "يتصدى", "تتصدى", "تصدي", "التصدي",
    "تصدوا", "استجاب", "تستجيب", "يستجيب", "الاستجابة", "رضخ", "يرضخ", "ترضخ"))
QUESTION_MARKS = ("؟", "?")
ANCHOR_MENTIONS = frozenset({"casualty", "date"})  # mention kinds that tie a noun to one incident
DEFAULT_FRAME_WINDOW = 2
DATE_AFTER_NOUN = 4  # tokens after a verbal noun where its date may stand
NAME_AFTER_NOUN = 3  # tokens after a verbal noun where its named target, attacker or place may stand
NAME_MENTIONS = frozenset({"actor", "place", "org", "number"})
SUBJECT_MENTIONS = frozenset({"actor", "person", "org"})  # names that may stand as a verb's subject
SUBJECT_SPAN = 4  # plain words a reporting verb's subject may take before its verbal-noun object
# words that end a reporting verb's subject: a complement clause, a preposition's object, a verb
SUBJECT_BARRIERS = frozenset(normalize(w) for w in ("أن", "إن", "بأن", "لأن", "أنه", "أنها", "إنه", "إنها",
                                                    "عن", "على", "الى", "إلى", "من", "الذي", "التي", "قد", "لم", "لن"))
# counts before a protester noun: the crowd is introduced here, not one already told of (آلاف المتظاهرين)
CROWD_COUNTS = frozenset(normalize(w) for w in ("آلاف", "الآلاف", "ألوف", "مئات", "المئات", "عشرات", "العشرات",
                                                "ملايين", "مئات الآلاف", "من", "بعض", "مجموعة", "عدد"))
YEAR = re.compile(r"(?:1[89]|20)\d\d")
SINCE = normalize("منذ")
TAA_MARBUTA = "ة"
_MARKS = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0640"  # case vowels, shadda, tatweel


@dataclass(frozen=True)
class GateCue:
    """A gating cue found in a sentence, with the sentence tokens it covers."""
    entry: LexiconEntry
    first: int
    last: int

    @property
    def kind(self) -> str:
        return str(self.entry.attrs.get("cue"))

    def applies_to(self, event_type: str) -> bool:
        return event_type in (self.entry.attrs.get("applies_to") or ())


@dataclass(frozen=True)
class GateCandidate:
    """What the gate needs to know about one trigger occurrence."""
    event_type: str
    pos: str  # the trigger's own part of speech
    status: str
    sentence: Sentence
    clause: Clause
    first: int  # trigger's first and last sentence token
    last: int
    light_verb: Optional[int] = None  # token index of the light verb that carries a verbal noun
    light_verb_pos: Optional[str] = None
    published: Optional[str] = None  # the article's publication date (ISO), when known
    prefix: str = ""  # proclitics before the trigger (ال، ب، ل، و)

    @property
    def nominal(self) -> bool:
        """A verbal noun, also when the lexicon form matched was a verb: a verb takes no article and no
        preposition (والقتل، بضرب، لاغتيال are nouns; ليقتل is a verb of purpose), and a verb with the
        pronoun ـه is never written with taa marbuta (ضربة is the noun 'strike', ضربه 'he hit him')."""
        if self.pos == NOUN:
            return True
        if self.first == self.last and self.sentence.tokens[self.first].text.rstrip(_MARKS).endswith(TAA_MARBUTA):
            return True
        bare = self.prefix.lstrip("وف")
        return "ال" in bare or bare[:1] in ("ب", "ك") or (bare[:1] == "ل" and self.pos == VERB_PAST)


class _ArticleScan:
    """The gate's matches in an article, sentence by sentence, from one scan of the article's
    normalized text: exactly what ``matcher.find`` gives on the sentence's own text. Normalizing
    maps each character on its own, so a sentence's normalized text is the slice of the article's
    that maps into it; each sentence is bounded by whitespace in the article, so a form inside it
    matches there as in the sentence alone; a match crossing a sentence's end is left out (the
    sentence alone never holds it), and overlaps are resolved among each sentence's own matches."""

    def __init__(self, text: str, sentences: Sequence[Sentence], matcher: Matcher):
        self.text = text
        self.sentences = list(sentences)
        self.matcher = matcher
        self.scanned = None  # (view, bounds, candidates, index), made when first asked, set at once

    def _scan(self):
        view = text_view(self.text)
        bounds = [(bisect_left(view.to_original, s.start), bisect_left(view.to_original, s.end))
                  for s in self.sentences]  # each sentence's slice of the normalized text
        starts = [a for a, _ in bounds]
        candidates: dict[int, list] = {}  # sentence index -> its candidates (article offsets)
        for m in self.matcher.candidates(view.text):
            k = bisect_right(starts, m.start) - 1
            if k >= 0 and m.end <= bounds[k][1]:
                candidates.setdefault(k, []).append(m)
        self.scanned = (view, bounds, candidates, {id(s): k for k, s in enumerate(self.sentences)})
        return self.scanned

    def matches(self, sentence: Sentence):
        """(view, matches, offset of the view's original text), or None for a sentence not of
        this article as segmented or not set off by non-word characters (then the caller scans
        it alone)."""
        view, bounds, candidates, index = self.scanned or self._scan()
        k = index.get(id(sentence))
        if k is None or self.sentences[k] is not sentence or self.text[sentence.start:sentence.end] != sentence.text:
            return None
        a, b = bounds[k]
        norm = view.text
        if (a > 0 and not _NON_WORD.match(norm[a - 1])) or (b < len(norm) and not _NON_WORD.match(norm[b])):
            return None
        return view, resolve_overlaps(candidates.get(k, []), len(norm)), 0


_NON_WORD = re.compile(r"\W")  # what the matcher reads as a space (lexicon.matcher.spaced_text)


@dataclass(frozen=True)
class GateVerdict:
    keep: bool
    rule: str  # gate.* rule id (provenance, explain)
    reason: str = ""


KEEP = GateVerdict(True, "gate.not_gated")


class EventGate:
    """Decides whether an ASSAULT or PROTEST candidate is a concrete reported event."""

    def __init__(self, entries: Sequence[LexiconEntry]):
        self.entries = list(entries)
        self.matcher = Matcher()
        for e in self.entries:
            for form in e.forms:
                surfaces = [s for s, _ in expand_form(form)] if "{" in form else [form]
                for s in surfaces:
                    self.matcher.add(s, e)
        self.matcher.build()
        self._cache: tuple[Optional[Sentence], list[GateCue]] = (None, [])
        self._article: Optional[_ArticleScan] = None

    def prepare(self, text: str, sentences: Sequence[Sentence]) -> None:
        """The article whose sentences ``cues`` will be asked about: its cues are then matched over
        the whole text once, when first asked (the coder shares that scan with its triggers and
        cues), instead of normalizing and scanning each sentence again."""
        self._article = _ArticleScan(text, sentences, self.matcher)

    def cues(self, sentence: Sentence) -> list[GateCue]:
        """Gating cues in ``sentence`` (cached for the sentence last asked about)."""
        cached = self._cache  # read once (the gate is shared: lru-cached per lexicon folders)
        if cached[0] is sentence:
            return cached[1]
        article = self._article  # read once: another thread may prepare its own article meanwhile
        scanned = article.matches(sentence) if article is not None else None
        if scanned is not None:
            view, matches, offset = scanned
        else:
            view, offset = text_view(sentence.text), sentence.start
            matches = self.matcher.find(view.text)
        found = []
        for m in matches:
            s, e = view.span_to_original(m.start, m.end)
            first, last = token_range(sentence, offset + s, offset + e)
            if first is not None:
                found.extend(GateCue(entry, first, last) for entry in m.payloads)
        self._cache = (sentence, found)
        return found

    def check(self, c: GateCandidate, mentions: Sequence[Mention]) -> GateVerdict:
        """The verdict on candidate ``c``; ``mentions`` are the article's body mentions (any order)."""
        if c.event_type not in FULLY_GATED_TYPES:
            if c.event_type in PURPOSE_GATED_TYPES and _purpose(c):
                return GateVerdict(False, "gate.purpose", "a verbal noun of purpose (لعرقلة، لتحرير): what someone means to do")
            return KEEP
        if c.sentence.text.rstrip(" »\"')").endswith(QUESTION_MARKS):
            return GateVerdict(False, "gate.question", "asked about in a question, not reported")
        cues = [q for q in self.cues(c.sentence) if q.applies_to(c.event_type)]
        lo, hi = c.clause.first, c.clause.last
        for q in cues:
            if q.kind == "sense" and (_covers(q, c) if q.entry.attrs.get("whole") else
                                      q.first <= c.last and c.first <= q.last or _just_after(q, c)):
                return GateVerdict(False, "gate.sense", f"'{_words(c.sentence, q)}' is not violence or protest")
        for q in cues:
            window = int(q.entry.attrs.get("window", DEFAULT_FRAME_WINDOW))
            before = lo <= q.first and q.last < c.first and c.first - q.last <= window
            if q.kind == "frame" and (before or _just_after(q, c)):
                return GateVerdict(False, "gate.frame", f"the topic of '{_words(c.sentence, q)}', not reported here")
        crowd = _known_crowd(c, cues)
        if crowd is not None:
            return GateVerdict(False, "gate.protest_detail",
                               f"what '{_words(c.sentence, crowd)}' (protesters already told of) did: a detail of that protest")
        told = next((q for q in cues if q.kind == "restated" and _subject_of(q, c)), None)
        if told is not None:
            return GateVerdict(False, "gate.restated",
                               f"'{_words(c.sentence, told)}' is its subject: a detail of an attack told before")
        # a cue that is the whole trigger does not anchor it (انتحاري); part of a phrase does (قصف مدفعي)
        in_clause = [q for q in cues if lo <= q.first and q.last <= hi and not (q.first <= c.first and c.last <= q.last)]
        generic = next((q for q in in_clause if q.kind == "generic"), None)
        if generic is not None:
            return GateVerdict(False, "gate.generic", f"habitual or generic ('{_words(c.sentence, generic)}')")
        dated = _earlier_year(c, mentions)
        if dated is not None:
            return GateVerdict(False, "gate.historical", f"dated in an earlier year ('{dated.text}'): background")
        anchors = _anchor_mentions(c, mentions)
        anchored = bool(anchors) or any(q.kind == "anchor" and _anchor_in_reach(q, c, mentions) for q in in_clause) \
            or (c.nominal and not _definite(c) and _names_follow(c, mentions))
        verb_pos = c.light_verb_pos if c.light_verb is not None else c.pos
        # who is named does not make an imperfect verb one incident (الجنود يقاتلون المتشددين، لافتات تهاجم إيران)
        if not c.nominal and verb_pos == VERB_PRESENT and c.status == "asserted" and not anchored:
            return GateVerdict(False, "gate.habitual", "imperfect verb with no anchor (casualty, date, means, occurrence): generic")
        if c.nominal and c.light_verb is None:
            if not anchored:
                return GateVerdict(False, "gate.unanchored",
                                   "verbal noun with no casualty count, date, means or verb of occurrence")
            occurred = any(q.kind == "anchor" and q.entry.attrs.get("reach") and _anchor_in_reach(q, c, mentions)
                           for q in in_clause)
            if _definite_plural(c) and not anchors and not occurred:
                return GateVerdict(False, "gate.plural", "a definite plural (الهجمات، التفجيرات) with no count, date or verb of occurrence: attacks in general")
            if _in_list_of_acts(c) and not any(m.kind == "casualty" for m in anchors):
                return GateVerdict(False, "gate.list", "one of a list of acts named in general")
        return GateVerdict(True, "gate.concrete")


def _anchor_mentions(c: GateCandidate, mentions: Sequence[Mention]) -> list[Mention]:
    """Casualty counts in the trigger's clause; a current (not historical) date in it too, but for a
    verbal noun only right after it (هجمات الأمس، هجوم فجر أمس): a date elsewhere in the clause
    usually dates the statement that mentions the noun (قال أمس إن الهجوم ...)."""
    cl = c.clause
    toks = c.sentence.tokens
    near_end = toks[min(c.last + DATE_AFTER_NOUN, len(toks) - 1)].end
    out = []
    for m in mentions:
        if m.field != "text" or not (cl.start <= m.start < cl.end):
            continue
        if m.kind == "casualty":
            out.append(m)
        elif m.kind == "date" and not _historical(m, c.published) and (
                not c.nominal or c.light_verb is not None or toks[c.last].end <= m.start < near_end):
            out.append(m)
    return out


def _known_crowd(c: GateCandidate, cues: Sequence[GateCue]) -> Optional[GateCue]:
    """A chant or banner verb (``crowd_act`` cues: هتف، ردد، رفع، حمل) whose doers are the definite
    protesters of a protest told already (``known_crowd`` cues: المتظاهرون، المحتجين), named before it
    in the sentence: وحمل المتظاهرون صورا لصدام ... فيما هتف العشرات، وأيد المتظاهرون البشير وهتفوا.
    Not when a count stands before the noun (خرج آلاف المتظاهرين ... وهتفوا: the crowd is told here)."""
    if not any(q.kind == "crowd_act" and q.first <= c.first <= q.last for q in cues):
        return None
    toks = c.sentence.tokens
    for q in cues:
        # a longer cue holding the noun (هتف المتظاهرون) wins the match: it says so with ``crowd: true``
        if (q.kind == "known_crowd" or q.entry.attrs.get("crowd")) and q.last < c.first and not (q.first > 0 and toks[q.first - 1].norm in CROWD_COUNTS):
            return q
    return None


def _subject_of(q: GateCue, c: GateCandidate) -> bool:
    """A definite attack noun standing as the subject of an attack verb, right before it (القصف
    استهدف مركز الأبحاث) or right after it (واستهدف الهجوم الكتيبة): the verb tells what an attack
    already named did, not a new attack. A noun after a preposition (تصدت للهجوم) is no subject."""
    if c.nominal or c.light_verb is not None:
        return False
    if not (q.last == c.first - 1 or q.first == c.last + 1) or not c.clause.first <= q.first <= c.clause.last:
        return False
    toks = c.sentence.tokens
    if not toks[q.first].norm.lstrip("وف").startswith("ال"):
        return False
    # استهدف القصف المدفعي الإسرائيلي أطراف بلدات: a noun with its own adjective reports an attack
    after = toks[q.last + 1].norm if q.last + 1 < len(toks) and q.first > c.last else ""
    return not (after.startswith("ال") and after.endswith(("ي", "يه", "يين")))


def _purpose(c: GateCandidate) -> bool:
    """An indefinite verbal noun with the preposition ل of purpose (جاء لعرقلة المساعي، لتحرير
    المدن): the act is aimed at, not reported. With the article (للانسحاب) ل is more often the
    object marker of a verb before it."""
    if not (c.nominal and c.prefix.lstrip("وف") == "ل" and c.light_verb is None):
        return False
    # with a possessive pronoun ل gives the reason (لرفضه توقيع الوثيقة, because he refused): reported
    word = c.sentence.tokens[c.last].text.rstrip(_MARKS)
    if word.endswith(("ه", "ها", "هم", "هما")):
        return False
    # ل is the object marker of a verb of undergoing or confronting (خضعت الأحياء لحصار، التصدي
    # لاقتحام), its subject possibly between them
    before = c.sentence.tokens[max(c.clause.first, c.first - OBJECT_L_REACH):c.first]
    return not any(t.norm.lstrip("وف").startswith(OBJECT_L_GOVERNORS) for t in before)


def _covers(q: GateCue, c: GateCandidate) -> bool:
    """A ``whole`` sense cue contains the entire trigger (قاتلة 'deadly', دبابة قتال), not merely
    a part of a longer one."""
    return q.first <= c.first and c.last <= q.last


def _just_after(q: GateCue, c: GateCandidate) -> bool:
    """A cue with an ``after`` window stands at most that many tokens after the trigger, in its clause
    (انفجرت رايس بالضحك، قتل 16 ألفا في كارثة تسونامي)."""
    after = q.entry.attrs.get("after")
    return after is not None and c.last < q.first <= c.clause.last and q.first - c.last <= int(after)


def _anchor_in_reach(q: GateCue, c: GateCandidate, mentions: Sequence[Mention] = ()) -> bool:
    """An anchor cue with a ``window`` (a reporting verb: أعلنت استهداف) must govern the trigger from
    before it; the name of its subject between them does not count against the window (أكدت المقاومة
    الإسلامية في العراق استهداف، تبنت كتائب حزب الله الهجوم: Arabic puts the subject after the verb).
    One with a ``reach`` (a verb of occurrence: وقع الهجوم، الهجوم الذي وقع، تفجير أسفر عن) must stand
    within that many tokens on either side, so that it speaks of this trigger."""
    window = q.entry.attrs.get("window")
    if window is not None:
        if q.last >= c.first:
            return False
        gap = c.first - q.last - 1
        if c.first - q.last - _named_tokens(c, q.last + 1, c.first, mentions) <= int(window):
            return True
        # a subject the recognizers missed (a name glued to the noun): a short run of plain words
        return bool(q.entry.attrs.get("subject_gap")) and gap <= SUBJECT_SPAN and not any(_subject_barrier(t) for t in c.sentence.tokens[q.last + 1:c.first])
    reach = q.entry.attrs.get("reach")
    if reach is not None:
        gap = c.first - q.last if q.last < c.first else q.first - c.last
        return gap <= int(reach)
    return True


def _subject_barrier(tok) -> bool:
    """A token a verb's subject does not run across: punctuation, a complementizer, a preposition."""
    return tok.norm in SUBJECT_BARRIERS or not any(ch.isalnum() for ch in tok.text)


def _named_tokens(c: GateCandidate, lo: int, hi: int, mentions: Sequence[Mention]) -> int:
    """How many of the sentence tokens lo..hi-1 lie inside a name (an actor, person, organisation or
    place mention) that starts after token lo-1: a subject standing between a verb and its object."""
    toks = c.sentence.tokens
    if hi <= lo:
        return 0
    start, end = toks[lo].start, toks[hi - 1].end
    spans = [(m.start, m.end) for m in mentions
             if m.field == "text" and m.kind in SUBJECT_MENTIONS and start <= m.start < end]
    return sum(1 for t in toks[lo:hi] if any(a <= t.start and t.end <= b for a, b in spans))


def _names_follow(c: GateCandidate, mentions: Sequence[Mention]) -> bool:
    """A named target, attacker or place right after a verbal noun (استهداف قاعدة التنف، هجوم حماس،
    قصف على رفح): the noun speaks of one incident."""
    toks = c.sentence.tokens
    lo = toks[c.last].end
    hi = toks[min(c.last + NAME_AFTER_NOUN, c.clause.last)].end
    return any(m.field == "text" and m.kind in NAME_MENTIONS and lo <= m.start < hi for m in mentions)


def _earlier_year(c: GateCandidate, mentions: Sequence[Mention]) -> Optional[Mention]:
    """A date in the trigger's clause with an explicit year before the publication's (في 1996، عام
    2005): the attack is history told as background, not news. Any year counts when the article has
    no publication date; منذ عام 1994 dates something else (a problem standing since then)."""
    cl = c.clause
    for m in mentions:
        if m.field == "text" and m.kind == "date" and cl.start <= m.start < cl.end:
            text = normalize(m.text)
            year = YEAR.search(text)
            if year is not None and not _since(c.sentence, m, text) and (c.published is None or year.group(0) < c.published[:4]):
                return m
    return None


def _since(sentence: Sentence, date: Mention, text: str) -> bool:
    """The date is the start of a span (منذ عام 1994), in its text or just before it."""
    if text.startswith(SINCE):
        return True
    before = [t for t in sentence.tokens if t.end <= date.start]
    return bool(before) and before[-1].norm.lstrip("و") == SINCE


def _historical(date: Mention, published: Optional[str]) -> bool:
    """A date with an explicit year other than the publication year (عام 2001), or a span reaching
    back (منذ أشهر): it places the event in the background, not in the news."""
    text = normalize(date.text)
    if text.startswith(SINCE):
        return True
    year = YEAR.search(text)
    return year is not None and (published is None or not published.startswith(year.group(0)))


def _definite(c: GateCandidate) -> bool:
    """الهجوم، الاعتداء: a noun with the article refers to an attack the reader knows of."""
    return c.sentence.tokens[c.first].norm.lstrip("وفبل").startswith("ال")


def _definite_plural(c: GateCandidate) -> bool:
    """الهجمات، التفجيرات، الاغتيالات: a definite feminine plural verbal noun names a class of acts."""
    tok = c.sentence.tokens[c.first]
    return tok.norm.lstrip("وفبل").startswith("ال") and tok.norm.endswith("ات")


def _in_list_of_acts(c: GateCandidate) -> bool:
    """A definite verbal noun coordinated with another (القتل والاختطاف والذبح): acts named in general."""
    toks = c.sentence.tokens
    def definite(i: int) -> bool:
        return 0 <= i < len(toks) and toks[i].norm.lstrip("وفب").startswith("ال")
    if not definite(c.first):
        return False
    after = c.last + 1 < len(toks) and toks[c.last + 1].norm.startswith("وال")
    before = c.first > 0 and toks[c.first].norm.startswith("وال") and definite(c.first - 1)
    return after or before


def _words(sentence: Sentence, q: GateCue) -> str:
    toks = sentence.tokens
    return sentence.text[toks[q.first].start - sentence.start:toks[q.last].end - sentence.start]


@lru_cache(maxsize=4)
def _cached_gate(extra: tuple[str, ...]) -> EventGate:
    return EventGate(load_lexicon("gating", extra_dirs=[Path(p) for p in extra]))


def event_gate(extra_dirs: Sequence[Path] = ()) -> EventGate:
    return _cached_gate(tuple(str(p) for p in extra_dirs))


__all__ = ["EventGate", "GateCandidate", "GateVerdict", "GateCue", "event_gate", "GATED_TYPES"]
