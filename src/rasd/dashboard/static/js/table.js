// The event table: one row per event; clicking a row opens the event page.
import { el, clear, typeClass } from "./dom.js";
import { t, statusName, lang } from "./i18n.js";

export function participants(list) {
  return list.map((p) => (lang() === "ar" ? p.text : p.name_en || p.text)).join("، ");
}

export function placeName(loc) {
  if (!loc) return "";
  const name = lang() === "ar" ? loc.name_ar || loc.text : loc.name_en || loc.name_ar || loc.text;
  return loc.admin1 && loc.admin1 !== name ? `${name} (${loc.admin1})` : name;
}

export function drawTable(tbody, events, onOpen) {
  clear(tbody);
  if (!events.length) {
    tbody.appendChild(el("tr", {}, el("td", { colspan: 7, class: "empty", text: t("no_events") })));
    return;
  }
  for (const e of events) {
    const who = participants(e.actors) || t("unknown");
    const whom = participants(e.recipients);
    const row = el("tr", { class: "event-row", "data-event-id": e.id, tabindex: 0,
                           onclick: () => onOpen(e.id), onkeydown: (ev) => { if (ev.key === "Enter") onOpen(e.id); } },
      el("td", { class: "date", text: e.date ? e.date.value : t("undated") }),
      el("td", {}, el("span", { class: `type-chip ${typeClass(e.type)}`, text: e.type }), e.mode ? ` ${e.mode}` : ""),
      el("td", { text: statusName(e.status) }),
      el("td", { text: whom ? `${who} → ${whom}` : who }),
      el("td", { text: placeName(e.location) }),
      el("td", { class: "evidence", lang: "ar", dir: "rtl", text: e.trigger.text }),
      el("td", { class: "num", text: String(e.n_sources) }));
    tbody.appendChild(row);
  }
}
