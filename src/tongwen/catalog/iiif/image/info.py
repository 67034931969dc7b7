"""The IIIF Image API 3.0 image information document (info.json) and related headers.

The service declares ``level2`` and lists, in ``extraQualities``/``extraFormats``/
``extraFeatures``, exactly what the engine supports beyond the level 2 profile document
(http://iiif.io/api/image/3/level2.json, which names only the ``default`` quality, ``jpg`` and
``png``, and the region/size/90°-rotation/HTTP features of level 2):

* qualities ``color``, ``gray``, ``bitonal`` (the spec says every quality besides ``default``
  must be listed);
* formats ``webp`` and ``tif``;
* features ``mirroring``, ``rotationArbitrary``, ``sizeUpscaling``, plus the HTTP features the
  view promises (``canonicalLinkHeader``, ``profileLinkHeader`` by default).

Because ``sizeUpscaling`` is offered, ``maxWidth``/``maxHeight`` are always declared (the spec
requires ``maxWidth`` or ``maxArea`` with upscaling); without caps they equal the image size.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from .request import (
    DEFAULT_MAX_PIXELS,
    ImageRequest,
    Limits,
    effective_limits,
)

__all__ = [
    "CONTEXT",
    "EXTRA_FEATURES",
    "EXTRA_FORMATS",
    "EXTRA_QUALITIES",
    "HTTP_FEATURES",
    "PROFILE",
    "PROFILE_URI",
    "PROTOCOL",
    "info",
    "link_header",
    "scale_factors",
]

CONTEXT = "http://iiif.io/api/image/3/context.json"
PROTOCOL = "http://iiif.io/api/image"
PROFILE = "level2"
PROFILE_URI = "http://iiif.io/api/image/3/level2.json"
#: Media type of info.json when the client accepts JSON-LD (or sends no Accept header).
JSONLD_MEDIA_TYPE = f'application/ld+json;profile="{CONTEXT}"'

EXTRA_QUALITIES = ("color", "gray", "bitonal")
EXTRA_FORMATS = ("webp", "tif")
#: Image features the engine implements beyond the level 2 profile.
EXTRA_FEATURES = ("mirroring", "rotationArbitrary", "sizeUpscaling")
#: Optional HTTP features the view is expected to provide (see the package docstring).
HTTP_FEATURES = ("canonicalLinkHeader", "profileLinkHeader")
_OPTIONAL_HTTP_FEATURES = frozenset(HTTP_FEATURES)
#: Smallest edge worth listing under ``sizes``.
_MIN_LISTED_SIZE = 64


def scale_factors(width: int, height: int, tile_size: int) -> list[int]:
    """Powers of two from 1 until the whole image fits in a single tile."""
    factors = [1]
    while math.ceil(max(width, height) / factors[-1]) > tile_size:
        factors.append(factors[-1] * 2)
    return factors


def _within(w: int, h: int, rw: int, rh: int, limits: Limits, restrict_zoom: bool) -> bool:
    if w > limits.max_width or h > limits.max_height or w * h > limits.max_area:
        return False
    if restrict_zoom and limits.zoom_cap < 1:
        return w <= rw * limits.zoom_cap + 1 and h <= rh * limits.zoom_cap + 1
    return True


def info(
    identifier_url: str,
    width: int,
    height: int,
    *,
    max_width: int | None = None,
    max_height: int | None = None,
    max_area: int | None = None,
    tile_size: int = 256,
    max_pixels: int = DEFAULT_MAX_PIXELS,
    restrict_zoom: bool = True,
    http_features: Iterable[str] = HTTP_FEATURES,
    rights: str | None = None,
) -> dict[str, Any]:
    """Build info.json for the image service at ``identifier_url``.

    ``identifier_url`` is the service's base URI (``…/iiif/3/<identifier>``), without a
    trailing slash or ``/info.json``; the validator requires ``id`` to equal the URL info.json
    was requested at minus ``/info.json``. Pass the same caps as to
    :func:`~.request.parse_request` for this requester. ``tile_size`` is 256 or 512 (the
    masters are tiled at 256, so 256 is cheapest). ``rights`` is a Creative Commons or
    RightsStatements.org URI.
    """
    if tile_size < 1:
        raise ValueError("tile_size must be positive")
    features = list(http_features)
    unknown = set(features) - _OPTIONAL_HTTP_FEATURES
    if unknown:
        raise ValueError(f"unknown HTTP features: {sorted(unknown)}")
    limits = effective_limits(
        width,
        height,
        max_width=max_width,
        max_height=max_height,
        max_area=max_area,
        max_pixels=max_pixels,
    )
    doc: dict[str, Any] = {
        "@context": CONTEXT,
        "id": identifier_url.rstrip("/"),
        "type": "ImageService3",
        "protocol": PROTOCOL,
        "profile": PROFILE,
        "width": width,
        "height": height,
        "maxWidth": limits.max_width,
        "maxHeight": limits.max_height,
    }
    if limits.declare_area:
        doc["maxArea"] = limits.max_area

    factors = scale_factors(width, height, tile_size)
    sizes: list[tuple[int, int]] = []
    for factor in factors:
        w, h = math.ceil(width / factor), math.ceil(height / factor)
        if max(w, h) < _MIN_LISTED_SIZE and sizes:
            break
        if _within(w, h, width, height, limits, restrict_zoom):
            sizes.append((w, h))
    # The largest size the requester may have (the ``max`` size), if not already listed.
    scale = min(
        1.0,
        limits.max_width / width,
        limits.max_height / height,
        math.sqrt(limits.max_area / (width * height)),
    )
    if scale < 1:
        top = (
            max(1, min(limits.max_width, math.floor(width * scale + 1e-9))),
            max(1, min(limits.max_height, math.floor(height * scale + 1e-9))),
        )
        if top not in sizes and top[0] * top[1] <= limits.max_area:
            sizes.append(top)
    doc["sizes"] = [{"width": w, "height": h} for w, h in sorted(set(sizes))]

    tile_fits = (
        tile_size <= limits.max_width
        and tile_size <= limits.max_height
        and tile_size * tile_size <= limits.max_area
    )
    if tile_fits:
        allowed = factors
        if restrict_zoom and limits.zoom_cap < 1:
            allowed = [f for f in factors if tile_size <= tile_size * f * limits.zoom_cap + 1]
            if not allowed:
                factor = factors[-1]
                while tile_size > tile_size * factor * limits.zoom_cap + 1:
                    factor *= 2
                allowed = [factor]
        doc["tiles"] = [{"width": tile_size, "height": tile_size, "scaleFactors": allowed}]

    if rights:
        doc["rights"] = rights
    doc["extraQualities"] = list(EXTRA_QUALITIES)
    doc["extraFormats"] = list(EXTRA_FORMATS)
    doc["extraFeatures"] = sorted({*EXTRA_FEATURES, *features})
    return doc


def link_header(identifier_url: str, request: ImageRequest | None = None) -> str:
    """Value of the ``Link`` header: the profile, and for images the canonical URI.

    Written ``<uri>;rel="…"`` without a space before ``;``, which is what iiif-validator's
    link parser expects.
    """
    links = []
    if request is not None:
        links.append(f'<{identifier_url.rstrip("/")}/{request.canonical}>;rel="canonical"')
    links.append(f'<{PROFILE_URI}>;rel="profile"')
    return ", ".join(links)
