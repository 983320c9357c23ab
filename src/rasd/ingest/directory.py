"""Folders: every document file below, recursively, in a stable (sorted) order.

Files with a known document extension are read by their reader; files without an extension
(and .xml) are read by content; other files (images, scripts, style sheets) and hidden files or
folders are not documents and are left out.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

from .sniff import EXTENSIONS, SNIFFED_EXTENSIONS, suffix_of


def document_files(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            suffix = suffix_of(name)
            if suffix in EXTENSIONS or suffix in SNIFFED_EXTENSIONS:
                yield Path(root) / name
