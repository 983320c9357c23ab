"""Crash safety: ``rasd ingest`` killed with SIGKILL at random moments, repeatedly, then resumed.

A round starts from an empty store, kills ``kills`` runs at random moments (before the first
commit, mid-transaction, between batches), checks the store after every kill (integrity, no
committed document lost), lets a last run finish and compares the store with a clean ingest
of the same sources: nothing lost, nothing doubled.
"""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from typing import Callable, Optional, Sequence

from ..store import Store
from .snapshot import StoreSnapshot, integrity_problems, snapshot

RASD = [sys.executable, "-c", "from rasd.cli import main; main()"]


def ingest_command(db: str, sources: Sequence[str], batch_size: int) -> list[str]:
    return [*RASD, "ingest", "--db", db, "--batch-size", str(batch_size), "--no-progress", *sources]


def _env() -> dict[str, str]:
    src = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    return {**os.environ, "PYTHONPATH": src + os.pathsep + os.environ.get("PYTHONPATH", "")}


def run_ingest(db: str, sources: Sequence[str], batch_size: int) -> subprocess.CompletedProcess:
    """A whole `rasd ingest` run in its own process (exit 0, or 1 when documents failed)."""
    done = subprocess.run(ingest_command(db, sources, batch_size), env=_env(), capture_output=True, text=True)
    # Exit code 1 also means "some documents failed"; a finished run always prints its summary.
    if done.returncode not in (0, 1) or "database:" not in done.stdout:
        raise IngestCrashed(f"rasd ingest ended with {done.returncode}: {done.stderr.strip()[-1500:]}")
    return done


class IngestCrashed(RuntimeError):
    """A run that should have finished did not (a traceback or a store error)."""


def stored_documents(db: str) -> int:
    with Store.open(db) as store:
        return len(snapshot(store).documents)


@dataclass
class Kill:
    after_seconds: float
    documents_before: int
    documents_after: int
    problems: list[str]  # integrity problems or lost documents after the kill

    @property
    def survived(self) -> bool:
        return not self.problems


@dataclass
class CrashRound:
    kills: list[Kill]
    differences: list[str] = field(default_factory=list)  # resumed store vs the clean ingest
    resumed_status: str = ""

    @property
    def survived(self) -> bool:
        return not self.differences and all(k.survived for k in self.kills)


def crash_round(db: str, sources: Sequence[str], reference: StoreSnapshot, kills: int,
                window: tuple[float, float], rng: random.Random, batch_size: int = 2,
                reset: Optional[Callable[[], None]] = None) -> CrashRound:
    """``kills`` SIGKILLed runs on the store at ``db``, then one run to completion, compared with
    ``reference`` (a clean ingest's snapshot). Each kill comes at a random moment of ``window``
    (seconds after start: from just before a clean run's first commit to its end), so most land
    while batches are analysed and written rather than while the process starts."""
    if reset:
        reset()
    result = CrashRound([])
    for _ in range(kills):
        before = stored_documents(db)
        delay = rng.uniform(*window)
        process = subprocess.Popen(ingest_command(db, sources, batch_size), env=_env(),
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        with Store.open(db) as store:
            problems = integrity_problems(store)
            after = len(snapshot(store).documents)
        if after < before:
            problems.append(f"{before - after} committed documents lost")
        result.kills.append(Kill(round(delay, 2), before, after, problems))
    try:
        run_ingest(db, sources, batch_size)
    except IngestCrashed as e:
        result.differences.append(f"the resumed run crashed: {e}")
    with Store.open(db) as store:
        result.differences += snapshot(store).differences(reference) + integrity_problems(store)
        result.resumed_status = store.runs()[-1]["status"]
        left = store.counts()["ingest_claims"]  # the killed runs' claims are taken over, then end
        if left:
            result.differences.append(f"{left} claims left after the resumed run")
    if result.resumed_status != "completed":
        result.differences.append(f"the resumed run ended {result.resumed_status!r}")
    return result


def reference_run(db: str, sources: Sequence[str], batch_size: int = 2) -> tuple[StoreSnapshot, tuple[float, float]]:
    """A clean ingest (its own process, like the trials): its snapshot and its writing window,
    from a second before its first commit to half a second after its last (seconds after start)."""
    started = time.monotonic()
    process = subprocess.Popen(ingest_command(db, sources, batch_size), env=_env(),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    commits: list[float] = []
    stored = 0
    while process.poll() is None:
        now = stored_documents(db) if os.path.exists(db) else 0
        if now != stored:
            stored = now
            commits.append(time.monotonic() - started)
        time.sleep(0.1)
    out, err = process.communicate()
    if process.returncode not in (0, 1) or "database:" not in out:
        raise IngestCrashed(f"rasd ingest ended with {process.returncode}: {err.strip()[-1500:]}")
    end = time.monotonic() - started
    window = (max(0.0, commits[0] - 1.0), commits[-1] + 0.5) if commits else (0.0, end)
    with Store.open(db) as store:
        return snapshot(store), window
