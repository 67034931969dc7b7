"""Pages that must be seen: rendered by Debian's Chromium, driven by Playwright, against a live
server."""

import pytest

from tongwen.agreements.demo.loader import load_demo
from tongwen.common.tests.browser import browse, needs_chromium

pytestmark = [pytest.mark.django_db(transaction=True), needs_chromium]


def test_measurement_charts_are_drawn_with_the_local_chart_library(live_server):  # type: ignore[no-untyped-def]
    load_demo()
    with browse() as visit:
        visit.page.goto(f"{live_server.url}/initiatives/lsc-cstm-pilot-tour-2020/")
        visit.page.wait_for_load_state("networkidle")
        canvases = visit.page.locator("canvas")
        assert canvases.count() == 3
        # Chart.js sizes every canvas it draws on; an undrawn canvas keeps no inline style.
        for canvas in canvases.all():
            assert "box-sizing: border-box" in (canvas.get_attribute("style") or "")
    assert visit.refused == []
    assert any("/static/" in url and "chart" in url.lower() for url in visit.requested)
