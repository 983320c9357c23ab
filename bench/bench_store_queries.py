"""Filtered event queries on a store of 1,000,000 synthetic events: p95 latency on SQLite and PostgreSQL.

    .venv/bin/python bench/bench_store_queries.py [--events 1000000] [--db sqlite|postgresql|both]
        [--sqlite-file PATH]   (build the SQLite store once, reuse it on later runs)
        [--pg-db NAME]         (the same for PostgreSQL: a database kept on the server)

Events are generated with skewed, realistic distributions (types as in conflict news, a few
governorates and actors dominating, Zipf-distributed words from corpus-dev for the text) and
bulk-loaded through the real schema (migrations, indexes, FTS5 / pg_trgm). Each query goes
through ``Store.events`` (first page of 100, newest first, participants and spans loaded).
Prints the figures; not a timed test.
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import re
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

import psycopg

from rasd.normalize import normalize
from rasd.store import EventFilter, Store

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / ".." / "shared" / "data" / "corpus-dev" / "almayadeen_2023_2024_syria.jsonl"
PG_SERVER = "postgresql://root@127.0.0.1:5432/postgres"
TYPES = {"ASSAULT": 35, "CONSULT": 12, "ACCUSE": 9, "COERCE": 8, "MOBILIZE": 6, "REQUEST": 6, "AGREE": 5,
         "PROTEST": 5, "SUPPORT": 3, "REJECT": 3, "THREATEN": 3, "AID": 2, "RETREAT": 1, "COOPERATE": 1,
         "SANCTION": 1, "CONCEDE": 0.5}
ADMIN1 = {"Aleppo": 18, "Idlib": 16, "Deir ez-Zor": 12, "Al-Hasakah": 10, "Rif Dimashq": 9, "Damascus": 7,
          "Homs": 6, "Hama": 6, "Daraa": 5, "Raqqa": 5, "Latakia": 2, "Quneitra": 2, "Tartus": 1, "As-Sweida": 1}
PAGE = 100
RUNS = 60


def vocabulary() -> list[str]:
    words: dict[str, int] = {}
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        for w in re.findall(r"[\u0621-\u064a]{3,}", normalize(json.loads(line)["text"])):
            words[w] = words.get(w, 0) + 1
    return [w for w, _ in sorted(words.items(), key=lambda kv: -kv[1])][:20000]


def generate(n: int, rng: random.Random, vocab: list[str]):
    """Yields (article row, event row, participant rows) tuples, deterministically."""
    actors = [f"actor.synthetic_{i}" for i in range(400)]
    types, type_w = list(TYPES), list(TYPES.values())
    admins, admin_w = list(ADMIN1), list(ADMIN1.values())
    zipf = list(itertools.accumulate(1 / (i + 1) for i in range(len(vocab))))  # cumulative: fast choices
    actor_w = list(itertools.accumulate(1 / (i + 1) ** 1.1 for i in range(len(actors))))
    for i in range(n):
        day = rng.randrange(0, 13 * 365)
        date = time.strftime("%Y-%m-%d", time.gmtime(1325376000 + day * 86400))
        admin1 = rng.choices(admins, admin_w)[0]
        words = rng.choices(vocab, cum_weights=zipf, k=28)
        yield i, date, rng.choices(types, type_w)[0], admin1, " ".join(words), rng.choices(actors, cum_weights=actor_w, k=2)


def rows(n: int, seed: int, vocab: list[str]):
    rng = random.Random(seed)
    for i, date, etype, admin1, text, (a1, a2) in generate(n, rng, vocab):
        eid = f"ev{i:08d}"
        aid = f"ar{i // 4:08d}"  # four events per article, as in real articles
        event = {"id": eid, "coder_id": "e0", "article_id": aid, "type": etype, "status": "asserted",
                 "trigger_start": 0, "trigger_end": 4, "trigger_text": text[:4], "trigger_field": "text",
                 "admin1": admin1, "admin1_key": normalize(admin1).casefold(), "event_date": date,
                 "date_precision": "day", "note_en": "", "code_version": "bench", "lexicon_version": "bench",
                 "text_norm": text, "n_sources": 1, "fatalities": rng.choice([None, 0, 1, 2, 5])}
        parts = [{"event_id": eid, "role": role, "idx": 0, "text": key, "actor_id": key, "actor_key": key,
                  "text_norm": key, "event_date": date} for role, key in (("actor", a1), ("recipient", a2))]
        yield aid, event, parts


def load(store: Store, n: int, vocab: list[str]) -> float:
    from rasd.store import schema as t
    started = time.perf_counter()
    batch_articles, batch_events, batch_parts = [], [], []
    now = time.strftime("%Y-%m-%d %H:%M:%S")
    from datetime import datetime
    stamp = datetime.fromisoformat(now)

    def flush():
        with store.begin() as conn:
            if batch_articles:
                conn.execute(t.articles.insert(), batch_articles)
            conn.execute(t.events.insert(), batch_events)
            conn.execute(t.event_participants.insert(), batch_parts)
        batch_articles.clear(), batch_events.clear(), batch_parts.clear()

    for aid, event, parts in rows(n, 7, vocab):
        if int(event["id"][2:]) % 4 == 0:  # the first event of each article brings its article
            batch_articles.append({"id": aid, "text": "", "text_norm": "", "exclusive": False,
                                   "code_version": "bench", "lexicon_version": "bench",
                                   "stored_at": stamp, "updated_at": stamp})
        batch_events.append(event)
        batch_parts.extend(parts)
        if len(batch_events) >= 20000:
            flush()
            print(f"  loaded {int(event['id'][2:]) + 1:,} events", file=sys.stderr, end="\r")
    if batch_events:
        flush()
    if store.dialect == "postgresql":  # what autovacuum does after a bulk load (visibility map too)
        with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")
    else:
        with store.engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")
    return time.perf_counter() - started


def _backend_cpu(store: Store) -> float:
    """CPU seconds used so far by the PostgreSQL server processes serving this database (the
    server runs on this machine: /proc); 0 on SQLite, whose work is in our own process time."""
    if store.dialect != "postgresql":
        return 0.0
    with store.engine.connect() as conn:
        pids = conn.exec_driver_sql("select pid from pg_stat_activity where datname = current_database()").scalars().all()
    ticks = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
        except OSError:  # not visible here (another user's process, a remote server)
            pass
    return ticks / os.sysconf("SC_CLK_TCK")


def p95(store: Store, make_filter, rng: random.Random) -> tuple[float, float, float, float, float]:
    """Wall-clock median, p95, max; our process's CPU p95 (on SQLite all the query work);
    mean CPU per query of our process plus the server's backends (PostgreSQL)."""
    times, cpus = [], []
    server_before, client_before = _backend_cpu(store), time.process_time()
    for _ in range(RUNS):
        flt = make_filter(rng)
        started, cpu = time.perf_counter(), time.process_time()
        found = list(store.events(flt, limit=PAGE))
        times.append((time.perf_counter() - started) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
        assert len(found) <= PAGE
    total_cpu = (_backend_cpu(store) - server_before) + (time.process_time() - client_before)
    times.sort()
    cpus.sort()
    return (statistics.median(times), times[int(0.95 * len(times)) - 1], times[-1],
            cpus[int(0.95 * len(cpus)) - 1], total_cpu * 1000 / RUNS)


def bench(store: Store, label: str, n: int, vocab: list[str]) -> None:
    if store.count_events() >= n:  # a kept file (--sqlite-file) from an earlier run
        print(f"{label}: {store.count_events():,} events (reused)")
    else:
        seconds = load(store, n, vocab)
        print(f"{label}: {n:,} events stored in {seconds:.0f}s ({n / seconds:,.0f}/s)")
    admins = list(ADMIN1)
    queries = {
        "type + admin1 + 90-day range": lambda r: EventFilter(
            types=(r.choice(["ASSAULT", "CONSULT", "COERCE", "PROTEST"]),), admin1=r.choice(admins),
            date_from=(d := f"{r.randrange(2012, 2025)}-{r.randrange(1, 10):02d}-01"),
            date_to=d[:5] + f"{int(d[5:7]) + 3:02d}-01"),
        "actor (Zipf-popular to rare)": lambda r: EventFilter(actor=f"actor.synthetic_{r.randrange(0, 400)}"),
        "text (one word, normalized)": lambda r: EventFilter(text=r.choice(vocab[50:3000])),
        "text + type + year": lambda r: EventFilter(text=r.choice(vocab[20:2000]), types=("ASSAULT",),
                                                    date_from=f"{(y := r.randrange(2012, 2025))}-01-01",
                                                    date_to=f"{y}-12-31"),
    }
    rng = random.Random(11)
    print(f"  load average {' '.join(f'{x:.1f}' for x in os.getloadavg())} ({os.cpu_count()} CPUs)")
    for name, make in queries.items():
        median, q95, worst, cpu95, cpu_mean = p95(store, make, rng)
        print(f"  {name:32} median {median:7.1f} ms   p95 {q95:7.1f} ms   max {worst:7.1f} ms   "
              f"CPU p95 {cpu95:6.1f} ms, mean (+server) {cpu_mean:6.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000, help="Synthetic events to load.")
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both", help="Which database.")
    parser.add_argument("--sqlite-file", help="Keep the SQLite store in this file and reuse it on later runs.")
    parser.add_argument("--pg-db", help="Keep the PostgreSQL store in this database and reuse it on later runs.")
    args = parser.parse_args()
    vocab = vocabulary()
    if args.db in ("sqlite", "both") and args.sqlite_file:
        with Store.open(args.sqlite_file) as store:
            bench(store, "SQLite", args.events, vocab)
    elif args.db in ("sqlite", "both"):
        with tempfile.TemporaryDirectory() as tmp:
            with Store.open(str(Path(tmp) / "bench.sqlite")) as store:
                bench(store, "SQLite", args.events, vocab)
    if args.db in ("postgresql", "both"):
        name = args.pg_db or f"rasd_bench_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(PG_SERVER, autocommit=True) as admin:
            if not admin.execute("select 1 from pg_database where datname = %s", (name,)).fetchone():
                admin.execute(f'CREATE DATABASE "{name}"')
        try:
            with Store.open(PG_SERVER.rsplit("/", 1)[0] + f"/{name}") as store:
                bench(store, "PostgreSQL", args.events, vocab)
        finally:
            if not args.pg_db:
                with psycopg.connect(PG_SERVER, autocommit=True) as admin:
                    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
