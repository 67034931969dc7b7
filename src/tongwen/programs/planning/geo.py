"""Distances and provinces: pure functions the solver, the validator and the pages share."""

from __future__ import annotations

import math

EARTH_RADIUS_KM = 6371.0088
#: How far a kit travels by road in a day; a move of d km takes ceil(d / KM_PER_DAY) days on
#: top of the tour's transfer days.
KM_PER_DAY = 500.0


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp = p2 - p1
    dl = math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def travel_days(km: float) -> int:
    """Whole days on the road for a move of ``km`` kilometres (0 for none)."""
    return math.ceil(km / KM_PER_DAY - 1e-9) if km > 0 else 0


def province_of(code: str) -> str:
    """The province-level code (``330000``) of a six-digit division code."""
    return code[:2] + "0000"
