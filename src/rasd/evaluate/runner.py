"""Run the pipeline over the evaluation sets and score it; compare with the pinned baseline."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from ..errors import DocumentRejected
from ..events.reference import reports_event_of_type
from ..model import Article, RawDocument
from ..output import article_json
from ..pipeline import Pipeline
from .datasets import GSR_TYPES, load_gold, load_gsr
from .scoring import PRF, EventScores, prf_from_labels, score_articles

BASELINE_TOLERANCE = 0.005  # rounding slack; anything lower is a drop


def system_events(article: Article) -> list[dict[str, Any]]:
    return article_json(article)["events"]


def run_gold(pipeline: Pipeline, gold_dir: Path, system_out: Optional[Path] = None) -> EventScores:
    gold = load_gold(gold_dir)
    system: dict[str, list[dict[str, Any]]] = {}
    lines = []
    for g in gold:
        try:
            article = pipeline(g.raw)
        except DocumentRejected:
            continue  # counted as a missing document by the scorer
        system[g.id] = system_events(article)
        lines.append(json.dumps({"id": g.id, "events": system[g.id]}, ensure_ascii=False))
    if system_out:
        system_out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return score_articles({g.id: g.events for g in gold}, system)


def sentence_types(pipeline: Pipeline, text: str, source: str) -> set[str]:
    """The event types rasd says the sentence reports as having taken place: an event of the type
    coded with status asserted and not only referred to (reference.py). Future,
    hypothetical, negated and denied events did not take place; an attack named as the object of an
    investigation, a condemnation, a charge or a trial, or as the starting point of what the
    sentence tells, is told elsewhere. Both are still coded in rasd's output (gold-dev wants them)."""
    try:
        article = pipeline(RawDocument(source=source, text=text))
    except DocumentRejected:
        return set()
    return {t for t in {e.type for e in article.events} if reports_event_of_type(article, t)}


def run_gsr(pipeline: Pipeline, gsr_dir: Path, limit: Optional[int] = None) -> dict[str, PRF]:
    """Sentence detection (ANNOTATION.md section 3): a row is positive when its label is ``yes``,
    ``ambiguous`` rows are left out; rasd predicts positive as ``sentence_types`` says."""
    scores = {}
    for event_type in GSR_TYPES:
        pairs = []
        for n, sent in enumerate(load_gsr(gsr_dir, event_type)):
            if limit is not None and n >= limit:
                break
            if sent.positive is None:
                continue
            predicted = event_type in sentence_types(pipeline, sent.text, f"gsr:{sent.id}")
            pairs.append((predicted, sent.positive))
        scores[event_type] = prf_from_labels(pairs)
    return scores


@dataclass
class Report:
    figures: dict[str, float] = field(default_factory=dict)
    details: list[str] = field(default_factory=list)

    def add_prf(self, name: str, prf: PRF) -> None:
        self.figures[f"{name}_f1"] = round(prf.f1, 4)
        self.details.append(f"{name:24} P={prf.precision:.3f} R={prf.recall:.3f} F1={prf.f1:.3f}"
                            f"  (tp={prf.tp} system={prf.system} gold={prf.gold})")

    def add_share(self, name: str, value: float, n: Optional[int] = None) -> None:
        self.figures[name] = round(value, 4)
        self.details.append(f"{name:24} {value:.3f}" + (f"  (n={n})" if n is not None else ""))


def events_report(sc: EventScores, prefix: str = "gold_dev") -> Report:
    r = Report()
    r.details.append(f"{prefix}: {sc.docs} docs, {sc.typed.gold} gold events, {sc.typed.system} system events"
                     + (f", {sc.missing_docs} docs missing" if sc.missing_docs else ""))
    r.add_prf(f"{prefix}.detect", sc.detect)
    r.add_prf(f"{prefix}.typed", sc.typed)
    r.add_prf(f"{prefix}.participants", sc.participants)
    r.add_share(f"{prefix}.roles", sc.roles, sc.typed.tp)
    r.add_share(f"{prefix}.location", sc.location, sc.location_n)
    r.add_share(f"{prefix}.date", sc.date, sc.date_n)
    r.add_share(f"{prefix}.status", sc.status, sc.typed.tp)
    return r


def gsr_report(scores: dict[str, PRF]) -> Report:
    r = Report()
    for event_type, prf in scores.items():
        r.add_prf(f"gsr_dev.{event_type.lower()}", prf)
    return r


def compare_with_baseline(figures: dict[str, float], baseline_path: Path) -> list[str]:
    """Figures that dropped below the pinned baseline (empty when none did)."""
    baseline = json.loads(baseline_path.read_text(encoding="utf-8"))["figures"]
    drops = []
    for name, pinned in sorted(baseline.items()):
        if name not in figures:
            continue
        if figures[name] < pinned - BASELINE_TOLERANCE:
            drops.append(f"{name}: {figures[name]:.4f} < pinned {pinned:.4f}")
    return drops
