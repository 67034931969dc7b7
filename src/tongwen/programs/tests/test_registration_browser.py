"""Registration, seen: Debian's Chromium, driven by Playwright against a live server, signs two
visitors up for the last place, cancels the first by their link, and finds the second promoted.

The data is built before the browser opens and checked after it closes: Playwright's sync API
runs an event loop on this thread, and Django refuses ORM calls while it runs."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation
from django.utils.text import capfirst

from tongwen.common.tests.browser import browse, needs_chromium
from tongwen.programs.models import Registration
from tongwen.programs.tests.test_event_pages import make_event

pytestmark = [pytest.mark.django_db(transaction=True), needs_chromium]


def _sign_up(page: Any, url: str, name: str, email: str) -> str:
    page.goto(url)
    page.get_by_label("your name").fill(name)
    page.get_by_label("email").fill(email)
    page.get_by_role("button", name="Sign up").click()
    page.wait_for_url("**/programs/registrations/*/")
    return str(page.url)


def test_sign_up_waitlist_cancel_and_promotion(world, live_server):  # type: ignore[no-untyped-def]
    make_event(world["a"], capacity=1)
    event_url = f"{live_server.url}/programs/events/stars/"

    with browse() as visit:
        first = visit.page
        first_link = _sign_up(first, event_url, "Sample reader 1", "reader1@example.org")
        assert first.locator(".registration-status").get_attribute("data-status") == "confirmed"
        assert "Your place is confirmed." in first.locator(".registration-status").inner_text()
        assert first.locator(".qr svg").count() == 1

        second = visit.page.context.new_page()
        second_link = _sign_up(second, event_url, "Sample reader 2", "reader2@example.org")
        status = second.locator(".registration-status")
        assert status.get_attribute("data-status") == "waitlisted"
        assert "You are on the waiting list, in position 1." in status.inner_text()
        assert second.locator(".qr svg").count() == 0

        first.goto(first_link)
        first.once("dialog", lambda dialog: dialog.accept())
        first.get_by_role("button", name="Cancel my registration").click()
        first.wait_for_selector('.registration-status[data-status="cancelled"]')
        assert (
            "This registration is cancelled." in first.locator(".registration-status").inner_text()
        )

        second.reload()
        status = second.locator(".registration-status")
        assert status.get_attribute("data-status") == "confirmed"
        assert "Your place is confirmed." in status.inner_text()
        assert second.locator(".qr svg").count() == 1
        assert second_link == second.url

    assert visit.refused == []
    rows = dict(Registration.objects.values_list("email", "status"))
    assert rows == {"reader1@example.org": "cancelled", "reader2@example.org": "confirmed"}
    assert Registration.objects.get(email="reader2@example.org").promoted_at is not None


def test_a_declined_confirmation_keeps_the_place(world, live_server):  # type: ignore[no-untyped-def]
    make_event(world["a"], capacity=1)
    with browse() as visit:
        page = visit.page
        link = _sign_up(
            page, f"{live_server.url}/programs/events/stars/", "Sample", "s@example.org"
        )
        page.once("dialog", lambda dialog: dialog.dismiss())
        page.get_by_role("button", name="Cancel my registration").click()
        page.goto(link)
        assert page.locator(".registration-status").get_attribute("data-status") == "confirmed"
    assert Registration.objects.get().status == "confirmed"


def test_the_sign_up_page_speaks_chinese(world, live_server):  # type: ignore[no-untyped-def]
    make_event(world["a"])
    with translation.override("zh-hans"):
        labels = [translation.gettext(m) for m in ("your name", "email", "Sign up")]
    with browse(language="zh-CN,zh;q=0.9") as visit:
        page = visit.page
        page.goto(f"{live_server.url}/programs/events/stars/")
        lang = page.locator("html").get_attribute("lang")
        heading = page.locator("h1").inner_text()
        name_label = page.locator('label[for="id_name"]').inner_text()
        email_label = page.locator('label[for="id_email"]').inner_text()
        button = page.locator("#sign-up button[type=submit]").inner_text()
    assert lang == "zh-Hans"
    assert heading == "图书馆上空的星星"
    # The form shows labels with a capital first letter (no change to Chinese text).
    assert name_label.startswith(capfirst(labels[0]))
    assert email_label.startswith(capfirst(labels[1]))
    assert button == labels[2]
