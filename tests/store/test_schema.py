"""Opening a store: URL handling, migrations applied once and matching the schema, SQLite setup."""
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from rasd.store import Store, resolve_database_url
from rasd.store.engine import head_revision
from rasd.store.schema import metadata


def test_url_resolution(monkeypatch):
    monkeypatch.delenv("RASD_DB", raising=False)
    assert resolve_database_url(None).database == "rasd.sqlite"
    assert resolve_database_url("data/x.sqlite").drivername == "sqlite+pysqlite"
    assert resolve_database_url("postgresql://u@h/db").drivername == "postgresql+psycopg"
    assert resolve_database_url("postgres://u@h/db").drivername == "postgresql+psycopg"
    monkeypatch.setenv("RASD_DB", "postgresql://u@h/env")
    assert resolve_database_url(None).database == "env"
    assert resolve_database_url("cli.sqlite").database == "cli.sqlite"  # --db wins over the env


def _not_text_index(name, type_, parent_names):
    # The FTS5 tables and the pg_trgm index are created by the migration on purpose, per dialect.
    return not (name or "").startswith(("events_fts", "ix_events_text_trgm"))


def test_migrations_create_exactly_the_schema(store):
    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": _not_text_index})
        assert context.get_current_revision() == head_revision()
        assert compare_metadata(context, metadata) == []


def test_open_twice_is_a_no_op(db_url):
    with Store.open(db_url) as first:
        tables = set(inspect(first.engine).get_table_names())
    with Store.open(db_url) as second:
        assert set(inspect(second.engine).get_table_names()) == tables
        assert {t.name for t in metadata.sorted_tables} <= tables


def test_sqlite_file_created_in_wal_mode(tmp_path):
    path = tmp_path / "new" / "dir" / "rasd.sqlite"
    with Store.open(str(path)) as store:
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert store.has_text_index
    assert path.exists()
