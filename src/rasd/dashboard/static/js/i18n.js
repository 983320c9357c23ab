// The dashboard's two languages. Arabic switches the page to right-to-left.
const STRINGS = {
  en: {
    switch_language: "العربية", nav_events: "Events", nav_actors: "Actors",
    f_from: "From", f_to: "To", f_type: "Type", f_mode: "Mode", f_status: "Status", f_actor: "Actor",
    f_place: "Place", f_admin1: "Governorate", f_text: "Text", f_sort: "Sort", f_bbox: "only the map view",
    any: "any", apply: "Apply", reset: "Reset", download: "Download:",
    sort_newest: "newest first", sort_oldest: "oldest first", sort_sources: "most sources", sort_fatalities: "most fatalities",
    timeline: "Events per day", events: "Events", prev: "Previous", next: "Next",
    c_date: "Date", c_type: "Type", c_status: "Status", c_actors: "Actor → recipient", c_place: "Place",
    c_evidence: "Evidence", c_sources: "Sources",
    back: "← back to the events", evidence: "Evidence in the article",
    evidence_hint: "Trigger words are underlined; the supporting sentence is shaded.",
    sources: "Sources", network: "Who acts on whom",
    network_hint: "Arrows go from actor to recipient; thicker lines mean more events. Click an actor to filter the events.",
    k_type: "Type", k_mode: "Mode", k_status: "Status", k_date: "Date", k_place: "Place", k_admin1: "Governorate",
    k_actors: "Actors", k_recipients: "Recipients", k_attributed: "According to", k_fatalities: "Fatalities",
    k_injuries: "Injuries", k_trigger: "Trigger", k_nsources: "Sources", k_provenance: "Rules",
    count: (n, shown) => `${n} events (showing ${shown})`, no_events: "No events match these filters.",
    no_pairs: "No actor → recipient pairs in the selection.", undated: "undated", unknown: "?",
    events_on: (d) => `events on ${d}`, source_no_text: "(no article text stored)",
    status: { asserted: "asserted", future: "future", hypothetical: "hypothetical", negated: "negated", denied: "denied" },
    error: "Could not load: ",
  },
  ar: {
    switch_language: "English", nav_events: "الأحداث", nav_actors: "الفاعلون",
    f_from: "من", f_to: "إلى", f_type: "النوع", f_mode: "الأسلوب", f_status: "الحالة", f_actor: "الفاعل",
    f_place: "المكان", f_admin1: "المحافظة", f_text: "نص", f_sort: "الترتيب", f_bbox: "ما يظهر في الخريطة فقط",
    any: "الكل", apply: "تطبيق", reset: "إعادة ضبط", download: "تنزيل:",
    sort_newest: "الأحدث أولاً", sort_oldest: "الأقدم أولاً", sort_sources: "الأكثر مصادر", sort_fatalities: "الأكثر قتلى",
    timeline: "الأحداث في كل يوم", events: "الأحداث", prev: "السابق", next: "التالي",
    c_date: "التاريخ", c_type: "النوع", c_status: "الحالة", c_actors: "الفاعل ← المفعول به", c_place: "المكان",
    c_evidence: "الدليل", c_sources: "المصادر",
    back: "→ العودة إلى الأحداث", evidence: "الدليل في نص المقال",
    evidence_hint: "تحت كلمات الحدث خط، والجملة الداعمة مظللة.",
    sources: "المصادر", network: "من يفعل بمن",
    network_hint: "تتجه الأسهم من الفاعل إلى المفعول به، والخط الأعرض يعني أحداثاً أكثر. انقر على فاعل لتصفية الأحداث.",
    k_type: "النوع", k_mode: "الأسلوب", k_status: "الحالة", k_date: "التاريخ", k_place: "المكان", k_admin1: "المحافظة",
    k_actors: "الفاعلون", k_recipients: "المفعول بهم", k_attributed: "بحسب", k_fatalities: "القتلى",
    k_injuries: "الجرحى", k_trigger: "كلمة الحدث", k_nsources: "المصادر", k_provenance: "القواعد",
    count: (n, shown) => `${n} حدثاً (المعروض ${shown})`, no_events: "لا أحداث تطابق هذه المرشحات.",
    no_pairs: "لا أزواج فاعل ← مفعول به في هذا الاختيار.", undated: "بلا تاريخ", unknown: "؟",
    events_on: (d) => `أحداث يوم ${d}`, source_no_text: "(لا نص محفوظ للمقال)",
    status: { asserted: "مؤكد", future: "مستقبلي", hypothetical: "افتراضي", negated: "منفي", denied: "مُنكَر" },
    error: "تعذر التحميل: ",
  },
};

let current = localStorage.getItem("rasd.lang") === "ar" ? "ar" : "en";
const listeners = [];

export function lang() { return current; }

export function t(key, ...args) {
  const value = STRINGS[current][key] ?? STRINGS.en[key] ?? key;
  return typeof value === "function" ? value(...args) : value;
}

export function statusName(status) {
  return STRINGS[current].status[status] || status;
}

export function applyLanguage() {
  const root = document.documentElement;
  root.lang = current;
  root.dir = current === "ar" ? "rtl" : "ltr";
  for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
}

export function setLanguage(value) {
  current = value === "ar" ? "ar" : "en";
  localStorage.setItem("rasd.lang", current);
  applyLanguage();
  listeners.forEach((fn) => fn(current));
}

export function toggleLanguage() { setLanguage(current === "ar" ? "en" : "ar"); }

export function onLanguageChange(fn) { listeners.push(fn); }
