"""Where alerts go: the console, a JSONL file (one alert a line) or a webhook (JSON POST,
retried with backoff). A notifier returns None when delivered, else the reason it was not."""
from __future__ import annotations

import json
import time
from typing import Callable, Optional, Protocol

import click
import httpx

from .config import ChannelSpec


class Notifier(Protocol):
    name: str

    def send(self, payload: dict) -> Optional[str]: ...


def describe(payload: dict) -> str:
    who = ", ".join(payload["actors"]) or "?"
    whom = ", ".join(payload["recipients"])
    where = payload.get("location") or ""
    return (f"[{payload['alert']}] {payload.get('date') or '----------'} {payload['type']} {who}"
            + (f" -> {whom}" if whom else "") + (f" @ {where}" if where else "")
            + f" «{payload['trigger']}» ({payload['article'].get('source') or payload['article']['id']})")


class ConsoleNotifier:
    name = "console"

    def send(self, payload: dict) -> Optional[str]:
        click.echo(describe(payload))
        return None


class JsonlNotifier:
    def __init__(self, path: str):
        self.path = path
        self.name = f"jsonl:{path}"

    def send(self, payload: dict) -> Optional[str]:
        try:
            with open(self.path, "a", encoding="utf-8") as out:
                out.write(json.dumps(payload, ensure_ascii=False, sort_keys=True) + "\n")
        except OSError as e:
            return f"cannot write {self.path}: {e}"
        return None


class WebhookNotifier:
    def __init__(self, url: str, retries: int = 3, backoff: float = 1.0, timeout: float = 10.0,
                 sleep: Callable[[float], None] = time.sleep):
        self.url, self.retries, self.backoff, self.sleep = url, retries, backoff, sleep
        self.name = f"webhook:{url}"
        self.timeout = timeout

    def send(self, payload: dict) -> Optional[str]:
        failure = "no attempt"
        for attempt in range(self.retries + 1):
            if attempt:
                self.sleep(self.backoff * 2 ** (attempt - 1))
            try:
                r = httpx.post(self.url, json=payload, timeout=self.timeout)
            except httpx.HTTPError as e:
                failure = f"{type(e).__name__}: {e}"
                continue
            if 200 <= r.status_code < 300:
                return None
            failure = f"HTTP {r.status_code}"
            if r.status_code < 500 and r.status_code != 429:
                break  # the receiver refuses this alert: retrying will not help
        return f"{failure} after {attempt + 1} attempt(s)"


def make_notifier(spec: ChannelSpec, backoff: float = 1.0) -> Notifier:
    if spec.kind == "console":
        return ConsoleNotifier()
    if spec.kind == "jsonl":
        return JsonlNotifier(spec.target)
    return WebhookNotifier(spec.target, spec.retries, backoff)
