"""Generated stand-in images for the demo collection.

None of these is a photograph of a real object: each is drawn from a seed (the resource's
slug and the page number), so the same call always gives the same picture, and every picture
is stamped "SAMPLE IMAGE" (with "示例图像" when a CJK font is installed). The drawing only
evokes the kind of object: a woodblock leaf with its frame, column lines and fish-tail
centre; a rubbing as light strokes on an inked ground; a blue-green or ink landscape on a
long handscroll; a grid map; a photograph; an exhibition panel; a modern book cover.

Only Pillow is used, and no font needs to be present: Pillow's built-in font draws the
Latin stamp.
"""

from __future__ import annotations

import functools
import io
import itertools
import math
import random
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont, ImageOps

RGB = tuple[int, int, int]
Point = tuple[float, float]

STAMP_LATIN = "SAMPLE IMAGE"
STAMP_CJK = "示例图像"
#: Long edges stay within these bounds at scale 1, as the brief for demo images asks.
MIN_LONG_EDGE = 1500
MAX_LONG_EDGE = 4000
JPEG_QUALITY = 84


@dataclass(frozen=True)
class Picture:
    """One encoded image, ready for the image store."""

    data: bytes
    width: int
    height: int
    media_type: str = "image/jpeg"
    extension: str = "jpg"


# Fonts ------------------------------------------------------------------------------------


@functools.cache
def cjk_font_path() -> str | None:
    """The first installed font that covers Chinese, or None: the stamp then stays Latin."""
    if shutil.which("fc-list") is None:
        return None
    try:
        listed = subprocess.run(
            ["fc-list", ":lang=zh", "file"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    paths = sorted(
        line.strip().rstrip(":")
        for line in listed.splitlines()
        if line.strip().lower().endswith((".ttf:", ".otf:", ".ttc:", ".ttf", ".otf", ".ttc"))
    )
    for path in paths:
        try:
            ImageFont.truetype(path, 12)
        except OSError:
            continue
        return path
    return None


def _font(size: int, *, cjk: bool) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    path = cjk_font_path() if cjk else None
    if path is not None:
        return ImageFont.truetype(path, size)
    return ImageFont.load_default(size=size)


def stamp_text() -> str:
    return f"{STAMP_LATIN} · {STAMP_CJK}" if cjk_font_path() else STAMP_LATIN


# Shared drawing helpers ---------------------------------------------------------------------


def _noise(
    rng: random.Random, size: tuple[int, int], cell: int, low: int, high: int
) -> Image.Image:
    """Smooth value noise: random bytes on a grid of ``cell`` pixels, scaled up, low..high."""
    w, h = size
    span = high - low
    if cell <= 1:
        grain = Image.frombytes("L", size, rng.randbytes(w * h))
        return grain.point(lambda v: low + v * span // 255)
    cw, ch = max(2, w // cell + 2), max(2, h // cell + 2)
    coarse = Image.frombytes("L", (cw, ch), rng.randbytes(cw * ch))
    coarse = coarse.point(lambda v: low + v * span // 255)
    return coarse.resize((w, h), Image.Resampling.BICUBIC)


def _ground(
    rng: random.Random, size: tuple[int, int], dark: RGB, light: RGB, cell: int, grain: int = 40
) -> Image.Image:
    """An RGB ground between ``dark`` and ``light``: soft blotches of ``cell`` pixels times
    fine grain, like aged paper, silk or an inked stone."""
    blotch = _noise(rng, size, cell, 110, 255)
    fine = _noise(rng, size, 1, 255 - grain, 255)
    return ImageOps.colorize(ImageChops.multiply(blotch, fine), dark, light).convert("RGB")


def _mask(size: tuple[int, int]) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    mask = Image.new("L", size, 0)
    return mask, ImageDraw.Draw(mask)


def _ink(image: Image.Image, mask: Image.Image, colour: RGB, blur: float) -> None:
    """Lay ``colour`` through ``mask``, softened so strokes look soaked in, not ruled."""
    if blur > 0:
        mask = mask.filter(ImageFilter.BoxBlur(blur))
    image.paste(colour, (0, 0, *image.size), mask)


def _mix(a: RGB, b: RGB, t: float) -> RGB:
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


def _jitter(rng: random.Random, colour: RGB, amount: int) -> RGB:
    return (
        max(0, min(255, colour[0] + rng.randint(-amount, amount))),
        max(0, min(255, colour[1] + rng.randint(-amount, amount))),
        max(0, min(255, colour[2] + rng.randint(-amount, amount))),
    )


def _glyph(
    draw: ImageDraw.ImageDraw,
    rng: random.Random,
    box: tuple[float, float, float, float],
    colour: RGB | int,
    weight: float,
) -> None:
    """A character-like cluster of strokes (horizontal, vertical, falling, dots) in ``box``."""
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    width = max(1, round(min(w, h) * weight))
    parts: list[tuple[float, float, float, float]]
    layout = rng.random()
    if layout < 0.35:  # left and right components
        split = x0 + w * rng.uniform(0.35, 0.55)
        parts = [(x0, y0, split, y1), (split, y0, x1, y1)]
    elif layout < 0.6:  # top and bottom
        split = y0 + h * rng.uniform(0.35, 0.55)
        parts = [(x0, y0, x1, split), (x0, split, x1, y1)]
    else:
        parts = [box]
    for px0, py0, px1, py1 in parts:
        pw, ph = px1 - px0, py1 - py0
        for _ in range(rng.randint(2, 4)):
            kind = rng.random()
            if kind < 0.4:  # horizontal
                y = py0 + ph * rng.uniform(0.1, 0.9)
                a, b = px0 + pw * rng.uniform(0.05, 0.3), px0 + pw * rng.uniform(0.7, 0.95)
                draw.line([(a, y), (b, y + ph * rng.uniform(-0.05, 0.02))], colour, width)
            elif kind < 0.7:  # vertical
                x = px0 + pw * rng.uniform(0.15, 0.85)
                a, b = py0 + ph * rng.uniform(0.05, 0.3), py0 + ph * rng.uniform(0.7, 0.95)
                draw.line([(x, a), (x, b)], colour, width)
            elif kind < 0.9:  # left- or right-falling
                sx = px0 + pw * rng.uniform(0.3, 0.7)
                sy = py0 + ph * rng.uniform(0.05, 0.4)
                dx = pw * rng.uniform(0.25, 0.45) * rng.choice((-1, 1))
                draw.line([(sx, sy), (sx + dx, sy + ph * rng.uniform(0.35, 0.55))], colour, width)
            else:  # dot
                cx, cy = px0 + pw * rng.uniform(0.2, 0.8), py0 + ph * rng.uniform(0.1, 0.9)
                r = width * 0.8
                draw.ellipse([cx - r, cy - r, cx + r, cy + r], colour)


def _seal(
    image: Image.Image, rng: random.Random, centre: Point, side: float, colour: RGB = (176, 36, 30)
) -> None:
    """A square red seal: a frame and blocky strokes, worn unevenly like old seal paste."""
    box = round(side * 1.1)
    mask, draw = _mask((box, box))
    border = max(2, round(side * 0.07))
    offset = (box - side) / 2
    draw.rectangle([offset, offset, offset + side, offset + side], outline=255, width=border)
    inner = side - 4 * border
    step = inner / 2
    for i in range(2):
        for j in range(2):
            x0 = offset + 2 * border + i * step
            y0 = offset + 2 * border + j * step
            _glyph(draw, rng, (x0 + 1, y0 + 1, x0 + step - 1, y0 + step - 1), 255, 0.14)
    worn = _noise(rng, (box, box), max(2, round(side / 12)), 60, 230)
    mask = ImageChops.multiply(mask, worn)
    left, top = round(centre[0] - box / 2), round(centre[1] - box / 2)
    image.paste(colour, (left, top, left + box, top + box), mask)


def _stamp(image: Image.Image) -> None:
    """Mark the picture as a sample, in a band large enough to read on a thumbnail. The Latin
    words use Pillow's own font; the Chinese words are added when a CJK font is installed."""
    w, h = image.size
    # Scaled by the picture's area, so a long, low handscroll still shows a legible stamp.
    size = max(14, round(min(math.sqrt(w * h) * 0.03, min(w, h) * 0.08)))
    draw = ImageDraw.Draw(image)
    latin = _font(size, cjk=False)
    parts: list[tuple[str, ImageFont.FreeTypeFont | ImageFont.ImageFont]] = [(STAMP_LATIN, latin)]
    if cjk_font_path():
        parts += [(" · ", latin), (STAMP_CJK, _font(size, cjk=True))]
    widths = [draw.textlength(text, font=font) for text, font in parts]
    pad = size // 2
    x, y = pad, h - size - 3 * pad
    red: RGB = (190, 20, 20)
    draw.rectangle(
        [x - pad // 2, y - pad // 2, x + sum(widths) + pad, y + size + pad],
        fill=(250, 250, 245),
        outline=red,
        width=max(2, size // 10),
    )
    cursor = x + pad / 4
    for (text, font), width in zip(parts, widths, strict=True):
        draw.text((cursor, y + pad / 4 + size / 2), text, fill=red, font=font, anchor="lm")
        cursor += width


# Styles -------------------------------------------------------------------------------------


def _book_page(rng: random.Random, size: tuple[int, int], options: dict[str, Any]) -> Image.Image:
    """A woodblock leaf imaged flat: frame (版框), columns (界栏), centre (版心) with fish
    tails (魚尾), text in vertical columns, a collector's seal, aged paper with foxing."""
    w, h = size
    paper = _jitter(rng, (228, 208, 164), 8)
    image = _ground(rng, size, _mix(paper, (120, 90, 50), 0.45), paper, max(8, w // 14))
    ink: RGB = (30, 25, 22)
    mask, draw = _mask(size)
    columns = int(options.get("columns") or rng.choice((8, 9, 10, 11)))
    chars = int(options.get("chars") or rng.choice((18, 20, 21, 22)))
    mx, my = w * 0.09, h * 0.1
    frame = (mx, my, w - mx, h - my)
    thick = max(3, round(w * 0.004))
    draw.rectangle(frame, outline=255, width=thick)
    gap = thick * 2.2
    ix0, iy0, ix1, iy1 = frame[0] + gap, frame[1] + gap, frame[2] - gap, frame[3] - gap
    line_w = max(1, thick // 3)
    draw.rectangle((ix0, iy0, ix1, iy1), outline=255, width=line_w)
    col_w = (ix1 - ix0) / (2 * columns + 1.6)
    centre_x0 = ix0 + columns * col_w
    centre_x1 = centre_x0 + 1.6 * col_w
    # Centre column: its rules, a black "mouth" line and two facing fish tails.
    for x in (centre_x0, centre_x1):
        draw.line([(x, iy0), (x, iy1)], 255, line_w)
    cx = (centre_x0 + centre_x1) / 2
    tail = (centre_x1 - centre_x0) * 0.4
    for y, sign in ((iy0 + (iy1 - iy0) * 0.22, 1), (iy0 + (iy1 - iy0) * 0.8, -1)):
        draw.polygon(
            [
                (cx - tail, y),
                (cx + tail, y),
                (cx + tail, y + sign * tail * 1.1),
                (cx, y + sign * tail * 0.45),
                (cx - tail, y + sign * tail * 1.1),
            ],
            255,
        )
        draw.line([(centre_x0, y), (centre_x1, y)], 255, line_w)
    draw.line([(cx, iy0), (cx, iy0 + (iy1 - iy0) * 0.2)], 255, max(2, thick))
    small = tail * 0.9
    for k in range(rng.randint(3, 5)):  # the short title and juan number in the centre
        top = iy0 + (iy1 - iy0) * 0.32 + k * small * 1.25
        _glyph(draw, rng, (cx - small / 2, top, cx + small / 2, top + small), 255, 0.12)
    # Ruled columns and the text in them.
    starts = [ix0 + i * col_w for i in range(columns)]
    starts += [centre_x1 + i * col_w for i in range(columns)]
    for x in starts:
        draw.line([(x, iy0), (x, iy1)], 255, line_w)
    cell_h = (iy1 - iy0) / chars
    short = rng.randrange(len(starts)) if rng.random() < 0.5 else -1
    for n, x in enumerate(starts):
        length = rng.randint(3, chars - 2) if n == short else chars
        indent = 1 if rng.random() < 0.15 else 0
        pad = col_w * 0.14
        for row in range(indent, length):
            y = iy0 + row * cell_h
            _glyph(draw, rng, (x + pad, y + pad, x + col_w - pad, y + cell_h - pad), 255, 0.11)
    _ink(image, mask, ink, max(0.5, w / 3200))
    overlay = ImageDraw.Draw(image)
    for _ in range(rng.randint(4, 14)):  # foxing
        fx, fy = rng.uniform(0, w), rng.uniform(0, h)
        r = rng.uniform(w * 0.002, w * 0.008)
        overlay.ellipse([fx - r, fy - r, fx + r, fy + r], fill=_mix(paper, (150, 110, 60), 0.35))
    if options.get("seal", True):
        side = col_w * rng.uniform(1.5, 2.1)
        _seal(image, rng, (ix1 - col_w * 1.3, iy0 + side * 0.9), side)
    return image


def _rubbing(rng: random.Random, size: tuple[int, int], options: dict[str, Any]) -> Image.Image:
    """Ink pounded over paper laid on an inscribed stone: a dark mottled ground, the incised
    characters left pale, worn edges and a few cracks."""
    w, h = size
    paper: RGB = (226, 218, 200)
    image = _ground(rng, size, (10, 10, 12), (86, 84, 80), max(6, w // 36), 60)
    mask, draw = _mask(size)
    columns = int(options.get("columns") or rng.randint(8, 14))
    chars = int(options.get("chars") or rng.randint(8, 16))
    mx, my = w * 0.08, h * 0.07
    col_w = (w - 2 * mx) / columns
    cell_h = (h - 2 * my) / chars
    for c in range(columns):
        x = w - mx - (c + 1) * col_w
        for r in range(chars):
            if rng.random() < 0.06:
                continue  # characters lost to wear
            y = my + r * cell_h
            pad = min(col_w, cell_h) * 0.14
            _glyph(draw, rng, (x + pad, y + pad, x + col_w - pad, y + cell_h - pad), 255, 0.11)
    for _ in range(rng.randint(1, 3)):  # cracks across the stone
        x, y = rng.uniform(0, w), 0.0
        points = [(x, y)]
        while y < h:
            x += rng.uniform(-w * 0.03, w * 0.03)
            y += rng.uniform(h * 0.02, h * 0.06)
            points.append((x, y))
        draw.line(points, 200, max(2, w // 500))
    _ink(image, mask, (208, 202, 190), max(0.8, w / 1600))
    # The paper's margin beyond the stone, with a ragged inked edge.
    edge = max(4, round(min(w, h) * 0.03))
    ragged = _noise(rng, (w, h), max(2, edge // 4), 0, 255).point(lambda v: 255 if v > 175 else 0)
    outer, outer_draw = _mask(size)
    outer_draw.rectangle([0, 0, w, h], 255)
    outer_draw.rectangle([edge * 2, edge * 2, w - edge * 2, h - edge * 2], 0)
    outer_draw.rectangle([0, 0, w, h], outline=255, width=edge)
    image.paste(
        paper,
        (0, 0, w, h),
        ImageChops.multiply(outer, ImageChops.lighter(ragged, _frame_only(size, edge))),
    )
    return image


def _frame_only(size: tuple[int, int], width: int) -> Image.Image:
    mask, draw = _mask(size)
    draw.rectangle([0, 0, size[0], size[1]], outline=255, width=width)
    return mask


def _ridge(rng: random.Random, width: int, base: float, amplitude: float) -> list[Point]:
    """A mountain skyline: summed sine waves with random phases, sharpened into peaks."""
    waves = [
        (rng.uniform(0.6, 1.4) * k, rng.uniform(0, 2 * math.pi), 1 / k) for k in (1, 2, 4, 7, 13)
    ]
    stretch = rng.uniform(2.5, 4.0)
    step = max(4, width // 400)
    points = []
    for x in range(0, width + step, step):
        t = x / width * 2 * math.pi
        value = sum(a * math.sin(f * t * stretch + p) for f, p, a in waves)
        points.append((float(x), base - amplitude * abs(value) ** 1.3 * 0.55))
    return points


def _handscroll(rng: random.Random, size: tuple[int, int], options: dict[str, Any]) -> Image.Image:
    """A long landscape on silk: layered ranges, pale far away and dense near, with water."""
    w, h = size
    palette = str(options.get("palette", "ink"))
    silk = _jitter(rng, (212, 190, 148), 6)
    image = _ground(rng, size, _mix(silk, (110, 85, 50), 0.5), silk, max(8, h // 5), 30)
    if palette == "blue_green":
        near: RGB = (26, 96, 98)
        far: RGB = (118, 164, 150)
        foot: RGB = (160, 112, 58)
    else:
        near = (50, 46, 42)
        far = (168, 156, 132)
        foot = (118, 98, 68)
    water_y = h * rng.uniform(0.72, 0.8)
    draw = ImageDraw.Draw(image)
    for k in range(rng.randint(6, 12)):  # ripples
        y = water_y + (h - water_y) * (k + 1) / 13
        x = rng.uniform(0, w * 0.6)
        draw.line([(x, y), (x + w * rng.uniform(0.1, 0.4), y)], _mix(silk, far, 0.6), 1)
    layers = 5
    for layer in range(layers):
        depth = layer / (layers - 1)
        colour = _mix(far, near, depth)
        ridge = _ridge(rng, w, h * (0.42 + 0.3 * depth), h * (0.42 - 0.18 * depth))
        draw.polygon([(0.0, water_y), *ridge, (float(w), water_y)], colour)
        if palette == "blue_green":  # ochre feet under the mineral-green peaks
            feet = [(x, min(water_y, y + h * 0.14)) for x, y in ridge]
            draw.polygon([(0.0, water_y), *feet, (float(w), water_y)], _mix(colour, foot, 0.5))
        dots = _mix(colour, (10, 20, 15), 0.5)
        for _ in range(int(w / 50 * depth)):  # trees and moss dots on the nearer ranges
            x = rng.uniform(0, w)
            y = ridge[min(len(ridge) - 1, int(x / w * (len(ridge) - 1)))][1]
            y += rng.uniform(2, h * 0.05)
            r = max(1.5, h * 0.004 * rng.uniform(0.7, 1.6))
            draw.ellipse([x - r, y - r, x + r, y + r], dots)
    mask, draw = _mask(size)
    for _ in range(rng.randint(3, 7)):  # boats on the water
        x = rng.uniform(w * 0.05, w * 0.95)
        y = rng.uniform(water_y + h * 0.04, h * 0.92)
        draw.polygon(
            [
                (x, y),
                (x + h * 0.05, y),
                (x + h * 0.04, y + h * 0.012),
                (x + h * 0.01, y + h * 0.012),
            ],
            255,
        )
        draw.line([(x + h * 0.025, y), (x + h * 0.025, y - h * 0.04)], 255, max(1, h // 400))
    _ink(image, mask, near, max(0.6, h / 900))
    for _ in range(rng.randint(2, 5)):  # collectors' seals along the edges
        side = h * rng.uniform(0.04, 0.07)
        _seal(image, rng, (rng.uniform(side, w - side), rng.choice((side, h - side))), side)
    return image


def _calligraphy(rng: random.Random, size: tuple[int, int], options: dict[str, Any]) -> Image.Image:
    """Running-script columns on paper or silk, right to left, with collectors' seals."""
    w, h = size
    paper = _jitter(rng, (224, 206, 168), 8)
    image = _ground(rng, size, _mix(paper, (110, 85, 50), 0.5), paper, max(8, h // 6))
    mask, draw = _mask(size)
    columns = int(options.get("columns") or rng.randint(6, 28))
    col_w = w * 0.84 / columns
    for c in range(columns):
        x = w * 0.92 - (c + 0.5) * col_w
        y = h * rng.uniform(0.08, 0.14)
        bottom = h * rng.uniform(0.8, 0.92)
        while y < bottom:
            points = [(x + rng.uniform(-col_w * 0.25, col_w * 0.25), y)]
            for _ in range(rng.randint(3, 7)):
                px, py = points[-1]
                nx = px + rng.uniform(-1, 1) * col_w * 0.4
                points.append(
                    (
                        min(x + col_w * 0.35, max(x - col_w * 0.35, nx)),
                        py + rng.uniform(0.05, 0.2) * col_w,
                    )
                )
            draw.line(points, 255, max(2, round(col_w * rng.uniform(0.05, 0.11))), joint="curve")
            y = points[-1][1] + col_w * rng.uniform(0.05, 0.25)
    _ink(image, mask, (22, 18, 16), max(0.8, h / 900))
    for _ in range(int(options.get("seals") or rng.randint(4, 12))):
        side = h * rng.uniform(0.04, 0.08)
        _seal(image, rng, (rng.uniform(side, w - side), rng.uniform(side, h - side)), side)
    return image


def _wobbly(rng: random.Random, start: Point, steps: int, stride: float) -> list[Point]:
    x, y = start
    heading = rng.uniform(0, 2 * math.pi)
    points = [(x, y)]
    for _ in range(steps):
        heading += rng.uniform(-0.6, 0.6)
        x += math.cos(heading) * stride
        y += math.sin(heading) * stride
        points.append((x, y))
    return points


def _grid_map(rng: random.Random, size: tuple[int, int], options: dict[str, Any]) -> Image.Image:
    """A map cut in stone and rubbed: a square grid (each square a fixed distance), a
    coastline and rivers, pale on the inked ground."""
    w, h = size
    image = _ground(rng, size, (10, 10, 12), (88, 86, 82), max(6, w // 60), 70)
    mask, draw = _mask(size)
    m = min(w, h) * 0.06
    cells = int(options.get("cells") or 48)
    step = (w - 2 * m) / cells
    x = m
    while x <= w - m + 1:
        draw.line([(x, m), (x, h - m)], 170, max(1, w // 1600))
        x += step
    y = m
    while y <= h - m + 1:
        draw.line([(m, y), (w - m, y)], 170, max(1, w // 1600))
        y += step
    draw.line(_wobbly(rng, (w * 0.85, h * 0.1), 60, h / 60), 255, max(3, w // 400), joint="curve")
    for _ in range(rng.randint(4, 8)):
        start = (rng.uniform(w * 0.1, w * 0.7), rng.uniform(h * 0.2, h * 0.8))
        draw.line(_wobbly(rng, start, 40, w / 80), 255, max(2, w // 700), joint="curve")
    _ink(image, mask, (206, 200, 188), max(0.6, w / 2600))
    return image


def _world_map(rng: random.Random, size: tuple[int, int], options: dict[str, Any]) -> Image.Image:
    """A printed world map: an oval graticule on paper, land masses, text in the corners."""
    w, h = size
    paper = _jitter(rng, (228, 212, 172), 8)
    image = _ground(rng, size, _mix(paper, (120, 90, 50), 0.45), paper, max(8, w // 14))
    cx, cy = w / 2, h / 2
    rx, ry = w * 0.42, h * 0.38
    land, land_draw = _mask(size)
    for _ in range(rng.randint(5, 8)):
        px, py = cx + rng.uniform(-0.8, 0.8) * rx, cy + rng.uniform(-0.7, 0.7) * ry
        outline = [
            (
                px + math.cos(a) * rx * rng.uniform(0.08, 0.28),
                py + math.sin(a) * ry * rng.uniform(0.08, 0.32),
            )
            for a in (i * 2 * math.pi / 24 for i in range(24))
        ]
        land_draw.polygon(outline, 120)
    oval, oval_draw = _mask(size)
    oval_draw.ellipse([cx - rx, cy - ry, cx + rx, cy + ry], 255)
    _ink(image, ImageChops.multiply(land, oval), (150, 116, 66), 0)
    mask, draw = _mask(size)
    draw.ellipse([cx - rx, cy - ry, cx + rx, cy + ry], outline=255, width=max(3, w // 600))
    for k in range(1, 12):  # meridians
        ex = rx * abs(1 - 2 * k / 12)
        draw.ellipse([cx - ex, cy - ry, cx + ex, cy + ry], outline=255, width=1)
    for k in range(1, 9):  # parallels
        y = cy - ry + 2 * ry * k / 9
        half = rx * math.sqrt(max(0.0, 1 - ((y - cy) / ry) ** 2))
        draw.line([(cx - half, y), (cx + half, y)], 255, 1)
    cell = w * 0.013
    for corner_x in (w * 0.02, w * 0.87):  # blocks of explanatory text in the corners
        for c in range(8):
            for r in range(10):
                x0, y0 = corner_x + c * cell * 1.1, h * 0.04 + r * cell * 1.1
                _glyph(draw, rng, (x0, y0, x0 + cell, y0 + cell), 255, 0.1)
    _ink(image, mask, (40, 34, 28), max(0.5, w / 3600))
    return image


def _chart(rng: random.Random, size: tuple[int, int], options: dict[str, Any]) -> Image.Image:
    """A woodblock sailing chart: a coast running along the strip, islands, dashed courses
    between them and labels in small characters."""
    w, h = size
    paper = _jitter(rng, (226, 210, 170), 8)
    image = _ground(rng, size, _mix(paper, (120, 90, 50), 0.45), paper, max(8, h // 5))
    mask, draw = _mask(size)
    line = max(2, h // 300)
    coast = [(0.0, h * 0.2)]
    while coast[-1][0] < w:
        x, y = coast[-1]
        coast.append(
            (
                x + w * rng.uniform(0.01, 0.03),
                min(h * 0.35, max(h * 0.08, y + rng.uniform(-1, 1) * h * 0.04)),
            )
        )
    draw.line(coast, 255, line, joint="curve")
    for x, y in coast[:: max(1, len(coast) // 25)]:  # hills drawn along the coast
        r = h * rng.uniform(0.03, 0.06)
        draw.arc([x - r, y - 1.6 * r, x + r, y + 0.4 * r], 180, 360, 255, line)
    islands: list[Point] = []
    for _ in range(rng.randint(6, 12)):
        cx, cy = rng.uniform(w * 0.03, w * 0.97), rng.uniform(h * 0.45, h * 0.9)
        r = h * rng.uniform(0.02, 0.05)
        draw.ellipse([cx - 1.6 * r, cy - r, cx + 1.6 * r, cy + r], outline=255, width=line)
        islands.append((cx, cy))
    islands.sort()
    for (x0, y0), (x1, y1) in itertools.pairwise(islands):  # dashed courses
        steps = max(2, int(math.hypot(x1 - x0, y1 - y0) / (h * 0.03)))
        for k in range(0, steps, 2):
            a, b = k / steps, (k + 1) / steps
            draw.line(
                [
                    (x0 + (x1 - x0) * a, y0 + (y1 - y0) * a),
                    (x0 + (x1 - x0) * b, y0 + (y1 - y0) * b),
                ],
                255,
                line,
            )
    cell = h * 0.035
    for x, y in islands:  # place names beside the islands, in vertical columns
        for k in range(rng.randint(2, 4)):
            top = y - cell * 2 + k * cell * 1.1
            _glyph(draw, rng, (x + cell * 2.2, top, x + cell * 3.2, top + cell), 255, 0.1)
    _ink(image, mask, (36, 30, 26), max(0.5, h / 1600))
    return image


def _photograph(rng: random.Random, size: tuple[int, int], options: dict[str, Any]) -> Image.Image:
    """A daylight view of a hall: sky, a hipped roof with upturned eaves, red columns."""
    w, h = size
    sky = Image.linear_gradient("L").resize(size)
    image = ImageOps.colorize(sky, (118, 162, 212), (226, 232, 238)).convert("RGB")
    draw = ImageDraw.Draw(image)
    ground_y = h * rng.uniform(0.78, 0.86)
    draw.rectangle([0, ground_y, w, h], (150, 146, 138))
    for _ in range(rng.randint(1, 3)):
        bw = w * rng.uniform(0.35, 0.7)
        bx = rng.uniform(0, w - bw)
        top = h * rng.uniform(0.25, 0.4)
        eave = top + h * 0.16
        base = ground_y - h * 0.02
        draw.rectangle([bx, base, bx + bw, ground_y], (170, 165, 155))
        draw.rectangle([bx + bw * 0.06, eave, bx + bw * 0.94, base], (150, 40, 32))
        for k in range(7):
            x = bx + bw * (0.08 + k * 0.14)
            draw.rectangle([x, eave, x + bw * 0.025, base], (120, 28, 24))
        draw.polygon(
            [
                (bx - bw * 0.06, eave + h * 0.01),
                (bx + bw * 0.12, top + h * 0.05),
                (bx + bw * 0.88, top + h * 0.05),
                (bx + bw * 1.06, eave + h * 0.01),
                (bx + bw * 0.5, eave - h * 0.01),
            ],
            (58, 72, 70),
        )
        draw.rectangle([bx + bw * 0.1, top, bx + bw * 0.9, top + h * 0.06], (62, 78, 74))
    for _ in range(rng.randint(3, 9)):  # trees
        tx, ty = rng.uniform(0, w), ground_y - rng.uniform(0, h * 0.05)
        r = h * rng.uniform(0.05, 0.12)
        draw.ellipse([tx - r, ty - 2 * r, tx + r, ty], _jitter(rng, (60, 96, 58), 15))
    grain = _noise(rng, size, 1, 225, 255).convert("RGB")
    return ImageChops.multiply(image, grain)


def _panel(rng: random.Random, size: tuple[int, int], options: dict[str, Any]) -> Image.Image:
    """An exhibition panel: a title band, a diagram of wheels and linkages, text lines."""
    w, h = size
    image = Image.new("RGB", size, (244, 242, 236))
    draw = ImageDraw.Draw(image)
    accent = _jitter(rng, (30, 80, 130), 20)
    draw.rectangle([0, 0, w, h * 0.12], accent)
    for k in range(rng.randint(4, 8)):
        x0 = w * 0.05 + k * h * 0.075
        _glyph(draw, rng, (x0, h * 0.025, x0 + h * 0.065, h * 0.095), (250, 250, 250), 0.11)
    cx, cy, r = w * 0.32, h * 0.55, min(w, h) * 0.28
    line: RGB = (50, 50, 56)
    stroke = max(2, w // 450)
    for ring in (1.0, 0.72, 0.4):
        draw.ellipse(
            [cx - r * ring, cy - r * ring, cx + r * ring, cy + r * ring], outline=line, width=stroke
        )
    teeth = rng.randint(16, 36)
    for t in range(teeth):
        a = t * 2 * math.pi / teeth
        inner = (cx + math.cos(a) * r, cy + math.sin(a) * r)
        draw.line([inner, (cx + math.cos(a) * r * 1.08, cy + math.sin(a) * r * 1.08)], line, stroke)
    for _ in range(rng.randint(3, 6)):
        a = rng.uniform(0, 2 * math.pi)
        draw.line(
            [(cx, cy), (cx + math.cos(a) * r * 0.72, cy + math.sin(a) * r * 0.72)], accent, stroke
        )
    for row in range(rng.randint(10, 16)):  # body text as grey lines
        y = h * 0.22 + row * h * 0.045
        if y > h * 0.9:
            break
        draw.rectangle([w * 0.64, y, w * rng.uniform(0.82, 0.95), y + h * 0.015], (150, 150, 150))
    return image


def _cover(rng: random.Random, size: tuple[int, int], options: dict[str, Any]) -> Image.Image:
    """A modern cloth-bound volume: a plain cover with a title label and a gilt rule."""
    w, h = size
    cloth = _jitter(rng, (120, 32, 36), 18)
    image = _ground(rng, size, _mix(cloth, (0, 0, 0), 0.3), cloth, max(8, w // 10), 50)
    draw = ImageDraw.Draw(image)
    label = (w * 0.2, h * 0.18, w * 0.8, h * 0.42)
    draw.rectangle(label, (232, 220, 190))
    for k in range(3):
        y = label[1] + (label[3] - label[1]) * (0.2 + 0.25 * k)
        draw.rectangle([label[0] + w * 0.06, y, label[2] - w * 0.06, y + h * 0.025], (60, 40, 30))
    draw.line([(w * 0.1, h * 0.85), (w * 0.9, h * 0.85)], (212, 175, 90), max(3, w // 300))
    return image


Drawer = Callable[[random.Random, tuple[int, int], dict[str, Any]], Image.Image]

STYLES: dict[str, Drawer] = {
    "book_page": _book_page,
    "rubbing": _rubbing,
    "handscroll": _handscroll,
    "calligraphy": _calligraphy,
    "grid_map": _grid_map,
    "world_map": _world_map,
    "chart": _chart,
    "photograph": _photograph,
    "panel": _panel,
    "cover": _cover,
}


def scaled_size(size: tuple[int, int], scale: float) -> tuple[int, int]:
    """The pixel size ``render`` draws for ``size`` at ``scale`` (never below 64 pixels)."""
    return max(64, round(size[0] * scale)), max(64, round(size[1] * scale))


def render(
    style: str,
    *,
    seed: str,
    size: tuple[int, int],
    scale: float = 1.0,
    options: dict[str, Any] | None = None,
) -> Picture:
    """Draw one stamped picture of ``style`` at ``size`` times ``scale``, as a JPEG.

    The same ``seed``, style, size and scale always give the same pixels (on one machine:
    the stamp uses a CJK font when one is installed).
    """
    if style not in STYLES:
        raise ValueError(f"unknown picture style {style!r}")
    if not 0 < scale <= 1:
        raise ValueError("scale must be in (0, 1]")
    width, height = scaled_size(size, scale)
    rng = random.Random(f"{style}:{seed}")
    image = STYLES[style](rng, (width, height), dict(options or {}))
    _stamp(image)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=False)
    return Picture(data=buffer.getvalue(), width=width, height=height)
