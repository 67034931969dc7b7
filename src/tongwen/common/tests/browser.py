"""Pages seen by a real browser: Playwright driving Debian's Chromium (``/usr/bin/chromium``).

Playwright waits for what a test names (a selector, the network falling idle) instead of a
fixed time budget, so a slow machine makes a test slower, never wrong. Only the live server on
loopback is reachable: every other request is aborted and recorded, so a page that reaches for a
CDN fails its test.

Playwright's synchronous API runs an event loop on the calling thread, and Django refuses ORM
calls while one runs: build the data first, then open the page.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, Route, sync_playwright
from playwright.sync_api import Request as BrowserRequest

CHROMIUM = shutil.which("chromium")

needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="Debian's chromium is installed by `make setup`; not found here"
)

# The flags this machine's closed network needs (no background connections at start).
_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 120_000


@dataclass
class Visit:
    """A page and what it asked the network for."""

    page: Page
    requested: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


@contextmanager
def browse(*, language: str = "en", width: int = 1280, height: int = 900) -> Iterator[Visit]:
    """A fresh Chromium profile whose reader prefers ``language``."""
    assert CHROMIUM is not None
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=_FLAGS)
        try:
            context = browser.new_context(
                locale=language.split(",")[0],
                extra_http_headers={"Accept-Language": language},
                viewport={"width": width, "height": height},
            )
            context.set_default_timeout(TIMEOUT_MS)
            page = context.new_page()
            visit = Visit(page=page)

            def on_request(route: Route, request: BrowserRequest) -> None:
                host = urlsplit(request.url).hostname
                if request.url.startswith("data:") or host in ("localhost", "127.0.0.1"):
                    visit.requested.append(request.url)
                    route.continue_()
                else:
                    visit.refused.append(request.url)
                    route.abort()

            context.route("**/*", on_request)
            yield visit
        finally:
            browser.close()
