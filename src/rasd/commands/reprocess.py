"""``rasd reprocess``: recompute mentions and events of stored articles with today's code and lexicons."""
from __future__ import annotations

from typing import Optional

import click

from ..errors import StoreError
from ..store import Store
from ..store.cli_options import db_option
from ..store.reprocess import reprocess


@click.command("reprocess")
@db_option
@click.option("--all", "everything", is_flag=True,
              help="Redo every article, not only those analysed by another code or lexicon version.")
@click.option("--batch-size", default=100, show_default=True, type=click.IntRange(1),
              help="Articles per transaction.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1),
              help="Local processes computing articles.")
@click.option("--progress/--no-progress", default=None,
              help="Progress bar on stderr (default: only when stderr is a terminal).")
def command(db: Optional[str], everything: bool, batch_size: int, workers: int, progress: Optional[bool]) -> None:
    """Recompute sentences, mentions and events for stored articles and report what changed.

    Articles are never re-read from their sources: the stored clean text is analysed again.
    """
    try:
        with Store.open(db) as store:
            summary = reprocess(store, everything=everything, batch_size=batch_size, workers=workers,
                                progress=progress)
            click.echo(summary.format())
    except StoreError as e:
        raise click.ClickException(str(e))
