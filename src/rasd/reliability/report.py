"""``rasd reliability report``: run the hostile inputs, the crash rounds and the concurrency trials
on one or more stores and print what was tried and what held."""
from __future__ import annotations

import random
import tempfile
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Optional, Sequence

from ..store import Store
from ..store import schema
from .concurrency import (ReadsDuringIngest, TwoIngesters, analysed_by_last_ingest, reads_during_ingest,
                          two_ingesters)
from .crash import CrashRound, crash_round, reference_run
from .hostile import HostileRun, run_cases
from .trial_corpus import build_trial_corpus

KILLS_PER_ROUND = 3


@dataclass
class StoreTrials:
    db: str  # as shown (password hidden)
    crash_rounds: list[CrashRound] = field(default_factory=list)
    reads: Optional[ReadsDuringIngest] = None
    two: Optional[TwoIngesters] = None

    @property
    def kills(self) -> int:
        return sum(len(r.kills) for r in self.crash_rounds)

    @property
    def kills_survived(self) -> int:
        return sum(k.survived for r in self.crash_rounds for k in r.kills)


@dataclass
class ReliabilityReport:
    hostile: HostileRun
    documents: int  # in the trial corpus (clean ingest)
    stores: list[StoreTrials]
    window: tuple[float, float] = (0.0, 0.0)
    reference_drift: list[str] = field(default_factory=list)  # a clean ingest at the end vs at the start
    seconds: float = 0.0

    @property
    def passed(self) -> bool:
        return self.hostile.passed and all(
            all(r.survived for r in s.crash_rounds) and (s.reads is None or s.reads.survived)
            and (s.two is None or s.two.survived) for s in self.stores)

    def format(self) -> str:
        h = self.hostile
        lines = [f"hostile inputs: {len(h.cases)} cases, {sum(len(c.outcomes) for c in h.cases)} documents, "
                 f"{sum(c.passed for c in h.cases)} as expected; control articles intact {h.controls_intact}/{h.controls}"]
        for c in h.cases:
            counts: dict[str, int] = {}
            for o in c.outcomes:
                counts[o] = counts.get(o, 0) + 1
            shown = ", ".join(f"{o} x{n}" if n > 1 else o for o, n in counts.items())
            lines.append(f"  {'ok  ' if c.passed else 'FAIL'} {c.case.name:20} {shown}"
                         + (f"  <- {c.problem}" if c.problem else ""))
        lines.append(f"trial corpus: {self.documents} documents (a clean ingest is the reference); kills at random "
                     f"moments {self.window[0]:.1f}-{self.window[1]:.1f}s after start (around a clean run's commits)")
        for s in self.stores:
            lost_or_doubled = sum(bool(r.differences) for r in s.crash_rounds)
            lines.append(f"store {s.db}")
            lines.append(f"  crash safety: {s.kills} SIGKILLs in {len(s.crash_rounds)} rounds, "
                         f"{s.kills_survived} left a whole store; {len(s.crash_rounds) - lost_or_doubled}/"
                         f"{len(s.crash_rounds)} resumed stores equal the clean ingest (nothing lost or doubled)")
            for n, r in enumerate(s.crash_rounds, 1):
                kills = ", ".join(f"{k.after_seconds:.1f}s ({k.documents_before}->{k.documents_after} docs)"
                                  for k in r.kills)
                lines.append(f"    round {n}: killed at {kills}; resumed: "
                             + ("same as clean ingest" if not r.differences else "; ".join(r.differences)))
                for k in r.kills:
                    lines += [f"      after {k.after_seconds:.1f}s: {p}" for p in k.problems]
            if s.reads:
                r = s.reads
                lines.append(f"  ingest while serving: {r.reads} API reads, statuses {r.statuses}, "
                             f"article count went down {r.article_totals_decreased} times; store "
                             + ("equals the clean ingest" if not r.differences else "; ".join(r.differences)))
            if s.two:
                t = s.two
                overlap = "?" if t.overlap is None else t.overlap
                lines.append(f"  two ingesters at once: exit codes {t.exit_codes}, analysed {t.analysed} "
                             f"(a clean ingest analyses {t.expected_analysed}; analysed by both: {overlap}), "
                             f"left to the other {t.left_to_other}, stored {t.stored}, found stored {t.unchanged}; "
                             "store " + ("equals the clean ingest" if not t.differences else "; ".join(t.differences)))
        if self.reference_drift:
            lines.append("WARNING: a clean ingest at the end differs from the one at the start ("
                         + "; ".join(self.reference_drift) + "): code or lexicons changed during the trials; "
                         "rerun on a quiet checkout before reading differences as losses")
        lines.append(f"{'PASSED' if self.passed else 'FAILED'}: nothing lost" if self.passed
                     else "FAILED: see the lines above")
        lines.append(f"took {self.seconds:.0f}s")
        return "\n".join(lines)


@contextmanager
def temporary_postgres(server_url: str) -> Iterator[tuple[str, Callable[[], None]]]:
    """A database of our own on ``server_url`` (created, then dropped), and a function that empties it."""
    import psycopg

    admin = psycopg.connect(server_url.replace("postgresql+psycopg", "postgresql"), autocommit=True,
                            connect_timeout=5)
    name = f"rasd_reliability_{uuid.uuid4().hex[:10]}"
    admin.execute(f'CREATE DATABASE "{name}"')
    url = f"{server_url.rsplit('/', 1)[0]}/{name}"

    def reset() -> None:
        with Store.open(url) as store, store.begin() as conn:
            names = ", ".join(t.name for t in schema.metadata.sorted_tables)
            conn.exec_driver_sql(f"TRUNCATE {names} RESTART IDENTITY CASCADE")

    try:
        yield url, reset
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def _sqlite(folder: Path, name: str) -> tuple[str, Callable[[], None]]:
    path = folder / f"{name}.sqlite"

    def reset() -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    return str(path), reset


def store_trials(db: str, shown: str, reset: Callable[[], None], sources: Sequence[str], reference,
                 window: tuple[float, float],
                 trials: int, rng: random.Random, batch_size: int, progress: Callable[[str], None],
                 expected_analysed: Optional[int] = None) -> StoreTrials:
    result = StoreTrials(shown)
    rounds = max(1, -(-trials // KILLS_PER_ROUND))
    for n in range(rounds):
        kills = min(KILLS_PER_ROUND, trials - n * KILLS_PER_ROUND) or 1
        progress(f"{shown}: crash round {n + 1}/{rounds} ({kills} kills)")
        result.crash_rounds.append(crash_round(db, sources, reference, kills, window, rng, batch_size, reset))
    progress(f"{shown}: ingest while the API serves reads")
    result.reads = reads_during_ingest(db, sources, reference, batch_size, reset)
    progress(f"{shown}: two ingesters at once")
    result.two = two_ingesters(db, sources, reference, batch_size, reset, expected_analysed)
    return result


def build_report(trials: int = 9, databases: Sequence[str] = (), sources: Optional[Sequence[str]] = None,
                 seed: int = 7, batch_size: int = 2, include_large: bool = True,
                 progress: Callable[[str], None] = lambda _: None) -> ReliabilityReport:
    """Everything ``rasd reliability report`` prints. ``databases``: the stores to try besides a
    temporary SQLite file — ``postgresql://`` server URLs (a database is created there and dropped)."""
    from .corpus import CASES

    started = time.monotonic()
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="rasd-reliability-") as tmp:
        folder = Path(tmp)
        progress("hostile inputs")
        hostile_dir = folder / "hostile"
        hostile_dir.mkdir()
        hostile = run_cases(hostile_dir, [c for c in CASES if include_large or not c.large])
        corpus = build_trial_corpus(folder / "corpus", sources)
        progress("clean reference ingest")
        reference, window = reference_run(str(folder / "reference.sqlite"), corpus, batch_size)
        analysed = analysed_by_last_ingest(str(folder / "reference.sqlite"))
        stores = []
        db, reset = _sqlite(folder, "trials")
        stores.append(store_trials(db, "sqlite (temporary file, WAL)", reset, corpus, reference, window,
                                   trials, rng, batch_size, progress, analysed))
        for server in databases:
            with temporary_postgres(server) as (url, reset):
                stores.append(store_trials(url, f"postgresql ({server.rsplit('/', 1)[0].split('@')[-1]})", reset,
                                           corpus, reference, window, trials, rng, batch_size, progress, analysed))
        progress("clean reference ingest again (did the code change meanwhile?)")
        drift = reference_run(str(folder / "reference-end.sqlite"), corpus, batch_size)[0].differences(reference)
    return ReliabilityReport(hostile, len(reference.documents) + len(reference.errors), stores, window, drift,
                             time.monotonic() - started)
