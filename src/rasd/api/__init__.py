"""The HTTP API over the event store (FastAPI): ``create_app(db_url, token=None, read_only=False)``."""
from .app import create_app
from .settings import ApiSettings

__all__ = ["ApiSettings", "create_app"]
