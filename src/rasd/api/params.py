"""Request parameters shared by several routers: the event filters, paging, the app's handles."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal, Optional

from fastapi import Depends, HTTPException, Query, Request

from ..store import EventFilter, Store
from .queries import SORTS, BoundingBox, EventQuery
from .schemas import DATE_PATTERN, Status
from .settings import DEFAULT_API_SETTINGS, ApiSettings

Text = Annotated[Optional[str], Query(min_length=1, max_length=200)]
Sort = Literal["-date", "date", "-sources", "-fatalities"]
assert set(Sort.__args__) == set(SORTS)


def reader(request: Request) -> Store:
    return request.app.state.database.reader


def writer(request: Request) -> Store:
    return request.app.state.database.writer


def api_settings(request: Request) -> ApiSettings:
    return request.app.state.settings


def event_query(
    date_from: Annotated[Optional[str], Query(pattern=DATE_PATTERN, description="Events on or after (YYYY-MM-DD).")] = None,
    date_to: Annotated[Optional[str], Query(pattern=DATE_PATTERN, description="Events on or before (YYYY-MM-DD).")] = None,
    type: Annotated[list[str], Query(max_length=50, description="PLOVER event type, repeatable (ASSAULT, PROTEST ...).")] = [],
    mode: Annotated[list[str], Query(max_length=50, description="PLOVER mode, repeatable (e.g. aerial).")] = [],
    status: Annotated[list[Status], Query(description="Event status, repeatable.")] = [],
    actor: Annotated[Text, Query(description="Actor or recipient: lexicon id, English or Arabic name.")] = None,
    place: Annotated[Text, Query(description="Place: P-code, English or Arabic name.")] = None,
    admin1: Annotated[Text, Query(description="Governorate (first-level unit), English or Arabic.")] = None,
    q: Annotated[Text, Query(description="Words in the supporting text; Arabic spelling variants match.")] = None,
    bbox: Annotated[Optional[str], Query(max_length=100, description="min_lon,min_lat,max_lon,max_lat")] = None,
    one_per_cluster: Annotated[bool, Query(description="Only one event per happening (merged reports).")] = False,
) -> EventQuery:
    try:
        box = BoundingBox.parse(bbox) if bbox else None
    except ValueError as e:
        raise HTTPException(422, str(e))
    flt = EventFilter(date_from=date_from, date_to=date_to, types=tuple(type), actor=actor, place=place,
                      admin1=admin1, statuses=tuple(status), text=q, one_per_cluster=one_per_cluster)
    return EventQuery(flt, tuple(mode), box)


@dataclass(frozen=True)
class Page:
    limit: int
    offset: int


def page(request: Request,
         limit: Annotated[Optional[int], Query(ge=1, le=DEFAULT_API_SETTINGS.max_page_size,
                                               description="Page size (a server may cap it lower).")] = None,
         offset: Annotated[int, Query(ge=0, le=DEFAULT_API_SETTINGS.max_offset, description="Items to skip.")] = 0,
         ) -> Page:
    settings: ApiSettings = request.app.state.settings
    if limit is not None and limit > settings.max_page_size:
        raise HTTPException(422, f"limit must be at most {settings.max_page_size}")
    if offset > settings.max_offset:
        raise HTTPException(422, f"offset must be at most {settings.max_offset}: narrow the filters instead")
    return Page(limit or settings.default_page_size, offset)


EventQueryParam = Annotated[EventQuery, Depends(event_query)]
PageParam = Annotated[Page, Depends(page)]
Reader = Annotated[Store, Depends(reader)]
Writer = Annotated[Store, Depends(writer)]
