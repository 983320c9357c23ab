"""Exports of stored events: ACLED-layout CSV, PLOVER JSONL, GeoJSON, Parquet."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional, Union

from ..query import EventFilter
from ..store import Store
from .acled_csv import ACLED_COLUMNS, acled_row, write_csv
from .geojson import write_geojson
from .parquet import write_parquet
from .plover import plover_record, write_jsonl

FORMATS = ("csv", "jsonl", "geojson", "parquet")
TEXT_WRITERS = {"csv": write_csv, "jsonl": write_jsonl, "geojson": write_geojson}


def export_events(store: Store, fmt: str, output: Optional[Union[str, Path]] = None,
                  flt: EventFilter = EventFilter(), order: str = "date") -> int:
    """Write the events matching ``flt`` to ``output`` (stdout when None; Parquet needs a file)."""
    events = store.events(flt, order=order)
    if fmt == "parquet":
        if output is None:
            raise ValueError("Parquet is a binary format: give an output file")
        return write_parquet(events, output)
    writer = TEXT_WRITERS[fmt]
    if output is None:
        return writer(events, sys.stdout)
    with open(output, "w", encoding="utf-8", newline="") as out:
        return writer(events, out)


__all__ = ["ACLED_COLUMNS", "FORMATS", "acled_row", "export_events", "plover_record"]
