"""List the gold-dev events whose location rasd gets wrong, with the candidates and a category.

    .venv/bin/python scripts/location_errors.py [--gold DIR] [--only CATEGORY] [--brief]

For each typed-matched gold event with a location (the events ``rasd eval`` counts for
``gold_dev.location``) whose system location is wrong, it prints the gold place, the system's choice
and the rule that made it, and the place mentions of the event's clause, sentence and paragraph
(``*`` marks a mention that would have been right; ``-`` one without coordinates, which the event
coder never takes). Then it counts the errors by category:

- ``not recognized``: no place mention in the article would be right;
- ``no coordinates``: a right mention exists but has no coordinates (ambiguous or unlisted);
- ``wrong homonym``: a mention of the gold name resolved to another place of that name;
- ``relative place``: the right mention is a relative phrase (شمال الرقة) or the gold text is one;
- ``actor's place``: the chosen place sits inside an actor or recipient mention (محافظ الحسكة);
- ``origin vs destination``: the choice and the right place are introduced by من / إلى;
- ``statement place``: a verbal event whose right place was filtered out (no في before it);
- ``wrong scope choice``: a right mention is in the event's clause, sentence or paragraph but
  another was chosen (or none, for a verbal event);
- ``dateline / article place``: the right place is named only outside the paragraph;
- ``no location``: the system gives none although a right candidate exists in the scope.

The category is a first guess to sort by; read the printed evidence before fixing anything.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

import rasd.events.place_date as place_date
from rasd.errors import DocumentRejected
from rasd.evaluate.datasets import load_gold, shared_data_dir
from rasd.evaluate.scoring import location_ok, match_events, score_norm
from rasd.model import Mention
from rasd.events.place_date import VERBAL_TYPES
from rasd.normalize import normalize
from rasd.output import article_json
from rasd.pipeline import Pipeline

ORIGIN_WORDS = {normalize(w) for w in ("من", "منذ")}
DESTINATION_WORDS = {normalize(w) for w in ("إلى", "الى", "نحو", "باتجاه")}


@dataclass
class Call:
    """One choose_place call made by the event coder (what it saw and what it chose)."""
    etype: str
    trigger_at: int
    scope: Any
    places: list[Mention]
    result: Any
    rule: str


@dataclass
class Error:
    doc: str
    gold: dict
    system: Optional[dict]
    rule: str
    category: str
    lines: list[str] = field(default_factory=list)


def _record_calls(calls: list[Call]):
    """Record every place choice the event coder makes (it asks its article's ArticlePlaces)."""
    real = place_date.ArticlePlaces.choose

    def wrapper(self, event_type, trigger_at, scope, has_dateline):
        loc, rule = real(self, event_type, trigger_at, scope, has_dateline)
        calls.append(Call(event_type, trigger_at, scope, list(self.places), loc, rule))
        return loc, rule
    place_date.ArticlePlaces.choose = wrapper


def _as_loc(m: Mention) -> dict:
    return {"text": m.text, "name_ar": m.name_ar, "name_en": m.name_en, "lat": m.lat, "lon": m.lon}


def _word_before(text: str, m: Mention) -> str:
    words = normalize(text[max(0, m.start - 20):m.start]).split()
    if not words:
        return ""
    w = words[-1]
    # an attached preposition (بالرقة، للرقة) shows as the mention's own first letters
    return w


def _inside(m: Mention, rng: tuple[int, int]) -> bool:
    return rng[0] <= m.start and m.end <= rng[1]


def _fmt(m: Mention, right: bool, text: str) -> str:
    mark = "*" if right else ("-" if m.lat is None else " ")
    coords = f"{m.lat:.2f},{m.lon:.2f}" if m.lat is not None else "no coords"
    return (f"    {mark} [{m.start}] {m.text!r} -> {m.name_en} ({coords}, p{m.precision}, {m.rule})"
            f" after {_word_before(text, m)!r}")


def categorize(gold: dict, sys_loc: Optional[dict], etype: str, call: Optional[Call], all_places: list[Mention],
               parts: list[tuple[int, int]], text: str) -> str:
    right = [m for m in all_places if location_ok(_as_loc(m), gold)]
    right_located = [m for m in right if m.lat is not None]
    same_name = [m for m in all_places if score_norm(m.name_ar or m.text) == score_norm(gold["text"])
                 or score_norm(m.text) == score_norm(gold["text"])]
    if not right:
        if same_name:
            return "wrong homonym"
        if any(w in normalize(gold["text"]) for w in ("شمال", "جنوب", "شرق", "غرب", "ريف")):
            return "relative place"
        return "not recognized"
    if not right_located:
        return "no coordinates"
    if call is None:
        return "event not coded by choose_place"
    scope = call.scope
    in_scope = [m for m in right_located if _inside(m, scope.paragraph)]
    chosen = None
    if sys_loc is not None:
        for m in call.places:
            if m.text == sys_loc.get("text") and _inside(m, scope.paragraph):
                chosen = m
                break
    if chosen is not None and any(a <= chosen.start and chosen.end <= b for a, b in parts):
        return "actor's place"
    if chosen is not None and in_scope:
        wb_c, wb_r = _word_before(text, chosen), _word_before(text, in_scope[0])
        if {wb_c, wb_r} & ORIGIN_WORDS and {wb_c, wb_r} & DESTINATION_WORDS:
            return "origin vs destination"
        if any(m.precision and m.precision >= 2 and (m.rule or "").count("dir") for m in in_scope):
            return "relative place"
    if not in_scope:
        return "dateline / article place"
    if sys_loc is None:
        return "statement place" if etype in VERBAL_TYPES else "no location"
    return "wrong scope choice"


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gold", type=Path, default=None)
    ap.add_argument("--only", help="print only errors of this category")
    ap.add_argument("--brief", action="store_true", help="one line per error")
    args = ap.parse_args(argv)
    gold_dir = args.gold or shared_data_dir() / "gold-dev"
    calls: list[Call] = []
    _record_calls(calls)
    pipeline = Pipeline()
    errors: list[Error] = []
    n = ok = 0
    by_rule: dict[str, list[int]] = {}
    for g in load_gold(gold_dir):
        calls.clear()
        try:
            article = pipeline(g.raw)
        except DocumentRejected:
            continue
        text = article.text
        events = article.events
        sys_json = article_json(article)["events"]
        pairs = match_events(sys_json, g.events, typed=True)
        all_places = [m for m in article.mentions if m.kind == "place" and m.field == "text"]
        for i, j in pairs:
            ge, se = g.events[j], sys_json[i]
            if not ge.get("location"):
                continue
            n += 1
            ev = events[i]
            call = next((c for c in calls if c.trigger_at == ev.trigger.start and c.etype == ev.type), None)
            rule_key = f"{call.rule if call else '?'} ({'verbal' if ev.type in VERBAL_TYPES else 'material'})"
            by_rule.setdefault(rule_key, [0, 0])[1] += 1
            if location_ok(se.get("location"), ge["location"]):
                ok += 1
                by_rule[rule_key][0] += 1
                continue
            parts = [(p.start, p.end) for p in (ev.actor + ev.recipient) if p.start is not None]
            cat = categorize(ge["location"], se.get("location"), ev.type, call, all_places, parts, text)
            err = Error(g.id, ge, se.get("location"), call.rule if call else "?", cat)
            err.lines.append(f"  {ev.type} trigger {ev.trigger.text!r} @{ev.trigger.start}")
            err.lines.append(f"  gold:   {ge['location']['text']!r} {ge['location'].get('name_en')} "
                             f"({ge['location'].get('lat')},{ge['location'].get('lon')})")
            sl = se.get("location")
            err.lines.append(f"  system: {sl.get('text')!r} {sl.get('name_en')} ({sl.get('lat')},{sl.get('lon')})"
                             if sl else "  system: none")
            err.lines.append(f"  rule:   {err.rule}")
            if call is not None:
                sc = call.scope
                err.lines.append(f"  clause: {text[sc.clause[0]:sc.clause[1]]!r}")
                if sc.sentence != sc.clause:
                    err.lines.append(f"  sentence text: {text[sc.sentence[0]:sc.sentence[1]]!r}")
                seen: set[int] = set()
                for name, rng in (("clause", sc.clause), ("sentence", sc.sentence), ("paragraph", sc.paragraph)):
                    ms = [m for m in all_places if _inside(m, rng) and m.start not in seen]
                    if ms:
                        err.lines.append(f"  {name}:")
                        for m in ms:
                            seen.add(m.start)
                            err.lines.append(_fmt(m, location_ok(_as_loc(m), ge["location"]), text))
                elsewhere = [m for m in all_places if m.start not in seen and location_ok(_as_loc(m), ge["location"])]
                if elsewhere:
                    err.lines.append("  elsewhere in the article:")
                    err.lines += [_fmt(m, True, text) for m in elsewhere[:3]]
                first = [m for m in all_places if m.lat is not None][:1]
                if first:
                    err.lines.append(f"  first located place: {first[0].text!r} -> {first[0].name_en}")
            errors.append(err)
    shown = [e for e in errors if not args.only or e.category == args.only]
    for e in shown:
        if args.brief:
            sl = e.system or {}
            print(f"{e.doc:14} {e.category:26} gold={e.gold['location']['text']!r} sys={sl.get('text')!r} {e.rule}")
        else:
            print(f"== {e.doc} [{e.category}]")
            print("\n".join(e.lines))
    print(f"\nlocation: {ok}/{n} = {ok / max(1, n):.3f}; {len(errors)} wrong")
    for cat, k in Counter(e.category for e in errors).most_common():
        print(f"  {k:3}  {cat}")
    print("by rule (right/total):")
    for rule, (good, total) in sorted(by_rule.items(), key=lambda kv: -kv[1][1]):
        print(f"  {good:3}/{total:<3} {rule}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
