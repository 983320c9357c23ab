"""A digest of what a store holds, table by table, to check that a change to the writer leaves
the same database content: every row of every content table, in key order, without the columns
that record when (stored_at, updated_at, created_at) — those differ between any two runs.

    .venv/bin/python bench/store_digest.py A.sqlite [B.sqlite]    # with two: compared, diffs shown
    .venv/bin/python bench/store_digest.py --clusters A.sqlite B.sqlite   # clusters by members, ids aside
"""
from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from sqlalchemy import create_engine, inspect, select  # noqa: E402

from rasd.store import schema as t  # noqa: E402
import rasd.store.dedupe  # noqa: E402,F401  (its table)

SKIPPED_TABLES = {"runs", "ingest_claims", "watch_sources", "watch_links", "watch_deliveries", "saved_alerts"}
WHEN = {"stored_at", "updated_at", "created_at", "claimed_at", "expires_at"}


def table_rows(db: str, table) -> list[str]:
    engine = create_engine(f"sqlite:///{db}")
    columns = [c for c in table.c if c.name not in WHEN]
    with engine.connect() as conn:
        if not inspect(conn).has_table(table.name):  # a store from before the table's migration
            engine.dispose()
            return []
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


def clusters(db: str) -> dict[frozenset, tuple]:
    """Every cluster by its members (ids aside): member set -> (head event, n_sources of each
    member, the heads' flags), and the merge rule of each member."""
    engine = create_engine(f"sqlite:///{db}")
    e, c, m = t.events, t.event_clusters, t.event_merges
    with engine.connect() as conn:
        members: dict[str, list] = {}
        for eid, cid, n, head in conn.execute(select(e.c.id, e.c.cluster_id, e.c.n_sources, e.c.cluster_head)
                                              .where(e.c.cluster_id.is_not(None))):
            members.setdefault(cid, []).append((eid, n, bool(head)))
        heads = dict(conn.execute(select(c.c.id, c.c.canonical_event_id)).all())
        rules: dict[str, list] = {}
        for cid, eid, rule in conn.execute(select(m.c.cluster_id, m.c.event_id, m.c.rule)):
            rules.setdefault(cid, []).append(rule)
    engine.dispose()
    return {frozenset(x[0] for x in v): (heads.get(cid), tuple(sorted(v)), tuple(sorted(rules.get(cid, ()))))
            for cid, v in members.items()}


def compare_clusters(a: str, b: str) -> bool:
    """Clusters of two stores compared by their members, heads and sizes, whatever their ids."""
    ca, cb = clusters(a), clusters(b)
    same_members = set(ca) == set(cb)
    both = set(ca) & set(cb)
    heads = sum(ca[k][:2] == cb[k][:2] for k in both)
    rules = sum(ca[k][2] == cb[k][2] for k in both)
    print(f"clusters: {len(ca)} / {len(cb)}; same members {len(both)}; of those same head, flags and "
          f"n_sources {heads}, same merge rules {rules}")
    for k in sorted(set(ca) - set(cb), key=sorted)[:5]:
        print("   only in first: ", sorted(k))
    for k in sorted(set(cb) - set(ca), key=sorted)[:5]:
        print("   only in second:", sorted(k))
    return same_members and heads == len(both)


def main() -> None:
    if sys.argv[1] == "--clusters":
        sys.exit(0 if compare_clusters(*sys.argv[2:4]) else 1)
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
