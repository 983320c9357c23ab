"""GET /api/events (filtered, sorted, paged) and GET /api/events/{id} (with spans and sources)."""
from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query, Request, Response

from ..params import EventQueryParam, PageParam, Reader, Sort
from ..queries import event_sources, event_spans, list_events
from ..schemas import EventDetail, EventPageOut, EventSpan, EventSummary

router = APIRouter(tags=["events"])
EventId = Annotated[str, Path(min_length=1, max_length=64)]


@router.get("/events", response_model=EventPageOut)
def events(request: Request, store: Reader, query: EventQueryParam, paging: PageParam,
           sort: Annotated[Sort, Query(description="-date: newest first; -sources: most reported first.")] = "-date",
           ) -> Response:
    page = list_events(store, query, sort, paging.limit, paging.offset,
                       count_cap=request.app.state.settings.count_cap)
    out = EventPageOut(total=page.total, total_exact=page.total_exact, limit=paging.limit, offset=paging.offset,
                       items=[EventSummary.of(s) for s in page.items])
    # Serialised once here: a returned model would be validated again against response_model
    # first (response_model still describes the body in the OpenAPI description).
    return Response(out.model_dump_json(), media_type="application/json")


@router.get("/events/{event_id}", response_model=EventDetail, responses={404: {"description": "No such event"}})
def event(store: Reader, event_id: EventId) -> EventDetail:
    stored = store.event(event_id)
    if stored is None:
        raise HTTPException(404, f"no event {event_id!r}")
    e = stored.event
    spans = [EventSpan(article_id=a, kind=k, start=s, end=n, text=x, field=f) for a, k, s, n, x, f in event_spans(store, stored.id)]
    return EventDetail(**EventSummary.of(stored).model_dump(), mentions=spans,
                       sources=event_sources(store, stored), acled=e.acled, quad_code=e.quad_code,
                       event_scale=e.event_scale, provenance=asdict(e.provenance), cluster_id=stored.cluster_id,
                       code_version=stored.code_version, lexicon_version=stored.lexicon_version)
