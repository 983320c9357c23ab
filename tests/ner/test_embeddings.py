"""Distilled word-vector classes (ner_embeddings.tsv) as NER features."""
from pathlib import Path

from rasd.ner.features import Featurizer, word_of
from rasd.ner.gazetteer import Gazetteer
from rasd.ner.resources import EMBEDDINGS_NAME, load_embeddings, make_featurizer

TABLE = "word\te64\te256\ttPERS\n" "شوماخر\t5\t200\t3\n" "فيراري\t9\t17\t0\n" "قال\t1\t2\t0\n"


def _folder(tmp_path: Path) -> Path:
    (tmp_path / EMBEDDINGS_NAME).write_text(TABLE, encoding="utf-8")
    return tmp_path


def test_table_gives_column_named_features(tmp_path):
    table = load_embeddings(_folder(tmp_path))
    assert table["شوماخر"] == ("e64=5", "e256=200", "tPERS=3")
    assert load_embeddings(tmp_path / "missing") == {}


def test_word_and_nearest_neighbours_see_the_classes(tmp_path):
    featurizer = make_featurizer(_folder(tmp_path))
    words = [word_of(t) for t in "وقال شوماخر إن فيراري".split()]
    features = featurizer.sentence(words)
    assert "e64=5" in features[1] and "tPERS=3" in features[1]
    # وقال is not in the table: its stem قال is.
    assert "e64=1" in features[0]
    assert "-1:e64=5" in features[2] and "1:e64=5" in features[0]
    # Only the nearest neighbours carry them, not those two words away.
    assert "2:e64=5" not in " ".join(features[3])
    # إن is in no table row.
    assert "e=none" in features[2]


def test_without_a_table_the_features_are_unchanged(tmp_path):
    words = [word_of(t) for t in "قال شوماخر".split()]
    plain = Featurizer(Gazetteer(), {}, vocabulary={}).sentence(words)
    assert not any(f.startswith("e") and "=" in f and f.split("=")[0][1:].isdigit() for fs in plain for f in fs)
    assert not any("e=none" in f for fs in plain for f in fs)


LETTERS = ("gram\tO\tPERS\tLOC\tORG\tMISC\n"
           "يو>\t0\t8\t0\t0\t0\n"   # ends like a Latin -io name (جونينيو، أنطونيو)
           "<بي\t0\t0\t0\t0\t0\n"
           "<bias>\t5\t0\t0\t0\t0\n"
           "<bins>\t0.1\t0.3\t0.6\n")


def test_an_unlisted_word_gets_type_bins_from_its_letters(tmp_path):
    folder = _folder(tmp_path)
    (folder / "ner_embletters.tsv").write_text(LETTERS, encoding="utf-8")
    featurizer = make_featurizer(folder)
    names = featurizer.sentence([word_of("جونينيو")])[0]
    assert "e=none" in names and "tPERS=3" in names
    # A listed word keeps its own columns; an unlisted one without those letters stays unlikely.
    assert "tPERS=3" in featurizer.sentence([word_of("شوماخر")])[0]
    assert "tPERS=0" in featurizer.sentence([word_of("المدرسة")])[0]


def test_a_surname_repeated_alone_is_the_person_named_before():
    from rasd.ner.model import tag_repeated_surnames

    sentences = [[word_of(t) for t in "وصل وزير الخارجية وليد المعلم إلى موسكو".split()],
                 [word_of(t) for t in "وقال المعلم إن الحوار ممكن".split()],
                 [word_of(t) for t in "وكرم المعلم تلاميذه".split()]]
    tags = [["O", "O", "O", "B-PERS", "I-PERS", "O", "B-LOC"], ["O"] * 5, ["O", "O", "O"]]
    tagged = tag_repeated_surnames(sentences, [list(t) for t in tags])
    assert tagged[1] == ["O", "B-PERS", "O", "O", "O"]
    # The first name alone is not taken, nor anything when no full name was tagged.
    assert tag_repeated_surnames(sentences[1:], [["O"] * 5, ["O"] * 3]) == [["O"] * 5, ["O"] * 3]
    one_word = [["O", "O", "O", "O", "B-PERS", "O", "B-LOC"], ["O"] * 5, ["O"] * 3]
    assert tag_repeated_surnames(sentences, [list(t) for t in one_word])[1] == ["O"] * 5
