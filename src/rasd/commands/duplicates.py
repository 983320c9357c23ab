"""``rasd duplicates``: why events were merged and which articles copy which."""
from __future__ import annotations

from typing import Optional

import click

from ..errors import StoreError
from ..store import Store
from ..store.cli_options import db_option
from ..store.clusters import article_copies, explain_event, largest_clusters


@click.group("duplicates")
def command() -> None:
    """Near-duplicate articles and events merged across articles (see docs/duplicates.md)."""


def _open(db: Optional[str]) -> Store:
    try:
        return Store.open(db)
    except StoreError as e:
        raise click.ClickException(str(e))


@command.command("explain")
@click.argument("event_id")
@db_option
def explain(event_id: str, db: Optional[str]) -> None:
    """Show the cluster of EVENT_ID: every merged report and the rule that merged it."""
    with _open(db) as store:
        found = explain_event(store, event_id)
    if found is None:
        raise click.ClickException(f"no event {event_id!r} in the store (see `rasd events list`)")
    if found.cluster_id is None:
        click.echo(f"event {event_id} is not merged with any other report (1 source)")
    else:
        click.echo(f"cluster {found.cluster_id}: {len(found.reports)} report(s) from {found.n_sources} "
                   f"article(s); head event {found.head_event_id}")
    for r in found.reports:
        copy = f" (copy of {r.canonical_article_id})" if r.canonical_article_id else ""
        click.echo(f"- {r.event_id}  {r.event_date or '----------'}  {r.type}  {r.location or ''}  «{r.trigger}»")
        click.echo(f"    article {r.article_id}{copy}: {r.outlet or '?'}, {r.published or '?'}, {r.article_title or ''}")
        if r.rule == "head":
            click.echo("    head of the cluster" if found.cluster_id else "    stands alone")
        else:
            click.echo(f"    merged by {r.rule} with {r.merged_with}: {r.detail}")


@command.command("article")
@click.argument("article_id")
@db_option
def article(article_id: str, db: Optional[str]) -> None:
    """Show which article ARTICLE_ID copies, and which articles copy it."""
    with _open(db) as store:
        found = article_copies(store, article_id)
    if found is None:
        raise click.ClickException(f"no article {article_id!r} in the store")
    if found.canonical_article_id:
        click.echo(f"{article_id} is a near-duplicate of {found.canonical_article_id} "
                   f"(estimated similarity {found.similarity:.2f})")
    else:
        click.echo(f"{article_id} is canonical; {len(found.copies)} copy(ies)")
    for copy_id, similarity in found.copies:
        click.echo(f"- {copy_id}  similarity {similarity:.2f}")


@command.command("list")
@db_option
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1), help="How many clusters.")
def list_clusters(db: Optional[str], limit: int) -> None:
    """The clusters reported by the most articles: cluster id, head event, events, articles."""
    with _open(db) as store:
        rows = largest_clusters(store, limit)
    for cluster_id, head, n_events, n_articles in rows:
        click.echo(f"{cluster_id}  head {head}  {n_events} event(s)  {n_articles} article(s)")
