"""The cleaner: the seed page, debris rules, title and category, link fragments, real data."""
from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings as hsettings, strategies as st

from rasd.clean import clean_document
from rasd.clean_rules import compile_rules, default_rules, line_key, load_rules, matching_form
from rasd.errors import DocumentRejected, LexiconError
from rasd.model import RawDocument
from rasd.normalize import normalize
from rasd.settings import DEFAULT_SETTINGS

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
SEED = ROOT / "samples" / "000_975059ba0d7fe3b3.txt"
needs_data = pytest.mark.skipif(not DATA.is_dir(), reason="../shared/data is not present")


def clean(text: str, **meta):
    return clean_document(RawDocument(source="test", text=text, **meta), DEFAULT_SETTINGS)


def reasons(article) -> dict[int, str]:
    return {r.line_no: r.reason for r in article.removed}


# --- the seed -------------------------------------------------------------------------------

SEED_TITLE = "مصدر يكشف تفاصيل العرض الروسي لحل الخلاف بين قسد والنظام السوري بالحسكة"
SEED_PARAGRAPH_STARTS = [
    "عقدت قوات قسد اجتماعًا مغلقًا ثانيًا",
    "– حل الخلاف بين قسد والنظام السوري",
    "وفي التفاصيل، نقلت مراسلة وكالة “ستيب الإخبارية”",
    "وأضافت مراسلتنا بأن المصدر أكد",
    "كما وطالب الروس من قوات قسد",
    "وأشارت مراسلتنا إلى أن القوات الروسية",
    "وقالت مراسلتنا إن الروس أمهلوا",
    "وكان الروس وقوات قسد قد اجتمعوا",
    "إلا أن المقترح الروسي قوبل بالرفض",
    "والجدير ذكره أنّ قوات قسد فرضت",
]


def test_seed_body_is_every_paragraph_once_and_nothing_else():
    article = clean(SEED.read_text(encoding="utf-8"))
    paragraphs = article.text.split("\n\n")
    assert len(paragraphs) == len(SEED_PARAGRAPH_STARTS)
    for paragraph, start in zip(paragraphs, SEED_PARAGRAPH_STARTS):
        assert paragraph.startswith(start)
    raw_lines = {line.strip() for line in SEED.read_text(encoding="utf-8").splitlines()}
    assert all(p in raw_lines for p in paragraphs)  # paragraphs come through unchanged
    for debris in ("مصدر يكشف", "ذات صِلة", "قتيل وعدة جرحى", "شاهد أيضاً", "شبح شقيقه",
                   "مقالات ذات صلة", "زر الذهاب", "سلايد", "خاص||"):
        assert debris not in article.text


def test_seed_metadata():
    article = clean(SEED.read_text(encoding="utf-8"))
    assert article.title == SEED_TITLE
    assert article.category == "الشأن السوري"
    assert article.exclusive is True
    assert article.outlet == "وكالة ستيب الإخبارية"
    assert article.correspondent == "نور الجاسم"


def test_seed_removed_lines_and_reasons():
    article = clean(SEED.read_text(encoding="utf-8"))
    assert reasons(article) == {
        1: "page-label", 3: "title", 7: "repeated-title", 8: "repeated-title",
        24: "related", 30: "see-also", 32: "related", 34: "navigation",
    }
    assert article.removed[0].text == "الشأن السوريسلايد رئيسي"


def test_seed_is_deterministic():
    text = SEED.read_text(encoding="utf-8")
    assert clean(text).to_dict() == clean(text).to_dict()


# --- title, category, exclusive marker --------------------------------------------------------

BODY = ("قالت مصادر محلية إن اشتباكات عنيفة اندلعت مساء أمس في ريف دير الزور الشرقي بين مقاتلين "
        "من العشائر وعناصر من قوات سوريا الديمقراطية.")
BODY2 = "وأضافت المصادر أن الاشتباكات أسفرت عن سقوط قتلى وجرحى من الطرفين وسط حالة من التوتر."


def test_reader_title_is_kept_and_its_copies_leave_the_body():
    article = clean(f"خاص | اشتباكات في ريف دير الزور\n{BODY}\nاشتباكات في ريف دير الزور\n{BODY2}",
                    title="اشتباكات في ريف دير الزور", outlet="Example", author="فلان")
    assert article.title == "اشتباكات في ريف دير الزور"
    assert article.text == f"{BODY}\n\n{BODY2}"
    assert reasons(article) == {1: "repeated-title", 3: "repeated-title"}
    assert article.exclusive is True  # a copy carried the marker
    assert (article.outlet, article.correspondent) == ("Example", "فلان")


def test_site_name_in_reader_title_still_matches_the_headline_line():
    article = clean(f"أميركا: 50 ألفا حصيلة الوفيات\n{BODY}", title="المدينة نيوز - أميركا: 50 ألفا حصيلة الوفيات")
    assert reasons(article) == {1: "repeated-title"}


def test_first_line_headline_becomes_title_without_repetition():
    article = clean(f"اشتباكات عنيفة في ريف دير الزور\n\n{BODY}\n{BODY2}")
    assert article.title == "اشتباكات عنيفة في ريف دير الزور"
    assert reasons(article) == {1: "title"}


def test_first_line_that_is_a_sentence_is_not_a_title():
    article = clean(f"{BODY}\n{BODY2}")
    assert article.title is None and not article.removed


def test_section_name_above_repeated_headline_is_the_category():
    article = clean(f"أخبار سوريا\nحصري: اشتباكات عنيفة في ريف دير الزور\n{BODY}\n"
                    f"اشتباكات عنيفة في ريف دير الزور\n{BODY2}")
    assert article.category == "أخبار سوريا"
    assert article.title == "اشتباكات عنيفة في ريف دير الزور"
    assert article.exclusive is True
    assert reasons(article) == {1: "category", 2: "title", 4: "repeated-title"}


def test_breadcrumb_gives_the_category():
    article = clean(f"الرئيسية > أخبار > سوريا\nاشتباكات عنيفة في ريف دير الزور\n{BODY}\n{BODY2}")
    assert article.category == "سوريا"
    assert reasons(article) == {1: "breadcrumb", 2: "title"}


def test_programme_name_with_bar_is_part_of_the_title_not_a_breadcrumb():
    article = clean(f"التحليلية | روسيا: تمرد داخلي أم مؤامرة خارجية؟\n{BODY}\n{BODY2}")
    assert article.title == "التحليلية | روسيا: تمرد داخلي أم مؤامرة خارجية؟"


def test_exclusive_word_inside_a_title_is_not_a_marker():
    article = clean(f"مصدر خاص يكشف تفاصيل الاجتماع\n{BODY}\n{BODY2}")
    assert article.exclusive is False and article.title == "مصدر خاص يكشف تفاصيل الاجتماع"


# --- related blocks and debris lines ----------------------------------------------------------

def test_standalone_related_marker_takes_the_headlines_after_it():
    text = (f"{BODY}\nأخبار ذات صلة\nمقتل ثلاثة مدنيين بقصف على ريف إدلب\nشارك الخبر\n"
            f"وزير الخارجية يلتقي نظيره التركي في أنقرة\n{BODY2}")
    article = clean(text, title="عنوان")
    assert reasons(article) == {2: "related", 3: "related-headline", 4: "share", 5: "related-headline"}
    assert article.text == f"{BODY}\n\n{BODY2}"


def test_see_also_with_headline_on_the_same_line_leaves_the_next_paragraph():
    article = clean(f"{BODY}\nاقرأ أيضاً: مقتل ثلاثة مدنيين بقصف على ريف إدلب\nالتوتر مستمر في المنطقة", title="عنوان")
    assert reasons(article) == {2: "see-also"}
    assert article.text.endswith("التوتر مستمر في المنطقة")


@pytest.mark.parametrize("line,reason", [
    ("زر الذهاب إلى الأعلى", "navigation"),
    ("فيسبوك تويتر واتساب تلغرام", "share"),
    ("شارك على فيسبوك", "share"),
    ("تابعونا على تلغرام للمزيد من الأخبار", "follow"),
    ("اشترك في النشرة البريدية", "follow"),
    ("جميع الحقوق محفوظة © 2024 عنب بلدي", "copyright"),
    ("الوسوم: سوريا، دير الزور، قسد", "tags"),
    ("أضف تعليقاً", "comments"),
    ("يمكنكم التعليق على هذا الموضوع من خلال المشاركة في أسفل الصفحة.", "comments"),
    ("شاهد الفيديو", "media-link"),
    ("مصدر الصورة Getty Images", "photo-credit"),
    ("AFP", "photo-credit"),
    ("بقلم: سامر العلي", "byline"),
    ("نقله إلى العربية: فهيم الصوراني", "byline"),
    ("المصدر: الميادين نت + وكالات", "source-credit"),
    ("تم نشره الجمعة 24 نيسان / أبريل 2020 09:22 مساءً", "timestamp"),
])
def test_debris_line(line, reason):
    article = clean(f"{BODY}\n{line}\n{BODY2}", title="عنوان")
    assert reasons(article) == {2: reason}


@pytest.mark.parametrize("line", [
    "- اشترك في مؤتمرات وندوات عالمية كثيرة.",  # a biography, not a subscribe button
    "وقال المرصد السوري لحقوق الإنسان إن جميع الحقوق محفوظة للضحايا في المطالبة بالعدالة أمام المحاكم الدولية.",
    "المصدر الأمني أكد أن الهجوم وقع فجراً وأن الحصيلة مرشحة للارتفاع.",
    "بالفيديو: هالة فهمي تتحدث عن الأزمة",
    "كتب المحلل السياسي مقالاً عن الأزمة",
])
def test_body_lines_that_look_like_debris_stay(line):
    article = clean(f"{BODY}\n{line}\n{BODY2}", title="عنوان")
    assert not article.removed
    assert line in article.text


def test_one_word_link_text_inside_a_sentence_is_not_a_credit():
    article = clean(f"{BODY}\nوفي وقت لاحق نقلت وكالة\nرويترز\nعن مصادر قولها إن الهجوم وقع فجرا.", title="عنوان")
    assert not article.removed
    assert "نقلت وكالة رويترز عن مصادر" in article.text


def test_byline_names_the_correspondent_when_the_reader_did_not():
    article = clean(f"بقلم: سامر العلي\n{BODY}\n{BODY2}", title="عنوان")
    assert article.correspondent == "سامر العلي"


# --- paragraphs --------------------------------------------------------------------------------

def test_link_fragments_are_joined_into_their_sentence():
    text = ("دبي (CNN)-- قدر ناشطون في\nسوريا\nحصيلة القتلى الذين سقطوا أمس بـ144 قتيلاً.\n"
            "وأظهرت التقارير روايات نساء عن الحياة في الملاجئ. (\nشاهد الفيديو\n)\n" + BODY)
    article = clean(text, title="عنوان")
    assert article.text.split("\n\n") == [
        "دبي (CNN)-- قدر ناشطون في سوريا حصيلة القتلى الذين سقطوا أمس بـ144 قتيلاً.",
        "وأظهرت التقارير روايات نساء عن الحياة في الملاجئ.",
        BODY,
    ]
    assert reasons(article) == {5: "media-link"}


def test_press_review_headings_stay_separate_paragraphs():
    text = f"{BODY}\nالقدس العربي\nنائب لبناني سابق يتحدث عن مشاركة قريبة لحزب الله في سوريا\n{BODY2}"
    assert clean(text, title="عنوان").text.split("\n\n") == [
        BODY, "القدس العربي", "نائب لبناني سابق يتحدث عن مشاركة قريبة لحزب الله في سوريا", BODY2]


def test_repeated_block_is_dropped_but_a_repeated_paragraph_in_a_new_section_stays():
    block = f"{BODY}\n{BODY2}"
    article = clean(f"{block}\nالتاريخ: 2016\n{BODY2}\nخاتمة التقرير هنا.", title="عنوان")
    assert BODY2 in article.text.split("\n\n")[2:]  # a single repeat is the author's
    article = clean(f"{block}\nخاتمة التقرير هنا.\n{block}", title="عنوان")
    assert reasons(article) == {4: "duplicate-line", 5: "duplicate-line"}


# --- bad input and rule files --------------------------------------------------------------------

def test_empty_document_is_rejected():
    with pytest.raises(DocumentRejected, match="empty"):
        clean(" \n\n \n")


def test_document_of_debris_only_is_rejected_with_reason():
    with pytest.raises(DocumentRejected, match="no-body"):
        clean("زر الذهاب إلى الأعلى\nشارك\nجميع الحقوق محفوظة")


def test_rule_file_errors_name_the_file_and_key(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("rules:\n  - reason: share\n    line: [شارك]\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"bad.yaml: rules\[0\] \(share\): unknown key"):
        load_rules(bad)
    with pytest.raises(LexiconError, match="bad pattern"):
        compile_rules({"rules": [{"reason": "x", "patterns": ["("]}]}, "f.yaml")


def test_packaged_rules_load_and_every_reason_is_documented():
    rules = default_rules()
    codes = set(rules.exact.values()) | {r.reason for r in rules.prefix_rules} | {r for _, r, _ in rules.search_rules}
    codes |= {"related", "see-also", "related-headline", "title", "repeated-title", "page-label",
              "category", "breadcrumb", "duplicate-line"}
    documented = set(re.findall(r"^\| `([a-z-]+)` \|", (ROOT / "docs" / "cleaning.md").read_text(encoding="utf-8"), re.M))
    assert codes <= documented, f"undocumented reason codes: {sorted(codes - documented)}"


@hsettings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("أإآاىيةهـًٌٍَُِّْ٠١٩۰“”«»\u200f\u00a0 abcABC,.ﻻﺍ")), max_size=30))
def test_matching_form_is_normalize(text):
    assert matching_form(text) == normalize(text).lower()


def test_line_key_ignores_bullets_and_spacing():
    assert line_key("  • زر   الذهاب إلى الأعلى ») ") == "زر الذهاب الي الاعلي"


# --- real data ---------------------------------------------------------------------------------

def _golden_module():
    spec = importlib.util.spec_from_file_location("update_golden_clean", ROOT / "scripts" / "update_golden_clean.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GOLDEN = _golden_module()


@needs_data
@pytest.mark.parametrize("case", GOLDEN.load_cases(), ids=lambda c: f"{c['id']}.{c['mode']}")
def test_golden_corpus_articles(case):
    expected = json.loads(GOLDEN.golden_path(case).read_text(encoding="utf-8"))
    assert json.loads(GOLDEN.render(case)) == expected, (
        "cleaner output changed; run scripts/update_golden_clean.py and review the diff")


def test_at_least_twenty_golden_articles():
    assert len(GOLDEN.load_cases()) >= 20
    assert all(GOLDEN.golden_path(c).is_file() for c in GOLDEN.load_cases())


def _flat(text: str) -> str:
    return " ".join(re.sub(r"[\W_]+", " ", matching_form(text)).split())


@needs_data
def test_no_gold_evidence_sentence_is_removed():
    files = sorted((DATA / "gold-dev").glob("*.json"))
    assert len(files) == 45
    missing = []
    for path in files:
        gold = json.loads(path.read_text(encoding="utf-8"))
        article = clean_document(RawDocument(source=path.name, text=gold["text"], title=gold["title"],
                                             outlet=gold["outlet"], published=gold["published"]),
                                 DEFAULT_SETTINGS)
        kept = _flat(f"{article.title or ''}\n{article.text}")
        missing += [(path.name, e["evidence"][:60]) for e in gold["events"] if _flat(e["evidence"]) not in kept]
    assert not missing


def _corpus():
    for path in sorted((DATA / "corpus-dev").glob("*.jsonl")):
        for line in path.open(encoding="utf-8"):
            record = json.loads(line)
            yield RawDocument(source=record["id"], text=record["text"], title=record["title"],
                              outlet=record.get("source_outlet"))


@needs_data
def test_corpus_dev_removal_rate_stays_low():
    """Besides Al Mayadeen's repeated blocks, almost nothing of real articles is page debris."""
    lines = removed = 0
    for raw in _corpus():
        article = clean_document(raw, DEFAULT_SETTINGS)
        lines += sum(1 for line in raw.text.splitlines() if line.strip())
        removed += sum(1 for r in article.removed if r.reason != "duplicate-line")
    assert lines > 10_000
    assert removed / lines < 0.005, f"{removed} of {lines} lines removed"


@needs_data
def test_trafilatura_extract_of_real_pages():
    trafilatura = pytest.importorskip("trafilatura")
    page = DATA / "html" / "newspaper-cnn-arabic" / "arabic_article.html"
    html = page.read_text(encoding="utf-8", errors="replace")
    article = clean_document(RawDocument(source=str(page), text=trafilatura.extract(html),
                                         title="معارضون يسيطرون على مخازن للصواريخ بريف دمشق",
                                         is_html_extract=True), DEFAULT_SETTINGS)
    assert {r.reason for r in article.removed} == {"comments"}
    assert "ترحب شبكة CNN" not in article.text
    expected_end = "بشكل مستقل."
    assert article.text.endswith(expected_end)
    page = DATA / "html" / "trafilatura-eval" / "assabah.com.tn.article.html"
    gold = next(iter(json.loads((page.parent / "evaldata_assabah.json").read_text(encoding="utf-8")).values()))
    html = page.read_text(encoding="utf-8", errors="replace")
    article = clean_document(RawDocument(source=str(page), text=trafilatura.extract(html), title=gold["title"],
                                         is_html_extract=True), DEFAULT_SETTINGS)
    assert all(snippet in article.text for snippet in gold["with"])
    assert not any(snippet in article.text for snippet in gold["without"])
    assert reasons(article) == {1: "repeated-title", 2: "byline", 26: "comments"}  # "إضافة تعليق جديد"
    assert article.correspondent == "آسيا العتروس"
