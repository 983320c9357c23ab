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


def _demonym(word: str, owners: dict) -> Optional[tuple[str, str, Optional[str]]]:
    """The owner named by a definite demonym token (الأميركية، الإسرائيلي)."""
    for p in PROCLITICS:
        if word.startswith(p) and word[len(p):] in owners:
            return owners[word[len(p):]]
    return None


def facility_owner(sentence: Sentence, text: str, places: Sequence[Mention], after: int, until: int,
                   extra: tuple[str, ...] = ()) -> Optional[Participant]:
    """The owner of the first facility named in tokens (after, until]: a place mention headed by a
    facility word (or such a word itself) followed by a demonym (قاعدة حرير الأميركية)."""
    toks = sentence.tokens
    owners = _demonym_owners(extra)
    i = after + 1
    while i <= min(until, len(toks) - 1):
        if toks[i].norm in FACILITY_HEADS or (toks[i].norm[:1] in ("و", "ب", "ل") and toks[i].norm[1:] in FACILITY_HEADS):
            j = i + 1
            place = next((m for m in places if toks[i].start <= m.start < toks[i].end + 2 or m.start == toks[i].start), None)
            if place is not None:
                while j < len(toks) and toks[j].start < place.end:
                    j += 1  # past the facility's name: قاعدة حرير
            if j < len(toks) and toks[j].norm in FACILITY_ADJECTIVES:
                j += 1  # قاعدة جوية أميركية
            for k in (j,):
                if k < len(toks) and k <= until + 3:
                    owner = _demonym(toks[k].norm, owners)
                    if owner is not None:
                        actor_id, name_en, country = owner
                        t = toks[k]
                        return Participant(text=text[t.start:t.end], name_en=name_en, id=actor_id, country=country,
                                           start=t.start, end=t.end)
            return None
        i += 1
    return None
