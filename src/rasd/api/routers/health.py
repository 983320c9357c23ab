"""GET /api/health: is the server up, which database, how much is in it."""
from __future__ import annotations

from fastapi import APIRouter, Request
from sqlalchemy import func, select

from ... import __version__
from ...store import schema as t
from ..params import Reader
from ..schemas import Health

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health)
def health(request: Request, store: Reader) -> Health:
    with store.engine.connect() as conn:
        articles = conn.execute(select(func.count()).select_from(t.articles)).scalar_one()
        events = conn.execute(select(func.count()).select_from(t.events)).scalar_one()
        revision = conn.exec_driver_sql("select version_num from alembic_version").scalar()
    state = request.app.state
    return Health(status="ok", database=store.dialect, schema_revision=revision, articles=articles,
                  events=events, read_only=state.read_only, writes_enabled=bool(state.token) and not state.read_only,
                  version=__version__)
