"""Name lists the NER features consult: is this word a known place, person or organisation name?

A gazetteer file is TSV with a header ``type<TAB>name``; names are stored in matching form
(``rasd.normalize``). A word gets feature ``TYPE`` when it is a one-word name of that type and
``TYPE~`` when it is part of a longer name, looked up by its matching form and by its stem.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from ..normalize import normalize


@dataclass
class Gazetteer:
    whole: dict[str, frozenset[str]] = field(default_factory=dict)  # word -> types it names alone
    part: dict[str, frozenset[str]] = field(default_factory=dict)  # word -> types it is part of

    @classmethod
    def from_names(cls, names: Iterable[tuple[str, str]]) -> "Gazetteer":
        whole: dict[str, set[str]] = {}
        part: dict[str, set[str]] = {}
        for etype, name in names:
            words = normalize(name).split()
            if len(words) == 1:
                whole.setdefault(words[0], set()).add(etype)
            else:
                for w in words:
                    part.setdefault(w, set()).add(etype)
        return cls({k: frozenset(v) for k, v in whole.items()}, {k: frozenset(v) for k, v in part.items()})

    @classmethod
    def load(cls, path: Path) -> "Gazetteer":
        lines = Path(path).read_text(encoding="utf-8").splitlines()
        if not lines or lines[0].split("\t") != ["type", "name"]:
            raise ValueError(f"{path}: a gazetteer starts with the header 'type<TAB>name'")
        names = []
        for line_no, line in enumerate(lines[1:], 2):
            etype, sep, name = line.partition("\t")
            if not sep or not name.strip():
                raise ValueError(f"{path}:{line_no}: expected 'type<TAB>name'")
            names.append((etype, name))
        return cls.from_names(names)

    def lookup(self, norm: str, stem: str) -> list[str]:
        found: set[str] = set()
        for key in {norm, stem}:
            found.update(self.whole.get(key, ()))
            found.update(t + "~" for t in self.part.get(key, ()))
        return sorted(found)

    def __len__(self) -> int:
        return len(self.whole) + len(self.part)
