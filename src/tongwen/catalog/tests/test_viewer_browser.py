"""The viewer, seen: Debian's headless Chromium opens the viewer page against a live server,
and Mirador (served from this site) loads the manifest and the IIIF image service's tiles.

The screenshot test needs the image service routed at ``iiif/3/…`` (its own module) and is
skipped until that route exists; the DOM test needs only the manifest.
"""

from __future__ import annotations

import io
import json
import shutil
import statistics
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.urls import Resolver404, resolve
from PIL import Image, ImageDraw

from tongwen.catalog import images
from tongwen.catalog.models import Resource
from tongwen.catalog.tests.conftest import make_resource
from tongwen.common.actors import SYSTEM

CHROMIUM = shutil.which("chromium")
WIDTH, HEIGHT = 1280, 900
PAPER = (236, 224, 196)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        CHROMIUM is None, reason="Debian's chromium is installed by `make setup`; not found here"
    ),
]


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


def _chromium(profile: Path, *args: str, language: str = "en") -> str:
    assert CHROMIUM is not None
    result = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            # No host name but the live server's resolves: nothing can leave the machine.
            "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost",
            f"--user-data-dir={profile}",
            f"--window-size={WIDTH},{HEIGHT}",
            f"--accept-lang={language}",
            "--virtual-time-budget=15000",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=True,
    )
    return result.stdout


def _page_requests(net_log: Path, page_origin: str) -> set[str]:
    """The URLs the page asked for (itself, and everything its HTML and scripts fetched), read
    from Chromium's NetLog. The browser's own background requests (initiator "not an origin")
    are left out; ``--host-resolver-rules`` keeps those from leaving the machine anyway."""
    log = json.loads(net_log.read_text())
    start_job = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    urls = set()
    for event in log.get("events", []):
        params = event.get("params") or {}
        if event.get("type") != start_job or not isinstance(params.get("url"), str):
            continue
        if params.get("initiator") == page_origin or params["url"].startswith(page_origin):
            urls.add(params["url"])
    return urls


def test_the_viewer_renders_the_manifest_and_fetches_only_from_this_site(
    world, live_server, tmp_path
):  # type: ignore[no-untyped-def]
    _book(world)
    url = f"{live_server.url}/iiif/viewer/shiji-viewer"
    net_log = tmp_path / "net-log.json"
    dom = _chromium(tmp_path / "profile-en", f"--log-net-log={net_log}", "--dump-dom", url)
    (tmp_path / "viewer-en.html").write_text(dom)

    # Mirador read the manifest: its label titles the window, and it counts three canvases.
    assert 'data-viewer-state="started"' in dom
    assert 'aria-label="Window: Records of the Grand Historian"' in dom
    assert '<span class="MuiTypography-root MuiTypography-caption mirador-canvas-count' in dom
    assert ">1 of 3<" in dom
    # The thumbnail strip shows the book as pages are bound: the first alone, then a spread.
    assert "mirador-thumbnail-nav-canvas-1" in dom
    assert "mirador-thumbnail-nav-canvas-2" not in dom

    requested = _page_requests(net_log, live_server.url)
    assert f"{live_server.url}/static/vendor/mirador/mirador.min.js" in requested
    assert f"{live_server.url}/iiif/presentation/shiji-viewer/manifest" in requested
    local = urlsplit(live_server.url).netloc
    assert {u for u in requested if urlsplit(u).netloc != local} == set()

    # A reader of Simplified Chinese gets Mirador in Chinese and the zh-Hans title.
    dom_zh = _chromium(tmp_path / "profile-zh", "--dump-dom", url, language="zh-CN,zh")
    (tmp_path / "viewer-zh.html").write_text(dom_zh)
    assert '"language": "zh-CN"' in dom_zh
    assert 'aria-label="窗口: 史记"' in dom_zh
    assert ">1 / 3<" in dom_zh


def _image_service_routed() -> bool:
    try:
        resolve("/iiif/3/0123456789abcdef/info.json")
    except Resolver404:
        return False
    return True


def test_a_screenshot_of_the_viewer_shows_the_pages(world, live_server, tmp_path):  # type: ignore[no-untyped-def]
    if not _image_service_routed():
        pytest.skip("the IIIF image service (iiif/3/…) is not routed yet")
    _book(world)
    url = f"{live_server.url}/iiif/viewer/shiji-viewer"
    dom = _chromium(tmp_path / "profile-dom", "--dump-dom", url)
    assert 'id="error-dialog"' not in dom  # Mirador reports failed image loads there

    screenshot = tmp_path / "viewer.png"
    _chromium(tmp_path / "profile-shot", f"--screenshot={screenshot}", url)
    print(f"viewer screenshot: {screenshot}")
    with Image.open(screenshot) as shot:
        assert shot.size == (WIDTH, HEIGHT)
        rgb = list(shot.convert("RGB").getdata())
    grey = [(r * 299 + g * 587 + b * 114) // 1000 for r, g, b in rgb]
    assert statistics.pvariance(grey) > 500, "the screenshot is blank"
    # The pages were drawn: a good share of the screen is their paper colour.
    paper = sum(1 for p in rgb if all(abs(c - t) <= 12 for c, t in zip(p, PAPER, strict=True)))
    assert paper > len(rgb) * 0.02, f"only {paper} paper-coloured pixels"
