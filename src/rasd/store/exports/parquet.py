"""Parquet: ACLED's columns with their types plus rasd's own (PLOVER type, status, participants).

Written in row groups of ``ROWS_PER_GROUP`` events, so memory stays bounded on any store.
"""
from __future__ import annotations

from typing import Iterable, Union
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ..store import StoredEvent
from .acled_csv import ACLED_COLUMNS, acled_row

ROWS_PER_GROUP = 10_000
INTEGER_COLUMNS = {"year", "time_precision", "inter1", "inter2", "iso", "geo_precision", "fatalities",
                   "timestamp"}
FLOAT_COLUMNS = {"latitude", "longitude"}

SCHEMA = pa.schema(
    [pa.field(c, pa.int64() if c in INTEGER_COLUMNS else pa.float64() if c in FLOAT_COLUMNS else pa.string())
     for c in ACLED_COLUMNS]
    + [pa.field("id", pa.string()), pa.field("article_id", pa.string()), pa.field("plover_type", pa.string()),
       pa.field("mode", pa.string()), pa.field("status", pa.string()),
       pa.field("actors", pa.list_(pa.string())), pa.field("recipients", pa.list_(pa.string())),
       pa.field("attributed_to", pa.string()), pa.field("injuries", pa.int64()),
       pa.field("quad_code", pa.int64()), pa.field("trigger", pa.string())]
)


def parquet_row(stored: StoredEvent) -> dict:
    e = stored.event
    row = acled_row(stored)
    for column in ("interaction",):  # ACLED now also uses text interactions: keep as text
        row[column] = None if row[column] is None else str(row[column])
    for column in ACLED_COLUMNS:
        if column not in INTEGER_COLUMNS | FLOAT_COLUMNS and row[column] is not None:
            row[column] = str(row[column])
    row.update(id=stored.id, article_id=stored.article_id, plover_type=e.type, mode=e.mode, status=e.status,
               actors=[p.name_en or p.text for p in e.actor], recipients=[p.name_en or p.text for p in e.recipient],
               attributed_to=e.attributed_to, injuries=e.injuries, quad_code=e.quad_code, trigger=e.trigger.text)
    return row


def write_parquet(events: Iterable[StoredEvent], path: Union[str, Path]) -> int:
    n = 0
    with pq.ParquetWriter(str(path), SCHEMA) as writer:
        group: list[dict] = []
        for stored in events:
            group.append(parquet_row(stored))
            n += 1
            if len(group) >= ROWS_PER_GROUP:
                writer.write_table(pa.Table.from_pylist(group, schema=SCHEMA))
                group = []
        if group or n == 0:
            writer.write_table(pa.Table.from_pylist(group, schema=SCHEMA))
    return n
