"""The viewer, seen: Debian's Chromium, driven by Playwright, opens the viewer page against a
live server, and Mirador (served from this site) loads the manifest and the IIIF image service's
tiles."""

from __future__ import annotations

import io
import statistics

import pytest
from PIL import Image, ImageDraw

from tongwen.catalog import images
from tongwen.catalog.models import Resource
from tongwen.catalog.tests.conftest import make_resource
from tongwen.common.actors import SYSTEM
from tongwen.common.tests.browser import browse, needs_chromium

WIDTH, HEIGHT = 1280, 900
PAPER = (236, 224, 196)

pytestmark = [pytest.mark.django_db(transaction=True), needs_chromium]


@pytest.fixture(autouse=True)
def _image_store(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.TONGWEN_IMAGE_ROOT = tmp_path / "images"
    settings.TONGWEN_IIIF_CACHE_ROOT = tmp_path / "iiif-cache"


def _leaf(n: int) -> io.BytesIO:
    """A page-like image: paper colour, a dark frame and 2n columns of 'text'."""
    image = Image.new("RGB", (900, 1400), PAPER)
    draw = ImageDraw.Draw(image)
    draw.rectangle((60, 80, 840, 1320), outline=(60, 40, 30), width=12)
    for column in range(n * 2):
        x = 760 - column * 90
        draw.rectangle((x, 140, x + 40, 1240), fill=(40, 30, 25))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    buffer.seek(0)
    return buffer


def _book(world) -> Resource:  # type: ignore[no-untyped-def]
    resource = make_resource(
        world["b"],
        "shiji-viewer",
        title={"zh-Hant": "史記", "zh-Hans": "史记", "en": "Records of the Grand Historian"},
    )
    for n in (1, 2, 3):
        images.image_add(
            actor=SYSTEM, resource=resource, file=_leaf(n), original_name=f"leaf-{n}.jpg"
        )
    return resource


def _open_viewer(page, url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(url)
    page.wait_for_selector('[data-viewer-state="started"]')
    page.wait_for_selector(".mirador-canvas-count")
    # Every tile asked for has arrived, and OpenSeadragon has drawn them.
    page.wait_for_load_state("networkidle")


def test_the_viewer_renders_the_manifest_and_fetches_only_from_this_site(world, live_server):  # type: ignore[no-untyped-def]
    _book(world)
    url = f"{live_server.url}/iiif/viewer/shiji-viewer"
    with browse() as visit:
        _open_viewer(visit.page, url)
        # Mirador read the manifest: its label titles the window, and it counts three canvases.
        assert visit.page.get_by_label("Window: Records of the Grand Historian").count() == 1
        assert visit.page.locator(".mirador-canvas-count").inner_text() == "1 of 3"
        # The thumbnail strip shows the book as pages are bound: the first alone, then a spread.
        assert visit.page.locator(".mirador-thumbnail-nav-canvas-1").count() == 1
        assert visit.page.locator(".mirador-thumbnail-nav-canvas-2").count() == 0

    assert f"{live_server.url}/static/vendor/mirador/mirador.min.js" in visit.requested
    assert f"{live_server.url}/iiif/presentation/shiji-viewer/manifest" in visit.requested
    assert any(u.startswith(f"{live_server.url}/iiif/3/") for u in visit.requested)
    assert visit.refused == []

    # A reader of Simplified Chinese gets Mirador in Chinese and the zh-Hans title.
    with browse(language="zh-CN,zh") as visit:
        _open_viewer(visit.page, url)
        assert '"language": "zh-CN"' in visit.page.content()
        assert visit.page.get_by_label("窗口: 史记").count() == 1
        assert visit.page.locator(".mirador-canvas-count").inner_text() == "1 / 3"


def test_a_screenshot_of_the_viewer_shows_the_pages(world, live_server, tmp_path):  # type: ignore[no-untyped-def]
    _book(world)
    screenshot = tmp_path / "viewer.png"
    with browse(width=WIDTH, height=HEIGHT) as visit:
        _open_viewer(visit.page, f"{live_server.url}/iiif/viewer/shiji-viewer")
        assert visit.page.locator("#error-dialog").count() == 0  # Mirador's failed-load report
        visit.page.screenshot(path=screenshot)
    print(f"viewer screenshot: {screenshot}")
    with Image.open(screenshot) as shot:
        assert shot.size == (WIDTH, HEIGHT)
        rgb = list(shot.convert("RGB").getdata())
    grey = [(r * 299 + g * 587 + b * 114) // 1000 for r, g, b in rgb]
    assert statistics.pvariance(grey) > 500, "the screenshot is blank"
    # The pages were drawn: a good share of the screen is their paper colour.
    paper = sum(1 for p in rgb if all(abs(c - t) <= 12 for c, t in zip(p, PAPER, strict=True)))
    assert paper > len(rgb) * 0.02, f"only {paper} paper-coloured pixels"
