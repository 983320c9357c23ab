"""Reprocess: recompute sentences, mentions and events of stored articles after a lexicon or
code change, and record what changed (per run: articles changed, events and mentions added and
removed).

By default only articles analysed by another code or lexicon version are redone, page by page
in id order, each page one transaction: a killed reprocess resumes where it stopped.
"""
from __future__ import annotations

import time
from collections import Counter
from typing import Callable, Iterator, Optional

from sqlalchemy import select, update

from ..model import Article
from ..pipeline import Pipeline
from ..progress import Progress, RunSummary
from ..settings import DEFAULT_SETTINGS, Settings
from . import schema as t
from .parallel import Analyser, reanalyse_article
from .rows import store_event_id
from .store import Store
from .versions import code_version, lexicon_version
from .dedupe import merge_pending
from .writer import delete_analysis, utcnow, write_analysis

EVENT_FINGERPRINT = ("id", "type", "mode", "status", "trigger_start", "trigger_end", "admin1", "pcode",
                     "event_date", "fatalities", "injuries", "attributed_to")
MENTION_FINGERPRINT = ("kind", "start", "end", "entity_id", "value")


def _event_fingerprints(article: Article) -> set[tuple]:
    out = set()
    for e in article.events:
        loc, date = e.location, e.date
        out.add((store_event_id(article.id, e.id), e.type, e.mode, e.status, e.trigger.start, e.trigger.end,
                 loc.admin1 if loc else None, loc.pcode if loc else None, date.value if date else None,
                 e.fatalities, e.injuries, e.attributed_to))
    return out


def _stored_fingerprints(conn, article_id: str) -> tuple[set[tuple], set[tuple]]:
    events = {tuple(r) for r in conn.execute(select(*[t.events.c[c] for c in EVENT_FINGERPRINT])
                                             .where(t.events.c.article_id == article_id))}
    mentions = {tuple(r) for r in conn.execute(select(*[t.mentions.c[c] for c in MENTION_FINGERPRINT])
                                               .where(t.mentions.c.article_id == article_id))}
    return events, mentions


def reprocess(store: Store, settings: Settings = DEFAULT_SETTINGS, everything: bool = False,
              batch_size: int = 100, workers: int = 1, progress: Optional[bool] = None,
              pipeline_factory: Optional[Callable[[Settings], Pipeline]] = None) -> RunSummary:
    started = time.monotonic()
    run_id = store.start_run("reprocess", {"all": everything, "batch_size": batch_size, "workers": workers},
                             settings)
    versions = (code_version(), lexicon_version(settings))
    summary = RunSummary(run_id=run_id)
    changes: Counter[str] = Counter()
    status = "failed"

    def pages() -> Iterator[list[Article]]:
        after = ""
        while ids := store.article_ids(not everything, settings, after, batch_size):
            after = ids[-1]
            yield [store.article(i, analysis=False) for i in ids]

    bar = Progress(None, "reprocess", enabled=progress)
    try:
        with Analyser(settings, workers, pipeline_factory) as analyser:
            for batch, results in analyser.map_batches(reanalyse_article, pages()):
                with store.begin() as conn:
                    for old, new in zip(batch, results):
                        summary.read += 1
                        if not isinstance(new, Article):
                            summary.failed[new.reason] += 1
                            conn.execute(t.ingest_errors.insert().values(
                                run_id=run_id, document=new.source, reason=new.reason, detail=new.detail,
                                created_at=utcnow()))
                            continue
                        old_events, old_mentions = _stored_fingerprints(conn, old.id)
                        new_events = _event_fingerprints(new)
                        new_mentions = {(m.kind, m.start, m.end, m.entity_id, m.value) for m in new.mentions}
                        changes["events_added"] += len(new_events - old_events)
                        changes["events_removed"] += len(old_events - new_events)
                        changes["mentions_added"] += len(new_mentions - old_mentions)
                        changes["mentions_removed"] += len(old_mentions - new_mentions)
                        changed = old_events != new_events or old_mentions != new_mentions
                        changes["changed"] += changed
                        summary.updated += changed
                        summary.unchanged += not changed
                        summary.events += len(new.events)
                        delete_analysis(conn, [old.id])
                        write_analysis(conn, new, *versions, run_id)
                        conn.execute(update(t.articles).where(t.articles.c.id == old.id).values(
                            code_version=versions[0], lexicon_version=versions[1], run_id=run_id,
                            updated_at=utcnow()))
                    summary.merges += merge_pending(conn, run_id)  # clusters recomputed, not edited
                bar.advance(len(batch))
                summary.extra = {k: changes[k] for k in ("changed", "events_added", "events_removed",
                                                         "mentions_added", "mentions_removed")}
                summary.seconds = time.monotonic() - started
                store.update_run(run_id, summary)
        status = "completed"
    except KeyboardInterrupt:
        status = "interrupted"
        raise
    finally:
        bar.close()
        summary.extra = {k: changes[k] for k in ("changed", "events_added", "events_removed",
                                                 "mentions_added", "mentions_removed")}
        summary.seconds = time.monotonic() - started
        store.update_run(run_id, summary, status)
    return summary
