"""Small geographic helpers: great-circle distance and compass offsets."""
from __future__ import annotations

import math

EARTH_RADIUS_KM = 6371.0


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two points in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, a)))


def within_km(lat: float, lon: float, points: list[tuple[float, float]], km: float) -> bool:
    """Whether some of ``points`` is at most ``km`` away (haversine_km), measuring
    only the points in the band of latitudes that distance allows: a great-circle distance is at
    least the earth's radius times the difference of latitudes (the band is widened by a millionth,
    more than the rounding of haversine_km, so no point within ``km`` is left out)."""
    band = math.degrees(km / EARTH_RADIUS_KM) * 1.000001
    return any(abs(a - lat) <= band and haversine_km(lat, lon, a, b) <= km for a, b in points)
