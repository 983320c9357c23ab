"""``rasd extract``: run the pipeline on files, folders or URLs and print the articles."""
from __future__ import annotations

import sys

import click

from ..ingest import read_sources
from ..ingest.sniff import KINDS
from ..model import DocumentError
from ..output import article_json, dumps, error_json, write_text
from ..pipeline import Pipeline
from ..settings import Settings


@click.command("extract")
@click.argument("sources", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "text"]), default=None,
              help="Output format; default: jsonl for JSONL input, else text.")
@click.option("--input-format", type=click.Choice(KINDS), default=None,
              help="Read every file with this reader instead of detecting it from name and content.")
@click.option("--field", "fields", multiple=True, metavar="NAME=KEY[,KEY...]",
              help="JSONL: read article field NAME (text, title, id, published, outlet, url, author, "
                   "category, html) from these record keys, e.g. --field text=body. Repeatable.")
@click.option("--timeout", type=float, default=None,
              help="Seconds to wait for an HTTP answer before retrying (default 20).")
@click.option("--retries", type=int, default=None,
              help="HTTP retries after the first attempt, on timeouts, connection errors, 429 and 5xx (default 3).")
def command(sources: tuple[str, ...], fmt: str | None, input_format: str | None, fields: tuple[str, ...],
            timeout: float | None, retries: int | None) -> None:
    """Extract clean articles (and what rasd finds in them) from SOURCES.

    SOURCES are text, HTML, JSONL or WARC files, folders, feeds or http(s) URLs.
    Exit code 1 when some documents failed; each failure is reported on stderr.
    """
    if fmt is None:
        fmt = "jsonl" if all(s.endswith(".jsonl") for s in sources) else "text"
    settings = Settings(input_format=input_format)
    if timeout is not None:
        settings.http_timeout = timeout
    if retries is not None:
        settings.http_retries = retries
    for spec in fields:
        name, sep, keys = spec.partition("=")
        if not sep or name not in settings.jsonl_fields or not keys.strip():
            raise click.BadParameter(f"{spec!r}: expected NAME=KEY with NAME one of "
                                     f"{', '.join(settings.jsonl_fields)}", param_hint="--field")
        settings.jsonl_fields[name] = tuple(k.strip() for k in keys.split(",") if k.strip())
    pipeline = Pipeline(settings)
    failed = 0
    collected = []
    for item in pipeline.pipe(read_sources(sources, pipeline.settings)):
        if isinstance(item, DocumentError):
            failed += 1
            click.echo(f"error: {item.source}: {item.reason}" + (f": {item.detail}" if item.detail else ""), err=True)
            if fmt == "jsonl":
                click.echo(dumps(error_json(item)))
            continue
        if fmt == "jsonl":
            click.echo(dumps(article_json(item)))
        elif fmt == "json":
            collected.append(article_json(item))
        else:
            write_text(item, sys.stdout)
    if fmt == "json":
        click.echo(dumps(collected, pretty=True))
    if failed:
        click.echo(f"{failed} document(s) failed", err=True)
        sys.exit(1)
