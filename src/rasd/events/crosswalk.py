"""Crosswalks from a coded event to PLOVER's quad class and scale and to ACLED's columns.

PLOVER quad codes follow CAMEO's: 1 verbal cooperation, 2 material cooperation, 3 verbal
conflict, 4 material conflict. ``event_scale`` is a Goldstein-style intensity (-10 most hostile,
+10 most cooperative) per type and mode, as a string, so events can be ranked and aggregated.

ACLED covers political violence, demonstrations and strategic developments; verbal events have no
ACLED event type (their ACLED fields are null). Interaction: ACLED's two inter codes, the smaller
first (e.g. 12 state forces vs rebels); time precision 1 day, 2 week, 3 month or more.
"""
from __future__ import annotations

from typing import Any, Optional

from ..model import Event

QUAD = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
    "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}
SCALE = {
    "AGREE": 4.0, "CONSULT": 1.0, "SUPPORT": 3.0, "CONCEDE": 5.0, "COOPERATE": 6.0, "AID": 7.0,
    "RETREAT": 5.0, "REQUEST": -1.0, "ACCUSE": -2.0, "REJECT": -4.0, "THREATEN": -6.0, "PROTEST": -6.5,
    "SANCTION": -5.0, "MOBILIZE": -7.0, "COERCE": -7.0, "ASSAULT": -9.0,
}
MODE_SCALE = {("ASSAULT", "aerial"): -10.0, ("ASSAULT", "heavy-weapons"): -10.0, ("ASSAULT", "abduct"): -9.0,
              ("ASSAULT", "targeted"): -9.5, ("COERCE", "arrest"): -5.0, ("COERCE", "seize"): -8.0,
              ("PROTEST", "riot"): -7.5, ("PROTEST", "strike"): -5.0}

DISORDER = {"Battles": "Political violence", "Explosions/Remote violence": "Political violence",
            "Violence against civilians": "Political violence", "Protests": "Demonstrations",
            "Riots": "Demonstrations", "Strategic developments": "Strategic developments"}
ASSAULT_MODE_ACLED = {
    "aerial": ("Explosions/Remote violence", "Air/drone strike"),
    "drone": ("Explosions/Remote violence", "Air/drone strike"),
    "heavy-weapons": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "explosives": ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    "abduct": ("Violence against civilians", "Abduction/forced disappearance"),
    "targeted": ("Violence against civilians", "Attack"),
}
TYPE_ACLED = {
    "PROTEST": ("Protests", "Peaceful protest"),
    "COERCE": ("Strategic developments", "Other"),
    "MOBILIZE": ("Strategic developments", "Other"),
    "AGREE": ("Strategic developments", "Agreement"),
    "RETREAT": ("Strategic developments", "Non-violent transfer of territory"),
    "SANCTION": ("Strategic developments", "Other"),
    "AID": ("Strategic developments", "Other"),
}
MODE_ACLED = {("COERCE", "arrest"): ("Strategic developments", "Arrests"),
              ("COERCE", "seize"): ("Strategic developments", "Non-violent transfer of territory"),
              ("PROTEST", "riot"): ("Riots", "Violent demonstration")}
CIVILIANS, REBELS, STATE = 7, 2, 1
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}


def _inter(parts) -> Optional[int]:
    codes = [p.acled_type for p in parts if p.acled_type]
    return min(codes) if codes else None


def acled_columns(event: Event, entry_acled: dict[str, Any]) -> dict[str, Any]:
    """ACLED crosswalk columns for ``event`` (an entry's own ``acled`` mapping wins)."""
    inter1, inter2 = _inter(event.actor), _inter(event.recipient)
    if event.type == "ASSAULT":
        if event.mode in ASSAULT_MODE_ACLED:
            etype, sub = ASSAULT_MODE_ACLED[event.mode]
        elif inter2 == CIVILIANS or (event.recipient and all(p.sector == "CVL" for p in event.recipient)):
            etype, sub = "Violence against civilians", "Attack"
        else:
            etype, sub = "Battles", "Armed clash"
    else:
        etype, sub = MODE_ACLED.get((event.type, event.mode or ""), TYPE_ACLED.get(event.type, (None, None)))
    etype = entry_acled.get("event_type", etype)
    sub = entry_acled.get("sub_event_type", sub)
    interaction = None
    if inter1 and inter2:
        a, b = sorted((inter1, inter2))
        interaction = a * 10 + b
    elif inter1 or inter2:
        interaction = (inter1 or inter2) * 10
    return {
        "disorder_type": DISORDER.get(etype) if etype else None,
        "event_type": etype,
        "sub_event_type": sub,
        "inter1": inter1,
        "inter2": inter2,
        "interaction": interaction if etype else None,
        "time_precision": TIME_PRECISION.get(event.date.precision) if event.date else None,
        "geo_precision": event.location.precision if event.location else None,
        "fatalities": event.fatalities or 0 if etype else None,
    }


def quad_code(event_type: str) -> int:
    return QUAD[event_type]


def event_scale(event_type: str, mode: Optional[str]) -> str:
    key = (event_type, mode or "")
    scale = _SCALE_TEXT.get(key)
    if scale is None:
        scale = _SCALE_TEXT[key] = f"{MODE_SCALE.get(key, SCALE[event_type]):+.1f}"
    return scale


_SCALE_TEXT: dict[tuple[str, str], str] = {}  # (type, mode) -> its scale as text, formatted once
