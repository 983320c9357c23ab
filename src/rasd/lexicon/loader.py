"""Read lexicon files into ``LexiconEntry`` objects that remember their file and line."""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Optional, Sequence

import yaml

from ..errors import LexiconError


# libyaml's parser when PyYAML was built with it (its wheels are): the pure-Python scanner took
# most of the pipeline's start-up (about 2 of 3.3 s CPU) on the ~80 lexicon files.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_SafeLoader):
    """SafeLoader that keeps dates as strings, so lint can report a bad date instead of crashing."""


_Loader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

CORE_KEYS = ("id", "name_en", "forms", "valid_from", "valid_to", "source", "note")


@dataclass
class LexiconEntry:
    id: str
    kind: str
    name_en: Optional[str]
    forms: list[str]
    valid_from: Optional[str] = None
    valid_to: Optional[str] = None
    source: Optional[str] = None
    note: Optional[str] = None
    attrs: dict[str, Any] = field(default_factory=dict)
    file: str = ""
    line: int = 0

    def valid_on(self, day: Optional[str]) -> bool:
        """Whether the entry applies on ``day`` (ISO date); unknown day: always."""
        if not day:
            return True
        day = day[:10]
        return (not self.valid_from or self.valid_from <= day) and (not self.valid_to or day <= self.valid_to)


def shipped_dir() -> Path:
    return Path(str(resources.files("rasd") / "data" / "lexicons"))


def lexicon_dirs(extra_dirs: Sequence[Path] = ()) -> list[Path]:
    return [shipped_dir(), *[Path(d) for d in extra_dirs]]


def _as_date(value: Any) -> Optional[str]:
    if value is None or value == "":
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    return str(value)


def _forms(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [f.strip() for f in value.split("|") if f.strip()]
    return [str(f) for f in value]


def _entry(raw: dict[str, Any], kind: str, file: str, line: int) -> LexiconEntry:
    return LexiconEntry(
        id=str(raw.get("id", "")), kind=kind, name_en=raw.get("name_en"),
        forms=_forms(raw.get("forms")), valid_from=_as_date(raw.get("valid_from")),
        valid_to=_as_date(raw.get("valid_to")), source=raw.get("source"), note=raw.get("note"),
        attrs={k: v for k, v in raw.items() if k not in CORE_KEYS}, file=file, line=line,
    )


def _read_yaml(path: Path, kind: str) -> list[LexiconEntry]:
    text = path.read_text(encoding="utf-8")
    loader = _Loader(text)
    try:  # parsed once: the nodes give each entry's line, the data is constructed from them
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = mark.line + 1 if mark else 0
        raise LexiconError(f"{path}:{line}: not valid YAML: {getattr(e, 'problem', e)}") from None
    finally:
        loader.dispose()
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise LexiconError(f"{path}:1: expected a mapping with an 'entries' list")
    entries_node = next(v for k, v in root.value if k.value == "entries")
    result = []
    for node, raw in zip(entries_node.value, data["entries"]):
        if not isinstance(raw, dict):
            raise LexiconError(f"{path}:{node.start_mark.line + 1}: an entry must be a mapping")
        result.append(_entry(raw, data.get("kind", kind), str(path), node.start_mark.line + 1))
    return result


def _read_tsv(path: Path, kind: str) -> list[LexiconEntry]:
    result = []
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        for row in reader:
            raw = {k: (v if v != "" else None) for k, v in row.items() if k is not None}
            result.append(_entry(raw, kind, str(path), reader.line_num))
    return result


def read_lexicon_file(path: Path, kind: str) -> list[LexiconEntry]:
    if path.suffix in (".yaml", ".yml"):
        return _read_yaml(path, kind)
    if path.suffix == ".tsv":
        return _read_tsv(path, kind)
    raise LexiconError(f"{path}:0: unknown lexicon file type (use .yaml or .tsv)")


def lexicon_files(kind: str, extra_dirs: Sequence[Path] = ()) -> list[Path]:
    files = []
    for base in lexicon_dirs(extra_dirs):
        folder = base / kind
        if folder.is_dir():
            files.extend(sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml", ".tsv")))
    return files


def load_lexicon(kind: str, extra_dirs: Sequence[Path] = ()) -> list[LexiconEntry]:
    """All entries of ``kind``; later folders override earlier entries with the same id."""
    by_id: dict[str, LexiconEntry] = {}
    for path in lexicon_files(kind, extra_dirs):
        for entry in read_lexicon_file(path, kind):
            by_id[entry.id] = entry
    return list(by_id.values())


def lexicon_kinds(extra_dirs: Sequence[Path] = ()) -> list[str]:
    kinds = set()
    for base in lexicon_dirs(extra_dirs):
        if base.is_dir():
            kinds.update(p.name for p in base.iterdir() if p.is_dir())
    return sorted(kinds)


def lexicon_version(extra_dirs: Sequence[Path] = ()) -> str:
    """A short hash of every lexicon file's bytes: provenance for events."""
    h = hashlib.sha256()
    for kind in lexicon_kinds(extra_dirs):
        for path in lexicon_files(kind, extra_dirs):
            h.update(path.name.encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:12]


def iter_all(extra_dirs: Sequence[Path] = ()) -> Iterable[tuple[str, Path]]:
    for kind in lexicon_kinds(extra_dirs):
        for path in lexicon_files(kind, extra_dirs):
            yield kind, path
