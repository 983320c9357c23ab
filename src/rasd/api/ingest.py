"""Posted articles -> RawDocument -> the pipeline -> the store.

Posted JSON objects go through the same record mapping as JSONL corpora (``text`` or ``html``,
``title``, ``id`` ...), raw bodies through the HTML or text reader. A document without its own
id or URL is keyed by a hash of its content, so posting it again changes nothing.
"""
from __future__ import annotations

import threading
from typing import Optional, Union

from ..errors import DocumentRejected
from ..ingest.html import html_document
from ..ingest.jsonl import record_document
from ..ingest.text import text_document
from ..model import Article, DocumentError, RawDocument, content_id
from ..pipeline import Pipeline
from ..settings import DEFAULT_SETTINGS, Settings
from ..store import Store
from ..store.parallel import analyse_document
from .schemas import IngestDocument, IngestFailure, IngestResult


def _source_name(doc: IngestDocument, body: str) -> str:
    return f"api:{doc.url or content_id(doc.title, body)}"


def posted_document(doc: IngestDocument, settings: Settings) -> Union[RawDocument, DocumentError]:
    record = doc.model_dump(exclude_none=True)
    source = _source_name(doc, doc.text or doc.html or "")
    try:
        return record_document(record, source, settings)
    except DocumentRejected as e:
        return DocumentError(source, e.reason, e.detail)


def raw_document(body: bytes, kind: str, meta: IngestDocument, charset: Optional[str],
                 settings: Settings) -> Union[RawDocument, DocumentError]:
    """A raw HTML page or text posted as the request body; ``meta`` fills what it lacks."""
    source = f"api:{meta.url or content_id(meta.title, body.decode('utf-8', 'replace'))}"
    try:
        if kind == "html":
            raw = html_document(body, source, settings, meta.url, charset)
        else:
            raw = text_document(body, source, settings, meta.url, charset)
    except DocumentRejected as e:
        return DocumentError(source, e.reason, e.detail)
    raw.external_id = meta.id or raw.external_id
    raw.title = meta.title or raw.title
    raw.outlet = meta.outlet or raw.outlet
    raw.published = meta.published or raw.published
    raw.author = meta.author or raw.author
    raw.category = meta.category or raw.category
    return raw


class Ingester:
    """Holds one pipeline (built on first use: loading lexicons takes seconds) for every request."""

    def __init__(self, settings: Settings = DEFAULT_SETTINGS):
        self.settings = settings
        self._pipeline: Optional[Pipeline] = None
        self._lock = threading.Lock()

    def analyse(self, docs: list[Union[RawDocument, DocumentError]]) -> list[Union[Article, DocumentError]]:
        with self._lock:  # one request at a time through the pipeline: its stages keep caches
            if self._pipeline is None:
                self._pipeline = Pipeline(self.settings)
            return [d if isinstance(d, DocumentError) else analyse_document(self._pipeline, d) for d in docs]

    def ingest(self, store: Store, docs: list[Union[RawDocument, DocumentError]]) -> IngestResult:
        results = self.analyse(docs)
        articles = [r for r in results if isinstance(r, Article)]
        failures = [IngestFailure(document=r.source, reason=r.reason, detail=r.detail)
                    for r in results if isinstance(r, DocumentError)]
        summary = store.ingest_articles(articles, settings=self.settings)
        return IngestResult(run_id=summary.run_id, read=len(docs), stored=summary.stored, updated=summary.updated,
                            unchanged=summary.unchanged, duplicates=summary.duplicates, events=summary.events,
                            article_ids=[a.id for a in articles], failed=failures)
