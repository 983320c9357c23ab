"""Claims on work in progress, so that two ingesters on one store never analyse a document twice.

Before a batch goes to the pipeline, the ingester claims its documents (key + raw hash) in one
short transaction (SQLite: ``BEGIN IMMEDIATE``; PostgreSQL: under an advisory lock), skipping
those stored already, those another live ingester holds (deferred: looked at again at the end
of the run) and those another ingester failed since this run started. The claims are deleted in
the transaction that writes their batch, so a claim lives exactly as long as the work it
guards. A claim whose owner is gone is stale and taken over: its lease expired (a SIGKILLed
process on another host), its process no longer exists on this host, or its run is no longer
``running``. Every claim or write transaction of a run renews the leases of its open claims.
"""
from __future__ import annotations

import os
import socket
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Iterable, Optional

from sqlalchemy import Connection, delete, or_, select, update

from . import schema as t
from .dedupe import in_chunks
from .writer import known_documents, utcnow

LEASE_SECONDS = float(os.environ.get("RASD_CLAIM_LEASE", "600"))
CLAIM_LOCK = 4242012  # PostgreSQL advisory lock of claim transactions (writes use 4242011)


@dataclass(frozen=True)
class Wanted:
    """A document the run would analyse: its key, raw hash and source."""
    key: str
    raw_hash: str
    source: Optional[str]


@dataclass
class Held:
    """A document another ingester holds: who, to know later whether it is done."""
    wanted: Wanted
    owner_run: int


@dataclass
class ClaimResult:
    mine: list[Wanted] = field(default_factory=list)  # claimed: analyse them
    stored: list[Wanted] = field(default_factory=list)  # stored already with this raw hash
    failed_elsewhere: list[Wanted] = field(default_factory=list)  # another run failed them since we started
    held: list[Held] = field(default_factory=list)  # another live ingester is on them


@dataclass
class Settled:
    stored: list[Wanted] = field(default_factory=list)  # the owner stored them
    failed: list[Wanted] = field(default_factory=list)  # the owner recorded their error
    waiting: list[Held] = field(default_factory=list)  # still held by a live owner
    orphaned: list[Wanted] = field(default_factory=list)  # owner gone, nothing stored: ours to do


def process_alive(pid: int) -> bool:
    """Whether a process with this id runs on this host (one we may not signal counts as running)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class Claims:
    """The claims of one ingest run."""

    def __init__(self, engine, run_id: int, started_at: datetime, lease_seconds: float = LEASE_SECONDS):
        self.engine = engine
        self.run_id = run_id
        self.started_at = started_at
        self.lease = timedelta(seconds=lease_seconds)
        self.host = socket.gethostname()
        self.pid = os.getpid()

    # ---- claiming -------------------------------------------------------------------------

    def claim(self, wanted: list[Wanted]) -> ClaimResult:
        """Claim what nobody stored, failed or holds; one short transaction."""
        result = ClaimResult()
        if not wanted:
            return result
        with self.engine.connect() as conn:  # most re-ingested documents: no write lock needed
            known = known_documents(conn, [w.key for w in wanted])
        result.stored = [w for w in wanted if known.get(w.key) == w.raw_hash]
        rest = [w for w in wanted if known.get(w.key) != w.raw_hash]
        if not rest:
            return result
        with self.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({CLAIM_LOCK})")
            known = known_documents(conn, [w.key for w in rest])  # again, under the lock
            result.stored += [w for w in rest if known.get(w.key) == w.raw_hash]
            rest = [w for w in rest if known.get(w.key) != w.raw_hash]
            failed = self._failed_elsewhere(conn, [w.source for w in rest if w.source])
            result.failed_elsewhere = [w for w in rest if w.source in failed]
            rest = [w for w in rest if w.source not in failed]
            claims = self._claims(conn, [w.key for w in rest])
            stale = self._stale(conn, claims.values())
            now = utcnow()
            fresh, taken = [], []
            for w in rest:
                claim = claims.get(w.key)
                if claim is None:
                    fresh.append(w)
                elif claim.run_id == self.run_id or claim.key in stale:
                    taken.append(w)
                else:
                    result.held.append(Held(w, claim.run_id))
            seen: set[str] = set()
            rows = []
            for w in fresh:  # a key twice in one batch: one claim
                if w.key not in seen:
                    seen.add(w.key)
                    rows.append(self._row(w, now))
            if rows:
                conn.execute(t.ingest_claims.insert(), rows)
            for w in taken:
                conn.execute(update(t.ingest_claims).where(t.ingest_claims.c.key == w.key).values(
                    **{k: v for k, v in self._row(w, now).items() if k != "key"}))
            result.mine = fresh + taken
            self.renew(conn, now)
        return result

    def _row(self, w: Wanted, now: datetime) -> dict:
        return {"key": w.key, "raw_hash": w.raw_hash, "source": w.source, "run_id": self.run_id,
                "host": self.host, "pid": self.pid, "claimed_at": now, "expires_at": now + self.lease}

    def _failed_elsewhere(self, conn: Connection, sources: list[str]) -> set[str]:
        """Sources another run recorded an error for since this run started, or that an ingester
        still at work beside this one failed (even before this run started: two ingesters
        started together, the second one late, must not analyse again what the first one failed).
        An error of an earlier run that has ended is retried: that is what a new run is for."""
        e = t.ingest_errors
        recent = e.c.created_at >= self.started_at
        live = self._live_runs(conn)
        when = or_(recent, e.c.run_id.in_(live)) if live else recent
        found: set[str] = set()
        for chunk in in_chunks(sorted(set(sources))):
            found.update(conn.execute(select(e.c.document).where(
                e.c.document.in_(chunk), e.c.run_id != self.run_id, when)).scalars())
        return found

    def _live_runs(self, conn: Connection) -> list[int]:
        """Other ingest runs still running whose process is alive (on another host: not known dead)."""
        r = t.runs
        rows = conn.execute(select(r.c.id, r.c.host, r.c.pid).where(
            r.c.kind == "ingest", r.c.status == "running", r.c.id != self.run_id)).all()
        return [run_id for run_id, host, pid in rows
                if host != self.host or not pid or process_alive(pid)]

    @staticmethod
    def _claims(conn: Connection, keys: list[str]) -> dict:
        c = t.ingest_claims
        found = {}
        for chunk in in_chunks(sorted(set(keys))):
            for row in conn.execute(select(c).where(c.c.key.in_(chunk))):
                found[row.key] = row
        return found

    def _stale(self, conn: Connection, claims: Iterable) -> set[str]:
        """Keys of claims whose owner is gone: lease expired, process dead here, run not running."""
        claims = [c for c in claims if c.run_id != self.run_id]
        if not claims:
            return set()
        now = utcnow()
        owners = sorted({c.run_id for c in claims})
        running = set(conn.execute(select(t.runs.c.id).where(
            t.runs.c.id.in_(owners), t.runs.c.status == "running")).scalars())
        return {c.key for c in claims
                if c.expires_at < now or c.run_id not in running
                or (c.host == self.host and c.pid and not process_alive(c.pid))}

    # ---- releasing ------------------------------------------------------------------------

    def renew(self, conn: Connection, now: Optional[datetime] = None) -> None:
        """Push the lease of every open claim of this run (it is alive and working)."""
        now = now or utcnow()
        conn.execute(update(t.ingest_claims).where(t.ingest_claims.c.run_id == self.run_id)
                     .values(expires_at=now + self.lease))

    def release(self, conn: Connection, keys: Iterable[str]) -> None:
        """In the transaction that writes these documents: their claims end with it."""
        c = t.ingest_claims
        for chunk in in_chunks(sorted(set(keys))):
            conn.execute(delete(c).where(c.c.run_id == self.run_id, c.c.key.in_(chunk)))
        self.renew(conn)

    def release_all(self) -> None:
        """At the end of the run (or when it stops): nothing of ours stays claimed."""
        with self.engine.begin() as conn:
            conn.execute(delete(t.ingest_claims).where(t.ingest_claims.c.run_id == self.run_id))

    # ---- documents others held ------------------------------------------------------------

    def settle(self, held: list[Held]) -> Settled:
        """Where the documents others held stand now."""
        out = Settled()
        if not held:
            return out
        with self.engine.connect() as conn:
            known = known_documents(conn, [h.wanted.key for h in held])
            e = t.ingest_errors
            errors: set[tuple[str, int]] = set()
            for chunk in in_chunks(sorted({h.wanted.source for h in held if h.wanted.source})):
                errors.update((d, r) for d, r in conn.execute(select(e.c.document, e.c.run_id)
                                                              .where(e.c.document.in_(chunk))))
            claims = self._claims(conn, [h.wanted.key for h in held])
            stale = self._stale(conn, claims.values())
        for h in held:
            w = h.wanted
            claim = claims.get(w.key)
            if known.get(w.key) == w.raw_hash:
                out.stored.append(w)
            elif (w.source, h.owner_run) in errors:
                out.failed.append(w)
            elif claim is not None and claim.key not in stale and claim.run_id != self.run_id:
                out.waiting.append(Held(w, claim.run_id))
            else:
                out.orphaned.append(w)
        return out
