"""Per-sentence gsr-dev predictions, for diffing two versions of the trigger and gating lexicons.

    .venv/bin/python scripts/gsr_dump.py OUT.tsv

Writes one line per labelled sentence: type, id, gold (1/0), predicted (1/0), text. ``diff`` two
such files to see which sentences a change turned positive or negative.
"""
from __future__ import annotations

import sys

from rasd.evaluate.datasets import load_gsr, shared_data_dir
from rasd.evaluate.runner import GSR_TYPES, sentence_types
from rasd.pipeline import Pipeline


def main(out_path: str) -> None:
    pipeline = Pipeline()
    gsr_dir = shared_data_dir() / "gsr-dev"
    with open(out_path, "w", encoding="utf-8") as out:
        for event_type in GSR_TYPES:
            for sent in load_gsr(gsr_dir, event_type):
                if sent.positive is None:
                    continue
                predicted = event_type in sentence_types(pipeline, sent.text, f"gsr:{sent.id}")
                out.write(f"{event_type}\t{sent.id}\t{int(sent.positive)}\t{int(predicted)}\t{sent.text}\n")


if __name__ == "__main__":
    main(sys.argv[1])
