"""``rasd explain FILE``: how rasd coded the events of an article, sentence by sentence."""
from __future__ import annotations

import click

from ..events.coder import CodingTrace, EventCoder
from ..ingest import read_sources
from ..model import Article, DocumentError
from ..pipeline import Pipeline


def _stages_before_coding(pipeline: Pipeline) -> list:
    return [s for s in pipeline.stages if not isinstance(s, EventCoder)]


def explain_article(article: Article, trace: CodingTrace) -> str:
    lines = [f"=== {article.source or article.external_id or article.id}"]
    by_sentence: dict[int, list] = {}
    for c in trace.candidates:
        by_sentence.setdefault(c.sentence, []).append(c)
    events = {e.id: e for e in trace.events}
    for i, sent in enumerate(article.sentences):
        cands = by_sentence.get(i)
        if not cands:
            continue
        lines.append(f"\n[{i}] {sent.text}")
        for m in article.mentions:
            if sent.start <= m.start < sent.end and m.kind in ("actor", "person", "place", "date", "casualty"):
                lines.append(f"    mention  {m.kind:8} {m.text} -> {m.entity_id or m.value or ''}")
        for c in cands:
            if c.coded:
                lines.append(f"    CODED    {c.type:9} '{c.text}' ({c.entry}, {c.pos})")
                e = events.get(c.event_id)
                if e is None:
                    lines.append("             merged into another event (see merges below)")
                    continue
                lines.append(f"             actor={[p.text for p in e.actor]} recipient={[p.text for p in e.recipient]}"
                             f" status={e.status} mode={e.mode}")
                lines.append(f"             place={e.location.text if e.location else None}"
                             f" date={e.date.value if e.date else None} source={e.attributed_to}")
                lines.append(f"             rules: {', '.join(c.rules)}")
                lines.append(f"             note: {e.note_en}")
            else:
                lines.append(f"    dropped  {c.type:9} '{c.text}' ({c.entry}): {c.reason}")
    if trace.merges:
        lines.append("\nmerges:")
        for m in trace.merges:
            lines.append(f"    {m.merged} -> {m.kept or '(dropped)'}: {m.reason}")
    lines.append(f"\n{len(trace.events)} event(s)")
    return "\n".join(lines)


@click.command("explain")
@click.argument("sources", nargs=-1, required=True)
def command(sources: tuple[str, ...]) -> None:
    """Show, sentence by sentence, which triggers, lexicon entries and rules fired for each event
    in SOURCES (files, folders or URLs), and which candidates were dropped and why."""
    pipeline = Pipeline()
    coder = next((s for s in pipeline.stages if isinstance(s, EventCoder)), None) or EventCoder(pipeline.settings)
    pipeline.stages = _stages_before_coding(pipeline)
    for item in pipeline.pipe(read_sources(sources, pipeline.settings)):
        if isinstance(item, DocumentError):
            click.echo(f"error: {item.source}: {item.reason}", err=True)
            continue
        trace = coder.code_article(item)
        item.events = trace.events
        click.echo(explain_article(item, trace))
