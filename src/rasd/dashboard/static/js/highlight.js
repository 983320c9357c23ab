// The article text with spans marked, built as text nodes and <mark> elements only.
// Spans are [start, end) offsets into the article text and may nest or overlap (a trigger inside
// its supporting sentence): the text is cut at every span boundary and each piece gets the
// classes of every span covering it.
import { el } from "./dom.js";

export function highlightedText(text, spans) {
  const inside = spans.filter((s) => s.start >= 0 && s.end <= text.length && s.start < s.end);
  const cuts = new Set([0, text.length]);
  inside.forEach((s) => { cuts.add(s.start); cuts.add(s.end); });
  const points = [...cuts].sort((a, b) => a - b);
  const fragment = document.createDocumentFragment();
  for (let i = 0; i + 1 < points.length; i++) {
    const [from, to] = [points[i], points[i + 1]];
    const piece = text.slice(from, to);
    const covering = inside.filter((s) => s.start <= from && s.end >= to);
    if (!covering.length) {
      fragment.appendChild(document.createTextNode(piece));
      continue;
    }
    const classes = [...new Set(covering.map((s) => s.className))].sort().join(" ");
    const mark = el("mark", { class: classes, "data-start": from, "data-end": to, title: covering.map((s) => s.title).filter(Boolean).join(" · ") });
    mark.textContent = piece;
    fragment.appendChild(mark);
  }
  return fragment;
}

// Paragraphs (blank-line or newline separated) keep the text readable; offsets stay global.
export function articleBody(text, spans) {
  const container = el("div", { class: "article-body" });
  const pre = el("div", { class: "article-pre" });
  pre.appendChild(highlightedText(text, spans));
  container.appendChild(pre);
  return container;
}
