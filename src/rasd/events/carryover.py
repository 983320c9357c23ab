"""The recipient of a statement event carried over from the event told just before it.

A run of demands, offers and threats by one party is addressed to the same other party, which
the article names once: "عقدت قسد اجتماعا مع ضباط روس ... وقالت إن القوات الروسية طالبت بفك
الحصار ... القوات الروسية تعهدت ..." (the demands and the pledge are made to the SDF). And a
party that answers what another did to it answers that party: "عرضت القوات الروسية على قسد ...
إلا أن المقترح قوبل بالرفض من قبل قسد" (rejected to Russia). Rules, for a verbal event with an
actor and no recipient of its own, from the last event of the last CARRY_SENTENCES sentences:

1. same side: that event's actor shares a side with this one (same country, else same actor):
   the recipient is that event's recipient, or for a meeting with no recipient its other parties;
2. a reply (a refusal, acceptance, concession or accusation): that event's recipient is this
   event's actor: the recipient is that event's actor.

A side is a participant's country (the Russian military police and Russia are one side), else its
actor id or text. Denials are left alone (نفت روسيا answers an accusation, it is addressed to no
one), as are symmetric events (اتفقوا: the actors agreed among themselves) and events whose actors
cover several sides.
"""
from __future__ import annotations

from typing import Callable, Optional, Sequence

from ..model import Event, Participant
from .triggers import TriggerEntry

CARRY_TYPES = frozenset({"REQUEST", "AGREE", "THREATEN", "REJECT", "ACCUSE", "CONCEDE"})
REPLY_TYPES = frozenset({"REJECT", "AGREE", "CONCEDE", "ACCUSE"})  # answers to what the other side did
CARRY_SENTENCES = 2  # how many sentences back the previous event may lie


def _side(p: Participant) -> str:
    return p.country or p.id or p.text


def carry_recipient(entry: TriggerEntry, actor: list[Participant], recipient: list[Participant],
                    earlier: Sequence[Event], sentence: int) -> tuple[list[Participant], str]:
    """The recipient to give an event of ``entry`` at sentence index ``sentence`` with ``actor``
    and no ``recipient``, from the last of the ``earlier`` events (in text order), and the rule
    that gave it; ``([], "")`` when none applies."""
    if entry.type not in CARRY_TYPES or entry.denial or entry.symmetric or recipient or not actor:
        return [], ""
    mine = {_side(p) for p in actor}
    if len(mine) > 1:
        return [], ""
    prev = next((e for e in reversed(earlier) if e.provenance.sentences), None)
    if prev is None or sentence - prev.provenance.sentences[0] > CARRY_SENTENCES:
        return [], ""
    if {_side(p) for p in prev.actor} & mine:
        source = prev.actor if prev.type == "CONSULT" and not prev.recipient else prev.recipient
        others = [p for p in source if _side(p) not in mine]
        return (others, "roles.carried_recipient") if others else ([], "")
    if entry.type in REPLY_TYPES and {_side(p) for p in prev.recipient} & mine:
        others = [p for p in prev.actor if _side(p) not in mine]
        return (others, "roles.reply_recipient") if others else ([], "")
    return [], ""


def carry_recipients(events: Sequence[Event], entry_of: Callable[[str], Optional[TriggerEntry]]) -> list[Event]:
    """Apply carry_recipient to an article's body events in text order (after in-article merging,
    so that two demands given the same carried recipient are not taken for one event told twice);
    ``entry_of`` maps a lexicon entry id to its entry. Returns the events that got a recipient (their
    ACLED columns and English note are to be refreshed)."""
    body = sorted((e for e in events if e.trigger.field == "text" and e.provenance.sentences),
                  key=lambda e: (e.provenance.sentences[0], e.trigger.start))
    changed = []
    for i, e in enumerate(body):
        entry = entry_of(e.provenance.lexicon_entries[0]) if e.provenance.lexicon_entries else None
        if entry is None:
            continue
        recipient, rule = carry_recipient(entry, e.actor, e.recipient, body[:i], e.provenance.sentences[0])
        if recipient:
            e.recipient = recipient
            e.provenance.rules.append(rule)
            changed.append(e)
    return changed
