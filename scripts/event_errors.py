"""Error analysis of rasd's events on gold-dev, per article and by category.

    .venv/bin/python scripts/event_errors.py [--gold DIR] [--cache FILE] [--refresh] [--only ID]
                                            [--summary] [--participants]

For each article it lists, with the scorer's own matching (ANNOTATION.md section 3):

- MISS   gold events no typed system event matches (type, trigger, evidence), with what the coder did
         with the trigger candidates of that sentence (coded under another type, dropped and why);
- TYPE   type confusions: a gold event matched only when types are ignored (gold type -> system type);
- FP     system events no gold event matches (type, trigger, mention, rules);
- PART   for typed matches, the gold participants the system missed and the ones it added. Each
         missing one is classed as ``unrecognised`` (no body mention of the recognizers equals it),
         ``in-sentence`` (a mention in the event's sentence equals it but was not attached) or
         ``elsewhere`` (recognised only in another sentence).

The summary counts every category, which is where the general causes show. ``--cache FILE`` keeps
the articles as they reach the event coder (pickled), so a change to the coder or the trigger and
cue lexicons is measured in seconds; pass ``--refresh`` after a change to an earlier stage (the
actor, person or place lexicons).
"""
from __future__ import annotations

import argparse
import json
import pickle
import sys
from collections import Counter
from pathlib import Path
from typing import Any, Optional

from rasd.clean import clean_document
from rasd.errors import DocumentRejected
from rasd.evaluate.datasets import load_gold, shared_data_dir
from rasd.evaluate.scoring import entity_matches, match_events, same_entity, score_articles, score_norm
from rasd.events.coder import EventCoder
from rasd.language import check_language
from rasd.model import Article
from rasd.output import article_json
from rasd.pipeline import Pipeline
from rasd.settings import DEFAULT_SETTINGS

Event = dict[str, Any]
PARTICIPANT_KINDS = ("actor", "person", "org")


def prepared(gold_dir: Path, cache: Optional[Path], refresh: bool) -> dict[str, Optional[Article]]:
    """Every gold article as it reaches the event coder; None when the pipeline rejects it."""
    if cache and cache.exists() and not refresh:
        return pickle.loads(cache.read_bytes())
    pipeline = Pipeline()
    before = [s for s in pipeline.stages if not isinstance(s, EventCoder)]
    out: dict[str, Optional[Article]] = {}
    for g in load_gold(gold_dir):
        try:
            a = clean_document(g.raw, pipeline.settings)
            check_language(a, pipeline.settings)
            for stage in before:
                a = stage(a)
        except DocumentRejected:
            a = None
        out[g.id] = a
    if cache:
        cache.write_bytes(pickle.dumps(out))
    return out


def _short(text: str, n: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n] + "…"


def _ent(e: Event) -> str:
    return f"{e.get('text')} ({e.get('name_en')})"


def _sentence_of(article: Article, gold: Event) -> Optional[int]:
    """Index of the sentence holding the gold evidence (or trigger)."""
    norm_text = score_norm
    for key in ("evidence", "trigger"):
        probe = norm_text(gold.get(key, ""))
        if not probe:
            continue
        for i, s in enumerate(article.sentences):
            if probe in norm_text(article.text[s.start:s.end]) or norm_text(article.text[s.start:s.end]) in probe:
                return i
    trig = norm_text(gold.get("trigger", ""))
    for i, s in enumerate(article.sentences):
        if trig and trig in norm_text(article.text[s.start:s.end]):
            return i
    return None


def _mention_entity(m) -> Event:
    return {"text": m.text, "name_en": m.name_en}


def participant_class(article: Article, sent: Optional[int], g: Event) -> str:
    """Why a gold participant is missing: not recognised at all, recognised in the event's sentence
    but not attached, or recognised only elsewhere."""
    found = [m for m in article.mentions if m.field == "text" and m.kind in PARTICIPANT_KINDS
             and same_entity(_mention_entity(m), g)]
    if not found:
        return "unrecognised"
    if sent is not None:
        s = article.sentences[sent]
        if any(s.start <= m.start < s.end for m in found):
            return "in-sentence"
    return "elsewhere"


def analyse(gold_dir: Path, articles: dict[str, Optional[Article]], only: Optional[str], show: bool,
            participants_only: bool) -> Counter:
    coder = EventCoder(DEFAULT_SETTINGS)
    counts: Counter = Counter()
    gold_all: dict[str, list[Event]] = {}
    system_all: dict[str, list[Event]] = {}
    for g in load_gold(gold_dir):
        if only and g.id != only:
            continue
        article = articles.get(g.id)
        if article is None:
            counts["article rejected"] += 1
            continue
        trace = coder.code_article(article)
        article.events = trace.events
        system = article_json(article)["events"]
        gold_all[g.id], system_all[g.id] = g.events, system
        typed = dict((j, i) for i, j in match_events(system, g.events, typed=True))
        loose = dict((j, i) for i, j in match_events(system, g.events, typed=False))
        matched_s = set(typed.values())
        lines: list[str] = []
        for j, ge in enumerate(g.events):
            sent = _sentence_of(article, ge)
            if j in typed:
                se = system[typed[j]]
                s_parts = (se.get("actor") or []) + (se.get("recipient") or [])
                g_parts = (ge.get("actor") or []) + (ge.get("recipient") or [])
                missing = [p for p in g_parts if not any(same_entity(s, p) for s in s_parts)]
                extra = [s for s in s_parts if not any(same_entity(s, p) for p in g_parts)]
                for p in missing:
                    cls = participant_class(article, sent, p)
                    counts[f"participant missing: {cls}"] += 1
                    counts[f"participant missing ({'actor' if p in (ge.get('actor') or []) else 'recipient'}, {cls})"] += 1
                    rules = ",".join(r[6:] for r in se['provenance']['rules'] if r.startswith('roles'))
                    role = "actor" if p in (ge.get("actor") or []) else "recipient"
                    lines.append(f"  PART- {ge['type']} '{ge['trigger']}': {role} {_ent(p)} [{cls}] "
                                 f"sys '{se['trigger']['text']}' {[a['text'] for a in se.get('actor') or []]}->"
                                 f"{[a['text'] for a in se.get('recipient') or []]} {{{rules}}}\n"
                                 f"        | {_short(ge['evidence'], 220)}")
                for s in extra:
                    counts["participant extra"] += 1
                    lines.append(f"  PART+ {ge['type']} '{ge['trigger']}': {_ent(s)} "
                                 f"[{', '.join(r for r in se['provenance']['rules'] if r.startswith('roles'))}]")
                continue
            if participants_only:
                continue
            if j in loose and loose[j] not in matched_s:
                se = system[loose[j]]
                counts[f"type confusion {ge['type']}->{se['type']}"] += 1
                counts["type confusion"] += 1
                lines.append(f"  TYPE  gold {ge['type']} '{ge['trigger']}' -> system {se['type']} "
                             f"'{se['trigger']['text']}' [{se['provenance']['lexicon_entries'][0]}]")
                continue
            counts["missed"] += 1
            counts[f"missed {ge['type']}"] += 1
            cands = [c for c in trace.candidates if sent is not None and c.sentence == sent]
            what = "; ".join(f"{c.text}[{c.type}]{' coded' if c.coded else ': ' + c.reason}" for c in cands)
            if not cands:
                counts["missed: no trigger in its sentence"] += 1
            elif any(c.coded for c in cands):
                counts["missed: sentence coded, not this event"] += 1
            else:
                counts["missed: candidates dropped"] += 1
            lines.append(f"  MISS  {ge['type']} '{ge['trigger']}' | {_short(ge['evidence'])}\n"
                         f"        candidates: {what or '-'}")
        if not participants_only:
            matched_loose = set(loose.values())
            for i, se in enumerate(system):
                if i in matched_s or i in matched_loose:
                    continue
                counts["false positive"] += 1
                counts[f"false positive {se['type']}"] += 1
                title = any(m.get("field") == "title" for m in se.get("mentions") or []) and \
                    all(m.get("field") == "title" for m in se.get("mentions") or [])
                lines.append(f"  FP    {se['type']} '{se['trigger']['text']}' [{se['provenance']['lexicon_entries'][0]}]"
                             f"{' TITLE' if title else ''} {se['status']} | "
                             f"{_short((se.get('mentions') or [{}])[0].get('text', ''))}")
        if show and lines:
            print(f"== {g.id}")
            print("\n".join(lines))
    sc = score_articles(gold_all, system_all)
    print(f"\ntyped P={sc.typed.precision:.3f} R={sc.typed.recall:.3f} F1={sc.typed.f1:.3f} "
          f"(tp={sc.typed.tp} system={sc.typed.system} gold={sc.typed.gold}); participants "
          f"P={sc.participants.precision:.3f} R={sc.participants.recall:.3f} F1={sc.participants.f1:.3f} "
          f"(tp={sc.participants.tp} system={sc.participants.system} gold={sc.participants.gold}); roles {sc.roles:.3f}")
    return counts


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gold", type=Path, default=None, help="gold folder (default: shared gold-dev)")
    ap.add_argument("--cache", type=Path, default=None, help="pickle of the articles before the coder")
    ap.add_argument("--refresh", action="store_true", help="rebuild the cache")
    ap.add_argument("--only", default=None, help="one article id")
    ap.add_argument("--summary", action="store_true", help="only the counts")
    ap.add_argument("--participants", action="store_true", help="only participant errors")
    args = ap.parse_args(argv)
    gold_dir = args.gold or shared_data_dir() / "gold-dev"
    articles = prepared(gold_dir, args.cache, args.refresh)
    counts = analyse(gold_dir, articles, args.only, not args.summary, args.participants)
    print("\n-- categories")
    for k, v in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"{v:5}  {k}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
