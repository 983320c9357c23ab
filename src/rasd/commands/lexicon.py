"""``rasd lexicon``: check and summarise the lexicons."""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import click

from ..lexicon.lint import lint
from ..lexicon.loader import iter_all, lexicon_version, read_lexicon_file


@click.group("lexicon")
def command() -> None:
    """Check and summarise the lexicons (shipped ones plus your own folders)."""


_extra = click.option("--lexicon-dir", "extra", multiple=True, type=click.Path(exists=True, file_okay=False),
                      help="An extra lexicon folder of your own (same layout as rasd/data/lexicons); repeatable.")


@command.command("lint")
@_extra
def lint_command(extra: tuple[str, ...]) -> None:
    """Report every problem as FILE:LINE: PROBLEM; exit 1 if there is any."""
    problems = lint([Path(d) for d in extra])
    for p in problems:
        click.echo(str(p))
    if problems:
        click.echo(f"{len(problems)} problem(s)", err=True)
        sys.exit(1)
    click.echo("lexicons: no problems")


@command.command("stats")
@_extra
def stats_command(extra: tuple[str, ...]) -> None:
    """Entries and forms per kind and file, and the lexicon version hash."""
    dirs = [Path(d) for d in extra]
    per_kind: Counter[str] = Counter()
    forms: Counter[str] = Counter()
    for kind, path in iter_all(dirs):
        entries = read_lexicon_file(path, kind)
        per_kind[kind] += len(entries)
        forms[kind] += sum(len(e.forms) for e in entries)
        click.echo(f"  {kind:14} {path.name:40} {len(entries):7d} entries")
    for kind in sorted(per_kind):
        click.echo(f"{kind:16} {per_kind[kind]:7d} entries {forms[kind]:8d} forms")
    click.echo(f"lexicon version: {lexicon_version(dirs)}")
