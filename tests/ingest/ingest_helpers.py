"""Builders shared by the reader tests (imported by module name: tests/ingest is on sys.path)."""
from __future__ import annotations

from rasd.settings import Settings


def fast_settings(**changes) -> Settings:
    """Settings with short HTTP timeouts and backoff, so retry tests take milliseconds."""
    settings = Settings(http_timeout=0.5, http_retries=2, http_backoff=0.01)
    for name, value in changes.items():
        setattr(settings, name, value)
    return settings


def article_page(text: str, charset: str = "utf-8") -> bytes:
    """A small news page around a real article: title line as <h1>, the rest as paragraphs."""
    paragraphs = "".join(f"<p>{p}</p>" for p in text.splitlines()[2:])
    title = text.splitlines()[0]
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{paragraphs}"
            "</article></body></html>").encode(charset, errors="ignore")
