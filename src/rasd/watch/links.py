"""What a watched source points to: the items of an RSS/Atom feed, the pages of a sitemap (a
sitemap index lists further sitemaps), or a plain list of URLs (one a line, # comments)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import feedparser
from lxml import etree

from ..ingest.dates import to_iso_date


@dataclass(frozen=True)
class Link:
    url: str
    title: Optional[str] = None
    published: Optional[str] = None  # ISO date, when the source gives one


@dataclass
class Listing:
    links: list[Link]
    sitemaps: list[str]  # nested sitemaps (a sitemap index), to be polled in turn


class ListingError(ValueError):
    """The source's content is not the kind of listing configured."""


def feed_links(data: bytes, base_url: str) -> Listing:
    parsed = feedparser.parse(data, response_headers={"content-location": base_url})
    if not parsed.entries and parsed.bozo:
        raise ListingError(f"not a readable RSS/Atom feed: {parsed.bozo_exception}")
    links = [Link(e["link"], e.get("title") or None,
                  to_iso_date(e.get("published_parsed") or e.get("updated_parsed")))
             for e in parsed.entries if e.get("link")]
    return Listing(links, [])


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def sitemap_links(data: bytes) -> Listing:
    try:
        root = etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as e:
        raise ListingError(f"not a readable sitemap: {e}") from None
    links, nested = [], []
    for entry in root:
        if not isinstance(entry.tag, str):
            continue
        values = {_local(child.tag): (child.text or "").strip() for child in entry if isinstance(child.tag, str)}
        if not values.get("loc"):
            continue
        if _local(root.tag) == "sitemapindex":
            nested.append(values["loc"])
        else:
            links.append(Link(values["loc"], None, to_iso_date(values.get("lastmod")) if values.get("lastmod") else None))
    return Listing(links, nested)


def url_list_links(data: bytes) -> Listing:
    urls = []
    for line in data.decode("utf-8", errors="replace").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            urls.append(Link(line))
    return Listing(urls, [])


def listing(kind: str, data: bytes, base_url: str) -> Listing:
    if kind == "feed":
        return feed_links(data, base_url)
    if kind == "sitemap":
        return sitemap_links(data)
    return url_list_links(data)
