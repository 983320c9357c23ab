"""Build the dashboard's governorate map: a simplified copy of the OCHA admin1 polygons.

Reads ../shared/data/gazetteer/ocha_admin1_shapefile/syr_admin1_derived.geojson, simplifies every
ring with Douglas-Peucker (tolerance in degrees, ~500 m by default: enough for a country map,
a tenth of the size) and writes src/rasd/dashboard/static/data/syr_admin1.geojson with the
Arabic and English names and P-codes only. Licence: MIT (repository) over OCHA/HDX data
(CC BY 3.0 IGO); the attribution travels in the file's "attribution" member.

    .venv/bin/python scripts/build_admin1_map.py [--tolerance 0.005]
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT.parent / "shared/data/gazetteer/ocha_admin1_shapefile/syr_admin1_derived.geojson"
TARGET = ROOT / "src/rasd/dashboard/static/data/syr_admin1.geojson"
# The place lexicon's governorate names (what events store as admin1), joined on the P-code.
PLACE_LEXICON = ROOT / "src/rasd/data/lexicons/places/syria_admin.tsv"
ATTRIBUTION = ("Governorate boundaries: OCHA / HDX Syria COD-AB (CC BY 3.0 IGO), via "
               "github.com/Hugh-Smith/Drone-Simulation (MIT); simplified for display.")
DECIMALS = 4


def _distance_to_segment(p, a, b) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    if dx == dy == 0:
        return ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return ((px - ax - t * dx) ** 2 + (py - ay - t * dy) ** 2) ** 0.5


def simplify(points: list, tolerance: float) -> list:
    """Douglas-Peucker, iterative (rings have thousands of points: no deep recursion)."""
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        worst, index = 0.0, None
        for i in range(first + 1, last):
            d = _distance_to_segment(points[i], points[first], points[last])
            if d > worst:
                worst, index = d, i
        if index is not None and worst > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep) if k]


def simplify_ring(ring: list, tolerance: float) -> list | None:
    out = simplify(ring, tolerance)
    if len(out) < 4:  # a closed ring needs 4 positions; a sliver vanishes at this scale
        return None
    return [[round(x, DECIMALS), round(y, DECIMALS)] for x, y in out]


def simplify_geometry(geometry: dict, tolerance: float) -> dict:
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    kept = []
    for polygon in polygons:
        rings = [simplify_ring(r, tolerance) for r in polygon]
        if rings[0] is not None:
            kept.append([rings[0]] + [r for r in rings[1:] if r is not None])
    return {"type": "MultiPolygon", "coordinates": kept}


def lexicon_admin1_names() -> dict[str, str]:
    """P-code -> the admin1 name the place lexicon gives its governorate (e.g. SY08 -> Al-Hasakah)."""
    names = {}
    with PLACE_LEXICON.open(encoding="utf-8") as fh:
        header = fh.readline().rstrip("\n").split("\t")
        for line in fh:
            row = dict(zip(header, line.rstrip("\n").split("\t")))
            if row.get("type") == "governorate" and row.get("pcode"):
                names[row["pcode"]] = row["admin1"]
    return names


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tolerance", type=float, default=0.005, help="degrees (default 0.005)")
    args = parser.parse_args()
    source = json.loads(SOURCE.read_text(encoding="utf-8"))
    admin1 = lexicon_admin1_names()
    features = []
    for f in sorted(source["features"], key=lambda f: f["properties"]["PCODE"]):
        p = f["properties"]
        features.append({"type": "Feature",
                         "properties": {"pcode": p["PCODE"], "name_en": p["NAME_EN"], "name_ar": p["NAME_AR"],
                                        "admin1": admin1.get(p["PCODE"], p["NAME_EN"])},
                         "geometry": simplify_geometry(f["geometry"], args.tolerance)})
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_text(json.dumps({"type": "FeatureCollection", "attribution": ATTRIBUTION, "features": features},
                                 ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{TARGET.relative_to(ROOT)}: {len(features)} governorates, {TARGET.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
