"""The search page, seen: Debian's Chromium, driven by Playwright against a live server, in
English and in Simplified Chinese. Results carry thumbnails from this site's IIIF image
service, facets carry counts, and typing in the box brings suggestions that the keyboard can
choose from. Nothing is fetched from anywhere but the live server.

The data is built (and indexed, as each write commits) before the browser opens: Playwright's
sync API runs an event loop on this thread, and Django refuses ORM calls while it runs."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation
from PIL import Image

from tongwen.common.tests.browser import browse, needs_chromium
from tongwen.search.tests.test_api import build_library

pytestmark = [pytest.mark.django_db(transaction=True), needs_chromium]

WIDTH, HEIGHT = 1280, 900


@dataclass(frozen=True)
class Expected:
    """What a reader of one language should see, worked out before the browser opens."""

    language: str
    accept_language: str
    html_lang: str
    query: str
    titles: list[str]
    count: str
    periods: set[str]
    period_heading: str
    nav_collection: str
    suggestion: str


def _expected(language: str, accept_language: str, html_lang: str, query: str) -> Expected:
    with translation.override(language):
        return Expected(
            language=language,
            accept_language=accept_language,
            html_lang=html_lang,
            query=query,
            titles=(
                ["史记", "汉书"]
                if language == "zh-hans"
                else ["Records of the Grand Historian", "Book of Han"]
            ),
            count=translation.ngettext("%(counter)s result", "%(counter)s results", 2)
            % {"counter": 2},
            periods=({"西汉", "东汉"} if language == "zh-hans" else {"Western Han", "Eastern Han"}),
            period_heading=translation.gettext("Dynasty or period"),
            nav_collection=translation.gettext("Collection"),
            suggestion="史记" if language == "zh-hans" else "Records of the Grand Historian",
        )


READERS = [
    _expected("en", "en", "en", "史记"),
    _expected("zh-hans", "zh-CN,zh;q=0.9", "zh-Hans", "史记"),
]


def _texts(page: Any, selector: str) -> list[str]:
    return [" ".join(t.split()) for t in page.locator(selector).all_inner_texts()]


def _facet_counts(page: Any, facet: str) -> dict[str, int]:
    links = page.locator(f'[data-facet="{facet}"] a.facet-value')
    labels = _texts(links, ".facet-label")
    counts = [int(c) for c in _texts(links, ".count")]
    return dict(zip(labels, counts, strict=True))


def _assert_screenshot(path: Path) -> None:
    assert path.stat().st_size > 20_000, "the screenshot is nearly empty"
    with Image.open(path) as shot:
        assert shot.format == "PNG"
        assert shot.size[0] == WIDTH and shot.size[1] >= HEIGHT
        grey = list(shot.convert("L").getdata())
    assert statistics.pvariance(grey) > 500, "the screenshot is blank"


@pytest.mark.parametrize("reader", READERS, ids=[r.language for r in READERS])
def test_the_search_page_with_results_thumbnails_and_suggestions(  # type: ignore[no-untyped-def]
    world, live_server, tmp_path, reader
):
    library = build_library(world)
    iiif_id = library["shiji"].images.get().iiif_id
    thumbnail = f"{live_server.url}/iiif/3/{iiif_id}/full/!200,200/0/default.jpg"
    results = tmp_path / f"search-{reader.language}.png"
    suggesting = tmp_path / f"search-{reader.language}-suggestions.png"

    with browse(language=reader.accept_language, width=WIDTH, height=HEIGHT) as visit:
        page = visit.page
        page.goto(f"{live_server.url}/search/?q={reader.query}")
        page.wait_for_function(
            "() => { const img = document.querySelector('.hit-thumb img');"
            " return img !== null && img.complete && img.naturalWidth > 0; }"
        )
        assert page.locator("html").get_attribute("lang") == reader.html_lang
        assert _texts(page, ".hit-title a") == reader.titles
        assert _texts(page, "#result-count") == [reader.count]
        assert _texts(page, '[data-facet="period"] h2') == [reader.period_heading]
        assert set(_facet_counts(page, "period")) == reader.periods
        assert _facet_counts(page, "institution") == {"Institution B": 2}
        assert _facet_counts(page, "has_images") == {
            label: 1 for label in _texts(page, '[data-facet="has_images"] .facet-label')
        }
        assert reader.nav_collection in _texts(page, ".site-nav a")
        assert page.locator(".hit-thumb img").evaluate("img => img.naturalWidth") > 0
        assert page.evaluate("document.activeElement.id") == "search-q"  # autofocus
        page.screenshot(path=results, full_page=True)

        # Typing brings suggestions, titled in the reader's language.
        box = page.locator("#search-q")
        box.fill("")
        box.press_sequentially("shij", delay=40)
        page.wait_for_selector('#search-suggestions [role="option"]')
        assert box.get_attribute("aria-expanded") == "true"
        options = page.locator('#search-suggestions [role="option"]')
        assert _texts(options, ".suggestion-title") == [reader.suggestion]
        page.screenshot(path=suggesting)
        box.press("ArrowDown")
        assert options.first.get_attribute("aria-selected") == "true"
        assert box.get_attribute("aria-activedescendant") == options.first.get_attribute("id")
        box.press("Enter")
        page.wait_for_url(f"{live_server.url}/collection/shiji/")
        # Every other page has a search box in its header.
        assert page.locator('header form[role="search"] input[name="q"]').is_visible()

    assert visit.refused == []
    assert thumbnail in visit.requested
    assert f"{live_server.url}/static/search/search.js" in visit.requested
    assert f"{live_server.url}/api/v1/search/suggest/?q=shij" in visit.requested
    for path in (results, suggesting):
        print(f"search page screenshot: {path}")
        _assert_screenshot(path)
