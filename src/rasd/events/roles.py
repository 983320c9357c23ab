"""Who did it to whom: actor and recipient of a trigger from the actor/person mentions around it.

Arabic puts the subject after the verb (VSO: ``طالب الروس من قسد``) or before it (SVO, after
إن/أن or كان: ``إن القوات الروسية طالبت``). Rules, in order:

1. agent phrase: the participant after من قبل / على يد / برصاص ... is the actor (passives, nouns);
2. verbs: the participant right after the verb (only time words between) is the subject, else
   the nearest one before it in the clause that is not the object of a preposition;
3. verbal nouns: a light verb before the noun (شنت، عقدت، فرضت) lends its subject; else the
   participant right after the noun is its actor (هجوم داعش) or, for target nouns, its
   recipient (استهداف القاعدة);
4. the recipient is the first later participant in the clause that is a direct object or the
   object of one of the entry's prepositions (على، ضد، مع، من، إلى ...);
5. compound actors: participants joined only by و or a comma form one list;
6. nothing found: the actor of the previous event in the paragraph (the clause continues it),
   else the last actor named in the previous sentence (pronoun subjects).

Symmetric entries (meetings, clashes, agreements) list every party as actor when the other side is
joined by مع or و.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional, Sequence

from ..model import Mention, Participant, Sentence
from ..normalize import normalize
from .clauses import Clause
from .cues import CueMatch, token_range
from .triggers import NOUN, TriggerEntry, VERB_POS

PREPOSITIONS = frozenset(normalize(p) for p in (
    "على", "ضد", "مع", "من", "إلى", "الى", "في", "عن", "بين", "تجاه", "نحو", "لدى", "عند", "حول", "بحق",
    "قبل", "جانب", "ضمن", "مقابل", "بشأن", "إزاء", "خلال", "داخل", "أمام", "عبر", "لصالح", "بواسطة",
    "وبين", "منذ", "بعد", "تحت", "فوق", "حتى", "ل", "ب"))
CLITIC_PREPOSITIONS = {"ب": "ب", "ل": "ل", "ك": "ك"}
# Tokens that may stand between a verb and its subject (time words, قد, particles).
SUBJECT_GAP_WORDS = frozenset(normalize(w) for w in (
    "أمس", "اليوم", "مساء", "صباح", "فجر", "ظهر", "عصر", "ليل", "ليلة", "يوم", "الإثنين", "الاثنين",
    "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد", "أيضا", "كذلك", "مجددا", "بدورها",
    "بدوره", "قد", "فيه", "فيها", "الماضي", "الماضية", "الجاري", "الحالي", "اول", "أمس،", "مساء،"))
JOINERS = frozenset({"و", "،", ","})
MAX_OBJECT_GAP = 4  # a direct object stands within a few tokens of its verb (or the verb's subject)


@dataclass
class Slot:
    """A participant mention placed in the sentence's tokens."""
    mention: Mention
    first: int
    last: int
    preposition: str  # the preposition governing it ("" when none)
    resolved_from: Optional[str] = None  # for anaphors: the antecedent's text


@dataclass
class RoleResult:
    actor: list[Participant] = field(default_factory=list)
    recipient: list[Participant] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)


def participant(m: Mention, text: Optional[str] = None) -> Participant:
    return Participant(text=text or m.text, name_en=m.name_en, id=m.entity_id, country=m.country,
                       sector=m.sector, acled_type=m.acled_type, start=m.start, end=m.end)


def place_slots(sentence: Sentence, text: str, mentions: Sequence[Mention]) -> list[Slot]:
    """The participant mentions of ``sentence`` with their token positions and prepositions."""
    slots = []
    toks = sentence.tokens
    for m in mentions:
        first, last = token_range(sentence, m.start, m.end)
        if first is None:
            continue
        slots.append(Slot(m, first, last, _preposition(toks, first, text, m.start)))
    slots.sort(key=lambda s: (s.first, -s.last))
    # keep the longest of overlapping mentions
    kept: list[Slot] = []
    for s in slots:
        if kept and s.first <= kept[-1].last:
            continue
        # a conjunct inherits its preposition: بين قسد والنظام, على قسد والنظام
        if kept and not s.preposition and s.first == kept[-1].last + 1 and toks[s.first].norm.startswith("و"):
            s.preposition = kept[-1].preposition
        kept.append(s)
    return kept


def _preposition(tokens, first: int, text: str, start: int) -> str:
    tok = tokens[first]
    attached = normalize(text[tok.start:start]) if start > tok.start else "".join(tok.proclitics)
    for ch in attached.replace("ال", ""):
        if ch in CLITIC_PREPOSITIONS:
            return ch
    if first > 0:
        prev = tokens[first - 1].norm
        bare = prev[1:] if prev[:1] in ("و", "ف") and prev[1:] in PREPOSITIONS else prev
        if bare in PREPOSITIONS:
            return bare
        if first > 1 and (tokens[first - 2].norm, prev) in (("من", "قبل"), ("على", "يد"), ("من", "جانب")):
            return "agent"
    return ""


def _chain(slots: list[Slot], k: int, tokens) -> list[Slot]:
    """The slot at k plus the slots coordinated with it (X و Y، Z)."""
    out = [slots[k]]
    j = k
    while j + 1 < len(slots):
        nxt = slots[j + 1]
        gap = tokens[out[-1].last + 1:nxt.first]
        joined_by_wa = not gap and tokens[nxt.first].norm.startswith("و")
        if (gap and all(t.norm in JOINERS for t in gap)) or joined_by_wa:
            out.append(nxt)
            j += 1
        else:
            break
    return out


def _gap_ok(tokens, a: int, b: int, max_gap: int = 3) -> bool:
    """Only time words and particles between tokens a (exclusive) and b (exclusive)."""
    gap = tokens[a + 1:b]
    return len(gap) <= max_gap and all(t.norm in SUBJECT_GAP_WORDS or t.norm.isdigit() for t in gap)


def find_roles(entry: TriggerEntry, pos: str, first: int, last: int, sentence: Sentence,
               clause: Clause, slots: list[Slot], agent_cues: Sequence[CueMatch],
               light_verb: Optional[int], fallback_actor: list[Participant]) -> RoleResult:
    """Actor and recipient of a trigger on sentence tokens [first, last]."""
    toks = sentence.tokens
    res = RoleResult()
    used: set[int] = set()
    in_clause = [k for k, s in enumerate(slots) if clause.first <= s.first <= clause.last]

    def take(chain: list[Slot], role: list[Participant]) -> None:
        for s in chain:
            used.add(id(s))
            role.append(participant(s.mention, s.resolved_from))

    # 1. agent phrase after the trigger
    for cue in agent_cues:
        if cue.first_token > last and cue.first_token <= clause.last + 6:
            after = [k for k, s in enumerate(slots) if s.first in (cue.last_token + 1, cue.last_token + 2)
                     or (s.first == cue.last_token and s.mention.start >= cue.end)]
            if after:
                take(_chain(slots, after[0], toks), res.actor)
                res.rules.append("roles.agent_phrase")
                break
        if res.actor:
            break

    head = light_verb if light_verb is not None else first
    verbal = pos in VERB_POS or light_verb is not None
    passive_tally = entry.casualty and last + 1 < len(toks) and (toks[last + 1].norm[:1].isdigit())
    # A verb that agrees in the plural (أمهلوا، يطالبون) has its subject in it or before it: the noun
    # after it is its object. Verb-subject order uses the singular verb.
    plural_verb = pos in VERB_POS and light_verb is None and _plural_agreement(toks[first].norm)
    if not res.actor and verbal and not passive_tally:
        # 2a. VSO: subject right after the verb (or the light verb)
        after_verb = [k for k in in_clause if slots[k].first > head and not slots[k].preposition
                      and _gap_ok(toks, head, slots[k].first)] if not plural_verb else []
        if after_verb and (light_verb is None or slots[after_verb[0]].first < first):
            take(_chain(slots, after_verb[0], toks), res.actor)
            res.rules.append("roles.vso_subject")
        else:
            # 2b. SVO: nearest participant before the verb in its clause, not after a preposition
            before = [k for k in in_clause if slots[k].last < head and slots[k].preposition in ("",)]
            if before:
                k = before[-1]
                while k > 0 and slots[k] in _chain(slots, k - 1, toks):
                    k -= 1  # the whole coordinated subject: الروس وقوات قسد
                take(_chain(slots, k, toks), res.actor)
                res.rules.append("roles.svo_subject")
    if not res.actor and pos == NOUN and light_verb is None:
        # 3. genitive right after a verbal noun
        gen = [k for k in in_clause if slots[k].first > last and slots[k].preposition in ("", "ل")
               and slots[k].first - last <= 3 and id(slots[k]) not in used]
        if gen:
            target = res.recipient if (entry.genitive == "recipient" or entry.casualty) else res.actor
            take(_chain(slots, gen[0], toks), target)
            res.rules.append(f"roles.genitive_{'recipient' if target is res.recipient else 'actor'}")

    # 4. recipient: first later participant, direct object or after one of the entry's prepositions
    if not res.recipient:
        preps = set(entry.recipient_preps)
        object_from = max([last] + [s.last for s in slots if id(s) in used and s.first > last])
        for k in in_clause:
            s = slots[k]
            if s.first <= last or id(s) in used:
                continue
            direct = s.preposition == "" and verbal and s.first - object_from <= MAX_OBJECT_GAP
            if direct or (s.preposition and s.preposition in preps):
                take(_chain(slots, k, toks), res.recipient)
                res.rules.append("roles.object" if not s.preposition else f"roles.prep_{s.preposition}")
                break

    # 6. implicit actor from the discourse (verbs only: a noun without an agent stays agentless)
    if not res.actor and verbal and fallback_actor and not passive_tally:
        res.actor = list(fallback_actor)
        res.rules.append("roles.discourse_actor")

    if entry.symmetric and res.recipient and any(
            _joined_symmetrically(toks, slots, p) for p in res.recipient):
        res.actor += res.recipient
        res.recipient = []
        res.rules.append("roles.symmetric")
    res.actor = _dedupe(res.actor)
    ids = {(p.id or normalize(p.text)) for p in res.actor}
    res.recipient = [p for p in _dedupe(res.recipient) if (p.id or normalize(p.text)) not in ids]
    return res


def _plural_agreement(norm: str) -> bool:
    for enc in ("هم", "ها", "ه", "هما"):
        if norm.endswith(enc) and len(norm) - len(enc) >= 4:
            norm = norm[: -len(enc)]
            break
    return norm.endswith(("وا", "ون", "و")) and len(norm) >= 5


def _joined_symmetrically(toks, slots: list[Slot], p: Participant) -> bool:
    for s in slots:
        if s.mention.start == p.start:
            return s.preposition in ("مع", "") or toks[s.first].norm.startswith("و")
    return False


def _dedupe(parts: list[Participant]) -> list[Participant]:
    seen, out = set(), []
    for p in parts:
        key = p.id or normalize(p.text)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out
