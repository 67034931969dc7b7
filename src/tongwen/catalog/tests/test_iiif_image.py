"""The IIIF Image API 3.0 engine: parsing, info.json, both rendering backends, masters, cache.

No database. Test images are generated here: a 1000×700 picture whose four quadrants have
distinct colours (two dark, two light in gray), so region, rotation, mirroring and the
qualities can be checked by sampling pixels. Every rendering test runs once per backend.
"""

from __future__ import annotations

import io
import json
import math
import os
import time
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from PIL import Image, ImageChops, ImageStat

from tongwen.catalog.iiif.image import (
    DEFAULT_MAX_PIXELS,
    Backend,
    DerivativeCache,
    IIIFError,
    ImageRequest,
    PillowBackend,
    VipsBackend,
    get_backend,
    info,
    link_header,
    parse_request,
    prepare_source,
    render,
    render_cached,
    sniff_image_type,
    vips_available,
)
from tongwen.catalog.iiif.image.backends import Level, _cached_source, choose_level, level_crop
from tongwen.catalog.iiif.image.info import scale_factors
from tongwen.catalog.iiif.image.request import rotated_size

W, H = 1000, 700
RED = (220, 40, 40)  # top left; gray ≈ 94 → black when bitonal
GREEN = (60, 200, 60)  # top right; gray ≈ 142 → white
BLUE = (40, 40, 220)  # bottom left; gray ≈ 61 → black
YELLOW = (240, 220, 40)  # bottom right; gray ≈ 205 → white
QUADRANTS = {"tl": RED, "tr": GREEN, "bl": BLUE, "br": YELLOW}

BACKENDS = [
    pytest.param(
        "vips", marks=pytest.mark.skipif(not vips_available(), reason="libvips not available")
    ),
    "pillow",
]

needs_vips = pytest.mark.skipif(not vips_available(), reason="libvips not available")


def gray_of(rgb: tuple[int, int, int]) -> int:
    return round(rgb[0] * 0.299 + rgb[1] * 0.587 + rgb[2] * 0.114)


def quadrant_image(width: int = W, height: int = H) -> Image.Image:
    img = Image.new("RGB", (width, height))
    half_w, half_h = width // 2, height // 2
    img.paste(RED, (0, 0, half_w, half_h))
    img.paste(GREEN, (half_w, 0, width, half_h))
    img.paste(BLUE, (0, half_h, half_w, height))
    img.paste(YELLOW, (half_w, half_h, width, height))
    return img


def decode(data: bytes) -> Image.Image:
    img = Image.open(io.BytesIO(data))
    img.load()
    return img


def sample(img: Image.Image, fx: float, fy: float) -> tuple[int, ...]:
    x = min(img.width - 1, int(img.width * fx))
    y = min(img.height - 1, int(img.height * fy))
    value = img.getpixel((x, y))
    values = value if isinstance(value, tuple) else (value,)
    return tuple(int(v or 0) for v in values)


def near(got: tuple[int, ...], want: tuple[int, ...], tolerance: int = 24) -> bool:
    return len(got) >= len(want) and all(
        abs(g - w) <= tolerance for g, w in zip(got, want, strict=False)
    )


def req(
    region: str = "full",
    size: str = "max",
    rotation: str = "0",
    quality: str = "default",
    fmt: str = "png",
    **kwargs: Any,
) -> ImageRequest:
    kwargs.setdefault("width", W)
    kwargs.setdefault("height", H)
    return parse_request(region, size, rotation, quality, fmt, **kwargs)


def status_of(*args: str, **kwargs: Any) -> int:
    with pytest.raises(IIIFError) as caught:
        req(*args, **kwargs)
    return caught.value.status


@pytest.fixture(scope="module")
def source_png(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("src") / "quadrants.png"
    quadrant_image().save(path)
    return path


@pytest.fixture(scope="module", params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> Backend:
    return get_backend(request.param)


@pytest.fixture(scope="module")
def master(backend: Backend, source_png: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp(f"master-{backend.name}") / "master.tif"
    assert prepare_source(source_png, dest, backend) == (W, H)
    return dest


# --- parsing: region -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("region", "expected", "canonical"),
    [
        ("full", (0, 0, 1000, 700), "full"),
        ("square", (150, 0, 700, 700), "150,0,700,700"),
        ("10,20,30,40", (10, 20, 30, 40), "10,20,30,40"),
        ("900,600,500,500", (900, 600, 100, 100), "900,600,100,100"),
        ("0,0,1000,700", (0, 0, 1000, 700), "full"),
        ("0,0,5000,5000", (0, 0, 1000, 700), "full"),
        ("pct:10,20,30,40", (100, 140, 300, 280), "100,140,300,280"),
        ("pct:0,0,100,100", (0, 0, 1000, 700), "full"),
        ("pct:50.5,0.5,10,10", (505, 4, 100, 70), "505,4,100,70"),
        ("pct:90,90,50,50", (900, 630, 100, 70), "900,630,100,70"),
        ("pct:0,0,0.01,0.01", (0, 0, 1, 1), "0,0,1,1"),
    ],
)
def test_region_forms(region: str, expected: tuple[int, ...], canonical: str) -> None:
    r = req(region)
    assert r.region == expected
    assert r.canonical.split("/")[0] == canonical
    assert r.is_full_region == (canonical == "full")


def test_square_region_of_a_portrait_image_is_centred_vertically() -> None:
    assert req("square", width=300, height=500).region == (0, 100, 300, 300)
    assert req("square", width=400, height=400).canonical.startswith("full/")


@pytest.mark.parametrize(
    "region",
    [
        "",
        "foo",
        "Full",
        "1,2,3",
        "1,2,3,4,5",
        "0,0,0,10",
        "0,0,10,0",
        "1000,0,10,10",
        "0,700,10,10",
        "-1,0,10,10",
        "1.5,0,10,10",
        "pct:0,0,0,10",
        "pct:100,0,10,10",
        "pct:+1,0,1,1",
        "pct:1,2,3",
        "pct:a,b,c,d",
        "%2e%2e",
        "pct:0,0," + "9" * 400 + ",10",  # a float overflow, not a 500
        "0,0," + "9" * 5000 + ",10",  # past Python's digit limit for int()
    ],
)
def test_bad_regions_are_400(region: str) -> None:
    assert status_of(region) == 400


# --- parsing: size ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("region", "size", "expected", "canonical"),
    [
        ("full", "max", (1000, 700), "max"),
        ("full", "^max", (1000, 700), "max"),
        ("full", "500,", (500, 350), "500,350"),
        ("full", ",350", (500, 350), "500,350"),
        ("full", "pct:50", (500, 350), "500,350"),
        ("full", "pct:12.5", (125, 88), "125,88"),
        ("full", "500,100", (500, 100), "500,100"),
        ("full", "!500,500", (500, 350), "500,350"),
        ("full", "!100,500", (100, 70), "100,70"),
        ("full", "!1000,700", (1000, 700), "max"),
        ("full", "1000,", (1000, 700), "max"),
        ("full", "^1000,", (1000, 700), "max"),
        ("full", "^500,", (500, 350), "500,350"),
        ("0,0,100,100", "^200,", (200, 200), "^200,200"),
        ("0,0,100,100", "^,150", (150, 150), "^150,150"),
        ("0,0,100,100", "^pct:150", (150, 150), "^150,150"),
        ("0,0,100,100", "^!300,200", (200, 200), "^200,200"),
        ("0,0,100,100", "^300,100", (300, 100), "^300,100"),
        ("0,0,100,100", "^max", (700, 700), "^700,700"),  # up to maxHeight = 700
        ("0,0,100,100", "max", (100, 100), "max"),
        ("0,0,1,1", "pct:50", (1, 1), "max"),
    ],
)
def test_size_forms(region: str, size: str, expected: tuple[int, int], canonical: str) -> None:
    r = req(region, size)
    assert r.size == expected
    assert r.canonical.split("/")[1] == canonical
    assert r.upscaled == canonical.startswith("^")


@pytest.mark.parametrize(
    "size",
    [
        "full",  # IIIF 2 only; validator size_nofull
        "",
        ",",
        "^",
        "max,",
        "pct:",
        "pct:0",
        "pct:-5",
        "0,",
        ",0",
        "0,0",
        "!500,",
        "!,500",
        "!0,500",
        "1.5,",
        "abc",
        "^^max",
        "9" * 400 + ",",
        "!" + "9" * 400 + "," + "9" * 400,
    ],
)
def test_bad_sizes_are_400(size: str) -> None:
    assert status_of("full", size) == 400


@pytest.mark.parametrize(
    "size",
    # The validator's size_noup test: without "^", nothing may be larger than the region.
    ["1001,", ",701", "1200,1200", "pct:101", "pct:200", "!2000,3000", "1001,700"],
)
def test_upscaling_without_caret_is_400(size: str) -> None:
    assert status_of("full", size) == 400


def test_upscaling_with_caret_stops_at_the_declared_maximum() -> None:
    assert status_of("full", "^1001,") == 400  # maxWidth is the image width without caps
    assert req("0,0,100,100", "^700,700").size == (700, 700)
    assert status_of("0,0,100,100", "^701,701") == 400


def test_sizes_that_round_to_nothing_are_400() -> None:
    assert status_of("full", "pct:0.01") == 400
    assert status_of("full", "1,", width=10_000, height=10) == 400


# --- parsing: caps, zoom cap and pixel limit -------------------------------------------------


def test_caps_constrain_max_and_refuse_larger_sizes() -> None:
    capped: dict[str, Any] = {"max_width": 200}
    r = req("full", "max", **capped)
    assert r.size == (200, 140)
    assert r.canonical == "full/200,140/0/default.png"  # never "max": the cache key is exact
    assert req("full", "^max", **capped).size == (200, 140)
    assert req("full", "!300,300", **capped).size == (200, 140)
    assert status_of("full", "300,", **capped) == 400
    assert status_of("full", ",201", **capped) == 400  # maxHeight defaults to maxWidth
    assert req("full", "max", max_width=200, max_height=100).size == (142, 100)
    area = req("full", "max", max_area=70_000)
    assert area.size[0] * area.size[1] <= 70_000 and area.size[0] >= 315


def test_zoom_cap_refuses_detail_finer_than_the_capped_image() -> None:
    capped: dict[str, Any] = {"max_width": 200}  # 20% of full resolution
    assert status_of("0,0,100,100", "100,", **capped) == 403
    assert req("0,0,500,500", "100,", **capped).size == (100, 100)
    assert req("0,0,500,500", "101,", **capped).size == (101, 101)  # one pixel of slack
    assert status_of("0,0,500,500", "102,", **capped) == 403
    assert req("0,0,100,100", "100,", restrict_zoom=False, **capped).size == (100, 100)
    # Uncapped requesters may upscale regions; the zoom cap only applies to caps.
    assert req("0,0,100,100", "^200,").size == (200, 200)


def test_pixel_limit_constrains_max_and_refuses_bigger_outputs() -> None:
    r = req("full", "max", max_pixels=100_000)
    assert r.size[0] * r.size[1] <= 100_000
    with pytest.raises(IIIFError) as caught:
        req("full", "500,", max_pixels=100_000)
    assert caught.value.status == 400
    assert "100000" in caught.value.message
    # Rotation grows the canvas: 300×210 turned by 45° needs about 361×361 pixels.
    assert req("full", "300,", "0", max_pixels=100_000).output_size == (300, 210)
    with pytest.raises(IIIFError) as caught:
        req("full", "300,", "45", max_pixels=100_000)
    assert caught.value.status == 400
    assert "limit" in caught.value.message
    assert DEFAULT_MAX_PIXELS == 100_000_000


# --- parsing: rotation, quality, format ------------------------------------------------------


@pytest.mark.parametrize(
    ("rotation", "degrees", "mirror", "canonical", "output"),
    [
        ("0", 0, False, "0", (1000, 700)),
        ("90", 90, False, "90", (700, 1000)),
        ("180", 180, False, "180", (1000, 700)),
        ("270", 270, False, "270", (700, 1000)),
        ("!0", 0, True, "!0", (1000, 700)),
        ("!180", 180, True, "!180", (1000, 700)),
        ("360", 0, False, "0", (1000, 700)),
        ("90.0", 90, False, "90", (700, 1000)),
        ("0.50", 0.5, False, "0.5", rotated_size(1000, 700, 0.5)),
        ("0.00000000001", 0, False, "0", (1000, 700)),
        ("359.99999999999", 0, False, "0", (1000, 700)),
        ("22.5", 22.5, False, "22.5", rotated_size(1000, 700, 22.5)),
        ("!45", 45, True, "!45", (1203, 1203)),
    ],
)
def test_rotation_forms(
    rotation: str, degrees: float, mirror: bool, canonical: str, output: tuple[int, int]
) -> None:
    r = req("full", "max", rotation)
    assert (r.rotation, r.mirror) == (degrees, mirror)
    assert r.canonical.split("/")[2] == canonical
    assert r.output_size == output


def test_rotated_size_is_the_bounding_box() -> None:
    assert rotated_size(100, 50, 90) == (50, 100)
    w, h = rotated_size(100, 50, 30)
    assert (w, h) == (math.ceil(100 * math.cos(math.pi / 6) + 25), math.ceil(50 + 25 * 3**0.5))


@pytest.mark.parametrize(
    "rotation", ["361", "-90", "+90", "abc", "!", "!!90", "90deg", "", "1e2", "90,0"]
)
def test_bad_rotations_are_400(rotation: str) -> None:
    assert status_of("full", "max", rotation) == 400


@pytest.mark.parametrize("quality", ["grey", "native", "Default", "colour", "", "bitonal "])
def test_bad_qualities_are_400(quality: str) -> None:
    assert status_of("full", "max", "0", quality) == 400


@pytest.mark.parametrize("fmt", ["gif", "jp2", "pdf", "jpeg", "JPG", "", "exe", "png "])
def test_unsupported_formats_are_400(fmt: str) -> None:
    # The spec says 400; iiif-validator's format_error_random accepts 400, 415 or 503 only.
    assert status_of("full", "max", "0", "default", fmt) == 400


def test_canonical_form_and_media_type() -> None:
    r = req("pct:0,0,50,50", "!250,250", "!90", "gray", "jpg")
    assert r.canonical == "0,0,500,350/250,175/!90/gray.jpg"
    assert r.media_type == "image/jpeg"
    assert req(fmt="webp").media_type == "image/webp"
    assert req(fmt="tif").media_type == "image/tiff"
    # Equivalent requests share one canonical form (and so one cache entry).
    same = {
        req("full", "max").canonical,
        req("0,0,1000,700", "1000,").canonical,
        req("pct:0,0,100,100", ",700").canonical,
        req("full", "pct:100", "360").canonical,
    }
    assert same == {"full/max/0/default.png"}


def test_errors_carry_translatable_english_messages() -> None:
    with pytest.raises(IIIFError) as caught:
        req("nope")
    assert caught.value.status == 400
    assert "nope" in str(caught.value)
    assert repr(caught.value).startswith("IIIFError(400,")


# --- info.json -------------------------------------------------------------------------------

SERVICE = "https://tongwen.example/iiif/3/abc123"


def test_info_json_uncapped() -> None:
    doc = info(SERVICE + "/", W, H)
    assert next(iter(doc)) == "@context"
    assert doc["@context"] == "http://iiif.io/api/image/3/context.json"
    assert doc["id"] == SERVICE
    assert doc["type"] == "ImageService3"
    assert doc["protocol"] == "http://iiif.io/api/image"
    assert doc["profile"] == "level2"
    assert (doc["width"], doc["height"]) == (W, H)
    assert (doc["maxWidth"], doc["maxHeight"]) == (W, H)
    assert "maxArea" not in doc
    assert doc["tiles"] == [{"width": 256, "height": 256, "scaleFactors": [1, 2, 4]}]
    sizes = [(s["width"], s["height"]) for s in doc["sizes"]]
    assert sizes == [(250, 175), (500, 350), (1000, 700)]
    assert doc["extraQualities"] == ["color", "gray", "bitonal"]
    assert doc["extraFormats"] == ["webp", "tif"]
    assert doc["extraFeatures"] == [
        "canonicalLinkHeader",
        "mirroring",
        "profileLinkHeader",
        "rotationArbitrary",
        "sizeUpscaling",
    ]
    assert "rights" not in doc
    json.dumps(doc)  # plain JSON types only


def test_info_json_passes_the_validator_field_checks() -> None:
    doc = info(SERVICE, W, H, rights="http://rightsstatements.org/vocab/InC/1.0/")
    assert type(doc["width"]) is int and type(doc["height"]) is int
    assert doc["id"].startswith("http")
    assert doc["profile"] in ("level0", "level1", "level2")
    for size in doc["sizes"]:
        assert type(size["width"]) is int and type(size["height"]) is int
    for tile in doc["tiles"]:
        assert type(tile["width"]) is int and tile["scaleFactors"]
    for key in ("extraQualities", "extraFormats", "extraFeatures"):
        assert isinstance(doc[key], list)
    assert doc["rights"].startswith("http")
    assert not {"license", "attribution", "logo"} & set(doc)


def test_info_json_capped_for_viewers_without_download_rights() -> None:
    doc = info(SERVICE, W, H, max_width=300, max_height=300)
    assert (doc["maxWidth"], doc["maxHeight"]) == (300, 300)
    sizes = [(s["width"], s["height"]) for s in doc["sizes"]]
    assert sizes == [(250, 175), (300, 210)]
    # 30% of full resolution: only tiles at scale factor 4 (25%) are no finer than that.
    assert doc["tiles"] == [{"width": 256, "height": 256, "scaleFactors": [4]}]
    # Without the zoom cap, every scale factor stays listed.
    loose = info(SERVICE, W, H, max_width=300, restrict_zoom=False)
    assert loose["tiles"][0]["scaleFactors"] == [1, 2, 4]
    # A cap below the coarsest listed factor still leaves one usable tile level.
    assert info(SERVICE, 6000, 4000, max_width=256)["tiles"][0]["scaleFactors"] == [32]


def test_info_json_tiles_need_to_fit_the_caps() -> None:
    doc = info(SERVICE, W, H, max_width=100)
    assert "tiles" not in doc  # a 256-pixel tile would exceed maxWidth
    assert doc["sizes"][-1] == {"width": 100, "height": 70}


def test_info_json_declares_max_area_for_huge_images() -> None:
    doc = info(SERVICE, 20_000, 15_000)
    assert doc["maxArea"] == DEFAULT_MAX_PIXELS
    assert doc["tiles"][0]["scaleFactors"][0] == 1  # the pixel limit is not a zoom cap
    assert all(s["width"] * s["height"] <= DEFAULT_MAX_PIXELS for s in doc["sizes"])


@pytest.mark.parametrize(
    "caps",
    [{}, {"max_width": 200}, {"max_width": 300, "max_height": 150}, {"max_area": 50_000}],
)
@pytest.mark.parametrize(("width", "height"), [(W, H), (6000, 4000), (255, 3001)])
def test_everything_info_json_lists_can_be_requested(
    caps: dict[str, Any], width: int, height: int
) -> None:
    """The spec: servers must support the sizes and tiles they declare."""
    doc = info(SERVICE, width, height, **caps)
    for size in doc["sizes"]:
        r = parse_request(
            "full", f"{size['width']},{size['height']}", "0", "default", "jpg",
            width=width, height=height, **caps,
        )  # fmt: skip
        assert r.size == (size["width"], size["height"])
    for tile in doc.get("tiles", []):
        ts = tile["width"]
        for factor in tile["scaleFactors"]:
            step = ts * factor
            for y in range(0, height, step):
                for x in range(0, width, step):
                    rw, rh = min(step, width - x), min(step, height - y)
                    r = parse_request(
                        f"{x},{y},{rw},{rh}", f"{math.ceil(rw / factor)},", "0", "default",
                        "jpg", width=width, height=height, **caps,
                    )  # fmt: skip
                    assert r.size[0] <= ts and r.size[1] <= ts


def test_info_json_http_features_and_tile_size() -> None:
    doc = info(SERVICE, W, H, http_features=(), tile_size=512)
    assert doc["extraFeatures"] == ["mirroring", "rotationArbitrary", "sizeUpscaling"]
    assert doc["tiles"] == [{"width": 512, "height": 512, "scaleFactors": [1, 2]}]
    with pytest.raises(ValueError, match="unknown HTTP features"):
        info(SERVICE, W, H, http_features=("teleportation",))
    assert scale_factors(6000, 4000, 256) == [1, 2, 4, 8, 16, 32]


def test_link_header_is_what_the_validator_parses() -> None:
    r = req("full", "500,", fmt="jpg")
    assert link_header(SERVICE + "/", r) == (
        f'<{SERVICE}/full/500,350/0/default.jpg>;rel="canonical", '
        '<http://iiif.io/api/image/3/level2.json>;rel="profile"'
    )
    assert link_header(SERVICE) == '<http://iiif.io/api/image/3/level2.json>;rel="profile"'


# --- rendering, per backend ------------------------------------------------------------------

MATRIX = [
    ("full", "max", "0", "default", "png"),
    ("full", "max", "0", "default", "jpg"),
    ("square", "max", "0", "color", "png"),
    ("10,20,333,222", "max", "0", "default", "png"),
    ("900,600,500,500", "max", "0", "default", "png"),
    ("pct:10,20,30,40", "max", "0", "default", "png"),
    ("full", "333,", "0", "default", "jpg"),
    ("full", ",77", "0", "default", "jpg"),
    ("full", "pct:33.3", "0", "default", "webp"),
    ("full", "301,97", "0", "default", "png"),
    ("full", "!301,301", "0", "default", "png"),
    ("0,0,100,100", "^350,", "0", "default", "png"),
    ("0,0,100,50", "^max", "0", "default", "jpg"),
    ("full", "500,", "90", "default", "png"),
    ("full", "500,", "180", "default", "png"),
    ("full", "500,", "270", "default", "png"),
    ("full", "500,", "!0", "default", "png"),
    ("full", "500,", "!90", "gray", "png"),
    ("full", "500,", "22.5", "default", "png"),
    ("full", "500,", "!333.3", "default", "jpg"),
    ("37,41,301,203", "123,", "45", "bitonal", "png"),
    ("full", "250,", "0", "bitonal", "tif"),
    ("full", "250,", "0", "gray", "webp"),
]


@pytest.mark.parametrize(("region", "size", "rotation", "quality", "fmt"), MATRIX)
def test_output_size_is_exactly_the_requested_geometry(
    backend: Backend,
    master: Path,
    region: str,
    size: str,
    rotation: str,
    quality: str,
    fmt: str,
) -> None:
    r = req(region, size, rotation, quality, fmt)
    img = decode(render(master, r, backend))
    assert img.size == r.output_size


@needs_vips
def test_both_backends_agree_on_geometry(source_png: Path, tmp_path: Path) -> None:
    vips, pillow = get_backend("vips"), get_backend("pillow")
    vips_master, pillow_master = tmp_path / "v.tif", tmp_path / "p.png"
    prepare_source(source_png, vips_master, vips)
    prepare_source(source_png, pillow_master, pillow)
    for params in MATRIX:
        r = req(*params)
        sizes = {
            decode(render(path, r, b)).size
            for path in (vips_master, pillow_master)
            for b in (vips, pillow)
        }
        assert sizes == {r.output_size}, params


@pytest.mark.parametrize(
    ("rotation", "expected"),
    [
        # Expected colours of the output's top-left, top-right, bottom-left, bottom-right.
        ("0", (RED, GREEN, BLUE, YELLOW)),
        ("90", (BLUE, RED, YELLOW, GREEN)),
        ("180", (YELLOW, BLUE, GREEN, RED)),
        ("270", (GREEN, YELLOW, RED, BLUE)),
        ("!0", (GREEN, RED, YELLOW, BLUE)),
        ("!90", (YELLOW, GREEN, BLUE, RED)),
        ("!180", (BLUE, YELLOW, RED, GREEN)),
    ],
)
def test_rotation_and_mirroring_move_the_quadrants(
    backend: Backend,
    master: Path,
    rotation: str,
    expected: tuple[tuple[int, int, int], ...],
) -> None:
    img = decode(render(master, req("full", "400,", rotation), backend)).convert("RGB")
    got = [
        sample(img, fx, fy) for fx, fy in ((0.25, 0.25), (0.75, 0.25), (0.25, 0.75), (0.75, 0.75))
    ]
    assert all(near(g, e) for g, e in zip(got, expected, strict=True)), got


@pytest.mark.parametrize(("region", "colour"), [
    ("500,0,500,350", GREEN),
    ("0,350,500,350", BLUE),
    ("pct:60,60,30,30", YELLOW),
    ("10,10,50,50", RED),
])  # fmt: skip
def test_regions_show_the_right_quadrant(
    backend: Backend, master: Path, region: str, colour: tuple[int, ...]
) -> None:
    img = decode(render(master, req(region, "max", fmt="jpg"), backend)).convert("RGB")
    for fx, fy in ((0.1, 0.1), (0.5, 0.5), (0.9, 0.9)):
        assert near(sample(img, fx, fy), colour)


def test_gray_quality(backend: Backend, master: Path) -> None:
    img = decode(render(master, req("full", "500,", quality="gray"), backend))
    assert img.mode == "L"
    for (fx, fy), name in zip(
        ((0.25, 0.25), (0.75, 0.25), (0.25, 0.75), (0.75, 0.75)), QUADRANTS, strict=True
    ):
        assert near(sample(img, fx, fy), (gray_of(QUADRANTS[name]),), tolerance=3)


def test_bitonal_quality(backend: Backend, master: Path) -> None:
    img = decode(render(master, req("full", "500,", quality="bitonal"), backend))
    assert img.mode in ("1", "L")
    img = img.convert("L")
    colors = img.getcolors()
    assert colors is not None and {value for _count, value in colors} <= {0, 255}
    assert sample(img, 0.25, 0.25) == (0,)  # red is dark
    assert sample(img, 0.75, 0.25) == (255,)  # green is light
    assert sample(img, 0.25, 0.75) == (0,)
    assert sample(img, 0.75, 0.75) == (255,)
    jpg = decode(render(master, req("full", "500,", quality="bitonal", fmt="jpg"), backend))
    assert jpg.mode == "L"


def test_color_and_default_qualities(backend: Backend, master: Path, tmp_path: Path) -> None:
    assert decode(render(master, req(quality="color"), backend)).mode == "RGB"
    assert decode(render(master, req(), backend)).mode == "RGB"
    gray_src = tmp_path / "gray.png"
    quadrant_image().convert("L").save(gray_src)
    gray_master = tmp_path / "gray-master.tif"
    prepare_source(gray_src, gray_master, backend)
    assert decode(render(gray_master, req(), backend)).mode == "L"  # default keeps gray
    color = decode(render(gray_master, req(quality="color"), backend))
    assert color.mode == "RGB"  # the validator's quality_color wants RGB
    assert near(sample(color, 0.25, 0.25), (gray_of(RED),) * 3, tolerance=3)


def test_arbitrary_rotation_background(backend: Backend, master: Path) -> None:
    png = decode(render(master, req("full", "400,", "45", fmt="png"), backend))
    assert png.mode == "RGBA"
    assert sample(png, 0, 0)[3] == 0
    assert sample(png, 0.5, 0.5)[3] == 255
    jpg = decode(render(master, req("full", "400,", "45", fmt="jpg"), backend))
    assert near(sample(jpg, 0, 0), (255, 255, 255), tolerance=8)
    gray = decode(render(master, req("full", "400,", "30", "gray", "png"), backend))
    assert gray.mode == "LA"


@pytest.mark.parametrize(
    ("fmt", "magic"),
    [
        ("jpg", (0, b"\xff\xd8\xff")),
        ("png", (0, b"\x89PNG\r\n\x1a\n")),
        ("webp", (8, b"WEBP")),
        ("tif", (0, (b"II*\x00", b"MM\x00*"))),
    ],
)
def test_formats_have_the_right_magic_bytes(
    backend: Backend,
    master: Path,
    fmt: str,
    magic: tuple[int, bytes | tuple[bytes, ...]],
) -> None:
    data = render(master, req("full", "100,", fmt=fmt), backend)
    offset, signature = magic
    signatures = signature if isinstance(signature, tuple) else (signature,)
    assert any(data[offset:].startswith(s) for s in signatures)
    if fmt == "webp":
        assert data[:4] == b"RIFF"
    assert decode(data).size == (100, 70)


def test_output_strips_metadata(backend: Backend, master: Path) -> None:
    img = decode(render(master, req("full", "100,", fmt="jpg"), backend))
    assert "exif" not in img.info


def test_recorded_size_must_match_the_master(backend: Backend, master: Path) -> None:
    with pytest.raises(IIIFError) as caught:
        render(master, req(width=W + 1, height=H), backend)
    assert caught.value.status == 500


def test_a_master_replaced_in_place_is_read_afresh(
    backend: Backend, source_png: Path, tmp_path: Path
) -> None:
    dest = tmp_path / "master.tif"
    prepare_source(source_png, dest, backend)
    first = decode(render(dest, req("full", "100,"), backend)).convert("RGB")
    assert near(sample(first, 0.25, 0.25), RED)
    other = tmp_path / "other.png"
    quadrant_image().transpose(Image.Transpose.ROTATE_180).save(other)
    prepare_source(other, dest, backend)
    stamp = dest.stat().st_mtime_ns + 1_000_000
    os.utime(dest, ns=(stamp, stamp))  # coarse clocks: make sure the file looks changed
    again = decode(render(dest, req("full", "100,"), backend)).convert("RGB")
    assert near(sample(again, 0.25, 0.25), YELLOW)


def test_pillow_keeps_decoded_levels_within_its_budget(source_png: Path) -> None:
    roomy = PillowBackend()
    for region in ("0,0,256,256", "256,0,256,256", "512,256,256,256"):
        assert decode(render(source_png, req(region, "max"), roomy)).size == (256, 256)
    assert len(roomy._decoded) == 1  # one decode served all three tiles
    tight = PillowBackend(decoded_cache_bytes=1)
    tile = decode(render(source_png, req("600,400,256,256", "max"), tight)).convert("RGB")
    assert near(sample(tile, 0.5, 0.5), YELLOW)
    assert not tight._decoded


# --- pyramids and shrink-on-load -------------------------------------------------------------


def test_choose_level_and_level_crop() -> None:
    levels = [Level(1, 2048, 1536), Level(2, 1024, 768, page=1), Level(4, 512, 384, page=2)]
    big: dict[str, Any] = {"width": 2048, "height": 1536}
    assert choose_level(levels, req("full", "512,", **big)).factor == 4
    assert choose_level(levels, req("full", "513,", **big)).factor == 2
    assert choose_level(levels, req("full", "max", **big)).factor == 1
    tile = req("1024,1024,1024,512", "256,", **big)
    level = choose_level(levels, tile)
    assert level.page == 2
    assert level_crop(level.factor, level.width, level.height, tile) == (256, 256, 512, 384)
    edge = req("2047,1535,1,1", "max", **big)
    assert level_crop(4, 512, 384, edge) == (511, 383, 512, 384)


@pytest.fixture(scope="module")
def big_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "big.png"
    quadrant_image(2048, 1536).save(path)
    return path


@needs_vips
@pytest.mark.parametrize("reader", ["vips", "pillow"])
def test_tiles_read_from_the_pyramid_level(
    big_source: Path, tmp_path: Path, reader: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    master = tmp_path / "pyramid.tif"
    prepare_source(big_source, master, get_backend("vips"))
    backend = get_backend(reader)
    big: dict[str, Any] = {"width": 2048, "height": 1536}
    seen: list[Level] = []
    import tongwen.catalog.iiif.image.backends as backends_module

    original = backends_module.choose_level

    def spy(levels: list[Level], request: ImageRequest) -> Level:
        level = original(levels, request)
        seen.append(level)
        return level

    monkeypatch.setattr(backends_module, "choose_level", spy)
    # The tile at scale factor 4 in the bottom-right corner: region 1024,1024,1024,512.
    tile = decode(render(master, req("1024,1024,1024,512", "256,", **big), backend))
    assert tile.size == (256, 128)
    assert seen[-1].factor == 4 and seen[-1].page == 2
    assert near(sample(tile.convert("RGB"), 0.5, 0.5), YELLOW)
    # A full-resolution tile reads the full level.
    tile = decode(render(master, req("0,0,256,256", "max", **big), backend))
    assert seen[-1].factor == 1 and tile.size == (256, 256)
    assert near(sample(tile.convert("RGB"), 0.5, 0.5), RED)


@pytest.mark.parametrize("backend_name", BACKENDS)
def test_jpeg_masters_use_shrink_on_load(tmp_path: Path, backend_name: str) -> None:
    src = tmp_path / "src.jpg"
    quadrant_image(2000, 1400).save(src, quality=95)
    backend = get_backend(backend_name)
    big: dict[str, Any] = {"width": 2000, "height": 1400}
    img = decode(render(src, req("full", "250,", **big), backend))  # the JPEG itself as master
    assert img.size == (250, 175)
    assert near(sample(img, 0.25, 0.75), BLUE)
    region = decode(render(src, req("1000,0,1000,700", "125,", **big), backend))
    assert region.size == (125, 88)
    assert near(sample(region.convert("RGB"), 0.5, 0.5), GREEN)


# --- masters ---------------------------------------------------------------------------------


@needs_vips
def test_vips_master_is_a_tiled_jpeg_pyramid(source_png: Path, tmp_path: Path) -> None:
    dest = tmp_path / "sub" / "master.tif"
    assert prepare_source(source_png, dest, get_backend("vips")) == (W, H)
    with Image.open(dest) as im:
        assert im.format == "TIFF"
        assert im.tag_v2[259] == 7  # Compression: JPEG
        assert (im.tag_v2[322], im.tag_v2[323]) == (256, 256)  # TileWidth, TileLength
        sizes = []
        for page in range(im.n_frames):
            im.seek(page)
            sizes.append(im.size)
    assert sizes[:3] == [(1000, 700), (500, 350), (250, 175)]
    assert os.listdir(dest.parent) == ["master.tif"]  # no temporary file left behind


def test_pillow_master_is_the_upload_when_it_can_be(source_png: Path, tmp_path: Path) -> None:
    dest = tmp_path / "master.png"
    assert prepare_source(source_png, dest, get_backend("pillow")) == (W, H)
    assert dest.read_bytes() == source_png.read_bytes()
    assert os.listdir(tmp_path) == ["master.png"]


@pytest.mark.parametrize("backend_name", BACKENDS)
def test_prepare_applies_exif_orientation(tmp_path: Path, backend_name: str) -> None:
    src = tmp_path / "rotated.jpg"
    exif = Image.Exif()
    exif[0x0112] = 6  # stored turned: display after rotating 90° clockwise
    quadrant_image().save(src, quality=95, exif=exif)
    backend = get_backend(backend_name)
    dest = tmp_path / "master.tif"
    assert prepare_source(src, dest, backend) == (H, W)
    img = decode(render(dest, req(width=H, height=W), backend)).convert("RGB")
    assert img.size == (H, W)
    assert near(sample(img, 0.25, 0.25), BLUE)  # the bottom-left quadrant is now top-left


@pytest.mark.parametrize("backend_name", BACKENDS)
def test_prepare_rejects_bad_and_oversized_files(tmp_path: Path, backend_name: str) -> None:
    backend = get_backend(backend_name)
    junk = tmp_path / "junk.jpg"
    junk.write_bytes(b"\xff\xd8\xff this is not really a JPEG")
    with pytest.raises(IIIFError) as caught:
        prepare_source(junk, tmp_path / "out" / "m.tif", backend)
    assert caught.value.status == 400
    src = tmp_path / "ok.png"
    quadrant_image(200, 100).save(src)
    with pytest.raises(IIIFError) as caught:
        prepare_source(src, tmp_path / "out" / "m.tif", backend, max_pixels=19_999)
    assert caught.value.status == 400
    assert not (tmp_path / "out").exists() or os.listdir(tmp_path / "out") == []


def test_prepare_flattens_alpha_onto_white(tmp_path: Path) -> None:
    src = tmp_path / "alpha.png"
    img = quadrant_image(200, 100).convert("RGBA")
    img.putalpha(0)
    img.save(src)
    for name in ("pillow", "vips") if vips_available() else ("pillow",):
        backend = get_backend(name)
        dest = tmp_path / f"{name}.tif"
        prepare_source(src, dest, backend)
        out = decode(render(dest, req(width=200, height=100, fmt="png"), backend))
        assert out.mode == "RGB"
        assert near(sample(out, 0.5, 0.5), (255, 255, 255), tolerance=6)


def test_pillow_decompression_bomb_check_stays_on() -> None:
    assert Image.MAX_IMAGE_PIXELS is not None


# --- backend selection -----------------------------------------------------------------------


def test_get_backend() -> None:
    assert isinstance(get_backend("pillow"), PillowBackend)
    assert get_backend("pillow") is get_backend("PILLOW")
    expected = VipsBackend if vips_available() else PillowBackend
    assert isinstance(get_backend("auto"), expected)
    assert isinstance(get_backend(None), expected)
    with pytest.raises(ImproperlyConfigured):
        get_backend("imagemagick")


def test_dimensions(backend: Backend, master: Path) -> None:
    assert backend.dimensions(master) == (W, H)


# --- derivative cache ------------------------------------------------------------------------


def test_cache_round_trip_and_invalidate(tmp_path: Path) -> None:
    cache = DerivativeCache(tmp_path / "cache")
    assert cache.get("img-1", "full/max/0/default.jpg") is None
    cache.put("img-1", "full/max/0/default.jpg", b"one")
    cache.put("img-1", "full/100,70/0/default.jpg", b"two")
    cache.put("img-2", "full/max/0/default.jpg", b"three")
    assert cache.get("img-1", "full/max/0/default.jpg") == b"one"
    assert cache.get("img-2", "full/max/0/default.jpg") == b"three"
    cache.put("img-1", "full/max/0/default.jpg", b"one again")
    assert cache.get("img-1", "full/max/0/default.jpg") == b"one again"
    assert cache.invalidate("img-1") == 2
    assert cache.get("img-1", "full/100,70/0/default.jpg") is None
    assert cache.get("img-2", "full/max/0/default.jpg") == b"three"
    assert cache.invalidate("never-cached") == 0
    assert cache.total_bytes() == len(b"three")


@pytest.mark.parametrize(
    ("image_id", "key"),
    [
        ("../../etc", "passwd"),
        ("/etc/passwd", "../../../../tmp/x"),
        ("a\x00b", "c/../../d"),
        ("..", ".."),
        ("图像", "全/最大/0/默认.jpg"),
    ],
)
def test_cache_keys_cannot_escape_the_root(tmp_path: Path, image_id: str, key: str) -> None:
    root = tmp_path / "cache"
    cache = DerivativeCache(root)
    path = cache.put(image_id, key, b"data")
    assert path.resolve().is_relative_to(root.resolve())
    assert len(path.relative_to(root).parts) == 3
    assert all(set(part) <= set("0123456789abcdef") for part in path.relative_to(root).parts)
    assert cache.get(image_id, key) == b"data"


def test_cache_evicts_least_recently_used(tmp_path: Path) -> None:
    cache = DerivativeCache(tmp_path / "cache", max_bytes=1000, check_every=1, touch_interval=0)
    now = time.time()
    for i in range(3):
        path = cache.put("img", f"k{i}", b"x" * 300)
        os.utime(path, (now - 1000 + i, now - 1000 + i))  # k0 oldest
    assert cache.get("img", "k0") == b"x" * 300  # touching k0 makes k1 the oldest
    cache.put("img", "k3", b"x" * 300)  # 1200 bytes > 1000: evict down to 900
    assert cache.total_bytes() <= 900
    assert cache.get("img", "k1") is None
    assert cache.get("img", "k0") is not None
    assert cache.get("img", "k3") is not None


def test_cache_explicit_eviction_and_stale_temporaries(tmp_path: Path) -> None:
    cache = DerivativeCache(tmp_path / "cache")
    for i in range(4):
        cache.put("img", f"k{i}", b"y" * 100)
    stale = cache.path_for("img", "k0").parent / ".tmp-crashed"
    stale.write_bytes(b"z" * 50)
    os.utime(stale, (time.time() - 7200, time.time() - 7200))
    assert cache.evict() == 0  # unbounded cache: nothing to do without a target
    assert cache.evict(target_bytes=200) == 2
    assert cache.total_bytes() == 200
    assert not stale.exists()
    with pytest.raises(ValueError):
        DerivativeCache(tmp_path, max_bytes=0)


def test_render_cached(backend: Backend, master: Path, tmp_path: Path) -> None:
    cache = DerivativeCache(tmp_path / "cache", max_bytes=10_000_000)
    r = req("full", "200,", fmt="jpg")
    data, hit = render_cached(master, r, backend, cache, "img-1")
    assert not hit and data[:3] == b"\xff\xd8\xff"
    again, hit = render_cached(master, r, backend, cache, "img-1")
    assert hit and again == data


# --- sniffing --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "image/jpeg"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "image/png"),
        (b"II*\x00\x08\x00\x00\x00", "image/tiff"),
        (b"MM\x00*\x00\x00\x00\x08", "image/tiff"),
        (b"II+\x00\x08\x00\x00\x00", "image/tiff"),
        (b"MM\x00+\x00\x08\x00\x00", "image/tiff"),
        (b"GIF89a", None),
        (b"RIFF\x00\x00\x00\x00WEBP", None),
        (b"%PDF-1.7", None),
        (b"\x89PNG", None),
        (b"", None),
    ],
)
def test_sniff_image_type(head: bytes, expected: str | None) -> None:
    assert sniff_image_type(head) == expected


def test_sniff_recognises_real_files(backend: Backend, master: Path) -> None:
    with open(master, "rb") as fh:
        assert sniff_image_type(fh.read(8)) in ("image/tiff", "image/png")
    for fmt, media_type in (("jpg", "image/jpeg"), ("png", "image/png"), ("tif", "image/tiff")):
        assert sniff_image_type(render(master, req("full", "50,", fmt=fmt), backend)) == media_type


# --- tiles straight from the stored JPEG tiles (libvips masters) -----------------------------


def _through_libvips(master: Path, request: ImageRequest, jpeg_quality: int = 85) -> bytes:
    """The same request rendered by a libvips pipeline alone (the stored-tile path refused)."""
    import pyvips  # type: ignore[import-untyped]

    source = pyvips.Image.new_from_file(str(master))
    levels = [(1, source)] + [
        (2**page, pyvips.Image.new_from_file(str(master), page=page))
        for page in range(1, source.get("n-pages"))
    ]
    factor, img = max((f, i) for f, i in levels if f <= request.region[2] / request.size[0] + 1e-9)
    x0, y0, x1, y1 = level_crop(factor, img.width, img.height, request)
    return bytes(img.crop(x0, y0, x1 - x0, y1 - y0).jpegsave_buffer(Q=jpeg_quality))


@needs_vips
def test_viewer_tiles_come_from_the_stored_tiles_with_libvips_pixels(
    source_png: Path, tmp_path: Path
) -> None:
    vips = get_backend("vips")
    assert isinstance(vips, VipsBackend)
    dest = tmp_path / "master.tif"
    prepare_source(source_png, dest, vips)
    source = _cached_source("vips", dest, vips._load_source)
    # Full-size tiles, edge tiles and tiles of the reduced levels, as viewers ask for them.
    for region, size in [
        ("0,0,256,256", "256,"),
        ("768,512,232,188", "232,"),
        ("512,0,488,512", "244,"),
        ("0,0,1000,700", "250,"),
        ("100,100,50,50", "50,"),  # a piece of one stored tile
    ]:
        request = req(region, size, fmt="jpg")
        fast = vips._stored_tile(dest, source.stamp, choose_level(source.levels, request), request)
        assert fast is not None, region
        assert render(dest, request, vips) == fast
        mine, theirs = decode(fast).convert("RGB"), decode(_through_libvips(dest, request))
        assert mine.size == theirs.size == request.size
        assert max(ImageStat.Stat(ImageChops.difference(mine, theirs.convert("RGB"))).mean) < 1
    # Everything else goes through libvips: scaling, rotation, mirroring, other qualities and
    # formats, regions across stored tiles.
    for args in [
        ("0,0,256,256", "100,", "0", "default", "jpg"),
        ("0,0,256,256", "256,", "90", "default", "jpg"),
        ("0,0,256,256", "256,", "!0", "default", "jpg"),
        ("0,0,256,256", "256,", "0", "gray", "jpg"),
        ("0,0,256,256", "256,", "0", "default", "png"),
        ("128,128,256,256", "256,", "0", "default", "jpg"),
    ]:
        request = req(*args)
        level = choose_level(source.levels, request)
        assert vips._stored_tile(dest, source.stamp, level, request) is None, args
        assert decode(render(dest, request, vips)).size == request.output_size


@needs_vips
def test_stored_tiles_of_a_replaced_master_are_read_afresh(
    source_png: Path, tmp_path: Path
) -> None:
    vips = get_backend("vips")
    dest = tmp_path / "master.tif"
    prepare_source(source_png, dest, vips)
    tile = req("0,0,256,256", "256,", fmt="jpg")
    assert near(sample(decode(render(dest, tile, vips)).convert("RGB"), 0.5, 0.5), RED)
    other = tmp_path / "other.png"
    quadrant_image().transpose(Image.Transpose.ROTATE_180).save(other)
    prepare_source(other, dest, vips)
    stamp = dest.stat().st_mtime_ns + 1_000_000
    os.utime(dest, ns=(stamp, stamp))
    assert near(sample(decode(render(dest, tile, vips)).convert("RGB"), 0.5, 0.5), YELLOW)
    # A master the shortcut cannot read (Pillow's: an untiled TIFF or the upload) is rendered
    # by libvips as before.
    plain = tmp_path / "plain.tif"
    quadrant_image().save(plain, compression="tiff_lzw")
    assert near(sample(decode(render(plain, tile, vips)).convert("RGB"), 0.5, 0.5), RED)
