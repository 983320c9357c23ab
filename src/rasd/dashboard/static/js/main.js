// The dashboard: routes (#/, #/event/ID[/article/ID], #/actors), filters, map, timeline, table,
// actor network. Everything shown from the store goes through textContent (see dom.js).
import { getJSON } from "./api.js";
import { applyLanguage, toggleLanguage, onLanguageChange, lang, statusName, t } from "./i18n.js";
import { fillChoices, relabelChoices, currentFilters, currentSort, setFilter, updateDownloads } from "./filters.js";
import { initMap, mapBounds, showEvents, invalidate } from "./map.js";
import { drawTimeline } from "./timeline.js";
import { drawTable } from "./table.js";
import { showEvent } from "./eventview.js";
import { drawNetwork } from "./network.js";

const PAGE = 100;
const MAP_POINTS = 500;  // the map shows the newest 500 matching events (the API caps pages)
let offset = 0;
let lastParams = {};

const openEvent = (id) => { location.hash = `#/event/${encodeURIComponent(id)}`; };

function showError(error) {
  const box = document.getElementById("error");
  box.textContent = t("error") + (error && error.message ? error.message : String(error));
  box.hidden = false;
}

function clearError() { document.getElementById("error").hidden = true; }

async function loadEvents() {
  const params = currentFilters(mapBounds());
  lastParams = params;
  updateDownloads(params);
  const sort = currentSort();
  const [page, stats, points] = await Promise.all([
    getJSON("/api/events", { ...params, sort, limit: PAGE, offset }),
    getJSON("/api/stats", params),
    getJSON("/api/events", { ...params, sort: "-date", limit: MAP_POINTS }),
  ]);
  document.getElementById("events-count").textContent = t("count", stats.total, page.items.length);  // stats counts exactly
  document.getElementById("page-prev").disabled = offset === 0;
  document.getElementById("page-next").disabled = page.total_exact && offset + page.items.length >= page.total;
  drawTable(document.querySelector("#events-table tbody"), page.items, openEvent);
  drawTimeline(document.getElementById("timeline"), document.getElementById("legend"), stats.by_day, (day) => {
    setFilter("date_from", day); setFilter("date_to", day); offset = 0; refresh();
  });
  if (!params.bbox) showEvents(points.items, openEvent);
  document.body.dataset.loaded = "events";
}

async function loadNetwork() {
  const stats = await getJSON("/api/stats", currentFilters(null));
  drawNetwork(document.getElementById("network"), stats.actor_pairs, (key) => {
    setFilter("actor", key); offset = 0; location.hash = "#/";
  });
  document.body.dataset.loaded = "actors";
}

function show(view) {
  for (const id of ["view-events", "view-event", "view-actors"]) document.getElementById(id).hidden = id !== view;
  document.getElementById("filters").hidden = view === "view-event";
  document.getElementById("nav-events").classList.toggle("active", view === "view-events");
  document.getElementById("nav-actors").classList.toggle("active", view === "view-actors");
}

async function refresh() {
  clearError();
  document.body.dataset.loaded = "";
  const parts = location.hash.replace(/^#\/?/, "").split("/").map(decodeURIComponent);
  try {
    if (parts[0] === "event" && parts[1]) {
      show("view-event");
      await showEvent(parts[1], parts[2] === "article" ? parts[3] : null);
      document.body.dataset.loaded = "event";
    } else if (parts[0] === "actors") {
      show("view-actors");
      await loadNetwork();
    } else {
      show("view-events");
      invalidate();
      await loadEvents();
    }
  } catch (error) {
    showError(error);
  }
}

async function start() {
  applyLanguage();
  const governorates = await initMap(() => {
    if (document.getElementById("f-bbox").checked && !document.getElementById("view-events").hidden) { offset = 0; refresh(); }
  });
  fillChoices(governorates);
  relabelChoices(lang(), statusName);
  onLanguageChange((value) => { relabelChoices(value, statusName); refresh(); });
  document.getElementById("lang-toggle").addEventListener("click", toggleLanguage);
  document.getElementById("filters").addEventListener("submit", (ev) => {
    ev.preventDefault(); offset = 0;
    if (location.hash.startsWith("#/event")) location.hash = "#/"; else refresh();
  });
  document.getElementById("f-reset").addEventListener("click", () => {
    document.getElementById("filters").reset(); offset = 0; refresh();
  });
  document.getElementById("page-prev").addEventListener("click", () => { offset = Math.max(0, offset - PAGE); refresh(); });
  document.getElementById("page-next").addEventListener("click", () => { offset += PAGE; refresh(); });
  window.addEventListener("hashchange", refresh);
  fetch("/static/data/syr_admin1.geojson").then((r) => r.json()).then((g) => {
    document.getElementById("attribution").textContent = g.attribution;
  });
  await refresh();
}

window.addEventListener("DOMContentLoaded", () => { start().catch(showError); });
