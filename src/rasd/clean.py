"""Clean scraped article text: drop page debris, keep the title once and the body paragraphs.

The cascade, one pass each over the lines of the raw text:

1. **Debris lines** (``data/boilerplate.yaml``): navigation, share/follow/subscribe, copyright,
   tags, comment prompts, media-link labels, photo and source credits, bylines, and the
   related-article / "see also" markers with a headline on the same line.
2. **Related blocks**: a marker standing alone ("مقالات ذات صلة") takes the headline-like lines
   after it with it.
3. **Head**: the title (the reader's, or the headline the page repeats, or the first
   headline-like line), the category / slider label line above it, the "خاص||" exclusive
   marker; every copy of the title leaves the body.
4. **Duplicates**: a long line repeated verbatim is kept once.
5. **Paragraphs**: lines broken at inline links are joined; paragraphs are joined by a blank line.
6. **Metadata** the text states: outlet and correspondent ("مراسلة وكالة “X”، فلان،"), bylines.

Every dropped line is kept in ``Article.removed`` with its 1-based line number in the raw text
and a reason code (docs/cleaning.md), so the cleaner can be audited.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from .clean_meta import (breadcrumb_category, byline_correspondent, find_outlet_and_reporter,
                         split_page_label, strip_exclusive, title_key)
from .clean_paragraphs import ends_open, join_fragments
from .clean_rules import HEAD_CHARS, DebrisRules, default_rules, line_key
from .errors import DocumentRejected
from .model import Article, RawDocument, RemovedLine, content_id
from .settings import Settings

MAX_DEBRIS_WORDS = 60  # no debris rule looks at longer lines: they are body text
MAX_RELATED_WORDS = 40  # a related marker with its headline
HEAD_LINES = 8  # the title is looked for among the first lines
MAX_TITLE_WORDS = 30
MIN_TITLE_WORDS = 2
MIN_REPEATED_TITLE_WORDS = 4  # shorter repeated lines are names cut out by links ("الأمم المتحدة")
MAX_CATEGORY_WORDS = 6
MAX_HEADLINE_WORDS = 25  # headline of another article after a related marker
MAX_RELATED_HEADLINES = 12
MIN_DUPLICATE_WORDS = 8

_ENDS_SENTENCE = re.compile(r"[.!:…][\"'”’»)\]]*$")
_HAS_WORD = re.compile(r"\w")
# Headlines may end with ! ? or … but not with a full stop, a colon or a comma.
_NOT_A_TITLE_END = re.compile(r"(?<!\.)[.:،,؛][\"'”’»)\]]*$")


@dataclass(slots=True)
class _Line:
    no: int  # 1-based line number in the raw text
    text: str  # the line without surrounding spaces
    words: int
    reason: Optional[str] = None
    standalone_marker: bool = False  # a related marker with no headline after it on its line


@dataclass
class _Head:
    title: Optional[str]
    category: Optional[str]
    exclusive: bool


def clean_document(raw: RawDocument, settings: Settings) -> Article:
    """One raw document -> a clean Article (title once, body paragraphs, metadata, removed lines)."""
    rules = default_rules()
    lines = _read_lines(raw.text)
    if not lines:
        raise DocumentRejected(raw.source, "empty", "the document holds no text to clean")
    _mark_debris(lines, rules)
    _mark_related_blocks(lines)
    head = _find_head(lines, raw, rules)
    _mark_duplicates(lines)

    paragraphs = join_fragments([line.text for line in lines if line.reason is None])
    if not paragraphs:
        raise DocumentRejected(raw.source, "no-body",
                               f"all {len(lines)} lines are page debris or the title; see the rules "
                               "in rasd/data/boilerplate.yaml")
    body = "\n\n".join(paragraphs)
    outlet, reporter = (raw.outlet, raw.author)
    if not outlet or not reporter:
        found_outlet, found_reporter = find_outlet_and_reporter(paragraphs[:12])
        outlet, reporter = outlet or found_outlet, reporter or found_reporter or _byline(lines)
    removed = list(raw.removed) + [RemovedLine(line.text, line.reason, line.no)
                                   for line in lines if line.reason is not None]
    return Article(
        id=content_id(head.title, body), text=body, title=head.title, source=raw.source,
        external_id=raw.external_id, outlet=outlet, correspondent=reporter,
        published=raw.published, category=head.category, exclusive=head.exclusive, removed=removed,
    )


def _read_lines(text: str) -> list[_Line]:
    out = []
    for no, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        stripped = line.strip()
        if stripped:
            out.append(_Line(no, stripped, stripped.count(" ") + 1))
    return out


def _mark_debris(lines: list[_Line], rules: DebrisRules) -> None:
    for i, line in enumerate(lines):
        if line.words > MAX_DEBRIS_WORDS:
            continue
        head = line_key(line.text[:HEAD_CHARS])
        if not head:
            continue  # punctuation only: a link fragment, joined to its paragraph later
        related = rules.related(head) if line.words <= MAX_RELATED_WORDS else None
        if related:
            line.reason, rest = related
            line.standalone_marker = not rest
            continue
        reason = rules.classify(line.text, head, line.words)
        if reason and not (line.words == 1 and _inside_sentence(lines, i)):
            line.reason = reason


def _inside_sentence(lines: list[_Line], i: int) -> bool:
    """A one-word line between two parts of a sentence is link text ("وكالة" / "رويترز" / ...)."""
    if i == 0 or i + 1 >= len(lines):
        return False
    previous = lines[i - 1]
    return previous.reason is None and previous.words >= 4 and not _ENDS_SENTENCE.search(previous.text) and not previous.text.endswith("؟")


def _headline_like(line: _Line, max_words: int) -> bool:
    return line.words <= max_words and not _ENDS_SENTENCE.search(line.text)


def _mark_related_blocks(lines: list[_Line]) -> None:
    """A marker alone on its line introduces foreign headlines on the lines after it."""
    for i, line in enumerate(lines):
        if not line.standalone_marker:
            continue
        taken = 0
        for k in range(i + 1, len(lines)):  # an index, not a slice: no copy of the rest per marker
            follower = lines[k]
            # The next marker starts its own block; scanning past it made a page of 200,000
            # markers quadratic (tests/reliability).
            if taken >= MAX_RELATED_HEADLINES or follower.standalone_marker:
                break
            if follower.reason is not None:
                continue  # other debris inside the block (share buttons ...) keeps its reason
            if not _headline_like(follower, MAX_HEADLINE_WORDS):
                break
            follower.reason = "related-headline"
            taken += 1


def _find_head(lines: list[_Line], raw: RawDocument, rules: DebrisRules) -> _Head:
    kept = [line for line in lines if line.reason is None]
    if raw.title and raw.title.strip():
        title, exclusive = strip_exclusive(raw.title.strip(), rules)
        title_line = None
    else:
        title_line = _choose_title_line(kept, rules)
        title, exclusive = strip_exclusive(title_line.text, rules) if title_line else (None, False)
        if title_line:
            title_line.reason = "title"
    category = _mark_category_lines(kept, title_line, rules)

    if title:
        variants = _title_variants(title)
        keys = {title_key(v, rules) for v in variants}
        # The lengths any variant accepts (_similar_length), checked first: most lines are
        # paragraphs far longer than a title.
        shortest = min(len(v) * 0.7 - 12 for v in variants)
        longest = max(len(v) * 1.3 + 12 for v in variants)
        for line in kept:
            if line.reason is None and shortest <= len(line.text) <= longest \
                    and any(_similar_length(line.text, v) for v in variants) \
                    and title_key(line.text, rules) in keys:
                line.reason = "repeated-title"
                exclusive = exclusive or strip_exclusive(line.text, rules)[1]
    return _Head(title, raw.category or category, exclusive)


_SITE_SEPARATOR = re.compile(r"\s+[-–—|]\s+|\s*[|]\s*")


def _title_variants(title: str) -> list[str]:
    """The title and, for "<site> - <headline>" or "<headline> | <site>", the headline alone."""
    parts = [p for p in _SITE_SEPARATOR.split(title) if p.count(" ") >= MIN_REPEATED_TITLE_WORDS - 1]
    return [title] + (parts if len(parts) < len(_SITE_SEPARATOR.split(title)) else [])


def _choose_title_line(kept: list[_Line], rules: DebrisRules) -> Optional[_Line]:
    """The repeated headline, unless a longer headline-like line stands above it.

    A short line above a repeated headline is a section name ("الشأن السوري"); a long one is the
    real headline and the repeated line a standfirst the page shows twice.
    """
    repeated = _repeated_headline(kept, rules)
    first = _first_headline(kept, rules)
    if repeated is None or first is None or first is repeated:
        return repeated or first
    if first.words > MAX_CATEGORY_WORDS and first.no < repeated.no:
        return first
    return repeated


def _repeated_headline(kept: list[_Line], rules: DebrisRules) -> Optional[_Line]:
    """The first of the opening lines that the page repeats (scraped headlines come 2-3 times)."""
    candidates = [line for line in kept[:HEAD_LINES] if MIN_REPEATED_TITLE_WORDS <= line.words <= MAX_TITLE_WORDS]
    for candidate in candidates:
        if _NOT_A_TITLE_END.search(candidate.text):
            continue
        key = title_key(candidate.text, rules)
        for line in kept[:HEAD_LINES]:  # pages repeat the headline near the top, not at the end
            if line is not candidate and _similar_length(line.text, candidate.text) and title_key(line.text, rules) == key:
                return candidate
    return None


def _similar_length(text: str, title: str) -> bool:
    """Cheap test before comparing keys: copies differ only by a marker, marks and spacing."""
    return len(title) * 0.7 - 12 <= len(text) <= len(title) * 1.3 + 12


def _first_headline(kept: list[_Line], rules: DebrisRules) -> Optional[_Line]:
    """The first line after any category lines, when it reads like a headline, not a sentence."""
    i = 0
    while i < len(kept) and kept[i].words <= MAX_CATEGORY_WORDS and (
            split_page_label(kept[i].text, rules) or breadcrumb_category(kept[i].text, rules)):
        i += 1
    following = [line for line in kept[i + 1:i + 5] if _HAS_WORD.search(line.text)]
    if i >= len(kept) or not following:
        return None  # a headline needs a body after it
    line = kept[i]
    if (MIN_TITLE_WORDS <= line.words <= MAX_TITLE_WORDS and not _NOT_A_TITLE_END.search(line.text)
            and not ends_open(line.text)
            # a short first line followed by another short line is a section name, not a title
            and (line.words > MAX_CATEGORY_WORDS or following[0].words > MAX_CATEGORY_WORDS)):
        return line
    return None


def _mark_category_lines(kept: list[_Line], title_line: Optional[_Line], rules: DebrisRules) -> Optional[str]:
    """Short lines above the title: category, breadcrumb trail or slider label. Returns the category."""
    category = None
    for line in kept[:HEAD_LINES]:
        if line is title_line or line.words > MAX_CATEGORY_WORDS or _ENDS_SENTENCE.search(line.text):
            break
        labelled = split_page_label(line.text, rules)
        if labelled:
            line.reason = "page-label"
            category = labelled[0] or category
            continue
        crumb = breadcrumb_category(line.text, rules)
        if crumb:
            line.reason, category = "breadcrumb", crumb
        elif title_line is not None:
            line.reason, category = "category", line.text  # plain section name above a known title
        else:
            break
    return category


def _mark_duplicates(lines: list[_Line]) -> None:
    """Drop what the page printed twice, keeping genuine repeats inside the story.

    Feeds repeat the standfirst at the end and whole blocks of headlines (Al Mayadeen); a
    single long paragraph repeated in a new section ("القوات: ...") is the author's and stays.
    A later copy is dropped when it repeats the first body line, or when it belongs to a run of
    two or more consecutive copies that holds a long line (the short labels of that run go too).
    """
    kept = [line for line in lines if line.reason is None]
    if not kept:
        return
    seen: set[str] = set()
    copies = []
    for line in kept:
        copies.append(line.text in seen)
        seen.add(line.text)
    first_text = kept[0].text
    i = 0
    while i < len(kept):
        if not copies[i]:
            i += 1
            continue
        j = i
        while j < len(kept) and copies[j]:
            j += 1
        run = kept[i:j]
        long_copies = [line for line in run if line.words >= MIN_DUPLICATE_WORDS]
        if len(run) >= 2 and long_copies:
            for line in run:
                line.reason = "duplicate-line"
        else:
            for line in long_copies:
                if line.text == first_text:
                    line.reason = "duplicate-line"
        i = j


def _byline(lines: list[_Line]) -> Optional[str]:
    for line in lines:
        if line.reason == "byline":
            name = byline_correspondent(line.text)
            if name:
                return name
    return None
