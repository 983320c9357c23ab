"""``ingest_dask``: partitions go to the cluster a few at a time; finished ones are loaded in
corpus order while the others compute. At most ``in_flight`` partitions are submitted and not
yet loaded, so the client's memory stays bounded on any corpus size.

The staging folder (Parquet) must be reachable by the workers and by the client under the same
path (a local cluster, or a shared file system). A killed run resumes: partitions already
written are not computed again, and loading skips what is stored.
"""
from __future__ import annotations

import hashlib
import shutil
import time
from collections import deque
from pathlib import Path
from typing import Optional, Sequence

from ..progress import Progress, RunSummary
from ..settings import DEFAULT_SETTINGS, Settings
from ..store import Store
from ..store.ingest import estimate_total
from ..store.versions import code_version, lexicon_version
from ..store.dedupe import refresh_cluster_sizes
from .loader import load_partition
from .partitions import TARGET_BYTES, plan_partitions
from .worker import PipelineFactory, run_partition

LOCAL = "local"  # --dask local: start a cluster of local worker processes


def default_staging(sources: Sequence[str], settings: Settings) -> Path:
    """A folder per corpus and versions, so a resumed run finds the partitions it wrote."""
    digest = hashlib.sha256("\0".join([*map(str, sources), code_version(), lexicon_version(settings)]).encode())
    return Path(".rasd-dask") / digest.hexdigest()[:16]


def _client(address, workers: int):
    from distributed import Client, LocalCluster
    if not isinstance(address, str):
        return address, None  # a Client given by the caller (tests, notebooks)
    if address == LOCAL:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        return Client(cluster), cluster
    return Client(address), None


def ingest_dask(store: Store, sources: Sequence[str], address, settings: Settings = DEFAULT_SETTINGS,
                batch_size: int = 100, workers: int = 2, staging: Optional[Path] = None,
                progress: Optional[bool] = None, pipeline_factory: Optional[PipelineFactory] = None,
                target_bytes: int = TARGET_BYTES, in_flight: Optional[int] = None,
                keep_staging: bool = False) -> RunSummary:
    """Run the pipeline on a Dask cluster (an address, ``"local"`` or a ``distributed.Client``)
    and bulk-load the results; returns the run summary."""
    started = time.monotonic()
    default = staging is None
    staging = Path(staging or default_staging(sources, settings)).resolve()
    run_id = store.start_run("dask", {"sources": list(sources), "address": str(address),
                                      "batch_size": batch_size, "staging": str(staging)}, settings)
    summary = RunSummary(run_id=run_id)
    versions = (code_version(), lexicon_version(settings))
    bar = Progress(estimate_total(sources) if progress is not False else None, "ingest (dask)", enabled=progress)
    status = "failed"
    client, cluster = _client(address, workers)
    try:
        limit = in_flight or 2 * max(1, len(client.scheduler_info().get("workers", {})) or workers)
        queue: deque = deque()

        def load_first() -> None:
            part, future = queue.popleft()
            future.result()  # a worker's exception surfaces here
            bar.advance(load_partition(store, staging, part.name, run_id, versions, summary, batch_size))
            summary.seconds = time.monotonic() - started
            store.update_run(run_id, summary)

        for part in plan_partitions(sources, settings, target_bytes):
            queue.append((part, client.submit(run_partition, part, settings, str(staging), pipeline_factory,
                                              versions, run_id, pure=False)))
            if len(queue) >= limit:
                load_first()
        while queue:
            load_first()
        with store.begin() as conn:
            refresh_cluster_sizes(conn)  # n_sources on every member (the batches wrote heads and joiners)
        status = "completed"
    except KeyboardInterrupt:
        status = "interrupted"
        raise
    finally:
        bar.close()
        if cluster is not None:
            client.close()
            cluster.close()
        summary.seconds = time.monotonic() - started
        store.update_run(run_id, summary, status)
    if status == "completed" and not keep_staging:
        shutil.rmtree(staging, ignore_errors=True)
        if default and not any(staging.parent.iterdir()):
            staging.parent.rmdir()  # .rasd-dask itself, when no other run left partitions there
    return summary
