"""A one-sentence English note for an event, built from its structured fields (like ACLED notes),
so an English reader can use the record without reading Arabic."""
from __future__ import annotations

from typing import Optional

from ..model import Event, Participant

VERBS = {
    "AGREE": ("agreed with or made an offer to", "an agreement or offer was made"),
    "CONSULT": ("met or held talks with", "talks were held"),
    "SUPPORT": ("expressed support for", "support was expressed"),
    "CONCEDE": ("announced a concession to", "a concession was announced"),
    "COOPERATE": ("cooperated with", "cooperation took place"),
    "AID": ("delivered aid to", "aid was delivered"),
    "RETREAT": ("withdrew from or released", "a withdrawal or release took place"),
    "REQUEST": ("made a demand of", "a demand was made"),
    "ACCUSE": ("accused or condemned", "an accusation or condemnation was made"),
    "REJECT": ("rejected a proposal or claim of", "a proposal or claim was rejected"),
    "THREATEN": ("threatened", "a threat was made"),
    "PROTEST": ("protested against", "a protest took place"),
    "SANCTION": ("imposed sanctions or penalties on", "sanctions or penalties were imposed"),
    "MOBILIZE": ("mobilized or reinforced forces against", "forces were mobilized or reinforced"),
    "COERCE": ("used coercion (siege, arrest, raid or closure) against", "coercive action (siege, arrest, raid or closure) took place"),
    "ASSAULT": ("attacked", "an attack took place"),
}
STATUS = {"future": "planned: ", "hypothetical": "possible: ", "negated": "reported as not happening: ",
          "denied": "reported, then denied: "}


def _names(parts: list[Participant]) -> str:
    names = []
    for p in parts:
        name = p.name_en or "an unidentified party"
        if name not in names:
            names.append(name)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def note_for(event: Event, mode_label: Optional[str] = None) -> str:
    when = f"On {event.date.value}" if event.date and event.date.precision == "day" else (
        f"Around {event.date.value}" if event.date else "")
    where = ""
    if event.location:
        place = event.location.name_en or event.location.text
        region = event.location.admin1
        where = f" in {place}" + (f" ({region})" if region and region != place else "")
    verb_active, verb_passive = VERBS[event.type]
    actor, recipient = _names(event.actor), _names(event.recipient)
    if actor:
        core = f"{actor} {verb_active} {recipient}" if recipient else f"{actor} {verb_active.split(' with')[0].split(' to')[0].split(' of')[0].split(' against')[0]}"
        if event.type == "CONSULT" and not recipient:
            core = f"{actor} held talks"
    else:
        core = verb_passive + (f" involving {recipient}" if recipient else "")
    extra = []
    if event.mode:
        extra.append(f"mode: {event.mode}")
    if event.fatalities:
        extra.append(f"{event.fatalities} killed")
    if event.injuries:
        extra.append(f"{event.injuries} injured")
    source = " according to the cited source" if event.attributed_to else ""
    sentence = (f"{when}, " if when else "") + STATUS.get(event.status, "") + core.strip() + where
    sentence += (f" ({'; '.join(extra)})" if extra else "") + ("," + source if source else "") + "."
    return sentence[0].upper() + sentence[1:]
