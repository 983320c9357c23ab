"""Shared fixtures for the reader tests: real Arabic text from ../shared/data and a local HTTP server."""
from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable

import pytest

REPO = Path(__file__).resolve().parents[2]
DATA = REPO.parent / "shared" / "data"
CORPUS = DATA / "corpus-dev"
HTML_PAGES = DATA / "html"


def corpus_records(name: str = "news_credibility_bbc_cnn_2013.jsonl", n: int = 5) -> list[dict]:
    with (CORPUS / name).open(encoding="utf-8") as fh:
        return [json.loads(next(fh)) for _ in range(n)]


@pytest.fixture(scope="session")
def arabic_text() -> str:
    """A real article body (BBC Arabic 2013): title line, blank line, paragraphs."""
    record = corpus_records(n=1)[0]
    return record["title"] + "\n\n" + record["text"]


@pytest.fixture(scope="session")
def arabic_texts() -> list[str]:
    """Several real articles from two outlets, for encoding round trips."""
    records = corpus_records(n=3) + corpus_records("almayadeen_2023_2024_syria.jsonl", n=2)
    return [r["title"] + "\n\n" + r["text"] for r in records]


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


Route = Callable[["Handler"], Reply]


class Handler(BaseHTTPRequestHandler):
    server: "LocalServer"

    def do_GET(self) -> None:  # noqa: N802 (http.server API)
        self.server.requests.append((self.path, dict(self.headers)))
        route = self.server.routes.get(self.path)
        reply = route(self) if route else Reply(404, b"not found")
        if reply.delay:
            self.server.stopping.wait(reply.delay)
        try:
            self.send_response(reply.status)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            self.wfile.write(reply.body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout tests)
            pass

    def log_message(self, *args) -> None:
        pass


class LocalServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), Handler)
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict]] = []
        self.stopping = threading.Event()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}{path}"

    Reply = Reply  # tests build replies as http_server.Reply(...)

    def serve(self, path: str, reply: "Reply | Route") -> str:
        """Route ``path`` to a fixed reply (or a function of the request); return its URL."""
        self.routes[path] = reply if callable(reply) else (lambda handler, r=reply: r)
        return self.url(path)

    def hits(self, path: str) -> int:
        return sum(1 for p, _ in self.requests if p == path)


@pytest.fixture
def http_server():
    server = LocalServer()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    yield server
    server.stopping.set()
    server.shutdown()
    server.server_close()
