"""``rasd lexicon lint``: find what is wrong in lexicon files, as ``file:line: problem``."""
from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Optional, Sequence

from ..errors import LexiconError
from ..normalize import normalize
from .loader import LexiconEntry, iter_all, read_lexicon_file
from .matcher import normalize_form

PLOVER_TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
ID_RE = re.compile(r"^[a-z][a-z0-9_]*(\.[A-Za-z0-9_\-]+)+$")
# Kinds whose forms may legitimately name several entries (many villages share a name);
# the recognizer disambiguates them by context.
AMBIGUOUS_KINDS = {"places"}
# Kinds whose entries play different roles: one form may belong to two entries of different roles
# (قريبا marks the future before the act and after it; هتف anchors a protest and is a chant of known
# protesters), never to two entries of the same role.
ROLE_ATTRS = {"cues": ("where", "status"), "gating": ("cue",)}


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


def _is_date(value: Optional[str]) -> bool:
    if value is None:
        return True
    try:
        dt.date.fromisoformat(value)
        return True
    except ValueError:
        return False


def _number_in(lo: float, hi: float) -> Callable[[Any], bool]:
    def check(v: Any) -> bool:
        try:
            return v is None or lo <= float(v) <= hi
        except (TypeError, ValueError):
            return False
    return check


# Per-kind attribute checks: attribute -> (required, validator, what is expected)
ATTRIBUTE_RULES: dict[str, dict[str, tuple[bool, Callable[[Any], bool], str]]] = {
    "actors": {
        "country": (False, lambda v: v is None or bool(re.fullmatch(r"[A-Z]{3}", str(v))), "an ISO3 code like SYR"),
        "acled_type": (False, lambda v: v is None or (isinstance(v, int) and 1 <= v <= 8), "an ACLED inter code 1-8"),
    },
    "places": {
        "lat": (False, _number_in(-90, 90), "a latitude"),
        "lon": (False, _number_in(-180, 180), "a longitude"),
    },
    "triggers": {
        "type": (True, lambda v: v in PLOVER_TYPES, "one of the 16 PLOVER types"),
    },
}


def check_entries(entries: Sequence[LexiconEntry], kind: str) -> list[Problem]:
    problems: list[Problem] = []
    rules = ATTRIBUTE_RULES.get(kind, {})
    for e in entries:
        where = (e.file, e.line)
        if not e.id:
            problems.append(Problem(*where, "entry has no id"))
        elif not ID_RE.match(e.id):
            problems.append(Problem(*where, f"id {e.id!r} should look like 'kind.name' (lowercase prefix, dotted)"))
        if not e.forms:
            problems.append(Problem(*where, f"{e.id}: no forms"))
        seen_forms = set()
        for form in e.forms:
            norm = normalize(form)
            if normalize(norm) != norm:
                problems.append(Problem(*where, f"{e.id}: form {form!r} does not normalize idempotently"))
            key = normalize_form(form)
            if not key:
                problems.append(Problem(*where, f"{e.id}: form {form!r} is empty after normalization"))
            elif key in seen_forms:
                problems.append(Problem(*where, f"{e.id}: form {form!r} listed twice"))
            seen_forms.add(key)
        for label, value in (("valid_from", e.valid_from), ("valid_to", e.valid_to)):
            if not _is_date(value):
                problems.append(Problem(*where, f"{e.id}: {label} {value!r} is not an ISO date (YYYY-MM-DD)"))
        if e.valid_from and e.valid_to and _is_date(e.valid_from) and _is_date(e.valid_to) \
                and e.valid_from > e.valid_to:
            problems.append(Problem(*where, f"{e.id}: valid_from {e.valid_from} is after valid_to {e.valid_to}"))
        for attr, (required, ok, expected) in rules.items():
            value = e.attrs.get(attr)
            if value is None and required:
                problems.append(Problem(*where, f"{e.id}: missing {attr} ({expected})"))
            elif value is not None and not ok(value):
                problems.append(Problem(*where, f"{e.id}: {attr} {value!r} should be {expected}"))
    return problems


def check_collisions(entries: Sequence[LexiconEntry], kind: str) -> list[Problem]:
    """The same id twice in one folder set, or one form claimed by two entries of one kind."""
    problems: list[Problem] = []
    by_id: dict[str, LexiconEntry] = {}
    for e in entries:
        if e.id in by_id and Path(by_id[e.id].file).parent == Path(e.file).parent:
            first = by_id[e.id]
            problems.append(Problem(e.file, e.line, f"duplicate id {e.id} (first at {first.file}:{first.line})"))
        by_id[e.id] = e
    if kind in AMBIGUOUS_KINDS:
        return problems
    owners: dict[tuple, list[LexiconEntry]] = defaultdict(list)
    role_attrs = ROLE_ATTRS.get(kind, ())
    for e in by_id.values():
        role = tuple(str(e.attrs.get(a)) for a in role_attrs)
        for form in set(normalize_form(f) for f in e.forms + list(e.attrs.get("partisan_forms") or [])):
            owners[(form, role)].append(e)
    for (form, _role), claimed in owners.items():
        ids = sorted({e.id for e in claimed})
        if len(ids) > 1:
            e = claimed[-1]
            problems.append(Problem(e.file, e.line, f"form {form!r} is claimed by {', '.join(ids)}"))
    return problems


def lint(extra_dirs: Sequence[Path] = ()) -> list[Problem]:
    problems: list[Problem] = []
    by_kind: dict[str, list[LexiconEntry]] = defaultdict(list)
    for kind, path in iter_all(extra_dirs):
        try:
            by_kind[kind].extend(read_lexicon_file(path, kind))
        except LexiconError as err:
            text = str(err)
            file, _, rest = text.partition(":")
            line, _, message = rest.partition(":")
            problems.append(Problem(file, int(line) if line.isdigit() else 0, message.strip()))
    for kind, entries in sorted(by_kind.items()):
        problems.extend(check_entries(entries, kind))
        problems.extend(check_collisions(entries, kind))
    all_ids: dict[str, LexiconEntry] = {}
    for kind, entries in by_kind.items():
        for e in entries:
            other = all_ids.get(e.id)
            if other and other.kind != kind:
                problems.append(Problem(e.file, e.line, f"id {e.id} also used in {other.file}:{other.line}"))
            all_ids[e.id] = e
    return problems
