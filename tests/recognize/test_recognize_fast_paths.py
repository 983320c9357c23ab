"""The recognizers' faster spellings give what their plain spellings give."""
from __future__ import annotations

import random
import re

from rasd.recognize.dates import _has_numeric_date_hint
from rasd.recognize.geo import nearest_km, within_km


def test_numeric_date_hint_equals_the_regex():
    pattern = re.compile(r"\d[/.\-]\d")
    rng = random.Random(3)
    alphabet = "12٣۵a/.-x "
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 9)))
        assert _has_numeric_date_hint(text) == (pattern.search(text) is not None), text
    assert _has_numeric_date_hint("في 12/3/2024") and not _has_numeric_date_hint("في 12 آذار. و-3")


def test_within_km_equals_nearest_km():
    rng = random.Random(5)
    for _ in range(3000):
        lat, lon = rng.uniform(-80, 80), rng.uniform(-180, 180)
        points = [(lat + rng.uniform(-2, 2), lon + rng.uniform(-2, 2)) for _ in range(rng.randint(0, 6))]
        for km in (15.0, 100.0, rng.uniform(0, 300)):
            assert within_km(lat, lon, points, km) == (nearest_km(lat, lon, points) <= km)


def test_within_km_at_the_edge_of_the_band():
    # a point due north at exactly the distance: in the band, and measured
    lat2 = 36.0 + 100.0 / 6371.0 * 180 / 3.141592653589793
    for km in (nearest_km(36.0, 38.0, [(lat2, 38.0)]), 100.0):
        assert within_km(36.0, 38.0, [(lat2, 38.0)], km) == (nearest_km(36.0, 38.0, [(lat2, 38.0)]) <= km)
