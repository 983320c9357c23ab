"""GET /api/stats: counts per day and type, per type, per governorate, and actor pairs."""
from __future__ import annotations

from dataclasses import asdict

from fastapi import APIRouter, Request

from ..params import EventQueryParam, Reader
from ..queries import statistics
from ..schemas import StatisticsOut

router = APIRouter(tags=["statistics"])


@router.get("/stats", response_model=StatisticsOut)
def stats(request: Request, store: Reader, query: EventQueryParam) -> StatisticsOut:
    """Statistics of the events matching the same filters as /api/events."""
    return StatisticsOut(**asdict(statistics(store, query, request.app.state.settings.max_actor_pairs)))
