"""``rasd events``: list the top events in the store, or show one with its evidence."""
from __future__ import annotations

import json
from typing import Optional

import click

from ..errors import StoreError
from ..store import EventFilter, Store, StoredEvent
from ..store.cli_options import db_option, filter_options
from ..store.exports import plover_record


def event_line(stored: StoredEvent) -> str:
    e = stored.event
    who = ", ".join(p.name_en or p.text for p in e.actor) or "?"
    whom = ", ".join(p.name_en or p.text for p in e.recipient)
    where = (e.location.name_en or e.location.text) if e.location else ""
    when = e.date.value if e.date else "----------"
    parts = [when, f"{e.type:9}", e.status, who + (f" -> {whom}" if whom else "")]
    if where:
        parts.append(f"@ {where}")
    if e.fatalities:
        parts.append(f"killed {e.fatalities}")
    parts.append(f"[{stored.id}] «{e.trigger.text}»")
    return "  ".join(parts)


@click.group("events")
def command() -> None:
    """Browse the events in the store."""


@command.command("list")
@db_option
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1), help="How many events.")
@click.option("--order", type=click.Choice(["top", "date"]), default="top", show_default=True,
              help="top: most sources, then fatalities, then newest; date: newest first.")
@filter_options
def list_events(db: Optional[str], limit: int, order: str, flt: EventFilter) -> None:
    """List events, one per line: date, type, status, actors, place, id and trigger words."""
    try:
        with Store.open(db) as store:
            total = store.count_events(flt)
            click.echo(f"{total} event(s) in {store.url}")
            for stored in store.events(flt, order=order, limit=limit):
                click.echo(event_line(stored))
    except StoreError as e:
        raise click.ClickException(str(e))


@command.command("show")
@click.argument("event_id")
@db_option
def show_event(event_id: str, db: Optional[str]) -> None:
    """Show one event as a PLOVER JSON record with its evidence spans and provenance."""
    try:
        with Store.open(db) as store:
            stored = store.event(event_id)
    except StoreError as e:
        raise click.ClickException(str(e))
    if stored is None:
        raise click.ClickException(f"no event {event_id!r} in the store (see `rasd events list`)")
    click.echo(json.dumps(plover_record(stored), ensure_ascii=False, indent=2))
