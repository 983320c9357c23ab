"""The lexicon layer's faster spellings give what their plain spellings give."""
from __future__ import annotations

import random
from bisect import bisect_left

from rasd.lexicon import text_view, view_offsets
from rasd.lexicon.matcher import _NON_WORD_NOR_SPACE, _space_out, spaced_text
from rasd.normalize import normalize_with_map

# letters, marks that normalization deletes, digits, punctuation, spaces, a newline, an emoji
ALPHABET = "قسدالحكة ًٌٍّ٣7،.,«»\"'-_\n\t😀éA"


def _texts(n: int, length: int) -> list[str]:
    rng = random.Random(7)
    return ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, length))) for _ in range(n)]


def test_space_out_equals_the_regex_on_short_and_long_texts():
    for text in _texts(300, 600) + ["قصفت قوات «قسد» (ريف الحسكة) 3.5 كم\n" * 20]:
        assert _space_out(text) == _NON_WORD_NOR_SPACE.sub(" ", text)
        assert spaced_text(text) == " " + _NON_WORD_NOR_SPACE.sub(" ", text) + " "


def test_space_out_keeps_lone_surrogates_and_astral_characters():
    text = "قسد" * 100 + "\ud800" + "😀" + "x"
    assert _space_out(text) == _NON_WORD_NOR_SPACE.sub(" ", text)
    text = "قسد" * 100 + "\ud800-"
    assert _space_out(text) == _NON_WORD_NOR_SPACE.sub(" ", text)


def test_view_offsets_equal_bisect_on_every_kind_of_map():
    texts = _texts(200, 400) + ["بدون تشكيل " * 30, "مُحَمَّد " * 40, "ﻻ" * 250]
    for text in texts:
        view = normalize_with_map(text)
        offsets = list(range(-2, len(text) + 3))
        assert view_offsets(view, offsets) == [bisect_left(view.to_original, o) for o in offsets]
    # the three kinds of map normalize_with_map makes: a range, a list, an array
    kinds = {type(normalize_with_map(t).to_original).__name__ for t in texts}
    assert {"range", "list", "array"} <= kinds


def test_view_offsets_of_nothing():
    assert view_offsets(text_view("قسد " * 100), []) == []


def _plain_resolve(candidates):
    """Longest first, then leftmost; a match overlapping a taken one is dropped."""
    kept = []
    for m in sorted(candidates, key=lambda m: (m.start - m.end, m.start)):
        if all(m.end <= k.start or k.end <= m.start for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: (m.start, m.end))


def test_resolve_overlaps_equals_the_plain_greedy_choice():
    from rasd.lexicon.matcher import Match, resolve_overlaps
    rng = random.Random(13)
    for _ in range(3000):
        spans = {(s, s + rng.randint(1, 9)) for s in (rng.randint(0, 30) for _ in range(rng.randint(0, 10)))}
        candidates = [Match(s, e, f"f{s}-{e}", (), "") for s, e in spans]
        rng.shuffle(candidates)
        assert resolve_overlaps(candidates, 40) == _plain_resolve(candidates)


def test_article_view_equals_the_character_by_character_view():
    from rasd.normalize import _TABLE, _normalize_with_map_slow, normalize
    rng = random.Random(17)
    deleted = [chr(c) for c, v in _TABLE.items() if not v]
    folded = [chr(c) for c, v in _TABLE.items() if v and len(v) == 1]
    expanded = [chr(c) for c, v in _TABLE.items() if v and len(v) > 1]
    plain = list("قسد الحكة والرقة 12 ab،.")
    for k in range(400):
        pool = plain * 6 + deleted[:20] + folded + (expanded[:3] if k % 5 == 0 else []) \
            + (["😀"] if k % 7 == 0 else []) + (["\ud800"] if k % 11 == 0 else [])
        text = "".join(rng.choice(pool) for _ in range(rng.randint(150, 700)))
        view, reference = normalize_with_map(text), _normalize_with_map_slow(text)
        assert view.text == reference.text == normalize(text)
        assert list(view.to_original) == list(reference.to_original)
