"""``rasd watch``: poll feeds, sitemaps and URL lists, ingest what is new, and notify when new
events match saved alert filters. One module per job: ``config`` (the YAML file), ``fetch``
(conditional, polite HTTP), ``links`` (what a feed, sitemap or list points to), ``state``
(what was polled and seen, the alert outbox; all in the store), ``matching`` (new events
against saved filters), ``notify`` (console, JSONL file, webhook) and ``watcher`` (a round).
"""
from .config import WatchConfig, load_config
from .watcher import Watcher

__all__ = ["WatchConfig", "Watcher", "load_config"]
