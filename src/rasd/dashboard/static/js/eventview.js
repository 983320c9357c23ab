// The event page: facts, English note, the Arabic evidence highlighted in the article, sources.
import { el, clear, typeClass, safeHref } from "./dom.js";
import { getJSON } from "./api.js";
import { t, statusName, lang } from "./i18n.js";
import { participants, placeName } from "./table.js";
import { articleBody } from "./highlight.js";

function fact(list, key, value, attrs = {}) {
  if (value === null || value === undefined || value === "") return;
  list.appendChild(el("dt", { text: t(key) }));
  list.appendChild(el("dd", attrs, value));
}

// Spans to mark for this event in one article: its trigger and support spans, plus the
// mentions (actors, places, dates) inside its supporting text.
function eventSpans(article, eventId) {
  const evidence = article.highlights.filter((h) => h.field === "text" && h.event_id === eventId);
  const support = evidence.filter((h) => h.kind === "support");
  const within = (h) => support.some((s) => h.start >= s.start && h.end <= s.end);
  const mentions = article.highlights.filter((h) => h.field === "text" && !h.event_id && within(h)
    && ["actor", "person", "place", "date", "casualty"].includes(h.kind));
  return [
    ...evidence.map((h) => ({ ...h, className: h.kind === "trigger" ? "ev-trigger" : "ev-support", title: h.label })),
    ...mentions.map((h) => ({ ...h, className: `m-${h.kind}`, title: h.label || h.kind })),
  ];
}

export async function showEvent(eventId, articleId) {
  const event = await getJSON(`/api/events/${encodeURIComponent(eventId)}`);
  document.getElementById("event-title").textContent = `${event.type}${event.mode ? " / " + event.mode : ""} — ${event.trigger.text}`;
  const facts = clear(document.getElementById("event-facts"));
  fact(facts, "k_type", el("span", { class: `type-chip ${typeClass(event.type)}`, text: event.type }));
  fact(facts, "k_mode", event.mode);
  fact(facts, "k_status", statusName(event.status), { class: "status", "data-status": event.status });
  fact(facts, "k_date", event.date ? `${event.date.value} (${event.date.precision})${event.date.text ? " — " + event.date.text : ""}` : t("undated"));
  fact(facts, "k_place", placeName(event.location));
  fact(facts, "k_actors", participants(event.actors));
  fact(facts, "k_recipients", participants(event.recipients));
  fact(facts, "k_attributed", event.attributed_to && el("bdi", { lang: "ar", text: event.attributed_to }));
  fact(facts, "k_fatalities", event.fatalities);
  fact(facts, "k_injuries", event.injuries);
  fact(facts, "k_trigger", el("bdi", { lang: "ar", text: event.trigger.text }));
  fact(facts, "k_nsources", String(event.n_sources));
  fact(facts, "k_provenance", (event.provenance.rules || []).join(", "), { class: "mono", dir: "ltr" });
  document.getElementById("event-note").textContent = event.note_en;

  const shownArticle = articleId || event.article_id;
  const article = await getJSON(`/api/articles/${encodeURIComponent(shownArticle)}`);
  document.getElementById("article-title").textContent = article.title || "";
  const body = clear(document.getElementById("article-text"));
  body.appendChild(articleBody(article.text, eventSpans(article, event.id)));
  const first = body.querySelector("mark.ev-trigger") || body.querySelector("mark.ev-support");
  if (first) first.scrollIntoView({ block: "center" });

  const sources = clear(document.getElementById("event-sources"));
  for (const s of event.sources) {
    const href = safeHref(s.source);
    const item = el("li", { class: s.article_id === shownArticle ? "current" : "" },
      el("a", { href: `#/event/${encodeURIComponent(event.id)}/article/${encodeURIComponent(s.article_id)}`, lang: "ar", dir: "auto",
                text: s.title || s.article_id }),
      ` — ${[s.outlet, s.published].filter(Boolean).join(", ")} `,
      href ? el("a", { href, rel: "noopener noreferrer nofollow", target: "_blank", class: "ext", dir: "ltr", text: href }) : (s.source ? el("span", { class: "mono", dir: "ltr", text: s.source }) : null));
    sources.appendChild(item);
  }
}
