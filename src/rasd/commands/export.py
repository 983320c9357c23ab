"""``rasd export``: stored events as ACLED-layout CSV, PLOVER JSONL, GeoJSON or Parquet."""
from __future__ import annotations

from typing import Optional

import click

from ..errors import StoreError
from ..store import EventFilter, Store
from ..store.cli_options import db_option, filter_options
from ..store.exports import FORMATS, export_events


@click.command("export")
@db_option
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="csv", show_default=True,
              help="csv: ACLED's columns; jsonl: PLOVER records; geojson: points; parquet: typed columns.")
@click.option("-o", "--output", default=None, type=click.Path(dir_okay=False),
              help="Output file (default: stdout; required for parquet).")
@filter_options
def command(db: Optional[str], fmt: str, output: Optional[str], flt: EventFilter) -> None:
    """Export stored events, newest first, optionally filtered."""
    if fmt == "parquet" and not output:
        raise click.UsageError("--format parquet needs --output FILE")
    try:
        with Store.open(db) as store:
            n = export_events(store, fmt, output, flt)
    except StoreError as e:
        raise click.ClickException(str(e))
    click.echo(f"{n} event(s) exported", err=True)
