"""Read endpoints on SQLite and PostgreSQL: filters, sorting, paging, one event, articles with
highlight offsets, actors, places, statistics, exports read back."""
from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq

from api_fixtures import HOSTILE_BODY


def events(client, **params):
    response = client.get("/api/events", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def ids_of(page):
    return {e["id"] for e in page["items"]}


def constructed_event(client, name: str) -> dict:
    """The event of the constructed article ``constructed:<name>`` (found through the API)."""
    listed = client.get("/api/articles", params={"limit": 500}).json()["items"]
    article_id = next(a["id"] for a in listed if a["source"] == f"constructed:{name}")
    return client.get(f"/api/articles/{article_id}").json()["events"][0]


def test_health(client):
    body = client.get("/api/health").json()
    assert body["status"] == "ok" and body["events"] > 3 and body["articles"] >= 5
    assert body["schema_revision"] and body["writes_enabled"] is True


def test_filters_select_the_constructed_events(client):
    e = constructed_event(client, "assault")
    assault = events(client, type="ASSAULT", admin1="Al-Hasakah", date_from="2024-03-01", date_to="2024-03-31")
    assert e["id"] in ids_of(assault) and all(x["type"] == "ASSAULT" for x in assault["items"])
    assert all("2024-03-01" <= x["date"]["value"] <= "2024-03-31" for x in assault["items"])
    assert e["trigger"]["text"] == "قصفت" and e["fatalities"] == 3 and e["date"]["value"] == "2024-03-05"
    assert [a["id"] for a in e["actors"]] == ["actor.sdf"] and [r["id"] for r in e["recipients"]] == ["actor.syr_army"]
    assert e["id"] not in ids_of(events(client, type="ASSAULT", admin1="Al-Hasakah", date_from="2024-03-06", limit=500))
    assert e["id"] in ids_of(events(client, type="ASSAULT", admin1="Al-Hasakah", date_to="2024-03-05", limit=500))
    artillery = events(client, mode="artillery", limit=500)
    assert e["id"] in ids_of(artillery) and {x["mode"] for x in artillery["items"]} == {"artillery"}
    assert ids_of(events(client, actor="Syrian Democratic Forces", type="ASSAULT")) >= {e["id"]}
    army = events(client, actor="الجيش السوري", limit=500)
    assert e["id"] in ids_of(army)
    assert all(any(p["id"] == "actor.syr_army" or p["text"] == "الجيش السوري" for p in x["actors"] + x["recipients"])
               for x in army["items"])
    assert ids_of(events(client, place="السويداء")) == ids_of(events(client, type="PROTEST", date_from="2024-04-10",
                                                                       date_to="2024-04-10"))
    assert events(client, status="negated", date_from="2024-03-05", date_to="2024-03-05")["total"] == 0


def test_text_query_folds_arabic_spelling(client):
    # "الحسكه" (ha for ta marbuta) and "مقتل ثلاثة" with a diacritic still find the constructed event.
    e = constructed_event(client, "assault")
    assert e["id"] in ids_of(events(client, q="الحسكه", type="ASSAULT", limit=500))
    assert e["id"] in ids_of(events(client, q="مَقتل ثلاثة", limit=500))
    assert events(client, q="كلمة غير موجودة إطلاقا")["total"] == 0


def test_bounding_box(client):
    south = events(client, bbox="35.5,32.0,37.0,33.0", limit=500)
    assert ids_of(south) >= {constructed_event(client, "protest")["id"], constructed_event(client, "hostile")["id"]}
    assert constructed_event(client, "assault")["id"] not in ids_of(south)
    assert all(32.0 <= e["location"]["lat"] <= 33.0 and 35.5 <= e["location"]["lon"] <= 37.0 for e in south["items"])
    bad = client.get("/api/events", params={"bbox": "40,30,35,33"})
    assert bad.status_code == 422 and bad.json()["error"] == "invalid-request"


def test_sorting_and_paging(client):
    newest = events(client, sort="-date", limit=500)
    dates = [e["date"]["value"] for e in newest["items"] if e["date"]]
    assert dates == sorted(dates, reverse=True)
    undated_at_end = [e["date"] is None for e in newest["items"]]
    assert undated_at_end == sorted(undated_at_end)
    oldest = [e["date"]["value"] for e in events(client, sort="date", limit=500)["items"] if e["date"]]
    assert oldest == sorted(oldest)
    first, second = events(client, limit=2), events(client, limit=2, offset=2)
    assert first["total"] == newest["total"] and not ids_of(first) & ids_of(second)
    assert client.get("/api/events", params={"limit": 501}).status_code == 422
    assert client.get("/api/events", params={"limit": 0}).status_code == 422
    assert client.get("/api/events", params={"sort": "random"}).status_code == 422


def test_one_event_with_spans_and_sources(client):
    detail = client.get(f"/api/events/{constructed_event(client, 'assault')['id']}").json()
    assert detail["note_en"].startswith("SDF shelled") and detail["attributed_to"] == "المرصد السوري"
    assert {m["kind"] for m in detail["mentions"]} == {"trigger", "support"}
    assert [s["title"] for s in detail["sources"]] == ["قصف في الحسكة"]
    assert detail["provenance"]["rules"] == ["test.constructed"]
    missing = client.get("/api/events/0000000000000000")
    assert missing.status_code == 404 and missing.json() == {"error": "not-found", "detail": "no event '0000000000000000'"}


def test_article_highlights_are_offsets_into_its_text(client):
    listed = client.get("/api/articles", params={"limit": 100}).json()
    assert listed["total"] >= 5
    for item in listed["items"]:
        article = client.get(f"/api/articles/{item['id']}").json()
        for h in article["highlights"]:
            source = article["text"] if h["field"] == "text" else article["title"]
            assert source[h["start"]:h["end"]] == h["text"], (item["id"], h)
    real = [i for i in listed["items"] if i["n_events"] and not (i["source"] or "").startswith("constructed:")]
    assert real, "the pipeline coded no event in the real articles"
    article = client.get(f"/api/articles/{real[0]['id']}").json()
    assert any(h["kind"] == "trigger" and h["event_id"] for h in article["highlights"])
    assert len(article["events"]) == real[0]["n_events"]
    hostile = [i for i in listed["items"] if i["source"] == "constructed:hostile"][0]
    assert client.get(f"/api/articles/{hostile['id']}").json()["text"] == HOSTILE_BODY  # data, kept verbatim


def test_actors_and_places(client):
    actors = client.get("/api/actors", params={"q": "Democratic"}).json()
    sdf = [a for a in actors["items"] if a["id"] == "actor.sdf"]
    assert sdf and sdf[0]["n_events"] >= 1
    assert any(a["id"] == "actor.sdf" for a in client.get("/api/actors", params={"q": "الديمقراطيه"}).json()["items"])
    places = client.get("/api/places", params={"q": "السويداء"}).json()
    assert places["total"] >= 1 and all(p["lat"] is not None for p in places["items"])
    assert client.get("/api/places", params={"admin1": "As-Suwayda"}).json()["total"] >= 1


def test_statistics(client):
    stats = client.get("/api/stats", params={"date_from": "2024-03-01", "date_to": "2024-05-31"}).json()
    assert {(d["date"], d["type"], d["count"]) for d in stats["by_day"]} >= {
        ("2024-03-05", "ASSAULT", 1), ("2024-04-10", "PROTEST", 1), ("2024-05-01", "ASSAULT", 1)}
    assert stats["total"] == sum(k["count"] for k in stats["by_type"]) == sum(k["count"] for k in stats["by_admin1"])
    assert {"actor_key": "actor.sdf", "actor_label": "Syrian Democratic Forces", "recipient_key": "actor.syr_army",
            "recipient_label": "Syrian Arab Army", "count": 1} in stats["actor_pairs"]
    everything = client.get("/api/stats").json()
    assert everything["total"] == events(client)["total"]


def test_exports_in_every_format_read_back(client, tmp_path):
    params = {"date_from": "2024-01-01", "date_to": "2024-12-31"}
    expected = events(client, **params, limit=500)["total"]
    csv_response = client.get("/api/export", params={**params, "format": "csv"})
    assert csv_response.headers["content-type"].startswith("text/csv")
    assert "attachment" in csv_response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(csv_response.text)))
    assert len(rows) == expected and {r["event_date"] for r in rows} >= {"2024-03-05", "2024-04-10"}
    lines = client.get("/api/export", params={**params, "format": "jsonl"}).text.splitlines()
    assert len(lines) == expected and all(json.loads(line) for line in lines)
    geo = client.get("/api/export", params={**params, "format": "geojson"}).json()
    assert geo["type"] == "FeatureCollection" and len(geo["features"]) == expected
    hasakah = [f for f in geo["features"] if f["properties"]["event_date"] == "2024-03-05"]
    assert hasakah[0]["geometry"]["coordinates"] == [40.75, 36.5]
    parquet = tmp_path / "x.parquet"
    parquet.write_bytes(client.get("/api/export", params={**params, "format": "parquet"}).content)
    assert pq.read_table(parquet).num_rows == expected
    assert client.get("/api/export", params={"format": "xml"}).status_code == 422
