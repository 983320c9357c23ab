"""The watch configuration file (YAML; docs/watch.md shows every key).

```yaml
database: rasd.sqlite          # optional; --db and RASD_DB win
politeness_seconds: 2          # per host: at least this long between two requests
sources:
  - url: https://www.example.com/rss.xml
    kind: feed                 # feed | sitemap | urls (a text file of URLs, one a line)
    interval: 600              # seconds between two polls of this source
alerts:                        # saved filters, created if no alert of that name exists
  - name: hasakah-assaults
    types: [ASSAULT]
    admin1: Al-Hasakah
  - name: sdf-and-russia
    actors: [Syrian Democratic Forces, Russia]
notify:
  - console: true
  - jsonl: alerts.jsonl
  - webhook: https://hooks.example.org/rasd
    retries: 3
```
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Optional

import yaml

from ..errors import RasdError
from ..store.alerts import filter_from_json
from ..store.query import EventFilter

SOURCE_KINDS = ("feed", "sitemap", "urls")
FILTER_KEYS = {f.name for f in fields(EventFilter)} - {"article_id"}


class WatchConfigError(RasdError):
    """The watch configuration is not usable; the message names the file and the key."""


@dataclass(frozen=True)
class WatchSource:
    url: str
    kind: str = "feed"
    interval: float = 600.0


@dataclass(frozen=True)
class AlertSpec:
    name: str
    filter: EventFilter


@dataclass(frozen=True)
class ChannelSpec:
    kind: str  # console | jsonl | webhook
    target: str = ""  # the file or URL
    retries: int = 3


@dataclass
class WatchConfig:
    sources: list[WatchSource]
    alerts: list[AlertSpec] = field(default_factory=list)
    channels: list[ChannelSpec] = field(default_factory=lambda: [ChannelSpec("console")])
    database: Optional[str] = None
    politeness_seconds: float = 2.0
    timeout_seconds: float = 20.0
    retry_backoff_seconds: float = 1.0


def _fail(path: str, where: str, message: str) -> WatchConfigError:
    return WatchConfigError(f"{path}: {where}: {message}")


def _source(path: str, i: int, raw: Any) -> WatchSource:
    where = f"sources[{i}]"
    if not isinstance(raw, dict) or not isinstance(raw.get("url"), str):
        raise _fail(path, where, "needs a url (http://, https:// or a local file for kind urls)")
    kind = raw.get("kind", "feed")
    if kind not in SOURCE_KINDS:
        raise _fail(path, where, f"kind {kind!r} is not one of {', '.join(SOURCE_KINDS)}")
    interval = raw.get("interval", 600)
    if not isinstance(interval, (int, float)) or interval <= 0:
        raise _fail(path, where, "interval must be a positive number of seconds")
    return WatchSource(raw["url"], kind, float(interval))


def _alert(path: str, i: int, raw: Any) -> AlertSpec:
    where = f"alerts[{i}]"
    if not isinstance(raw, dict) or not isinstance(raw.get("name"), str):
        raise _fail(path, where, "needs a name")
    unknown = set(raw) - FILTER_KEYS - {"name"}
    if unknown:
        raise _fail(path, where, f"unknown filter key(s) {sorted(unknown)}; use {sorted(FILTER_KEYS)}")
    values = {k: ([v] if k in ("types", "statuses", "actors") and isinstance(v, str) else v)
              for k, v in raw.items() if k != "name"}
    return AlertSpec(raw["name"], filter_from_json(values))


def _channel(path: str, i: int, raw: Any) -> ChannelSpec:
    where = f"notify[{i}]"
    if raw == "console" or (isinstance(raw, dict) and "console" in raw):
        return ChannelSpec("console")
    if isinstance(raw, dict) and isinstance(raw.get("jsonl"), str):
        return ChannelSpec("jsonl", raw["jsonl"])
    if isinstance(raw, dict) and isinstance(raw.get("webhook"), str):
        if not raw["webhook"].startswith(("http://", "https://")):
            raise _fail(path, where, "webhook must be an http(s) URL")
        retries = raw.get("retries", 3)
        if not isinstance(retries, int) or retries < 0:
            raise _fail(path, where, "retries must be a whole number >= 0")
        return ChannelSpec("webhook", raw["webhook"], retries)
    raise _fail(path, where, "use one of: console: true | jsonl: FILE | webhook: URL (with retries: N)")


def parse_config(data: Any, path: str = "<config>") -> WatchConfig:
    if not isinstance(data, dict):
        raise WatchConfigError(f"{path}: the file must hold a mapping with at least 'sources'")
    sources = data.get("sources")
    if not isinstance(sources, list) or not sources:
        raise _fail(path, "sources", "list at least one source to poll")
    config = WatchConfig(
        sources=[_source(path, i, s) for i, s in enumerate(sources)],
        alerts=[_alert(path, i, a) for i, a in enumerate(data.get("alerts") or [])],
        channels=[_channel(path, i, c) for i, c in enumerate(data.get("notify") or ["console"])],
        database=data.get("database"),
    )
    for key in ("politeness_seconds", "timeout_seconds", "retry_backoff_seconds"):
        if key in data:
            if not isinstance(data[key], (int, float)) or data[key] < 0:
                raise _fail(path, key, "must be a number >= 0")
            setattr(config, key, float(data[key]))
    return config


def load_config(path: str | Path) -> WatchConfig:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as e:
        raise WatchConfigError(f"{path}: cannot read the watch configuration: {e}") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        raise WatchConfigError(f"{path}: not valid YAML: {e}") from None
    return parse_config(data, str(path))
