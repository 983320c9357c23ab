"""Progress of long runs (a bar with rate and time left, on stderr) and the end-of-run summary.

The bar draws only on a terminal unless asked (``enabled=True``), so logs and pipes stay clean;
it redraws at most a few times a second. ``RunSummary`` is what every run reports at the end:
articles read, stored, updated, unchanged, duplicates, failed by reason, events, merges.
"""
from __future__ import annotations

import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Optional, TextIO

BAR_WIDTH = 24
REDRAW_SECONDS = 0.2


def _clock(seconds: float) -> str:
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


class Progress:
    """``with Progress(total, label) as bar: bar.advance(n)``; total may be unknown (None)."""

    def __init__(self, total: Optional[int], label: str = "", enabled: Optional[bool] = None,
                 stream: Optional[TextIO] = None, clock=time.monotonic):
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.total = total
        self.label = label
        self.done = 0
        self._clock = clock
        self._start = clock()
        self._last_draw = float("-inf")

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def advance(self, n: int = 1) -> None:
        self.done += n
        now = self._clock()
        if self.enabled and now - self._last_draw >= REDRAW_SECONDS:
            self._last_draw = now
            self._draw(now)

    def line(self, now: Optional[float] = None) -> str:
        """The text of the bar: count, percentage and bar when the total is known, rate, ETA."""
        elapsed = max((self._clock() if now is None else now) - self._start, 1e-9)
        rate = self.done / elapsed
        parts = [self.label] if self.label else []
        if self.total:
            share = min(self.done / self.total, 1.0)
            filled = int(share * BAR_WIDTH)
            parts.append(f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {self.done}/{self.total} {share:4.0%}")
            left = (self.total - self.done) / rate if rate > 0 and self.done < self.total else 0.0
            parts.append(f"{rate:.1f}/s elapsed {_clock(elapsed)} left {_clock(left)}")
        else:
            parts.append(f"{self.done} {rate:.1f}/s elapsed {_clock(elapsed)}")
        return " ".join(parts)

    def _draw(self, now: float) -> None:
        self.stream.write("\r" + self.line(now) + "\x1b[K")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self._draw(self._clock())
            self.stream.write("\n")
            self.stream.flush()


@dataclass
class RunSummary:
    """What a run did. ``read`` counts every document seen, failed ones included."""
    read: int = 0
    stored: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: int = 0
    failed: Counter = field(default_factory=Counter)  # reason -> documents
    events: int = 0
    merges: int = 0
    seconds: float = 0.0
    run_id: Optional[int] = None
    extra: dict = field(default_factory=dict)  # run-specific counts (reprocess: changed ...)

    @property
    def failed_total(self) -> int:
        return sum(self.failed.values())

    def to_dict(self) -> dict:
        return {"read": self.read, "stored": self.stored, "updated": self.updated,
                "unchanged": self.unchanged, "duplicates": self.duplicates,
                "failed": dict(sorted(self.failed.items())), "failed_total": self.failed_total,
                "events": self.events, "merges": self.merges, "seconds": round(self.seconds, 3),
                **self.extra}

    def format(self) -> str:
        rate = self.read / self.seconds if self.seconds > 0 else 0.0
        lines = [f"run {self.run_id}: {self.read} articles read in {self.seconds:.1f}s ({rate:.1f}/s)"
                 if self.run_id is not None else f"{self.read} articles read in {self.seconds:.1f}s",
                 f"  stored     {self.stored}", f"  updated    {self.updated}",
                 f"  unchanged  {self.unchanged}", f"  duplicates {self.duplicates}",
                 f"  failed     {self.failed_total}"]
        lines += [f"    {reason}: {n}" for reason, n in sorted(self.failed.items())]
        lines += [f"  events     {self.events}", f"  merges     {self.merges}"]
        lines += [f"  {key:10} {value}" for key, value in self.extra.items()]
        return "\n".join(lines)
