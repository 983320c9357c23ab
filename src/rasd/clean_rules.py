"""The cleaner's knowledge of page debris, loaded from ``data/boilerplate.yaml`` and compiled once.

The YAML holds the phrases (reviewable data, no Python needed to add one); this module turns
them into a few precompiled regular expressions and one dict lookup, so classifying a line
costs one pass over its first characters. Matching happens on the *matching form* of a line
(``rasd.normalize.normalize`` itself, lower-cased), so the two can never disagree.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Optional, Union

import yaml

from .errors import LexiconError
from .normalize import normalize

def matching_form(text: str) -> str:
    """``rasd.normalize.normalize``, lower-cased for Latin debris words."""
    # normalize replaces only the characters that change: faster than str.translate here.
    return normalize(text).lower()


HEAD_CHARS = 64  # prefix rules and related markers look at this many characters of a line
# Bullets, quotes, brackets and punctuation (in matching form) that may surround a debris line.
_EDGE_CHARS = " \t\"'.,:;!?()[]{}<>-–—_|/\\*•·●▪►▶◄■□◆✓✔→←،؛؟…#@&+=~^%$"
# Separators allowed between a marker and what follows it on the same line.
SEPARATOR = r"[\s:：\-–—|/»>«<.،,]*"
_RULE_KEYS = {"reason", "lines", "prefixes", "contains", "patterns", "max_words", "require_colon"}
_TOP_KEYS = {"page_labels", "exclusive_markers", "related_markers", "rules"}


def line_key(text: str) -> str:
    """Matching form with edge punctuation and bullets removed and spaces collapsed."""
    key = matching_form(text).strip(_EDGE_CHARS)
    return " ".join(key.split()) if "  " in key or "\t" in key else key


def _prefix_branch(i: int, rx: str) -> str:
    """Branch ``i`` of the prefix alternation, named g<i> (``m.lastgroup``).

    The group opens after the first letter, ``ش(?P<g3>)ارك...`` rather than ``(?P<g3>شارك...)``:
    the regex engine skips at once a branch that opens with a letter other than the line's
    first, so a line is compared with the few prefixes of its first letter, not all of them.
    """
    first = rx[:2] if rx.startswith("\\") else rx[:1]  # re.escape writes one character as 1 or 2
    if not first or first == "(":  # no letter to lead with (a phrase of punctuation only)
        return f"(?P<g{i}>{rx})"
    return f"{first}(?P<g{i}>){rx[len(first):]}"


def _phrase_regex(phrase: str) -> str:
    """A normalized phrase as a regex: any run of spaces matches any run of spaces."""
    return r"\s+".join(re.escape(part) for part in line_key(phrase).split())


@dataclass(frozen=True)
class PrefixRule:
    reason: str
    max_words: int
    require_colon: bool


@dataclass(frozen=True)
class DebrisRules:
    """Compiled debris patterns. ``classify`` answers with a reason code or None."""
    exact: dict[str, str]  # line key -> reason
    prefix_re: Optional[re.Pattern]  # alternation, group name g<i> -> prefix_rules[i]
    prefix_rules: tuple[PrefixRule, ...]
    search_rules: tuple[tuple[re.Pattern, str, int], ...]  # (regex, reason, max_words)
    max_exact_words: int  # the longest whole-line phrase, in words
    related_re: re.Pattern  # marker at line start; groups: related | see, rest
    label_re: re.Pattern  # page label at the end of a line; group: label
    exclusive_re: re.Pattern  # exclusive marker + separator at the start of an original line
    source: str

    def classify(self, text: str, head: str, words: int) -> Optional[str]:
        """Reason code if the line is debris, else None.

        ``head`` is ``line_key`` of the line's first ``HEAD_CHARS`` characters: prefixes only need
        that much, and the whole line is folded only when a rule could apply to its length.
        """
        full: Optional[str] = head if len(text) <= HEAD_CHARS else None
        if words <= self.max_exact_words:
            full = full if full is not None else line_key(text)
            reason = self.exact.get(full)
            if reason:
                return reason
        if self.prefix_re is not None:
            m = self.prefix_re.match(head)
            if m:
                rule = self.prefix_rules[int(m.lastgroup[1:])]
                rest = head[m.end():]
                if words <= rule.max_words and (not rule.require_colon or not rest
                                                or rest.lstrip().startswith((":", "：", "-", "–"))):
                    return rule.reason
        for regex, reason, max_words in self.search_rules:
            if words <= max_words:
                full = full if full is not None else line_key(text)
                if regex.search(full):
                    return reason
        return None

    def related(self, key: str) -> Optional[tuple[str, str]]:
        """(reason, headline text after the marker) when the line starts with a related marker."""
        m = self.related_re.match(key)
        if not m:
            return None
        return ("related" if m.group("related") else "see-also"), m.group("rest").strip()


def _fail(source: str, message: str) -> LexiconError:
    return LexiconError(f"{source}: {message}")


def _strings(value: object, source: str, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(source, f"{where} must be a list of non-empty strings")
    return value


def compile_rules(data: dict, source: str = "<rules>") -> DebrisRules:
    """Check and compile the parsed YAML; errors name the file and the key that is wrong."""
    if not isinstance(data, dict):
        raise _fail(source, "the top level must be a mapping")
    unknown = set(data) - _TOP_KEYS
    if unknown:
        raise _fail(source, f"unknown top-level key(s) {sorted(unknown)}; expected {sorted(_TOP_KEYS)}")
    exact: dict[str, str] = {}
    prefixes: list[tuple[str, PrefixRule]] = []
    searches: list[tuple[re.Pattern, str, int]] = []
    for i, rule in enumerate(data.get("rules") or []):
        where = f"rules[{i}]"
        if not isinstance(rule, dict) or not isinstance(rule.get("reason"), str):
            raise _fail(source, f"{where} needs a 'reason'")
        bad = set(rule) - _RULE_KEYS
        if bad:
            raise _fail(source, f"{where} ({rule['reason']}): unknown key(s) {sorted(bad)}")
        reason, max_words = rule["reason"], rule.get("max_words", 12)
        if not isinstance(max_words, int) or max_words < 1:
            raise _fail(source, f"{where} ({reason}): max_words must be a positive integer")
        for phrase in _strings(rule.get("lines", []), source, f"{where}.lines"):
            exact[line_key(phrase)] = reason
        info = PrefixRule(reason, max_words, bool(rule.get("require_colon", False)))
        for phrase in _strings(rule.get("prefixes", []), source, f"{where}.prefixes"):
            if len(line_key(phrase)) > HEAD_CHARS - 8:
                raise _fail(source, f"{where} ({reason}): prefix {phrase!r} is too long (max {HEAD_CHARS - 8} characters)")
            prefixes.append((_phrase_regex(phrase) + r"(?!\w)", info))
        for phrase in _strings(rule.get("contains", []), source, f"{where}.contains"):
            searches.append((re.compile(re.escape(matching_form(phrase))), reason, max_words))
        for pattern in _strings(rule.get("patterns", []), source, f"{where}.patterns"):
            try:
                searches.append((re.compile(pattern), reason, max_words))
            except re.error as e:
                raise _fail(source, f"{where} ({reason}): bad pattern {pattern!r}: {e}") from e
    # Longest prefixes first, so "شارك المقال عبر" wins over "شارك".
    prefixes.sort(key=lambda p: -len(p[0]))
    prefix_re = re.compile("|".join(_prefix_branch(i, rx) for i, (rx, _) in enumerate(prefixes))) if prefixes else None

    markers = data.get("related_markers") or {}
    if not isinstance(markers, dict) or set(markers) - {"related", "see-also"}:
        raise _fail(source, "related_markers must map 'related' and 'see-also' to phrase lists")
    related = sorted((_phrase_regex(p) for p in _strings(markers.get("related", []), source, "related_markers.related")), key=len, reverse=True)
    see_also = sorted((_phrase_regex(p) for p in _strings(markers.get("see-also", []), source, "related_markers.see-also")), key=len, reverse=True)
    related_re = re.compile(
        rf"(?:(?P<related>{'|'.join(related) or '(?!)'})|(?P<see>{'|'.join(see_also) or '(?!)'}))(?!\w){SEPARATOR}(?P<rest>.*)$")

    labels = sorted((_phrase_regex(p) for p in _strings(data.get("page_labels", []), source, "page_labels")), key=len, reverse=True)
    label_re = re.compile(rf"(?P<label>{'|'.join(labels) or '(?!)'})$")

    # Matched on the original line (not its matching form) so the title keeps its exact letters;
    # the letters of each marker are expanded to their spelling variants.
    excl = []
    for phrase in _strings(data.get("exclusive_markers", []), source, "exclusive_markers"):
        excl.append(r"\s*".join(_spelling_class(ch) for ch in normalize(phrase).replace(" ", "")))
    exclusive_re = re.compile(rf"^\s*(?:{'|'.join(sorted(excl, key=len, reverse=True)) or '(?!)'})"
                              r"[\u064b-\u0652\u0640]*\s*(?:\|\||[|:：\-–—/])\s*", re.IGNORECASE)
    max_exact = max((k.count(" ") + 1 for k in exact), default=0)
    return DebrisRules(exact, prefix_re, tuple(p[1] for p in prefixes), tuple(searches), max_exact, related_re,
                       label_re, exclusive_re, source)


_VARIANTS = {"ا": "اأإآ", "ي": "يى", "ه": "ةه"}  # matching form -> spellings


def _spelling_class(ch: str) -> str:
    alts = _VARIANTS.get(ch)
    body = f"[{alts}]" if alts else re.escape(ch)
    return body + r"[\u064b-\u0652\u0640]*"  # diacritics or tatweel may follow any letter


def load_rules(path: Union[str, Path, None] = None) -> DebrisRules:
    """Load and compile a debris file (default: the packaged ``data/boilerplate.yaml``)."""
    if path is None:
        resource = resources.files("rasd") / "data" / "boilerplate.yaml"
        text, source = resource.read_text(encoding="utf-8"), "rasd/data/boilerplate.yaml"
    else:
        text, source = Path(path).read_text(encoding="utf-8"), str(path)
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        raise _fail(source, f"not valid YAML: {e}") from e
    return compile_rules(data, source)


@lru_cache(maxsize=1)
def default_rules() -> DebrisRules:
    return load_rules()
