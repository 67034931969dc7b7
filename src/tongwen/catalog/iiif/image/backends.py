"""Rendering backends: libvips (fast, streaming, pyramid-aware) and Pillow (fallback).

Both backends run the same pipeline, in the order the spec prescribes (region, size,
rotation, quality, format), and produce exactly ``request.output_size`` for every request:

1. pick the pyramid level (TIFF page or sub-IFD; JPEG shrink-on-load / draft) with the
   largest downscale factor not exceeding the requested one, so a tile at scale factor 8
   reads the 1/8 level, and crop the region there;
2. normalise to 8-bit sRGB or 8-bit gray, flattening any alpha onto white;
3. resize to the requested size (Lanczos), forcing the exact pixel size;
4. apply the quality: ``default`` keeps colour or gray as stored, ``color`` is RGB,
   ``gray`` uses Rec. 601 luma (as Pillow does, so both backends agree), ``bitonal``
   thresholds that at 128;
5. mirror, then rotate clockwise; arbitrary angles get a transparent background in formats
   with alpha (png, webp, tif) and white in jpg, and are centred on the computed canvas;
6. encode, without metadata.

With libvips, the commonest request — a viewer's tile, lying within one stored tile of a level,
needing no scaling, rotation or other quality, in JPEG — skips the pipeline: the stored JPEG
tile is read from the TIFF, decoded and re-encoded by Pillow (the same libjpeg-turbo, the same
pixels), which costs less than building a libvips pipeline for 256×256 pixels. Levels of tiled
masters stay open between requests (keyed by the file's modification time and size).

Masters: :func:`prepare_source` stores uploads as tiled pyramidal TIFF (JPEG Q90, 256-pixel
tiles, each level a TIFF page, as IIPImage reads them) with libvips, or as a file Pillow can
read (the upload itself when possible) without it. Either backend reads either kind of master.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import logging
import math
import os
import shutil
import struct
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _
from PIL import ExifTags, Image, ImageOps, TiffImagePlugin, UnidentifiedImageError, features

from .request import ALPHA_FORMATS, IIIFError, ImageRequest

if TYPE_CHECKING:
    from .cache import DerivativeCache

__all__ = [
    "Backend",
    "Level",
    "PillowBackend",
    "VipsBackend",
    "choose_level",
    "get_backend",
    "level_crop",
    "prepare_source",
    "render",
    "render_cached",
    "vips_available",
]

#: Tile size of stored masters; info.json's default tile size matches it.
MASTER_TILE_SIZE = 256
MASTER_JPEG_QUALITY = 90
DEFAULT_JPEG_QUALITY = 85
DEFAULT_WEBP_QUALITY = 80
#: Pyramid levels of tiled masters the libvips backend keeps open per process.
OPEN_LEVELS = 64
#: Memory the Pillow backend may spend keeping decoded images between requests.
DEFAULT_DECODED_CACHE_BYTES = 256 * 2**20
_GRAY_WEIGHTS = (0.299, 0.587, 0.114)  # Rec. 601, what Pillow's convert("L") uses
_EPSILON = 1e-9


@dataclass(frozen=True)
class Level:
    """One resolution of a stored image and how to load it."""

    #: Nominal downscale factor relative to the full image (a power of two).
    factor: int
    width: int
    height: int
    #: TIFF page (Pillow frame) holding this level.
    page: int | None = None
    #: TIFF sub-IFD holding this level (pyramids written with ``subifd``).
    subifd: int | None = None
    #: JPEG shrink-on-load (vips ``shrink``, Pillow ``draft``) giving this level.
    shrink: int | None = None


@dataclass(frozen=True)
class _Source:
    width: int
    height: int
    levels: tuple[Level, ...]
    #: Whether reads should stream top to bottom (untiled files).
    sequential: bool
    #: libvips loader operation ("tiffload", "jpegload", …), skipping format sniffing per read.
    loader: str = ""
    #: Modification time (ns) and size of the file this describes.
    stamp: tuple[int, int] = (0, 0)


class Backend(Protocol):
    """What the view and services need from a rendering backend."""

    name: str

    def render(self, path: Path, request: ImageRequest) -> bytes: ...

    def prepare(
        self, src_path: Path, dest_path: Path, *, max_pixels: int | None = None
    ) -> tuple[int, int]: ...

    def dimensions(self, path: Path) -> tuple[int, int]: ...


# --- geometry shared by both backends --------------------------------------------------------


def choose_level(levels: Sequence[Level], request: ImageRequest) -> Level:
    """The level with the largest factor not exceeding the request's downscale factor."""
    _, _, rw, rh = request.region
    w, h = request.size
    shrink = min(rw / w, rh / h)
    best = levels[0]
    for level in levels:
        if best.factor < level.factor <= shrink + _EPSILON:
            best = level
    return best


def level_crop(
    factor: int, level_width: int, level_height: int, request: ImageRequest
) -> tuple[int, int, int, int]:
    """The request's region in the pixels of a level: left, top, right, bottom."""
    x, y, rw, rh = request.region
    x0 = math.floor(x / factor + _EPSILON)
    y0 = math.floor(y / factor + _EPSILON)
    x1 = math.ceil((x + rw) / factor - _EPSILON)
    y1 = math.ceil((y + rh) / factor - _EPSILON)
    x0 = min(max(x0, 0), level_width - 1)
    y0 = min(max(y0, 0), level_height - 1)
    return x0, y0, min(max(x1, x0 + 1), level_width), min(max(y1, y0 + 1), level_height)


def _pyramid(sizes: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """(index, factor) of the leading entries of ``sizes`` that halve the first one."""
    full_w, full_h = sizes[0]
    found = [(0, 1)]
    for index, (w, h) in enumerate(sizes[1:], start=1):
        ratio = full_w / max(w, 1)
        if ratio < 1.5:
            break
        factor = 2 ** round(math.log2(ratio))
        if factor <= found[-1][1] or abs(w - full_w / factor) > 1 or abs(h - full_h / factor) > 1:
            break
        found.append((index, factor))
    return found


def _jpeg_levels(width: int, height: int) -> tuple[Level, ...]:
    reduced = [
        Level(f, width // f, height // f, shrink=f)
        for f in (2, 4, 8)
        if width // f >= 1 and height // f >= 1
    ]
    return (Level(1, width, height), *reduced)


_SOURCES: dict[tuple[str, str, int, int], _Source] = {}
_SOURCES_LOCK = threading.Lock()


def _cached_source(kind: str, path: Path, load: Callable[[Path], _Source]) -> _Source:
    stat = os.stat(path)
    key = (kind, str(path), stat.st_mtime_ns, stat.st_size)
    source = _SOURCES.get(key)
    if source is None:
        source = dataclasses.replace(load(path), stamp=(stat.st_mtime_ns, stat.st_size))
        with _SOURCES_LOCK:
            if len(_SOURCES) >= 4096:
                _SOURCES.clear()
            _SOURCES[key] = source
    return source


def _check_dimensions(source: _Source, request: ImageRequest) -> None:
    if (source.width, source.height) != (request.image_width, request.image_height):
        raise IIIFError(
            500,
            _("The stored image is %(width)d×%(height)d, not %(expected)s as recorded.")
            % {
                "width": source.width,
                "height": source.height,
                "expected": f"{request.image_width}×{request.image_height}",
            },
        )


def _tmp_path(dest: Path) -> Path:
    dest.parent.mkdir(parents=True, exist_ok=True)
    return dest.with_name(f".{dest.name}.{uuid.uuid4().hex}.tmp")


def _too_large(pixels: int, limit: int) -> IIIFError:
    return IIIFError(
        400,
        _("The image has %(pixels)d pixels, more than the limit of %(limit)d.")
        % {"pixels": pixels, "limit": limit},
    )


_JPEG_TILES: OrderedDict[tuple[str, tuple[int, int], int], Any] = OrderedDict()
_JPEG_TILES_LOCK = threading.Lock()


def _jpeg_tile_layout(
    path: Path, stamp: tuple[int, int], page: int
) -> tuple[int, int, bytes, tuple[int, ...], tuple[int, ...], bool] | None:
    """Tile size, JPEG tables, tile offsets and byte counts (and whether the tiles are RGB
    rather than YCbCr) of TIFF page ``page`` when it is
    stored as 8-bit, three-band, interleaved JPEG tiles with shared tables; else ``None``.
    Read once per file version (``stamp``) and page."""
    key = (str(path), stamp, page)
    with _JPEG_TILES_LOCK:
        if key in _JPEG_TILES:
            _JPEG_TILES.move_to_end(key)
            found: Any = _JPEG_TILES[key]
            return found  # type: ignore[no-any-return]
    layout = None
    try:
        with open(path, "rb") as fh:
            header = fh.read(8)
            ifd = TiffImagePlugin.ImageFileDirectory_v2(header)
            for _ in range(page + 1):
                if not ifd.next:
                    raise ValueError("no such page")
                fh.seek(ifd.next)
                ifd = TiffImagePlugin.ImageFileDirectory_v2(header)
                ifd.load(fh)
        bits = ifd.get(258, (8,))
        if (
            ifd.get(259) == 7  # JPEG compression
            and ifd.get(277) == 3  # samples per pixel
            and ifd.get(284, 1) == 1  # interleaved
            and all(b == 8 for b in (bits if isinstance(bits, tuple) else (bits,)))
            and ifd.get(262) in (2, 6)  # RGB (checked per tile, below) or YCbCr
            and ifd.get(347)  # shared JPEG tables
            and ifd.get(322)
            and ifd.get(323)
        ):
            tables = bytes(ifd[347])
            if tables[:2] == b"\xff\xd8" and tables[-2:] == b"\xff\xd9":
                layout = (
                    int(ifd[322]),
                    int(ifd[323]),
                    tables,
                    tuple(ifd[324]),
                    tuple(ifd[325]),
                    ifd[262] == 2,
                )
    except (OSError, ValueError, KeyError, SyntaxError, struct.error):
        layout = None
    with _JPEG_TILES_LOCK:
        _JPEG_TILES[key] = layout
        while len(_JPEG_TILES) > OPEN_LEVELS:
            _JPEG_TILES.popitem(last=False)
    return layout


# --- libvips ---------------------------------------------------------------------------------


def _pyvips() -> Any:
    import pyvips  # type: ignore[import-untyped]

    # pyvips forwards libvips' chatter ("threadpool completed…") to logging at INFO; keep it
    # quiet unless the project's LOGGING configures the "pyvips" logger itself.
    logger = logging.getLogger("pyvips")
    if logger.level == logging.NOTSET:
        logger.setLevel(logging.WARNING)
    return pyvips


@lru_cache(maxsize=1)
def vips_available() -> bool:
    """Whether pyvips imports and libvips loads."""
    try:
        pyvips = _pyvips()
        pyvips.version(0)
    except Exception:  # ImportError, OSError from cffi, pyvips.Error: any means "no"
        return False
    return True


def _vips_normalise(img: Any) -> Any:
    """8-bit sRGB (3 bands) or 8-bit gray (1 band), alpha flattened onto white."""
    colour_bands = img.bands - (1 if img.hasalpha() else 0)
    target = "b-w" if colour_bands < 3 or img.interpretation in ("b-w", "grey16") else "srgb"
    if img.interpretation != target or img.format != "uchar":
        img = img.colourspace(target)
    if img.hasalpha():
        img = img.flatten(background=[255] * (img.bands - 1))
    if img.format != "uchar":
        img = img.cast("uchar")
    if img.bands > (1 if target == "b-w" else 3):
        img = img.extract_band(0, n=1 if target == "b-w" else 3)
    return img


def _vips_exact(img: Any, width: int, height: int) -> Any:
    if img.width > width or img.height > height:
        img = img.crop(0, 0, min(img.width, width), min(img.height, height))
    if img.width < width or img.height < height:
        img = img.embed(0, 0, width, height, extend="copy")
    return img


class VipsBackend:
    """Renders with libvips: tile-level reads of pyramidal TIFF, streaming everything else."""

    name = "vips"

    def __init__(
        self,
        *,
        jpeg_quality: int = DEFAULT_JPEG_QUALITY,
        webp_quality: int = DEFAULT_WEBP_QUALITY,
    ) -> None:
        self.jpeg_quality = jpeg_quality
        self.webp_quality = webp_quality
        self._pyvips = _pyvips()
        modern = self._pyvips.at_least_libvips(8, 15)
        self._keep: dict[str, Any] = {"keep": "none"} if modern else {"strip": True}
        # libvips caches opened files by name: after a master is replaced in place, the first
        # read of each level must bypass that cache ("revalidate", libvips 8.15+).
        self._fresh_option: dict[str, Any] = {"revalidate": True} if modern else {}
        self._fresh: set[tuple[str, tuple[int, int], int]] = set()
        self._fresh_lock = threading.Lock()
        # Tiled masters stay open between requests (one image per level, keyed by the file's
        # stamp, so a replaced master is opened afresh): a tile then reads one stored tile.
        self._opened: OrderedDict[tuple[str, tuple[int, int], int], Any] = OrderedDict()
        self._opened_lock = threading.Lock()

    def _keep_open(self, key: tuple[str, tuple[int, int], int], img: Any) -> None:
        with self._opened_lock:
            self._opened[key] = img
            self._opened.move_to_end(key)
            while len(self._opened) > OPEN_LEVELS:
                self._opened.popitem(last=False)

    def __repr__(self) -> str:
        return "VipsBackend()"

    def _load_source(self, path: Path) -> _Source:
        vips = self._pyvips
        fresh = self._fresh_option
        base = vips.Image.new_from_file(str(path), **fresh)
        fields = set(base.get_fields())
        loader = base.get("vips-loader") if "vips-loader" in fields else ""
        width, height = base.width, base.height
        levels: tuple[Level, ...] = (Level(1, width, height),)
        sequential = True
        if loader == "tiffload":
            sequential = "tile-width" not in fields
            n_subifds = base.get("n-subifds") if "n-subifds" in fields else 0
            n_pages = base.get("n-pages") if "n-pages" in fields else 1
            if n_subifds:
                sizes = [(width, height)]
                for i in range(n_subifds):
                    sub = vips.Image.new_from_file(str(path), subifd=i, **fresh)
                    sizes.append((sub.width, sub.height))
                levels = tuple(
                    Level(f, sizes[i][0], sizes[i][1], subifd=i - 1 if i else None)
                    for i, f in _pyramid(sizes)
                )
            elif n_pages > 1:
                sizes = [(width, height)]
                for i in range(1, n_pages):
                    page = vips.Image.new_from_file(str(path), page=i, **fresh)
                    sizes.append((page.width, page.height))
                levels = tuple(
                    Level(f, sizes[i][0], sizes[i][1], page=i if i else None)
                    for i, f in _pyramid(sizes)
                )
        elif loader == "jpegload":
            levels = _jpeg_levels(width, height)
        return _Source(width, height, levels, sequential, loader)

    def dimensions(self, path: Path) -> tuple[int, int]:
        source = _cached_source(self.name, Path(path), self._load_source)
        return source.width, source.height

    def render(self, path: Path, request: ImageRequest) -> bytes:
        vips = self._pyvips
        path = Path(path)
        source = _cached_source(self.name, path, self._load_source)
        _check_dimensions(source, request)
        level = choose_level(source.levels, request)
        if source.loader == "tiffload" and not source.sequential and level.subifd is None:
            data = self._stored_tile(path, source.stamp, level, request)
            if data is not None:
                return data
        options: dict[str, Any] = {}
        if level.page is not None:
            options["page"] = level.page
        if level.subifd is not None:
            options["subifd"] = level.subifd
        if level.shrink is not None:
            options["shrink"] = level.shrink
        if source.sequential:
            options["access"] = "sequential"
        seen = (str(path), source.stamp, level.factor)
        img = None if source.sequential else self._opened.get(seen)
        if img is None:
            if self._fresh_option and seen not in self._fresh:
                options.update(self._fresh_option)
                with self._fresh_lock:
                    if len(self._fresh) > 50_000:
                        self._fresh.clear()
                    self._fresh.add(seen)
            if not source.sequential:
                options["access"] = "random"
            if source.loader.endswith("load"):  # a file loader: call it directly
                img = vips.Operation.call(source.loader, str(path), **options)
            else:
                img = vips.Image.new_from_file(str(path), **options)
            if not source.sequential:
                self._keep_open(seen, img)

        x0, y0, x1, y1 = level_crop(level.factor, img.width, img.height, request)
        if (x0, y0, x1, y1) != (0, 0, img.width, img.height):
            img = img.crop(x0, y0, x1 - x0, y1 - y0)
        img = _vips_normalise(img)
        width, height = request.size
        if (img.width, img.height) != (width, height):
            img = img.resize(width / img.width, vscale=height / img.height)
            img = _vips_exact(img, width, height)

        quality = request.quality
        if quality == "color" and img.bands == 1:
            img = img.colourspace("srgb")
        elif quality in ("gray", "bitonal") and img.bands == 3:
            img = (img.recomb([list(_GRAY_WEIGHTS)]) + 0.5).cast("uchar")
            img = img.copy(interpretation="b-w")
        if quality == "bitonal":
            img = (img >= 128).copy(interpretation="b-w")

        if source.sequential and (request.mirror or request.rotation):
            img = img.copy_memory()  # flips and rotations read out of order
        if request.mirror:
            img = img.fliphor()
        degrees = request.rotation
        if degrees in (90, 180, 270):
            img = img.rot(f"d{int(degrees)}")
        elif degrees:
            if request.format in ALPHA_FORMATS:
                img = img.bandjoin(255)
                background = [0] * img.bands
            else:
                background = [255] * img.bands
            img = img.rotate(
                degrees,
                background=background,
                interpolate=vips.Interpolate.new("bicubic"),
            )
            out_w, out_h = request.output_size
            img = img.gravity("centre", out_w, out_h, extend="background", background=background)
        return self._encode(img, request)

    def _stored_tile(
        self, path: Path, stamp: tuple[int, int], level: Level, request: ImageRequest
    ) -> bytes | None:
        """The commonest request, a viewer's tile, straight from the one stored JPEG tile it
        lies in: decoded and re-encoded by Pillow's libjpeg-turbo without building a libvips
        pipeline, which costs more than the decoding. ``None`` when the request needs more
        (scaling, rotation, another quality or format, several stored tiles), or the level is
        not stored as 8-bit three-band JPEG tiles: libvips renders those."""
        if request.format != "jpg" or request.quality not in ("default", "color"):
            return None
        if request.rotation or request.mirror:
            return None
        x0, y0, x1, y1 = level_crop(level.factor, level.width, level.height, request)
        if (x1 - x0, y1 - y0) != request.size:
            return None
        layout = _jpeg_tile_layout(path, stamp, level.page or 0)
        if layout is None:
            return None
        tile_w, tile_h, tables, offsets, counts, rgb = layout
        column, row = x0 // tile_w, y0 // tile_h
        if (x1 - 1) // tile_w != column or (y1 - 1) // tile_h != row:
            return None
        index = row * -(-level.width // tile_w) + column
        if index >= len(offsets):
            return None
        fd = os.open(path, os.O_RDONLY)
        try:
            stored = os.pread(fd, counts[index], offsets[index])
        finally:
            os.close(fd)
        if stored[:2] != b"\xff\xd8":
            return None
        # libtiff writes no colour marker, so a decoder takes three components for YCbCr;
        # libvips marks its RGB tiles as such (Adobe APP14, transform 0). Others: libvips.
        if rgb and not (stored[2:4] == b"\xff\xee" and stored[6:11] == b"Adobe" and not stored[17]):
            return None
        try:
            with Image.open(io.BytesIO(tables[:-2] + stored[2:]), formats=("JPEG",)) as img:
                img.load()
                if img.mode != "RGB" or img.size != (tile_w, tile_h):
                    return None
                left, top = column * tile_w, row * tile_h
                box = (x0 - left, y0 - top, x1 - left, y1 - top)
                piece = img if box == (0, 0, tile_w, tile_h) else img.crop(box)
                out = io.BytesIO()
                piece.save(out, "JPEG", quality=self.jpeg_quality)
        except (OSError, SyntaxError, ValueError):  # let libvips read it, or say why not
            return None
        return out.getvalue()

    def _encode(self, img: Any, request: ImageRequest) -> bytes:
        fmt = request.format
        if fmt == "jpg":
            data = img.jpegsave_buffer(Q=self.jpeg_quality, **self._keep)
        elif fmt == "png":
            extra = {"bitdepth": 1} if request.quality == "bitonal" and img.bands == 1 else {}
            data = img.pngsave_buffer(compression=6, **extra, **self._keep)
        elif fmt == "webp":
            data = img.webpsave_buffer(Q=self.webp_quality, **self._keep)
        elif fmt == "tif":
            data = img.tiffsave_buffer(compression="deflate", **self._keep)
        else:  # pragma: no cover - parse_request only lets known formats through
            raise IIIFError(501, _("Unsupported format “%(format)s”.") % {"format": fmt})
        return bytes(data)

    def prepare(
        self, src_path: Path, dest_path: Path, *, max_pixels: int | None = None
    ) -> tuple[int, int]:
        vips = self._pyvips
        src, dest = Path(src_path), Path(dest_path)
        try:
            head = vips.Image.new_from_file(str(src), **self._fresh_option)
        except vips.Error as exc:
            raise IIIFError(400, _("The file is not an image that can be read.")) from exc
        if max_pixels is not None and head.width * head.height > max_pixels:
            raise _too_large(head.width * head.height, max_pixels)
        orientation = head.get("orientation") if "orientation" in head.get_fields() else 1
        rotate = orientation not in (0, 1)
        # Auto-rotation reads out of order; everything else streams.
        img = vips.Image.new_from_file(
            str(src), access="random" if rotate else "sequential", **self._fresh_option
        )
        if rotate:
            img = img.autorot()
        if "icc-profile-data" in img.get_fields() and img.bands >= 3:
            # A broken profile: fall back to treating the pixels as sRGB.
            with contextlib.suppress(vips.Error):
                img = img.icc_transform("srgb", embedded=True)
        img = _vips_normalise(img)
        tmp = _tmp_path(dest)
        try:
            img.tiffsave(
                str(tmp),
                tile=True,
                tile_width=MASTER_TILE_SIZE,
                tile_height=MASTER_TILE_SIZE,
                pyramid=True,
                compression="jpeg",
                Q=MASTER_JPEG_QUALITY,
                bigtiff=img.width * img.height * img.bands > 2**32,
                **self._keep,
            )
            os.replace(tmp, dest)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        return img.width, img.height


# --- Pillow ----------------------------------------------------------------------------------


def _flatten_on_white(img: Image.Image, mode: str) -> Image.Image:
    with_alpha = img.convert("LA" if mode == "L" else "RGBA")
    background = Image.new(mode, img.size, 255 if mode == "L" else (255, 255, 255))
    background.paste(with_alpha.convert(mode), mask=with_alpha.getchannel("A"))
    return background


def _pil_normalise(img: Image.Image) -> Image.Image:
    """8-bit RGB or L, alpha flattened onto white."""
    mode = img.mode
    if mode in ("RGB", "L"):
        return img
    if mode == "1":
        return img.convert("L")
    if mode.startswith("I"):
        return img.convert("I").point(lambda v: v * (1 / 256)).convert("L")
    if mode == "F":
        return img.convert("L")
    if mode in ("LA", "La"):
        return _flatten_on_white(img, "L")
    if mode in ("RGBA", "RGBa", "PA") or (mode == "P" and "transparency" in img.info):
        return _flatten_on_white(img, "RGB")
    return img.convert("RGB")  # P, CMYK, YCbCr, LAB, HSV


def _bytes_per_pixel(mode: str) -> int:
    """Memory Pillow uses per pixel (3-band modes are stored in 4 bytes)."""
    if mode in ("1", "L", "P"):
        return 1
    if mode in ("LA", "La", "PA") or mode.startswith("I;16"):
        return 2
    return 4


def _pil_centre(img: Image.Image, width: int, height: int, fill: Any) -> Image.Image:
    if img.size == (width, height):
        return img
    canvas = Image.new(img.mode, (width, height), fill)
    canvas.paste(img, ((width - img.width) // 2, (height - img.height) // 2))
    return canvas


class PillowBackend:
    """Renders with Pillow only: correct everywhere, slower on large masters."""

    name = "pillow"

    def __init__(
        self,
        *,
        jpeg_quality: int = DEFAULT_JPEG_QUALITY,
        webp_quality: int = DEFAULT_WEBP_QUALITY,
        decoded_cache_bytes: int = DEFAULT_DECODED_CACHE_BYTES,
    ) -> None:
        self.jpeg_quality = jpeg_quality
        self.webp_quality = webp_quality
        # Pillow decodes a whole image (or TIFF page) to read any part of it. Viewers ask for
        # many tiles of one image in a row, so keep the last decoded levels in memory.
        self.decoded_cache_bytes = decoded_cache_bytes
        self._decoded: OrderedDict[tuple[str, int, int, int], tuple[Image.Image, int, int]] = (
            OrderedDict()
        )
        self._decoded_total = 0
        self._decoded_lock = threading.Lock()

    def __repr__(self) -> str:
        return "PillowBackend()"

    def _crop_level(
        self, path: Path, source: _Source, level: Level, request: ImageRequest
    ) -> Image.Image:
        """The request's region, cropped from the chosen level (decoded or remembered)."""
        stat = os.stat(path)
        key = (str(path), stat.st_mtime_ns, stat.st_size, level.factor)
        with self._decoded_lock:
            cached = self._decoded.get(key)
            if cached is not None:
                self._decoded.move_to_end(key)
        if cached is not None:
            decoded, factor, _size = cached
            return decoded.crop(level_crop(factor, decoded.width, decoded.height, request))
        with self._open(path) as im:
            factor = level.factor
            if level.page is not None:
                im.seek(level.page)
            elif level.shrink is not None:
                im.draft(im.mode, (source.width // factor, source.height // factor))
                factor = 2 ** round(math.log2(source.width / im.size[0]))
            size = im.width * im.height * _bytes_per_pixel(im.mode)
            if size > self.decoded_cache_bytes:
                return im.crop(level_crop(factor, im.width, im.height, request))
            decoded = im.crop((0, 0, im.width, im.height))  # decode the level once
        with self._decoded_lock:
            if key not in self._decoded:
                self._decoded[key] = (decoded, factor, size)
                self._decoded_total += size
            while self._decoded_total > self.decoded_cache_bytes:
                _key, (_img, _factor, old_size) = self._decoded.popitem(last=False)
                self._decoded_total -= old_size
        return decoded.crop(level_crop(factor, decoded.width, decoded.height, request))

    @staticmethod
    def _open(path: Path) -> Image.Image:
        try:
            return Image.open(path)
        except Image.DecompressionBombError as exc:
            raise IIIFError(
                500, _("The stored image is too large for the Pillow backend; use libvips.")
            ) from exc

    def _load_source(self, path: Path) -> _Source:
        with self._open(path) as im:
            width, height = im.size
            levels: tuple[Level, ...] = (Level(1, width, height),)
            if im.format == "TIFF" and getattr(im, "n_frames", 1) > 1:
                sizes: list[tuple[int, int]] = []
                for i in range(im.n_frames):
                    im.seek(i)
                    sizes.append(im.size)
                levels = tuple(
                    Level(f, sizes[i][0], sizes[i][1], page=i if i else None)
                    for i, f in _pyramid(sizes)
                )
            elif im.format == "JPEG":
                levels = _jpeg_levels(width, height)
        return _Source(width, height, levels, sequential=False)

    def dimensions(self, path: Path) -> tuple[int, int]:
        source = _cached_source(self.name, Path(path), self._load_source)
        return source.width, source.height

    def render(self, path: Path, request: ImageRequest) -> bytes:
        path = Path(path)
        source = _cached_source(self.name, path, self._load_source)
        _check_dimensions(source, request)
        level = choose_level(source.levels, request)
        img = _pil_normalise(self._crop_level(path, source, level, request))
        if img.size != request.size:
            img = img.resize(request.size, Image.Resampling.LANCZOS)

        quality = request.quality
        if quality == "color" and img.mode == "L":
            img = img.convert("RGB")
        elif quality in ("gray", "bitonal") and img.mode == "RGB":
            img = img.convert("L")
        if quality == "bitonal":
            img = img.point(lambda v: 255 if v >= 128 else 0)

        if request.mirror:
            img = img.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
        degrees = request.rotation
        if degrees == 90:
            img = img.transpose(Image.Transpose.ROTATE_270)  # Pillow turns anticlockwise
        elif degrees == 180:
            img = img.transpose(Image.Transpose.ROTATE_180)
        elif degrees == 270:
            img = img.transpose(Image.Transpose.ROTATE_90)
        elif degrees:
            fill: Any
            if request.format in ALPHA_FORMATS:
                img = img.convert("LA" if img.mode == "L" else "RGBA")
                fill = (0, 0) if img.mode == "LA" else (0, 0, 0, 0)
            else:
                fill = 255 if img.mode == "L" else (255, 255, 255)
            img = img.rotate(
                -degrees, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=fill
            )
            img = _pil_centre(img, *request.output_size, fill)
        return self._encode(img, request)

    def _encode(self, img: Image.Image, request: ImageRequest) -> bytes:
        buf = io.BytesIO()
        fmt = request.format
        if fmt == "jpg":
            img.save(buf, "JPEG", quality=self.jpeg_quality)
        elif fmt == "png":
            if request.quality == "bitonal" and img.mode == "L":
                img = img.convert("1", dither=Image.Dither.NONE)
            img.save(buf, "PNG", compress_level=6)
        elif fmt == "webp":
            if not features.check("webp"):
                raise IIIFError(501, _("This server's Pillow cannot write WebP."))
            img.save(buf, "WEBP", quality=self.webp_quality)
        elif fmt == "tif":
            img.save(buf, "TIFF", compression="tiff_adobe_deflate")
        else:  # pragma: no cover - parse_request only lets known formats through
            raise IIIFError(501, _("Unsupported format “%(format)s”.") % {"format": fmt})
        return buf.getvalue()

    def prepare(
        self, src_path: Path, dest_path: Path, *, max_pixels: int | None = None
    ) -> tuple[int, int]:
        src, dest = Path(src_path), Path(dest_path)
        tmp = _tmp_path(dest)
        try:
            with Image.open(src) as im:
                width, height = im.size
                if max_pixels is not None and width * height > max_pixels:
                    raise _too_large(width * height, max_pixels)
                orientation = im.getexif().get(ExifTags.Base.Orientation, 1)
                im.load()  # surface truncated or undecodable files now, not at view time
                if im.format in ("JPEG", "PNG", "TIFF") and orientation in (0, 1):
                    shutil.copyfile(src, tmp)
                else:
                    img = _pil_normalise(ImageOps.exif_transpose(im))
                    width, height = img.size
                    img.save(tmp, "TIFF", compression="tiff_adobe_deflate")
            os.replace(tmp, dest)
        except Image.DecompressionBombError as exc:
            tmp.unlink(missing_ok=True)
            raise IIIFError(400, _("The image is too large to process safely.")) from exc
        except (UnidentifiedImageError, OSError) as exc:
            tmp.unlink(missing_ok=True)
            raise IIIFError(400, _("The file is not an image that can be read.")) from exc
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        return width, height


# --- entry points ----------------------------------------------------------------------------

_BACKENDS: dict[str, Backend] = {}
_BACKENDS_LOCK = threading.Lock()


def get_backend(name: str | None = None) -> Backend:
    """The backend named by the ``TONGWEN_IIIF_BACKEND`` setting: vips, pillow or auto.

    ``auto`` (or ``None``) picks libvips when pyvips imports and libvips loads, else Pillow.
    Backends are shared, thread-safe singletons.
    """
    key = (name or "auto").strip().lower()
    if key == "auto":
        key = "vips" if vips_available() else "pillow"
    if key not in ("vips", "pillow"):
        raise ImproperlyConfigured(
            f"Unknown IIIF image backend {name!r}; use 'auto', 'vips' or 'pillow'."
        )
    if key == "vips" and not vips_available():
        raise ImproperlyConfigured("The IIIF image backend 'vips' needs pyvips and libvips.")
    with _BACKENDS_LOCK:
        backend = _BACKENDS.get(key)
        if backend is None:
            backend = VipsBackend() if key == "vips" else PillowBackend()
            _BACKENDS[key] = backend
    return backend


def render(path: Path | str, request: ImageRequest, backend: Backend) -> bytes:
    """Render ``request`` from the master at ``path``; the bytes are in ``request.format``."""
    return backend.render(Path(path), request)


def render_cached(
    path: Path | str,
    request: ImageRequest,
    backend: Backend,
    cache: DerivativeCache,
    image_id: str,
) -> tuple[bytes, bool]:
    """Render through ``cache``; returns the bytes and whether they came from the cache."""
    data = cache.get(image_id, request.canonical)
    if data is not None:
        return data, True
    data = backend.render(Path(path), request)
    cache.put(image_id, request.canonical, data)
    return data, False


def prepare_source(
    src_path: Path | str,
    dest_path: Path | str,
    backend: Backend,
    *,
    max_pixels: int | None = None,
) -> tuple[int, int]:
    """Turn an uploaded JPEG/PNG/TIFF into the stored master; returns its width and height.

    With libvips the master is a tiled pyramidal TIFF (JPEG Q90, 256-pixel tiles), EXIF
    orientation applied, converted to sRGB (or kept gray). With Pillow it is the upload itself
    when it can be served as is, else a lossless TIFF. The master is written to a temporary
    file and moved into place, so readers never see half a file. Raises :class:`IIIFError`
    (400) for unreadable files and images above ``max_pixels``.
    """
    return backend.prepare(Path(src_path), Path(dest_path), max_pixels=max_pixels)
