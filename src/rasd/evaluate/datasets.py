"""Readers for the shared evaluation data: gold-dev articles and gsr-dev sentences."""
from __future__ import annotations

import csv
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Optional

from ..model import RawDocument

GSR_TYPES = ("ASSAULT", "PROTEST")


def shared_data_dir(explicit: Optional[str] = None) -> Path:
    """The shared data folder: --data, else $RASD_SHARED_DATA, else ../shared/data."""
    return Path(explicit or os.environ.get("RASD_SHARED_DATA") or "../shared/data")


@dataclass
class GoldArticle:
    id: str
    raw: RawDocument
    events: list[dict[str, Any]]


def load_gold(gold_dir: Path) -> list[GoldArticle]:
    articles = []
    for path in sorted(gold_dir.glob("*.json")):
        d = json.loads(path.read_text(encoding="utf-8"))
        raw = RawDocument(source=str(path), text=d["text"], title=d.get("title"), external_id=d["id"],
                          outlet=d.get("outlet"), published=d.get("published"))
        articles.append(GoldArticle(d["id"], raw, d["events"]))
    return articles


@dataclass
class GsrSentence:
    id: str
    type: str
    label: str  # yes | easy no | difficult no | ambiguous
    text: str

    @property
    def positive(self) -> Optional[bool]:
        """True/False for scoring; None for ambiguous rows, which are left out."""
        if self.label == "ambiguous":
            return None
        return self.label == "yes"


def load_gsr(gsr_dir: Path, event_type: str) -> Iterator[GsrSentence]:
    path = gsr_dir / f"{event_type.lower()}_gsr.csv"
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            yield GsrSentence(row["id"], row["event_type"], row["label"].strip(), row["text"])
