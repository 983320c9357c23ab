"""The neighbour-sentence finder's bisection over end positions says what the plain scan says."""
import random

from rasd.events import place_date as pd


def plain_neighbour_sentences(text, sentence):
    a, b = sentence
    k = a - 1
    while k > 0 and text[k - 1] in pd.SENTENCE_ENDS + " ":
        k -= 1
    prev_start = max((text.rfind(ch, 0, k) for ch in pd.SENTENCE_ENDS), default=-1) + 1
    while b < len(text) and text[b] in pd.SENTENCE_ENDS + " ":
        b += 1
    nxt = min((i for i in (text.find(ch, b) for ch in pd.SENTENCE_ENDS) if i != -1), default=len(text))
    return [r for r in ((prev_start, k), (b, nxt)) if r[0] < r[1]]


def test_neighbour_sentences_equal_the_plain_scan():
    rng = random.Random(7)
    letters = "اب .!?\n؟ج"
    for _ in range(5000):
        text = "".join(rng.choice(letters) for _ in range(rng.randint(0, 40)))
        a = rng.randint(0, len(text))
        b = rng.randint(a, len(text))
        assert pd._neighbour_sentences(text, (a, b)) == plain_neighbour_sentences(text, (a, b))


def test_neighbour_sentences_of_real_text():
    text = "قال الوزير للصحفيين في جنيف. واصل المبعوث اجتماعاته في القاهرة؟ ثم عاد.\nانتهى"
    middle = text.index("واصل"), text.index("؟")
    assert pd._neighbour_sentences(text, middle) == plain_neighbour_sentences(text, middle)
    assert [text[a:b] for a, b in pd._neighbour_sentences(text, middle)] == [
        "قال الوزير للصحفيين في جنيف", "ثم عاد"]
