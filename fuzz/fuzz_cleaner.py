"""atheris harness: the cleaner, normalization and segmentation on arbitrary text.

The cleaner either returns an Article or raises DocumentRejected; every sentence and token
offset must map back to the text. Run (not in CI; see docs/reliability.md):

    .venv/bin/python fuzz/fuzz_cleaner.py -max_total_time=300 fuzz/corpus/cleaner
"""
from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from rasd.clean import clean_document
    from rasd.errors import DocumentRejected
    from rasd.model import RawDocument
    from rasd.normalize import normalize, normalize_with_map
    from rasd.segment import CliticAnalyzer, segment
    from rasd.settings import DEFAULT_SETTINGS

ANALYZER = CliticAnalyzer()


def check(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    title = fdp.ConsumeUnicodeNoSurrogates(fdp.ConsumeIntInRange(0, 80)) if fdp.ConsumeBool() else None
    text = fdp.ConsumeUnicodeNoSurrogates(fdp.remaining_bytes())
    norm = normalize_with_map(text)
    assert norm.text == normalize(text) and len(norm.to_original) == len(norm.text)
    try:
        article = clean_document(RawDocument(source="fuzz", text=text, title=title), DEFAULT_SETTINGS)
    except DocumentRejected:
        return
    for sentence in segment(article.text, ANALYZER):
        assert article.text[sentence.start:sentence.end] == sentence.text
        for token in sentence.tokens:
            assert article.text[token.start:token.end] == token.text


def main() -> None:
    atheris.Setup(sys.argv, check)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
