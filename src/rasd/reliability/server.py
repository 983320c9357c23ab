"""A hostile web server on 127.0.0.1 for the URL cases: a page that never answers in time, a
redirect loop, a server error, and one good article page (to show the batch goes on)."""
from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .articles import article_html

SLOW_SECONDS = 5.0  # far beyond the client timeout the trials use


class _Handler(BaseHTTPRequestHandler):
    server: "HostileServer._Server"

    def log_message(self, *args) -> None:  # keep test and report output clean
        pass

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        if path == "/slow":
            self.server.stopping.wait(SLOW_SECONDS)  # returns at once when the server stops
            self._send(200, "text/html; charset=utf-8", article_html().encode())
        elif path.startswith("/loop"):
            hop = int(path.rsplit("/", 1)[-1]) if path.count("/") == 2 else 0
            self.send_response(302)
            self.send_header("Location", f"/loop/{(hop + 1) % 2}")  # /loop/0 <-> /loop/1 forever
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/error":
            self._send(500, "text/plain", b"internal error")
        elif path == "/article":
            self._send(200, "text/html; charset=utf-8", article_html().encode())
        else:
            self._send(404, "text/plain", b"not found")

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class HostileServer:
    """``with HostileServer() as server: server.url("/slow")``"""

    class _Server(ThreadingHTTPServer):
        daemon_threads = True
        stopping: threading.Event

        def handle_error(self, request, client_address) -> None:
            pass  # a client that gave up (the timeout case) closed its end: expected here

    def __init__(self) -> None:
        self._server = self._Server(("127.0.0.1", 0), _Handler)
        self._server.stopping = threading.Event()
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}{path}"

    def __enter__(self) -> "HostileServer":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.stopping.set()
        self._server.shutdown()
        self._server.server_close()
