"""Bugs the hostile inputs found in other modules, each guarded by a test named after it."""
from __future__ import annotations

import time

from rasd.clean import clean_document
from rasd.ingest import read_sources
from rasd.ingest.feed import feed_documents
from rasd.ingest.html import nesting_depth
from rasd.model import RawDocument
from rasd.recognize.numbers import NumberRecognizer
from rasd.reliability.articles import ARTICLE, PARAGRAPHS, article_html
from rasd.reliability.corpus import deep_html, many_lines_text
from rasd.segment import CliticAnalyzer, segment
from rasd.clean import clean_document as clean


def test_regression_nested_html_depth(tmp_path, settings):
    """libxml2 drops a page nested past 255 levels: say so, instead of 'no-article'."""
    path = tmp_path / "deep.html"
    path.write_text(deep_html(10_000), encoding="utf-8")
    [item] = list(read_sources([str(path)], settings))
    assert item.reason == "too-deep" and "10,00" in item.detail
    shallow = tmp_path / "shallow.html"
    shallow.write_text(deep_html(100), encoding="utf-8")
    [ok] = list(read_sources([str(shallow)], settings))
    assert PARAGRAPHS[0][:30] in ok.text


def test_regression_nested_html_depth_ignores_unclosed_paragraphs():
    page = "<html><body>" + "<p>سطر" * 2000 + "</body></html>"
    assert nesting_depth(page) == 2


def test_regression_truncated_warc_record(tmp_path, settings):
    from rasd.reliability.corpus import _truncated_warc
    [source] = _truncated_warc(tmp_path, None)
    items = list(read_sources([source], settings))
    assert [getattr(i, "reason", "ok") for i in items] == ["ok", "truncated-record"]
    assert "declared length" in items[1].detail


def test_regression_feed_rolled_over_date(settings):
    """feedparser turns 2024-13-45 into 2025-01-01; an impossible date must be no date."""
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    rss = ('<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>t</title>'
           + "".join(f"<item><title>t{n}</title><link>https://example.org/{n}</link><pubDate>{d}</pubDate>"
                     f"<content:encoded><![CDATA[{body}]]></content:encoded></item>"
                     for n, d in enumerate(["2024-13-45T10:00:00Z", "2024-02-30", "Tue, 05 Mar 2024 10:00:00 GMT",
                                            "2024-03-06T23:30:00+02:00"])) + "</channel></rss>")
    docs = list(feed_documents(rss.encode(), "feed.rss", settings, None))
    assert [d.published for d in docs] == [None, None, "2024-03-05", "2024-03-06"]


def test_regression_related_marker_flood_is_linear(settings):
    """A page of 200,000 'related articles' markers cleaned in seconds (was quadratic: hours)."""
    text = ARTICLE + "\n" + "\n".join("مقالات ذات صلة" for _ in range(200_000))
    started = time.monotonic()
    article = clean_document(RawDocument(source="markers", text=text), settings)
    assert time.monotonic() - started < 20
    assert PARAGRAPHS[0][:30] in article.text


def test_regression_number_sentence_lookup_is_linear(settings):
    """Numbers find their sentence by binary search: 20,000 numbered lines took minutes."""
    lines = "\n".join(f"سطر رقم {i} من الملف." for i in range(20_000))
    article = clean(RawDocument(source="lines", text=lines), settings)
    article.sentences = segment(article.text, CliticAnalyzer())
    started = time.monotonic()
    NumberRecognizer(settings)(article)
    assert time.monotonic() - started < 20
    numbers = [m for m in article.mentions if m.kind == "number"]
    assert len(numbers) >= 19_000
    for m in numbers[::997]:
        s = article.sentences[m.sentence]
        assert s.start <= m.start < s.end


def test_regression_fragment_join_is_linear():
    """200,000 unpunctuated lines join into one paragraph in seconds (was quadratic: hours)."""
    from rasd.clean_paragraphs import join_fragments
    lines = many_lines_text(200_000).splitlines()
    started = time.monotonic()
    [paragraph] = join_fragments(lines[1:])
    assert time.monotonic() - started < 20
    assert paragraph.count(" ") >= 200_000 * 5
