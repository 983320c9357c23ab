"""The article layer's fast paths give what their plain spellings give.

Each speed-up in the article layer replaced a simple formulation with a faster one; these tests
check the two agree on arbitrary text, so the fast path can never drift from its meaning.
"""
from __future__ import annotations

import re

from hypothesis import given, settings as hsettings, strategies as st

from rasd import language
from rasd.clean_paragraphs import _Paragraph, _inner_count, join_fragments
from rasd.clean_rules import default_rules, line_key
from rasd.segment import SENTENCE_END

# Letters, marks, digits, punctuation, quotes and spaces of Arabic and Latin text, and the rare
# characters at the edges of the classes involved (۽ ۾ are symbols inside the Arabic range).
_ALPHABET = st.sampled_from(
    list("ابتةجدرسشصطعغفقكلمنهويءأإآىؤئ") + list("abcXYZ_") + list("0123456789٠١٢٣۴۵")
    + list(" \t\n\u00a0\u200c\u200f") + list(".!?؟…،,؛;:\"'“”«»‘’()[]-–") + ["\u064e", "\u0651", "\u0640",
    "۽", "۾", "ٱ", "ڤ", "پ", "ی", "ک", "ۀ", "½", "²", "ﻻ", "Ω", "😀", "𝐀", "\ud83d"])
_TEXT = st.lists(_ALPHABET, max_size=80).map("".join)


@hsettings(max_examples=400, deadline=None)
@given(_TEXT)
def test_letter_counts_equal_the_regex_counts(text):
    letters = len(re.sub(r"[\W\d_]+", "", text))
    arabic = len(re.sub(f"[^{language.ARABIC_CLASS}]+", "", text))
    persian = len(language.PERSIAN_HINT.findall(text))
    assert language._counts(text) == (letters, arabic, persian)
    # the same text without its astral characters goes through the table
    bmp = "".join(c for c in text if ord(c) < 0x10000)
    assert language._counts(bmp) == (len(re.sub(r"[\W\d_]+", "", bmp)),
                                     len(re.sub(f"[^{language.ARABIC_CLASS}]+", "", bmp)),
                                     len(language.PERSIAN_HINT.findall(bmp)))


def test_class_table_agrees_with_the_regexes_on_every_code_point():
    table = language._class_table()
    for cp in range(0x10000):
        ch = chr(cp)
        flags = ((re.fullmatch(language.LETTER, ch) is not None) | (re.fullmatch(f"[{language.ARABIC_CLASS}]", ch)
                 is not None) << 1 | (language.PERSIAN_HINT.fullmatch(ch) is not None) << 2)
        assert table[cp] == flags, hex(cp)


_OLD_SENTENCE_END = re.compile(r"[.!?؟…]+[\"'”’»)\]]*(?=\s)|[.!?؟…]+[\"'”’»)\]]*$")


@hsettings(max_examples=400, deadline=None)
@given(_TEXT)
def test_sentence_end_equals_its_two_branch_spelling(text):
    assert [m.span() for m in SENTENCE_END.finditer(text)] == [m.span() for m in _OLD_SENTENCE_END.finditer(text)]


def _plain_prefix_re(rules):
    """The prefix alternation spelled with whole-branch groups (before the letter-first form)."""
    branches = []
    for i, branch in enumerate(rules.prefix_re.pattern.split("|")):
        m = re.fullmatch(r"(.*?)\(\?P<(g\d+)>\)(.*)", branch, re.S)
        branches.append(f"(?P<{m.group(2)}>{m.group(1)}{m.group(3)})" if m else branch)
    return re.compile("|".join(branches))


def test_letter_first_prefix_branches_match_as_whole_branch_groups():
    rules = default_rules()
    plain = _plain_prefix_re(rules)
    assert plain.pattern != rules.prefix_re.pattern
    assert rules.prefix_re.pattern.count("(?P<g") == len(rules.prefix_rules)
    samples = []
    for branch in plain.pattern.split("|"):
        # A line that is the prefix itself, followed by a word, a colon, or glued to a letter.
        phrase = re.sub(r"\(\?P<g\d+>|\(\?!\\w\)\)$", "", branch).replace(r"\s+", " ").replace("\\", "")
        samples += [phrase, phrase + " كلمة", phrase + ": نص", phrase + "ة", phrase[:-1], "x" + phrase]
    for head in map(line_key, samples):
        fast, slow = rules.prefix_re.match(head), plain.match(head)
        assert (fast and (fast.lastgroup, fast.end())) == (slow and (slow.lastgroup, slow.end())), head


_LINES = st.lists(st.lists(st.sampled_from(["في", "سوريا", "قال", "كما", "ودخلت", "الذي", "،", ",", "(", ")",
                                            "[", "]", "( )", "--", "-", ".", "؟", ":", '"', "«", "»", "كلمة"]),
                           min_size=1, max_size=12).map(" ".join), min_size=1, max_size=8)


@hsettings(max_examples=300, deadline=None)
@given(_LINES)
def test_paragraph_counts_taken_late_equal_running_counts(lines):
    early, late = _Paragraph(lines[0]), _Paragraph(lines[0])
    assert early.spaces >= 0  # counted from the start, then kept up to date
    for line in lines[1:]:
        glue = "" if line[:1] in ".،,؛;:!؟?)]}»”" else " "
        for p in (early, late):
            p.append(glue, line)
            if line.endswith((")", "]")):
                p.strip_trailing_empty_brackets()
    text = late.text()
    assert (late.spaces, late.inner) == (early.spaces, early.inner) == (text.count(" "), _inner_count(text))


def test_empty_bracket_pair_alone_is_no_paragraph():
    assert join_fragments(["(", ")"]) == []  # an IndexError before
    assert join_fragments(["[", "]"]) == []


_OLD_PARAGRAPH_END = re.compile(r"[.!?؟…:؛;][\"'”’»)\]]*\s*$")


@hsettings(max_examples=400, deadline=None)
@given(_TEXT)
def test_paragraph_end_check_equals_its_regex(text):
    from rasd.clean_paragraphs import _ends_sentence
    assert _ends_sentence(text) == bool(_OLD_PARAGRAPH_END.search(text))
