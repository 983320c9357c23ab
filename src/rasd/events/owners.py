"""The owner of an attacked facility, told by a nationality adjective after it.

"استهدفت المقاومة قاعدة حرير الأميركية": the base is a place, the adjective names whom the attack
was against (ANNOTATION.md codes the United States as recipient). The recognizers tag the base as a
place and, rightly, no actor for a bare demonym (الأراضي السورية is land); after a military facility
the demonym names its owner.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional, Sequence

from ..lexicon.loader import load_lexicon
from ..model import Mention, Participant, Sentence
from ..normalize import normalize

# Heads of places that belong to a force: an attack on them is an attack on their owner.
FACILITY_HEADS = frozenset(normalize(w) for w in (
    "قاعدة", "قواعد", "القاعدة", "القواعد", "مطار", "المطار", "معسكر", "المعسكر", "ثكنة", "الثكنة", "مقر", "المقر",
    "موقع", "الموقع", "مواقع", "المواقع", "نقطة", "النقطة", "نقاط", "النقاط", "مرابض", "آليات", "الآليات"))
FACILITY_ADJECTIVES = frozenset(normalize(w) for w in ("جوية", "الجوية", "عسكرية", "العسكرية", "العسكري", "عسكري"))
PROCLITICS = ("وال", "فال", "بال", "لل", "ال")
NOT_A_NAME = frozenset({"في", "من", "على", "علي", "عن", "الى", "إلى", "قرب", "شمال", "جنوب", "شرق", "غرب", "،", ","})
AGENT_HEADS = frozenset(normalize(w) for w in (
    "الجيش", "جيش", "القوات", "قوات", "الشرطة", "الحرس", "حرس", "عناصر", "مقاتلي", "الأمن", "الحكومة", "سلاح"))
LIST_WINDOW = 8  # tokens past the window for the next facility of a list (... وقاعدة الشدادي الأميركيتين)


@lru_cache(maxsize=4)
def _demonym_owners(extra: tuple[str, ...]) -> dict[str, tuple[str, str, Optional[str]]]:
    """Normalized demonym form -> (actor id, actor English name, country) of its country actor."""
    from pathlib import Path
    dirs = [Path(p) for p in extra]
    actors = {e.id: e for e in load_lexicon("actors", dirs)}
    out = {}
    for e in load_lexicon("demonyms", dirs):
        actor_id = e.attrs.get("actor")
        if not isinstance(actor_id, str) or actor_id not in actors:
            continue  # capitals name several actors by date
        actor = actors[actor_id]
        for form in e.forms:
            out[normalize(form)] = (actor_id, actor.name_en or actor_id, actor.attrs.get("country"))
    return out


GLUED_WORDS = ("في", "من", "على", "عن", "الى", "و", "ال")  # word starts glued to a demonym by a stripped link


def _demonym(word: str, owners: dict) -> Optional[tuple[str, str, Optional[str]]]:
    """The owner named by a definite demonym token (الأميركية، الإسرائيلي), also when the next word
    is glued to it (قاعدة الشدادي الأميركيةفي سوريا: web text whose link markup was dropped)."""
    for p in PROCLITICS:
        if not word.startswith(p):
            continue
        rest = word[len(p):]
        if rest in owners:
            return owners[rest]
        for cut in range(len(rest) - 2, 2, -1):
            if rest[:cut] in owners and rest[cut:].startswith(GLUED_WORDS) and len(rest) - cut >= 2:
                return owners[rest[:cut]]
    return None


def facility_owner(sentence: Sentence, text: str, places: Sequence[Mention], after: int, until: int,
                   extra: tuple[str, ...] = ()) -> Optional[Participant]:
    """The owner of the first facility named in tokens (after, until]: a place mention headed by a
    facility word (or such a word itself) followed by a demonym (قاعدة حرير الأميركية)."""
    toks = sentence.tokens
    owners = _demonym_owners(extra)
    i = after + 1
    listed = False  # a facility without a demonym was passed: a coordinated one may follow further on
    while i <= min(until + (LIST_WINDOW if listed else 0), len(toks) - 1):
        norm = toks[i].norm
        if i > until and not (norm[:1] == "و" and norm[1:] in FACILITY_HEADS):
            i += 1
            continue
        if norm in FACILITY_HEADS or (norm[:1] in ("و", "ب", "ل") and norm[1:] in FACILITY_HEADS):
            j = i + 1
            place = next((m for m in places if toks[i].start <= m.start < toks[i].end + 2 or m.start == toks[i].start), None)
            if place is not None:
                while j < len(toks) and toks[j].start < place.end:
                    j += 1  # past the facility's name: قاعدة حرير
            if j < len(toks) and toks[j].norm in FACILITY_ADJECTIVES:
                j += 1  # قاعدة جوية أميركية
            # a one-word name the gazetteer lacks may stand between (قاعدة الشدادي الأميركية)
            for k in ((j,) if place is not None else (j, j + 1)):
                if not (k < len(toks) and k <= until + 3 + (LIST_WINDOW if listed else 0)):
                    break
                owner = _demonym(toks[k].norm, owners)
                if owner is not None:
                    j = k
                    actor_id, name_en, country = owner
                    t = toks[j]
                    return Participant(text=text[t.start:t.end], name_en=name_en, id=actor_id, country=country,
                                       start=t.start, end=t.end)
                if toks[k].norm in NOT_A_NAME or toks[k].norm in AGENT_HEADS:
                    break  # مواقع الجيش السوري: the demonym belongs to the army's name
            # no demonym: a later facility of a list may carry it for all (قاعدة حقل العمر في ريف دير
            # الزور وقاعدة الشدادي الأميركيتين)
            i, listed = max(j, i + 1), True
            continue
        i += 1
    return None
