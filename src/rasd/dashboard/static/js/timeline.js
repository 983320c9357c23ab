// Events per day, stacked by type: a hand-built SVG bar chart (one bar per day with events).
import { svg, el, clear, typeClass } from "./dom.js";
import { t } from "./i18n.js";

const WIDTH = 560, HEIGHT = 180, PAD = { left: 32, right: 8, top: 8, bottom: 26 };
const DAY = 86400000;

function dayNumber(iso) { return Math.round(Date.parse(iso + "T00:00:00Z") / DAY); }
function isoOf(day) { return new Date(day * DAY).toISOString().slice(0, 10); }

export function drawTimeline(container, legend, byDay, onPickDay) {
  clear(container);
  clear(legend);
  if (!byDay.length) {
    container.appendChild(el("p", { class: "empty", text: t("no_events") }));
    return;
  }
  const days = new Map();  // day number -> [{type, count}]
  const types = new Set();
  for (const row of byDay) {
    const d = dayNumber(row.date);
    if (!Number.isFinite(d)) continue;
    if (!days.has(d)) days.set(d, []);
    days.get(d).push(row);
    types.add(row.type);
  }
  const numbers = [...days.keys()];
  const first = Math.min(...numbers), last = Math.max(...numbers);
  const span = last - first + 1;
  const max = Math.max(...[...days.values()].map((rows) => rows.reduce((s, r) => s + r.count, 0)));
  const plotW = WIDTH - PAD.left - PAD.right, plotH = HEIGHT - PAD.top - PAD.bottom;
  const barW = Math.max(1, plotW / span - (span < 60 ? 2 : 0));
  const chart = svg("svg", { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: "timeline-svg", role: "img", "aria-label": t("timeline") });
  // The time axis runs left to right in both languages (dates are read that way in Arabic charts too).
  chart.setAttribute("direction", "ltr");
  chart.appendChild(svg("line", { x1: PAD.left, y1: PAD.top + plotH, x2: WIDTH - PAD.right, y2: PAD.top + plotH, class: "axis" }));
  chart.appendChild(svg("text", { x: PAD.left - 4, y: PAD.top + 10, class: "tick", "text-anchor": "end", text: String(max) }));
  chart.appendChild(svg("text", { x: PAD.left - 4, y: PAD.top + plotH, class: "tick", "text-anchor": "end", text: "0" }));
  chart.appendChild(svg("text", { x: PAD.left, y: HEIGHT - 6, class: "tick", text: isoOf(first) }));
  if (last !== first) chart.appendChild(svg("text", { x: WIDTH - PAD.right, y: HEIGHT - 6, class: "tick", "text-anchor": "end", text: isoOf(last) }));
  for (const [d, rows] of [...days.entries()].sort((a, b) => a[0] - b[0])) {
    const x = PAD.left + ((d - first) / span) * plotW;
    let y = PAD.top + plotH;
    const total = rows.reduce((s, r) => s + r.count, 0);
    const group = svg("g", { class: "day", "data-date": isoOf(d), onclick: () => onPickDay(isoOf(d)) });
    group.appendChild(svg("title", { text: `${isoOf(d)}: ${total} — ${rows.map((r) => `${r.type} ${r.count}`).join(", ")}` }));
    for (const row of rows) {
      const h = (row.count / max) * plotH;
      y -= h;
      group.appendChild(svg("rect", { x, y, width: barW, height: Math.max(h, 0.5), class: `bar ${typeClass(row.type)}` }));
    }
    chart.appendChild(group);
  }
  container.appendChild(chart);
  for (const type of [...types].sort()) {
    legend.appendChild(el("span", { class: "legend-item" }, el("span", { class: `swatch ${typeClass(type)}` }), type));
  }
}
