from hypothesis import given, settings, strategies as st

from rasd.normalize import normalize, normalize_with_map

ARABIC_ALPHABET = st.sampled_from(
    list("ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئىةٱ") + ["\u064b", "\u064e", "\u0651", "\u0652", "\u0640",
    "\u200f", "\u200c", "\u202b", "\ufeff", "٣", "۴", "“", "”", "«", " ", "\n", ".", "،", "ﻻ", "a", "7"])
ARABIC_TEXT = st.text(ARABIC_ALPHABET, max_size=80)


def test_folding_rules():
    assert normalize("أإآٱ ى ة") == "اااا ي ه"
    assert normalize("اجتماعًا مغلقـــًا") == "اجتماعا مغلقا"
    assert normalize("٧٢ ۱۲") == "72 12"
    assert normalize("“قسد” «قسد»") == '"قسد" "قسد"'
    assert normalize("ق\u200fس\u200bد") == "قسد"


def test_span_maps_to_exact_original_words():
    original = "نقلت عن مصدرٍ مطلعٍ قوله: “إن القوات”"
    n = normalize_with_map(original)
    i = n.text.index("مصدر مطلع")
    s, e = n.span_to_original(i, i + len("مصدر مطلع"))
    assert original[s:e] == "مصدرٍ مطلعٍ"


@settings(max_examples=300)
@given(ARABIC_TEXT)
def test_normalize_is_idempotent(text):
    once = normalize(text)
    assert normalize(once) == once


@settings(max_examples=300)
@given(ARABIC_TEXT, st.data())
def test_every_span_maps_back(text, data):
    n = normalize_with_map(text)
    assert n.text == normalize(text)
    if not n.text:
        return
    start = data.draw(st.integers(0, len(n.text) - 1))
    end = data.draw(st.integers(start + 1, len(n.text)))
    s, e = n.span_to_original(start, end)
    # The original span normalizes back to the normalized span; only a ligature (one original
    # character, several normalized ones) cut in half can make the original span wider.
    if "ﻻ" in text:
        assert n.text[start:end] in normalize(text[s:e])
    else:
        assert normalize(text[s:e]) == n.text[start:end]
