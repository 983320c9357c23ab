"""The place recognizer's remembered answers equal their plain spellings on real text."""
from __future__ import annotations

from rasd.lexicon import text_view
from rasd.recognize import places
from rasd.recognize.places import Context, _choose, _parts, choose, find_phrases, place_gazetteer

TEXT = ("قصفت الطائرات بلدة الحميدية في ريف حماة الشمالي، ثم قرية الحميدية قرب حمص، "
        "وسقطت قذائف على مدينة حلب وحي الشيخ مقصود في حلب، وعلى محافظات حلب وإدلب والرقة. "
        "وقال مصدر في الحميدية إن القصف طال المدينة، كما استهدف الجيش مدينة الرستن.")


def test_usable_places_equal_the_plain_filter():
    gaz = place_gazetteer()
    text = text_view(TEXT).text
    matches = gaz.matcher.find(text)
    assert matches
    for m in matches:
        names = [p for p in m.payloads if isinstance(p, places.NameRef)]
        for licensed in (False, True):
            for definite in (False, True):
                plain = [gaz.places[n.place] for n in names if (licensed or not n.needs_cue)
                         and (not definite or gaz.places[n.place].type == "country")]
                got = _parts(m).usable(licensed, definite, gaz)
                assert got == plain
                assert got is not _parts(m).usable(licensed, definite, gaz)  # each phrase owns its list


def test_remembered_choice_equals_a_fresh_one():
    gaz = place_gazetteer()
    phrases = find_phrases(text_view(TEXT).text, gaz)
    ambiguous = [ph for ph in phrases if len(ph.candidates) > 1]
    assert ambiguous  # الحميدية and others name several places
    ctx = Context([(35.1, 36.7)], {"SYR"})
    for ph in phrases + phrases:  # the second time from the memo
        assert choose(ph, ctx) == (_choose(ph, ctx) if len(ph.candidates) > 1 else
                                   ((ph.candidates[0], True) if ph.candidates else (None, False)))
