"""RSS/Atom feeds served locally, and WARC files written with warcio in the test."""
from __future__ import annotations

import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from rasd.ingest import read_sources
from rasd.model import DocumentError, RawDocument

from ingest_helpers import article_page, fast_settings


def rss(items: str) -> bytes:
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>وكالة الأنباء</title>'
            f"<link>http://127.0.0.1/</link><description>أخبار</description>{items}</channel></rss>").encode()


def test_feed_items_use_their_content_or_their_fetched_page(http_server, arabic_text):
    body = "\n".join(arabic_text.splitlines()[2:])
    page_url = http_server.serve("/article/2", http_server.Reply(
        body=article_page(arabic_text), headers={"Content-Type": "text/html; charset=utf-8"}))
    full_item = (f"<item><title>خبر كامل</title><link>http://127.0.0.1/article/1</link>"
                 f"<pubDate>Tue, 12 Feb 2013 04:45:56 GMT</pubDate><category>سوريا</category>"
                 f"<description><![CDATA[{''.join(f'<p>{p}</p>' for p in body.splitlines())}]]></description></item>")
    teaser_item = (f"<item><title>عنوان من الخلاصة</title><link>{page_url}</link>"
                   "<pubDate>Wed, 13 Feb 2013 10:00:00 GMT</pubDate><description>مقدمة قصيرة</description></item>")
    feed_url = http_server.serve("/feed.xml", http_server.Reply(
        body=rss(full_item + teaser_item), headers={"Content-Type": "application/rss+xml"}))
    first, second = read_sources([feed_url], fast_settings())
    assert isinstance(first, RawDocument) and first.text == body
    assert (first.title, first.published, first.category, first.outlet) == ("خبر كامل", "2013-02-12", "سوريا", "وكالة الأنباء")
    assert first.source == feed_url + "#http://127.0.0.1/article/1"
    assert isinstance(second, RawDocument) and second.is_html_extract and second.url == page_url
    assert second.published == "2013-02-13"  # the page states no date: the feed's fills it
    assert http_server.hits("/article/2") == 1


def test_feed_file_and_broken_item_link(tmp_path, http_server):
    dead = http_server.url("/gone")
    atom = ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>'
            f'<entry><title>x</title><id>urn:1</id><link href="{dead}"/><updated>2024-08-09T10:00:00Z</updated>'
            "<summary>قصير</summary></entry></feed>")
    path = tmp_path / "news.atom"
    path.write_text(atom, encoding="utf-8")
    [error] = read_sources([str(path)], fast_settings())
    assert isinstance(error, DocumentError) and error.source == dead and error.reason == "http-error"
    [offline] = read_sources([str(path)], fast_settings(feed_fetch_links=False))
    assert offline.reason == "no-text"


def test_invalid_feed(tmp_path):
    path = tmp_path / "bad.rss"
    path.write_text("this is not a feed {", encoding="utf-8")
    [error] = read_sources([str(path)])
    assert (error.source, error.reason) == (str(path), "invalid-feed")


def write_warc(path: Path, records: list[tuple[str, int, str, bytes]]) -> None:
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=path.suffix == ".gz")
        for uri, status, content_type, body in records:
            headers = StatusAndHeaders(f"{status} X", [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))


def test_warc_html_responses_become_articles(tmp_path, arabic_text):
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, [
        ("https://example.org/a", 200, "text/html; charset=windows-1256", article_page(arabic_text, "cp1256")),
        ("https://example.org/logo.png", 200, "image/png", b"\x89PNG\r\n"),
        ("https://example.org/moved", 301, "text/html", b"<html>moved</html>"),
        ("https://example.org/empty", 200, "text/html", b"<html><body><nav>menu</nav></body></html>"),
        ("https://example.org/b", 200, "text/html", article_page(arabic_text)),
    ])
    items = list(read_sources([str(path)]))
    assert [type(i).__name__ for i in items] == ["RawDocument", "DocumentError", "RawDocument"]
    assert items[0].url == "https://example.org/a" and items[0].source == f"{path}#https://example.org/a"
    assert arabic_text.splitlines()[2][:40] in items[0].text
    assert items[1].reason == "no-article"


def test_damaged_warc_is_reported(tmp_path):
    path = tmp_path / "broken.warc"
    path.write_bytes(b"WARC/1.0\r\nnonsense\r\n\r\n" + b"\x00" * 50)
    [error] = read_sources([str(path)])
    assert isinstance(error, DocumentError) and error.reason == "invalid-warc"
    images_only = tmp_path / "images.warc"
    write_warc(images_only, [("https://example.org/logo.png", 200, "image/png", b"\x89PNG\r\n")])
    [error] = read_sources([str(images_only)])
    assert error.reason == "no-article"
