"""The one data model that flows through rasd: Article -> Sentence/Token -> Mention -> Event.

Every span (start, end) is a half-open character range into ``Article.text`` (the clean body),
unless ``field`` says ``"title"``. Stages add to an Article; none reaches back into an earlier one.
"""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Optional


def content_id(*parts: Optional[str]) -> str:
    """Stable id from content: the same title and body always give the same id."""
    h = hashlib.sha256()
    for part in parts:
        h.update((part or "").encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()[:16]


@dataclass
class RemovedLine:
    """A line the cleaner dropped, kept so a user can audit it."""
    text: str
    reason: str
    line_no: int  # 1-based line number in the raw input text


@dataclass(slots=True)
class Span:
    start: int
    end: int
    text: str
    field: str = "text"  # "text" (body) or "title"


@dataclass(slots=True)
class Token:
    start: int
    end: int
    text: str
    norm: str  # matching form (see normalize.normalize)
    stem: str  # norm with recognised clitics removed
    proclitics: tuple[str, ...] = ()
    enclitics: tuple[str, ...] = ()


@dataclass
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int  # 0-based paragraph index in the body
    tokens: list[Token] = field(default_factory=list)


@dataclass
class Mention:
    """Something recognised in the text: an actor, person, place, date, duration, number..."""
    kind: str  # actor | person | place | date | duration | number | casualty | org | misc
    start: int
    end: int
    text: str
    entity_id: Optional[str] = None  # lexicon entry id, e.g. "actor.sdf", "place.SY0800..."
    name_en: Optional[str] = None
    name_ar: Optional[str] = None
    country: Optional[str] = None  # ISO3
    sector: Optional[str] = None  # PLOVER sector
    acled_type: Optional[int] = None  # ACLED actor type (inter code)
    lat: Optional[float] = None
    lon: Optional[float] = None
    admin1: Optional[str] = None
    pcode: Optional[str] = None
    precision: Optional[int] = None  # ACLED geo or time precision
    value: Optional[str] = None  # ISO date, number, duration in hours ... as text
    unit: Optional[str] = None  # for durations/date precision: day|week|month|year|hour
    source: str = "lexicon"  # lexicon | rule | ner
    rule: Optional[str] = None  # id of the rule or pattern that produced it
    qualifier: Optional[str] = None  # numbers: about | at_least | more_than | less_than | vague | combined
    sentence: Optional[int] = None  # index into Article.sentences
    field: str = "text"
    actor_id: Optional[str] = None  # person: the actor the person acts for (lexicon id)
    role: Optional[str] = None  # person: the title or role words before the name


@dataclass
class Participant:
    text: str
    name_en: Optional[str] = None
    id: Optional[str] = None
    country: Optional[str] = None
    sector: Optional[str] = None
    acled_type: Optional[int] = None
    start: Optional[int] = None
    end: Optional[int] = None


@dataclass
class Location:
    text: str
    name_ar: Optional[str] = None
    name_en: Optional[str] = None
    lat: Optional[float] = None
    lon: Optional[float] = None
    admin1: Optional[str] = None
    pcode: Optional[str] = None
    precision: Optional[int] = None  # ACLED geo_precision 1..3


@dataclass
class EventDate:
    value: str  # YYYY-MM-DD
    precision: str  # day | week | month | year
    text: Optional[str] = None


@dataclass
class Provenance:
    rules: list[str] = field(default_factory=list)
    lexicon_entries: list[str] = field(default_factory=list)
    code_version: str = ""
    lexicon_version: str = ""
    sentences: list[int] = field(default_factory=list)


@dataclass
class Event:
    id: str
    type: str  # PLOVER event type
    mode: Optional[str]
    status: str  # asserted | future | hypothetical | negated | denied
    trigger: Span
    mentions: list[Span]
    actor: list[Participant] = field(default_factory=list)
    recipient: list[Participant] = field(default_factory=list)
    location: Optional[Location] = None
    date: Optional[EventDate] = None
    fatalities: Optional[int] = None
    injuries: Optional[int] = None
    attributed_to: Optional[str] = None
    # None when the sentence reports the event; else the frame it is only named in
    # (investigation, condemnation, accusation, legal, aftermath, relative, circumstance): rasd.events.reference
    reference: Optional[str] = None
    acled: dict[str, Any] = field(default_factory=dict)  # ACLED crosswalk columns, flat
    quad_code: Optional[int] = None
    event_scale: Optional[str] = None
    note_en: str = ""
    provenance: Provenance = field(default_factory=Provenance)


@dataclass
class Article:
    id: str  # content hash of title + body
    text: str  # clean body text; all offsets point into it
    title: Optional[str] = None
    source: Optional[str] = None  # path or URL it came from
    external_id: Optional[str] = None  # the input's own id (JSONL "id")
    outlet: Optional[str] = None
    correspondent: Optional[str] = None
    published: Optional[str] = None  # ISO date YYYY-MM-DD
    category: Optional[str] = None
    exclusive: bool = False
    language: Optional[str] = None
    removed: list[RemovedLine] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    def to_dict(self, tokens: bool = False) -> dict[str, Any]:
        """``dataclasses.asdict`` of the article (the sentences without their tokens unless asked):
        the same dict, built without asdict's deep copy of every scalar and without converting the
        tokens only to drop them (asdict took longer than the whole pipeline)."""
        if tokens:
            return asdict(self)
        d = {}
        for name in _field_names(Article):
            value = getattr(self, name)
            if name == "sentences":
                d[name] = [_sentence_dict(s) for s in value]
            else:
                d[name] = _plain(value)
        return d


def _sentence_dict(s: "Sentence") -> dict[str, Any]:
    """asdict(s) without its tokens (the tokens are not converted at all)."""
    return {k: _plain(getattr(s, k)) for k in _field_names(type(s)) if k != "tokens"}


_SCALARS = frozenset({str, int, float, bool, type(None)})
_FIELD_NAMES: dict[type, Optional[tuple[str, ...]]] = {}  # None: not a dataclass


def _field_names(cls: type) -> Optional[tuple[str, ...]]:
    try:
        return _FIELD_NAMES[cls]
    except KeyError:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in fields(cls)) if hasattr(cls, "__dataclass_fields__") else None
        return names


def _plain(obj: Any) -> Any:
    """What ``dataclasses.asdict`` makes of a value: dataclasses as dicts of their fields, lists,
    tuples and dicts rebuilt, anything else deep-copied -- but the immutable scalars, which
    deepcopy returns as they are, taken as they are."""
    cls = type(obj)
    if cls in _SCALARS:
        return obj
    names = _field_names(cls)
    if names is not None:
        d = {}
        for name in names:
            value = getattr(obj, name)
            d[name] = value if type(value) in _SCALARS else _plain(value)
        return d
    if cls is list:
        return [v if type(v) in _SCALARS else _plain(v) for v in obj]
    if cls is tuple:
        return tuple(v if type(v) in _SCALARS else _plain(v) for v in obj)
    if cls is dict:
        return {_plain(k): _plain(v) for k, v in obj.items()}
    return asdict(_Box(obj))["value"]  # anything rarer (namedtuples, defaultdicts ...): asdict itself


@dataclass
class _Box:
    value: Any


@dataclass
class RawDocument:
    """What a reader yields before cleaning: text plus whatever metadata the source gave."""
    source: str
    text: str
    title: Optional[str] = None
    external_id: Optional[str] = None
    outlet: Optional[str] = None
    published: Optional[str] = None
    author: Optional[str] = None
    url: Optional[str] = None
    category: Optional[str] = None
    is_html_extract: bool = False  # text already extracted from HTML (no scrape debris cleaning needed)
    removed: list[RemovedLine] = field(default_factory=list)


@dataclass
class DocumentError:
    """A document that could not be processed: reported, counted, skipped."""
    source: str
    reason: str
    detail: str = ""
