"""The hostile-input corpus: each case builds its files (or URLs) on the fly and states the
outcome it must have, one per document in reading order: ``ok`` (an article, checked) or
``error:<reason>`` (a clear per-document error). Nothing large is kept in the repository.
"""
from __future__ import annotations

import codecs
import gzip
import io
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from ..model import Article
from .articles import ARTICLE, PARAGRAPHS, TITLE, article_html, article_text, html_page
from .server import HostileServer

Check = Callable[[list[Article]], Optional[str]]  # the ok articles -> a problem, or None
Build = Callable[[Path, Optional[HostileServer]], list[str]]  # folder, server -> sources
HUGE_LINE_BYTES = 50 * 1024 * 1024
MANY_LINES = 200_000
DEEP_LEVELS = 10_000
SDF = "actor.sdf"


@dataclass(frozen=True)
class HostileCase:
    name: str
    what: str
    build: Build
    expected: tuple[str, ...]  # per document: "ok" or "error:<reason>"
    check: Optional[Check] = None
    large: bool = False  # seconds of work or tens of MB: the report runs it; tests run it on its own
    needs_server: bool = False


# ---- checks -------------------------------------------------------------------------------------

def _squash(text: str) -> str:
    return " ".join(text.split())


def same_article(articles: list[Article]) -> Optional[str]:
    """Decoded and cleaned into the very text the UTF-8 version gives."""
    for a in articles:
        if a.title != TITLE or not all(_squash(p) in _squash(a.text) for p in PARAGRAPHS):
            return f"{a.source}: text or title differs from the original article"
    return None


def spans_hold(articles: list[Article]) -> Optional[str]:
    """Every mention, event trigger, event span and participant span maps to its own text."""
    for a in articles:
        for m in a.mentions:
            if m.field == "text" and a.text[m.start:m.end] != m.text:
                return f"{a.source}: mention {m.text!r} at {m.start}:{m.end} reads {a.text[m.start:m.end]!r}"
        for e in a.events:
            for span in (e.trigger, *e.mentions):
                if span.field == "text" and a.text[span.start:span.end] != span.text:
                    return f"{a.source}: event span {span.text!r} does not map to the text"
            for p in (*e.actor, *e.recipient):
                if p.start is not None and a.text[p.start:p.end] != p.text:
                    return f"{a.source}: participant {p.text!r} does not map to the text"
    return None


def finds_sdf(articles: list[Article]) -> Optional[str]:
    """قسد is recognised even with invisible characters inside it, and the span keeps them."""
    for a in articles:
        hits = [m for m in a.mentions if m.entity_id == SDF]
        if not any("\u200f" in m.text or "\u200b" in m.text or "\u202b" in m.text for m in hits):
            return f"{a.source}: {SDF} not found across the invisible characters (mentions: {[m.text for m in hits]})"
    return spans_hold(articles)


def no_markup(articles: list[Article]) -> Optional[str]:
    for a in articles:
        for text in (a.text, a.title or ""):
            for bad in ("<script", "alert(", "onerror", "javascript:", "<iframe", "document.cookie"):
                if bad in text:
                    return f"{a.source}: {bad!r} made it into the article"
    return same_article(articles)


def dates_dropped(articles: list[Article]) -> Optional[str]:
    """Invalid feed dates become no date; the one valid date is kept."""
    dates = [a.published for a in articles]
    if dates != [None, None, None, "2024-03-05"]:
        return f"feed dates read as {dates}, expected [None, None, None, '2024-03-05']"
    return None


def all_there(count: int) -> Check:
    def check(articles: list[Article]) -> Optional[str]:
        a = articles[0]
        numbered = sum(word.isdigit() for word in a.text.split())  # each line ends with its number
        if numbered != count:
            return f"{a.source}: {numbered} of {count} lines reached the article"
        return spans_hold(articles)
    return check


# ---- builders -----------------------------------------------------------------------------------

def _write(folder: Path, name: str, data: bytes) -> list[str]:
    path = folder / name
    path.write_bytes(data)
    return [str(path)]


def _encoded(encoding: str, bom: bytes = b"") -> Build:
    return lambda folder, _: _write(folder, f"article-{encoding}.txt", bom + ARTICLE.encode(encoding))


def _bidi_article() -> str:
    # RLM, zero-width space and an RTL embedding inside the name; ZWNJ and ZWJ elsewhere.
    return ARTICLE.replace("(قسد)", "(ق\u200fس\u200bد)").replace(
        "أن قسد", "أن \u202bقس\u200cد\u202c").replace("الحسكة", "الح\u200dسكة")


def _huge_line(folder: Path, _: object) -> list[str]:
    path = folder / "huge-line.txt"
    chunk = ("قسد " * 4096).encode("utf-8")
    with path.open("wb") as fh:
        written = 0
        while written < HUGE_LINE_BYTES:
            fh.write(chunk)
            written += len(chunk)
    return [str(path)]


def many_lines_text(count: int = MANY_LINES) -> str:
    words = " ".join(PARAGRAPHS).split()
    return TITLE + "\n" + "\n".join(f"{' '.join(words[i % 40:i % 40 + 5])} {i}" for i in range(count)) + "\n"


def deep_html(levels: int = DEEP_LEVELS) -> str:
    body = "<div>" * levels + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</div>" * levels
    return html_page(body)


def hostile_markup_html() -> str:
    ps = "".join(f"<p onclick=\"alert('p{i}')\" onmouseover=\"document.cookie\">{p}</p>"
                 for i, p in enumerate(PARAGRAPHS))
    body = (
        "<script>alert('head');document.cookie='x=1'</script>"
        "<iframe src=\"javascript:alert(1)\"></iframe><iframe srcdoc=\"<script>alert(2)</script>\"></iframe>"
        f"<article><h1>{TITLE}</h1><img src=x onerror=\"alert('img')\">"
        "<script type=\"text/javascript\">for(;;){}</script>" + ps +
        "<a href=\"javascript:alert(3)\">‌</a><svg onload=\"alert(4)\"></svg>"
        "<noscript><iframe src=\"https://evil.example/\"></iframe></noscript></article>"
        "<script>alert('tail')</script>")
    return html_page(body, head_extra="<script src=\"https://evil.example/x.js\"></script>"
                                      "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(5)\">")


def _jsonl(folder: Path, _: object) -> list[str]:
    lines = [
        json.dumps({"id": "good-1", "title": TITLE, "text": ARTICLE}, ensure_ascii=False),
        '{"id": "broken-1", "text": "' + ARTICLE[:40],  # cut off mid-string
        "not json at all",
        json.dumps({"id": "number-text", "text": 12345}),
        json.dumps({"id": "list-text", "text": ["قسد", "الحسكة"]}, ensure_ascii=False),
        json.dumps(["an", "array"]),
        json.dumps({"id": "no-text", "title": TITLE}, ensure_ascii=False),
        json.dumps({"id": "empty-text", "text": "   "}),
        json.dumps({"id": 7, "title": 12, "published": 20240305, "outlet": ["a", "b"], "text": article_text(2)},
                   ensure_ascii=False),
        json.dumps({"id": "good-2", "title": {"nested": "object"}, "published": "yesterday",
                    "text": article_text(3)}, ensure_ascii=False),
        "\x00\x01\x02",
        json.dumps({"id": "good-3", "text": article_text(4)}, ensure_ascii=False),
    ]
    return _write(folder, "broken.jsonl", ("\n".join(lines) + "\n").encode("utf-8") + b"\xff\xfe{\n")


def _truncated_warc(folder: Path, _: object) -> list[str]:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    for n in (1, 2):
        body = article_html(title=f"{TITLE} {n}").encode("utf-8")
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.0")
        writer.write_record(writer.create_warc_record(f"https://example.org/{n}", "response",
                                                      payload=io.BytesIO(body), http_headers=headers))
    data = buffer.getvalue()
    second = data.index(b"WARC/1.", 10)
    return _write(folder, "truncated.warc", data[:second + (len(data) - second) // 2])


def _truncated_warc_gz(folder: Path, server: object) -> list[str]:
    plain = Path(_truncated_warc(folder, server)[0]).read_bytes()
    first_end = plain.index(b"WARC/1.", 10)
    data = gzip.compress(plain[:first_end]) + gzip.compress(plain[first_end:])
    return _write(folder, "truncated.warc.gz", data[:-40])


def _feed(folder: Path, _: object) -> list[str]:
    items = "".join(
        f"<item><title>{TITLE} {n}</title><link>https://example.org/{n}</link><pubDate>{date}</pubDate>"
        f"<content:encoded><![CDATA[{''.join(f'<p>{p} {n}</p>' for p in PARAGRAPHS)}]]></content:encoded></item>"
        for n, date in enumerate(("yesterday", "Tue, 45 Foo 2024 99:99:99 GMT", "2024-13-45T10:00:00Z",
                                  "Tue, 05 Mar 2024 10:00:00 GMT")))
    rss = f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>t</title>{items}</channel></rss>'
    return _write(folder, "bad-dates.rss", rss.encode("utf-8"))


def _urls(folder: Path, server: Optional[HostileServer]) -> list[str]:
    assert server is not None
    return [server.url("/slow"), server.url("/loop/0"), server.url("/error"), server.url("/article")]


CASES: tuple[HostileCase, ...] = (
    HostileCase("empty", "an empty file", lambda f, _: _write(f, "empty.txt", b""), ("error:empty",)),
    HostileCase("whitespace", "spaces, tabs, newlines and no-break spaces only",
                lambda f, _: _write(f, "blank.txt", " \t\r\n\n   \u00a0\u2003\n".encode()), ("error:empty",)),
    HostileCase("binary", "PNG bytes in a .txt file",
                lambda f, _: _write(f, "image.txt", b"\x89PNG\r\n\x1a\n" + os.urandom(4096)), ("error:binary",)),
    HostileCase("random-bytes", "random bytes without a signature",
                lambda f, _: _write(f, "noise.txt", bytes(range(256)) * 64), ("error:binary",)),
    HostileCase("truncated-utf8", "UTF-8 Arabic cut in the middle of a letter",
                lambda f, _: _write(f, "cut.txt", ARTICLE.encode()[:-2] + "ق".encode()[:1]), ("error:truncated-utf8",)),
    HostileCase("windows-1256", "Windows-1256 Arabic", _encoded("cp1256"), ("ok",), same_article),
    HostileCase("iso-8859-6", "ISO-8859-6 Arabic", _encoded("iso8859-6"), ("ok",), same_article),
    HostileCase("utf-16-le-bom", "UTF-16 LE with a byte-order mark", _encoded("utf-16-le", codecs.BOM_UTF16_LE),
                ("ok",), same_article),
    HostileCase("utf-16-be-bom", "UTF-16 BE with a byte-order mark", _encoded("utf-16-be", codecs.BOM_UTF16_BE),
                ("ok",), same_article),
    HostileCase("utf-16-le", "UTF-16 LE without a mark", _encoded("utf-16-le"), ("ok",), same_article),
    HostileCase("bidi-zero-width", "bidi controls and zero-width characters inside names",
                lambda f, _: _write(f, "bidi.txt", _bidi_article().encode()), ("ok",), finds_sdf),
    HostileCase("script-html", "HTML full of scripts, iframes and inline event handlers",
                lambda f, _: _write(f, "scripts.html", hostile_markup_html().encode()), ("ok",), no_markup),
    HostileCase("deep-html", f"HTML nested {DEEP_LEVELS:,} levels deep",
                lambda f, _: _write(f, "deep.html", deep_html().encode()), ("error:too-deep",)),
    HostileCase("broken-jsonl", "JSONL with broken lines and wrong field types", _jsonl,
                ("ok", "error:invalid-json", "error:invalid-json", "error:invalid-field", "error:invalid-field",
                 "error:not-an-object", "error:no-text", "error:empty", "ok", "ok", "error:invalid-json", "ok",
                 "error:invalid-utf8"), spans_hold),
    HostileCase("truncated-warc", "WARC whose second record is cut short", _truncated_warc,
                ("ok", "error:truncated-record"), spans_hold),
    HostileCase("truncated-warc-gz", "gzipped WARC whose last member is cut short", _truncated_warc_gz,
                ("ok", "error:truncated-record"), spans_hold),
    HostileCase("feed-invalid-dates", "RSS items with impossible dates", _feed, ("ok",) * 4, dates_dropped),
    HostileCase("urls", "URLs that time out, redirect in a loop, return 500; then a good one", _urls,
                ("error:timeout", "error:too-many-redirects", "error:http-error", "ok"), same_article,
                needs_server=True),
    HostileCase("huge-line", "a 50 MB single line", _huge_line, ("error:too-large",), large=True),
    HostileCase("many-lines", f"a {MANY_LINES:,}-line file",
                lambda f, _: _write(f, "many-lines.txt", many_lines_text().encode()), ("error:too-long",),
                large=True),
)
