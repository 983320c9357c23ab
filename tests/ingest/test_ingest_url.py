"""URLs over HTTP, against a local server on 127.0.0.1: user agent, charset, timeouts, retries,
redirect loops, HTTP errors, size limit."""
from __future__ import annotations

from rasd.ingest import read_sources
from rasd.model import DocumentError, RawDocument
from rasd.settings import Settings

from ingest_helpers import article_page, fast_settings


def test_page_is_fetched_with_a_clear_user_agent(http_server, arabic_text):
    url = http_server.serve("/news/1", http_server.Reply(
        body=article_page(arabic_text, "cp1256"), headers={"Content-Type": "text/html; charset=windows-1256"}))
    [doc] = read_sources([url], fast_settings())
    assert isinstance(doc, RawDocument) and doc.is_html_extract and doc.url == url
    assert arabic_text.splitlines()[2][:40] in doc.text
    (_, headers), = http_server.requests
    assert headers["User-Agent"] == Settings().user_agent and "rasd" in headers["User-Agent"]


def test_plain_text_url(http_server, arabic_text):
    url = http_server.serve("/story.txt", http_server.Reply(
        body=arabic_text.encode("utf-16"), headers={"Content-Type": "text/plain; charset=utf-16"}))
    [doc] = read_sources([url], fast_settings())
    assert doc.text == arabic_text and not doc.is_html_extract


def test_server_errors_are_retried_then_succeed(http_server, arabic_text):
    def flaky(handler):
        if http_server.hits("/flaky") < 3:
            return http_server.Reply(500, b"oops")
        return http_server.Reply(body=article_page(arabic_text), headers={"Content-Type": "text/html"})
    url = http_server.serve("/flaky", flaky)
    [doc] = read_sources([url], fast_settings())
    assert isinstance(doc, RawDocument) and http_server.hits("/flaky") == 3


def test_persistent_server_error_gives_up_after_the_retries(http_server):
    url = http_server.serve("/down", http_server.Reply(503, b"maintenance"))
    [error] = read_sources([url], fast_settings(http_retries=3))
    assert (error.source, error.reason) == (url, "http-error")
    assert "503" in error.detail and "4 attempts" in error.detail and http_server.hits("/down") == 4


def test_client_error_is_not_retried(http_server):
    url = http_server.url("/missing")
    [error] = read_sources([url], fast_settings())
    assert error.reason == "http-error" and "404" in error.detail and http_server.hits("/missing") == 1


def test_timeout_is_retried_and_reported(http_server):
    url = http_server.serve("/slow", http_server.Reply(body=b"late", delay=1.0))
    [error] = read_sources([url], fast_settings(http_timeout=0.2, http_retries=1))
    assert error.reason == "timeout" and "2 attempts" in error.detail and http_server.hits("/slow") == 2


def test_redirect_loop_is_stopped(http_server):
    http_server.serve("/a", http_server.Reply(302, headers={"Location": "/b"}))
    url = http_server.serve("/b", http_server.Reply(302, headers={"Location": "/a"}))
    [error] = read_sources([url], fast_settings(http_max_redirects=4))
    assert error.reason == "too-many-redirects" and "more than 4" in error.detail
    assert http_server.hits("/a") + http_server.hits("/b") == 5


def test_redirect_is_followed_to_the_article(http_server, arabic_text):
    final = http_server.serve("/final", http_server.Reply(body=article_page(arabic_text),
                                                          headers={"Content-Type": "text/html; charset=utf-8"}))
    url = http_server.serve("/old", http_server.Reply(301, headers={"Location": "/final"}))
    [doc] = read_sources([url], fast_settings())
    assert doc.source == url and doc.url == final


def test_oversized_response_is_too_large(http_server):
    url = http_server.serve("/huge", http_server.Reply(body=b"x" * 5000, headers={"Content-Type": "text/plain"}))
    [error] = read_sources([url], fast_settings(max_document_bytes=1000))
    assert error.reason == "too-large"


def test_unreachable_host_is_a_connection_error():
    # Port 9 (discard) on 127.0.0.1 refuses connections on a machine without that service.
    [error] = read_sources(["http://127.0.0.1:9/x"], fast_settings(http_retries=1))
    assert isinstance(error, DocumentError) and error.reason == "connection-error"
