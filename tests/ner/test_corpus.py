"""Reading ANERcorp-style files and cutting them into sentences and a held-out tail."""
import pytest

from rasd.ner.corpus import CorpusFormatError, heldout_split, read_corpus, sentences_from


def test_sentences_end_at_punctuation_and_keep_odd_tokens(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text("ذهب O\nبوش B-PERS\n. O\n O\nالى O\nلبنان B-LOC\n؟ O\nثم O\n", encoding="utf-8")
    sentences = read_corpus(path)
    assert [s.tokens for s in sentences] == [["ذهب", "بوش", "."], ["", "الى", "لبنان", "؟"], ["ثم"]]
    assert sentences[0].tags == ["O", "B-PERS", "O"]


def test_bad_tag_names_file_and_line(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_text("كلمة O\nاخرى PER\n", encoding="utf-8")
    with pytest.raises(CorpusFormatError, match=r"bad.txt:2: 'PER' is not a BIO tag"):
        read_corpus(path)


def test_long_runs_are_cut_but_not_inside_an_entity():
    tokens = ["w"] * 130
    tags = ["O"] * 119 + ["B-ORG", "I-ORG"] + ["O"] * 9
    sentences = sentences_from(tokens, tags)
    assert [len(s.tokens) for s in sentences] == [121, 9]  # the cut waits for the entity to end


def test_heldout_is_the_last_tenth():
    sentences = sentences_from(["w", "."] * 100, ["O", "O"] * 100)
    train, heldout = heldout_split(sentences)
    assert len(train) == 90 and len(heldout) == 10
    assert train + heldout == sentences
