"""GET /api/export: the selected events as a file in one of the store's export formats."""
from __future__ import annotations

import os
import tempfile
from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import FileResponse
from starlette.background import BackgroundTask

from ...store.exports import FORMATS
from ...store.exports.acled_csv import write_csv
from ...store.exports.geojson import write_geojson
from ...store.exports.parquet import write_parquet
from ...store.exports.plover import write_jsonl
from ..params import EventQueryParam, Reader, Sort
from ..queries import count_events, iter_events

router = APIRouter(tags=["exports"])
Format = Literal["csv", "jsonl", "geojson", "parquet"]
assert set(Format.__args__) == set(FORMATS)
MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson",
               "geojson": "application/geo+json", "parquet": "application/vnd.apache.parquet"}
TEXT_WRITERS = {"csv": write_csv, "jsonl": write_jsonl, "geojson": write_geojson}


@router.get("/export", response_class=FileResponse,
            responses={200: {"content": {m: {} for m in MEDIA_TYPES.values()},
                             "description": "The events as a downloadable file."}})
def export(request: Request, store: Reader, query: EventQueryParam,
           format: Annotated[Format, Query(description="csv: ACLED columns; jsonl: PLOVER; geojson; parquet.")] = "csv",
           sort: Sort = "-date") -> FileResponse:
    """The events matching the same filters as /api/events (written to a temporary file, then sent)."""
    limit = request.app.state.settings.max_export_events
    if count_events(store, query) > limit:
        raise HTTPException(422, f"more than {limit} events selected: narrow the filters for one download")
    handle, path = tempfile.mkstemp(prefix="rasd-export-", suffix=f".{format}")
    try:
        events = iter_events(store, query, sort)
        if format == "parquet":
            os.close(handle)
            write_parquet(events, path)
        else:
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
                TEXT_WRITERS[format](events, out)
    except BaseException:
        os.unlink(path)
        raise
    return FileResponse(path, media_type=MEDIA_TYPES[format], filename=f"rasd-events.{format}",
                        background=BackgroundTask(os.unlink, path))
