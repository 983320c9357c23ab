"""One watcher: poll the configured sources, ingest the pages not seen before, queue alerts for
new events matching saved filters, and deliver the outbox.

Crash safety: a batch of pages, the links it consumed and the alerts its events raise are one
transaction; a source's validators (ETag, Last-Modified) are saved only after its links are
ingested, so a crash re-polls instead of losing items; an alert is marked sent only after its
channel took it, and 'sent' alerts are never sent again (restarts included).
"""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Callable, Optional

from ..errors import DocumentRejected
from ..ingest.html import html_document
from ..model import DocumentError, RawDocument
from ..pipeline import Pipeline
from ..settings import DEFAULT_SETTINGS, Settings
from ..store import Store
from ..store.alerts import SavedAlert, create_alert, list_alerts
from ..store.parallel import analyse_document
from ..store.versions import code_version, lexicon_version
from ..store.writer import BatchWriter, Failed, Processed, document_key, raw_hash, utcnow
from ..progress import RunSummary
from ..store.ingest import summarize_batch
from .config import WatchConfig, WatchSource
from .fetch import FetchFailed, PoliteFetcher
from .links import Link, ListingError, listing
from .matching import queue_alerts
from .notify import make_notifier
from .state import mark_delivery, pending_deliveries, record_link, record_poll, source_state, unseen

log = logging.getLogger(__name__)
BATCH = 20
MAX_NESTED_SITEMAPS = 50


@dataclass
class RoundReport:
    """What one round did."""
    polled: int = 0
    not_modified: int = 0
    source_errors: int = 0
    new_links: int = 0
    stored: int = 0
    failed: int = 0
    alerts_queued: int = 0
    delivered: int = 0
    undelivered: int = 0

    def format(self) -> str:
        return (f"polled {self.polled} source(s) ({self.not_modified} not modified, {self.source_errors} failed); "
                f"{self.new_links} new link(s): {self.stored} stored, {self.failed} failed; "
                f"{self.alerts_queued} alert(s) queued, {self.delivered} delivered, {self.undelivered} pending")


class Watcher:
    def __init__(self, store: Store, config: WatchConfig, settings: Settings = DEFAULT_SETTINGS,
                 pipeline_factory: Optional[Callable[[Settings], Pipeline]] = None,
                 sleep: Callable[[float], None] = time.sleep):
        self.store, self.config, self.settings = store, config, settings
        self.pipeline_factory = pipeline_factory
        self.sleep = sleep
        self.fetcher = PoliteFetcher(settings.user_agent, config.politeness_seconds, config.timeout_seconds,
                                     backoff=config.retry_backoff_seconds, sleep=sleep)
        self.notifiers = {n.name: n for n in (make_notifier(c, config.retry_backoff_seconds)
                                              for c in config.channels)}
        self._pipeline: Optional[Pipeline] = None
        self.ensure_alerts()

    def close(self) -> None:
        self.fetcher.close()

    def __enter__(self) -> "Watcher":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def pipeline(self) -> Pipeline:
        if self._pipeline is None:
            factory = self.pipeline_factory or Pipeline
            self._pipeline = factory(self.settings)
        return self._pipeline

    def ensure_alerts(self) -> None:
        """The alerts of the configuration, saved if no alert of that name exists yet."""
        names = {a.name for a in list_alerts(self.store)}
        for spec in self.config.alerts:
            if spec.name not in names:
                create_alert(self.store, spec.name, spec.filter)

    # ---- a round ------------------------------------------------------------------------

    def due(self, source: WatchSource) -> bool:
        checked = source_state(self.store, source.url).checked_at
        return checked is None or utcnow() - checked >= timedelta(seconds=source.interval)

    def run_once(self, only_due: bool = False) -> RoundReport:
        """Poll every source (or only those whose interval has passed), then deliver alerts."""
        report = RoundReport()
        alerts = list_alerts(self.store)
        for source in self.config.sources:
            if not only_due or self.due(source):
                self._poll(source, source.url, alerts, report, depth=0)
        self.deliver(report)
        return report

    def run_forever(self, stop: Callable[[], bool] = lambda: False) -> None:
        while not stop():
            report = self.run_once(only_due=True)
            if report.polled:
                log.info("watch round: %s", report.format())
            self.sleep(max(1.0, min(s.interval for s in self.config.sources) / 10))

    def _listing_bytes(self, source: WatchSource, url: str, state) -> tuple[Optional[bytes], object]:
        if source.kind == "urls" and not url.startswith(("http://", "https://")):
            return Path(url).read_bytes(), None
        response = self.fetcher.get(url, state.etag, state.last_modified)
        return (None if response.status == 304 else response.body), response

    def _poll(self, source: WatchSource, url: str, alerts: list[SavedAlert], report: RoundReport,
              depth: int) -> None:
        report.polled += 1
        state = source_state(self.store, url)
        try:
            data, response = self._listing_bytes(source, url, state)
            if data is None:
                report.not_modified += 1
                with self.store.begin() as conn:
                    record_poll(conn, url, 304, state.etag, state.last_modified)
                return
            found = listing(source.kind, data, getattr(response, "url", url))
        except (FetchFailed, ListingError, OSError) as e:
            report.source_errors += 1
            log.warning("watch: %s: %s", url, e)
            with self.store.begin() as conn:
                record_poll(conn, url, None, state.etag, state.last_modified, error=str(e))
            return
        by_url = {link.url: link for link in found.links}
        fresh = unseen(self.store, by_url)
        report.new_links += len(fresh)
        for i in range(0, len(fresh), BATCH):
            self._ingest([by_url[u] for u in fresh[i:i + BATCH]], url, alerts, report)
        if depth == 0:
            for nested in found.sitemaps[:MAX_NESTED_SITEMAPS]:
                self._poll(source, nested, alerts, report, depth + 1)
        with self.store.begin() as conn:
            record_poll(conn, url, getattr(response, "status", None), getattr(response, "etag", None),
                        getattr(response, "last_modified", None))

    def _document(self, link: Link) -> RawDocument | DocumentError:
        try:
            response = self.fetcher.get(link.url)
            doc = html_document(response.body, link.url, self.settings, url=response.url,
                                declared_charset_header=response.charset)
        except FetchFailed as e:
            return DocumentError(link.url, "fetch-retry" if e.transient else "http-error", str(e))
        except DocumentRejected as e:
            return DocumentError(e.source, e.reason, e.detail)
        doc.title = doc.title or link.title
        doc.published = doc.published or link.published
        return doc

    def _ingest(self, links: list[Link], source_url: str, alerts: list[SavedAlert], report: RoundReport) -> None:
        run_id = self.store.start_run("watch", {"source": source_url, "links": len(links)}, self.settings)
        summary = RunSummary(run_id=run_id)
        results = []
        for link in links:
            doc = self._document(link)
            result = doc if isinstance(doc, DocumentError) else analyse_document(self.pipeline, doc)
            results.append((link, doc, result))
        has_text_index = self.store.has_text_index  # read now: not from inside the write transaction
        with self.store.begin() as conn:
            writer = BatchWriter(conn, run_id, code_version(), lexicon_version(self.settings))
            new_articles = []
            for link, doc, result in results:
                if isinstance(result, DocumentError):
                    key = None if isinstance(doc, DocumentError) else document_key(doc.source, doc.external_id)
                    writer.write(Failed(key, result))
                    if result.reason != "fetch-retry":  # a server down now may answer next round
                        record_link(conn, link.url, source_url, result.reason, None)
                    report.failed += 1
                    continue
                outcome = writer.write(Processed(document_key(doc.source, doc.external_id), raw_hash(doc), result))
                if outcome in ("stored", "updated"):
                    new_articles.append(result.id)
                    report.stored += 1
                record_link(conn, link.url, source_url, outcome, result.id)
            writer.finish()
            report.alerts_queued += queue_alerts(self.store, conn, alerts, new_articles, list(self.notifiers),
                                                 has_text_index)
        summarize_batch(summary, writer)
        summary.read = len(links)
        self.store.update_run(run_id, summary, "completed")

    # ---- delivery -----------------------------------------------------------------------

    def deliver(self, report: Optional[RoundReport] = None) -> None:
        """Send every pending alert through its channel; failures stay pending for the next round."""
        report = report or RoundReport()
        for delivery in pending_deliveries(self.store):
            notifier = self.notifiers.get(delivery.channel)
            if notifier is None:
                continue  # a channel no longer configured: kept pending, not lost
            error = notifier.send(delivery.payload)
            mark_delivery(self.store, delivery.id, error is None, error)
            if error is None:
                report.delivered += 1
            else:
                report.undelivered += 1
                log.warning("watch: alert %s via %s not delivered: %s", delivery.id, delivery.channel, error)
