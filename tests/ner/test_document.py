"""Document features of the second pass, and documents cut from a sentence stream."""
from rasd.ner.corpus import TaggedSentence
from rasd.ner.document import document_features, documents
from rasd.ner.features import Word


def _w(stem, norm=None):
    return Word(norm or stem, stem, ())


def test_votes_come_from_the_other_occurrences_of_the_stem():
    sentences = [[_w("قال"), _w("الونسو")], [_w("الونسو"), _w("فاز")], [_w("فاز"), _w("الونسو", "والونسو")]]
    tags = [["O", "B-PERS"], ["B-PERS", "O"], ["O", "O"]]
    features = document_features(sentences, tags)
    # the third الونسو (left out by the first pass) hears two PERS votes and no O vote
    assert {"p1=O", "p1-1=O", "p1+1=EOS", "d=PERS", "d+=PERS"} == set(features[2][1])
    # the first one hears one PERS and one O vote: PERS is its named type, but not a majority
    assert "d=PERS" in features[0][1] and "d+=PERS" not in features[0][1]
    # فاز occurs twice, both outside entities
    assert "d=O" in features[1][1]
    # a word that occurs once gets no vote, only its first-pass tags
    assert features[0][0] == ["p1=O", "p1-1=BOS", "p1+1=B-PERS"]


def test_punctuation_and_one_letter_words_get_no_vote():
    sentences = [[_w("."), _w("و")], [_w("."), _w("و")]]
    features = document_features(sentences, [["O", "O"], ["O", "O"]])
    assert all(not any(f.startswith("d") for f in token) for s in features for token in s)


def test_documents_are_runs_of_sentences_of_a_minimum_size():
    sentences = [TaggedSentence(["x"] * n, ["O"] * n) for n in (150, 150, 150, 30, 400, 10)]
    docs = documents(sentences, size=400)
    assert [[len(s.tokens) for s in d] for d in docs] == [[150, 150, 150], [30, 400], [10]]
