"""The ingest parent's share, measured alone: documents are prepared once (pipeline, rows,
signatures: the workers' job) and cached; then only what the parent does for them (claims,
the batch writer, merges, run bookkeeping) is run and timed in CPU seconds, with the number of
SQL statements per article and, with --profile, a cProfile listing.

    .venv/bin/python bench/profile_writer.py --n 1000 --cache /tmp/prepared-1000.pickle [--profile]
"""
from __future__ import annotations

import argparse
import cProfile
import pickle
import pstats
import resource
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

from sqlalchemy import event  # noqa: E402

from bench_ingest import write_corpus  # noqa: E402
from rasd.ingest import read_sources  # noqa: E402
from rasd.progress import Progress, RunSummary  # noqa: E402
from rasd.settings import DEFAULT_SETTINGS  # noqa: E402
from rasd.store import Store  # noqa: E402
from rasd.store.ingest import _batches, _Run  # noqa: E402
from rasd.store.parallel import Analyser, preparer  # noqa: E402
from rasd.store.versions import code_version, lexicon_version  # noqa: E402
from rasd.store.writer import Prepared, utcnow  # noqa: E402
from rasd.store.dedupe import new_members  # noqa: E402
try:
    from rasd.store.dedupe import merge_profile  # noqa: E402
except ImportError:  # store code before incremental clusters (for A/B runs)
    merge_profile = None
try:
    from rasd.store.dedupe import refresh_cluster_sizes  # noqa: E402
except ImportError:
    refresh_cluster_sizes = None
try:
    from rasd.store.rows import serialize_json  # noqa: E402
except ImportError:  # store code before JSON columns were encoded by the workers
    serialize_json = None


def prepared_batches(n: int, batch_size: int, cache: Path, workers: int = 1) -> list:
    """[(batch of inputs, their prepared results)], computed once and cached in ``cache`` (a
    cache of more articles serves: its first ``n``)."""
    if cache.exists():
        batches, count = [], 0
        for batch, results in pickle.loads(cache.read_bytes()):
            if count >= n:
                break
            batches.append((batch[:n - count], results[:n - count]))
            count += len(batches[-1][0])
        for _, results in batches:  # a cache from before workers made the merge members (and profiles)
            for item in results:
                if isinstance(item, Prepared) and "members" not in item.__dict__:
                    a = item.rows.analysis
                    item.members = new_members(a["events"], a["event_participants"], a["event_mentions"])
                elif isinstance(item, Prepared) and merge_profile is not None:
                    for member in item.members:
                        merge_profile(member)  # the workers' job
                if isinstance(item, Prepared) and serialize_json is not None:
                    serialize_json("articles", [item.rows.article])  # the workers' job too
                    for name, rows in item.rows.analysis.items():
                        serialize_json(name, rows)
        return batches
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        write_corpus(corpus, n)
        versions = (code_version(), lexicon_version(DEFAULT_SETTINGS))
        with Analyser(DEFAULT_SETTINGS, workers) as analyser:
            batches = list(analyser.map_batches(preparer(*versions, None),
                                                _batches(iter(read_sources([str(corpus)], DEFAULT_SETTINGS)),
                                                         batch_size)))
    cache.write_bytes(pickle.dumps(batches))
    return batches


def write_all(store: Store, batches: list, report_every: int = 0) -> RunSummary:
    """Write the batches as an ingest does; with ``report_every``, print the parent's CPU per
    article over each window of that many articles (does the cost grow with the store?)."""
    versions = (code_version(), lexicon_version(DEFAULT_SETTINGS))
    run_id = store.start_run("ingest", {}, DEFAULT_SETTINGS)
    summary = RunSummary(run_id=run_id)
    run = _Run(store, run_id, utcnow(), summary, Progress(None, "", enabled=False))
    done, mark, cpu_mark = 0, 0, time.process_time()
    for batch, results in batches:
        for todo in run.to_analyse(iter([batch])):
            mine = {id(x) for x in todo}
            run.write([r for x, r in zip(batch, results) if id(x) in mine], versions)
            store.update_run(run_id, summary)
        done += len(batch)
        if report_every and done - mark >= report_every:
            cpu = time.process_time()
            print(f"  articles {mark + 1}-{done}: parent CPU {1000 * (cpu - cpu_mark) / (done - mark):.2f} ms/article "
                  f"(merges so far {summary.merges}, max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB)",
                  flush=True)
            mark, cpu_mark = done, time.process_time()
    if refresh_cluster_sizes is not None:
        with store.begin() as conn:  # as ingest_sources does at the end of a run
            refresh_cluster_sizes(conn)
    run.claims.release_all()
    store.update_run(run_id, summary, "completed")
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--batch-size", type=int, default=100)
    parser.add_argument("--cache", type=Path, required=True)
    parser.add_argument("--db", help="database (default: a new SQLite file)")
    parser.add_argument("--keep", type=Path, help="keep the SQLite database here")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--workers", type=int, default=1, help="to prepare the cache")
    parser.add_argument("--report-every", type=int, default=0, metavar="N",
                        help="print the parent's CPU per article over every N articles")
    args = parser.parse_args()
    batches = prepared_batches(args.n, args.batch_size, args.cache, args.workers)
    n = sum(len(b) for b, _ in batches)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(args.keep or Path(tmp) / "store.sqlite")
        with Store.open(db) as store:
            statements = [0, 0]

            @event.listens_for(store.engine, "before_cursor_execute")
            def count(conn, cursor, statement, parameters, context, executemany):
                statements[0] += 1
                statements[1] += len(parameters) if executemany else 1

            profiler = cProfile.Profile() if args.profile else None
            cpu = time.process_time()
            if profiler:
                profiler.enable()
            summary = write_all(store, batches, args.report_every)
            if profiler:
                profiler.disable()
            cpu = time.process_time() - cpu
    print(f"{n} articles: parent CPU {cpu:.2f} s = {1000 * cpu / n:.2f} ms/article; "
          f"{statements[0] / n:.1f} statements ({statements[1] / n:.1f} rows) per article; "
          f"stored {summary.stored} duplicates {summary.duplicates} events {summary.events} merges {summary.merges}")
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(30)


if __name__ == "__main__":
    main()
