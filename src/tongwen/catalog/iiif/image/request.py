"""Parsing and resolving IIIF Image API 3.0 image requests.

``parse_request`` turns the five path segments of an image request
(``{region}/{size}/{rotation}/{quality}.{format}``) into an :class:`ImageRequest` whose
geometry is fully resolved in pixels: the region clipped to the image, the scaled size, the
rotation and the size of the returned image after rotation. Anything wrong raises
:class:`IIIFError` carrying the HTTP status the view should answer with.

Behaviour follows https://iiif.io/api/image/3.0/ and what iiif-validator 1.0.5 checks:

* region ``full``, ``square`` (centred), ``x,y,w,h`` and ``pct:x,y,w,h``; regions reaching past
  the edge are cropped at the edge; zero-sized regions or regions entirely outside are 400.
* size ``max``, ``w,``, ``,h``, ``pct:n``, ``w,h``, ``!w,h`` and their ``^`` forms. Without
  ``^`` any size larger than the region is 400 — including ``!w,h`` whose box is larger than
  the region on both sides, which the validator's ``size_noup`` test requires to fail.
  ``max`` is constrained by ``maxWidth``/``maxHeight``/``maxArea``; explicit sizes beyond them
  are 400. ``^max`` scales to those limits.
* rotation ``n`` and ``!n`` with ``n`` any number from 0 to 360 (mirroring first, then
  clockwise rotation); the returned image is the bounding box of the rotated content.
* quality ``default``, ``color``, ``gray``, ``bitonal``; format ``jpg``, ``png``, ``webp``, ``tif``.

Limits: besides the service's declared size limits, ``max_pixels`` bounds the pixel count of
any returned image (after rotation), protecting the server from huge renders. When the caller
declares caps (a user who may view but not download), the zoom cap (``restrict_zoom``) also
refuses, with 403, requests for details finer than the capped full image would show, so tiles
cannot be stitched into a full-resolution copy.

The ``canonical`` string is the canonical form of the request (spec section 4.8) and doubles
as the derivative cache key. To make it unambiguous whatever limits the requester had, ``max``
appears only when the region is returned at its full pixel size; a size constrained by limits
is written ``w,h`` (a valid equivalent URI for the same image).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

__all__ = [
    "DEFAULT_MAX_PIXELS",
    "FORMATS",
    "MEDIA_TYPES",
    "QUALITIES",
    "IIIFError",
    "ImageRequest",
    "Limits",
    "effective_limits",
    "parse_request",
    "rotated_size",
]

#: Largest image (in pixels, after rotation) the engine will produce for one request.
DEFAULT_MAX_PIXELS = 100_000_000

#: Output formats the engine supports, with their media types.
MEDIA_TYPES: dict[str, str] = {
    "jpg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
    "tif": "image/tiff",
}
FORMATS = frozenset(MEDIA_TYPES)
#: Formats whose encoders keep an alpha channel (transparent corners for arbitrary rotation).
ALPHA_FORMATS = frozenset({"png", "webp", "tif"})
QUALITIES = frozenset({"default", "color", "gray", "bitonal"})

_NUMBER = r"(?:\d+(?:\.\d+)?|\.\d+)"
_REGION_PX = re.compile(r"^(\d+),(\d+),(\d+),(\d+)$")
_REGION_PCT = re.compile(rf"^pct:({_NUMBER}),({_NUMBER}),({_NUMBER}),({_NUMBER})$")
_SIZE = re.compile(
    rf"^(?P<up>\^)?(?:(?P<max>max)|pct:(?P<pct>{_NUMBER})|(?P<bang>!)?(?P<w>\d+)?,(?P<h>\d+)?)$"
)
_ROTATION = re.compile(rf"^(?P<mirror>!)?(?P<deg>{_NUMBER})$")
_EPSILON = 1e-9


class IIIFError(Exception):
    """A request the engine refuses; ``status`` is the HTTP status to answer with."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"IIIFError({self.status}, {self.message!r})"


@dataclass(frozen=True)
class Limits:
    """The size limits in force for one image and one requester."""

    max_width: int
    max_height: int
    max_area: int
    #: Whether maxArea must be declared in info.json (it bites below maxWidth × maxHeight).
    declare_area: bool
    #: Largest permitted ratio of output pixels to full-image pixels (1.0 = no zoom cap).
    zoom_cap: float


@dataclass(frozen=True)
class ImageRequest:
    """A fully resolved image request. All sizes are in pixels."""

    #: Size of the full image the request was resolved against.
    image_width: int
    image_height: int
    #: Region of the full image: x, y, width, height, clipped to the image.
    region: tuple[int, int, int, int]
    #: Size the region is scaled to, before rotation.
    size: tuple[int, int]
    #: Clockwise rotation in degrees, 0 <= rotation < 360.
    rotation: float
    #: Mirror on the vertical axis before rotating.
    mirror: bool
    quality: str
    format: str
    #: Size of the returned image, after rotation.
    output_size: tuple[int, int]
    #: Canonical ``region/size/rotation/quality.format`` (also the cache key).
    canonical: str

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self.format]

    @property
    def is_full_region(self) -> bool:
        return self.region == (0, 0, self.image_width, self.image_height)

    @property
    def upscaled(self) -> bool:
        return self.size[0] > self.region[2] or self.size[1] > self.region[3]


def effective_limits(
    width: int,
    height: int,
    *,
    max_width: int | None = None,
    max_height: int | None = None,
    max_area: int | None = None,
    max_pixels: int = DEFAULT_MAX_PIXELS,
) -> Limits:
    """Combine the caller's caps with the engine's own limits.

    Without caps the limits are the image's own dimensions: the service supports upscaling
    (``^``), which the spec says must come with ``maxWidth`` or ``maxArea``, and rendering
    beyond the native full size of the image serves nobody. ``maxHeight`` defaults to
    ``maxWidth`` when only the latter is given, as clients are told to infer.
    """
    if width < 1 or height < 1:
        raise ValueError("image dimensions must be positive")
    for name, value in (("max_width", max_width), ("max_height", max_height)):
        if value is not None and value < 1:
            raise ValueError(f"{name} must be positive")
    if max_area is not None and max_area < 1:
        raise ValueError("max_area must be positive")
    mw = max_width if max_width is not None else width
    if max_height is not None:
        mh = max_height
    elif max_width is not None:
        mh = max_width
    else:
        mh = height
    area_caps = [a for a in (max_area, max_pixels) if a is not None]
    ma = min(area_caps)
    cap = 1.0
    if max_width is not None or max_height is not None:
        cap = min(cap, mw / width, mh / height)
    if max_area is not None:
        cap = min(cap, math.sqrt(max_area / (width * height)))
    return Limits(
        max_width=mw,
        max_height=mh,
        max_area=ma,
        declare_area=ma < mw * mh,
        zoom_cap=cap,
    )


def rotated_size(width: int, height: int, degrees: float) -> tuple[int, int]:
    """Size of the bounding box of a ``width`` × ``height`` image rotated by ``degrees``."""
    turns = degrees / 90
    if abs(turns - round(turns)) < _EPSILON:
        return (height, width) if round(turns) % 2 else (width, height)
    rad = math.radians(degrees)
    c, s = abs(math.cos(rad)), abs(math.sin(rad))
    return (
        max(1, math.ceil(width * c + height * s - 1e-6)),
        max(1, math.ceil(width * s + height * c - 1e-6)),
    )


def _round(value: float) -> int:
    """Round half up (Python's ``round`` rounds half to even)."""
    return math.floor(value + 0.5)


def _format_number(value: float) -> str:
    """Canonical number: an integer where possible, else a float without trailing zeros."""
    if abs(value - round(value)) < _EPSILON:
        return str(round(value))
    text = f"{value:.10f}".rstrip("0").rstrip(".")
    return text if text else "0"


def _parse_region(region: str, width: int, height: int) -> tuple[int, int, int, int]:
    if region == "full":
        return (0, 0, width, height)
    if region == "square":
        side = min(width, height)
        return ((width - side) // 2, (height - side) // 2, side, side)
    match = _REGION_PX.match(region)
    if match:
        x, y, w, h = (int(g) for g in match.groups())
    else:
        match = _REGION_PCT.match(region)
        if not match:
            raise IIIFError(400, _("Invalid region “%(region)s”.") % {"region": region[:100]})
        px, py, pw, ph = (float(g) for g in match.groups())
        if pw == 0 or ph == 0:
            raise IIIFError(400, _("The region has zero width or height."))
        if px >= 100 or py >= 100:
            raise IIIFError(400, _("The region lies entirely outside the image."))
        x, y = _round(px * width / 100), _round(py * height / 100)
        x2 = min(width, _round((px + pw) * width / 100))
        y2 = min(height, _round((py + ph) * height / 100))
        w, h = max(1, x2 - x), max(1, y2 - y)
    if w == 0 or h == 0:
        raise IIIFError(400, _("The region has zero width or height."))
    if x >= width or y >= height:
        raise IIIFError(400, _("The region lies entirely outside the image."))
    return (x, y, min(w, width - x), min(h, height - y))


def _fit(rw: int, rh: int, scale: float, limits: Limits) -> tuple[int, int]:
    """Scale the region by ``scale``, rounding down so the result stays within ``limits``."""
    w = max(1, min(limits.max_width, math.floor(rw * scale + _EPSILON)))
    h = max(1, min(limits.max_height, math.floor(rh * scale + _EPSILON)))
    while w * h > limits.max_area and (w > 1 or h > 1):
        if w >= h:
            w -= 1
        else:
            h -= 1
    return (w, h)


def _limit_scale(rw: int, rh: int, limits: Limits) -> float:
    return min(
        limits.max_width / rw,
        limits.max_height / rh,
        math.sqrt(limits.max_area / (rw * rh)),
    )


def _parse_size(size: str, rw: int, rh: int, limits: Limits) -> tuple[int, int]:
    match = _SIZE.match(size)
    if not match:
        raise IIIFError(400, _("Invalid size “%(size)s”.") % {"size": size[:100]})
    upscale = bool(match["up"])
    if match["max"]:
        scale = _limit_scale(rw, rh, limits)
        if not upscale:
            scale = min(1.0, scale)
        return _fit(rw, rh, scale, limits)
    if match["pct"] is not None:
        pct = float(match["pct"])
        if pct == 0:
            raise IIIFError(400, _("The requested size is zero."))
        if pct > 100 and not upscale:
            raise IIIFError(
                400, _("Sizes above 100%% need the “^” prefix (got %(size)s).") % {"size": size}
            )
        w, h = _round(rw * pct / 100), _round(rh * pct / 100)
        if w < 1 or h < 1:
            raise IIIFError(400, _("The requested size is less than one pixel."))
        return (w, h)
    w_text, h_text = match["w"], match["h"]
    if match["bang"]:
        if w_text is None or h_text is None:
            raise IIIFError(400, _("Invalid size “%(size)s”.") % {"size": size[:100]})
        bw, bh = int(w_text), int(h_text)
        if bw == 0 or bh == 0:
            raise IIIFError(400, _("The requested size is zero."))
        scale = min(bw / rw, bh / rh)
        if scale > 1 + _EPSILON and not upscale:
            raise IIIFError(
                400,
                _("Size %(size)s would enlarge the region; use “^” to allow upscaling.")
                % {"size": size},
            )
        scale = min(scale, _limit_scale(rw, rh, limits))
        w = max(1, min(bw, _round(rw * scale)))
        h = max(1, min(bh, _round(rh * scale)))
        return (w, h)
    if w_text is None and h_text is None:
        raise IIIFError(400, _("Invalid size “%(size)s”.") % {"size": size[:100]})
    if w_text is not None and h_text is not None:
        w, h = int(w_text), int(h_text)
    elif w_text is not None:
        w = int(w_text)
        h = _round(rh * w / rw)
    else:
        h = int(h_text)
        w = _round(rw * h / rh)
    if (w_text is not None and int(w_text) == 0) or (h_text is not None and int(h_text) == 0):
        raise IIIFError(400, _("The requested size is zero."))
    if w < 1 or h < 1:
        raise IIIFError(400, _("The requested size is less than one pixel."))
    if (w > rw or h > rh) and not upscale:
        raise IIIFError(
            400,
            _("Size %(size)s is larger than the region (%(width)d×%(height)d); use “^” to upscale.")
            % {"size": size, "width": rw, "height": rh},
        )
    return (w, h)


def _parse_rotation(rotation: str) -> tuple[float, bool]:
    match = _ROTATION.match(rotation)
    if not match:
        raise IIIFError(400, _("Invalid rotation “%(rotation)s”.") % {"rotation": rotation[:100]})
    degrees = float(match["deg"])
    if degrees > 360:
        raise IIIFError(
            400,
            _("Rotation must be between 0 and 360 degrees, got %(rotation)s.")
            % {"rotation": rotation[:100]},
        )
    if abs(degrees - round(degrees)) < _EPSILON:
        degrees = float(round(degrees))
    if degrees >= 360:
        degrees = 0.0
    return degrees, bool(match["mirror"])


def parse_request(
    region: str,
    size: str,
    rotation: str,
    quality: str,
    fmt: str,
    *,
    width: int,
    height: int,
    max_width: int | None = None,
    max_height: int | None = None,
    max_area: int | None = None,
    max_pixels: int = DEFAULT_MAX_PIXELS,
    restrict_zoom: bool = True,
) -> ImageRequest:
    """Validate and resolve one image request against an image of ``width`` × ``height``.

    ``max_width``/``max_height``/``max_area`` are the caps declared in info.json for this
    requester (``None`` when uncapped); pass the same values to :func:`~.info.info`.
    ``max_pixels`` bounds every returned image. With ``restrict_zoom`` (the default) a capped
    requester may not fetch any region at a finer resolution than the capped full image.

    Raises :class:`IIIFError` with status 400 for syntax errors and sizes outside the limits,
    403 for details finer than the zoom cap allows.
    """
    limits = effective_limits(
        width,
        height,
        max_width=max_width,
        max_height=max_height,
        max_area=max_area,
        max_pixels=max_pixels,
    )
    # Cheap checks on the last segments first, so a bad format is reported as such.
    if quality not in QUALITIES:
        raise IIIFError(400, _("Unsupported quality “%(quality)s”.") % {"quality": quality[:100]})
    if fmt not in FORMATS:
        raise IIIFError(400, _("Unsupported format “%(format)s”.") % {"format": fmt[:100]})
    # Numbers too long to convert (ValueError) or too large for a float (OverflowError) are
    # refused as malformed, never left to end as a server error.
    try:
        x, y, rw, rh = _parse_region(region, width, height)
    except (OverflowError, ValueError):
        raise IIIFError(400, _("Invalid region “%(region)s”.") % {"region": region[:100]}) from None
    try:
        w, h = _parse_size(size, rw, rh, limits)
    except (OverflowError, ValueError):
        raise IIIFError(400, _("Invalid size “%(size)s”.") % {"size": size[:100]}) from None
    try:
        degrees, mirror = _parse_rotation(rotation)
    except (OverflowError, ValueError):
        raise IIIFError(
            400, _("Invalid rotation “%(rotation)s”.") % {"rotation": rotation[:100]}
        ) from None

    if w > limits.max_width or h > limits.max_height or w * h > limits.max_area:
        raise IIIFError(
            400,
            _(
                "The requested size %(width)d×%(height)d exceeds the limits for this image "
                "(at most %(max_width)d×%(max_height)d and %(max_area)d pixels)."
            )
            % {
                "width": w,
                "height": h,
                "max_width": limits.max_width,
                "max_height": limits.max_height,
                "max_area": limits.max_area,
            },
        )
    if (
        restrict_zoom
        and limits.zoom_cap < 1
        and (w > rw * limits.zoom_cap + 1 or h > rh * limits.zoom_cap + 1)
    ):
        raise IIIFError(
            403,
            _("This image may only be viewed at up to %(percent)s%% of its full resolution.")
            % {"percent": _format_number(round(limits.zoom_cap * 100, 2))},
        )
    out_w, out_h = rotated_size(w, h, degrees)
    if out_w * out_h > max_pixels:
        raise IIIFError(
            400,
            _("The requested image of %(pixels)d pixels exceeds the limit of %(limit)d pixels.")
            % {"pixels": out_w * out_h, "limit": max_pixels},
        )

    region_part = "full" if (x, y, rw, rh) == (0, 0, width, height) else f"{x},{y},{rw},{rh}"
    if (w, h) == (rw, rh):
        size_part = "max"
    elif w > rw or h > rh:
        size_part = f"^{w},{h}"
    else:
        size_part = f"{w},{h}"
    rotation_part = ("!" if mirror else "") + _format_number(degrees)
    canonical = f"{region_part}/{size_part}/{rotation_part}/{quality}.{fmt}"
    return ImageRequest(
        image_width=width,
        image_height=height,
        region=(x, y, rw, rh),
        size=(w, h),
        rotation=degrees,
        mirror=mirror,
        quality=quality,
        format=fmt,
        output_size=(out_w, out_h),
        canonical=canonical,
    )
