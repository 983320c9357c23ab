"""``rasd ingest``: run the pipeline on sources and store the results (idempotent, resumable)."""
from __future__ import annotations

import sys
from typing import Optional

import click

from ..errors import StoreError
from ..store import Store
from ..store.cli_options import db_option
from ..store.ingest import ingest_sources


@click.command("ingest")
@click.argument("sources", nargs=-1, required=True)
@db_option
@click.option("--batch-size", default=100, show_default=True, type=click.IntRange(1),
              help="Documents per transaction; a killed run loses at most the batch in flight.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1),
              help="Local processes computing articles (the main process writes to the store).")
@click.option("--progress/--no-progress", default=None,
              help="Progress bar on stderr (default: only when stderr is a terminal).")
@click.option("--dask", "dask_address", default=None, metavar="ADDRESS",
              help="Run the pipeline on a Dask cluster (scheduler address, or 'local' for --workers local "
                   "processes); workers write Parquet, then the database is bulk-loaded (docs/scale.md).")
@click.option("--staging", default=None, type=click.Path(file_okay=False),
              help="With --dask: folder for the Parquet partitions, reachable by the workers under the same "
                   "path (default: .rasd-dask/<corpus hash>; a rerun reuses finished partitions).")
@click.option("--keep-staging", is_flag=True, default=False,
              help="With --dask: keep the Parquet partitions after a completed run.")
def command(sources: tuple[str, ...], db: Optional[str], batch_size: int, workers: int,
            progress: Optional[bool], dask_address: Optional[str], staging: Optional[str],
            keep_staging: bool) -> None:
    """Analyse SOURCES and store articles, mentions and events in the database.

    SOURCES are anything `rasd extract` reads. Re-running is safe: stored documents are skipped,
    changed ones updated. Failed documents are recorded with their reason; the run goes on.
    Ends with a summary; exit code 1 when some documents failed.
    """
    try:
        with Store.open(db) as store:
            if dask_address:
                from ..distributed import ingest_dask  # imports dask only when asked for
                summary = ingest_dask(store, list(sources), dask_address, batch_size=batch_size, workers=workers,
                                      staging=staging, progress=progress, keep_staging=keep_staging)
            else:
                summary = ingest_sources(store, list(sources), batch_size=batch_size, workers=workers,
                                         progress=progress)
            click.echo(f"database: {store.url}")
            click.echo(summary.format())
    except (StoreError, ValueError) as e:
        raise click.ClickException(str(e))
    if summary.failed_total:
        sys.exit(1)
