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
from functools import lru_cache
from typing import Optional, Sequence

from ..model import Mention, Participant, Sentence
from ..normalize import normalize
from .clauses import CONNECTIVES, Clause
from .cues import CueMatch, cue_set, token_range
from .hotpaths import carrier_verbs
from .owners import FACILITY_HEADS
from .triggers import NOUN, TriggerEntry, VERB_POS, expand_form

PREPOSITIONS = frozenset(normalize(p) for p in (
    "على", "ضد", "مع", "من", "إلى", "الى", "في", "عن", "بين", "تجاه", "نحو", "لدى", "عند", "حول", "بحق",
    "قبل", "جانب", "ضمن", "مقابل", "بشأن", "إزاء", "خلال", "داخل", "أمام", "عبر", "لصالح", "بواسطة",
    "وبين", "منذ", "بعد", "تحت", "فوق", "حتى", "ل", "ب"))
# First words of place names (عين الأسد، تل أبيب، جبل الشيخ): a participant's name right after one
# is part of the place's name.
PLACE_NAME_HEADS = frozenset(normalize(w) for w in (
    "عين", "تل", "جبل", "وادي", "بئر", "رأس", "كفر", "دير", "خربة", "مزرعة", "جسر", "سهل", "بيت", "مخيم"))
CLITIC_PREPOSITIONS = {"ب": "ب", "ل": "ل", "ك": "ك"}
# Tokens that may stand between a verb and its subject (time words, قد, particles).
SUBJECT_GAP_WORDS = frozenset(normalize(w) for w in (
    "أمس", "اليوم", "مساء", "صباح", "فجر", "ظهر", "عصر", "ليل", "ليلة", "يوم", "الإثنين", "الاثنين",
    "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد", "أيضا", "كذلك", "مجددا", "بدورها",
    "بدوره", "قد", "فيه", "فيها", "الماضي", "الماضية", "الجاري", "الحالي", "اول", "أمس،", "مساء،"))
JOINERS = frozenset({"و", "،", ","})
QUOTES = frozenset({'"', "“", "”", "«", "»", "'", "‘", "’"})
PUNCT_COMMAS = frozenset({"،", ","})
COMPLEMENTIZERS_OF_STATEMENT = frozenset(normalize(w) for w in ("أن", "إن", "بأن"))
MEMBER_CUES = frozenset(normalize(w) for w in ("بينهم", "بينها", "بينهما", "بينهن"))  # after من: among them
MEMBERS_WINDOW = 8  # tokens from a group to its member list (الدول العربية والغربية، من بينهم)
VICTIM_WINDOW = 5  # tokens after a passive killing verb to its victims: قُتل عدد من أفراد الجيش
MAX_OBJECT_GAP = 4  # a direct object stands within a few tokens of its verb (or the verb's subject)
# Events done to something someone owns: the owner after ل is the recipient (قصفت مواقع لقوات النظام).
OWNER_TYPES = frozenset({"ASSAULT", "COERCE"})
OWNER_WORDS = frozenset(normalize(w) for w in ("التابعة", "التابع", "التابعين", "التابعتين", "تابعة", "تابع",
                                               "المحسوبة", "الموالية", "الموالي"))
RELATIVES = frozenset(normalize(w) for w in ("الذي", "التي", "الذين", "اللذين", "اللتين", "اللواتي"))
# Words a carrier verb cannot reach across to a verbal noun (a new statement or complement).
CARRIER_BARRIERS = frozenset(normalize(w) for w in (".", "؛", ";", ":", "أن", "إن", "بأن", "لأن", "ما", "لا", "لم"))
CARRIER_WINDOW = 14  # tokens back from a verbal noun to its carrier verb (long subjects: قوات الأمن والجيش في مصر)
CARRIER_OTHER_TOKENS = 3  # tokens between carrier and noun that are neither participants nor time words
ENCLITIC_PRONOUNS = ("ه", "ها", "هم", "هما")
DOER_ADJECTIVE_RULE = "actor:action+demonym"  # the actor recognizer's rule for غارة أمريكية
DOER_ADJECTIVE_WINDOW = 5  # tokens after the trigger: بقصف مدفعي تركي عنيف


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


@lru_cache(maxsize=8)
def verb_surfaces(key: str) -> frozenset[str]:
    """Normalized surface forms of the cue verbs whose attribute ``key`` is set (light_verb ...)."""
    out = set()
    for e in cue_set(key).entries:
        for form in e.forms:
            out.update(sf for sf, _pos in expand_form(form)) if "{" in form else out.add(normalize(form))
    return frozenset(out)


def _is_verb(tok, surfaces: frozenset[str]) -> bool:
    norm = tok.norm
    return norm in surfaces or (norm[:1] in ("و", "ف") and norm[1:] in surfaces)


def is_verb_of(tok, surfaces: frozenset[str]) -> bool:
    """Whether a token is one of the cue verbs ``surfaces`` (bare or after و/ف)."""
    return _is_verb(tok, surfaces)


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
        if first > 0 and toks[first - 1].norm in PLACE_NAME_HEADS and toks[first - 1].end <= m.start:
            continue  # قاعدة "عين الأسد"، تل أبيب: the name is part of a place's name
        slots.append(Slot(m, first, last, _preposition(toks, first, text, m.start)))
    slots.sort(key=lambda s: (s.first, -s.last))
    # keep the longest of overlapping mentions
    kept: list[Slot] = []
    for s in slots:
        if kept and s.first <= kept[-1].last:
            if _guess_hides_known(kept[-1], s):
                kept[-1] = s  # الرئيس الفنزويلي يتهم منافسه: a guessed name running over a known actor
            continue
        # a conjunct inherits its preposition: بين قسد والنظام, على قسد والنظام
        if kept and not s.preposition and s.first == kept[-1].last + 1 and toks[s.first].norm.startswith("و"):
            s.preposition = kept[-1].preposition
        kept.append(s)
    return kept


def _guess_hides_known(longer: Slot, shorter: Slot) -> bool:
    """Whether ``longer`` is a name no lexicon knows (a guessed person name) that starts with a known
    actor: the known one is the participant, the guess ran on into the following words."""
    return longer.mention.entity_id is None and shorter.mention.entity_id is not None and \
        shorter.first == longer.first and shorter.last < longer.last


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
        head = _counterpart_head(tokens, first)
        if head is not None and head > 0:
            # مع نظيره الصيني يانغ جي تشي: the name stands in apposition to the counterpart
            return _preposition(tokens, head, text, tokens[head].start)
    return ""


COUNTERPARTS = frozenset(normalize(w) for w in (
    "نظيره", "نظيرها", "نظيرته", "نظيرتها", "نظيريه", "نظرائه", "نظرائها", "نظيرهم", "نظرائهم", "نظيرهما"))


def _counterpart_head(tokens, first: int) -> Optional[int]:
    """Index of نظيره (his counterpart) one or two tokens before a name (نظيره الروسي سيرغي لافروف)."""
    for k in (first - 1, first - 2):
        if k >= 0 and tokens[k].norm in COUNTERPARTS:
            return k
        if k >= 0 and not tokens[k].norm.startswith("ال"):
            return None  # only a nisba adjective between: نظيره البريطاني
    return None


def _chain(slots: list[Slot], k: int, tokens) -> list[Slot]:
    """The slot at k plus the slots coordinated with it (X و Y، Z)."""
    out = [slots[k]]
    j = k
    while j + 1 < len(slots):
        nxt = slots[j + 1]
        gap = tokens[out[-1].last + 1:nxt.first]
        joined_by_wa = not gap and tokens[nxt.first].norm.startswith("و")
        # quoted names: "هيئة تحرير الشام" و"الحزب الإسلامي التركستاني"
        if (gap and all(t.norm in JOINERS or t.norm in QUOTES for t in gap) and any(t.norm in JOINERS for t in gap)) \
                or joined_by_wa:
            out.append(nxt)
            j += 1
        else:
            break
    return out


def chain_at(slots: list[Slot], k: int, tokens) -> list[Slot]:
    """The slot at k and the slots coordinated with it (a compound subject)."""
    return _chain(slots, k, tokens)


def _gap_ok(tokens, a: int, b: int, max_gap: int = 3) -> bool:
    """Only time words and particles between tokens a (exclusive) and b (exclusive)."""
    gap = tokens[a + 1:b]
    return len(gap) <= max_gap and all(t.norm in SUBJECT_GAP_WORDS or t.norm.isdigit() for t in gap)


# Material actions, whose doer is an armed or governmental actor, not the monitor that reports them.
MATERIAL_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "RETREAT"})


def find_roles(entry: TriggerEntry, pos: str, first: int, last: int, sentence: Sentence,
               clause: Clause, slots: list[Slot], agent_cues: Sequence[CueMatch],
               light_verb: Optional[int], fallback_actor: list[Participant],
               clause_subject: Sequence[Slot] = ()) -> RoleResult:
    """Actor and recipient of a trigger on sentence tokens [first, last]; ``clause_subject``: the
    subject of the verb a verbal noun is an adjunct of, when it has none of its own."""
    toks = sentence.tokens
    res = RoleResult()
    used: set[int] = set()
    experiencer = False  # تعرضت القوات لهجوم: the subject suffered the event

    last_taken: dict[int, Slot] = {}  # id(role list) -> the last slot it took

    def take(chain: list[Slot], role: list[Participant]) -> None:
        for s in chain:
            used.add(id(s))
            role.append(participant(s.mention, s.resolved_from))
            last_taken[id(role)] = s

    if pos == NOUN and light_verb is None:
        carrier = _carrier_before(toks, slots, first)
        if carrier is not None:
            light_verb = carrier
            experiencer = _is_verb(toks[carrier], verb_surfaces("experiencer_verb"))
            res.rules.append("roles.carrier_verb")
    floor = min(clause.first, light_verb) if light_verb is not None else clause.first
    in_clause = [k for k, s in enumerate(slots) if floor <= s.first <= clause.last]

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
    passive_tally = entry.casualty and last + 1 < len(toks) and (toks[last + 1].norm[:1].isdigit() or (
        pos in VERB_POS and toks[last + 1].norm in TALLY_WORDS))
    # A verb that agrees in the plural (أمهلوا، يطالبون) has its subject in it or before it: the noun
    # after it is its object. Verb-subject order uses the singular verb.
    plural_verb = pos in VERB_POS and light_verb is None and _plural_agreement(toks[first].norm)
    subject: list[Participant] = res.recipient if experiencer else res.actor
    if entry.casualty and pos in VERB_POS and light_verb is None and _passive(toks[first].text) and not passive_tally:
        # قُتل عدد من أفراد الجيش: the subject of a passive killing verb is its victim
        victim = next((k for k in in_clause if last < slots[k].first <= last + VICTIM_WINDOW
                       and slots[k].preposition in ("", "من")), None)
        if victim is not None:
            take(_chain(slots, victim, toks), res.recipient)
            res.rules.append("roles.passive_victim")
    relative = _relative_subject(toks, slots, first) \
        if pos in VERB_POS and light_verb is None and not passive_tally else None
    if relative is not None:
        # الدول التي فتحت حدودها، المشروع الذي يحمل دمشق مسؤولية: the verb of a relative clause has
        # the antecedent as its subject (the noun after the verb is its object)
        # الذي استشهد، الذي قُتل: the one killed (an active killing verb has its victim after it)
        victim = _passive(toks[first].text) or (entry.casualty and not any(
            last < s.first <= last + 2 and not s.preposition for s in slots))
        take(_chain_back(slots, relative, toks), res.recipient if victim else subject)
        res.rules.append("roles.relative_subject")
    adjacent = next((k for k in in_clause if slots[k].last == head - 1 and not slots[k].preposition), None) \
        if pos in VERB_POS and light_verb is None and not entry.casualty and not experiencer \
        and not set(toks[head].proclitics) & {"و", "ف"} else None
    if not res.actor and verbal and not passive_tally and adjacent is not None:
        # 2. SVO with the subject right before the verb: حرس الثورة يتوعد تل أبيب (the noun after
        # the verb is then its object, not a VSO subject)
        k = adjacent
        while k > 0 and slots[k] in _chain(slots, k - 1, toks):
            k -= 1
        take(_chain(slots, k, toks), subject)
        res.rules.append("roles.svo_adjacent")
    if not res.actor and verbal and not passive_tally:
        # 2a. VSO: subject right after the verb (or the light verb)
        after_verb = [k for k in in_clause if slots[k].first > head and not slots[k].preposition
                      and _gap_ok(toks, head, slots[k].first)] if not plural_verb else []
        composed = _composed_of(toks, slots, head) if not after_verb and pos in VERB_POS and light_verb is None \
            else None
        if after_verb and (light_verb is None or slots[after_verb[0]].first < first):
            take(_chain(slots, after_verb[0], toks), subject)
            res.rules.append("roles.vso_subject")
        elif composed is not None:
            # وتحاصر قوات قوامها مئة ألف مؤلفة من الجيش العراقي وقوات كردية: the forces it is made of
            take(_chain(slots, composed, toks), subject)
            res.rules.append("roles.composed_subject")
        else:
            # 2b. SVO: nearest participant before the verb in its clause, not after a preposition
            before = [k for k in in_clause if slots[k].last < head and slots[k].preposition in ("",)
                      and id(slots[k]) not in used]  # not the victim a relative clause gave
            if before:
                k = before[-1]
                while k > 0 and slots[k] in _chain(slots, k - 1, toks):
                    k -= 1  # the whole coordinated subject: الروس وقوات قسد
                take(_chain(slots, k, toks), subject)
                res.rules.append("roles.svo_subject")
    if not res.actor and pos == NOUN and light_verb is None:
        # 3a. a relative clause after the noun names its doer: العدوان الذي شنّه الاحتلال
        doer = _relative_doer(toks, slots, last)
        if doer is not None:
            take(_chain(slots, doer, toks), res.actor)
            res.rules.append("roles.relative_doer")
    if not res.actor and not res.recipient and pos == NOUN and light_verb is None:
        # 3b. genitive right after a verbal noun
        with_prep = toks[last].norm in ("مع", "بين")  # مؤتمر صحفي مع نظيره: a party, not a genitive
        gen = [k for k in in_clause if slots[k].first > last and slots[k].preposition in ("", "ل")
               and slots[k].first - last <= 3 and id(slots[k]) not in used] if not with_prep else []
        if gen:
            target = res.recipient if (entry.genitive == "recipient" or entry.casualty
                                       or _target_noun(toks[first].norm)) else res.actor
            if _doer_adjective(slots[gen[0]]):
                target = res.actor  # شهيدا إثر غارة إسرائيلية: the adjective names who struck
            take(_chain(slots, gen[0], toks), target)
            res.rules.append(f"roles.genitive_{'recipient' if target is res.recipient else 'actor'}")

    # 3b'. a martyr told in the accusative after the one mourned or the mourner (ينعى العميد رضي
    # موسوي شهيدا، المقاومة الإسلامية تزف شهيدا): the one killed, or the side that lost him
    if not res.recipient and entry.casualty and pos == NOUN and light_verb is None:
        mourned = _mourned_before(toks, slots, first, used)
        if mourned is not None:
            take(_chain_back(slots, mourned, toks), res.recipient)
            res.rules.append("roles.mourned")

    # 3c. an attack told by its nationality adjective just after the trigger names the doer
    # (قتل ثلاثة بقصف مدفعي تركي، أصيب إثر غارة إسرائيلية)
    if not res.actor and not experiencer:
        doer = next((k for k in in_clause if _doer_adjective(slots[k]) and id(slots[k]) not in used
                     and last < slots[k].first <= last + DOER_ADJECTIVE_WINDOW), None)
        if doer is not None:
            take([slots[doer]], res.actor)
            res.rules.append("roles.doer_adjective")

    # 3d. a condemnation of an act told with its doer in a relative clause (دانت الوزارة العدوان الذي
    # شنّه الاحتلال، أعربت عن أسفها إزاء الضربات التي وجهها سلاح الجو الأردني): the doer is blamed
    if not res.recipient and entry.type == "ACCUSE":
        doer = _doer_of_condemned_act(toks, slots, last, used)
        if doer is not None:
            take(_chain(slots, doer, toks), res.recipient)
            res.rules.append("roles.condemned_doer")

    # 4. recipient: first later participant, direct object or after one of the entry's prepositions
    if not res.recipient:
        # اشتباكات بين X وY: both sides of a clash (a series of meetings بين ... is no meeting of theirs)
        preps = set(entry.recipient_preps) | ({"بين"} if entry.symmetric and entry.type == "ASSAULT" else set())
        object_from = max([last] + [s.last for s in slots if id(s) in used and s.first > last])
        for k in in_clause + _after_comma(toks, slots, clause, preps) + _owner_after(toks, slots, clause, entry, last):
            s = slots[k]
            if s.first <= last or id(s) in used:
                continue
            # a direct object, not the subject of a complement clause (نفت روسيا أن تكون الحكومة)
            direct = s.preposition == "" and verbal and s.first - object_from <= MAX_OBJECT_GAP and \
                not any(t.norm in CARRIER_BARRIERS for t in toks[object_from + 1:s.first])
            owner = s.preposition == "ل" and entry.type in OWNER_TYPES and (
                (verbal and s.first - object_from <= MAX_OBJECT_GAP + 2) or toks[s.first - 1].norm in OWNER_WORDS
                or _owned_target(toks[s.first - 1].norm))  # هاجموا فجر اليوم نقاطاً للجيش
            if direct or owner or (s.preposition and s.preposition in preps) or \
                    _dialogue_party(entry, toks, last, s) or _harmed_party(entry, toks, last, s):
                take(_chain(slots, k, toks), res.recipient)
                res.rules.append("roles.object" if not s.preposition else
                                 "roles.owner" if owner and s.preposition not in preps else f"roles.prep_{s.preposition}")
                break

    # 6. implicit actor from the discourse: verbs, and nouns with a possessive pronoun (محادثاته)
    possessed = pos == NOUN and bool(set(toks[first].enclitics) & set(ENCLITIC_PRONOUNS))
    passive = pos in VERB_POS and light_verb is None and _passive(toks[first].text)  # قُتل: doer unknown
    if not res.actor and pos == NOUN and light_verb is None and clause_subject:
        # وقال المعلم قبل محادثات مع نظيره: a noun in a phrase of the opening verb is its subject's
        take(clause_subject, res.actor)
        res.rules.append("roles.clause_subject")
    if not res.actor and (verbal or possessed) and fallback_actor and not passive_tally and not experiencer \
            and not passive:
        # a news outlet never, and a monitor (SOHR, coordination committees) does not fight or arrest
        # nor an unknown person (a named victim or witness: الشاب يزن محمود) the doer of a material act
        res.actor = [p for p in fallback_actor if p.sector != "MEDIA"
                     and not (p.sector == "NGO" and entry.type in MATERIAL_TYPES)
                     and not (p.id is None and entry.type in MATERIAL_TYPES)]
        if res.actor:
            res.rules.append("roles.discourse_actor")

    # 5. the members listed after a group: الاتحاد الأوربي وعدد من الدول، من بينهم بريطانيا وألمانيا
    for role in (res.actor, res.recipient):
        head_slot = last_taken.get(id(role))
        if head_slot is None:
            continue
        k = _members_after(toks, slots, head_slot, len(toks) - 1)  # the list may follow a comma
        if k is not None and id(slots[k]) not in used:
            take(_chain(slots, k, toks), role)
            res.rules.append("roles.members")

    if entry.symmetric and res.recipient and any(
            _joined_symmetrically(toks, slots, p, entry.type == "ASSAULT" or pos == NOUN) for p in res.recipient):
        res.actor += res.recipient
        res.recipient = []
        res.rules.append("roles.symmetric")
    res.actor = _dedupe(res.actor)
    ids = {(p.id or normalize(p.text)) for p in res.actor}
    res.recipient = [p for p in _dedupe(res.recipient) if (p.id or normalize(p.text)) not in ids]
    return res


def _chain_back(slots: list[Slot], k: int, tokens) -> list[Slot]:
    """The whole coordinated list ending at slot k (الأردن و الكويت و المغرب ...)."""
    while k > 0 and slots[k] in _chain(slots, k - 1, tokens):
        k -= 1
    return _chain(slots, k, tokens)


RELATIVE_ANTECEDENT_WINDOW = 6  # tokens from the antecedent's end to the relative pronoun
NON_AGENT_ANTECEDENTS = frozenset(normalize(w) for w in (
    "الوقت", "اليوم", "الأسبوع", "الشهر", "العام", "الحين", "اللحظة", "الساعة", "المكان", "الوقت،"))


def _relative_subject(toks, slots: list[Slot], first: int) -> Optional[int]:
    """Index of the last slot of the antecedent of a relative pronoun right before the verb at
    ``first`` (``دول الجوار التي فتحت``, ``طرحت الأردن و قطر المشروع الذي يحمل``), when the verb has
    no object pronoun (``العدوان الذي شنّه الاحتلال``: the antecedent is then its object)."""
    verb = toks[first]
    if first == 0 or toks[first - 1].norm not in RELATIVES or verb.enclitics or \
            (len(verb.norm) == 3 and verb.norm.endswith("ه")):  # شنّه: a doubled root with its pronoun
        return None
    rel = first - 1
    if rel > 0 and toks[rel - 1].norm in NON_AGENT_ANTECEDENTS:
        return None  # في الوقت الذي زار فيه وفد: the relative clause is about a time or place
    for k in range(len(slots) - 1, -1, -1):
        s = slots[k]
        if s.last >= rel:
            continue
        gap = rel - s.last - 1
        if gap >= RELATIVE_ANTECEDENT_WINDOW or (s.preposition not in ("", "ل") and gap > 1) or \
                any(t.norm in (".", "؛", ";", ":") or t.norm in RELATIVES for t in toks[s.last + 1:rel]):
            return None  # far off, or the object of a preposition with a noun of its own between
        return k
    return None


# Verbal nouns whose genitive is the one the act is done to (استهداف القوات الأميركية، اعتقال شبان،
# اغتيال القائد): their doer comes with a carrier verb, an agent phrase or the discourse.
TARGET_NOUNS = frozenset(normalize(w) for w in (
    "استهداف", "استهدافات", "اعتقال", "اعتقالات", "اغتيال", "اختطاف", "خطف", "تصفية", "إعدام", "ملاحقة",
    "ملاحقات", "مطاردة", "احتجاز", "حصار", "محاصرة", "تهجير", "قنص", "تدمير", "إعتقال"))


def _target_noun(norm: str) -> bool:
    """Whether a token is one of TARGET_NOUNS, with its article or a proclitic, or glued to the word
    before it (في العراقاستهداف, links stripped from a web page)."""
    return any(norm.endswith(n) for n in TARGET_NOUNS)


# Nouns of dialogue and relations: in an offer, promise or readiness "to negotiate with X" (استعداده
# لإجراء مفاوضات مع النظام، لعرضه التفاوض مع الأسد) X is the one the offer is made to.
DIALOGUE_WORDS = frozenset(normalize(w) for w in (
    "التفاوض", "مفاوضات", "المفاوضات", "الحوار", "حوار", "للحوار", "محادثات", "المحادثات", "علاقات", "العلاقات",
    "التعاون", "تعاون", "للتعاون", "التنسيق", "المصالحة", "الصلح", "التطبيع", "لقاء", "للتفاوض", "مشروطة"))
DIALOGUE_TYPES = frozenset({"AGREE", "CONCEDE"})


def _dialogue_party(entry: TriggerEntry, toks, last: int, s: Slot) -> bool:
    return entry.type in DIALOGUE_TYPES and s.preposition == "مع" and \
        any(t.norm in DIALOGUE_WORDS for t in toks[last + 1:s.first])


COMPOSED_OF = frozenset(normalize(w) for w in (
    "مؤلفة", "مؤلف", "المؤلفة", "مكونة", "مكون", "المكونة", "تتألف", "تتكون", "يتألف", "يتكون", "تضم", "يضم", "تشمل"))
COMPOSED_WINDOW = 8  # tokens from the verb to "made of" in a subject the recognizers do not name


def _composed_of(toks, slots: list[Slot], head: int) -> Optional[int]:
    """The first member slot after "made of" (مؤلفة من، تضم) in an unnamed subject right after the verb."""
    for k in range(head + 1, min(len(toks), head + COMPOSED_WINDOW + 1)):
        t = toks[k].norm
        if t in CARRIER_BARRIERS or t in PUNCT_COMMAS or any(s.first == k for s in slots):
            return None  # a named subject, or the clause ends first
        if t in COMPOSED_OF:
            start = k + 2 if k + 1 < len(toks) and toks[k + 1].norm == "من" else k + 1
            return next((j for j, s in enumerate(slots) if s.first == start), None)
    return None


# Words of weapons and vehicles: "ب" before them names the means (قصف بطائرات إسرائيلية), not a victim.
MEANS_WORDS = frozenset(normalize(w) for w in (
    "طائرات", "طائرة", "الطائرات", "مقاتلات", "مسيرات", "المسيرات", "مسيرة", "دبابات", "آليات", "صواريخ", "صاروخ",
    "قذائف", "مدفعية", "المدفعية", "سلاح", "أسلحة", "عبوة", "عبوات", "سيارة", "سيارات", "زوارق", "بوارج", "راجمات"))
VICTIM_STEMS = tuple(normalize(w) for w in ("شهيد", "شهدا", "قتيل", "قتلى", "جرحى", "جريح", "مصاب", "ضحايا", "ضحية"))
HARM_WINDOW = 3  # tokens from an attack to "ب" + its victim (تنكيل وحشي بالفلسطينيين، ألحقت خسائر قاسية بمجموعات)


def _harmed_party(entry: TriggerEntry, toks, last: int, s: Slot) -> bool:
    """A party after ب just after an attack or a coercion (and its adjective) is the one harmed: تنكيل
    وحشي بالفلسطينيين، ألحقت خسائر فادحة بقوات النظام; not the weapon (بطائرات إسرائيلية)."""
    if entry.type not in OWNER_TYPES or s.preposition != "ب" or not (0 < s.first - last <= HARM_WINDOW) \
            or any(v in toks[last].norm for v in VICTIM_STEMS):
        return False  # شهيدا ... بالمنظمات الدولية: a word for the victims, not an act on someone
    head = normalize(s.mention.text).split()[0] if s.mention.text.strip() else ""
    head = head[1:] if head[:1] == "ب" else head
    return head not in MEANS_WORDS and not any(t.norm in PREPOSITIONS for t in toks[last + 1:s.first])


MOURNING_VERBS = frozenset(normalize(w) for w in (
    "ينعى", "تنعى", "نعى", "نعت", "تزف", "يزف", "زفت", "زف", "تنعي", "ينعي"))


def _mourned_before(toks, slots: list[Slot], first: int, used: set[int]) -> Optional[int]:
    """The slot just before an accusative martyr noun (شهيدا، قتيلا), or before the mourning verb
    just before it."""
    if not toks[first].norm.endswith("ا") or first == 0:
        return None
    end = first - 1
    if toks[end].norm in MOURNING_VERBS:
        end -= 1
    elif not any(s.last == end for s in slots):
        return None
    return next((k for k, s in enumerate(slots) if s.last == end and not s.preposition and id(s) not in used), None)


def _owned_target(norm: str) -> bool:
    """A facility or position noun (نقاطا، مواقع، مقرات): the ل-phrase after it names its owner."""
    if norm in FACILITY_HEADS or norm in MORE_OWNED_TARGETS:
        return True
    return len(norm) > 4 and norm.endswith("ا") and (norm[:-1] in FACILITY_HEADS or norm[:-1] in MORE_OWNED_TARGETS)


MORE_OWNED_TARGETS = frozenset(normalize(w) for w in (
    "مقرات", "مقرا", "تجمعات", "تحصينات", "دبابة", "دبابات", "آلية", "مدرعة", "مدرعات", "مخازن", "مستودعات",
    "منشآت", "مراكز", "مركز", "حاجز", "حواجز", "دورية", "قافلة", "رتل", "سيارة", "طائرة"))


# A count or quantifier right after an unvowelled killing verb (قتل نحو 200، قتل العشرات، أصيب
# المئات): the verb is passive and the count its victims, as a digit there is (passive_tally).
TALLY_WORDS = frozenset(normalize(w) for w in (
    "نحو", "حوالي", "حوالى", "زهاء", "قرابة", "أكثر", "ما لا يقل", "عشرات", "العشرات", "مئات", "المئات",
    "آلاف", "الآلاف", "ألف", "ألفا", "مئة", "مائة"))


@lru_cache(maxsize=4096)  # asked up to three times per verb trigger, of a few hundred surfaces
def _passive(surface: str) -> bool:
    """A verb written with the passive vowel on its first letter (قُتل، أُصيب، اُعتقل)."""
    letters = [ch for ch in surface if not ("\u064b" <= ch <= "\u0652")]
    first = 1 if letters[:1] in (["و"], ["ف"]) and len(letters) > 3 else 0
    i = surface.find(letters[first]) if len(letters) > first else -1
    return i >= 0 and surface[i + 1:i + 2] == "\u064f"


def _members_after(toks, slots: list[Slot], head: Slot, until: int) -> Optional[int]:
    """The first slot of a member list (من بينهم X و Y) within a few tokens after ``head``."""
    for i in range(head.last + 1, min(until, head.last + MEMBERS_WINDOW) + 1):
        if toks[i].norm in MEMBER_CUES and toks[i - 1].norm in ("من", "ومن"):
            nxt = next((k for k, s in enumerate(slots) if s.first in (i + 1, i + 2)), None)
            return nxt
        if toks[i].norm in (".", "؛", ";"):
            return None
    return None


def _after_comma(toks, slots: list[Slot], clause: Clause, preps: set[str]) -> list[int]:
    """A prepositional object set off by a comma right after the clause: أطلقت 59 صاروخا، على قاعدة."""
    k = next((j for j, s in enumerate(slots) if s.first > clause.last), None)
    if k is None or slots[k].preposition not in preps:
        return []
    gap = [t.norm for t in toks[clause.last:slots[k].first]]  # from the clause's last token
    comma = next((i for i, n in enumerate(gap) if n in PUNCT_COMMAS), None)
    if comma is not None and comma <= 1 and len(gap) - comma <= 2 and \
            all(n in PUNCT_COMMAS or n in PREPOSITIONS for n in gap[comma + 1:]):
        return [k]
    return []


OWNER_WINDOW = 10  # tokens from an attack to the owner of its target: قاعدة "المالكية"، التابعة للاحتلال


def _owner_after(toks, slots: list[Slot], clause: Clause, entry: TriggerEntry, last: int) -> list[int]:
    """The owner of an attacked target named after a comma (قاعدة "المالكية"، التابعة للاحتلال الأميركي)."""
    if entry.type not in OWNER_TYPES:
        return []
    return [k for k, s in enumerate(slots) if clause.last < s.first <= last + OWNER_WINDOW
            and s.preposition == "ل" and (toks[s.first - 1].norm in OWNER_WORDS or _owned_target(toks[s.first - 1].norm))
            and not any(t.norm in CARRIER_BARRIERS or t.norm in CONNECTIVES for t in toks[last + 1:s.first])][:1]


def _doer_adjective(slot: Slot) -> bool:
    """A nationality adjective of an attack noun (غارة إسرائيلية، قصف جوي أمريكي): the attacker."""
    return slot.mention.rule == DOER_ADJECTIVE_RULE


def _carrier_before(toks, slots: list[Slot], first: int) -> Optional[int]:
    """The verb a verbal noun is the object of, when its subject lies between them:
    ``تبنّت المقاومة الإسلامية في العراق، استهداف``, ``تمكّن مجاهدو القسّام من قنص``."""
    covered = {i for s in slots for i in range(s.first, s.last + 1)}
    carriers = carrier_verbs()  # light and experiencer verbs, built once
    others = 0
    for k in range(first - 1, max(-1, first - 1 - CARRIER_WINDOW), -1):
        t = toks[k]
        if _is_verb(t, carriers):
            return k
        if k in covered or t.norm in SUBJECT_GAP_WORDS or t.norm in JOINERS or t.norm.isdigit():
            continue
        if t.norm in CARRIER_BARRIERS or t.norm in CONNECTIVES:
            return None
        if t.norm in PREPOSITIONS and k != first - 1 and t.norm != "في":
            return None  # أعلن عن إصابة جنود في هجوم: the noun is not the verb's object
        others += 1
        if others > CARRIER_OTHER_TOKENS:
            return None
    return None


CONDEMNED_ACT_WINDOW = 12
# Nouns of hostile acts a condemnation names (العدوان الإرهابي الذي شنّه ...), not any act (الاتفاق الذي أبرمته).
HOSTILE_ACTS = frozenset(normalize(w) for w in (
    "العدوان", "عدوان", "الاعتداء", "الاعتداءات", "اعتداءات", "الهجوم", "هجوم", "الهجمات", "هجمات", "الضربات", "الضربة",
    "الغارات", "الغارة", "غارات", "القصف", "المجزرة", "المجازر", "الجرائم", "الجريمة", "جرائم", "الانتهاكات",
    "انتهاكات", "التفجير", "التفجيرات", "العملية", "العمليات", "الحملة", "الاغتيال", "الحصار", "الاعتقالات",
    "إزاء", "ازاء"))  # tokens from a condemnation to the relative pronoun after the act it names


def _doer_of_condemned_act(toks, slots: list[Slot], last: int, used: set[int]) -> Optional[int]:
    for k in range(last + 1, min(len(toks), last + CONDEMNED_ACT_WINDOW + 1)):
        if toks[k].norm in (".", "؛", ";", ":") or toks[k].norm in COMPLEMENTIZERS_OF_STATEMENT:
            return None
        if toks[k].norm in RELATIVES and k + 1 < len(toks) and toks[k + 1].norm.endswith(ENCLITIC_PRONOUNS) \
                and any(t.norm in HOSTILE_ACTS for t in toks[max(last + 1, k - 3):k]):
            # the verb carries the pronoun of the act (شنّه، وجهها، ارتكبها): its subject follows
            doer = next((j for j, s in enumerate(slots) if s.first > k + 1 and not s.preposition
                         and _gap_ok(toks, k + 1, s.first)), None)
            return doer if doer is not None and id(slots[doer]) not in used else None
    return None


def _relative_doer(toks, slots: list[Slot], last: int) -> Optional[int]:
    """Index of the slot naming who did a verbal noun in a relative clause after it:
    ``العدوان الذي شنّه الاحتلال``, ``هجوم نفّذته هيئة تحرير الشام``."""
    carriers = verb_surfaces("light_verb")
    for k in range(last + 1, min(len(toks), last + 5)):
        t = toks[k]
        if t.norm in CARRIER_BARRIERS or t.norm in JOINERS:
            return None
        if _is_verb(t, carriers) and t.norm.endswith(ENCLITIC_PRONOUNS):
            for j, s in enumerate(slots):
                if s.first > k and not s.preposition and _gap_ok(toks, k, s.first):
                    return j
            return None
    return None


def _plural_agreement(norm: str) -> bool:
    for enc in ("هم", "ها", "ه", "هما"):
        if norm.endswith(enc) and len(norm) - len(enc) >= 4:
            norm = norm[: -len(enc)]
            break
    return norm.endswith(("وا", "ون", "و")) and len(norm) >= 5


def _joined_symmetrically(toks, slots: list[Slot], p: Participant, joint_event: bool) -> bool:
    """Whether the other party is a co-actor: coordinated with و or after بين; after مع (or as a
    direct object) only for a clash or a noun (اجتماع مع) — a verb's مع-object is its recipient
    (أبرمته إيران مع القوى الدولية)."""
    for s in slots:
        if s.mention.start == p.start:
            if toks[s.first].norm.startswith("و") and s.preposition in ("", "و") or s.preposition == "بين":
                return True
            return joint_event and s.preposition in ("مع", "")
    return False


def _dedupe(parts: list[Participant]) -> list[Participant]:
    seen, out = set(), []
    for p in parts:
        key = p.id or normalize(p.text)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out
