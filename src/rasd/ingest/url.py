"""URLs fetched over HTTP(S): timeouts, retries with exponential backoff, a clear user agent, a
redirect limit and a size limit. The response is read by the reader its type calls for."""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable, Iterator, Optional, Union

import httpx

from ..errors import DocumentRejected
from ..model import DocumentError, RawDocument
from ..settings import Settings
from .feed import feed_documents
from .guard import guarded
from .html import html_document
from .limits import check_size
from .sniff import FEED, HTML, JSONL, TEXT, WARC, content_type_kind, kind_from_content, kind_from_name
from .text import text_document

Item = Union[RawDocument, DocumentError]
RETRY_STATUSES = {408, 425, 429, 500, 502, 503, 504}


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


@dataclass
class Fetched:
    url: str  # after redirects
    status: int
    content_type: str
    charset: Optional[str]
    body: bytes


class Fetcher:
    """One HTTP client for a batch (connections are reused); close() when done."""

    def __init__(self, settings: Settings, sleep: Callable[[float], None] = time.sleep):
        self.settings = settings
        self.sleep = sleep
        self._client: Optional[httpx.Client] = None

    @property
    def client(self) -> httpx.Client:
        if self._client is None:  # made on first use: most batches fetch nothing
            self._client = httpx.Client(
                headers={"User-Agent": self.settings.user_agent, "Accept-Language": "ar,en;q=0.5"},
                follow_redirects=True, max_redirects=self.settings.http_max_redirects,
                timeout=self.settings.http_timeout,
            )
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def fetch(self, url: str) -> Fetched:
        """GET with retries on timeouts, connection errors, 429 and 5xx; DocumentRejected on failure."""
        attempts = self.settings.http_retries + 1
        failure = ("connection-error", "")
        for attempt in range(attempts):
            if attempt:
                self.sleep(self.settings.http_backoff * 2 ** (attempt - 1))
            try:
                with self.client.stream("GET", url) as response:
                    if response.status_code in RETRY_STATUSES:
                        failure = ("http-error", f"HTTP {response.status_code} {response.reason_phrase}")
                        continue
                    if response.status_code >= 400:
                        raise DocumentRejected(url, "http-error",
                                               f"HTTP {response.status_code} {response.reason_phrase}")
                    return Fetched(str(response.url), response.status_code,
                                   response.headers.get("content-type", ""), response.charset_encoding,
                                   self._read_body(response, url))
            except httpx.TooManyRedirects:
                raise DocumentRejected(url, "too-many-redirects",
                                       f"more than {self.settings.http_max_redirects} redirects "
                                       "(a redirect loop?)") from None
            except httpx.TimeoutException as e:
                failure = ("timeout", f"no answer within {self.settings.http_timeout:g} s ({type(e).__name__})")
            except httpx.UnsupportedProtocol as e:
                raise DocumentRejected(url, "unsupported-url", str(e)) from None
            except httpx.TransportError as e:
                failure = ("connection-error", f"{type(e).__name__}: {e}")
        reason, detail = failure
        raise DocumentRejected(url, reason, f"{detail}; gave up after {attempts} attempts")

    def _read_body(self, response: httpx.Response, url: str) -> bytes:
        declared = response.headers.get("content-length")
        if declared and declared.isdigit():
            check_size(int(declared), url, self.settings)
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            check_size(size, url, self.settings)
            chunks.append(chunk)
        return b"".join(chunks)


def fetched_kind(fetched: Fetched, settings: Settings) -> str:
    if settings.input_format:
        return settings.input_format
    by_type = content_type_kind(fetched.content_type)
    if by_type in (HTML, FEED, TEXT):
        return by_type
    # application/xml, octet-stream, a missing header...: the name, then the bytes decide.
    return kind_from_name(fetched.url.split("?", 1)[0]) or kind_from_content(fetched.body[:4096])


def read_url(url: str, settings: Settings, fetcher: Fetcher) -> Iterator[Item]:
    """Documents at a URL: a page, a plain text, or a feed (whose items are fetched in turn)."""
    fetched = fetcher.fetch(url)
    kind = fetched_kind(fetched, settings)
    if kind == HTML:
        yield html_document(fetched.body, url, settings, url=fetched.url, declared_charset_header=fetched.charset)
    elif kind == FEED:
        yield from feed_documents(fetched.body, url, settings,
                                  fetch_link=lambda link: guarded(link, lambda: read_url(link, settings, fetcher)),
                                  url=fetched.url)
    elif kind == TEXT:
        yield text_document(fetched.body, url, settings, url=fetched.url, declared_charset=fetched.charset)
    elif kind in (JSONL, WARC):
        raise DocumentRejected(url, "unsupported-content-type",
                               f"{kind.upper()} over HTTP is not read directly; download it and pass the file")
    else:
        raise DocumentRejected(url, "unsupported-content-type", f"cannot read {fetched.content_type!r}")

