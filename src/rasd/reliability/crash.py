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
    if done.returncode not in (0, 1):
        raise RuntimeError(f"rasd ingest failed ({done.returncode}): {done.stderr[-2000:]}")
    return done


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
    run_ingest(db, sources, batch_size)
    with Store.open(db) as store:
        result.differences = snapshot(store).differences(reference) + integrity_problems(store)
        result.resumed_status = store.runs()[-1]["status"]
    if result.resumed_status != "completed":
        result.differences.append(f"the resumed run ended {result.resumed_status!r}")
    return result


def reference_run(db: str, sources: Sequence[str], batch_size: int = 2) -> tuple[StoreSnapshot, float, float]:
    """A clean ingest (its own process, like the trials): its snapshot, when it first committed
    and how long it took (seconds from the start of the process)."""
    started = time.monotonic()
    process = subprocess.Popen(ingest_command(db, sources, batch_size), env=_env(),
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    first_commit = None
    while process.poll() is None:
        if first_commit is None and os.path.exists(db) and stored_documents(db) > 0:
            first_commit = time.monotonic() - started
        time.sleep(0.2)
    seconds = time.monotonic() - started
    if process.returncode not in (0, 1):
        raise RuntimeError(f"rasd ingest failed ({process.returncode}): {process.stderr.read()[-2000:]}")
    with Store.open(db) as store:
        return snapshot(store), first_commit if first_commit is not None else 0.0, seconds
