"""Benchmark: event list queries over HTTP against a SQLite store of 100,000 synthetic events.

Builds the store once (synthetic articles through the store's Python API, kept between runs),
starts `rasd serve` as a real uvicorn process on 127.0.0.1, and drives it with a load generator
(httpx clients in threads). Prints latency percentiles per query kind and overall; the target
is p95 <= 50 ms for event list queries.

    .venv/bin/python bench/bench_api.py [--events 100000] [--requests 2000] [--concurrency 4]
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

from rasd.model import (Article, Event, EventDate, Location, Participant, Provenance, Sentence, Span,
                        content_id)
from rasd.store import Store

TYPES = ["ASSAULT", "COERCE", "MOBILIZE", "PROTEST", "ACCUSE", "REQUEST", "CONSULT", "AGREE", "AID", "THREATEN"]
ACTORS = [("قوات سوريا الديمقراطية", "Syrian Democratic Forces", "actor.sdf"),
          ("الجيش السوري", "Syrian Arab Army", "actor.syr_army"), ("روسيا", "Russia", "actor.rus"),
          ("تركيا", "Turkey", "actor.tur"), ("هيئة تحرير الشام", "Hay'at Tahrir al-Sham", "actor.hts"),
          ("متظاهرون", "Protesters", "actor.protesters"), ("مدنيون", "Civilians", "actor.civilians")]
PLACES = [("الحسكة", "Al-Hasakah", 36.50, 40.75), ("الرقة", "Ar-Raqqa", 35.95, 39.01),
          ("حلب", "Aleppo", 36.20, 37.16), ("إدلب", "Idleb", 35.93, 36.63), ("دمشق", "Damascus", 33.51, 36.29),
          ("درعا", "Dar'a", 32.62, 36.10), ("دير الزور", "Deir-ez-Zor", 35.33, 40.14), ("حمص", "Homs", 34.73, 36.72)]
EVENTS_PER_ARTICLE = 10


def synthetic_article(n: int, rng: random.Random) -> Article:
    """One article with ten events: types, actors, places and dates drawn from small lists."""
    sentences, events = [], []
    text = ""
    for i in range(EVENTS_PER_ARTICLE):
        actor, recipient = rng.sample(ACTORS, 2)
        place = rng.choice(PLACES)
        sentence = f"قالت مصادر إن {actor[0]} استهدفت {recipient[0]} في {place[0]} يوم {n}-{i}. "
        start = len(text)
        text += sentence
        sentences.append(Sentence(start, start + len(sentence), sentence, i))
        trigger = start + sentence.index("استهدفت")
        day = 1 + (n * 7 + i) % 730
        date = time.strftime("%Y-%m-%d", time.gmtime(1_672_531_200 + day * 86400))  # 2023-2024
        jitter = rng.uniform(-0.2, 0.2)
        events.append(Event(
            id=f"e{i}", type=rng.choice(TYPES), mode=None, status=rng.choice(["asserted"] * 8 + ["future", "denied"]),
            trigger=Span(trigger, trigger + 7, "استهدفت"), mentions=[Span(start, start + len(sentence), sentence)],
            actor=[Participant(actor[0], actor[1], actor[2])], recipient=[Participant(recipient[0], recipient[1], recipient[2])],
            location=Location(place[0], place[0], place[1], place[2] + jitter, place[3] + jitter, place[1], None, 2),
            date=EventDate(date, "day"), fatalities=rng.choice([None, None, 0, 1, 2, 5]),
            note_en=f"{actor[1]} targeted {recipient[1]} in {place[1]}.", provenance=Provenance(rules=["bench"])))
    title = f"مقال تجريبي {n}"
    return Article(id=content_id(title, text), text=text, title=title, source=f"bench:{n}", published=None,
                   sentences=sentences, events=events)


def build_store(path: Path, n_events: int) -> None:
    with Store.open(str(path)) as store:
        have = store.count_events()
        if have >= n_events:
            print(f"store {path}: {have:,} events (reused)")
            return
        rng = random.Random(42)
        started = time.monotonic()
        n_articles = n_events // EVENTS_PER_ARTICLE
        store.ingest_articles((synthetic_article(n, rng) for n in range(n_articles)), batch_size=500)
        print(f"store {path}: {store.count_events():,} events written in {time.monotonic() - started:.0f}s")


QUERIES = {
    "all, newest first": {},
    "type": {"type": "ASSAULT"},
    "type+admin1+dates": {"type": "ASSAULT", "admin1": "Al-Hasakah", "date_from": "2023-06-01", "date_to": "2023-09-30"},
    "actor": {"actor": "Syrian Democratic Forces"},
    "status+dates": {"status": "denied", "date_from": "2024-01-01", "date_to": "2024-03-31"},
    "text (Arabic)": {"q": "الحسكه"},
    "bbox": {"bbox": "36.0,33.0,37.0,34.0"},
    "page 50": {"offset": 2500},
    "sort by sources": {"sort": "-sources", "type": "PROTEST"},
}


def run_load(base: str, n_requests: int, concurrency: int) -> dict[str, list[float]]:
    timings: dict[str, list[float]] = {k: [] for k in QUERIES}
    kinds = [list(QUERIES)[i % len(QUERIES)] for i in range(n_requests)]
    random.Random(7).shuffle(kinds)
    lock = threading.Lock()
    position = iter(kinds)
    failures = []

    def worker() -> None:
        with httpx.Client(base_url=base, timeout=30) as client:
            while True:
                with lock:
                    kind = next(position, None)
                if kind is None:
                    return
                started = time.perf_counter()
                response = client.get("/api/events", params={"limit": 50, **QUERIES[kind]})
                elapsed = (time.perf_counter() - started) * 1000
                if response.status_code != 200:
                    failures.append((kind, response.status_code))
                with lock:
                    timings[kind].append(elapsed)

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if failures:
        raise SystemExit(f"{len(failures)} failed requests, e.g. {failures[:3]}")
    return timings


def process_cpu(pid: int) -> float:
    """CPU seconds a process (the server, on this machine) has used so far (/proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000, help="events in the store")
    parser.add_argument("--requests", type=int, default=2000, help="requests to send")
    parser.add_argument("--concurrency", type=int, default=2, help="client threads")
    parser.add_argument("--db", default=str(Path(tempfile.gettempdir()) / "rasd-api-bench.sqlite"),
                        help="SQLite file (built once, reused)")
    parser.add_argument("--port", type=int, default=8799, help="port on 127.0.0.1")
    args = parser.parse_args()
    build_store(Path(args.db), args.events)
    server = subprocess.Popen([str(Path(sys.executable).parent / "rasd"), "serve", "--db", args.db, "--port", str(args.port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{args.port}"
    try:
        for _ in range(200):
            try:
                if httpx.get(base + "/api/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        run_load(base, len(QUERIES) * 3, 1)  # warm-up: caches, connection pool
        load_before = os.getloadavg()
        started, server_cpu = time.monotonic(), process_cpu(server.pid)
        timings = run_load(base, args.requests, args.concurrency)
        seconds = time.monotonic() - started
        server_cpu = process_cpu(server.pid) - server_cpu
    finally:
        server.terminate()
        server.wait(10)
    everything = [t for values in timings.values() for t in values]
    print(f"\n{args.requests} GET /api/events (limit 50, with total) in {seconds:.1f}s, "
          f"{args.requests / seconds:.0f} req/s, {args.concurrency} client threads, 127.0.0.1")
    print(f"server CPU {server_cpu * 1000 / args.requests:.1f} ms per request (all kinds); load average "
          f"{' '.join(f'{x:.1f}' for x in load_before)} before, {' '.join(f'{x:.1f}' for x in os.getloadavg())} "
          f"after ({os.cpu_count()} CPUs)")
    print(f"{'query':22} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for kind, values in timings.items():
        print(f"{kind:22} {len(values):5} {statistics.median(values):8.1f} {percentile(values, 95):8.1f} "
              f"{percentile(values, 99):8.1f}")
    p95 = percentile(everything, 95)
    print(f"{'all':22} {len(everything):5} {statistics.median(everything):8.1f} {p95:8.1f} {percentile(everything, 99):8.1f}")
    print(f"target p95 <= 50 ms: {'met' if p95 <= 50 else 'NOT met'}")


if __name__ == "__main__":
    main()
