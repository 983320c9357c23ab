"""List rasd's false positives and false negatives on the gsr-dev sentence set, by category.

    .venv/bin/python scripts/gsr_errors.py [--type ASSAULT|PROTEST] [--cache FILE] [--show N] [--out FILE]

A sentence is predicted positive for a type exactly as ``rasd eval gsr`` counts: an event of that
type coded with status asserted and not only referred to (``rasd.events.reference``). Each coded
event is listed with its status and, when it is a reference, the frame (``ref=accusation``). For each error the script prints the triggers of that type and what
became of each candidate (coded, or dropped and why), then groups the errors by lexicon entry and
by drop reason, which is where general causes show.

``--cache FILE`` keeps the articles as they reach the event coder (pickled): the stages before it
run once, and later runs only re-run the coder, so a change to the trigger lexicons or to the
gating is measured in seconds. Delete the file (or pass ``--refresh``) when an earlier stage changed.
"""
from __future__ import annotations

import argparse
import json
import pickle
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from rasd.clean import clean_document
from rasd.errors import DocumentRejected
from rasd.evaluate.datasets import GSR_TYPES, load_gsr, shared_data_dir
from rasd.events.coder import EventCoder
from rasd.events.reference import event_reference, reports_event_of_type
from rasd.language import check_language
from rasd.model import Article, RawDocument
from rasd.pipeline import Pipeline
from rasd.settings import DEFAULT_SETTINGS


@dataclass
class Outcome:
    """One labelled sentence and what the coder did with it."""
    id: str
    type: str
    label: str
    text: str
    predicted: bool
    coded: list[str] = field(default_factory=list)  # "trigger [entry] status" of coded events of the type
    dropped: list[str] = field(default_factory=list)  # "trigger [entry]: reason" of dropped candidates

    @property
    def gold(self) -> bool:
        return self.label == "yes"


def prepared_articles(root: Path, cache: Optional[Path], refresh: bool) -> dict[str, Optional[Article]]:
    """Every gsr sentence (both types) as an Article ready for the event coder; None when rejected."""
    if cache and cache.exists() and not refresh:
        return pickle.loads(cache.read_bytes())
    pipeline = Pipeline()
    before_coder = [s for s in pipeline.stages if not isinstance(s, EventCoder)]
    out: dict[str, Optional[Article]] = {}
    for event_type in GSR_TYPES:
        for sent in load_gsr(root / "gsr-dev", event_type):
            key = f"{event_type}:{sent.id}"
            try:
                article = clean_document(RawDocument(source=f"gsr:{sent.id}", text=sent.text), pipeline.settings)
                check_language(article, pipeline.settings)
                for stage in before_coder:
                    article = stage(article)
            except DocumentRejected:
                article = None
            out[key] = article
    if cache:
        cache.write_bytes(pickle.dumps(out))
    return out


def outcomes(root: Path, articles: dict[str, Optional[Article]], types: list[str]) -> list[Outcome]:
    coder = EventCoder(DEFAULT_SETTINGS)
    result = []
    for event_type in types:
        for sent in load_gsr(root / "gsr-dev", event_type):
            if sent.positive is None:
                continue
            article = articles.get(f"{event_type}:{sent.id}")
            o = Outcome(sent.id, event_type, sent.label, sent.text, False)
            if article is not None:
                trace = coder.code_article(article)
                article.events = trace.events
                o.predicted = reports_event_of_type(article, event_type)
                o.coded = [f"{e.trigger.text} [{e.provenance.lexicon_entries[0]}] {_state(article, e)}"
                           for e in trace.events if e.type == event_type]
                o.dropped = [f"{c.text} [{c.entry}]: {c.reason}" for c in trace.candidates
                             if c.type == event_type and not c.coded]
            result.append(o)
    return result


def _state(article: Article, event) -> str:
    """The event's status, then ``ref=FRAME`` when it is only referred to (one word, for the counts)."""
    frame = event_reference(article, event)
    return event.status if frame is None else f"{event.status}/ref={frame}"


def entry_of(line: str) -> str:
    return line.split("[", 1)[1].split("]", 1)[0] if "[" in line else "?"


def report(results: list[Outcome], show: int) -> None:
    for event_type in sorted({o.type for o in results}):
        rows = [o for o in results if o.type == event_type]
        tp = sum(o.predicted and o.gold for o in rows)
        system = sum(o.predicted for o in rows)
        gold = sum(o.gold for o in rows)
        p = tp / system if system else 0.0
        r = tp / gold if gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"== {event_type}: P={p:.3f} R={r:.3f} F1={f:.3f} (tp={tp} system={system} gold={gold})")
        fps = [o for o in rows if o.predicted and not o.gold]
        fns = [o for o in rows if o.gold and not o.predicted]
        print(f"-- false positives: {len(fps)} (easy no {sum(o.label == 'easy no' for o in fps)}, "
              f"difficult no {sum(o.label == 'difficult no' for o in fps)})")
        print("   by coded entry:", Counter(entry_of(c) for o in fps for c in o.coded).most_common(20))
        print("   by status (/ref=frame of a reference):", Counter(c.rsplit(" ", 1)[-1] for o in fps for c in o.coded).most_common())
        print(f"-- false negatives: {len(fns)}")
        reasons = Counter(d.split(": ", 1)[1] if ": " in d else d for o in fns for d in o.dropped)
        print("   drop reasons:", reasons.most_common(15))
        print("   with no trigger of the type:", sum(not o.dropped for o in fns))
        for title, group in (("FP", fps), ("FN", fns)):
            for o in group[:show]:
                print(f"[{title} {o.label}] {o.id}\n   {o.text}")
                for c in o.coded:
                    print(f"   + {c}")
                for d in o.dropped:
                    print(f"   - {d}")


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default=None, help="shared data folder (default: $RASD_SHARED_DATA or ../shared/data)")
    ap.add_argument("--type", choices=GSR_TYPES, action="append", help="only this type (repeatable)")
    ap.add_argument("--cache", type=Path, default=None, help="pickle of the articles before the event coder")
    ap.add_argument("--refresh", action="store_true", help="rebuild the cache")
    ap.add_argument("--show", type=int, default=40, help="errors listed per kind and type")
    ap.add_argument("--out", type=Path, default=None, help="also write every outcome as JSONL")
    args = ap.parse_args(argv)
    root = shared_data_dir(args.data)
    articles = prepared_articles(root, args.cache, args.refresh)
    results = outcomes(root, articles, args.type or list(GSR_TYPES))
    report(results, args.show)
    if args.out:
        with args.out.open("w", encoding="utf-8") as f:
            for o in results:
                f.write(json.dumps({**o.__dict__, "gold": o.gold}, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
