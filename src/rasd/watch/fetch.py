"""HTTP for watching: conditional requests (ETag / If-Modified-Since), a politeness delay per
host, and retries on timeouts, connection errors, 429 and 5xx."""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable, Optional
from urllib.parse import urlsplit

import httpx

RETRY_STATUSES = {429, 500, 502, 503, 504}


@dataclass
class Response:
    url: str
    status: int  # 200, 304 (not modified) ...
    body: bytes = b""
    content_type: str = ""
    charset: Optional[str] = None
    etag: Optional[str] = None
    last_modified: Optional[str] = None


class FetchFailed(Exception):
    """No usable answer; ``transient`` failures (timeouts, 5xx, 429) are worth another try later."""

    def __init__(self, message: str, transient: bool):
        super().__init__(message)
        self.transient = transient


class PoliteFetcher:
    """One client; waits ``politeness`` seconds between two requests to the same host."""

    def __init__(self, user_agent: str, politeness: float = 2.0, timeout: float = 20.0, retries: int = 2,
                 backoff: float = 1.0, sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic):
        self.politeness, self.retries, self.backoff = politeness, retries, backoff
        self.sleep, self.clock = sleep, clock
        self._last: dict[str, float] = {}
        self.client = httpx.Client(headers={"User-Agent": user_agent, "Accept-Language": "ar,en;q=0.5"},
                                   follow_redirects=True, max_redirects=5, timeout=timeout)

    def close(self) -> None:
        self.client.close()

    def _wait_for(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            wait = last + self.politeness - self.clock()
            if wait > 0:
                self.sleep(wait)
        self._last[host] = self.clock()

    def get(self, url: str, etag: Optional[str] = None, last_modified: Optional[str] = None) -> Response:
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        host = urlsplit(url).netloc.lower()
        failure = "no attempt"
        for attempt in range(self.retries + 1):
            if attempt:
                self.sleep(self.backoff * 2 ** (attempt - 1))
            self._wait_for(host)
            try:
                r = self.client.get(url, headers=headers)
            except httpx.HTTPError as e:
                failure = f"{type(e).__name__}: {e}"
                continue
            if r.status_code in RETRY_STATUSES:
                failure = f"HTTP {r.status_code}"
                continue
            if r.status_code >= 400:
                raise FetchFailed(f"HTTP {r.status_code} {r.reason_phrase}", transient=False)
            return Response(str(r.url), r.status_code, r.content if r.status_code != 304 else b"",
                            r.headers.get("content-type", ""), r.charset_encoding,
                            r.headers.get("etag") or etag, r.headers.get("last-modified") or last_modified)
        raise FetchFailed(f"{failure}; gave up after {self.retries + 1} attempts", transient=True)
