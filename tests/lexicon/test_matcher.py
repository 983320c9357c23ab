"""The matcher against a plain reference: every occurrence of every form, boundaries checked
character by character (the rules of rasd.lexicon.matcher written the slow, obvious way)."""
from __future__ import annotations

import random

from rasd.lexicon.matcher import (PREFIXES, PREFIXES_BEFORE_DET, Matcher, MatcherGroup, is_word_char,
                                  normalize_form, resolve_overlaps)


def reference_candidates(forms: dict[str, list], text: str) -> set[tuple]:
    found = set()
    surfaces = {form: form for form in forms}
    for form in forms:  # the لل spelling of ال forms
        if form.startswith("ال") and len(form) > 3 and "ل" + form[2:] not in forms:
            surfaces["ل" + form[2:]] = form
    for surface, form in surfaces.items():
        pos = text.find(surface)
        while pos != -1:
            start, end = pos, pos + len(surface)
            pos = text.find(surface, pos + 1)
            if end < len(text) and is_word_char(text[end]):
                continue
            word_start = start
            while word_start > 0 and is_word_char(text[word_start - 1]):
                word_start -= 1
            prefix = text[word_start:start]
            if surface != form:
                if not prefix.endswith("ل") or prefix[:-1] not in PREFIXES_BEFORE_DET:
                    continue
                prefix += "ال"
            elif prefix not in (PREFIXES_BEFORE_DET if form.startswith("ال") else PREFIXES):
                continue
            found.add((start, end, form, tuple(forms[form]), prefix))
    return found


def as_tuple(m) -> tuple:
    return m.start, m.end, m.form, m.payloads, m.prefix


def reference_find(forms: dict[str, list], text: str) -> list[tuple]:
    taken = []
    for m in sorted(reference_candidates(forms, text), key=lambda m: (m[0] - m[1], m[0])):
        if all(m[1] <= t[0] or t[1] <= m[0] for t in taken):
            taken.append(m)
    return sorted(taken)


FORMS = ["ه", "م", "اب", "دو", "بدو", "قسد", "قوات", "قوات سوريا الديمقراطيه", "سوريا", "السوري",
         "النظام السوري", "الحسكه", "ا.ف.ب", "ا ف ب", "سي.ان.ان", "للحسكه", "عين عيسى", "x%", "لبنان",
         "الام", "ام"]
PIECES = ["", "و", "ف", "ب", "ل", "ك", "وب", "ال", "وال", "لل", "ولل", "فلل", "بال", "ا", "قا", "س", "2013",
          "_"]
GAPS = [" ", "  ", "\n", ".", "،", " - ", "\"", "", "%", ". "]


def random_text(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(1, 25)):
        word = rng.choice(FORMS + ["كلمه", "الحسكه", "ابدو", "يوم"])
        if rng.random() < 0.3:
            word = word.replace(" ", rng.choice([" ", "  ", "\n", "."]))
        parts.append(rng.choice(PIECES) + word + (rng.choice(["", "ه", "ا", "ين"]) if rng.random() < 0.2 else ""))
        parts.append(rng.choice(GAPS))
    return "".join(parts)


def test_matcher_equals_the_reference_on_random_text():
    rng = random.Random(7)
    forms: dict[str, list] = {}
    m = Matcher()
    for i, form in enumerate(FORMS):
        m.add(form, i)
        forms.setdefault(normalize_form(form), []).append(i)
    for _ in range(3000):
        text = random_text(rng)
        got = [as_tuple(x) for x in m.candidates(text)]
        assert len(got) == len(set(got))
        assert set(got) == reference_candidates(forms, text), text
        assert [as_tuple(x) for x in m.find(text)] == reference_find(forms, text), text


def test_group_gives_each_matcher_what_it_finds_alone():
    rng = random.Random(11)
    a, b, c = Matcher(), Matcher(), Matcher()
    for i, form in enumerate(FORMS):
        (a if i % 2 else b).add(form, i)
        c.add(form, -i)
    alone = [Matcher(), Matcher(), Matcher()]
    for x, y in zip((a, b, c), alone):
        for form, payloads in x._forms.items():
            for p in payloads:
                y.add(form, p)
    MatcherGroup([a, b, c])
    for _ in range(1000):
        text = random_text(rng)
        for x, y in zip((a, b, c), alone):
            assert sorted(x.candidates(text)) == sorted(y.candidates(text))
            assert x.find(text) == y.find(text)
    a.add("كلمه", 99)  # changed after the group was built: it scans alone, with the new form
    assert any(m.form == "كلمه" for m in a.find("قال كلمه"))


def test_resolve_overlaps_keeps_longest_then_leftmost():
    m = Matcher()
    for form in ("قوات", "قوات سوريا", "سوريا الديمقراطيه", "الديمقراطيه"):
        m.add(form, form)
    text = "قوات سوريا الديمقراطيه"
    cands = m.candidates(text)
    assert [x.form for x in resolve_overlaps(cands, len(text))] == ["قوات", "سوريا الديمقراطيه"]
