"""The NER scorer: CoNLL chunking and exact-span, exact-type micro F1 (ANNOTATION.md)."""
import pytest

from rasd.evaluate.ner import score_ner
from rasd.ner.bio import Chunk, chunks


def test_chunks_follow_conlleval():
    tags = ["B-PERS", "I-PERS", "O", "I-LOC", "I-LOC", "B-LOC", "I-ORG", "B-MISC"]
    assert chunks(tags) == [Chunk(0, 2, "PERS"), Chunk(3, 5, "LOC"), Chunk(5, 6, "LOC"),
                            Chunk(6, 7, "ORG"), Chunk(7, 8, "MISC")]


def test_perfect_prediction():
    gold = ["B-PERS", "I-PERS", "O", "B-LOC"]
    s = score_ner(gold, gold)
    assert (s.precision, s.recall, s.f1) == (1.0, 1.0, 1.0)
    assert s.per_type["PERS"].correct == 1 and s.per_type["ORG"].gold == 0


def test_partial_span_is_wrong_twice():
    # Gold: a three-token organisation; prediction covers two of its tokens.
    gold = ["B-ORG", "I-ORG", "I-ORG", "O"]
    pred = ["B-ORG", "I-ORG", "O", "O"]
    s = score_ner(gold, pred)
    assert (s.gold, s.predicted, s.correct) == (1, 1, 0)
    assert s.f1 == 0.0


def test_type_mismatch_counts_as_miss_and_false_alarm():
    gold = ["B-PERS", "O", "B-LOC"]
    pred = ["B-ORG", "O", "B-LOC"]
    s = score_ner(gold, pred)
    assert s.correct == 1 and s.precision == 0.5 and s.recall == 0.5
    assert s.per_type["PERS"].recall == 0.0 and s.per_type["ORG"].precision == 0.0
    assert s.per_type["LOC"].f1 == 1.0


def test_i_without_b_opens_an_entity():
    gold = ["O", "B-LOC", "I-LOC"]
    pred = ["O", "I-LOC", "I-LOC"]  # same entity, written without B-
    assert score_ner(gold, pred).f1 == 1.0
    # A type change inside I- tags splits the entity in two.
    assert chunks(["I-LOC", "I-ORG"]) == [Chunk(0, 1, "LOC"), Chunk(1, 2, "ORG")]


def test_micro_average_over_types():
    gold = ["B-PERS", "O", "B-LOC", "O", "B-ORG", "I-ORG"]
    pred = ["B-PERS", "O", "B-LOC", "B-MISC", "B-ORG", "O"]
    s = score_ner(gold, pred)
    # correct: PERS, LOC; predicted 4; gold 3
    assert (s.correct, s.predicted, s.gold) == (2, 4, 3)
    assert s.precision == pytest.approx(0.5) and s.recall == pytest.approx(2 / 3)
    assert s.f1 == pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3))


def test_no_entities_anywhere_scores_zero_not_error():
    s = score_ner(["O", "O"], ["O", "O"])
    assert (s.precision, s.recall, s.f1) == (0.0, 0.0, 0.0)


def test_length_mismatch_is_an_error():
    with pytest.raises(ValueError, match="2 tags"):
        score_ner(["O", "O"], ["O"])
