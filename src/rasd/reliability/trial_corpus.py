"""The corpus the crash and concurrency trials ingest: real articles when given (the bundled
sample by default), plus generated documents that must fail (so errors are stored too)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional, Sequence

from .articles import ARTICLE, article_text

SAMPLE = Path("samples") / "almayadeen_northeast.jsonl"  # relative to the repository root


def default_sources() -> list[str]:
    return [str(SAMPLE)] if SAMPLE.is_file() else []


def build_trial_corpus(folder: Path, sources: Optional[Sequence[str]] = None, generated: int = 12) -> list[str]:
    """``sources`` (or the bundled sample) plus a JSONL of ``generated`` articles with broken lines,
    an empty file, a binary file and a Windows-1256 article."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = []
    for n in range(generated):
        lines.append(json.dumps({"id": f"generated-{n}", "text": article_text(n)}, ensure_ascii=False))
        if n % 4 == 3:
            lines.append('{"id": "broken-%d", "text": ' % n)
    (folder / "generated.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (folder / "legacy.txt").write_bytes(ARTICLE.encode("cp1256"))
    given = list(sources) if sources is not None else default_sources()
    return given + [str(folder / name) for name in ("generated.jsonl", "empty.txt", "image.txt", "legacy.txt")]
