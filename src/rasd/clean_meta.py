"""Metadata a scraped page states in its text: category label, exclusive marker, outlet, reporter.

Small pure functions used by ``rasd.clean``; each looks at one line or a few paragraphs.
"""
from __future__ import annotations

import re
from typing import Iterable, Optional

from .clean_rules import DebrisRules, line_key, matching_form
from .normalize import normalize_with_map

_NON_WORD = re.compile(r"[\W_]+")
_BREADCRUMB_SEP = re.compile(r"\s*(?:>|»|›|/|\|)\s*")
_TRAIL_ARROW = re.compile(r"[>»›]")


def title_key(text: str, rules: DebrisRules) -> str:
    """What two copies of a headline share: matching form without marker, punctuation, spacing."""
    text = rules.exclusive_re.sub("", text, count=1)
    return _NON_WORD.sub(" ", matching_form(text)).strip()


def strip_exclusive(title: str, rules: DebrisRules) -> tuple[str, bool]:
    """(title without a leading "خاص||"-style marker, whether there was one)."""
    m = rules.exclusive_re.match(title)
    if m and m.end() < len(title):
        return title[m.end():].strip(), True
    return title, False


def split_page_label(line: str, rules: DebrisRules) -> Optional[tuple[Optional[str], str]]:
    """(category or None, label) when ``line`` ends with a page label such as "سلايد رئيسي".

    Scrapers glue the label to the category without a space ("الشأن السوريسلايد رئيسي"), so the
    label is found at the end of the line in its matching form and cut from the original text.
    """
    norm = normalize_with_map(line)
    m = rules.label_re.search(norm.text)
    if not m:
        return None
    start, _ = norm.span_to_original(m.start(), m.end())
    category = _clean_category(line[:start])
    return category, line[start:].strip()


def breadcrumb_category(line: str, rules: DebrisRules) -> Optional[str]:
    """Last meaningful part of "الرئيسية > أخبار > سوريا", or None if the line is not a trail."""
    parts = [p for p in _BREADCRUMB_SEP.split(line) if p.strip()]
    if len(parts) < 2 or any(len(p.split()) > 4 for p in parts):
        return None
    if len(parts) < 3 and not _TRAIL_ARROW.search(line):
        return None  # "التحليلية | عنوان" is a headline with a programme name, not a trail
    meaningful = [p for p in parts if not rules.classify(p, line_key(p), len(p.split()))]
    return _clean_category(meaningful[-1]) if meaningful else None


def _clean_category(text: str) -> Optional[str]:
    text = text.strip(" \t-–—|:>»/،,")
    return text or None


# "مراسلة وكالة “ستيب الإخبارية” في المنطقة، نور الجاسم، عن ..." -> outlet and correspondent.
_OUTLET_KINDS = "وكالة|وكاله|موقع|شبكة|شبكه|قناة|قناه|صحيفة|صحيفه|جريدة|جريده|إذاعة|اذاعة|تلفزيون"
_REPORTER_OF_OUTLET = re.compile(
    rf"مراسل(?:ة|ه)?\s+(?P<kind>{_OUTLET_KINDS})\s*[“\"«](?P<name>[^”\"»\n]{{2,40}}?)[”\"»]"
    r"(?:\s+(?:في|ب)[^،,\n]{1,40}?)?\s*[،,]\s*"
    r"(?P<person>[^\W\d_]{2,}(?:\s+[^\W\d_]{2,}){1,2})\s*[،,]")
_BYLINE_NAME = re.compile(r"^[^:：]{1,30}[:：]\s*(?P<name>[^\W\d_]{2,}(?:\s+[^\W\d_]{2,}){0,3})\s*$")
_CORRESPONDENT_BYLINES = ("بقلم", "كتب", "كتبت", "حوار", "اجري الحوار", "by")


def find_outlet_and_reporter(paragraphs: Iterable[str]) -> tuple[Optional[str], Optional[str]]:
    """Outlet and correspondent from "مراسل(ة) <وكالة> “<name>” [في ...]، <person>،" if stated."""
    for text in paragraphs:
        if "مراسل" not in text:
            continue
        m = _REPORTER_OF_OUTLET.search(text)
        if m:
            return f"{m.group('kind')} {m.group('name').strip()}", m.group("person").strip()
    return None, None


def byline_correspondent(line: str) -> Optional[str]:
    """The name in an author byline ("بقلم: فلان الفلاني"); None for translator or editor credits."""
    m = _BYLINE_NAME.match(line.strip())
    if not m:
        return None
    label = matching_form(line.split(":")[0].split("：")[0]).strip()
    return m.group("name") if label in _CORRESPONDENT_BYLINES else None
