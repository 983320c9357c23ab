"""The dashboard in Debian's chromium: filters, map, table, evidence, language, actor network,
and an article with <script> and onerror= shown as text. Screenshots go to test-artifacts/."""
from __future__ import annotations

import httpx

from api_fixtures import HOSTILE_BODY, HOSTILE_TITLE


def _open(page, url, loaded="events"):
    page.goto(url)
    page.wait_for_selector(f"body[data-loaded={loaded}]", timeout=20000)


def _apply(page):
    page.click("#f-apply")
    page.wait_for_selector("body[data-loaded=events]", timeout=20000)


def test_filter_by_type_and_date_then_map_point_and_table_row(page, server_url, artifacts):
    _open(page, server_url + "/")
    assert page.locator("#map .leaflet-interactive").count() >= 14  # the governorate polygons
    assert page.locator("tr.event-row").count() >= 3
    page.screenshot(path=str(artifacts / "01-events.png"), full_page=True)

    page.select_option("#f-type", "ASSAULT")
    page.select_option("#f-admin1", "Al-Hasakah")  # option labels are the map's names, values the store's
    page.fill("#f-date-from", "2024-03-05")
    page.fill("#f-date-to", "2024-03-05")
    _apply(page)
    rows = page.locator("tr.event-row")
    assert rows.count() == 1 and "قصفت" in rows.first.inner_text()
    assert page.locator("#timeline rect.bar").count() == 1
    assert "type=ASSAULT" in page.get_attribute("#dl-csv", "href")
    page.screenshot(path=str(artifacts / "02-filtered.png"), full_page=True)

    page.locator(".ev-dot").first.click()  # the one event left on the map
    page.wait_for_selector("body[data-loaded=event]", timeout=20000)
    assert page.locator("#article-text mark.ev-trigger").first.inner_text() == "قصفت"
    page.screenshot(path=str(artifacts / "03-map-point-event.png"), full_page=True)

    page.go_back()
    page.wait_for_selector("body[data-loaded=events]", timeout=20000)
    page.locator("tr.event-row").first.click()
    page.wait_for_selector("body[data-loaded=event]", timeout=20000)
    triggers = page.locator("#article-text mark.ev-trigger")
    assert triggers.count() == 1 and triggers.first.inner_text() == "قصفت"
    support = page.locator("#article-text mark.ev-support")
    assert "مقتل ثلاثة عناصر" in "".join(support.all_inner_texts())
    facts = page.inner_text("#event-facts")
    assert "Syrian Democratic Forces" in facts and "Syrian Arab Army" in facts and "2024-03-05" in facts
    assert "المرصد السوري" in facts
    assert page.inner_text("#event-note").startswith("SDF shelled")
    assert "قصف في الحسكة" in page.inner_text("#event-sources")
    page.screenshot(path=str(artifacts / "04-event-evidence.png"), full_page=True)
    assert page.errors == []


def test_switch_language_and_actor_network(page, server_url, artifacts):
    _open(page, server_url + "/")
    page.click("#lang-toggle")
    page.wait_for_selector("body[data-loaded=events]", timeout=20000)
    assert page.get_attribute("html", "dir") == "rtl" and page.get_attribute("html", "lang") == "ar"
    assert page.inner_text("#nav-events") == "الأحداث"
    assert page.inner_text("#lang-toggle") == "English"
    page.screenshot(path=str(artifacts / "05-arabic.png"), full_page=True)

    page.click("#nav-actors")
    page.wait_for_selector("body[data-loaded=actors]", timeout=20000)
    assert page.locator("#network .node").count() >= 2
    assert page.locator("#network line.edge[data-actor='actor.sdf'][data-recipient='actor.syr_army']").count() == 1
    page.screenshot(path=str(artifacts / "06-actors-arabic.png"), full_page=True)
    page.click("#lang-toggle")
    assert page.get_attribute("html", "dir") == "ltr"
    page.locator("#network .node[data-key='actor.sdf']").click()
    page.wait_for_selector("body[data-loaded=events]", timeout=20000)
    assert page.input_value("#f-actor") == "actor.sdf"
    assert all("Syrian Democratic Forces" in t for t in page.locator("tr.event-row").all_inner_texts())
    assert page.errors == []


def test_hostile_article_is_shown_as_text(page, server_url, artifacts):
    listed = httpx.get(server_url + "/api/events", params={"date_from": "2024-05-01", "date_to": "2024-05-01"}).json()
    event_id = listed["items"][0]["id"]
    _open(page, f"{server_url}/#/event/{event_id}", loaded="event")
    body = page.locator("#article-text")
    assert body.inner_text().strip() == HOSTILE_BODY
    assert page.inner_text("#article-title") == HOSTILE_TITLE
    assert body.locator("script, img").count() == 0 and page.locator("#article-title img").count() == 0
    assert page.evaluate("window.__pwned") is None
    assert "<b>bold</b>" in page.inner_text("#event-note")
    _open(page, server_url + "/")
    assert page.evaluate("window.__pwned") is None and page.locator("main img:not(.leaflet-marker-icon)").count() == 0
    page.screenshot(path=str(artifacts / "07-hostile-article.png"), full_page=True)
    assert page.errors == []
