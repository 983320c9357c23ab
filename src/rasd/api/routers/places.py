"""GET /api/places: the places seen in the store."""
from __future__ import annotations

from fastapi import APIRouter

from ..params import PageParam, Reader, Text
from ..queries import list_places
from ..schemas import PlacePageOut

router = APIRouter(tags=["places"])


@router.get("/places", response_model=PlacePageOut)
def places(store: Reader, paging: PageParam, q: Text = None, admin1: Text = None) -> PlacePageOut:
    """``q``: part of the English or Arabic name, or the P-code; ``admin1``: the governorate."""
    total, items = list_places(store, q, admin1, paging.limit, paging.offset)
    return PlacePageOut(total=total, limit=paging.limit, offset=paging.offset, items=items)
