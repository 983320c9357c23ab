"""Missed and extra participants of rasd's typed-matched events on gold-dev, with where the missed
one was recognised.

    .venv/bin/python scripts/participant_errors.py [--cache FILE] [--refresh] [--only ID] [--summary]

For each gold event a typed system event matches (the scorer's matching, ANNOTATION.md section 3),
every gold participant the system lacks is listed with its reason:

- ``unrecognised``: no body mention of the recognizers equals it (lexicon gap, generic role);
- ``clause``: a mention equal to it stands in the trigger's clause (a role rule missed it), with
  its side of the trigger (before/after), its governing preposition and its distance in tokens;
- ``sentence``: recognised in the trigger's sentence, another clause;
- ``earlier`` / ``later``: recognised only in an earlier / later sentence (discourse).

and every system participant gold lacks as ``extra``. The summary counts the classes by role, which
is where the general causes show. Reuses event_errors.py's cache of articles before the coder.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any, Optional

sys.path.insert(0, str(Path(__file__).resolve().parent))

from event_errors import PARTICIPANT_KINDS, _mention_entity, _short, _sentence_of, prepared  # noqa: E402
from rasd.evaluate.datasets import load_gold, shared_data_dir  # noqa: E402
from rasd.evaluate.scoring import match_events, same_entity, score_articles  # noqa: E402
from rasd.events.clauses import clause_of, split_clauses  # noqa: E402
from rasd.events.coder import EventCoder  # noqa: E402
from rasd.events.cues import token_range  # noqa: E402
from rasd.events.roles import place_slots  # noqa: E402
from rasd.model import Article  # noqa: E402
from rasd.output import article_json  # noqa: E402
from rasd.settings import DEFAULT_SETTINGS  # noqa: E402

Event = dict[str, Any]


def where(article: Article, sent: Optional[int], trigger: dict, g: Event) -> str:
    """The reason class of a missed gold participant (see the module docstring)."""
    found = [m for m in article.mentions if m.field == "text" and m.kind in PARTICIPANT_KINDS
             and same_entity(_mention_entity(m), g)]
    if not found:
        return "unrecognised"
    if sent is None:
        return "sentence?"
    s = article.sentences[sent]
    here = [m for m in found if s.start <= m.start < s.end]
    if here:
        first, _last = token_range(s, trigger["start"], trigger["end"])
        if first is not None:
            clause = clause_of(split_clauses(s), first)
            for slot in place_slots(s, article.text, here):
                if clause.first <= slot.first <= clause.last:
                    side = "before" if slot.first < first else "after"
                    return f"clause {side} prep={slot.preposition or '-'} d={abs(slot.first - first)}"
        return "sentence"
    return "earlier" if any(m.start < s.start for m in found) else "later"


def analyse(gold_dir: Path, articles: dict, only: Optional[str], show: bool) -> Counter:
    coder = EventCoder(DEFAULT_SETTINGS)
    counts: Counter = Counter()
    gold_all, system_all = {}, {}
    for g in load_gold(gold_dir):
        if only and g.id != only:
            continue
        article = articles.get(g.id)
        if article is None:
            continue
        article.events = coder.code_article(article).events
        system = article_json(article)["events"]
        gold_all[g.id], system_all[g.id] = g.events, system
        lines = []
        for i, j in match_events(system, g.events, typed=True):
            se, ge = system[i], g.events[j]
            s_parts = (se.get("actor") or []) + (se.get("recipient") or [])
            rules = ",".join(r[6:] for r in se["provenance"]["rules"] if r.startswith("roles"))
            head = (f"  {ge['type']} '{ge['trigger']}' sys '{se['trigger']['text']}' "
                    f"{[a['text'] for a in se.get('actor') or []]}->{[a['text'] for a in se.get('recipient') or []]}"
                    f" {{{rules}}}")
            out = []
            sent = _sentence_of(article, ge)
            for role in ("actor", "recipient"):
                for p in ge.get(role) or []:
                    if any(same_entity(s, p) for s in s_parts):
                        continue
                    cls = where(article, sent, se["trigger"], p)
                    counts[f"missed {cls.split(' prep')[0]}"] += 1
                    counts[f"missed {role} {cls.split(' d=')[0]}"] += 1
                    out.append(f"    - {role} {p['text']} ({p.get('name_en')}) [{cls}]")
            g_parts = (ge.get("actor") or []) + (ge.get("recipient") or [])
            for s in s_parts:
                if not any(same_entity(s, p) for p in g_parts):
                    counts["extra"] += 1
                    out.append(f"    + {s['text']} ({s.get('name_en')})")
            if out:
                lines.append(head + "\n" + "\n".join(out) + f"\n      | {_short(ge['evidence'], 200)}")
        if show and lines:
            print(f"== {g.id}\n" + "\n".join(lines))
    sc = score_articles(gold_all, system_all)
    print(f"\ntyped F1={sc.typed.f1:.3f} (tp={sc.typed.tp}); participants P={sc.participants.precision:.3f} "
          f"R={sc.participants.recall:.3f} F1={sc.participants.f1:.3f} (tp={sc.participants.tp} "
          f"system={sc.participants.system} gold={sc.participants.gold}); roles {sc.roles:.3f}")
    return counts


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gold", type=Path, default=None)
    ap.add_argument("--cache", type=Path, default=None, help="pickle of the articles before the coder")
    ap.add_argument("--refresh", action="store_true", help="rebuild the cache")
    ap.add_argument("--only", default=None)
    ap.add_argument("--summary", action="store_true")
    args = ap.parse_args(argv)
    gold_dir = args.gold or shared_data_dir() / "gold-dev"
    counts = analyse(gold_dir, prepared(gold_dir, args.cache, args.refresh), args.only, not args.summary)
    print("\n-- classes")
    for k, v in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"{v:5}  {k}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
