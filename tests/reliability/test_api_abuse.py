"""API abuse: oversized bodies, huge page sizes, malformed JSON, SQL-injection and script payloads
in every filter, missing or wrong tokens. Each gets the right 4xx (never a 500 or a stack trace),
and the database holds exactly what it held before (nothing written, nothing leaked)."""
from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from rasd.api.app import create_app
from rasd.api.settings import ApiSettings
from rasd.reliability.snapshot import integrity_problems, snapshot
from rasd.reliability.trial_corpus import build_trial_corpus
from rasd.store import Store
from rasd.store.ingest import ingest_sources

TOKEN = "s3cret-token-for-tests"
PAYLOADS = ["' OR '1'='1", "1; DROP TABLE events; --", "\" OR 1=1 --", "%' UNION SELECT id, text FROM articles --",
            "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "قسد' OR 1=1 --", "\\'; DELETE FROM documents; --",
            "%%%", "_", "*", "${jndi:ldap://x}", "' || (SELECT sqlite_version()) || '"]
FILTERS = {"/api/events": ["type", "mode", "status", "actor", "place", "admin1", "q", "bbox", "date_from", "date_to",
                           "sort"],
           "/api/stats": ["type", "actor", "place", "admin1", "q"],
           "/api/articles": ["q"], "/api/actors": ["q"], "/api/places": ["q", "admin1"]}
LEAKS = ("Traceback", "sqlalchemy", "OperationalError", "psycopg", "sqlite3", ".sqlite", "File \"")


@pytest.fixture(scope="module")
def served(tmp_path_factory, pipeline, settings):
    folder = tmp_path_factory.mktemp("api")
    db = str(folder / "api.sqlite")
    with Store.open(db) as store:
        ingest_sources(store, build_trial_corpus(folder / "corpus", sources=[], generated=4), settings,
                       batch_size=4, progress=False, pipeline_factory=lambda _: pipeline)
        before = snapshot(store)
    app = create_app(db, token=TOKEN, dashboard=False, settings=ApiSettings(max_request_bytes=200_000))
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client, db, before
    with Store.open(db) as store:  # after every abuse in this module: not one row changed
        assert snapshot(store) == before
        assert integrity_problems(store) == []


def _clean_answer(response, status) -> None:
    assert response.status_code == status, (response.status_code, response.text[:300])
    assert response.headers["content-type"].startswith("application/json")
    assert not any(leak in response.text for leak in LEAKS), response.text[:300]


@pytest.mark.parametrize("path", list(FILTERS))
def test_injection_and_script_payloads_in_every_filter(served, path):
    client, _, before = served
    for name in FILTERS[path]:
        for payload in PAYLOADS:
            response = client.get(path, params={name: payload})
            assert response.status_code in (200, 422), (path, name, payload, response.status_code)
            assert not any(leak in response.text for leak in LEAKS)
            if response.status_code == 200:
                body = response.json()
                # A payload matches nothing: the filters are parameters, never SQL.
                items = body.get("items", body.get("events", [])) if isinstance(body, dict) else body
                assert items in ([], None) or path == "/api/stats", (path, name, payload, str(body)[:200])
                assert "<script>" not in response.text or payload in json.dumps(body, ensure_ascii=False)


def test_filters_still_work_after_the_payloads(served):
    client, _, before = served
    response = client.get("/api/articles")
    assert response.status_code == 200 and response.json()["total"] == len(before.articles)
    # The payload tests are not vacuous: the store has events and plain filters find them.
    assert client.get("/api/events").json()["items"]
    assert client.get("/api/events", params={"actor": "قسد"}).json()["items"]
    assert client.get("/api/articles", params={"q": "الحسكة"}).json()["items"]


@pytest.mark.parametrize("query", ["limit=1000000", "limit=501", "limit=0", "limit=-5", "limit=abc", "offset=-1",
                                   "offset=99999999999", "limit=1e9", "limit=" + "9" * 400])
def test_huge_or_bad_page_sizes(served, query):
    client, _, _ = served
    for path in ("/api/events", "/api/articles", "/api/actors", "/api/places"):
        _clean_answer(client.get(f"{path}?{query}"), 422)


def test_oversized_bodies(served):
    client, _, _ = served
    big = json.dumps({"text": "قسد " * 100_000})
    auth = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
    _clean_answer(client.post("/api/ingest", content=big, headers=auth), 413)
    _clean_answer(client.post("/api/ingest/raw", content=("<p>قسد</p>" * 50_000).encode(),
                              headers={**auth, "Content-Type": "text/html"}), 413)

    def chunks():  # no Content-Length: counted while streamed
        for _ in range(100):
            yield b"x" * 10_000
    _clean_answer(client.post("/api/ingest/raw", content=chunks(), headers={**auth, "Content-Type": "text/plain"}), 413)
    _clean_answer(client.post("/api/ingest", content=b"{}", headers={**auth, "Content-Length": "abc"}), 413)


@pytest.mark.parametrize("body", ['{"text": ', "not json", "[1, 2", '{"articles": [{"text": 5}]}',
                                  '{"articles": "x"}', '{"text": ["a"]}', "\xff\xfe", '{"text": {"$gt": ""}}'])
def test_malformed_json(served, body):
    client, _, _ = served
    response = client.post("/api/ingest", content=body.encode("utf-8", "surrogatepass"),
                           headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"})
    _clean_answer(response, 422)


@pytest.mark.parametrize("headers,status", [
    ({}, 401), ({"Authorization": "Bearer wrong"}, 401), ({"Authorization": f"Basic {TOKEN}"}, 401),
    ({"Authorization": f"Bearer {TOKEN[:-1]}"}, 401), ({"Authorization": f"Bearer {TOKEN}x"}, 401),
    ({"Authorization": "Bearer "}, 401), ({"Authorization": TOKEN}, 401),
    ({"Authorization": "Bearer ' OR '1'='1"}, 401)])
def test_missing_or_wrong_token(served, headers, status):
    client, _, _ = served
    article = {"text": "أعلنت قسد السيطرة على قرية في ريف الحسكة بعد اشتباكات عنيفة استمرت ساعات طويلة."}
    _clean_answer(client.post("/api/ingest", json=article, headers=headers), status)
    _clean_answer(client.post("/api/ingest/raw", content="نص".encode(), headers={**headers, "Content-Type": "text/plain"}),
                  status)
    _clean_answer(client.post("/api/alerts", json={"name": "x", "filters": {}}, headers=headers), status)
    _clean_answer(client.delete("/api/alerts/1", headers=headers), status)


def test_read_only_server_refuses_writes_even_with_the_token(served):
    _, db, _ = served
    app = create_app(db, token=TOKEN, read_only=True, dashboard=False)
    with TestClient(app, raise_server_exceptions=False) as client:
        _clean_answer(client.post("/api/ingest", json={"text": "قسد"}, headers={"Authorization": f"Bearer {TOKEN}"}),
                      403)


def test_unknown_ids_and_paths(served):
    client, _, _ = served
    for path in ("/api/events/' OR 1=1 --", "/api/articles/" + "a" * 65, "/api/articles/%00",
                 "/api/events/<script>", "/api/nothing"):
        response = client.get(path)
        assert response.status_code in (404, 422), (path, response.status_code)
        assert not any(leak in response.text for leak in LEAKS)
