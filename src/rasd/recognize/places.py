"""Places: gazetteer names, place-type cues and relative places, with coordinates and precision.

Data: ``data/lexicons/places/*.tsv`` (built by ``scripts/build_places.py`` from the gazetteer, plus
hand-maintained ``countries.tsv`` and ``curated.tsv``) and ``data/lexicons/place_cues/*.yaml``
(type words such as مدينة، قرية، ريف، معبر and directions such as شمال، الشمالي).

One Matcher pass finds names, cues and directions together; adjacent pieces join into a phrase:

    [direction] [cue ...] name [direction adjective]      شمال مدينة الرقة / ريف حلب الشمالي

A name whose form is an ordinary word (``needs_cue`` in the lexicon) counts only inside such a
phrase; a cue that announces a settlement (قرية، بلدة، حي ...) followed by an unlisted, rare word
gives a place without coordinates (``قرية الصبحة``). A name shared by several places is resolved
by the cue's preferred types, the article's unambiguous places (proximity and country), the type
and the population. Precision is ACLED's geo_precision: 1 a town or site, 2 near or part of a
town or district (relative phrases, countryside), 3 a governorate, region or country.
"""
from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import accumulate
from pathlib import Path
from typing import Optional, Sequence

from ..lexicon import load_lexicon, text_view, view_offsets
from ..lexicon.matcher import Match, Matcher
from ..model import Article, Mention
from ..normalize import Normalized, normalize
from ..segment import default_vocabulary
from ..settings import Settings
from .geo import haversine_km, within_km

# How much a place type counts when a bare name could be several places.
TYPE_WEIGHT = {
    "country": 10.0, "city": 6.0, "region": 6.0, "base": 6.0, "airport": 6.0, "crossing": 6.0,
    "camp": 6.0, "prison": 6.0, "oilfield": 6.0, "dam": 6.0, "sea": 6.0, "river": 5.0, "road": 5.0,
    "neighbourhood": 5.0, "governorate": 5.0, "town": 4.0, "district": 3.0, "subdistrict": 2.0,
    "village": 1.0,
}
POPULATED_TYPES = {"city", "town", "village"}
# Proximity to the article's other places decides between same-named sites, not admin units.
SITE_TYPES = POPULATED_TYPES | {"neighbourhood", "camp", "base", "airport", "crossing", "prison", "oilfield", "dam"}
TYPE_PRECISION = {"country": 3, "governorate": 3, "region": 3, "sea": 3, "river": 3,
                  "district": 2, "subdistrict": 2, "road": 2}
HOME_COUNTRY = "SYR"  # rasd's focus: a tie between countries goes to Syria
# Cues of a part of a town: what follows them is told near its town, not a far-away namesake town
LOCAL_CUE_TYPES = frozenset({"neighbourhood", "camp"})
NEAR_KM = 100.0  # a candidate this close to the article's other places is the one meant
SAME_PLACE_KM = 15.0  # candidates this close are the same place for scoring purposes
ANAPHOR_CHARS = 1500  # المدينة refers to a place told at most this far before it
LINE_TYPES = frozenset({"river"})  # a river's centroid is nowhere in particular: marked "line"
ACTOR_PLACE_RULES = frozenset({"actor:capital", "actor:place-metonym"})
CLITIC_PREFIXES = ("ب", "و", "ل", "ف", "ك", "وب", "فب", "ول", "فل")
NAME_KINDS = frozenset({"actor", "person", "org"})  # recognized before places
MAX_NAME_COUNT = 10  # an unlisted word after a cue is a name only if this rare in news text
NAME_PREFIX_WORDS = {"ابو", "ام", "عين", "تل", "دير", "كفر", "بيت", "خان", "راس", "جسر", "بئر", "بير",
                     "بني", "خربه", "مزرعه", "سد", "وادي", "جبل", "نبع", "قصر", "حوش", "عرب", "الشيخ"}
_GAP = re.compile(r"^\s*(?:(?:في|من)\s+)?$")
_WORD = re.compile(r"[\u0621-\u064a]+")
BEARING_EN = {"N": "north", "S": "south", "E": "east", "W": "west", "NE": "north-east",
              "NW": "north-west", "SE": "south-east", "SW": "south-west", "C": "central"}
BEARING_ADJ_EN = {"N": "northern", "S": "southern", "E": "eastern", "W": "western",
                  "NE": "north-eastern", "NW": "north-western", "SE": "south-eastern",
                  "SW": "south-western", "C": "central"}


@dataclass(frozen=True)
class PlaceRecord:
    id: str
    name_ar: str
    name_en: str
    type: str
    country: Optional[str]
    admin1: Optional[str]
    pcode: Optional[str]
    lat: Optional[float]
    lon: Optional[float]
    population: int
    curated: bool

    @property
    def located(self) -> bool:
        return self.lat is not None and self.lon is not None


@dataclass(frozen=True)
class Cue:
    id: str
    type: str  # city | village | countryside | direction | country_reference ...
    prefer: tuple[str, ...] = ()
    precision: Optional[int] = None
    names_unknown: bool = False
    bearing: Optional[str] = None
    adjective: bool = False  # a direction written after the place: ريف حلب الشمالي
    plural: bool = False  # مدن، ريفي، محافظات: the cue applies to each name of the list it opens
    # definite and alone (المدينة، القاعدة): refers to the last place told with this cue or of these types
    antecedents: Optional[tuple[str, ...]] = None
    reach: Optional[int] = None  # how far back (characters) the antecedent may be; default ANAPHOR_CHARS


@dataclass(frozen=True)
class NameRef:
    place: int  # index into PlaceGazetteer.places
    needs_cue: bool


def _float(value: Optional[str]) -> Optional[float]:
    return float(value) if value not in (None, "") else None


class PlaceGazetteer:
    """Loaded place lexicon and cue words, with one automaton over all their forms."""

    def __init__(self, extra_dirs: Sequence[Path] = ()):
        self.places: list[PlaceRecord] = []
        self.matcher = Matcher(payloads_type=_Parts)
        cue_entries = load_lexicon("place_cues", extra_dirs=extra_dirs)
        cue_forms = {normalize(f) for e in cue_entries for f in e.forms}
        for e in sorted(load_lexicon("places", extra_dirs=extra_dirs), key=lambda e: e.id):
            a = e.attrs
            index = len(self.places)
            self.places.append(PlaceRecord(
                id=e.id, name_ar=a.get("name_ar") or (e.forms[0] if e.forms else ""),
                name_en=e.name_en or e.id, type=a.get("type") or "town", country=a.get("country"),
                admin1=a.get("admin1"), pcode=a.get("pcode"), lat=_float(a.get("lat")),
                lon=_float(a.get("lon")), population=int(a.get("population") or 0),
                curated=e.id.startswith(("place.k.", "place.country.")),
            ))
            risky = {normalize(f) for f in str(a.get("needs_cue") or "").split("|") if f}
            for form in e.forms:
                norm = normalize(form)
                self.matcher.add(norm, NameRef(index, norm in risky or _too_short(norm) or _clitic_cue(norm, cue_forms)))
        self.not_places: list[str] = []
        for e in cue_entries:
            a = e.attrs
            if a.get("type") == "not_place":
                self.not_places += [normalize(f) for f in e.forms]
                continue
            cue = Cue(e.id, a.get("type") or "area", tuple(a.get("prefer") or ()), a.get("precision"),
                      bool(a.get("names_unknown")), a.get("bearing"))
            plurals = {normalize(f) for f in a.get("plurals") or ()}
            plural = replace(cue, plural=True)
            # only the entry's first (singular) form stands for a place told before: المدينة، القاعدة
            anaphoric = replace(cue, antecedents=tuple(a["antecedents"]), reach=a.get("anaphor_reach")) \
                if "antecedents" in a else cue
            for k, form in enumerate(e.forms):
                self.matcher.add(form, plural if normalize(form) in plurals else anaphoric if k == 0 else cue)
            adjective = Cue(e.id, cue.type, cue.prefer, cue.precision, False, cue.bearing, adjective=True)
            for form in a.get("adjectives") or ():
                self.matcher.add(form, adjective)
        self.matcher.build()
        self.governorate_by_name = {
            (p.country, normalize(p.name_ar)): p for p in self.places if p.type == "governorate"}
        self.vocab = default_vocabulary()


def _clitic_cue(norm: str, cue_forms: set[str]) -> bool:
    """A name written like a cue word with a proclitic (the village بقرية is also "in a village")."""
    return any(norm.startswith(c) and norm[len(c):] in cue_forms for c in CLITIC_PREFIXES)


def _too_short(norm: str) -> bool:
    bare = norm[2:] if norm.startswith("ال") else norm
    return len(bare.replace(" ", "")) <= 2


@lru_cache(maxsize=4)
def place_gazetteer(extra_dirs: tuple[Path, ...] = ()) -> PlaceGazetteer:
    return PlaceGazetteer(extra_dirs)


# ---------------------------------------------------------------- phrases

@dataclass
class Phrase:
    """Pieces of one place expression, in the normalized text."""
    start: int
    end: int
    cues: list[Cue]
    direction: Optional[Cue]
    candidates: list[PlaceRecord]  # empty: an unlisted name after a cue
    name_ar: str  # the name as written (normalized)
    adjective: Optional[Cue] = None
    chosen: Optional[PlaceRecord] = None  # the candidate the mention was resolved to

    @property
    def head_cue(self) -> Optional[Cue]:
        return self.cues[0] if self.cues else None


class _Parts(tuple):
    """A form's payloads (its ``Match.payloads`` in the gazetteer's matcher) with what they hold
    split once, when the matcher is built: find_phrases reads them at every match."""

    def __init__(self, payloads: Sequence) -> None:
        super().__init__()  # the items are the payloads (tuple.__new__ took them)
        self.names = tuple(p for p in self if isinstance(p, NameRef))
        self.cues = tuple(p for p in self if isinstance(p, Cue))
        self.lead = tuple(c for c in self.cues if not c.adjective)  # cues that may open a phrase
        self._usable: dict[tuple[bool, bool], list[PlaceRecord]] = {}

    def usable(self, licensed: bool, definite: bool, gaz: "PlaceGazetteer") -> list[PlaceRecord]:
        """The places the names may be: all, or only those that need no cue (not ``licensed``);
        only countries after a definite type word. A new list each time (phrases own theirs)."""
        key = (licensed, definite)
        places = self._usable.get(key)
        if places is None:
            places = self._usable[key] = [gaz.places[n.place] for n in self.names
                                          if (licensed or not n.needs_cue)
                                          and (not definite or gaz.places[n.place].type == "country")]
        return list(places)


def _parts(m: Match) -> _Parts:
    parts = m.payloads
    return parts if type(parts) is _Parts else _Parts(parts)  # _Parts unless made by another matcher


def _kinds(m: Match) -> tuple[tuple[NameRef, ...], tuple[Cue, ...]]:
    """The names and the cues among a match's payloads."""
    parts = _parts(m)
    return parts.names, parts.cues


def _adjacent(text: str, end: int, nxt: Match) -> bool:
    return bool(_GAP.match(text[end:nxt.start - len(nxt.prefix)]))


def find_phrases(text: str, gaz: PlaceGazetteer, matches: Optional[list[Match]] = None) -> list[Phrase]:
    matches = gaz.matcher.find(text) if matches is None else matches
    phrases: list[Phrase] = []
    i = 0
    while i < len(matches):
        m = matches[i]
        parts = _parts(m)
        if not parts.names and not parts.lead:
            i += 1
            continue
        start, direction, chain, definite = m.start, None, [], False
        j = i
        # Leading direction and cue words, each right after the previous one.
        while j < len(matches):
            parts_j = _parts(matches[j])
            names_j, lead_j = parts_j.names, parts_j.lead
            if not lead_j or (j > i and not _adjacent(text, matches[j - 1].end, matches[j])):
                break
            if names_j and not _names_follow(text, matches, j) and not (
                    lead_j[0].names_unknown and _unknown_name(text, matches[j].end, gaz.vocab)):
                break  # "مدينة" alone may be a name (Medina); before a name it is a cue
            cue = lead_j[0]
            if cue.type == "direction":
                if chain or direction:
                    break
                direction = cue
            else:
                chain.append(cue)
                # "القرية السويدية", "المخيم وأحدث": a definite type word is followed by an adjective,
                # not by a name (names follow the bare word: قرية الصبحة)
                definite = definite or (matches[j].prefix.endswith("ال") and not matches[j].form.startswith("ال"))
            j += 1
        # "وسط السوق" is the middle of the market: the centre word is too common to license an ordinary word
        has_context = bool(chain or (direction and direction.bearing != "C"))
        end = matches[j - 1].end if j > i else m.start
        if j < len(matches) and (j == i or _adjacent(text, end, matches[j])):
            # "قاعدة للتحالف" is a base of the coalition: a name after a type word with the possessive
            # ل is its owner, so the type word does not make an ordinary word a place name
            licensed = has_context and not (chain and matches[j].prefix.startswith("ل"))
            usable = _parts(matches[j]).usable(licensed, definite, gaz)
            if usable:
                nm = matches[j]
                phrase = Phrase(start, nm.end, chain, direction, usable, nm.form)
                k = j + 1
                if k < len(matches) and _adjacent(text, nm.end, matches[k]):
                    adjectives = [c for c in _kinds(matches[k])[1] if c.adjective]
                    if adjectives and not matches[k].prefix:
                        phrase.adjective, phrase.end = adjectives[0], matches[k].end
                        k += 1
                phrases.append(phrase)
                if chain and chain[-1].plural:
                    k = _list_members(text, matches, k, phrase, gaz, phrases)
                i = k
                continue
        if chain and chain[-1].names_unknown and not definite:
            unknown = _unknown_name(text, end, gaz.vocab)
            if unknown:
                a, b = unknown
                phrases.append(Phrase(start, b, chain, direction, [], text[a:b]))
                i = j
                while i < len(matches) and matches[i].start < b:
                    i += 1
                continue
        if chain and chain[-1].type == "country_reference" and direction is not None:
            phrases.append(Phrase(start, end, chain, direction, [], text[m.start:end]))
        i = max(j, i + 1)
    return phrases


_LIST_GAP = re.compile(r"^\s*،?\s*$")


def _list_members(text: str, matches: list[Match], k: int, head: Phrase, gaz: PlaceGazetteer,
                  phrases: list[Phrase]) -> int:
    """Names listed after a plural cue's first name (محافظات حلب ودير الزور والرقة، ريفي حلب وإدلب)
    are places of the same kind: each gets the cue. Returns the index after the list."""
    end = head.end
    while k < len(matches):
        nm = matches[k]
        names, cues = _kinds(nm)
        # the cue is not next to them: a word that is only an ordinary word's homonym stays a word
        if all(n.needs_cue for n in names) or cues or not nm.prefix.startswith("و") \
                or not _LIST_GAP.match(text[end:nm.start - len(nm.prefix)]):
            break
        phrases.append(Phrase(nm.start, nm.end, head.cues, None, [gaz.places[n.place] for n in names], nm.form))
        end = nm.end
        k += 1
    return k


def _names_follow(text: str, matches: list[Match], j: int) -> bool:
    k = j + 1
    while k < len(matches) and _adjacent(text, matches[k - 1].end, matches[k]):
        names, cues = _kinds(matches[k])
        if names:
            return True
        if not cues:
            return False
        k += 1
    return False


def _unknown_name(text: str, pos: int, vocab: dict[str, int]) -> Optional[tuple[int, int]]:
    """Span of an unlisted place name right after a cue word, if the next word looks like one."""
    first = _WORD.match(text, pos + 1) if text[pos:pos + 1] == " " else None
    if not first or not _is_rare_name(first.group(), vocab):
        return None
    if first.group() in NAME_PREFIX_WORDS:
        second = _WORD.match(text, first.end() + 1) if text[first.end():first.end() + 1] == " " else None
        if not second or not _is_rare_name(second.group(), vocab, allow_common=True):
            return None
        return first.start(), second.end()
    return first.start(), first.end()


def _is_rare_name(word: str, vocab: dict[str, int], allow_common: bool = False) -> bool:
    if len(word) < 3:
        return False
    if word in NAME_PREFIX_WORDS:
        return True
    return allow_common or vocab.get(word, 0) < MAX_NAME_COUNT


RELATIVES = frozenset({"التي", "الذي", "اللتين", "اللذين", "اللتان", "اللذان"})


def is_newsroom(text: str, m: Mention, span: int = 60) -> bool:
    """A place in the opening credit line (دبي، الإمارات العربية المتحدة (CNN) --): where the story
    was filed, not what happened."""
    if m.start > span:
        return False
    after = text[m.end:m.end + span]
    paren = after.find("(")
    return paren != -1 and any("a" <= ch.lower() <= "z" for ch in after[paren:paren + 12])


def _holds_places(rule: str) -> bool:
    """Names whose place words are not places (an actor read from a place or demonym, قاعدة جوية
    سورية, or a title span, نائب الرئيس في مدينة ميونيخ, still leaves the place a place)."""
    return "demonym" not in rule and "metonym" not in rule and rule != "person:title"


def _inside_name(span: tuple[int, int], names: list[Mention], name_starts: list[int], name_reach: list[int],
                 view_text: str, view_start: int) -> bool:
    """A place word inside a longer actor or person name (كتائب عز الدين القسام، قوات سوريا
    الديمقراطية) is part of the name, not a place the text tells of. A place after في inside a span
    the recognizers joined (قائد القوات الروسية في سوريا) is still a place; inside a lexicon name
    (المقاومة الإسلامية في العراق) it is not."""
    start, end = span
    k = bisect.bisect_right(name_starts, start)
    if k == 0 or name_reach[k - 1] < end:
        return False  # no name before it reaches its end (most places)
    holders = [m for m in names[max(0, k - 8):k] if end <= m.end and m.end - m.start > end - start]
    if not holders:
        return False
    located = _after_locative(view_text, view_start)
    return any(not located or m.rule == "actor:name" for m in holders)


LOCATIVE_WORDS = frozenset({"في", "وفي", "داخل", "قرب", "عند"})
TANWEEN = frozenset("\u064b\u064c\u064d")
_AGE_AFTER = re.compile(r"^\s*[(،,]?\s*\(?\s*[0-9\u0660-\u0669]+\s*(?:عام|عاما|عاماً|سنة|سنوات)")


def _common_noun(text: str, span: tuple[int, int], ph: Phrase) -> bool:
    """A bare name that is a common noun or a person here: written with tanween (مشهدٍ "a scene",
    not Mashhad; names take none), or followed by an age (مهند سرحان (23 عاماً): a surname)."""
    if ph.cues or ph.direction:
        return False
    start, end = span
    after = text[end:end + 4]
    return not TANWEEN.isdisjoint(text[start:end]) or (
        "(" in after and bool(_AGE_AFTER.match(text[end:end + 20])))


def _after_locative(text: str, pos: int) -> bool:
    before = text[max(0, pos - 12):pos].split()
    return bool(before) and before[-1] in LOCATIVE_WORDS


def _adjective_reading(text: str, ph: Phrase) -> bool:
    """A bare name shaped like an adjective (ال...ية) right after a definite noun agrees with that noun:
    القرية السويدية is "the Swedish village", not Samandağ; الحكومة الجديدة is not El Jadida."""
    if ph.cues or ph.direction or " " in ph.name_ar or not ph.name_ar.startswith("ال") \
            or not ph.name_ar.endswith(("يه", "ي")):
        return False
    if any(p.type == "country" for p in ph.candidates):
        return False
    before = text[max(0, ph.start - 30):ph.start].split()
    return bool(before) and text[ph.start - 1:ph.start] == " " and before[-1].startswith("ال") and len(before[-1]) > 3


@dataclass
class Anaphor:
    """A definite type word standing alone (المدينة، غربي المدينة، القاعدة), in the normalized text."""
    start: int
    end: int
    cue: Cue
    direction: Optional[Cue] = None
    cue_form: str = ""  # the definite word as matched (المدينه)


def find_anaphors(text: str, matches: list[Match], phrases: list[Phrase]) -> list[Anaphor]:
    covered = [(p.start, p.end) for p in phrases]
    out = []
    for k, m in enumerate(matches):
        if not m.prefix.endswith("ال"):
            continue  # (checked first: most matches have no article)
        cues = [p for p in m.payloads if isinstance(p, Cue) and p.antecedents is not None]
        if not cues or any(a <= m.start < b for a, b in covered):
            continue
        an = Anaphor(m.start - 2, m.end, cues[0], cue_form="ال" + m.form)
        if k > 0 and _adjacent(text, matches[k - 1].end, m):
            before = [c for c in _kinds(matches[k - 1])[1] if c.type == "direction" and not c.adjective]
            if before and not matches[k - 1].prefix.endswith("ال"):
                an.start, an.direction = matches[k - 1].start, before[0]
        out.append(an)
    return out


# ---------------------------------------------------------------- disambiguation

@dataclass
class Context:
    points: list[tuple[float, float]]
    countries: set[str]
    # choose's answers for this context, by (candidates, the last cue's preferred types): an
    # article names the same ambiguous place again and again
    chosen: dict = field(default_factory=dict)


def _score(p: PlaceRecord, phrase: Phrase, ctx: Context) -> float:
    score = TYPE_WEIGHT.get(p.type, 3.0) + (1.0 if p.curated else 0.0)
    if p.type in POPULATED_TYPES and p.population:
        score += 0.5 * math.log10(p.population + 1)
    cue = phrase.cues[-1] if phrase.cues else None
    if cue and cue.prefer:
        if p.type == cue.prefer[0]:
            score += 10.0
        elif p.type in cue.prefer:
            score += 8.0
    if p.country and p.country in ctx.countries:
        score += 3.0
    elif p.country == HOME_COUNTRY:
        score += 1.0
    if p.type in SITE_TYPES and p.located and within_km(p.lat, p.lon, ctx.points, NEAR_KM):
        score += 5.0
    return score


def choose(phrase: Phrase, ctx: Context) -> tuple[Optional[PlaceRecord], bool]:
    """Best candidate and whether it is a clear choice (not a tie between distant places)."""
    if not phrase.candidates:
        return None, False
    if len(phrase.candidates) == 1:
        return phrase.candidates[0], True
    # what _score reads of the phrase: its candidates and its last cue's preferred types
    # (the memo holds the candidates too, so their ids stay theirs)
    key = (tuple(map(id, phrase.candidates)), phrase.cues[-1].prefer if phrase.cues else None)
    known = ctx.chosen.get(key)
    if known is None:
        known = ctx.chosen[key] = (phrase.candidates, _choose(phrase, ctx))
    return known[1]


def _choose(phrase: Phrase, ctx: Context) -> tuple[PlaceRecord, bool]:
    scored = sorted(((_score(p, phrase, ctx), p.id, p) for p in phrase.candidates), key=lambda t: (-t[0], t[1]))
    best_score, _, best = scored[0]
    for score, _, other in scored[1:]:
        if best_score - score > 1e-9:
            break
        if not (best.located and other.located) or haversine_km(best.lat, best.lon, other.lat, other.lon) > SAME_PLACE_KM:
            return best, False
    return best, True


def is_world_place(entity_id: Optional[str]) -> bool:
    """A place of the GeoNames rows (data/lexicons/places/geonames.tsv): outside Syria's own
    gazetteers and the curated entries, the ones whose names collide with words and persons."""
    return (entity_id or "").startswith("place.gn.")


def _far_world_town(p: PlaceRecord, ctx: Context) -> bool:
    """A GeoNames town (not Syria's own places, not curated ones) more than NEAR_KM from every
    other place the article names unambiguously (the town itself is one of ctx.points)."""
    if not is_world_place(p.id) or p.type not in POPULATED_TYPES:
        return False
    if not p.located:
        return True
    own = (round(p.lat, 1), round(p.lon, 1))
    return not within_km(p.lat, p.lon, [q for q in ctx.points if q != own], NEAR_KM)


def _is_unambiguous(phrase: Phrase) -> bool:
    c = phrase.candidates
    if not c or not c[0].located:
        return False
    if len(c) == 1:
        return True
    return all(p.located and haversine_km(c[0].lat, c[0].lon, p.lat, p.lon) <= SAME_PLACE_KM for p in c[1:])


# ---------------------------------------------------------------- mentions

class PlaceRecognizer:
    """Pipeline stage: adds ``Mention(kind="place")`` for every place expression in the body."""

    def __init__(self, settings: Settings):
        self.gazetteer = place_gazetteer(tuple(Path(d) for d in settings.extra_lexicon_dirs))
        self._unambiguous: dict[tuple[int, ...], bool] = {}

    def __call__(self, article: Article) -> Article:
        view = text_view(article.text)
        matches = self.gazetteer.matcher.find(view.text)
        phrases = find_phrases(view.text, self.gazetteer, matches)
        ctx = Context([], set())
        points = set()
        unambiguous = [self._is_unambiguous(ph) for ph in phrases]
        for ph, clear in zip(phrases, unambiguous):
            if clear and ph.candidates[0].type in SITE_TYPES:
                points.add((round(ph.candidates[0].lat, 1), round(ph.candidates[0].lon, 1)))
        ctx.points = sorted(points)
        for ph, clear in zip(phrases, unambiguous):
            if clear or len({p.country for p in ph.candidates}) == 1:
                ctx.countries.update(p.country for p in ph.candidates if p.country)
        starts = [s.start for s in article.sentences]
        anaphors = find_anaphors(view.text, matches, phrases)
        # names that hold a place word (كتائب عز الدين القسام); an actor read from a place or demonym
        # (قاعدة جوية سورية -> Syrian forces) still leaves the place a place
        names = sorted((m for m in article.mentions if m.kind in NAME_KINDS and _holds_places(m.rule or "")),
                       key=lambda m: m.start)
        name_starts = [m.start for m in names]
        name_reach = list(accumulate((m.end for m in names), max))  # the furthest end so far
        skip = self._not_places(view)
        # a capital or country standing for its government (قالت موسكو): marked, the place is not told
        as_actor = {(m.start, m.end) for m in article.mentions if m.kind == "actor" and m.rule in ACTOR_PLACE_RULES}
        actors = [m for m in article.mentions if m.kind in ("actor", "org")] if anaphors else []
        ends = view_offsets(view, [x for m in actors for x in (m.start, m.end)])
        actor_spans = list(zip(ends[::2], ends[1::2]))  # in the normalized view
        actor_names = [view.text[a:b] for m, (a, b) in zip(actors, actor_spans) if "demonym" not in (m.rule or "")]
        # demonyms in the normalized view (القاعدة الأميركية names whose base it is)
        demonyms = [span for m, span in zip(actors, actor_spans) if "demonym" in (m.rule or "")]
        told: list[tuple[Mention, Optional[PlaceRecord], tuple[str, ...]]] = []
        for item in sorted(phrases + anaphors, key=lambda x: x.start):
            if skip and any(a <= item.start < b for a, b in skip):
                continue
            span = view.span_to_original(item.start, item.end)
            if isinstance(item, Phrase) and (_adjective_reading(view.text, item) or _common_noun(article.text, span, item)
                                             or _inside_name(span, names, name_starts, name_reach, view.text, item.start)):
                continue
            if isinstance(item, Anaphor):
                mention = self._anaphor(article, view, item, told, names, starts, actor_names, demonyms)
            else:
                mention = self._mention(article, view, item, ctx, starts)
                if mention is not None and (mention.start, mention.end) in as_actor:
                    mention.qualifier = "as_actor"
                elif mention is not None and item.name_ar.startswith("نهر") and not item.direction \
                        and any(p.type in LINE_TYPES for p in item.candidates[:1]):
                    mention.qualifier = "line"
                if mention is not None:
                    told.append((mention, item.chosen, tuple(c.id for c in item.cues)))
            if mention is not None:
                article.mentions.append(mention)
        return article

    def _is_unambiguous(self, phrase: Phrase) -> bool:
        """_is_unambiguous, remembered per list of candidates (the same names recur in every article)."""
        key = tuple(map(id, phrase.candidates))  # the records live as long as the gazetteer
        known = self._unambiguous.get(key)
        if known is None:
            known = self._unambiguous[key] = _is_unambiguous(phrase)
        return known

    def _not_places(self, view: Normalized) -> list[tuple[int, int]]:
        """Spans of idioms that name a place without being one (على طريق القدس)."""
        out = []
        for form in self.gazetteer.not_places:
            pos = view.text.find(form)
            while pos != -1:
                out.append((pos, pos + len(form)))
                pos = view.text.find(form, pos + 1)
        return out

    def _anaphor(self, article: Article, view: Normalized, an: "Anaphor", told, names: list[Mention],
                 starts: list[int], actor_names: list[str], demonyms: list[tuple[int, int]]) -> Optional[Mention]:
        """المدينة، القاعدة، المخيم standing alone: the last place told before with the same cue or of
        the cue's antecedent types, within ANAPHOR_CHARS."""
        start, end = view.span_to_original(an.start, an.end)
        word = an.cue_form
        if any(m.start < end and start < m.end for m in names) or any(word in n for n in actor_names):
            return None  # تنظيم القاعدة: part of a name (here or elsewhere in the article), not a place
        nxt = _WORD.search(view.text, an.end, an.end + 20)
        if nxt and view.text[an.end:nxt.start()].isspace() and nxt.group().startswith("ال") \
                and nxt.group().endswith(("يه", "ي")) and nxt.group() not in RELATIVES \
                and not any(a <= nxt.start() < b for a, b in demonyms):
            return None  # المدينة الجامعية، المنطقة الشرقية: a new place described (القاعدة الأميركية is the base)
        reach = an.cue.reach or ANAPHOR_CHARS
        for m, place, cue_ids in reversed(told):
            if start - m.end > reach:
                return None
            if m.lat is None or is_newsroom(article.text, m):
                continue
            if an.cue.id in cue_ids or (place is not None and place.type in (an.cue.antecedents or ())):
                break
        else:
            return None
        precision = max(m.precision or 1, 2 if an.direction else 1)
        name_en = f"{BEARING_EN[an.direction.bearing]} of {m.name_en}" if an.direction and an.direction.bearing \
            else m.name_en
        return Mention(kind="place", start=start, end=end, text=article.text[start:end], entity_id=m.entity_id,
                       name_en=name_en, name_ar=m.name_ar, country=m.country, lat=m.lat, lon=m.lon, admin1=m.admin1,
                       pcode=m.pcode, precision=precision, source="rule", rule=f"place.anaphor:{an.cue.id}",
                       sentence=_sentence(starts, article, start))

    def _mention(self, article: Article, view: Normalized, ph: Phrase, ctx: Context,
                 starts: list[int]) -> Optional[Mention]:
        start, end = view.span_to_original(ph.start, ph.end)
        place, clear = choose(ph, ctx)
        head = ph.head_cue
        if place is not None and head is not None and head.type in LOCAL_CUE_TYPES and _far_world_town(place, ctx):
            place = None  # حي الخضراء in Tunis is no village in Israel: an unlisted neighbourhood
        ph.chosen = place
        rule = "place.name"
        if place is None and head and head.type == "country_reference":
            place, clear, rule = self._country_of(ctx), True, "place.country_reference"
            if place is None:
                return None
        if head and head.type == "countryside" and place is not None:
            gov = self.gazetteer.governorate_by_name.get((place.country, normalize(place.name_ar)))
            place = gov or place
        mention = Mention(kind="place", start=start, end=end, text=article.text[start:end],
                          source="lexicon", sentence=_sentence(starts, article, start))
        if place is None:
            mention.name_ar = article.text[slice(*view.span_to_original(
                ph.end - len(ph.name_ar), ph.end))]
            mention.name_en = None
            mention.source, mention.rule = "rule", f"place.unlisted.{head.type if head else 'place'}"
            mention.precision = 1
            return mention
        precision = TYPE_PRECISION.get(place.type, 1)
        if head is not None and head.precision:
            precision = max(precision, head.precision)
        if ph.direction or ph.adjective:
            precision = max(precision, 2)
        if head is not None and head.type == "countryside":
            precision = 2  # part of a governorate or district, not all of it
        mention.entity_id = place.id if clear else None
        mention.name_ar, mention.name_en = place.name_ar, self._name_en(place, ph)
        mention.country, mention.admin1, mention.pcode = place.country, place.admin1, place.pcode
        mention.precision = precision
        if clear:
            mention.lat, mention.lon = place.lat, place.lon
        if rule == "place.name":
            parts = [c.id for c in ph.cues] + ([ph.direction.id] if ph.direction else []) + \
                    ([ph.adjective.id] if ph.adjective else [])
            rule = "place.name" if not parts else "place.cue:" + "+".join(parts)
            if not clear:
                rule = "place.ambiguous"
        mention.rule = rule
        return mention

    def _country_of(self, ctx: Context) -> Optional[PlaceRecord]:
        """The country ``البلاد`` refers to: the article's country, else Syria."""
        countries = sorted(ctx.countries) or [HOME_COUNTRY]
        country = HOME_COUNTRY if HOME_COUNTRY in countries else countries[0]
        for p in self.gazetteer.places:
            if p.type == "country" and p.country == country:
                return p
        return None

    @staticmethod
    def _name_en(place: PlaceRecord, ph: Phrase) -> str:
        name = place.name_en
        head = ph.head_cue
        if head is not None and head.type == "countryside":
            name = f"{name} countryside"
            if ph.adjective and ph.adjective.bearing:
                name = f"{BEARING_ADJ_EN[ph.adjective.bearing]} {name}"
        elif ph.direction and ph.direction.bearing:
            name = f"{BEARING_EN[ph.direction.bearing]} of {name}"
        return name


def _sentence(starts: list[int], article: Article, start: int) -> Optional[int]:
    k = bisect.bisect_right(starts, start) - 1
    if k >= 0 and start < article.sentences[k].end:
        return k
    return None
