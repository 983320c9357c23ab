"""Find event triggers: words and phrases from the trigger lexicon, with Arabic inflection.

A trigger form in ``data/lexicons/triggers/*.yaml`` is written once and expanded here:

- ``{PAST/PRESENT}`` is a verb given by its 3rd person masculine singular perfect and imperfect
  (``{هاجم/يهاجم}``); it expands to the perfect, imperfect and future (سـ) forms of every person
  and number that news text uses, with object pronouns (``اعتقلوه``). ``{وعد/}`` has no imperfect
  (يعد is far more often "is considered" than "promises").
- a plain word is a noun: case ending (هجوما), dual, and possessive pronouns (حصارها, مطالبته);
- ``=word`` is matched exactly as written;
- ``+word`` is an active participle in a circumstantial clause (``داعيا``، ``مطالبة``، ``منددا``),
  matched exactly as written and read as a verb: its subject is the clause's actor;
- several space-separated parts make a phrase (``{شن/يشن} هجوما``).

Proclitics (و ف ب ل ك ال) are left to the shared ``Matcher``. Each match keeps the entry and the
part of speech of the form that matched, which the role and status rules need.
"""
from __future__ import annotations

import bisect
import dataclasses
import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional, Sequence

from ..lexicon import LexiconEntry, load_lexicon, text_view
from ..lexicon.matcher import Matcher, normalize_form
from ..normalize import normalize

PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
# Types whose trigger takes a complement that is demanded, offered, refused or threatened, not done.
IRREALIS_TYPES = frozenset({"REQUEST", "AGREE", "REJECT", "THREATEN", "CONCEDE"})

VERB_PAST, VERB_PRESENT, VERB_FUTURE, NOUN = "verb_past", "verb_present", "verb_future", "noun"
VERB_POS = frozenset({VERB_PAST, VERB_PRESENT, VERB_FUTURE})

_OBJECT_PRONOUNS = ("ه", "ها", "هم", "هما")
_IMPERFECT_PREFIXES = ("ي", "ت", "ن")
_MAX_VARIANTS = 2000


@dataclass(frozen=True)
class TriggerEntry:
    """One trigger lexicon entry, typed."""
    id: str
    type: str
    name_en: str
    mode: Optional[str] = None
    recipient_preps: tuple[str, ...] = ()
    symmetric: bool = False  # all parties are actors (meetings, clashes, agreements)
    genitive: str = "actor"  # role of the participant right after a verbal noun
    requires_participant: bool = False  # too ambiguous to code without an actor or recipient
    casualty: bool = False  # a killing/injury word: the victims are the recipient
    denial: bool = False  # a denial: events it governs are "denied"
    needs_light_verb: bool = False  # a noun that is an event only after a light verb (أطلقت ... صاروخا)
    # words one of which must follow the trigger in its clause (حمّلت سوريا الجماعات المسؤولية):
    # a verb that is an event only with this complement, wherever the object puts it
    needs_word: tuple[str, ...] = ()
    needs_word_window: int = 6
    # a number (a casualty count) after the trigger in its window also serves as the complement
    # (توفي 25 مدنيا: a toll, not one person's natural death)
    count_completes: bool = False
    # words none of which may follow the trigger closely in its clause (يزور مسجد الحسين: a visit to a
    # site, not to a party)
    not_before_words: tuple[str, ...] = ()
    not_before_window: int = 2
    # the same, anywhere in the trigger's clause up to not_before_far_window words on: an object that
    # makes the verb an idiom even when a long subject stands between (خطفت التقنيات التي ... أنظار الصحفيين)
    not_before_far_words: tuple[str, ...] = ()
    not_before_far_window: int = 12
    # words none of which may stand just before the trigger (يشكل تهديدا: a danger, not a threat made)
    not_after_words: tuple[str, ...] = ()
    not_after_window: int = 2
    acled: tuple[tuple[str, Any], ...] = ()
    source: str = ""
    file: str = ""
    line: int = 0

    @classmethod
    def from_lexicon(cls, e: LexiconEntry) -> "TriggerEntry":
        a = e.attrs
        acled = a.get("acled") or {}
        return cls(
            id=e.id, type=str(a.get("type")), name_en=e.name_en or e.id, mode=a.get("mode"),
            recipient_preps=tuple(normalize(p) for p in a.get("recipient_preps") or ()),
            symmetric=bool(a.get("symmetric", False)), genitive=str(a.get("genitive", "actor")),
            requires_participant=bool(a.get("requires_participant", False)),
            casualty=bool(a.get("casualty", False)), denial=bool(a.get("denial", False)),
            needs_light_verb=bool(a.get("needs_light_verb", False)),
            needs_word=tuple(normalize(w) for w in a.get("needs_word") or ()),
            needs_word_window=int(a.get("needs_word_window", 6)),
            count_completes=bool(a.get("count_completes", False)),
            not_before_words=tuple(normalize(w) for w in a.get("not_before_words") or ()),
            not_before_window=int(a.get("not_before_window", 2)),
            not_before_far_words=tuple(normalize(w) for w in a.get("not_before_far_words") or ()),
            not_before_far_window=int(a.get("not_before_far_window", 12)),
            not_after_words=tuple(normalize(w) for w in a.get("not_after_words") or ()),
            not_after_window=int(a.get("not_after_window", 2)),
            acled=tuple(sorted(acled.items())), source=e.source or "", file=e.file, line=e.line,
        )


@dataclass(frozen=True)
class FormPayload:
    entry: TriggerEntry
    pos: str  # verb_past | verb_present | verb_future | noun (the head word's part of speech)
    form: str  # the lexicon form it was expanded from


@dataclass
class TriggerHit:
    """A trigger found in the text: original offsets, the matched payloads, the proclitics."""
    start: int
    end: int
    text: str
    prefix: str
    candidates: list[FormPayload] = field(default_factory=list)
    glued: bool = False  # found only after splitting it from the word before (العراقاستهداف)

    @property
    def best(self) -> FormPayload:
        return self.candidates[0]


def conjugate(past: str, present: str) -> list[tuple[str, str]]:
    """Perfect, imperfect and future forms (normalized) of a verb, with object pronouns."""
    out: list[tuple[str, str]] = []
    p = normalize(past)
    if p:
        if p[-1] in "اي":  # defective: نفى نفت نفوا ; دعا دعت دعوا
            s = p[:-1]
            out += [(x, VERB_PAST) for x in (p, s + "ت", s + "وا", s + "يا", s + "تا", s + "و")]
            out += [(p[:-1] + "ا" + e, VERB_PAST) for e in _OBJECT_PRONOUNS]
        else:
            # no feminine plural -ن: rare in news, and أيدن would match inside بايدن
            out += [(p + suf, VERB_PAST) for suf in ("", "ت", "وا", "ا", "تا", "نا", "تم")]
            if p[0] != "و":  # وعده is also و + عدة ("several"): no object pronouns on و-initial verbs
                out += [(p + mid + e, VERB_PAST) for mid in ("", "ت", "و") for e in _OBJECT_PRONOUNS]
    i = normalize(present)
    if i:
        stem = i[1:] if i[0] in _IMPERFECT_PREFIXES + ("ا",) else i
        if stem[-1] in "يو":  # ينفي ينفون ; يدعو يدعون
            bodies = [stem, stem[:-1] + "ون", stem[:-1] + "وا", stem + "ان", stem[:-1] + "ين"]
        else:
            bodies = [stem, stem + "ون", stem + "ان", stem + "وا", stem + "ن", stem + "ين"]
        bodies += [stem + e for e in _OBJECT_PRONOUNS]
        for pre in _IMPERFECT_PREFIXES:
            for b in bodies:
                out.append((pre + b, VERB_PRESENT))
                out.append(("س" + pre + b, VERB_FUTURE))
    return out


def inflect_noun(word: str) -> list[str]:
    """Case ending, dual and possessive forms of a noun (normalized)."""
    w = normalize(word)
    out = [w]
    if w.endswith("ه"):  # ta marbuta
        s = w[:-1] + "ت"
        out += [s + x for x in ("ان", "ين", "ه", "ها", "هم", "هما")]
    elif w.endswith("ات"):
        out += [w + e for e in _OBJECT_PRONOUNS]
    elif w.endswith("اء"):  # the hamza sits on و or ي before a pronoun: لقاؤه، لقائه، اعتدائها
        out += [w[:-1] + seat + e for seat in ("ء", "ئ", "ؤ") for e in _OBJECT_PRONOUNS]
    elif w[-1] in "اءي":
        out += [w + e for e in _OBJECT_PRONOUNS]
    else:
        out += [w + "ا", w + "ان", w + "ين"] + [w + e for e in _OBJECT_PRONOUNS]
    return out


_PREPOSITIONS = frozenset({"عن", "على", "علي", "من", "الي", "مع", "في", "ب", "ل"})


def _with_pronoun(prep: str) -> list[str]:
    """A preposition and its pronoun-suffixed forms (عن، عنه، عنها، عنهم)."""
    if prep in ("ب", "ل"):  # a clitic preposition is part of the next word, not a phrase end
        return [prep]
    return [prep] + [prep + e for e in _OBJECT_PRONOUNS]


def _accusative(word: str) -> str:
    if word.endswith("ي"):
        return word + "ا"
    if word[-1] in "اهء" or word.endswith("ات"):
        return word
    return word + "ا"


def expand_form(form: str, pronoun_objects: bool = True) -> list[tuple[str, str]]:
    """(surface, pos) variants of one lexicon form, normalized, in a stable order. With
    ``pronoun_objects`` a phrase-final preposition also takes a pronoun (أفرج عنه)."""
    parts = form.split()
    options: list[list[tuple[str, str]]] = []
    for k, part in enumerate(parts):
        if part.startswith("{") and part.endswith("}"):
            past, _, present = part[1:-1].partition("/")
            options.append(conjugate(past, present))
        elif part.startswith("="):
            options.append([(normalize(part[1:]), NOUN)])
        elif part.startswith("+"):
            options.append([(normalize(part[1:]), VERB_PAST)])
        elif len(parts) == 1:
            options.append([(v, NOUN) for v in inflect_noun(part)])
        elif pronoun_objects and k and normalize(part) in _PREPOSITIONS:
            # the object of a phrase-final preposition may be a pronoun (أفرج عنه، اتفقوا عليها)
            w = normalize(part)
            options.append([(v, NOUN) for v in _with_pronoun(w)])
        else:
            w = normalize(part)
            variants = [w] if k else [w, *inflect_noun(w)[1:]]
            if _accusative(w) not in variants:
                variants.append(_accusative(w))
            options.append([(v, NOUN) for v in variants])
    seen: dict[str, str] = {}
    for combo in itertools.islice(itertools.product(*options), _MAX_VARIANTS):
        surface = " ".join(c[0] for c in combo)
        seen.setdefault(surface, combo[0][1])
    return list(seen.items())


def _readings(e: LexiconEntry) -> list[LexiconEntry]:
    """The entry itself and one entry per item of its ``readings``: the same forms read as another
    type when another complement follows (أعرب X عن قلقه: ACCUSE; عن أمله: REQUEST; عن دعمه:
    SUPPORT). A reading overrides the entry's attributes and is named ``<entry id>.<reading id>``;
    the one whose complement follows is put first (``_complement_first``)."""
    out = [e]
    for r in e.attrs.get("readings") or ():
        attrs = {k: v for k, v in e.attrs.items() if k != "readings"}
        attrs.update({k: v for k, v in r.items() if k not in ("id", "name_en")})
        out.append(dataclasses.replace(e, id=f"{e.id}.{r['id']}", name_en=r.get("name_en", e.name_en), attrs=attrs))
    return out


class TriggerLexicon:
    """The trigger entries and a matcher over all their expanded forms."""

    def __init__(self, entries: Sequence[LexiconEntry]):
        self.entries: dict[str, TriggerEntry] = {}
        self.matcher = Matcher()
        # whole words (proclitics included) that are another word, not this trigger: وزارة is
        # و + زارة "visited her" only in theory
        self.excluded_words: dict[str, frozenset[str]] = {}
        self.lam_keys: set[str] = set()  # لل + a noun form (للاحتجاج: ل + الاحتجاج), see _takes_lam_article
        for e in entries:
            readings = [TriggerEntry.from_lexicon(r) for r in _readings(e)]
            for entry in readings:
                self.entries[entry.id] = entry
            # expansions that are far more often another word (فجر "dawn", أجل in من أجل, تعرض ل)
            excluded = {normalize(x) for x in e.attrs.get("exclude_forms") or ()}
            if e.attrs.get("exclude_words"):
                self.excluded_words[entry.id] = frozenset(normalize(x) for x in e.attrs["exclude_words"])
            # "التي تسيطر عليها المعارضة" describes who holds a place; it reports no event
            pronouns = bool(e.attrs.get("pronoun_objects", True))
            for form in e.forms:
                for surface, pos in expand_form(form, pronouns):
                    if surface not in excluded:
                        for entry in readings:
                            self.matcher.add(surface, FormPayload(entry, pos, form))
                            if entry.type in LAM_ARTICLE_TYPES and _takes_lam_article(surface, pos):
                                self.lam_keys.add(_LAM_ARTICLE + surface)
                                self.matcher.add(_LAM_ARTICLE + surface, FormPayload(entry, pos, form))
        self.matcher.build()

    def find(self, text: str, offset_text: Optional[str] = None) -> list[TriggerHit]:
        """Triggers in ``text`` (original), with original offsets; also those glued to the word
        before them (Al Mayadeen's link text: ``العراقاستهداف``)."""
        hits = self._find(text)
        points = glue_points(text)
        if not points:
            return hits
        spaced, back = _insert_spaces(text, points)
        starts = {p + k + 1 for k, p in enumerate(points)}  # where a glued word starts in ``spaced``
        for h in self._find(spaced):
            if h.start not in starts:
                continue
            s, e = back(h.start), back(h.end)
            if not any(o.start < e and s < o.end for o in hits):
                hits.append(TriggerHit(s, e, text[s:e], h.prefix, h.candidates, glued=True))
        hits.sort(key=lambda h: h.start)
        return hits

    def _find(self, text: str) -> list[TriggerHit]:
        view = _single_spaced(_unquoted(text_view(text)))
        hits = []
        excluded = self.excluded_words
        for m in self.matcher.find(view.text):
            payloads = list(m.payloads)
            start, prefix = m.start, m.prefix
            if m.form in self.lam_keys:  # للاحتجاج: ل + الاحتجاج, the article's alef dropped
                start, prefix = start + len(_LAM_ARTICLE), prefix + "لال"
            if excluded:
                word = m.prefix + m.form
                payloads = [p for p in payloads if word not in excluded.get(p.entry.id, ())]
            if "ال" in prefix:  # a participle with the article is a noun (المتهمين "the accused")
                payloads = [p for p in payloads if not p.form.startswith("+")]
            if not payloads:
                continue
            s, e = view.span_to_original(start, m.end)
            if _ends_in_ta_marbuta(text[s:e]):
                payloads = [p for p in payloads if _ta_marbuta_form(p.form, m.form)]
                if not payloads:
                    continue
            ordered = _order(payloads, prefix)
            if len(ordered) > 1 and any(p.entry.needs_word for p in ordered):
                ordered = _complement_first(ordered, view.text, m.end)
            hits.append(TriggerHit(s, e, text[s:e], prefix, ordered))
        return hits


_LAM_ARTICLE = "لل"
# The types whose nouns are also keyed after لل. Only protest words: elsewhere لل + a verbal noun is
# mostly an aim or a complement (خرج للقتال، مستعدة للتعاون، خرقا للاتفاقيات; all types, and ASSAULT
# after تعرض, read on corpus-dev: 6 of 10 right), a protest one is the act (خرجوا للاحتجاج على القرار).
LAM_ARTICLE_TYPES = frozenset({"PROTEST"})


def _takes_lam_article(surface: str, pos: str) -> bool:
    """A noun form that ل + ال may stand before, written لل (للاحتجاج، للهجوم): the matcher's
    proclitics hold ال only apart from ل (بال، وال), so the form is also keyed with لل."""
    return pos == NOUN and not surface.startswith(("ال", "ل")) and len(surface.split(" ")[0]) > 2


_DOUBLE_SPACE = re.compile(r"(?<= ) +")
# A quotation mark that opens a quote after a word: ووعدت "برد مناسب"، تقديم "مساعدات غير فتاكة": a
# phrase form reads into the quote. Not one that closes it (جماعة "النصرة" على is no نصرة على).
_QUOTE_AT_SPACE = re.compile(r'(?<= )["\u201c\u201d]+(?=\w)')


def _unquoted(view):
    """The view without the quotation marks that open a quote inside a line."""
    if '"' not in view.text and "\u201c" not in view.text and "\u201d" not in view.text:
        return view
    return _without(view, _QUOTE_AT_SPACE)


def _single_spaced(view):
    """The view with each run of spaces inside a line read as one (a no-break space beside a space,
    قضت\u00a0 على, normalizes to two): every phrase form is written with single spaces."""
    if "  " not in view.text:
        return view
    return _without(view, _DOUBLE_SPACE)


def _without(view, pattern: re.Pattern):
    """The view without the characters ``pattern`` matches (the view itself when none): the kept
    stretches between them sliced whole, text and map alike, not character by character."""
    text: list[str] = []
    to_original: list[int] = []
    kept = 0
    for m in pattern.finditer(view.text):
        text.append(view.text[kept:m.start()])
        to_original.extend(view.to_original[kept:m.start()])
        kept = m.end()
    if not kept:
        return view
    text.append(view.text[kept:])
    to_original.extend(view.to_original[kept:])
    return dataclasses.replace(view, text="".join(text), to_original=to_original)


_HARAKAT = "".join(chr(c) for c in range(0x064B, 0x0653)) + "\u0670\u0640"


def _ends_in_ta_marbuta(surface: str) -> bool:
    return surface.rstrip(_HARAKAT).endswith("ة")


def _ta_marbuta_form(form: str, matched: str) -> bool:
    """Normalization writes ة as ه, so وعودة ("and return") reads as وعوده ("his promises"). A word
    written with ة ends in a feminine noun, never in a pronoun: only a lexicon word that itself
    ends in ة (مقاطعة، تظاهرة) may match it."""
    last = form.split()[-1] if form.split() else form
    for alternative in last.strip("{}=+").split("|"):
        word = normalize(alternative.split("/")[0].strip("{}=+"))
        if word.endswith("ه") and matched.endswith(word):
            return True
    return False


GLUE_MIN_LETTERS = 7  # shorter unknown words are more often rare words than two glued ones
_LONG_WORD = re.compile(r"[\u0621-\u064a]{%d,}" % GLUE_MIN_LETTERS)  # in the normalized text
GLUE_PART_MIN_COUNT = 8  # both halves must be words the vocabulary has seen several times
GLUE_MAX_PARTS = 3  # مراسلةالميادينانسحاب
GLUE_SHORT_WORDS = frozenset(normalize(w) for w in ("عن", "في", "من", "أن", "إن"))
GLUE_LEADING_ONLY = frozenset({normalize("أن")})
GLUE_NOT_PARTS = frozenset(normalize(w) for w in (
    "لها", "لهم", "لهما", "بها", "بهم", "منها", "منهم", "عنها", "عنهم", "فيها", "فيهم", "عليها", "عليهم",
    "ها", "هم", "هما", "كم", "نا"))
GLUE_RATIO = 20  # a glued pair the corpus holds a few times is far rarer than either word


def _parts(word: str, split) -> list[str]:
    bounds = [0, *split, len(word)]
    return [word[a:b] for a, b in zip(bounds, bounds[1:])]


def _split_glued(word: str, vocab: dict[str, int], parts: int = GLUE_MAX_PARTS) -> Optional[tuple[int, ...]]:
    """Split points of a normalized word made of common words run together, fewest parts first
    (then the split whose rarest part is the most common), or None."""
    for n in range(2, parts + 1):
        best, best_score = None, 0
        for split, score in _splits(word, vocab, n):
            if score > best_score:
                best, best_score = split, score
        if best is not None:
            return best
    return None


def _part_count(part: str, vocab: dict[str, int], final: bool = False) -> int:
    """How common ``part`` is as a word of its own; 0 for pieces that are suffixes or clitics
    more often than words (ال، هم، ان، لها: قياداتهم، تجاهلها are one word each). A short function
    word (عن، في، أن) only leads a glued word: at its end ان is the dual (أميركيان)."""
    count = vocab.get(part, 0)
    if count < GLUE_PART_MIN_COUNT:
        return 0
    short_ok = part in GLUE_SHORT_WORDS and not (final and part in GLUE_LEADING_ONLY)
    if (len(part) < 3 and not short_ok) or part in GLUE_NOT_PARTS:
        return 0
    return count


def _splits(word: str, vocab: dict[str, int], n: int):
    """(split points, count of the rarest part) of ``word`` into ``n`` common words."""
    if n == 1:
        count = _part_count(word, vocab, final=True)
        if count >= GLUE_PART_MIN_COUNT:
            yield (), count
        return
    for i in range(2, len(word) - 1):
        left = _part_count(word[:i], vocab)
        if left < GLUE_PART_MIN_COUNT:
            continue
        for rest, score in _splits(word[i:], vocab, n - 1):
            yield (i,) + tuple(i + r for r in rest), min(left, score)


def glue_points(text: str) -> list[int]:
    """Original offsets where a space is missing between two words (``مراسلةالميادينانسحاب``):
    a long word the vocabulary does not know that splits into words it knows well."""
    from ..segment import default_vocabulary
    vocab = default_vocabulary()
    view = text_view(text)
    out = []
    for m in _LONG_WORD.finditer(view.text):
        norm = m.group()
        if vocab.get(norm, 0) >= GLUE_PART_MIN_COUNT:
            continue
        split = _glue_split(norm)
        if not split:
            continue
        points = [view.to_original[m.start() + k] for k in split]
        if all(text[q] not in "ةى" for q in points):  # no word starts with ة or ى
            out += points
    return out


@lru_cache(maxsize=65536)
def _glue_split(norm: str) -> tuple[int, ...]:
    """Split points of a word the vocabulary does not know well, () when it is one word."""
    from ..segment import default_vocabulary
    vocab = default_vocabulary()
    split = _split_glued(norm, vocab)
    # a glued pair seen a few times in the corpus is still far rarer than its words
    if not split or vocab.get(norm, 0) * GLUE_RATIO >= min(vocab.get(x, 0) for x in _parts(norm, split)) \
            or _inflected(norm):
        return ()
    return split


def _inflected(norm: str) -> bool:
    """A known stem with clitics (اعتداءاتهم، تجاهلها): one word, not two glued ones."""
    from ..segment import default_analyzer
    analyzer = default_analyzer()
    pro, stem, enc = analyzer.analyze(norm)
    if (pro or enc) and analyzer._attestation(stem) >= GLUE_PART_MIN_COUNT // 4:
        return True
    for e in ("هما", "هم", "ها", "ه", "كم", "نا"):
        if norm.endswith("ات" + e):  # تعبيراتهم: a plural with its pronoun
            return True
        if norm.endswith("ت" + e) and analyzer._attestation(norm[:-len(e) - 1] + "ه") >= 2:
            return True  # مسؤوليتهم: the ة of مسؤولية is written ت
    return False


def _insert_spaces(text: str, points: list[int]):
    """``text`` with a space before each point, and a map from its offsets back to ``text``'s."""
    pieces, prev = [], 0
    for p in points:
        pieces += [text[prev:p], " "]
        prev = p
    pieces.append(text[prev:])
    shifted = [p + k + 1 for k, p in enumerate(points)]  # offsets of the glued words in the new text

    def back(offset: int) -> int:
        return offset - bisect.bisect_right(shifted, offset)
    return "".join(pieces), back


_SENTENCE_END = re.compile(r"[.!?؟:;؛\n]")


def without_conjunction(word: str) -> str:
    """A normalized word without a leading و/ف, when over 3 letters (ولد، فرض keep theirs)."""
    return word[1:] if word[:1] in ("و", "ف") and len(word) > 3 else word


def following_words(norm_text: str, end: int, n: int) -> list[str]:
    """Up to ``n`` words of the normalized text after offset ``end``, within its sentence, each
    without a leading و/ف (of a word over 3 letters) and ال: the words a complement may be."""
    rest = norm_text[end:end + 40 * n]
    stop = _SENTENCE_END.search(rest)
    words = []
    for w in (rest[:stop.start()] if stop else rest).split()[:n]:
        w = without_conjunction(w.strip("،,\"'«»()"))
        words.append(w[2:] if w.startswith("ال") and len(w) > 4 else w)
    return words


def _complement_first(payloads: list[FormPayload], norm_text: str, end: int) -> list[FormPayload]:
    """When one surface is several entries' trigger and some need a complement (أعرب ... عن قلقه،
    أعرب ... عن أمله), the entry whose complement follows comes first, then those that need none,
    then the others: the coder codes only the first reading."""
    def rank(p: FormPayload) -> int:
        e = p.entry
        if not e.needs_word:
            return 1
        words = following_words(norm_text, end, e.needs_word_window)
        return 0 if any(w in e.needs_word or ("ال" + w) in e.needs_word for w in words) else 2
    return sorted(payloads, key=rank)


def _order(payloads: list[FormPayload], prefix: str) -> list[FormPayload]:
    """Prefer the noun reading after ال or a preposition, the verb reading otherwise."""
    nominal = "ال" in prefix or any(p in prefix for p in "بلك")
    return sorted(payloads, key=lambda p: (0 if (p.pos == NOUN) == nominal else 1))


@lru_cache(maxsize=4)
def _cached_lexicon(extra: tuple[str, ...]) -> TriggerLexicon:
    return TriggerLexicon(load_lexicon("triggers", extra_dirs=[Path(p) for p in extra]))


def trigger_lexicon(extra_dirs: Sequence[Path] = ()) -> TriggerLexicon:
    return _cached_lexicon(tuple(str(p) for p in extra_dirs))


__all__ = ["TriggerLexicon", "TriggerEntry", "TriggerHit", "FormPayload", "expand_form", "conjugate",
           "inflect_noun", "trigger_lexicon", "normalize_form", "PLOVER_TYPES", "IRREALIS_TYPES",
           "VERB_POS", "NOUN"]
