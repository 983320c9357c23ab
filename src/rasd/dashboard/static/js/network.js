// Who acts on whom: actors on a circle, an arrow per (actor, recipient) pair, its width by the
// number of events. Hand-built SVG, deterministic layout (sorted by activity).
import { svg, el, clear } from "./dom.js";
import { t } from "./i18n.js";

const SIZE = 640, RADIUS = 230, CENTER = SIZE / 2;

export function drawNetwork(container, pairs, onPickActor) {
  clear(container);
  if (!pairs.length) {
    container.appendChild(el("p", { class: "empty", text: t("no_pairs") }));
    return;
  }
  const activity = new Map();
  const labels = new Map();
  for (const p of pairs) {
    activity.set(p.actor_key, (activity.get(p.actor_key) || 0) + p.count);
    activity.set(p.recipient_key, (activity.get(p.recipient_key) || 0) + p.count);
    labels.set(p.actor_key, p.actor_label);
    labels.set(p.recipient_key, p.recipient_label);
  }
  const nodes = [...activity.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([key]) => key);
  const at = new Map(nodes.map((key, i) => {
    const angle = (2 * Math.PI * i) / nodes.length - Math.PI / 2;
    return [key, [CENTER + RADIUS * Math.cos(angle), CENTER + RADIUS * Math.sin(angle)]];
  }));
  const max = Math.max(...pairs.map((p) => p.count));
  const chart = svg("svg", { viewBox: `0 0 ${SIZE} ${SIZE}`, class: "network-svg", role: "img", "aria-label": t("network"), direction: "ltr" });
  chart.appendChild(svg("defs", {}, svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 24, refY: 5, markerWidth: 10, markerHeight: 10,
                                   markerUnits: "userSpaceOnUse", orient: "auto" },
    svg("path", { d: "M0,0 L10,5 L0,10 z", class: "arrow-head" }))));
  for (const p of pairs) {
    const [x1, y1] = at.get(p.actor_key), [x2, y2] = at.get(p.recipient_key);
    const line = svg("line", { x1, y1, x2, y2, class: "edge", "stroke-width": 1 + 7 * (p.count / max), "marker-end": "url(#arrow)",
                               "data-actor": p.actor_key, "data-recipient": p.recipient_key, "data-count": p.count });
    line.appendChild(svg("title", { text: `${p.actor_label} → ${p.recipient_label}: ${p.count}` }));
    chart.appendChild(line);
  }
  const maxActivity = Math.max(...activity.values());
  for (const key of nodes) {
    const [x, y] = at.get(key);
    const r = 6 + 10 * Math.sqrt(activity.get(key) / maxActivity);
    const anchor = x < CENTER - 5 ? "end" : x > CENTER + 5 ? "start" : "middle";
    const dx = anchor === "end" ? -r - 4 : anchor === "start" ? r + 4 : 0;
    const group = svg("g", { class: "node", "data-key": key, tabindex: 0, onclick: () => onPickActor(key) },
      svg("circle", { cx: x, cy: y, r }),
      svg("text", { x: x + dx, y: y + (anchor === "middle" ? -r - 4 : 4), "text-anchor": anchor, text: labels.get(key) }));
    group.appendChild(svg("title", { text: `${labels.get(key)} (${activity.get(key)})` }));
    chart.appendChild(group);
  }
  container.appendChild(chart);
}
