"""Property tests: every offset normalization, segmentation, recognition and event coding produce
maps to the original text (text[start:end] == the span's text), on generated Arabic text full of
diacritics, tatweel, ligatures, bidi controls and zero-width characters."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from rasd.model import Article
from rasd.normalize import normalize, normalize_with_map
from rasd.reliability.corpus import spans_hold
from rasd.segment import CliticAnalyzer, segment

WORDS = ["قسد", "قوات سوريا الديمقراطية", "الحسكة", "بالحسكة", "والقامشلي", "لقسد", "الجيش السوري", "تركيا",
         "قصفت", "قتل", "خمسة", "مدنيين", "اشتباكات", "مع", "في", "يوم", "الثلاثاء", "١٢", "2024", "شباط",
         "تنظيم الدولة", "هاجم", "مظاهرة", "حلب", "ريف", "دير الزور", "قال", "إن", "أعلنت", "أصيب", "عشرة"]
ODD = ["\u064e", "\u0650", "\u0651", "\u0640", "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202b",
       "\u202c", "\u2067", "\u2069", "\ufeff", "\u00ad", "\ufefb", "\ufdf2", "\ufe8d", "أ", "ى", "ة", "٣",
       "\u00a0", "«", "»", "،", ".", "؟", "!", "\n", "\n\n", " ", "\t", "(", ")", "\"", "'", "a", "😀", "\U0001F1F8"]

pieces = st.one_of(st.sampled_from(WORDS), st.sampled_from(ODD), st.text(max_size=3))
texts = st.lists(st.one_of(pieces, st.just(" ")), max_size=60).map("".join)


def _interleave(word_lists: list[list[str]]) -> str:
    return "".join(w for words in word_lists for w in words)


@given(texts)
@hsettings(max_examples=300, deadline=None)
def test_normalization_map_points_into_the_original(text):
    norm = normalize_with_map(text)
    assert norm.text == normalize(text)
    assert len(norm.to_original) == len(norm.text)
    assert list(norm.to_original) == sorted(norm.to_original)
    n = len(norm.text)
    for i in range(0, n, 3):
        for j in (i + 1, min(n, i + 7), n):
            if j <= i:
                continue
            s, e = norm.span_to_original(i, j)
            assert 0 <= s < e <= len(text)
            assert norm.text[i:j] in normalize(text[s:e])


@given(texts)
@hsettings(max_examples=200, deadline=None)
def test_sentences_and_tokens_map_to_the_text(text):
    for sentence in segment(text, CliticAnalyzer()):
        assert text[sentence.start:sentence.end] == sentence.text
        for token in sentence.tokens:
            assert text[token.start:token.end] == token.text
            assert sentence.start <= token.start <= token.end <= sentence.end


sentences = st.lists(st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(ODD)), min_size=3, max_size=25)
                     .map(" ".join), min_size=1, max_size=6).map(lambda ss: ". ".join(ss) + ".")


@given(sentences)
@hsettings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_mentions_events_and_participants_map_to_the_text(pipeline, text):
    article = Article(id="property", text=text, source="property")
    for stage in pipeline.stages:
        article = stage(article)
    assert spans_hold([article]) is None
    for m in article.mentions:
        assert 0 <= m.start <= m.end <= len(text)
