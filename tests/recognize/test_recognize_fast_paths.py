"""The recognizers' faster spellings give what their plain spellings give."""
from __future__ import annotations

import math
import random
import re

from rasd.recognize.dates import _has_numeric_date_hint
from rasd.recognize.geo import haversine_km, within_km


def nearest_km(lat, lon, points):
    """The plain spelling: distance to the nearest point (infinity when there are none)."""
    return min((haversine_km(lat, lon, a, b) for a, b in points), default=math.inf)


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


def _plain_at(spans, pos):
    for s, e, _ in spans:
        if s <= pos < e:
            return s, e
        if s > pos:
            break
    return None


def _plain_between(spans, start, end):
    for s, e, mention in spans:
        if start <= s and e <= end:
            return mention
    return None


def test_actor_spans_look_ups_equal_the_walk_from_the_first():
    from rasd.recognize.persons import ActorSpans
    rng = random.Random(11)
    for _ in range(2000):
        spans = []
        for k in range(rng.randint(0, 8)):
            s = rng.randint(0, 40)
            spans.append((s, s + rng.randint(0, 12), f"m{k}"))  # overlapping and nested ones too
        spans.sort()
        index = ActorSpans(spans)
        for pos in range(-1, 55):
            assert index.at(pos) == _plain_at(spans, pos)
        for _ in range(20):
            a = rng.randint(-1, 50)
            b = a + rng.randint(0, 30)
            assert index.between(a, b) == _plain_between(spans, a, b)
