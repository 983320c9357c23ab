"""``rasd reliability report``: hostile inputs, SIGKILL crash trials and concurrency trials."""
from __future__ import annotations

import sys
from typing import Optional

import click


@click.group("reliability")
def command() -> None:
    """Reliability trials: hostile inputs, crashes and concurrency (docs/reliability.md)."""


@command.command("report")
@click.option("--trials", default=9, show_default=True, type=click.IntRange(1),
              help="SIGKILLs per store (in rounds of 3 kills, each round then resumed and compared).")
@click.option("--db", "databases", multiple=True, metavar="URL",
              help="Also try this PostgreSQL server (repeatable), e.g. postgresql://root@127.0.0.1:5432/postgres; "
                   "a database is created there for the trials and dropped. A temporary SQLite file is always tried.")
@click.option("--source", "sources", multiple=True, metavar="PATH",
              help="Documents the crash and concurrency trials ingest (repeatable; default: the bundled sample).")
@click.option("--seed", default=7, show_default=True, help="Random seed for the kill moments.")
@click.option("--no-large", is_flag=True, default=False,
              help="Skip the 50 MB line and the 200,000-line file (70 MB of temporary files).")
def report(trials: int, databases: tuple[str, ...], sources: tuple[str, ...], seed: int, no_large: bool) -> None:
    """Run every reliability trial and print inputs tried, outcomes, crash-safety trials run and
    survived, concurrency trials, and whether anything was lost. Exit code 1 if anything failed."""
    from ..reliability.report import build_report

    result = build_report(trials=trials, databases=databases, sources=list(sources) or None, seed=seed,
                          include_large=not no_large, progress=lambda step: click.echo(f"... {step}", err=True))
    click.echo(result.format())
    if not result.passed:
        sys.exit(1)
