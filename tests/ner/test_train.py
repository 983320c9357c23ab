"""Training writes both CRF passes and their data files; the model loads and tags with them."""
import pycrfsuite

from rasd.ner.corpus import TaggedSentence
from rasd.ner.document import DocumentVotes
from rasd.ner.features import word_of
from rasd.ner.model import DOC_MODEL_NAME, NerModel
from rasd.ner.train import TrainingParams, train_model


def _corpus():
    names = ["بوش", "شيراك", "بلير", "عنان", "موسى", "صالح"]
    places = ["باريس", "لندن", "بغداد", "بيروت", "القاهرة", "عمان"]
    sentences = []
    for i in range(60):
        name, place = names[i % 6], places[(i * 5) % 6]
        sentences.append(TaggedSentence(["قال", "الرئيس", name, "في", place, "."],
                                        ["O", "O", "B-PERS", "O", "B-LOC", "O"]))
        sentences.append(TaggedSentence(["وأضاف", name, "أن", "الوضع", "هادئ", "."],
                                        ["O", "B-PERS", "O", "O", "O", "O"]))
    return sentences


def test_two_pass_training_writes_both_models(tmp_path):
    out = tmp_path / "ner.crfsuite"
    report = train_model(_corpus(), out, params=TrainingParams(max_iterations=20, folds=2, workers=1))
    assert out.is_file() and (tmp_path / DOC_MODEL_NAME).is_file()
    assert (tmp_path / "ner_gazetteer.tsv").is_file() and report.tokens == 720
    model = NerModel(out)
    assert model._doc_crf is not None
    tags = model.tag_text_document([["قال", "الرئيس", "بوش", "في", "بغداد", "."], ["وأضاف", "بوش", "أن", "."]])
    assert tags[0][2] == "B-PERS" and tags[0][4] == "B-LOC"
    # the second pass decodes as crfsuite does with the same document features
    second = pycrfsuite.Tagger()
    second.open(str(tmp_path / DOC_MODEL_NAME))
    words = [[word_of(t) for t in s.tokens] for s in _corpus()[:12]]
    first_tags = model._crf.tag_batch(words)
    first_tags[1] = ["O"] * len(first_tags[1])  # a first pass that missed a name: votes disagree
    votes = DocumentVotes(words, first_tags)
    final = model._doc_crf.tag_batch(words, [votes.keys(i) for i in range(len(words))])
    for i, w in enumerate(words):
        assert final[i] == second.tag([a + b for a, b in zip(model.featurizer.sentence(w), votes.features(i))])


def test_one_pass_training_removes_a_stale_second_pass(tmp_path):
    out = tmp_path / "ner.crfsuite"
    (tmp_path / DOC_MODEL_NAME).write_text("stale")
    train_model(_corpus(), out, params=TrainingParams(max_iterations=10, folds=0, workers=1))
    assert out.is_file() and not (tmp_path / DOC_MODEL_NAME).exists()
    assert NerModel(out)._doc_crf is None
