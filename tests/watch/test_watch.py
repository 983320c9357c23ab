"""`rasd watch` against a local news site: new pages ingested once, conditional requests, a
politeness delay per host, alerts for saved filters to a webhook (retried) and a JSONL file,
one alert per happening, and restarts that send nothing twice. On SQLite and PostgreSQL."""
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from rasd.cli import main
from rasd.store import EventFilter, Store
from rasd.store import schema as t
from rasd.watch import Watcher
from rasd.watch.config import WatchConfigError, parse_config

from news_site import site_pipeline

HASAKAH = EventFilter(types=("ASSAULT",), admin1="Al-Hasakah")
SDF_RUSSIA = EventFilter(actors=("Syrian Democratic Forces", "Russia"))
POLITENESS = 0.3


def config(site, tmp_path: Path, kind: str = "feed"):
    return parse_config({
        "politeness_seconds": POLITENESS, "retry_backoff_seconds": 0.01,
        "sources": [{"url": f"{site.base}/{'feed' if kind == 'feed' else 'sitemap'}.xml", "kind": kind,
                     "interval": 60}],
        "alerts": [{"name": "hasakah-assaults", "types": ["ASSAULT"], "admin1": "Al-Hasakah"},
                   {"name": "sdf-and-russia", "actors": ["Syrian Democratic Forces", "Russia"]}],
        "notify": [{"jsonl": str(tmp_path / "alerts.jsonl")}, {"webhook": f"{site.base}/hook", "retries": 2}],
    })


def watch_round(db_url, site, tmp_path, kind="feed"):
    """A fresh process's round: the store reopened, a new watcher (nothing kept in memory)."""
    with Store.open(db_url) as store, Watcher(store, config(site, tmp_path, kind), pipeline_factory=site_pipeline,
                                              sleep=__import__("time").sleep) as watcher:
        return watcher.run_once()


def happenings(store: Store, flt: EventFilter) -> set[str]:
    """Distinct happenings (cluster, else event) among the stored events matching ``flt``."""
    return {s.cluster_id or s.id for s in store.events(flt)}


def by_alert(site) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for hook in site.hooks:
        out.setdefault(hook["alert"], []).append(hook["event_id"])
    return out


def test_watch_alerts_once_per_happening_across_restarts(db_url, site, tmp_path):
    site.items = ["may-0124", "bbc17-003", "nc2013-0086"]
    site.fail_hooks = 1  # the first webhook call fails: retried
    first = watch_round(db_url, site, tmp_path)
    assert (first.new_links, first.stored, first.failed) == (3, 3, 0)
    sent = by_alert(site)
    assert set(sent) == {"hasakah-assaults"} and len(sent["hasakah-assaults"]) >= 1
    hook = site.hooks[0]
    assert hook["type"] == "ASSAULT" and hook["admin1"] == "Al-Hasakah" and hook["article"]["source"].endswith(
        "/news/may-0124.html")
    jsonl = [json.loads(line) for line in (tmp_path / "alerts.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(j["event_id"] for j in jsonl) == sorted(h["event_id"] for h in site.hooks)

    before = len(site.requests)
    restarted = watch_round(db_url, site, tmp_path)  # nothing new: the feed answers 304
    assert (restarted.polled, restarted.not_modified, restarted.new_links, restarted.delivered) == (1, 1, 0, 0)
    assert [r[2] for r in site.requests[before:]] == ["/feed.xml"]

    site.items += ["seed-000", "may-0143"]
    later = watch_round(db_url, site, tmp_path)
    assert (later.new_links, later.stored) == (2, 2)
    again = watch_round(db_url, site, tmp_path)
    assert again.new_links == 0 and again.delivered == 0

    sent = by_alert(site)
    for events in sent.values():
        assert len(events) == len(set(events))  # never the same alert twice
    with Store.open(db_url) as store:
        assert len(sent["sdf-and-russia"]) == len(happenings(store, SDF_RUSSIA)) > 0
        assert len(sent["hasakah-assaults"]) == len(happenings(store, HASAKAH))  # one per happening
        with store.engine.connect() as conn:
            statuses = conn.execute(select(t.watch_deliveries.c.status).distinct()).scalars().all()
    assert statuses == ["sent"]

    pages = site.page_requests()
    assert len(pages) == 5  # every page fetched exactly once
    assert all(b - a >= POLITENESS * 0.9 for a, b in zip(pages, pages[1:]))


def test_sitemap_source_and_cli_once(db_url, site, tmp_path):
    site.items = ["may-0240", "may-0278"]
    cfg = tmp_path / "watch.yaml"
    cfg.write_text(
        f"politeness_seconds: 0\nretry_backoff_seconds: 0.01\n"
        f"sources:\n  - url: {site.base}/sitemap.xml\n    kind: sitemap\n    interval: 30\n"
        f"alerts:\n  - name: hasakah\n    types: [ASSAULT]\n    admin1: Al-Hasakah\n"
        f"notify:\n  - console: true\n  - jsonl: {tmp_path / 'out.jsonl'}\n", encoding="utf-8")
    with Store.open(db_url) as store:  # the CLI builds the real pipeline: give it the pages' events
        Watcher(store, parse_config(__import__("yaml").safe_load(cfg.read_text())), pipeline_factory=site_pipeline).run_once()
    result = CliRunner().invoke(main, ["watch", str(cfg), "--db", db_url, "--once"])
    assert result.exit_code == 0, result.output
    assert "0 new link(s)" in result.output  # seen already: nothing fetched, nothing sent twice
    lines = (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and {json.loads(x)["article"]["source"].rsplit("/", 1)[1] for x in lines} == {
        "may-0240.html", "may-0278.html"}


@pytest.mark.parametrize("data, message", [
    ({}, "sources"),
    ({"sources": [{"url": "http://x", "kind": "atom"}]}, "kind 'atom'"),
    ({"sources": [{"url": "http://x"}], "alerts": [{"name": "a", "country": "SY"}]}, "unknown filter key"),
    ({"sources": [{"url": "http://x"}], "notify": [{"webhook": "ftp://x"}]}, r"http\(s\) URL"),
])
def test_bad_configuration_is_named(data, message):
    with pytest.raises(WatchConfigError, match=message):
        parse_config(data, "watch.yaml")
