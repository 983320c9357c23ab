"""API tests run on SQLite and on PostgreSQL (127.0.0.1:5432, own database, dropped at the end)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from rasd.api import create_app
from rasd.store import Store

sys.path.insert(0, str(Path(__file__).parent))  # the helper module next to this file (import mode: importlib)

from api_fixtures import (TOKEN, constructed_articles, create_pg_database, drop_pg_database,  # noqa: E402
                          pg_admin, real_articles)


@pytest.fixture(scope="session")
def articles(tmp_path_factory):
    """Real articles (samples/, corpus-dev) through the pipeline, plus the constructed ones."""
    return real_articles(tmp_path_factory.mktemp("real")) + constructed_articles()


@pytest.fixture(scope="session")
def pg_server():
    try:
        pg_admin().close()
    except Exception as e:  # no server here: the SQLite half still runs
        pytest.skip(f"PostgreSQL not reachable: {e}")
    name, url = create_pg_database()
    yield url
    drop_pg_database(name)


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def filled_db(request, tmp_path_factory, articles):
    """A store holding ``articles``, shared by the read-only tests of one database kind."""
    if request.param == "sqlite":
        url = str(tmp_path_factory.mktemp("api") / "api.sqlite")
    else:
        url = request.getfixturevalue("pg_server")
    with Store.open(url) as store:
        store.ingest_articles(articles)
    return url


@pytest.fixture(scope="session")
def client(filled_db):
    with TestClient(create_app(filled_db, token=TOKEN), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture
def empty_db(tmp_path):
    return str(tmp_path / "empty.sqlite")


@pytest.fixture
def auth():
    return {"Authorization": f"Bearer {TOKEN}"}
