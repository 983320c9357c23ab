"""Event scoring rules of ANNOTATION.md section 3 (same figures as shared/tools/score_events.py).

Events on both sides are plain JSON objects (the output contract), so the scorer can score any
system's JSONL, not only rasd's.
"""
from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Iterable, Optional

Event = dict[str, Any]

_DIACRITICS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)
_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه",
                       **{chr(0x660 + i): str(i) for i in range(10)},
                       **{chr(0x6F0 + i): str(i) for i in range(10)}})
LOCATION_KM = 15.0
EVIDENCE_JACCARD = 0.5


def score_norm(text: Optional[str]) -> str:
    """The scoring normal form: no diacritics/tatweel, folded letters and digits, no punctuation."""
    text = unicodedata.normalize("NFKC", text or "")
    text = _DIACRITICS.sub("", text).translate(_FOLD)
    return " ".join(_PUNCT.sub(" ", text).lower().split())


def _tokens(text: str) -> set[str]:
    return set(score_norm(text).split())


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / max(1, len(a | b))


def mention_texts(event: Event) -> list[str]:
    texts = [m.get("text", "") for m in event.get("mentions") or []]
    texts += [event[k] for k in ("evidence", "text", "sentence") if isinstance(event.get(k), str)]
    return [t for t in texts if t]


def overlap(system: Event, gold: Event) -> float:
    """How well a system event's mentions cover a gold event; 0 means no possible match.

    Containing the gold trigger ranks above any evidence overlap (1 + Jaccard), so pairs with the
    trigger are matched first."""
    trigger = score_norm(gold["trigger"])
    evidence = _tokens(gold["evidence"])
    best = 0.0
    for text in mention_texts(system):
        toks = _tokens(text)
        j = _jaccard(toks, evidence)
        if trigger and trigger in score_norm(text):
            best = max(best, 1.0 + j)
        if j >= EVIDENCE_JACCARD:
            best = max(best, j)
    return best


def match_events(system: list[Event], gold: list[Event], typed: bool) -> list[tuple[int, int]]:
    """One-to-one pairs (system index, gold index), best overlap first."""
    candidates = []
    for i, s in enumerate(system):
        for j, g in enumerate(gold):
            if typed and s.get("type") != g.get("type"):
                continue
            o = overlap(s, g)
            if o > 0:
                candidates.append((o, i, j))
    candidates.sort(reverse=True)
    used_s: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, i, j in candidates:
        if i not in used_s and j not in used_g:
            used_s.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return pairs


def _aliases(entity: Event) -> set[str]:
    names = entity.get("aliases") or []
    return {score_norm(x) for x in names} | {x.lower() for x in names}


def same_entity(a: Event, b: Event) -> bool:
    na, nb = score_norm(a.get("text", "")), score_norm(b.get("text", ""))
    if na and nb and (na in nb or nb in na):
        return True
    ea, eb = (a.get("name_en") or "").strip().lower(), (b.get("name_en") or "").strip().lower()
    if ea and ea == eb:
        return True
    al_a, al_b = _aliases(a), _aliases(b)
    return bool((na and na in al_b) or (nb and nb in al_a) or (ea and ea in al_b) or (eb and eb in al_a))


def entity_matches(system: list[Event], gold: list[Event]) -> int:
    used: set[int] = set()
    tp = 0
    for g in gold:
        for k, s in enumerate(system):
            if k not in used and same_entity(s, g):
                used.add(k)
                tp += 1
                break
    return tp


def same_entity_set(system: list[Event], gold: list[Event]) -> bool:
    return entity_matches(system, gold) == len(system) == len(gold)


def distance_km(a: Event, b: Event) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a["lat"], a["lon"], b["lat"], b["lon"]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h))


def location_ok(system: Optional[Event], gold: Event) -> bool:
    if not system:
        return False
    try:
        if system.get("lat") is not None and distance_km(system, gold) <= LOCATION_KM:
            return True
    except (TypeError, ValueError):
        pass
    if (system.get("name_en") or "").lower() == (gold.get("name_en") or "").lower() != "":
        return True
    ns = score_norm(system.get("name_ar") or system.get("text") or "")
    return bool(ns) and ns == score_norm(gold.get("text", ""))


@dataclass
class PRF:
    tp: int
    system: int
    gold: int

    @property
    def precision(self) -> float:
        return self.tp / self.system if self.system else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class EventScores:
    docs: int = 0
    missing_docs: int = 0
    detect: PRF = field(default_factory=lambda: PRF(0, 0, 0))
    typed: PRF = field(default_factory=lambda: PRF(0, 0, 0))
    participants: PRF = field(default_factory=lambda: PRF(0, 0, 0))
    roles_ok: int = 0
    location_ok: int = 0
    location_n: int = 0
    date_ok: int = 0
    date_n: int = 0
    status_ok: int = 0

    @property
    def roles(self) -> float:
        return self.roles_ok / (self.typed.tp or 1)

    @property
    def location(self) -> float:
        return self.location_ok / (self.location_n or 1)

    @property
    def date(self) -> float:
        return self.date_ok / (self.date_n or 1)

    @property
    def status(self) -> float:
        return self.status_ok / (self.typed.tp or 1)

    def headline(self) -> dict[str, float]:
        """The figures the baseline pins (F1 for P/R/F1 triples)."""
        return {"detect_f1": self.detect.f1, "typed_f1": self.typed.f1, "participants_f1": self.participants.f1,
                "roles": self.roles, "location": self.location, "date": self.date, "status": self.status}


def score_articles(gold: dict[str, list[Event]], system: dict[str, list[Event]]) -> EventScores:
    """Score system events against gold events, both keyed by article id."""
    sc = EventScores(docs=len(gold))
    for doc_id, gold_events in gold.items():
        system_events = system.get(doc_id)
        if system_events is None:
            sc.missing_docs += 1
            system_events = []
        for prf in (sc.detect, sc.typed):
            prf.system += len(system_events)
            prf.gold += len(gold_events)
        sc.detect.tp += len(match_events(system_events, gold_events, typed=False))
        pairs = match_events(system_events, gold_events, typed=True)
        sc.typed.tp += len(pairs)
        for i, j in pairs:
            s, g = system_events[i], gold_events[j]
            s_parts = (s.get("actor") or []) + (s.get("recipient") or [])
            g_parts = (g.get("actor") or []) + (g.get("recipient") or [])
            sc.participants.tp += entity_matches(s_parts, g_parts)
            sc.participants.system += len(s_parts)
            sc.participants.gold += len(g_parts)
            if same_entity_set(s.get("actor") or [], g.get("actor") or []) and \
                    same_entity_set(s.get("recipient") or [], g.get("recipient") or []):
                sc.roles_ok += 1
            if g.get("location"):
                sc.location_n += 1
                sc.location_ok += location_ok(s.get("location"), g["location"])
            if g.get("date"):
                sc.date_n += 1
                sc.date_ok += (s.get("date") or {}).get("value") == g["date"]["value"]
            sc.status_ok += s.get("status") == g.get("status")
    return sc


def prf_from_labels(pairs: Iterable[tuple[bool, bool]]) -> PRF:
    """(predicted, gold) booleans -> P/R/F1 counts (sentence detection)."""
    tp = system = gold = 0
    for predicted, truth in pairs:
        tp += predicted and truth
        system += predicted
        gold += truth
    return PRF(tp, system, gold)
