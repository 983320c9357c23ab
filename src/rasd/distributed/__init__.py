"""Scale-out on a Dask distributed cluster: ``ingest_dask`` (``rasd ingest --dask ADDRESS``).

The corpus is cut into partitions without listing it (``partitions``), workers run the pipeline
on one partition each and write Parquet (``worker``, ``records``), and the client bulk-loads the
partitions in corpus order through the store's batch writer (``loader``), so the database ends
up exactly as a local ingest leaves it.
"""
from .driver import ingest_dask
from .partitions import Partition, plan_partitions

__all__ = ["Partition", "ingest_dask", "plan_partitions"]
