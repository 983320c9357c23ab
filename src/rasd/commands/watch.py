"""``rasd watch``: poll feeds, sitemaps and URL lists; ingest what is new; alert on matches."""
from __future__ import annotations

from typing import Optional

import click

from ..errors import RasdError
from ..store import Store
from ..store.cli_options import db_option
from ..watch import Watcher, load_config


@click.command("watch")
@click.argument("config_file", type=click.Path(exists=True, dir_okay=False))
@db_option
@click.option("--once", is_flag=True, default=False,
              help="Poll every source once, deliver the alerts and exit (for cron and tests).")
def command(config_file: str, db: Optional[str], once: bool) -> None:
    """Watch the sources in CONFIG_FILE (YAML, see docs/watch.md) and notify on saved alerts.

    Each source is polled on its own interval with conditional requests and a politeness delay
    per host; only pages not seen before are fetched and stored. New events matching a saved
    alert go to the console, a JSONL file or a webhook. State lives in the database, so a
    restart sends no alert twice. Stop with Ctrl-C.
    """
    try:
        config = load_config(config_file)
        with Store.open(db or config.database) as store, Watcher(store, config) as watcher:
            if once:
                click.echo(watcher.run_once().format(), err=True)
                return
            click.echo(f"watching {len(config.sources)} source(s) into {store.url}; Ctrl-C to stop", err=True)
            try:
                watcher.run_forever()
            except KeyboardInterrupt:
                click.echo("stopped", err=True)
    except RasdError as e:
        raise click.ClickException(str(e))
