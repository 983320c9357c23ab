"""Which code and which lexicons produced an analysis: recorded on runs, articles and events.

The code version is the package version plus a hash of the analysis code (every module except
the store and the CLI, which do not change what is extracted); the lexicon version hashes the
lexicon files shipped in the package and any extra lexicon folders from the settings. A change
in either makes ``rasd reprocess`` recompute the stored articles.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from .. import __version__
from ..settings import Settings

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
NOT_ANALYSIS = ("store", "commands", "api", "dashboard", "cli.py", "progress.py", "output.py")


def _hash_files(root: Path, files: Iterable[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


@lru_cache(maxsize=1)
def code_version() -> str:
    files = [p for p in PACKAGE_ROOT.rglob("*.py")
             if p.relative_to(PACKAGE_ROOT).parts[0] not in NOT_ANALYSIS]
    return f"{__version__}+{_hash_files(PACKAGE_ROOT, files)}"


def lexicon_version(settings: Settings) -> str:
    digest = hashlib.sha256()
    for root in [PACKAGE_ROOT / "data" / "lexicons", *settings.extra_lexicon_dirs]:
        root = Path(root)
        if root.is_dir():
            digest.update(_hash_files(root, (p for p in root.rglob("*") if p.is_file())).encode())
    return digest.hexdigest()[:12]
