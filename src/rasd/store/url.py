"""Database URL handling: a path or nothing means a SQLite file, a URL selects a server.

``--db`` wins over the ``RASD_DB`` environment variable (read into ``Settings.database_url``),
which wins over the default file ``./rasd.sqlite``.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

from sqlalchemy.engine import URL, make_url

from ..errors import StoreError

DEFAULT_DATABASE = "rasd.sqlite"
ENV_VARIABLE = "RASD_DB"


def resolve_database_url(db: Optional[str] = None) -> URL:
    """Turn what the user gave (path, URL or nothing) into a SQLAlchemy URL with our drivers."""
    value = db or os.environ.get(ENV_VARIABLE) or DEFAULT_DATABASE
    if "://" not in value:
        path = Path(value).expanduser()
        return URL.create("sqlite+pysqlite", database=str(path))
    if value.startswith("postgres://"):  # Heroku-style alias
        value = "postgresql://" + value[len("postgres://"):]
    url = make_url(value)
    if url.get_backend_name() == "postgresql":
        return url.set(drivername="postgresql+psycopg")
    if url.get_backend_name() == "sqlite":
        return url.set(drivername="sqlite+pysqlite")
    raise StoreError(f"unsupported database URL {value!r}: use a file path, sqlite:///PATH or postgresql://...")


def describe_url(url: URL) -> str:
    """The URL for messages, password hidden."""
    return url.render_as_string(hide_password=True)
