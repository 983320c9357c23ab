"""``rasd extract``: run the pipeline on files, folders or URLs and print the articles."""
from __future__ import annotations

import sys

import click

from ..ingest import read_sources
from ..model import DocumentError
from ..output import article_json, dumps, error_json, write_text
from ..pipeline import Pipeline


@click.command("extract")
@click.argument("sources", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "text"]), default=None,
              help="Output format; default: jsonl for JSONL input, else text.")
def command(sources: tuple[str, ...], fmt: str | None) -> None:
    """Extract clean articles (and what rasd finds in them) from SOURCES.

    SOURCES are text, HTML, JSONL or WARC files, folders, feeds or http(s) URLs.
    Exit code 1 when some documents failed; each failure is reported on stderr.
    """
    if fmt is None:
        fmt = "jsonl" if all(s.endswith(".jsonl") for s in sources) else "text"
    pipeline = Pipeline()
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
