"""Click options shared by the store commands (ingest, reprocess, events, export)."""
from __future__ import annotations

import functools

import click

from .query import EventFilter
from .url import DEFAULT_DATABASE, ENV_VARIABLE

db_option = click.option(
    "--db", "db", default=None, metavar="PATH|URL",
    help=f"Database: a SQLite file path or a postgresql:// URL (default: ${ENV_VARIABLE}, else ./{DEFAULT_DATABASE}).")


def filter_options(function):
    """--from/--to/--type/--actor/--place/--admin1/--status/--query, passed on as ``flt``."""
    @click.option("--from", "date_from", default=None, metavar="YYYY-MM-DD", help="Events on or after this date.")
    @click.option("--to", "date_to", default=None, metavar="YYYY-MM-DD", help="Events on or before this date.")
    @click.option("--type", "types", multiple=True, help="PLOVER event type (repeatable), e.g. ASSAULT.")
    @click.option("--actor", default=None, help="Actor or recipient: lexicon id, English or Arabic name.")
    @click.option("--place", default=None, help="Place: P-code, English or Arabic name.")
    @click.option("--admin1", default=None, help="First-level admin unit (governorate), e.g. Al-Hasakeh.")
    @click.option("--status", "statuses", multiple=True,
                  type=click.Choice(["asserted", "future", "hypothetical", "negated", "denied"]),
                  help="Event status (repeatable).")
    @click.option("--one-per-cluster", is_flag=True, default=False,
                  help="One row per happening: only the head event of each cluster of merged reports.")
    @click.option("--query", "text", default=None,
                  help="Text in the supporting sentences; Arabic spelling variants match (normalized).")
    @functools.wraps(function)
    def wrapper(*args, date_from, date_to, types, actor, place, admin1, statuses, text, one_per_cluster, **kwargs):
        flt = EventFilter(date_from=date_from, date_to=date_to, types=tuple(types), actor=actor, place=place,
                          admin1=admin1, statuses=tuple(statuses), text=text, one_per_cluster=one_per_cluster)
        return function(*args, flt=flt, **kwargs)
    return wrapper
