// PLOVER event types in display order; their colours live in style.css (.t-TYPE).
export const TYPES = [
  "ASSAULT", "COERCE", "MOBILIZE", "THREATEN", "PROTEST", "SANCTION", "ACCUSE", "REJECT", "REQUEST",
  "CONSULT", "AGREE", "COOPERATE", "SUPPORT", "AID", "CONCEDE", "RETREAT",
];
export const STATUSES = ["asserted", "future", "hypothetical", "negated", "denied"];

// The colour of a type, read from the stylesheet so CSS stays the one place that defines it.
const cache = new Map();
export function typeColour(type) {
  if (!cache.has(type)) {
    const probe = document.createElement("span");
    probe.className = "swatch-probe t-" + String(type).replace(/[^A-Za-z0-9_]/g, "_");
    document.body.appendChild(probe);
    cache.set(type, getComputedStyle(probe).color);
    probe.remove();
  }
  return cache.get(type);
}
