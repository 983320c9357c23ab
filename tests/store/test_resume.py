"""A `rasd ingest` killed with SIGKILL at random moments leaves a consistent store, and a
re-run finishes the work with nothing lost and nothing doubled."""
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select

from rasd.store import Store
from rasd.store import schema as t

from test_ingest import CORPUS, snapshot

RASD = [sys.executable, "-c", "from rasd.cli import main; main()"]


def _consistent(store: Store) -> None:
    """Every document has its article, every article its sentences; no orphans anywhere."""
    with store.engine.connect() as conn:
        orphans = conn.execute(select(func.count()).select_from(t.documents).where(
            ~t.documents.c.article_id.in_(select(t.articles.c.id)))).scalar_one()
        without_sentences = conn.execute(select(func.count()).select_from(t.articles).where(
            ~t.articles.c.id.in_(select(t.sentences.c.article_id)))).scalar_one()
        unheld = conn.execute(select(func.count()).select_from(t.articles).where(
            ~t.articles.c.id.in_(select(t.documents.c.article_id)))).scalar_one()
    assert (orphans, without_sentences, unheld) == (0, 0, 0)


def _committed(db_url: str) -> int:
    with Store.open(db_url) as store, store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(t.documents)).scalar_one()


def test_sigkill_then_resume(db_url, tmp_path):
    subset = tmp_path / "subset.jsonl"
    lines = (CORPUS / "bbc_arabic_2016_2017.jsonl").read_text(encoding="utf-8").splitlines()[:40]
    subset.write_text("\n".join(lines) + "\n", encoding="utf-8")
    sources = [str(subset)]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
    command = [*RASD, "ingest", "--db", db_url, "--batch-size", "1", "--no-progress", *sources]
    rng = random.Random(5)
    stored_after_kill = []
    for _ in range(3):
        before = _committed(db_url)
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # Wait for this run to commit something, then kill it at a random moment of what follows
        # (mid-batch, mid-transaction or between batches).
        deadline = time.monotonic() + 60
        while _committed(db_url) == before and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        # Short enough that the run is still going: on a quiet machine 40 small articles take a
        # few seconds, and a kill after the end would test nothing.
        time.sleep(rng.uniform(0.0, 0.25))
        process.send_signal(signal.SIGKILL)
        process.wait()
        with Store.open(db_url) as store:
            _consistent(store)
            stored_after_kill.append(len(snapshot(store)["articles"]))
    finished = subprocess.run(command, env=env, capture_output=True, text=True)
    assert finished.returncode in (0, 1), finished.stderr
    # The reference: one uninterrupted run, right after (same code on disk as the runs above).
    reference_db = str(tmp_path / "reference.sqlite")
    subprocess.run([*RASD, "ingest", "--db", reference_db, "--no-progress", *sources], env=env, check=False)
    with Store.open(reference_db) as reference:
        expected = snapshot(reference)
    with Store.open(db_url) as store:
        _consistent(store)
        assert snapshot(store) == expected
        statuses = [r["status"] for r in store.runs()]
    assert statuses[-1] == "completed" and statuses.count("interrupted") >= 1
    assert stored_after_kill == sorted(stored_after_kill)  # kills never lose committed work
