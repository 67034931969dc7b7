"""Pages that must be seen: rendered by Debian's headless Chromium against a live server."""

import shutil
import subprocess

import pytest

from tongwen.agreements.demo.loader import load_demo

CHROMIUM = shutil.which("chromium")

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        CHROMIUM is None, reason="Debian's chromium is installed by `make setup`; not found here"
    ),
]


def _rendered_dom(url: str, profile: str) -> str:
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
            f"--user-data-dir={profile}",
            "--virtual-time-budget=5000",
            "--dump-dom",
            url,
        ],
        capture_output=True,
        text=True,
        timeout=90,
        check=True,
    )
    return result.stdout


def test_measurement_charts_are_drawn_with_the_local_chart_library(live_server, tmp_path):
    load_demo()
    dom = _rendered_dom(f"{live_server.url}/initiatives/lsc-cstm-pilot-tour-2020/", str(tmp_path))
    # Chart.js sizes every canvas it draws on; an undrawn canvas keeps no inline style.
    drawn = dom.count("box-sizing: border-box")
    assert dom.count("<canvas") == 3
    assert drawn == 3
    assert "cdn" not in dom.lower()
