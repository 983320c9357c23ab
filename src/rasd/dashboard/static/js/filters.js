// The filter form <-> the API's query parameters.
import { TYPES, STATUSES } from "./types.js";
import { el } from "./dom.js";
import { queryString } from "./api.js";

const form = () => document.getElementById("filters");

export function fillChoices(governorates) {
  const type = document.getElementById("f-type");
  TYPES.forEach((name) => type.appendChild(el("option", { value: name, text: name })));
  const status = document.getElementById("f-status");
  STATUSES.forEach((name) => status.appendChild(el("option", { value: name, text: name, "data-status": name })));
  const admin1 = document.getElementById("f-admin1");
  governorates.forEach((g) => admin1.appendChild(el("option", { value: g.admin1, "data-en": g.name_en, "data-ar": g.name_ar, text: g.name_en })));
}

// Governorate and status option labels follow the language.
export function relabelChoices(lang, statusName) {
  for (const option of document.querySelectorAll("#f-admin1 option[data-en]")) {
    option.textContent = lang === "ar" ? option.dataset.ar : option.dataset.en;
  }
  for (const option of document.querySelectorAll("#f-status option[data-status]")) {
    option.textContent = statusName(option.dataset.status);
  }
}

// The current filters as API parameters; ``bounds`` is the map view when "only the map view" is on.
export function currentFilters(bounds) {
  const data = new FormData(form());
  const params = {};
  for (const key of ["date_from", "date_to", "type", "mode", "status", "actor", "place", "admin1", "q"]) {
    const value = (data.get(key) || "").trim();
    if (value) params[key] = value;
  }
  if (data.get("bbox_on") && bounds) params.bbox = bounds;
  return params;
}

export function currentSort() {
  return new FormData(form()).get("sort") || "-date";
}

export function setFilter(name, value) {
  const input = form().elements[name];
  if (input) input.value = value;
}

export function updateDownloads(params) {
  document.getElementById("dl-csv").href = "/api/export?" + queryString({ ...params, format: "csv" });
  document.getElementById("dl-geojson").href = "/api/export?" + queryString({ ...params, format: "geojson" });
}
