"""A map of China drawn on the server as SVG: no tiles, no script.

Province outlines come from the ``china-geojson`` npm package (``src/geojson/china.json``,
features keyed by two-digit province codes), parsed once. The projection is equirectangular
with longitudes scaled by cos 35°, which keeps China's shape recognisable.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_SCALE_X = math.cos(math.radians(35))
_WEST, _EAST, _SOUTH, _NORTH = 73.0, 135.5, 17.5, 54.0
WIDTH = 640


def geojson_path() -> Path:
    return (
        Path(settings.REPO_DIR)
        / "node_modules"
        / "china-geojson"
        / "src"
        / "geojson"
        / "china.json"
    )


@lru_cache(maxsize=1)
def _provinces() -> tuple[tuple[str, str, tuple[tuple[tuple[float, float], ...], ...]], ...]:
    """(code, name, rings) for each province, rings in projected coordinates."""
    try:
        data = json.loads(geojson_path().read_text(encoding="utf-8"))
    except OSError:
        return ()
    shapes = []
    for feature in data.get("features", []):
        props = feature.get("properties") or {}
        code = str(props.get("id") or "")
        geometry = feature.get("geometry") or {}
        polygons: list[Any] = geometry.get("coordinates") or []
        if geometry.get("type") == "Polygon":
            polygons = [polygons]
        rings = tuple(
            tuple(project(lat, lon) for lon, lat, *_rest in ring)
            for polygon in polygons
            for ring in polygon
        )
        shapes.append((code, str(props.get("name") or ""), rings))
    return tuple(shapes)


def height() -> int:
    return round(WIDTH * (_NORTH - _SOUTH) / ((_EAST - _WEST) * _SCALE_X))


def project(latitude: float, longitude: float) -> tuple[float, float]:
    x = (longitude - _WEST) / (_EAST - _WEST) * WIDTH
    y = (_NORTH - latitude) / (_NORTH - _SOUTH) * height()
    return round(x, 1), round(y, 1)


@dataclass(frozen=True)
class MapDot:
    latitude: float
    longitude: float
    label: str
    state: str  # "held", "planned", "locked"


def _path(rings: Iterable[Iterable[tuple[float, float]]]) -> str:
    parts = []
    for ring in rings:
        points = list(ring)
        if len(points) < 3:
            continue
        # Thin the outline: a point per ~1.5 px is plenty at this size.
        kept = [points[0]]
        for point in points[1:]:
            if abs(point[0] - kept[-1][0]) + abs(point[1] - kept[-1][1]) >= 1.5:
                kept.append(point)
        parts.append("M" + "L".join(f"{x},{y}" for x, y in kept) + "Z")
    return "".join(parts)


@lru_cache(maxsize=1)
def _paths() -> tuple[tuple[str, str, str], ...]:
    return tuple((code, name, _path(rings)) for code, name, rings in _provinces())


def china_map(
    *,
    held_provinces: set[str],
    planned_provinces: set[str],
    dots: Iterable[MapDot],
    title: str,
) -> SafeString:
    """The SVG: provinces shaded when covered (held darker than planned), a dot per venue."""
    out = [
        f'<svg class="tour-map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} '
        f'{height()}" role="img" aria-label="{escape(title)}"><title>{escape(title)}</title>'
    ]
    for code, name, path in _paths():
        six = code + "0000" if len(code) == 2 else ""
        state = (
            "held" if six in held_provinces else "planned" if six in planned_provinces else "none"
        )
        out.append(
            f'<path d="{path}" class="province province-{state}" data-province="{escape(six)}">'
            f"<title>{escape(name)}</title></path>"
        )
    for dot in dots:
        x, y = project(dot.latitude, dot.longitude)
        radius = 3.2 if dot.state == "held" else 2.4
        out.append(
            f'<circle cx="{x}" cy="{y}" r="{radius}" class="venue-dot venue-{escape(dot.state)}">'
            f"<title>{escape(dot.label)}</title></circle>"
        )
    out.append("</svg>")
    return mark_safe("".join(out))
