"""An event's status: asserted, future, hypothetical, negated or denied.

Rules read the status cues (``data/lexicons/cues/status.yaml``) around the trigger: a future
prefix on the verb (سـ) or سوف/يعتزم/من المقرر before it, المقبل after a verbal noun -> future;
إذا/في حال before it, or قد before an imperfect -> hypothetical; لم/لن/ما/لا/عدم right before
it -> negated; a denial (نفى، لا صحة) earlier in the sentence, or a verdict of falsity (غير صحيحة)
later in it -> denied. Nouns of intention, plans, calls, fear, prevention and possibility govern a
verbal noun after them (خطة لاغتياله، دعوات لمقاطعة، لمنع اجتماع). With a light verb the cues between
it and the noun it carries count too (أعلنت إحباط هجوم). The strongest wins:
denied > negated > hypothetical > future > asserted.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

from .clauses import Clause
from .cues import CueMatch
from .triggers import NOUN, VERB_FUTURE, VERB_PAST, VERB_POS, VERB_PRESENT

RANK = {"denied": 4, "negated": 3, "hypothetical": 2, "future": 1, "asserted": 0}


@dataclass(frozen=True)
class StatusDecision:
    status: str
    rule: str  # rule id, for provenance and explain
    cue: Optional[str] = None  # cue entry id


def _applies(cue: CueMatch, pos: str) -> bool:
    a = cue.entry.attrs
    if a.get("imperfect_only") and pos not in (VERB_PRESENT, VERB_FUTURE):
        return False
    if a.get("past_only") and pos != VERB_PAST:
        return False
    if a.get("noun_only") and pos != NOUN:
        return False
    if a.get("verb_only") and pos not in VERB_POS:
        return False
    return True


def decide_status(first: int, last: int, pos: str, clause: Clause, cues: Sequence[CueMatch],
                  is_denial_trigger: bool = False, trigger_first: Optional[int] = None) -> StatusDecision:
    """Status of a trigger spanning sentence tokens [first, last] in ``clause``.

    With a light verb, ``first`` is the light verb and ``trigger_first`` the verbal noun it carries:
    a cue between them governs the noun (أعلنت الشرطة إحباط هجوم: the attack was foiled)."""
    noun_first = first if trigger_first is None or trigger_first < first else trigger_first
    best = StatusDecision("asserted", "status.default")
    if pos == VERB_FUTURE:
        best = StatusDecision("future", "status.future_prefix")
    for cue in cues:
        a = cue.entry.attrs
        status, where, window = a.get("status"), a.get("where", "before"), int(a.get("window", 3))
        if status not in RANK or RANK[status] <= RANK[best.status] or not _applies(cue, pos):
            continue
        if noun_first <= cue.first_token <= last or cue.first_token == first:
            continue  # the cue is part of the trigger (or is the light verb) itself
        between = first < cue.first_token and cue.last_token < noun_first
        if cue.prefix not in ("", "و", "ف"):
            continue  # بما, لما, بعدم: a preposition before the particle makes it something else
        if where == "before":
            in_scope = between or 0 < first - cue.last_token <= window and (
                cue.first_token >= clause.first or a.get("conditional"))
        elif where == "after":
            # after a verbal noun, also one a light verb carries (the noun is the trigger's last part)
            in_scope = (pos == NOUN or noun_first > first) and 0 < cue.first_token - last <= window \
                and cue.first_token <= clause.last
        elif where == "sentence_any":  # a verdict of falsity anywhere in it (وهي تصريحات غير صحيحة)
            in_scope = (cue.last_token < first or between or cue.first_token > last) and not is_denial_trigger
        else:  # sentence: anywhere before the trigger in the sentence
            in_scope = (cue.last_token < first or between) and not is_denial_trigger
        if in_scope:
            best = StatusDecision(status, f"status.{where}", cue.entry.id)
    return best
