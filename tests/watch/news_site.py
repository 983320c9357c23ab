"""A local news site on 127.0.0.1 for watch tests: an RSS feed (with ETag and Last-Modified,
answering 304 to conditional requests), a sitemap, Arabic article pages built from the real
gold-dev articles, and a webhook receiver that can fail on purpose."""
from __future__ import annotations

import hashlib
import html
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from rasd.model import Article
from rasd.pipeline import Pipeline, Segmenter
from rasd.settings import Settings

from store_gold import GoldEvents, gold_documents

GOLD = {d["id"]: d for d in gold_documents()}


def page_title(doc: dict) -> str:
    """The page title: the article's, else (the scraped seed has none) its first words."""
    return doc["title"] or " ".join(doc["text"].split()[:8])


def article_page(doc: dict) -> bytes:
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in doc["text"].split("\n") if p.strip())
    return (f"<!doctype html><html lang='ar' dir='rtl'><head><meta charset='utf-8'>"
            f"<title>{html.escape(page_title(doc))}</title>"
            f"<meta property='article:published_time' content='{doc['published']}'></head>"
            f"<body><nav><a href='/'>الرئيسية</a> | <a href='/news'>أخبار</a></nav>"
            f"<article><h1>{html.escape(page_title(doc))}</h1>{paragraphs}</article>"
            f"<footer>جميع الحقوق محفوظة</footer></body></html>").encode("utf-8")


class NewsSite:
    def __init__(self):
        self.items: list[str] = []  # gold ids on the feed, newest last
        self.requests: list[tuple[float, str, str]] = []  # (time, method, path)
        self.hooks: list[dict] = []
        self.fail_hooks = 0  # answer the next N webhook calls with 500
        self.lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def _send(self, status: int, body: bytes = b"", content_type: str = "text/html; charset=utf-8",
                      headers: dict | None = None):
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                with site.lock:
                    site.requests.append((time.monotonic(), "GET", self.path))
                if self.path == "/feed.xml":
                    body = site.feed()
                    etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
                    if self.headers.get("If-None-Match") == etag:
                        return self._send(304, headers={"ETag": etag})
                    return self._send(200, body, "application/rss+xml; charset=utf-8",
                                      {"ETag": etag, "Last-Modified": "Mon, 06 Nov 2023 10:00:00 GMT"})
                if self.path == "/sitemap.xml":
                    return self._send(200, site.sitemap(), "application/xml")
                if self.path.startswith("/news/") and self.path.endswith(".html"):
                    doc = GOLD.get(self.path[len("/news/"):-len(".html")])
                    if doc is not None:
                        return self._send(200, article_page(doc))
                self._send(404, b"not found")

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with site.lock:
                    site.requests.append((time.monotonic(), "POST", self.path))
                    if site.fail_hooks > 0:
                        site.fail_hooks -= 1
                        return self._send(500, b"try again")
                    site.hooks.append(json.loads(body))
                self._send(204)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def feed(self) -> bytes:
        entries = "".join(
            f"<item><title>{html.escape(page_title(GOLD[i]))}</title><link>{self.base}/news/{i}.html</link>"
            f"<guid>{i}</guid></item>" for i in reversed(self.items))
        return (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>أخبار محلية</title>"
                f"<link>{self.base}/</link>{entries}</channel></rss>").encode("utf-8")

    def sitemap(self) -> bytes:
        urls = "".join(f"<url><loc>{self.base}/news/{i}.html</loc></url>" for i in self.items)
        return ("<?xml version='1.0' encoding='UTF-8'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
                f"{urls}</urlset>").encode("utf-8")

    def page_requests(self) -> list[float]:
        return [t for t, method, path in self.requests if method == "GET" and path.startswith("/news/")]

    def __enter__(self) -> "NewsSite":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


class TitleGoldEvents(GoldEvents):
    """Gold events of the gold article with the page's title (pages carry no external id)."""

    def __init__(self, settings: Settings):
        super().__init__(settings)
        self.by_title = {page_title(d): d for d in self.by_id.values()}

    def __call__(self, article: Article) -> Article:
        gold = self.by_title.get((article.title or "").strip())
        if gold is not None:
            article.events = GoldEvents.__call__(self, Article(**{**article.__dict__, "external_id": gold["id"]})).events
        return article


def site_pipeline(settings: Settings) -> Pipeline:
    return Pipeline(settings, stages=[Segmenter(settings), TitleGoldEvents(settings)])
