"""Concurrency trials: ingesting while the API serves reads, and two ingesters on one store.

Both end by comparing the store with a clean ingest of the same sources (nothing lost, nothing
doubled). The API runs in this process (its ASGI app driven by a test client in a thread); the
ingesters are separate ``rasd ingest`` processes, as in production.
"""
from __future__ import annotations

import subprocess
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Optional, Sequence

from ..store import Store
from .crash import _env, ingest_command
from .snapshot import StoreSnapshot, integrity_problems, snapshot

READ_PATHS = ("/api/events?limit=50", "/api/articles?limit=50", "/api/stats", "/api/actors", "/api/health")


@dataclass
class ReadsDuringIngest:
    reads: int
    statuses: dict[int, int]  # HTTP status -> count
    article_totals_decreased: int  # times a later read saw fewer articles than an earlier one
    differences: list[str] = field(default_factory=list)

    @property
    def survived(self) -> bool:
        return set(self.statuses) == {200} and not self.article_totals_decreased and not self.differences


def _total(body: dict) -> Optional[int]:
    value = body.get("total") if isinstance(body, dict) else None
    return value if isinstance(value, int) else None


def reads_during_ingest(db: str, sources: Sequence[str], reference: StoreSnapshot, batch_size: int = 2,
                        reset: Optional[Callable[[], None]] = None) -> ReadsDuringIngest:
    """Serve reads from the store while a `rasd ingest` process fills it."""
    from fastapi.testclient import TestClient  # the API extras are only needed for this trial

    from ..api.app import create_app

    if reset:
        reset()
    with Store.open(db):
        pass  # create and migrate before the app and the ingester open it
    app = create_app(db, dashboard=False)
    statuses: Counter[int] = Counter()
    decreased = 0
    with TestClient(app, raise_server_exceptions=False) as client:
        process = subprocess.Popen(ingest_command(db, sources, batch_size), env=_env(),
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        last_total = 0
        while True:
            finished = process.poll() is not None
            for path in READ_PATHS:
                response = client.get(path)
                statuses[response.status_code] += 1
                if path.startswith("/api/articles") and response.status_code == 200:
                    total = _total(response.json())
                    if total is not None:
                        decreased += int(total < last_total)
                        last_total = max(last_total, total)
            if finished:  # one more round of reads after the ingester ended
                break
            time.sleep(0.02)
        stderr = process.stderr.read() if process.stderr else ""
    result = ReadsDuringIngest(sum(statuses.values()), dict(statuses), decreased)
    if process.returncode not in (0, 1):
        result.differences.append(f"rasd ingest ended with {process.returncode}: {stderr[-500:]}")
    with Store.open(db) as store:
        result.differences += snapshot(store).differences(reference) + integrity_problems(store)
    return result


@dataclass
class TwoIngesters:
    exit_codes: list[int]
    stored: list[int]  # documents each run wrote as new
    unchanged: list[int]  # documents each run found stored already (before or after analysing them)
    analysed: list[int] = field(default_factory=list)  # documents each run put through the pipeline
    left_to_other: list[int] = field(default_factory=list)  # documents each run met claimed by the other
    expected_analysed: Optional[int] = None  # what one clean ingest analyses
    differences: list[str] = field(default_factory=list)

    @property
    def overlap(self) -> Optional[int]:
        """Documents analysed by both: with the store equal to a clean ingest (every document
        analysed at least once), the analyses beyond what one clean ingest needs."""
        if self.expected_analysed is None or len(self.analysed) != 2:
            return None
        return sum(self.analysed) - self.expected_analysed

    @property
    def survived(self) -> bool:
        return all(code in (0, 1) for code in self.exit_codes) and not self.differences and not self.overlap


def analysed_by_last_ingest(db: str) -> int:
    """How many documents the last ingest run on ``db`` put through the pipeline."""
    with Store.open(db) as store:
        runs = [r for r in store.runs() if r["kind"] == "ingest"]
    return int((runs[-1]["counts"] or {}).get("analysed", 0))


def two_ingesters(db: str, sources: Sequence[str], reference: StoreSnapshot, batch_size: int = 2,
                  reset: Optional[Callable[[], None]] = None,
                  expected_analysed: Optional[int] = None) -> TwoIngesters:
    """Two `rasd ingest` processes started together on the same store and sources.
    ``expected_analysed``: documents a clean ingest analyses (analysed_by_last_ingest of the
    reference store), to count the documents both analysed."""
    if reset:
        reset()
    with Store.open(db):
        pass
    processes = [subprocess.Popen(ingest_command(db, sources, batch_size), env=_env(),
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [p.communicate() for p in processes]
    # Exit code 1 also means "some documents failed": a run that finished printed its summary.
    codes = [p.returncode if "database:" in out else -1 for p, (out, _) in zip(processes, outputs)]
    errors = [err for _, err in outputs]
    with Store.open(db) as store:
        runs = [r for r in store.runs() if r["kind"] == "ingest"][-2:]
        counts = [r["counts"] or {} for r in runs]
        result = TwoIngesters(codes, [c.get("stored", 0) for c in counts], [c.get("unchanged", 0) for c in counts],
                              [c.get("analysed", 0) for c in counts], [c.get("claimed_elsewhere", 0) for c in counts],
                              expected_analysed)
        result.differences = snapshot(store).differences(reference) + integrity_problems(store)
        left = store.counts()["ingest_claims"]
        if left:
            result.differences.append(f"{left} claims left in the store after both runs ended")
    for code, err in zip(codes, errors):
        if code not in (0, 1):
            result.differences.append(f"an ingester ended with {code}: {_last_error(err)}")
    return result


def _last_error(stderr: str) -> str:
    """The exception line of a traceback (without the SQL parameters that follow it)."""
    lines = [line for line in stderr.strip().splitlines() if line and not line.startswith(" ")]
    errors = [line for line in lines if "Error" in line.split(":", 1)[0] or line.startswith("Error")]
    return (errors[-1] if errors else (lines[-1] if lines else ""))[:300]
