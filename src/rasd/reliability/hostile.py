"""Run the hostile-input corpus as one batch, a control article after every case, and compare
each document's outcome with the one its case expects."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional, Union

from ..ingest import read_sources
from ..model import Article, DocumentError
from ..pipeline import Pipeline
from ..settings import Settings
from .articles import CONTROL
from .corpus import CASES, HostileCase
from .server import HostileServer

Result = Union[Article, DocumentError]


def trial_settings() -> Settings:
    """Short HTTP timeouts and no backoff: the URL cases take about a second, not a minute."""
    return Settings(http_timeout=0.5, http_retries=1, http_backoff=0.0, http_max_redirects=5)


def outcome_of(result: Result) -> str:
    return "ok" if isinstance(result, Article) else f"error:{result.reason}"


@dataclass
class CaseOutcome:
    case: HostileCase
    outcomes: list[str]
    problem: Optional[str]  # None when the case behaved as expected
    details: list[str] = field(default_factory=list)  # the error messages, for the report

    @property
    def passed(self) -> bool:
        return self.problem is None


@dataclass
class HostileRun:
    cases: list[CaseOutcome]
    controls: int
    controls_intact: int  # control articles that came out exactly as when processed alone

    @property
    def passed(self) -> bool:
        return self.controls == self.controls_intact and all(c.passed for c in self.cases)


def _judge(case: HostileCase, results: list[Result]) -> Optional[str]:
    outcomes = [outcome_of(r) for r in results]
    if tuple(outcomes) != case.expected:
        return f"expected {list(case.expected)}, got {outcomes}"
    for r in results:
        if isinstance(r, DocumentError) and not (r.source and r.detail):
            return f"error without a document name or reason: {r}"
    articles = [r for r in results if isinstance(r, Article)]
    return case.check(articles) if case.check and articles else None


def run_cases(folder: Path, cases: Iterable[HostileCase] = CASES, pipeline: Optional[Pipeline] = None,
              settings: Optional[Settings] = None) -> HostileRun:
    """Build every case under ``folder`` and process them all in ONE batch, a control article
    file after each case; a case's documents are told apart by their source."""
    settings = settings or trial_settings()
    pipeline = pipeline or Pipeline(settings)
    cases = list(cases)
    control_path = folder / "control.txt"
    control_path.write_text(CONTROL, encoding="utf-8")
    expected_control = pipeline(next(d for d in read_sources([str(control_path)], settings)))
    with HostileServer() as server:
        plan: list[tuple[Optional[HostileCase], list[str]]] = []
        for n, case in enumerate(cases):
            case_folder = folder / case.name
            case_folder.mkdir(parents=True, exist_ok=True)
            plan.append((case, case.build(case_folder, server)))
            control = folder / f"control-{n}.txt"
            control.write_text(CONTROL, encoding="utf-8")
            plan.append((None, [str(control)]))
        outcomes, controls, intact = [], 0, 0
        # One reader stream and one pipeline stream over all sources, as `rasd ingest` runs them;
        # the results are attributed back to the sources they came from, in order.
        sources = [s for _, group in plan for s in group]
        stream = pipeline.pipe(read_sources(sources, settings))
        pending: list[Result] = []
        for case, group in plan:
            results = _take_group(stream, group, pending)
            if case is None:
                controls += 1
                intact += int(len(results) == 1 and isinstance(results[0], Article)
                              and _same(results[0], expected_control))
                continue
            outcomes.append(CaseOutcome(case, [outcome_of(r) for r in results], _judge(case, results),
                                        [f"{r.source}: {r.reason} ({r.detail})" for r in results
                                         if isinstance(r, DocumentError)]))
    return HostileRun(outcomes, controls, intact)


def _belongs(result: Result, group: list[str]) -> bool:
    source = result.source or ""
    return any(source == s or source.startswith((s + ":", s + "#")) for s in group)


def _take_group(stream, group: list[str], pending: list[Result]) -> list[Result]:
    """The results of ``group``'s sources: the stream's next items while they belong to it."""
    taken = []
    while True:
        if not pending:
            nxt = next(stream, None)
            if nxt is None:
                return taken
            pending.append(nxt)
        if not _belongs(pending[0], group):
            return taken
        taken.append(pending.pop(0))


def _same(a: Article, b: Article) -> bool:
    return (a.id, a.text, [(m.kind, m.start, m.end, m.entity_id) for m in a.mentions],
            [(e.type, e.trigger.start) for e in a.events]) == (
        b.id, b.text, [(m.kind, m.start, m.end, m.entity_id) for m in b.mentions],
        [(e.type, e.trigger.start) for e in b.events])
