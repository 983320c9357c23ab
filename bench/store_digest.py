"""A digest of what a store holds, table by table, to check that a change to the writer leaves
the same database content: every row of every content table, in key order, without the columns
that record when (stored_at, updated_at, created_at) — those differ between any two runs.

    .venv/bin/python bench/store_digest.py A.sqlite [B.sqlite]    # with two: compared, diffs shown
"""
from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from sqlalchemy import create_engine, select  # noqa: E402

from rasd.store import schema as t  # noqa: E402

SKIPPED_TABLES = {"runs", "ingest_claims", "watch_sources", "watch_links", "watch_deliveries", "saved_alerts"}
WHEN = {"stored_at", "updated_at", "created_at", "claimed_at", "expires_at"}


def table_rows(db: str, table) -> list[str]:
    engine = create_engine(f"sqlite:///{db}")
    columns = [c for c in table.c if c.name not in WHEN]
    with engine.connect() as conn:
        rows = conn.execute(select(*columns)).all()
    engine.dispose()
    return sorted(json.dumps(list(r), ensure_ascii=False, default=repr) for r in rows)


def digest(db: str) -> dict[str, tuple[int, str]]:
    out = {}
    for table in t.metadata.sorted_tables:
        if table.name in SKIPPED_TABLES:
            continue
        rows = table_rows(db, table)
        out[table.name] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest()[:16])
    return out


def main() -> None:
    dbs = sys.argv[1:]
    digests = [digest(db) for db in dbs]
    same = True
    for name in digests[0]:
        values = [d[name] for d in digests]
        differs = len(set(values)) > 1
        same &= not differs
        print(f"{name:22s} " + "  ".join(f"{n:8d} {h}" for n, h in values) + ("  DIFFERENT" if differs else ""))
        if differs and len(dbs) == 2:
            a, b = (set(table_rows(db, t.metadata.tables[name])) for db in dbs)
            for row in sorted(a - b)[:3]:
                print("   only in first: ", row[:300])
            for row in sorted(b - a)[:3]:
                print("   only in second:", row[:300])
    if len(dbs) == 2:
        print("SAME CONTENT" if same else "CONTENT DIFFERS")
        sys.exit(0 if same else 1)


if __name__ == "__main__":
    main()
