"""GET /api/actors: the actors seen in the store, most active first."""
from __future__ import annotations

from fastapi import APIRouter

from ..params import PageParam, Reader, Text
from ..queries import list_actors
from ..schemas import ActorPageOut

router = APIRouter(tags=["actors"])


@router.get("/actors", response_model=ActorPageOut)
def actors(store: Reader, paging: PageParam, q: Text = None) -> ActorPageOut:
    """``q``: part of the English or Arabic name (any spelling variant), or the lexicon id."""
    total, items = list_actors(store, q, paging.limit, paging.offset)
    return ActorPageOut(total=total, limit=paging.limit, offset=paging.offset, items=items)
