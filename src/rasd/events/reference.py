"""Does a sentence report its event, or only refer to it inside another statement?

News sentences name far more attacks than they report. Beside the sentence that tells an attack
(قتل 18 شخصا في انفجار سيارة مفخخة في بغداد امس) stand sentences about something else that
mention an attack on the way: the investigation into it (التحقيق في اغتيال الحريري), its
condemnation (أدان مجلس الأمن الهجوم), a charge or a claim of responsibility (اتهمه بخطف،
تبنت الحركة الهجوم), a trial or a confession, what followed it (التوتر منذ مقتل الجنود، عودة الهدوء
بعد المواجهات), or a relative clause describing a person or a place by it (المدينة حيث قتلت
بوتو). ANNOTATION.md codes those events too (a retold event is still an event, with its own
status), so the coder keeps them; this module only says which they are.

``reference_frame`` gives the kind of frame that governs the trigger, or None when the sentence
reports the event itself. The rules read only the trigger's own clause:

- a frame word (``investigation``, ``condemnation``, ``accusation`` or claim, ``legal``) at most
  ``WINDOW`` tokens before the trigger, with no clause break between;
- for a verbal noun only (``aftermath``), a word of time or cause at most ``WINDOW`` tokens
  before it: منذ، ذكرى، على خلفية، في أعقاب، تداعيات always; بعد، قبل، إثر، عقب، بسبب، جراء،
  نتيجة only when the sentence tells no event before it (تعكرت الأجواء بعد مقتل مرشح is background,
  انسحبت بعد اعتقال ثلاثة شبان is the narrative going on);
- for a verb only (``circumstance``), a temporal conjunction just before it: عندما، حين (not في حين,
  "whereas")، حينما، منذ أن always; بعد أن، بعدما، قبل أن only when no event is told before it;
- for a verb only (``relative``), a relative pronoun or حيث at most two tokens before it, the verb then
  describing the antecedent (الذين قتلوا، حيث اغتيلت); not in a cleft, where a pronoun stands
  before the relative and the clause is the predicate (هي التي ارتكبت المجازر, it was they who
  committed), nor حيث after a comma, which carries the narrative on (بدأت التجمعات، حيث تجمهر
  الناس: and there people gathered).

``rasd eval gsr`` counts a sentence as reporting an event of a type only when an event of that
type is asserted and not a reference (docs/evaluation.md).
"""
from __future__ import annotations

import bisect
from typing import Optional, Sequence

from ..model import Article, Event, Sentence
from ..normalize import normalize
from .cues import token_range

WINDOW = 3  # tokens between a frame word and the trigger it governs (not counting transparent ones)
MAX_REACH = 12  # tokens a frame word reaches back at most, transparent ones included
RELATIVE_WINDOW = 2

# Frame words, in matching form (normalize: أ إ آ -> ا, ة -> ه, ى -> ي), compared with a token's
# stem (clitics removed) or its whole form. Verbs in their common persons; nouns with and without ال.
_FRAMES: dict[str, tuple[str, ...]] = {
    "investigation": ("تحقيق", "تحقيقات", "التحقيق", "التحقيقات", "يحقق", "تحقق", "حقق", "يحققون",
                      "تقصي", "استجواب"),
    "condemnation": ("ادان", "ادانت", "يدين", "تدين", "ادانوا", "ادانه", "ادانته", "ادانتها", "استنكر",
                     "استنكرت", "يستنكر", "تستنكر", "استنكار", "شجب", "شجبت", "يشجب", "تشجب", "ندد",
                     "نددت", "يندد", "تندد", "تنديد", "التنديد"),
    "accusation": ("اتهم", "اتهمت", "يتهم", "تتهم", "اتهموا", "اتهام", "اتهامات", "الاتهام", "الاتهامات",
                   "متهم", "متهمه", "متهمين", "متهمون", "المتهم", "المتهمين", "المتهمون", "تورط", "تورطه",
                   "ضلوع", "ضلوعه", "مسؤوليه", "المسؤوليه", "مسؤوليته", "مسؤوليتها", "مسؤوليتهم",
                   "تبني", "تبنت", "يتبني", "تبنوا", "لوم", "اللوم", "زعم", "زعمت", "مزاعم",
                   # involved in, suspected of, linked to, masterminding (المتورطين في تدمير مساكن،
                   # على علاقة بخطف ثلاثة جنود، العقل المدبر للاعتداءات، تدبير اغتيال)
                   "متورط", "المتورط", "متورطون", "المتورطون", "متورطين", "المتورطين", "متورطه",
                   "يشتبه", "المشتبه", "مشتبه", "علاقه", "علاقته", "علاقتهم", "صله", "صلته", "صلتهم",
                   "تدبير", "مدبر", "المدبر", "مدبري", "وراء"),  # وراء: يقف وراء الهجوم، الأكراد وراء الهجوم
    "legal": ("محاكمه", "المحاكمه", "محكمه", "المحكمه", "قضيه", "القضيه", "اعترف", "اعترفت", "اعترفوا",
              "اعتراف", "اعترافات", "اعترافه", "دعوي", "ادين", "ادينوا", "مدان", "المدانين", "ملفات", "الملفات"),
    # a comment on an attack, or the attack as the topic of talk (يعلق على مقتل، معلقة على مقتل بوتو،
    # تتطرق لموضوع ضرب العمق السوري)
    # (not علق/تعليق alone: also 'suspend', تعليق مشاركاتها)
    "comment": ("تعليقا", "معلقا", "معلقه", "موضوع", "مساله"),
}
# Temporal or causal prepositions: a verbal noun governed by one is a starting point or a cause.
_AFTERMATH = ("منذ", "ذكري", "الذكري", "خلفيه", "اعقاب", "تداعيات", "غداه", "عشيه",  # غداة، عشية: the day after, the eve of
              "ردا", "انتقاما", "ثارا")  # the attack answered (ردا على استهداف نقاطها، انتقاما لغارة): a cause told elsewhere
# Prepositions of sequence or cause: in a narrative (an event told before it in the sentence:
# انسحبت بعد اعتقال ثلاثة شبان، قتل ثلاثة جراء القصف) they carry the report on; after a sentence that
# tells no event of its own (ارتفعت أسعار النفط بعد قصف جوي، تعكرت الأجواء بعد مقتل مرشح) they name
# the background.
_SEQUENCE = ("بعد", "قبل", "اثر", "عقب", "بسبب", "جراء", "نتيجه")
# Subordinators of time before a verb: the verb tells the circumstance of the main clause.
_WHEN = ("عندما", "وعندما", "حين", "وحين", "حينما", "وحينما")  # whole tokens: في حينه is "at the time"
_WHEN_PAIRS = (("منذ", "ان"),)
_SEQUENCE_WHEN = ("بعدما", "وبعدما")
_SEQUENCE_PAIRS = (("بعد", "ان"), ("قبل", "ان"))
_RELATIVES = ("الذي", "التي", "الذين", "اللذين", "اللتين", "اللذان", "اللتان", "اللواتي", "اللاتي",
              "حيث")
_PRONOUNS = frozenset({"هو", "هي", "هم", "هما", "هن"})
_CLAUSE_BREAKS = frozenset({"،", ",", "؛", ";", ":", ".", "!", "؟", "?"})

# nouns of acts that carry a listed act (ارتكاب أعمال قتل، حالات اغتصاب وتعذيب)
_ACT_NOUNS = ("ارتكاب", "اعمال", "عمليات", "عمليه", "قيام", "جرائم", "جريمه", "حالات", "حوادث", "وقوع", "حملات", "حمله", "ممارسات")
# acts that stand coordinated in a list of charges (اغتصاب ونهب وقتل)
_LISTED_ACTS = ("قتل", "نهب", "اغتصاب", "تعذيب", "خطف", "اختطاف", "اضطهاد", "تهجير", "تدمير", "سلب", "حرق",
                "اعتقال", "احتجاز", "ترويع", "تشريد", "ابتزاز", "تفجير", "تفجيرات", "اغتيال", "اغتيالات",
                "عنف", "ارهاب", "تخريب", "تطهير", "ابادة", "هجمات", "اعتداءات")

# the frame words that reach across names, dates and lists to their object: verbs and nouns of
# condemning and charging (أدان مجلس الأمن الدولي هجوم قوات المعارضة، اتهم نائب الوزير جماعة ... بمحاولة
# اغتيال); the others only within WINDOW plain tokens
_REACHING = ("ادان", "ادانت", "يدين", "تدين", "ادانوا", "استنكر", "استنكرت", "يستنكر", "تستنكر", "شجب", "شجبت",
             "يشجب", "تشجب", "ندد", "نددت", "يندد", "تندد", "اتهم", "اتهمت", "يتهم", "تتهم", "اتهموا", "اتهام",
             "اتهامات", "الاتهام", "الاتهامات", "متهم", "متهمه", "متهمين", "متهمون", "المتهم", "المتهمين",
             "المتهمون")
# nouns among them: a name after a noun is its genitive or a new clause's subject (وهي اتهامات تشدد
# الدوحة على نفيها), so they reach across lists only
_REACHING_NOUNS = ("اتهام", "اتهامات", "الاتهام", "الاتهامات", "متهم", "متهمه", "متهمين", "متهمون", "المتهم",
                   "المتهمين", "المتهمون")
_CONDEMN_VERB_SET = frozenset(normalize(w) for w in (
    "أدان", "أدانت", "يدين", "تدين", "أدانوا", "وأدان", "وأدانت", "استنكر", "استنكرت", "يستنكر", "تستنكر",
    "واستنكر", "واستنكرت", "شجب", "شجبت", "يشجب", "تشجب", "وشجب", "وشجبت", "ندد", "نددت", "يندد", "تندد",
    "ونددت", "وندد"))
_CHARGE_VERB_SET = frozenset(normalize(w) for w in ("اتهم", "اتهمت", "يتهم", "تتهم", "اتهموا", "واتهم", "واتهمت",
                                                    "ويتهم", "وتتهم"))
_COMPLEMENTIZERS = frozenset(normalize(w) for w in ("أن", "إن", "بأن", "أنه", "أنها", "إنه", "إنها", "بأنه", "بأنها"))

_FRAME_OF: dict[str, str] = {normalize(w): kind for kind, words in _FRAMES.items() for w in words}
_AFTERMATH_SET = frozenset(normalize(w) for w in _AFTERMATH)
_REACHING_SET = frozenset(normalize(w) for w in _REACHING)
_REACHING_NOUN_SET = frozenset(normalize(w) for w in _REACHING_NOUNS)
_ACT_NOUN_SET = frozenset(normalize(w) for w in _ACT_NOUNS)
_LISTED_ACT_SET = frozenset(normalize(w) for w in _LISTED_ACTS)
_RELATIVE_SET = frozenset(normalize(w) for w in _RELATIVES)
_WHEN_SET = frozenset(normalize(w) for w in _WHEN)
_WHEN_PAIR_SET = frozenset((normalize(a), normalize(b)) for a, b in _WHEN_PAIRS)
_SEQUENCE_SET = frozenset(normalize(w) for w in _SEQUENCE)
_SEQUENCE_WHEN_SET = frozenset(normalize(w) for w in _SEQUENCE_WHEN)
_SEQUENCE_PAIR_SET = frozenset((normalize(a), normalize(b)) for a, b in _SEQUENCE_PAIRS)


def _list_word(t) -> bool:
    """A word a frame reaches across: a noun of acts (ارتكاب، أعمال، جرائم، حالات، حوادث، وقوع) or a
    coordinated act of a list (ونهب، وتعذيب) — اتهامات بوقوع حوادث اضطهاد وتعذيب واغتصاب وقتل."""
    return t.stem in _ACT_NOUN_SET or t.norm in _ACT_NOUN_SET or (
        t.proclitics[:1] == ("و",) and _without_tanween(t.stem) in _LISTED_ACT_SET)


def _without_tanween(word: str) -> str:
    """تحقيقا -> تحقيق: the accusative alif of an indefinite noun."""
    return word[:-1] if len(word) > 3 and word.endswith("ا") else word


def reference_frame(sentence: Sentence, first: int, nominal: bool, narrative: bool = False,
                    transparent: frozenset[int] = frozenset(), others: frozenset[int] = frozenset()) -> Optional[str]:
    """The frame governing the trigger that starts at token ``first``, or None (a report).

    ``nominal``: the trigger is a verbal noun (not a verb, and no light verb carries it).
    ``narrative``: another event is told before it in the sentence, so a preposition or conjunction
    of sequence (بعد، قبل، إثر، بعد أن) continues the report instead of naming its background.
    ``transparent``: tokens that do not count against the window of a frame word (``WINDOW``): the
    names and dates between a verb and its object (أدان الحزب الديمقراطي التقدمي التونسي أمس عملية
    خطف), and, for any frame, the other acts of a list and the nouns of acts that carry it (المتهمة
    بارتكاب أعمال اغتصاب ونهب وقتل).
    ``others``: token indexes of the other events' triggers in the sentence. Beyond the window a verb of
    condemning still governs the first verbal noun after it, and a verb of charging the verbal noun it
    charges with ب, across a subject the recognizers did not name (اتهم نائب وزير الدفاع الصومالي صلاد علي جيلي جماعة
    مرتبطة بتنظيم القاعدة بمحاولة اغتيال), up to ``MAX_REACH`` tokens and with no other event between."""
    toks = sentence.tokens
    counted = 0
    named = False  # a name or date skipped: only a verb's subject stands there, not a noun's
    for k in range(first - 1, max(-1, first - 1 - MAX_REACH), -1):
        t = toks[k]
        near = first - k <= WINDOW  # within the plain window, nothing skipped
        if t.norm in _CLAUSE_BREAKS or (t.norm in _COMPLEMENTIZERS and not near):
            break  # beyond the window a complement clause (أكد مسؤولون أن القوات أطلقت) reports what it says
        if counted >= WINDOW:
            # past the window: only a verb of condemning or charging that governs this act
            # (a verbal noun only: a verb after it is the frame's own next predicate, يدين المحادثات ... ويدعو)
            noun_like = nominal or bool({"ب", "ال"} & set(toks[first].proclitics)) or (
                first > 0 and (toks[first - 1].stem in _ACT_NOUN_SET or toks[first - 1].norm in _ACT_NOUN_SET))
            if noun_like and (t.norm in _CONDEMN_VERB_SET or (t.norm in _CHARGE_VERB_SET and "ب" in toks[first].proclitics)):
                return _FRAME_OF.get(t.stem) or _FRAME_OF.get(t.norm)
            if k in others:
                break
            continue
        kind = _FRAME_OF.get(t.stem) or _FRAME_OF.get(t.norm) or _FRAME_OF.get(_without_tanween(t.stem))
        reaches = (t.stem in _REACHING_SET or t.norm in _REACHING_SET) and not (
            named and (t.stem in _REACHING_NOUN_SET or t.norm in _REACHING_NOUN_SET))
        if kind and (near or reaches) and not (
                t.stem == "وراء" and k > 0 and toks[k - 1].norm in ("من", "الهدف")):  # الهدف من وراء: the aim of
            return kind
        if near and nominal and (t.stem in _AFTERMATH_SET or t.norm in _AFTERMATH_SET or (
                not narrative and (t.stem in _SEQUENCE_SET or t.norm in _SEQUENCE_SET))):
            return "aftermath"
        if k in transparent:
            named = True
        elif not _list_word(t):
            counted += 1
    if not nominal:
        for k in range(first - 1, max(-1, first - 1 - RELATIVE_WINDOW), -1):
            t = toks[k]
            if t.norm in _CLAUSE_BREAKS:
                break
            if t.norm in _RELATIVE_SET or t.stem in _RELATIVE_SET:
                before = toks[k - 1].norm if k > 0 else ""
                if before in _PRONOUNS or (t.stem == "حيث" and before in _CLAUSE_BREAKS):
                    return None
                return "relative"
            pair = (toks[k - 1].stem, t.norm) if k > 0 else None
            if (t.norm in _WHEN_SET and not (k > 0 and toks[k - 1].norm == "في")) or pair in _WHEN_PAIR_SET or (
                    not narrative and (t.norm in _SEQUENCE_WHEN_SET or pair in _SEQUENCE_PAIR_SET)):
                return "circumstance"
    return None


def is_nominal(event: Event) -> bool:
    """The trigger is a verbal noun on its own (the coder's provenance says trigger.noun, no light verb)."""
    rules = event.provenance.rules
    return bool(rules) and rules[0] == "trigger.noun" and "trigger.light_verb" not in rules


def event_reference(article: Article, event: Event, events: Optional[Sequence[Event]] = None,
                    named: Optional["_NamedTokens"] = None) -> Optional[str]:
    """``reference_frame`` for a coded event of ``article`` (None for a title trigger or no sentence).
    ``events``: the article's events, when they are not yet in ``article.events``; ``named``: the
    article's name tokens, when the caller asks for several events of it (``mark_references``)."""
    trig = event.trigger
    if trig.field != "text":
        return None
    for sent in article.sentences:
        if sent.start <= trig.start < sent.end:
            first, _last = token_range(sent, trig.start, trig.end)
            if first is None:
                return None
            # an event told before it in the sentence: its trigger, or a mention of it (a merged
            # trigger, a clause) that ends before this one; not its evidence clause when that clause
            # holds this trigger too (وتوترت العلاقات منذ ... اثر مقتل 11 جنديا ... التي فتحت تحقيقا:
            # the investigation's clause is the whole sentence, and it is told after the killing)
            narrative = any(e is not event and (
                (e.trigger.field == "text" and sent.start <= e.trigger.start < trig.start)
                or any(m.field == "text" and sent.start <= m.start and m.end <= trig.start for m in e.mentions))
                for e in (article.events if events is None else events))
            if is_nominal(event) and _anaphoric(article, sent, first, trig.end):
                return "anaphora"
            others = frozenset(i for e in (article.events if events is None else events) if e is not event
                               and e.trigger.field == "text" and sent.start <= e.trigger.start < trig.start
                               for i in [token_range(sent, e.trigger.start, e.trigger.end)[0]] if i is not None)
            named_tokens = (named or _NamedTokens(article)).of(sent)
            return reference_frame(sent, first, is_nominal(event), narrative, named_tokens, others)
    return None


_NAME_KINDS = frozenset({"actor", "person", "org", "place", "date"})
_DEMONSTRATIVES = frozenset(normalize(w) for w in ("هذه", "هذا", "ذلك", "تلك", "هذين", "هاتين", "هاتان", "هذان",
                                                   "هؤلاء", "أولئك"))


def _anaphoric(article: Article, sent: Sentence, first: int, trig_end: int) -> bool:
    """A verbal noun right after a demonstrative (هذه المظاهرة هي جزء من مؤامرة، نقوم بهذا الاحتجاج، ذلك
    الاعتداء) takes up an event told before; unless the sentence gives it a toll after it (وهذا الهجوم الذي
    بدأ قبل شهرين أوقع أكثر من ألف قتيل: the sentence reports what the attack did)."""
    # a demonstrative adjective stands before a definite noun; before anything else ذلك is a pronoun
    # (سبق ذلك استهدافها، بما في ذلك اختطاف)
    # (وكذلك 'likewise' is no demonstrative: only و ف ب ل may stand before it)
    if first == 0 or sent.tokens[first - 1].norm.lstrip("وفبل") not in _DEMONSTRATIVES \
            or not sent.tokens[first].norm.startswith("ال"):
        return False
    return not any(m.field == "text" and m.kind == "casualty" and trig_end <= m.start < sent.end
                   for m in article.mentions)


class _NamedTokens:
    """Indexes of a sentence's tokens inside a name or date mention (a frame verb's subject or the
    time of the statement stands between it and its object), per sentence of one article. The
    article's name spans are bucketed by sentence once and each sentence's set made once: done per
    event, this scan of every mention against every token was a sixth of the coder's time."""

    def __init__(self, article: Article):
        self.mentions = article.mentions
        self.sentences = article.sentences
        self.starts = [s.start for s in self.sentences]
        self.spans: dict[int, list[tuple[int, int]]] = {}  # sentence index -> its name spans
        for m in article.mentions:
            if m.field == "text" and m.kind in _NAME_KINDS:
                i = bisect.bisect_right(self.starts, m.start) - 1
                if i >= 0 and m.start < self.sentences[i].end:
                    self.spans.setdefault(i, []).append((m.start, m.end))
        self.done: dict[int, frozenset[int]] = {}

    def of(self, sent: Sentence) -> frozenset[int]:
        i = bisect.bisect_right(self.starts, sent.start) - 1
        if i < 0 or self.sentences[i] is not sent:  # not found by its start: read the mentions directly
            return _named_tokens(sent, [(m.start, m.end) for m in self.mentions if m.field == "text"
                                        and m.kind in _NAME_KINDS and sent.start <= m.start < sent.end])
        if i not in self.done:
            self.done[i] = _named_tokens(sent, self.spans.get(i, ()))
        return self.done[i]


def _named_tokens(sent: Sentence, spans) -> frozenset[int]:
    """Tokens (by index) lying wholly inside one of ``spans``; the tokens are in text order."""
    if not spans:
        return frozenset()
    toks = sent.tokens
    starts = [t.start for t in toks]
    out = set()
    for a, b in spans:
        j = bisect.bisect_left(starts, a)
        while j < len(toks) and toks[j].start <= b:
            if toks[j].end <= b:
                out.add(j)
            j += 1
    return frozenset(out)


def mark_references(article: Article, events: Sequence[Event]) -> None:
    """Set each event's ``reference`` field (for the coder, once its events are merged)."""
    named = _NamedTokens(article)
    for e in events:
        e.reference = event_reference(article, e, events, named)


def reports_event_of_type(article: Article, event_type: str) -> bool:
    """The article (a gsr sentence) reports an event of ``event_type`` as having taken place: an event
    of that type is asserted and not only referred to (see docs/evaluation.md)."""
    return any(e.type == event_type and e.status == "asserted" and e.reference is None
               for e in article.events)
