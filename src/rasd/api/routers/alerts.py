"""Saved alert filters for `rasd watch`: GET/POST /api/alerts, DELETE /api/alerts/{id}."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Response

from ...store.alerts import AlertExists, SavedAlert, create_alert, delete_alert, filter_to_json, list_alerts
from ...store import EventFilter
from ..params import Reader, Writer
from ..schemas import AlertFilter, AlertIn, AlertOut, ErrorOut
from .ingest import WRITE_RESPONSES, writer_allowed

router = APIRouter(tags=["alerts"])


def _out(alert: SavedAlert) -> AlertOut:
    return AlertOut(id=alert.id, name=alert.name, filter=AlertFilter(**filter_to_json(alert.filter)),
                    created_at=alert.created_at)


@router.get("/alerts", response_model=list[AlertOut])
def alerts(store: Reader) -> list[AlertOut]:
    return [_out(a) for a in list_alerts(store)]


@router.post("/alerts", response_model=AlertOut, status_code=201, dependencies=[Depends(writer_allowed)],
             responses={**WRITE_RESPONSES, 409: {"model": ErrorOut, "description": "Name taken"}})
def create(store: Writer, body: AlertIn) -> AlertOut:
    f = body.filter
    flt = EventFilter(date_from=f.date_from, date_to=f.date_to, types=tuple(f.types), actor=f.actor,
                      place=f.place, admin1=f.admin1, statuses=tuple(f.statuses), text=f.text,
                      actors=tuple(f.actors), one_per_cluster=f.one_per_cluster)
    try:
        return _out(create_alert(store, body.name, flt))
    except AlertExists as e:
        raise HTTPException(409, str(e))


@router.delete("/alerts/{alert_id}", status_code=204, dependencies=[Depends(writer_allowed)],
               responses={**WRITE_RESPONSES, 404: {"model": ErrorOut, "description": "No such alert"}})
def delete(store: Writer, alert_id: Annotated[int, Path(ge=1, le=2**62)]) -> Response:
    if not delete_alert(store, alert_id):
        raise HTTPException(404, f"no alert {alert_id}")
    return Response(status_code=204)
