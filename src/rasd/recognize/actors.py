"""Actors: canonical entities named in the text, with country, sector, ACLED type and validity.

Data (``data/lexicons/``):
- ``actors/*.yaml``: canonical actors with ``forms`` (neutral names), ``partisan_forms`` (an
  outlet's loaded names for the same actor: الاحتلال الأميركي, ميليشيا قسد), ``place_forms``
  (forms that are also place names), ``parent``, ``not_before`` (next words that make a form mean
  something else), ``resolves_to`` (era-neutral wording: the first listed entry valid on the
  article's date), ``combines_with_demonym`` (generic roles such as الحكومة that take a demonym);
- ``agents/*.yaml``: agent words (قوات، عناصر، ضباط، طائرات، قواعد) with a role and a sector,
  connectors (من، في، التابعة ل) and modifiers (حربية، خاصة); person titles double as members;
- ``demonyms/*.yaml``: nationality adjectives (الروسية) and capitals used as metonyms (موسكو).

One Matcher pass finds all of them; adjacent pieces combine:

    agent [connector] actor          قوات قسد, ضباط من الشرطة العسكرية الروسية, عناصر النظام
    agent [modifier ...] demonym     القوات الروسية, طائرات حربية إسرائيلية, جنود أميركيين
    generic-role demonym             الحكومة الإيرانية, قوات الأمن المصرية
    actor | capital                  قسد, الروس, النظام السوري, موسكو (not after في/من/إلى)

A demonym alone names no actor (الأراضي السورية is land). Sectors (PLOVER/POLECAT style) used in
the lexicons: GOV government, MIL state military, COP police and internal security, SPY
intelligence, LEG legislature, JUD courts, PARTY political party or political body, REB non-state
armed group, MILITIA pro-government, political or identity militia, IGO intergovernmental body,
NGO non-governmental organisation, MEDIA media outlet or journalists, CVL civilians, PRO
protesters and rioters, REF refugees and displaced, REL religious group or leader. ``acled_type``
is ACLED's inter code: 1 state forces, 2 rebels, 3 political militias, 4 identity militias,
5 rioters, 6 protesters, 7 civilians, 8 external/other forces.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple, Optional, Sequence

from ..errors import LexiconError
from ..lexicon import LexiconEntry, load_lexicon, text_view
from ..lexicon.matcher import Match, Matcher, normalize_form
from ..model import Article, Mention
from ..normalize import normalize
from ..settings import Settings

# Words that make a following country or capital a place, not an actor (في دمشق, شمال سوريا).
LOCATIVE_WORDS = frozenset(normalize(w) for w in (
    "في", "إلى", "الى", "من", "نحو", "قرب", "داخل", "خارج", "عبر", "حول", "أنحاء", "حدود", "أراضي",
    "مناطق", "شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي", "وسط", "ريف",
    "مدينة", "العاصمة", "عاصمة", "محافظة", "سفارة", "سفير", "زيارة", "قاعدة", "مطار", "لدى", "بين",
))
LOCATIVE_PROCLITICS = ("ب", "ك")  # بدمشق, كموسكو: in/like the place
QUOTES = "\"'"
_GAP_SPACE = re.compile(r"^[\s\"'()\-–]*$")
_NEXT_WORD = re.compile(r"[\s\"']*([\w]+)")  # used with match(text, pos): anchored at pos


def _previous_word(text: str, lo: int, end: int) -> Optional[str]:
    """The word that ends ``text[lo:end]`` before any spaces and quotes (cut at ``lo``), or None
    when something else ends it: what ``re.search(r"(\\w+)[\\s\"']*$", text, lo, end).group(1)`` gives,
    walked back from the end instead of tried at every position of the window."""
    j = end
    while j > lo:
        ch = text[j - 1]
        if ch.isspace() or ch == '"' or ch == "'":
            j -= 1
        else:
            break
    i = j
    while i > lo:
        ch = text[i - 1]
        if ch.isalnum() or ch == "_":  # what \w matches in a str pattern
            i -= 1
        else:
            break
    return text[i:j] if i < j else None


@dataclass(frozen=True)
class ActorRecord:
    id: str
    name_en: str
    name_ar: str
    country: Optional[str]
    sector: Optional[str]
    acled_type: Optional[int]
    parent: Optional[str]
    valid_from: Optional[str]
    valid_to: Optional[str]
    resolves_to: tuple[str, ...] = ()
    not_before: frozenset[str] = frozenset()
    combines_with_demonym: bool = False
    coreferent: Optional[str] = None  # optional | required: refers back to a named actor

    def valid_on(self, day: Optional[str]) -> bool:
        if not day:
            return True
        day = day[:10]
        return (not self.valid_from or self.valid_from <= day) and (not self.valid_to or day <= self.valid_to)


@dataclass(frozen=True)
class DemonymRecord:
    id: str
    name_en: str
    country: Optional[str]
    actors: tuple[str, ...]  # default actor(s), first valid wins
    by_sector: dict = field(default_factory=dict, hash=False, compare=False)  # sector -> tuple of ids
    capital: bool = False
    valid_from: Optional[str] = None
    valid_to: Optional[str] = None


@dataclass(frozen=True)
class AgentRecord:
    id: str
    role: str  # group | member | materiel | modifier | connector | title
    sector: Optional[str]
    honorific: bool = False


@dataclass(frozen=True)
class Hit:
    """What one matched form stands for; a form may stand for several things."""
    kind: str  # actor | demonym | agent
    id: str
    partisan: bool = False
    place: bool = False  # the form is also a place name (روسيا, دمشق)


class _Reading(NamedTuple):
    """What a matched form can do, worked out once per form when the lexicon is built (the
    combiner asks it of every match)."""
    head: Optional[AgentRecord]  # the first agent reading that heads a phrase (not honorific)
    filler: bool  # it has an agent reading that may stand between a head and its demonym
    actor: Optional[Hit]  # the first actor reading
    demonym: Optional[Hit]  # the first demonym reading
    demonym_record: Optional[DemonymRecord]
    generic: Optional[ActorRecord]  # the first actor reading's record, if it takes a demonym


def _ids(value) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def _int(value) -> Optional[int]:
    return int(value) if value is not None else None


class ActorLexicon:
    """Actors, agents and demonyms, with one Matcher over all their forms."""

    def __init__(self, actors: Sequence[LexiconEntry], agents: Sequence[LexiconEntry],
                 demonyms: Sequence[LexiconEntry]):
        self.actors: dict[str, ActorRecord] = {}
        self.agents: dict[str, AgentRecord] = {}
        self.demonyms: dict[str, DemonymRecord] = {}
        self.matcher = Matcher()
        for e in actors:
            a = e.attrs
            self.actors[e.id] = ActorRecord(
                id=e.id, name_en=e.name_en or e.id, name_ar=e.forms[0] if e.forms else "",
                country=a.get("country"), sector=a.get("sector"), acled_type=_int(a.get("acled_type")),
                parent=a.get("parent"), valid_from=e.valid_from, valid_to=e.valid_to,
                resolves_to=_ids(a.get("resolves_to")),
                not_before=frozenset(normalize_form(w) for w in a.get("not_before") or ()),
                combines_with_demonym=bool(a.get("combines_with_demonym")),
                coreferent=a.get("coreferent"),
            )
            places = {normalize_form(f) for f in a.get("place_forms") or ()}
            for form in e.forms:
                self.matcher.add(form, Hit("actor", e.id, place=normalize_form(form) in places))
            for form in a.get("partisan_forms") or ():
                self.matcher.add(form, Hit("actor", e.id, partisan=True))
        connectors: list[str] = []
        for e in agents:
            role = str(e.attrs.get("role", "group"))
            self.agents[e.id] = AgentRecord(e.id, role, e.attrs.get("sector"), bool(e.attrs.get("honorific")))
            if role == "connector":  # read from the gap between two matches (frequent words)
                connectors.extend(normalize_form(f) for f in e.forms)
                continue
            for form in e.forms:
                self.matcher.add(form, Hit("agent", e.id))
        alternatives = "|".join(re.escape(c) for c in sorted(set(connectors), key=len, reverse=True))
        # a gap of spaces and quotes with at most one connector; a trailing ل/ب joins the next word
        self.connector_gap = re.compile(rf"^[\s\"'()\-–]*(?:(?:{alternatives})(?:\s+|(?=[لب]?$)))?[\s\"'()\-–]*$"
                                        if alternatives else r"^[\s\"'()\-–]*$")
        for e in demonyms:
            a = e.attrs
            by_sector = {str(k): _ids(v) for k, v in (a.get("actor_by_sector") or {}).items()}
            self.demonyms[e.id] = DemonymRecord(
                e.id, e.name_en or e.id, a.get("country"), _ids(a.get("actor")), by_sector,
                a.get("metonym") == "capital", e.valid_from, e.valid_to)
            for form in e.forms:
                self.matcher.add(form, Hit("demonym", e.id, place=a.get("metonym") == "capital"))
        self._check_references()
        self.matcher.build()
        self.readings = {form: self._reading(tuple(hits)) for form, hits in self.matcher._forms.items()}

    def _reading(self, hits: tuple[Hit, ...]) -> _Reading:
        agents = [self.agents[h.id] for h in hits if h.kind == "agent"]
        agents = [a for a in agents if not a.honorific]
        actor = next((h for h in hits if h.kind == "actor"), None)
        demonym = next((h for h in hits if h.kind == "demonym"), None)
        generic = self.actors[actor.id] if actor is not None else None
        return _Reading(
            head=next((a for a in agents if a.role in AGENT_HEADS), None),
            filler=any(a.role in GAP_FILLERS for a in agents),
            actor=actor, demonym=demonym,
            demonym_record=self.demonyms[demonym.id] if demonym is not None else None,
            generic=generic if generic is not None and generic.combines_with_demonym else None)

    def _check_references(self) -> None:
        for r in self.actors.values():
            for ref in (r.parent, *r.resolves_to):
                if ref and ref not in self.actors:
                    raise LexiconError(f"actor {r.id}: unknown actor id {ref!r} (parent/resolves_to)")
        for d in self.demonyms.values():
            for ref in (*d.actors, *[i for ids in d.by_sector.values() for i in ids]):
                if ref not in self.actors:
                    raise LexiconError(f"demonym {d.id}: unknown actor id {ref!r}")

    def resolve(self, ids: Sequence[str], day: Optional[str]) -> Optional[ActorRecord]:
        """The first of ``ids`` valid on ``day`` (following resolves_to); failing that, the
        nearest valid parent of the first; undated articles take the first listed."""
        for actor_id in ids:
            record = self.actors.get(actor_id)
            if record is None:
                continue
            if record.resolves_to:
                found = self.resolve(record.resolves_to, day)
                if found is not None:
                    return found
            elif record.valid_on(day):
                return record
        record = self.actors.get(ids[0]) if ids else None
        while record is not None and record.parent:
            record = self.actors.get(record.parent)
            if record is not None and not record.resolves_to and record.valid_on(day):
                return record
        return None

    def ancestors(self, actor_id: str) -> list[str]:
        """The actor and its parents, nearest first."""
        chain, seen = [], set()
        while actor_id and actor_id not in seen and actor_id in self.actors:
            chain.append(actor_id)
            seen.add(actor_id)
            actor_id = self.actors[actor_id].parent or ""
        return chain


@lru_cache(maxsize=8)
def actor_lexicon(extra_dirs: tuple[Path, ...] = ()) -> ActorLexicon:
    return ActorLexicon(load_lexicon("actors", extra_dirs), load_lexicon("agents", extra_dirs),
                        load_lexicon("demonyms", extra_dirs))


AGENT_HEADS = frozenset({"group", "member", "materiel", "title", "action"})
GAP_FILLERS = frozenset({"modifier", "materiel"})
GENERIC_PREFIX = "actor.gen."  # generic roles (civilians, militants ...) are no antecedent


class ActorRecognizer:
    """Pipeline stage: appends actor mentions (kind="actor") to the article."""

    def __init__(self, settings: Settings):
        self.lexicon = actor_lexicon(tuple(Path(d) for d in settings.extra_lexicon_dirs))

    def __call__(self, article: Article) -> Article:
        mentions = self.recognize(article.text, article.published)
        if article.sentences:
            starts = [s.start for s in article.sentences]
            for m in mentions:
                m.sentence = max(0, bisect.bisect_right(starts, m.start) - 1)
        article.mentions.extend(mentions)
        return article

    # -- recognition -------------------------------------------------------------------------
    def recognize(self, text: str, published: Optional[str] = None) -> list[Mention]:
        view = text_view(text)
        norm = view.text
        matches = self.lexicon.matcher.find(norm)
        readings = self.lexicon.readings
        reads = [readings[m.form] for m in matches]
        mentions: list[Mention] = []
        i, n = 0, len(matches)
        while i < n:
            r = reads[i]
            consumed, mention = 1, None
            if r.head is not None or r.generic is not None:
                consumed, mention = self._combine(matches, reads, i, norm, published)
            if mention is None and (r.actor is not None or r.demonym is not None):
                consumed, mention = 1, self._single(matches[i], r, norm, published)
            if mention is not None:
                mentions.append(self._to_original(mention, view))
            i += consumed
        return self._corefer(mentions)

    def _corefer(self, mentions: list[Mention]) -> list[Mention]:
        """Generic roles (الجيش, الحكومة, التنظيم) take the nearest preceding named actor of the
        same sector, or failing that the nearest following one."""
        actors = self.lexicon.actors
        if not any(actors[m.entity_id].coreferent for m in mentions):
            return mentions
        named = [m for m in mentions if not actors[m.entity_id].coreferent]
        kept = []
        for m in mentions:
            record = actors[m.entity_id]
            if not record.coreferent:
                kept.append(m)
                continue
            same = [n for n in named if n.sector == record.sector and not n.entity_id.startswith(GENERIC_PREFIX)]
            before = [n for n in same if n.start < m.start]
            ref = before[-1] if before else (same[0] if same else None)
            if ref is not None:
                m.entity_id, m.name_en, m.name_ar = ref.entity_id, ref.name_en, ref.name_ar
                m.country, m.acled_type, m.rule = ref.country, ref.acled_type, "actor:coreference"
            elif record.coreferent == "required":
                continue
            kept.append(m)
        return kept

    @staticmethod
    def _gap(norm: str, left: Match, right: Match) -> str:
        return norm[left.end:right.start - len(right.prefix)]

    def _combine(self, matches: list[Match], reads: list[_Reading], i: int, norm: str, published: Optional[str]):
        """agent [connector] actor | agent [modifier..] demonym | generic-role demonym."""
        head = matches[i]
        agent = reads[i].head
        generic = None
        if agent is None:
            generic = reads[i].generic
            if generic is None:
                return 1, None
        j, connector = i + 1, False
        while j < len(matches):
            prev, cur = matches[j - 1], matches[j]
            gap = norm[prev.end:cur.start - len(cur.prefix)]
            if not _GAP_SPACE.match(gap):
                if agent is None or j != i + 1 or not self.lexicon.connector_gap.match(gap):
                    return 1, None
                connector = True  # ضباط من الشرطة العسكرية الروسية
            r = reads[j]
            demonym, actor = r.demonym, r.actor
            if demonym is not None and not connector and not r.demonym_record.capital:
                sector = agent.sector if agent else generic.sector
                record = self._from_demonym(demonym.id, sector, published)
                if record is None:
                    return 1, None
                if agent is not None and agent.role == "action":  # غارة أمريكية: the adjective
                    return j - i + 1, self._mention(cur, cur, norm, record, record.sector,
                                                    "actor:action+demonym", False)
                return j - i + 1, self._mention(head, cur, norm, record, sector, "actor:agent+demonym", False)
            if agent is not None and agent.role != "action" and actor is not None \
                    and (demonym is None or connector) \
                    and not actor.place and not self._blocked(cur, actor, norm):
                record = self.lexicon.resolve([actor.id], published)
                if record is None:
                    return 1, None
                rule = "actor:partisan" if actor.partisan else "actor:agent+actor"
                return j - i + 1, self._mention(head, cur, norm, record, record.sector, rule, actor.partisan)
            if not connector and r.filler and j - i <= 3:
                j += 1  # طائرات حربية إسرائيلية: modifiers between the agent and the demonym
                continue
            return 1, None
        return 1, None

    def _from_demonym(self, demonym_id: str, sector: Optional[str], published: Optional[str]):
        d = self.lexicon.demonyms[demonym_id]
        ids = d.by_sector.get(sector or "", ()) + d.actors
        return self.lexicon.resolve(ids, published)

    def _blocked(self, match: Match, hit: Hit, norm: str) -> bool:
        record = self.lexicon.actors[hit.id]
        if record.not_before:
            nxt = _NEXT_WORD.match(norm, match.end)
            if nxt and nxt.group(1) in record.not_before:
                return True
        return False

    def _locative(self, match: Match, norm: str) -> bool:
        if any(p in match.prefix for p in LOCATIVE_PROCLITICS):
            return True
        end = match.start - len(match.prefix)
        return _previous_word(norm, max(0, end - 40), end) in LOCATIVE_WORDS  # a short window keeps this O(1)

    def _single(self, m: Match, r: _Reading, norm: str, published: Optional[str]) -> Optional[Mention]:
        actor, demonym = r.actor, r.demonym
        if actor is not None:
            if demonym is not None:
                return None  # سورية: the adjective reading wins when the form is also a demonym
            if actor.place and self._locative(m, norm):
                return None
            if self._blocked(m, actor, norm):
                return None
            record = self.lexicon.resolve([actor.id], published)
            if record is None:
                return None
            rule = "actor:partisan" if actor.partisan else ("actor:place-metonym" if actor.place else "actor:name")
            return self._mention(m, m, norm, record, record.sector, rule, actor.partisan)
        if demonym is not None and r.demonym_record.capital:
            d = r.demonym_record
            if self._locative(m, norm) or (published and not (
                    (not d.valid_from or d.valid_from <= published[:10])
                    and (not d.valid_to or published[:10] <= d.valid_to))):
                return None
            record = self.lexicon.resolve(d.actors, published)
            if record is None:
                return None
            return self._mention(m, m, norm, record, record.sector, "actor:capital", False)
        return None

    def _mention(self, first: Match, last: Match, norm: str, record: ActorRecord,
                 sector: Optional[str], rule: str, partisan: bool) -> Mention:
        start = first.start
        # Keep the article on the mention (القوات, not قوات) unless it is the ل of لل.
        if first.prefix.endswith("ال"):
            # ال written out, or the ل of لل standing for it (للنظام): keep it on the mention
            start -= 2 if norm[start - 2:start] == "ال" else 1
        end = last.end
        gap = norm[first.end:last.start]
        if end < len(norm) and norm[end] in QUOTES and any(q in gap for q in QUOTES):
            end += 1  # قوات "قسد": close the quotation the mention opened
        return Mention(kind="actor", start=start, end=end, text="", entity_id=record.id,
                       name_en=record.name_en, name_ar=record.name_ar, country=record.country,
                       sector=sector or record.sector, acled_type=record.acled_type,
                       source="lexicon", rule=rule)

    @staticmethod
    def _to_original(mention: Mention, view) -> Mention:
        s, e = view.span_to_original(mention.start, mention.end)
        mention.start, mention.end, mention.text = s, e, view.original[s:e]
        return mention
