"""The FastAPI application: the API under /api/, the dashboard at /, OpenAPI at /openapi.json.

``create_app(db_url)`` is the one entry point (``rasd serve`` and the tests use it). Interactive
docs pages are off: they load scripts from a CDN, which the offline, CSP-locked server forbids.
"""
from __future__ import annotations

from contextlib import asynccontextmanager
from typing import Optional

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from .. import __version__
from ..settings import DEFAULT_SETTINGS, Settings
from .database import Database
from .errors import describe_errors_in_openapi, install_error_handlers
from .ingest import Ingester
from .routers import ROUTERS
from .security import BodySizeLimit, SecurityHeaders
from .settings import DEFAULT_API_SETTINGS, ApiSettings

DESCRIPTION = """Events coded from Arabic news (PLOVER types, ACLED crosswalk), their evidence spans
in the articles, statistics, exports and ingestion. Write endpoints need `Authorization: Bearer <token>`."""


def create_app(db_url: Optional[str] = None, token: Optional[str] = None, read_only: bool = False,
               settings: ApiSettings = DEFAULT_API_SETTINGS, pipeline_settings: Settings = DEFAULT_SETTINGS,
               dashboard: bool = True) -> FastAPI:
    """The app over the store at ``db_url`` (a SQLite path or a postgresql:// URL; None: $RASD_DB
    or ./rasd.sqlite). Writes need ``token``; ``read_only`` refuses them all."""
    database = Database.open(db_url or pipeline_settings.database_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        yield
        database.close()

    app = FastAPI(title="rasd", version=__version__, description=DESCRIPTION, lifespan=lifespan,
                  docs_url=None, redoc_url=None, openapi_url="/openapi.json")
    app.state.database = database
    app.state.token = token or None
    app.state.read_only = read_only
    app.state.settings = settings
    app.state.ingester = Ingester(pipeline_settings)
    install_error_handlers(app)
    describe_errors_in_openapi(app)
    for router in ROUTERS:
        app.include_router(router, prefix="/api")
    if dashboard:
        from ..dashboard import mount_dashboard  # the static files: HTML, CSS, JS, map data
        mount_dashboard(app)
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=list(settings.cors_origins),
                           allow_methods=["GET", "POST", "DELETE"], allow_headers=["Authorization", "Content-Type"])
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_request_bytes)
    app.add_middleware(SecurityHeaders)
    return app
