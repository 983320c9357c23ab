"""In-article merging: the same event told twice becomes one event with several mentions.

Two events are the same when they have the same type, trigger entry and trigger form (the same
word, not two different verbs of one entry such as اقتحم and اعتقل), the same actors and
recipients (by entity id, and at least one participant), and compatible places, and no different time words (timing.py); a clash and a one-sided attack
are never one event. Material events
(attacks, raids, deployments, protests) are also merged when retold with other words: same type
and status, no conflicting participants or date, and the same place of their own (or a shared
participant where one report names no place). A title event is
merged into the body event of the same type and entry; a title event with no body counterpart is
dropped (headlines compress and often misstate tense and roles; gold never codes them).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from ..model import Event, Span
from ..normalize import normalize
from .timing import different_times


@dataclass
class MergeNote:
    kept: str  # event id
    merged: str  # event id or title trigger text
    reason: str


def _key(parts) -> frozenset:
    return frozenset(p.id or normalize(p.text) for p in parts)


def _entry(e: Event) -> Optional[str]:
    return e.provenance.lexicon_entries[0] if e.provenance.lexicon_entries else None


def same_event(a: Event, b: Event) -> bool:
    if a.type != b.type or _entry(a) != _entry(b) or a.status != b.status:
        return False
    if not (a.actor or a.recipient) or _key(a.actor) != _key(b.actor) or _key(a.recipient) != _key(b.recipient):
        return False
    if a.location and b.location and (a.location.pcode or a.location.text) != (b.location.pcode or b.location.text):
        return False
    return True


# Material events are told again and again in one article (the attack, its toll, its claim); a
# statement is a new event each time it is made, so verbal events merge only by the strict rule.
RETOLD_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "PROTEST"})


def _ids(parts) -> set:
    return {p.id or normalize(p.text) for p in parts}


def _compatible(a: set, b: set) -> bool:
    return not a or not b or bool(a & b)


def _own_place(e: Event) -> Optional[str]:
    """The event's place when it comes from its own text, not the article's dateline."""
    if e.location is None or "place.dateline" in e.provenance.rules:
        return None
    return e.location.pcode or e.location.name_en or e.location.text


def same_retold_event(a: Event, b: Event) -> bool:
    """The same material event retold: same type and status, no conflicting participants or date,
    and the same place, or a shared participant when a place is missing."""
    if a.type != b.type or a.type not in RETOLD_TYPES or a.status != b.status:
        return False
    if not (_compatible(_ids(a.actor), _ids(b.actor)) and _compatible(_ids(a.recipient), _ids(b.recipient))):
        return False
    if a.date and b.date and a.date.value != b.date.value:
        return False
    pa, pb = _own_place(a), _own_place(b)
    if pa and pb:
        return pa == pb
    shared = (_ids(a.actor) | _ids(a.recipient)) & (_ids(b.actor) | _ids(b.recipient))
    return bool(shared) and not (pa or pb) or (bool(shared) and (pa is None) != (pb is None))


# A clash is fought by two sides; a shelling, a strike or a destruction is done by one to the other:
# a clash and a one-sided attack told side by side (قصف ... والمقاومة تخوض معها اشتباكات) are two events.
# Killing words tell an attack's toll (قتلوا في اشتباكات): they belong to a clash as to a strike.
CLASH_ENTRIES = frozenset({"trigger.assault.clash"})
TOLL_ENTRIES = frozenset({"trigger.assault.kill"})


def distinct_kinds(a: Optional[str], b: Optional[str]) -> bool:
    """Of two ASSAULT entries, one is a clash and the other a one-sided attack (not a toll)."""
    if a in TOLL_ENTRIES or b in TOLL_ENTRIES:
        return False
    return (a in CLASH_ENTRIES) != (b in CLASH_ENTRIES)


# The words of a clash that name only fighting between two sides. A battle (معركة، قتال) or the
# confronting of an attack (تتصدى لاعتداءات) may be the attack itself told as a whole, so in one
# clause only these keep a clash apart from a one-sided attack told beside it (not تبادل: the
# mortars in تبادلا إطلاق النار وقذائف الهاون are the exchange itself).
TWO_SIDED_STEMS = ("اشتب", "مواجه")


def two_sided_apart(entry_a: Optional[str], form_a: Optional[str], entry_b: Optional[str],
                    form_b: Optional[str]) -> bool:
    """Two ASSAULT triggers of one clause that are two events: a clash word naming two-sided fighting
    (اشتباكات، مواجهات) beside a one-sided attack (قصف، تدمير; a toll belongs to either)."""
    if not distinct_kinds(entry_a, entry_b):
        return False
    clash_form = form_a if entry_a in CLASH_ENTRIES else form_b
    return any(stem in normalize(clash_form or "") for stem in TWO_SIDED_STEMS)


def different_kinds(a: Event, b: Event) -> bool:
    """A clash and a one-sided attack: two events."""
    return a.type == b.type == "ASSAULT" and distinct_kinds(_entry(a), _entry(b))


# An attack is retold with other verbs (قصف، استهدف، ضرب): one action under many words, unlike a
# raid and the arrests in it (اقتحمت ... واعتقلت), which are two coded actions.
SYNONYM_RETOLD_TYPES = frozenset({"ASSAULT"})


# Coercion is many acts (a raid, the arrests made in it, a siege, a seizure, a demolition): a verbal
# noun names again only an act of its own lexicon entry (الاعتقالات does not retell اقتحمت).
ENTRY_KIND_TYPES = frozenset({"COERCE"})


def restating_key(etype: str, entry: str) -> str:
    """What a bare verbal noun must share with an event of its sentence to restate it: the type, or
    for coercion the lexicon entry."""
    return entry if etype in ENTRY_KIND_TYPES else etype


def _retelling(a: Event, b: Event, forms: dict[str, str]) -> bool:
    """Told again with the same word, named again by a verbal noun (the attack, the raid; for
    coercion of its own kind), or an attack told again with another verb; two different verbs of
    other types are two actions."""
    if a.type in SYNONYM_RETOLD_TYPES or forms.get(a.id) == forms.get(b.id):
        return True
    nominal = "trigger.noun" in a.provenance.rules or "trigger.noun" in b.provenance.rules
    return nominal and (a.type not in ENTRY_KIND_TYPES or _entry(a) == _entry(b))


def merge_events(events: list[Event], forms: dict[str, str],
                 times: Optional[dict[str, Optional[str]]] = None) -> tuple[list[Event], list[MergeNote]]:
    """Merge repeated reports; ``forms`` maps event id to the lexicon form of its trigger, ``times``
    to the key of its time words (timing.time_key): events told at different times are not merged."""
    times = times or {}
    kept: list[Event] = []
    notes = []
    for e in events:
        twin = next((k for k in kept if (same_event(k, e) or same_retold_event(k, e)) and _retelling(k, e, forms)
                     and not different_times(times.get(k.id), times.get(e.id))
                     and not different_kinds(k, e)), None)
        if twin is None:
            kept.append(e)
            continue
        # keep the fuller report as the main one, all mentions on it
        main, other = (twin, e) if len(twin.actor) + len(twin.recipient) >= len(e.actor) + len(e.recipient) else (e, twin)
        main.mentions = sorted(main.mentions + other.mentions, key=lambda s: (s.field != "title", s.start))
        main.provenance.sentences = sorted(set(main.provenance.sentences + other.provenance.sentences))
        main.fatalities = main.fatalities if main.fatalities is not None else other.fatalities
        if main is e:
            kept[kept.index(twin)] = e
        notes.append(MergeNote(main.id, other.id, "same type, trigger entry, participants and place"))
    return kept, notes


def merge_title(events: list[Event], title_hits: list[tuple[Span, str, str]]) -> list[MergeNote]:
    """Attach title triggers (span, type, entry id) to the first body event of that type and entry."""
    notes = []
    for span, etype, entry in title_hits:
        target = next((e for e in events if e.type == etype and _entry(e) == entry), None) or \
            next((e for e in events if e.type == etype), None)
        if target is None:
            notes.append(MergeNote("", span.text, "title-only event dropped: no body report of it"))
            continue
        if not any(m.field == "title" for m in target.mentions):
            target.mentions.insert(0, span)
        notes.append(MergeNote(target.id, span.text, "title mention of a body event"))
    return notes
