"""Engines for the two databases, and migrations applied on open.

SQLite: a file created on first use, WAL journal (readers never block the writer), foreign keys
on, and every transaction started with ``BEGIN IMMEDIATE`` so DDL is transactional and two
writers queue on the lock instead of failing half-way. PostgreSQL: psycopg 3.
"""
from __future__ import annotations

import json
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL
from sqlalchemy.exc import OperationalError

from ..errors import StoreError
from .url import describe_url

MIGRATIONS = Path(__file__).parent / "migrations"
SQLITE_BUSY_TIMEOUT_MS = 60_000


class JsonText(str):
    """A JSON column's value serialized already (rasd.store.rows.serialize_json, run by ingest
    workers): stored as it is, so the writer, the ingest's serial part, does not encode it."""
    __slots__ = ()


def json_text(value: object) -> str:
    """The text a JSON column stores for ``value`` (both databases)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _json_dumps(value: object) -> str:
    return value if type(value) is JsonText else json_text(value)


def _sqlite_engine(url: URL) -> Engine:
    if url.database and url.database != ":memory:":
        Path(url.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, json_serializer=_json_dumps,
                           connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves (see module doc)
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: safe against a killed process
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def make_engine(url: URL) -> Engine:
    backend = url.get_backend_name()
    if backend == "sqlite":
        return _sqlite_engine(url)
    if backend == "postgresql":
        return create_engine(url, json_serializer=_json_dumps, pool_pre_ping=True)
    raise StoreError(f"unsupported database {describe_url(url)}")


def _alembic_config(connection: Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    return ScriptDirectory(str(MIGRATIONS)).get_current_head()


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision, all in one transaction (nothing half-applied)."""
    try:
        with engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                # Two processes opening a fresh database at once: the second waits, then no-ops.
                connection.exec_driver_sql("SELECT pg_advisory_xact_lock(4242010)")
            current = MigrationContext.configure(connection).get_current_revision()
            if current != head_revision():
                command.upgrade(_alembic_config(connection), "head")
    except OperationalError as e:
        raise StoreError(f"cannot open the database {describe_url(engine.url)}: {e.orig}") from e
