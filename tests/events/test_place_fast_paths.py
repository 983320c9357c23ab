"""The place chooser's per-article shortcuts give what the plain checks give."""
from rasd.events.place_date import (RESPONSE_WORDS, ArticlePlaces, Scope, _after_opener, _ByStart,
                                    choose_place)
from rasd.model import Mention

# Response words bare, with و, with case marks, glued to letters before or after, inside other
# words (أفرادا), after quotes and colons, and before a name with no space (ردا«حلب).
TEXT = ("أعلن الجيش ردًا على الهجوم قصف مواقع في حلب، وقال إن أفرادا من القوات قتلوا. "
        "وردا على ذلك شنت الفصائل هجوما على إدلب «ردا» على القصف: ثأرا لقتلاها في حماة. "
        "وانتقاماً لما جرى اقتحمت القوات بلدة سراقب، ثم قال:ردا على الاعتداء، سيطرنا على تل رفعت "
        "وقصفت ردا«حلب الجديدة» ومردا وردات وثأرا.")
TEXTS = (TEXT, "ردا على القصف قصفت القوات حلب", "قصف ردا")


def _mentions_at_every_word(text: str) -> list[Mention]:
    out, start = [], 0
    for word in text.split(" "):
        if word:
            out.append(Mention(kind="place", start=start, end=start + len(word), text=word, lat=1.0, lon=1.0))
            out.append(Mention(kind="place", start=start + 1, end=start + len(word), text=word[1:], lat=1.0, lon=1.0))
        start += len(word) + 1
    return out


def _mentions_at_every_character(text: str) -> list[Mention]:
    return [Mention(kind="place", start=i, end=i + 1, text=text[i], lat=1.0, lon=1.0) for i in range(len(text))]


def test_response_word_shortcut_agrees_with_normalizing():
    checked = hits = 0
    for text in TEXTS:
        places = _mentions_at_every_character(text)
        article = ArticlePlaces(text, places)
        assert article._responses  # the text holds response words: the slow path is exercised too
        ends = sorted({i for i, ch in enumerate(text) if ch == " "} | {0, len(text)})  # trigger word ends
        for trigger_end in ends:
            for m in places:
                expected = _after_opener(text, trigger_end, m, RESPONSE_WORDS)
                assert article._after_response(trigger_end, m) == expected, (text[:20], trigger_end, m.start)
                checked += 1
                hits += expected
    assert checked > 5000 and hits > 1000


def test_ranges_by_start_agree_with_a_scan():
    places = _mentions_at_every_word(TEXT)
    for items in (places, list(reversed(places))):  # by start, and not
        pool = _ByStart(items)
        for lo in range(0, len(TEXT), 7):
            for hi in range(lo, len(TEXT) + 1, 11):
                assert pool.within(lo, hi) == [m for m in items if lo <= m.start and m.end <= hi]
            assert pool.ending_by(lo) == [m for m in items if m.end <= lo]


def test_choose_place_is_the_article_chooser():
    places = [m for m in _mentions_at_every_word(TEXT) if m.start % 3 == 0]
    article = ArticlePlaces(TEXT, places)
    for k, trigger in enumerate(("قصف", "شنت", "اقتحمت", "قال", "وقصفت")):
        at = TEXT.index(trigger)
        scope = Scope((at, at + 40), (max(0, at - 30), at + 80), (0, len(TEXT)))
        for etype in ("ASSAULT", "ACCUSE", "CONSULT"):
            got = article.choose(etype, at, scope, True)
            assert got == choose_place(etype, at, scope, places, TEXT, places[0])


def test_view_slices_are_normalized_slices():
    from rasd.events.place_date import _ViewSlices
    from rasd.normalize import normalize
    for text in TEXTS + ("قال الرئيس: ﻻ تراجع", "في حلب", "مدينةُ حلبَ\u200f الشمالية"):  # ligature, marks, bidi
        norm = _ViewSlices(text)
        for a in range(len(text) + 1):
            for b in range(a, len(text) + 1):
                assert norm(a, b) == normalize(text[a:b]), (text, a, b)
