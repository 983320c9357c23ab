from hypothesis import given, settings, strategies as st

from rasd.segment import segment, split_sentences, tokenize


def stems(text):
    return [(t.proclitics, t.stem) for t in tokenize(text)]


def test_clitics_split_where_attested():
    assert stems("بالحسكة") == [(("ب", "ال"), "حسكه")]
    assert stems("لقسد") == [(("ل",), "قسد")]
    assert stems("ولبنان") == [(("و",), "لبنان")]
    assert tokenize("قياداتهم")[0].enclitics == ("هم",)


def test_no_false_splits():
    for word in ("بلدة", "كتيبة", "لبنان", "وزير", "فصائل", "بالغ", "والدته"):
        tok = tokenize(word)[0]
        assert tok.proclitics == (), word


def test_sentences_keep_numbers_abbreviations_and_quotes():
    text = 'بلغ النمو 3.5 في المئة. وقال د. محمد: "هذا جيد. جدا" ثم غادر!\nسطر ثان؟ نعم'
    sents = [text[s:e] for s, e, _ in split_sentences(text)]
    assert sents == ["بلغ النمو 3.5 في المئة.", 'وقال د. محمد: "هذا جيد. جدا" ثم غادر!', "سطر ثان؟", "نعم"]
    assert [p for *_, p in split_sentences(text)] == [0, 0, 1, 1]


def test_tokens_keep_diacritics_inside_words():
    toks = tokenize("اجتماعًا مغلقًا")
    assert [t.text for t in toks] == ["اجتماعًا", "مغلقًا"]
    assert [t.norm for t in toks] == ["اجتماعا", "مغلقا"]


@settings(max_examples=200)
@given(st.text(st.sampled_from(list("ابتقسدلو .؟!\n\"«»3") + ["\u064b"]), max_size=120))
def test_offsets_point_into_text(text):
    for sent in segment(text):
        assert text[sent.start:sent.end] == sent.text
        for tok in sent.tokens:
            assert text[tok.start:tok.end] == tok.text


@settings(max_examples=300)
@given(st.text(st.sampled_from(list("ابتقسدلوة .,؟!…\n\r\t\u00a0\u2028\x1c\"«»“”()3٣٫_x.") + ["\u064b", "\u200c", "\u0640"]),
               max_size=160))
def test_whole_text_tokens_match_sentence_by_sentence_tokens(text):
    # segment tokenizes the whole text once and hands each sentence its run of tokens: that
    # must equal tokenizing each sentence on its own, and leave no token outside a sentence.
    sentences = segment(text)
    for sent in sentences:
        assert sent.tokens == tokenize(sent.text, sent.start)
    assert sum(len(s.tokens) for s in sentences) == len(tokenize(text))
