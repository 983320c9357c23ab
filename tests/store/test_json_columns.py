"""JSON columns are encoded by the ingest workers (serialize_json) and stored as given; what is
read back is the value, on both databases."""
import json

from rasd.store import schema as t
from rasd.store.engine import JsonText, _json_dumps
from rasd.store.rows import JSON_COLUMNS, serialize_json
from rasd.store.writer import utcnow


def test_json_columns_are_encoded_once_and_passed_through():
    assert set(JSON_COLUMNS["events"]) == {"acled", "provenance", "extra"}
    rows = [{"acled": {"event_type": "Battles", "أ": 1}, "provenance": "plain text", "extra": None}]
    serialize_json("events", rows)
    row = rows[0]
    assert type(row["acled"]) is JsonText and json.loads(row["acled"]) == {"event_type": "Battles", "أ": 1}
    assert "أ" in row["acled"]  # not escaped: the same text the parent used to write
    assert json.loads(row["provenance"]) == "plain text"  # a str value is still a JSON string
    assert row["extra"] is None  # SQL NULL stays NULL
    assert _json_dumps(row["acled"]) is row["acled"]  # the writer does not encode it again
    assert _json_dumps("plain text") == '"plain text"'
    serialize_json("events", rows)  # idempotent
    assert json.loads(row["provenance"]) == "plain text"


def test_a_preencoded_value_reads_back_as_the_value(store):
    with store.begin() as conn:
        rows = serialize_json("runs", [{"kind": "ingest", "status": "completed", "started_at": utcnow(),
                                        "code_version": "c", "lexicon_version": "l",
                                        "arguments": {"sources": ["ملف"]}, "counts": {"read": 3}}])
        conn.execute(t.runs.insert(), rows)
        stored = conn.execute(t.runs.select()).first()
    assert stored.arguments == {"sources": ["ملف"]} and stored.counts == {"read": 3}
