"""Request and response bodies of the API (pydantic), converted from the store's dataclasses.

The model's own dataclasses (Participant, Location, EventDate, Span) are used as they are, so
the JSON an API client sees has the same field names as the Python API and the exports.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

from ..model import EventDate, Location, Participant, Span
from ..store import StoredEvent
from .queries import (ActorItem, ActorPair, ArticleListItem, DayCount, Highlight, KeyCount, PlaceItem,
                      Source)

Status = Literal["asserted", "future", "hypothetical", "negated", "denied"]
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"


class EventSummary(BaseModel):
    id: str
    article_id: str
    type: str
    mode: Optional[str]
    status: str
    date: Optional[EventDate]
    location: Optional[Location]
    actors: list[Participant]
    recipients: list[Participant]
    trigger: Span
    fatalities: Optional[int]
    injuries: Optional[int]
    attributed_to: Optional[str]
    note_en: str
    n_sources: int
    article_title: Optional[str]
    outlet: Optional[str]
    published: Optional[str]

    @classmethod
    def of(cls, stored: StoredEvent) -> "EventSummary":
        e = stored.event
        return cls(id=stored.id, article_id=stored.article_id, type=e.type, mode=e.mode, status=e.status,
                   date=e.date, location=e.location, actors=e.actor, recipients=e.recipient, trigger=e.trigger,
                   fatalities=e.fatalities, injuries=e.injuries, attributed_to=e.attributed_to,
                   note_en=e.note_en, n_sources=stored.n_sources, article_title=stored.article_title,
                   outlet=stored.outlet, published=stored.published)


class EventSpan(BaseModel):
    """A span supporting an event, in the article it comes from."""
    article_id: str
    kind: str  # trigger | support
    start: int
    end: int
    text: str
    field: str


class EventDetail(EventSummary):
    mentions: list[EventSpan]
    sources: list[Source]
    acled: dict[str, Any]
    quad_code: Optional[int]
    event_scale: Optional[str]
    provenance: dict[str, Any]
    cluster_id: Optional[str]
    code_version: str
    lexicon_version: str


class EventPageOut(BaseModel):
    total: int = Field(description="Events matching, counted up to the server's cap (see total_exact).")
    total_exact: bool = Field(description="False when more than `total` events match.")
    limit: int
    offset: int
    items: list[EventSummary]


class ArticlePageOut(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[ArticleListItem]


class ArticleDetail(BaseModel):
    id: str
    title: Optional[str]
    text: str
    source: Optional[str]
    external_id: Optional[str]
    outlet: Optional[str]
    correspondent: Optional[str]
    published: Optional[str]
    category: Optional[str]
    language: Optional[str]
    warnings: list[str]
    highlights: list[Highlight] = Field(description="Spans [start, end) into `text` (or `title` when field is title).")
    events: list[EventSummary]


class ActorPageOut(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[ActorItem]


class PlacePageOut(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[PlaceItem]


class StatisticsOut(BaseModel):
    total: int
    by_day: list[DayCount]
    by_type: list[KeyCount]
    by_admin1: list[KeyCount]
    actor_pairs: list[ActorPair]


class AlertFilter(BaseModel):
    """The saved filter: the same fields as the event filters of /api/events."""
    model_config = ConfigDict(extra="forbid")
    date_from: Optional[str] = Field(None, pattern=DATE_PATTERN)
    date_to: Optional[str] = Field(None, pattern=DATE_PATTERN)
    types: list[str] = Field(default_factory=list, max_length=50)
    actor: Optional[str] = Field(None, min_length=1, max_length=200)
    place: Optional[str] = Field(None, min_length=1, max_length=200)
    admin1: Optional[str] = Field(None, min_length=1, max_length=200)
    statuses: list[Status] = Field(default_factory=list, max_length=5)
    text: Optional[str] = Field(None, min_length=1, max_length=200)
    actors: list[str] = Field(default_factory=list, max_length=10,
                              description="Every one of these takes part (e.g. the SDF and Russia).")
    one_per_cluster: bool = False


class AlertIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=200)
    filter: AlertFilter


class AlertOut(BaseModel):
    id: int
    name: str
    filter: AlertFilter
    created_at: datetime


class IngestDocument(BaseModel):
    """One posted article: ``text`` (plain, possibly scraped) or ``html`` (a whole page)."""
    # Unknown fields are refused: a malformed batch ({"articles": [{"text": 5}]}) must not be read
    # as one empty article and stored as a failed run (tests/reliability/test_api_abuse.py).
    model_config = ConfigDict(extra="forbid")
    id: Optional[str] = Field(None, max_length=500, description="Your id; re-posting it updates the article.")
    title: Optional[str] = None
    text: Optional[str] = None
    html: Optional[str] = None
    url: Optional[str] = Field(None, max_length=2000)
    published: Optional[str] = Field(None, max_length=40)
    outlet: Optional[str] = Field(None, max_length=500)
    author: Optional[str] = Field(None, max_length=500)
    category: Optional[str] = Field(None, max_length=500)


class IngestBatch(BaseModel):
    articles: list[IngestDocument] = Field(min_length=1)


class IngestFailure(BaseModel):
    document: str
    reason: str
    detail: str


class IngestResult(BaseModel):
    run_id: Optional[int]
    read: int
    stored: int
    updated: int
    unchanged: int
    duplicates: int
    events: int
    article_ids: list[str]
    failed: list[IngestFailure]


class Health(BaseModel):
    status: Literal["ok"]
    database: str
    schema_revision: Optional[str]
    articles: int
    events: int
    read_only: bool
    writes_enabled: bool
    version: str


class ErrorOut(BaseModel):
    error: str
    detail: Any = None
