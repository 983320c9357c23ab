"""The two handles the API holds on one database: a writer (the store) and a reader.

On SQLite the store starts every transaction with ``BEGIN IMMEDIATE`` (so writers queue instead
of failing), which would make concurrent reads wait for each other; the reader is a second
engine on the same file whose connections read without taking the write lock (WAL mode lets
readers run while a writer commits). On PostgreSQL both are the same engine.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import create_engine, event

from ..store import Store
from ..store.engine import SQLITE_BUSY_TIMEOUT_MS


@dataclass
class Database:
    writer: Store
    reader: Store

    @classmethod
    def open(cls, db_url: str) -> "Database":
        writer = Store.open(db_url)  # creates the file and applies migrations
        if writer.dialect != "sqlite":
            return cls(writer, writer)
        engine = create_engine(writer.engine.url,
                               connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000,
                                             "check_same_thread": False})

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection, _record) -> None:
            dbapi_connection.isolation_level = None  # autocommit: each SELECT sees the latest commit
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA query_only=ON")
            cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
            cursor.close()

        return cls(writer, Store(engine))

    @property
    def dialect(self) -> str:
        return self.writer.dialect

    def close(self) -> None:
        if self.reader is not self.writer:
            self.reader.close()
        self.writer.close()
