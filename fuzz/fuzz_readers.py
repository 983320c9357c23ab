"""atheris harness: the readers (text, HTML, JSONL, WARC, feed) on arbitrary bytes.

A reader may accept a document or reject it with a DocumentError / DocumentRejected; any other
exception is a crash. Run (not in CI; see docs/reliability.md):

    .venv/bin/python fuzz/fuzz_readers.py -max_total_time=300 fuzz/corpus/readers
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from rasd.errors import DocumentRejected
    from rasd.ingest import read_path
    from rasd.ingest.sniff import KINDS
    from rasd.model import DocumentError, RawDocument
    from rasd.settings import Settings

FOLDER = Path(tempfile.mkdtemp(prefix="rasd-fuzz-"))
SETTINGS = {kind: Settings(input_format=kind, feed_fetch_links=False, max_document_bytes=1_000_000) for kind in KINDS}


def check(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    kind = KINDS[fdp.ConsumeIntInRange(0, len(KINDS) - 1)]
    path = FOLDER / f"doc-{os.getpid()}"
    path.write_bytes(fdp.ConsumeBytes(fdp.remaining_bytes()))
    try:
        for item in read_path(path, SETTINGS[kind]):
            assert isinstance(item, (RawDocument, DocumentError)), type(item)
            if isinstance(item, RawDocument):
                assert isinstance(item.text, str) and item.text.strip(), "an accepted document without text"
    except DocumentRejected:
        pass  # a clear per-document error: what a bad file should give


def main() -> None:
    atheris.Setup(sys.argv, check)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
