"""Ingest through the pipeline, alerts, the token, read-only mode, limits, errors and headers."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from rasd.api import ApiSettings, create_app

from api_fixtures import TOKEN, corpus_records


def test_ingest_json_single_bulk_and_again(client, auth):
    record = corpus_records(12)[10]
    single = client.post("/api/ingest", json={"id": record["id"], "title": record["title"], "text": record["text"],
                                              "published": record["published_time"][:10]}, headers=auth)
    assert single.status_code == 200, single.text
    body = single.json()
    assert body["stored"] + body["updated"] + body["unchanged"] == 1 and body["failed"] == []
    article = client.get(f"/api/articles/{body['article_ids'][0]}").json()
    assert article["title"] == record["title"] and article["published"] == record["published_time"][:10]
    again = client.post("/api/ingest", json={"id": record["id"], "title": record["title"], "text": record["text"],
                                             "published": record["published_time"][:10]}, headers=auth).json()
    assert again["unchanged"] == 1 and again["stored"] == 0
    bulk = client.post("/api/ingest", headers=auth, json={"articles": [
        {"text": "نص قصير جدا"}, {"title": "بلا نص"}, {"id": "bulk-1", "text": corpus_records(12)[11]["text"]}]}).json()
    assert bulk["read"] == 3 and len(bulk["article_ids"]) + len(bulk["failed"]) == 3
    assert {"no-text"} <= {f["reason"] for f in bulk["failed"]}


def test_ingest_raw_html_and_text(client, auth):
    paragraph = "قالت وزارة الدفاع الروسية إن قواتها نفذت غارات جوية على مواقع في ريف إدلب الجنوبي يوم الأحد. " * 3
    html = f"<html><head><title>غارات على إدلب</title></head><body><article><h1>غارات على إدلب</h1><p>{paragraph}</p></article></body></html>"
    response = client.post("/api/ingest/raw", content=html.encode(), params={"url": "https://example.org/a/1"},
                           headers={**auth, "Content-Type": "text/html; charset=utf-8"})
    assert response.status_code == 200, response.text
    assert response.json()["failed"] == [] and len(response.json()["article_ids"]) == 1
    text = client.post("/api/ingest/raw", content=paragraph.encode(), params={"title": "نص"},
                       headers={**auth, "Content-Type": "text/plain"})
    assert text.status_code == 200 and len(text.json()["article_ids"]) == 1
    assert client.post("/api/ingest/raw", content=b"{}", headers={**auth, "Content-Type": "application/json"}).status_code == 415


def test_writes_need_the_right_token(client):
    body = {"text": "نص"}
    assert client.post("/api/ingest", json=body).status_code == 401
    wrong = client.post("/api/ingest", json=body, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401 and wrong.json()["error"] == "unauthorized"
    assert client.post("/api/alerts", json={"name": "x", "filter": {}}, headers={"Authorization": "Basic abc"}).status_code == 401


def test_read_only_and_tokenless_servers_refuse_writes(filled_db):
    for app in (create_app(filled_db, token=TOKEN, read_only=True), create_app(filled_db)):
        with TestClient(app) as c:
            response = c.post("/api/alerts", json={"name": "x", "filter": {}}, headers={"Authorization": f"Bearer {TOKEN}"})
            assert response.status_code == 403 and response.json()["error"] == "forbidden"
            assert c.get("/api/events").status_code == 200


def test_alerts_list_create_delete(client, auth):
    new = client.post("/api/alerts", headers=auth, json={
        "name": "Hasakah assaults", "filter": {"types": ["ASSAULT"], "admin1": "Al-Hasakah", "statuses": ["asserted"]}})
    assert new.status_code == 201, new.text
    alert = new.json()
    assert alert["filter"]["types"] == ["ASSAULT"] and alert["filter"]["admin1"] == "Al-Hasakah"
    assert alert in client.get("/api/alerts").json()
    assert client.post("/api/alerts", headers=auth, json={"name": "Hasakah assaults", "filter": {}}).status_code == 409
    assert client.post("/api/alerts", headers=auth, json={"name": "bad", "filter": {"statuses": ["maybe"]}}).status_code == 422
    pair = client.post("/api/alerts", headers=auth, json={
        "name": "SDF and Russia", "filter": {"actors": ["actor.sdf", "actor.rus"], "one_per_cluster": True}}).json()
    assert pair["filter"]["actors"] == ["actor.sdf", "actor.rus"] and pair["filter"]["one_per_cluster"] is True
    assert client.delete(f"/api/alerts/{pair['id']}", headers=auth).status_code == 204
    assert client.delete(f"/api/alerts/{alert['id']}", headers=auth).status_code == 204
    assert client.delete(f"/api/alerts/{alert['id']}", headers=auth).status_code == 404
    assert alert not in client.get("/api/alerts").json()


def test_request_and_page_size_limits(filled_db, auth):
    settings = ApiSettings(max_request_bytes=1000, max_page_size=5, max_bulk_documents=2)
    with TestClient(create_app(filled_db, token=TOKEN, settings=settings)) as c:
        big = c.post("/api/ingest", json={"text": "ا" * 2000}, headers=auth)
        assert big.status_code == 413 and big.json()["error"] == "request-too-large"
        assert c.get("/api/events", params={"limit": 6}).status_code == 422
        assert len(c.get("/api/events", params={"limit": 5}).json()["items"]) <= 5
        many = c.post("/api/ingest", json={"articles": [{"text": "x"}] * 3}, headers=auth)
        assert many.status_code == 422


def test_errors_are_clean_json_without_traces(filled_db, monkeypatch):
    import rasd.api.routers.stats as stats_router

    def broken(*args, **kwargs):
        raise RuntimeError("secret internals /etc/passwd")

    monkeypatch.setattr(stats_router, "statistics", broken)
    with TestClient(create_app(filled_db), raise_server_exceptions=False) as c:
        response = c.get("/api/stats")
        assert response.status_code == 500
        assert response.json() == {"error": "internal-error", "detail": "internal server error (logged on the server)"}
        assert "secret" not in response.text and "Traceback" not in response.text
        assert c.get("/api/nowhere").json()["error"] == "not-found"


def test_security_headers_and_no_cors(client):
    for path in ("/", "/api/events", "/static/js/main.js"):
        response = client.get(path, headers={"Origin": "https://evil.example"})
        csp = response.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "default-src 'none'" in csp
        assert response.headers["x-content-type-options"] == "nosniff"
        assert "access-control-allow-origin" not in response.headers
    assert client.get("/openapi.json").json()["info"]["title"] == "rasd"
    assert client.get("/docs").status_code == 404  # no CDN-loading docs page


def test_cors_only_for_configured_origins(filled_db):
    app = create_app(filled_db, settings=ApiSettings(cors_origins=("https://analyst.example",)))
    with TestClient(app) as c:
        ok = c.get("/api/health", headers={"Origin": "https://analyst.example"})
        assert ok.headers["access-control-allow-origin"] == "https://analyst.example"
        assert "access-control-allow-origin" not in c.get("/api/health", headers={"Origin": "https://evil.example"}).headers


@pytest.mark.parametrize("token", ["x" * 40])
def test_token_comparison_is_constant_time(token):
    import inspect

    from rasd.api import security
    assert "compare_digest" in inspect.getsource(security.token_matches)
    assert security.token_matches(token, token) and not security.token_matches(token[:-1] + "y", token)
