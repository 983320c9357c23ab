"""Every export format read back and checked against the store."""
import csv
import json

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from rasd.cli import main
from rasd.settings import Settings
from rasd.store import EventFilter
from rasd.store.exports import ACLED_COLUMNS, export_events
from rasd.store.ingest import ingest_sources

from store_gold import gold_pipeline, write_gold_jsonl


@pytest.fixture
def filled(store, tmp_path):
    path = tmp_path / "gold.jsonl"
    write_gold_jsonl(path)
    ingest_sources(store, [str(path)], pipeline_factory=gold_pipeline)
    return store


def test_csv_in_acled_layout(filled, tmp_path):
    out = tmp_path / "events.csv"
    flt = EventFilter(types=("ASSAULT",), date_from="2023-01-01")
    n = export_events(filled, "csv", out, flt)
    expected = {s.id: s for s in filled.events(flt)}
    with out.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert tuple(reader.fieldnames) == ACLED_COLUMNS
        rows = list(reader)
    assert n == len(rows) == len(expected) > 0
    for row in rows:
        stored = expected[row["event_id_cnty"].split("-", 1)[1]]
        e = stored.event
        assert row["event_date"] == e.date.value and row["year"] == e.date.value[:4]
        assert row["event_type"] == "Battles"  # from the crosswalk
        assert row["fatalities"] == str(e.fatalities or 0)
        assert row["actor1"] == (e.actor[0].name_en if e.actor else "")
        if e.location and e.location.pcode and e.location.pcode.startswith("SY"):
            assert (row["country"], row["iso"], row["region"]) == ("Syria", "760", "Middle East")
            assert row["admin1"] == e.location.admin1


def test_plover_jsonl(filled, tmp_path):
    out = tmp_path / "events.jsonl"
    n = export_events(filled, "jsonl", out, EventFilter(statuses=("asserted",)))
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    expected = {s.id: s for s in filled.events(EventFilter(statuses=("asserted",)))}
    assert n == len(records) == len(expected) > 0
    for r in records:
        e = expected[r["id"]].event
        assert (r["event_type"], r["mode"], r["status"]) == (e.type, e.mode, "asserted")
        assert r["trigger"]["text"] == e.trigger.text
        assert [a["text"] for a in r["actor"]] == [a.text for a in e.actor]
        assert r["source"]["article_id"] == expected[r["id"]].article_id


def test_geojson(filled, tmp_path):
    out = tmp_path / "events.geojson"
    n = export_events(filled, "geojson", out)
    collection = json.loads(out.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == n > 0
    located = [f for f in collection["features"] if f["geometry"]]
    assert located
    by_id = {s.id: s.event for s in filled.events()}
    for f in located:
        loc = by_id[f["id"]].location
        assert f["geometry"] == {"type": "Point", "coordinates": [loc.lon, loc.lat]}


def test_parquet(filled, tmp_path):
    out = tmp_path / "events.parquet"
    flt = EventFilter(text="قوات")
    n = export_events(filled, "parquet", out, flt)
    table = pq.read_table(out)
    assert table.num_rows == n == len(list(filled.events(flt))) > 0
    assert table.column_names[:len(ACLED_COLUMNS)] == list(ACLED_COLUMNS)
    assert str(table.schema.field("fatalities").type) == "int64"
    ids = set(table.column("id").to_pylist())
    assert ids == {s.id for s in filled.events(flt)}


def test_cli_ingest_list_show_export(db_url, tmp_path):
    path = tmp_path / "gold.jsonl"
    write_gold_jsonl(path, limit=5)
    runner = CliRunner()
    result = runner.invoke(main, ["ingest", "--db", db_url, "--no-progress", str(path)])
    assert result.exit_code == 0, result.output
    assert "stored     5" in result.output
    listing = runner.invoke(main, ["events", "list", "--db", db_url, "--limit", "3"])
    assert listing.exit_code == 0 and len(listing.output.splitlines()) == 1 + min(3, 0) or listing.output
    out = tmp_path / "x.csv"
    exported = runner.invoke(main, ["export", "--db", db_url, "--format", "csv", "-o", str(out)])
    assert exported.exit_code == 0, exported.output
    assert out.read_text(encoding="utf-8").startswith(",".join(ACLED_COLUMNS))
    missing = runner.invoke(main, ["events", "show", "--db", db_url, "nope"])
    assert missing.exit_code != 0 and "no event" in missing.output
