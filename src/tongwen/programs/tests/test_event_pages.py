"""Event pages as readers, registrants and organisers use them: both languages, the sign-up
flow and its refusals, cancellation by link, check-in, and the organisers' workspace."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
from typing import Any

import pytest
import segno
from django.core import mail
from django.test import Client, TestCase
from django.utils import timezone, translation
from django.utils.text import capfirst

from tongwen.common.actors import SYSTEM
from tongwen.conftest import make_user
from tongwen.programs.models import Event, Registration, Venue, VisitorCount
from tongwen.programs.services import events as event_services
from tongwen.programs.services import registration as registration_services
from tongwen.programs.services import venues as venue_services

pytestmark = pytest.mark.django_db

TITLE = {"en": "Stars over the library", "zh-Hans": "图书馆上空的星星"}


def start_in(days: int, hour: int = 10) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def make_venue(slug: str = "sample-hall", **extra: Any) -> Venue:
    extra.setdefault("name", {"en": "Sample hall", "zh-Hans": "示例报告厅"})
    extra.setdefault("kind", "library")
    extra.setdefault("division_code", "110108")
    extra.setdefault("is_sample", True)
    existing = Venue.objects.filter(slug=slug).first()
    return existing or venue_services.venue_create(actor=SYSTEM, slug=slug, **extra)


def make_event(organiser: Any, **extra: Any) -> Event:
    """A published lecture a week ahead, two places, one booking for the whole event."""
    first = start_in(7)
    if not extra.get("online_url"):
        extra.setdefault("venue", make_venue())
    extra.setdefault("slug", "stars")
    extra.setdefault("kind", "lecture")
    extra.setdefault("title", TITLE)
    extra.setdefault("booking", "whole")
    extra.setdefault("capacity", 2)
    extra.setdefault("status", "published")
    extra.setdefault("sessions", [{"starts_at": first, "ends_at": first + dt.timedelta(hours=2)}])
    return event_services.event_create(actor=SYSTEM, organiser=organiser, **extra)


def sign_up(client: Client, slug: str, **data: Any) -> Any:
    data.setdefault("name", "Li Lei")
    data.setdefault("email", "li.lei@example.org")
    # The test's transaction never commits: run what the view defers to the commit (the
    # confirmation mail) as a real commit would.
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(f"/programs/events/{slug}/register/", data)


def zh(msgid: str) -> str:
    """The label as a Chinese reader sees it (forms show labels with a capital first letter,
    which leaves Chinese unchanged)."""
    with translation.override("zh-hans"):
        return capfirst(translation.gettext(msgid))


@pytest.fixture
def chinese() -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE="zh-Hans")


# -- reading ---------------------------------------------------------------------------------


def test_the_list_shows_public_events_and_filters_them(world, client):
    make_event(world["a"])
    make_event(world["a"], slug="camp", kind="summer_camp", title={"en": "Summer camp"})
    make_event(world["a"], slug="secret", title={"en": "Draft talk"}, status="draft")
    past = start_in(-30)
    make_event(
        world["b"],
        slug="old-forum",
        kind="forum",
        title={"en": "Old forum"},
        sessions=[{"starts_at": past, "ends_at": past + dt.timedelta(hours=3)}],
        status="completed",
    )

    html = client.get("/programs/").content.decode()
    assert "Stars over the library" in html
    assert "Summer camp" in html
    assert "Old forum" in html
    assert "Draft talk" not in html

    html = client.get("/programs/?kind=summer_camp").content.decode()
    assert ("Summer camp" in html, "Stars over the library" in html) == (True, False)
    html = client.get("/programs/?when=past").content.decode()
    assert ("Old forum" in html, "Stars over the library" in html) == (True, False)
    html = client.get("/programs/?organiser=inst-b").content.decode()
    assert ("Old forum" in html, "Summer camp" in html) == (True, False)


def test_the_detail_page_in_english(world, client):
    venue = venue_services.venue_create(
        actor=SYSTEM,
        slug="deqing-library",
        name={"en": "Sample Deqing county library", "zh-Hans": "示例德清县图书馆"},
        kind="county_library",
        division_code="330521",
        is_sample=True,
    )
    make_event(world["a"], venue=venue, partners=[world["b"]], initiatives=[])
    html = Client(HTTP_ACCEPT_LANGUAGE="en").get("/programs/events/stars/").content.decode()
    assert '<html lang="en">' in html
    assert '<h1 lang="en">Stars over the library</h1>' in html
    assert "Institution A" in html and "Institution B" in html
    assert "Sample Deqing county library" in html
    assert "浙江省湖州市德清县" in html  # the venue's division, from GB/T 2260
    assert "Places left" in html
    assert '<button type="submit" class="button primary">Sign up</button>' in html
    assert "<iframe" not in html


def test_the_detail_page_in_chinese(world, chinese):
    make_event(world["a"])
    html = chinese.get("/programs/events/stars/").content.decode()
    assert '<html lang="zh-Hans">' in html
    assert '<h1 lang="zh-Hans">图书馆上空的星星</h1>' in html
    # Every label comes through the catalogue in the reader's language.
    for msgid in ("your name", "email", "phone (optional)", "Sign up", "Places left", "Schedule"):
        assert zh(msgid) in html
    assert "筛选" in chinese.get("/programs/").content.decode()


def test_a_livestream_is_embedded(world, client):
    make_event(
        world["a"],
        slug="live",
        kind="livestream",
        online_url="https://live.example.org/watch/42",
        booking="none",
        capacity=None,
    )
    html = client.get("/programs/events/live/").content.decode()
    assert '<iframe src="https://live.example.org/watch/42"' in html
    assert "Online" in html
    assert "Sign up" not in html
    response = client.get("/programs/events/live/")
    assert "Content-Security-Policy" not in response  # nothing here forbids the frame


def test_drafts_are_hidden_from_the_public_but_not_from_the_organiser(world, client):
    make_event(world["a"], status="draft")
    assert client.get("/programs/events/stars/").status_code == 404
    client.force_login(world["editor_a"])
    assert client.get("/programs/events/stars/").status_code == 200


# -- signing up ------------------------------------------------------------------------------


def test_sign_up_confirms_mails_the_link_and_shows_the_check_in_code(world, client):
    make_event(world["a"])
    response = sign_up(client, "stars", name="李雷", phone="010-1234")
    registration = Registration.objects.get()
    link = f"/programs/registrations/{registration.token}/"
    assert response.status_code == 302 and response["Location"] == link
    assert (registration.status, registration.name, registration.phone) == (
        "confirmed",
        "李雷",
        "010-1234",
    )

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["li.lei@example.org"]
    assert message.subject == "Your place at “Stars over the library” is confirmed"
    assert f"http://testserver{link}" in message.body

    html = client.get(link).content.decode()
    assert 'data-status="confirmed"' in html
    assert "Your place is confirmed." in html
    check_in = f"http://testserver/programs/check-in/{registration.token}/"
    assert segno.make(check_in, error="m").svg_inline(scale=5, title=check_in) in html


def test_a_mail_server_that_is_down_does_not_lose_the_place(world, client, settings, caplog):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 5
    make_event(world["a"])
    response = sign_up(client, "stars")
    registration = Registration.objects.get()
    assert response["Location"] == f"/programs/registrations/{registration.token}/"
    assert registration.status == "confirmed"
    assert "Error calling" in caplog.text and "registration_notify" in caplog.text


def test_when_full_the_next_person_is_waitlisted_with_a_position(world, client):
    make_event(world["a"], capacity=1)
    sign_up(client, "stars", email="first@example.org")
    sign_up(client, "stars", email="second@example.org")
    response = sign_up(client, "stars", email="third@example.org")
    third = Registration.objects.get(email="third@example.org")
    assert third.status == "waitlisted"
    html = client.get(response["Location"]).content.decode()
    assert 'data-status="waitlisted"' in html
    assert "You are on the waiting list, in position 2." in html
    assert "<svg" not in html  # no check-in code without a place
    assert mail.outbox[-1].subject == "You are on the waiting list for “Stars over the library”"


def _refused(response: Any, message: str) -> None:
    assert response.status_code == 400
    assert message in response.content.decode()


def test_a_full_event_without_waiting_list_refuses_and_writes_nothing(world, client):
    make_event(world["a"], capacity=1, waitlist=False)
    sign_up(client, "stars", email="first@example.org")
    mail.outbox.clear()
    response = sign_up(client, "stars", email="second@example.org")
    _refused(response, "Sorry, this event is full.")
    assert "second@example.org" in response.content.decode()  # the form keeps what was typed
    assert Registration.objects.count() == 1
    assert mail.outbox == []


def test_closed_registration_offers_no_form_and_refuses_posts(world, client):
    make_event(world["a"], registration_closes=timezone.now() - dt.timedelta(hours=1))
    html = client.get("/programs/events/stars/").content.decode()
    assert "Registration is closed." in html
    assert 'action="/programs/events/stars/register/"' not in html
    _refused(sign_up(client, "stars"), "Registration is closed.")
    assert Registration.objects.count() == 0
    assert mail.outbox == []


def test_signing_up_twice_with_the_same_email_is_refused(world, client):
    make_event(world["a"])
    sign_up(client, "stars")
    response = sign_up(client, "stars", name="Someone else", email="LI.LEI@example.org")
    _refused(response, "This email address is already registered here.")
    assert Registration.objects.count() == 1


def test_form_errors_are_named_translated_and_nothing_is_written(world, client, chinese):
    make_event(world["a"])
    response = sign_up(client, "stars", name="", email="not-an-email")
    html = response.content.decode()
    assert response.status_code == 400
    assert "This field is required." in html
    assert "Enter a valid email address." in html
    response = sign_up(chinese, "stars", name="", email="not-an-email")
    html = response.content.decode()
    assert "该字段是必填项。" in html  # Django's own catalogue
    assert "请输入合法的邮件地址。" in html
    assert "Enter a valid email address." not in html
    assert Registration.objects.count() == 0
    assert mail.outbox == []


def test_a_series_is_booked_per_session(world, client):
    sessions = event_services.recurring_sessions(
        first_start=start_in(3), duration=dt.timedelta(hours=1), every_days=7, count=3
    )
    event = make_event(world["a"], booking="per_session", capacity=1, sessions=sessions)
    second = list(event.sessions.all())[1]
    html = client.get("/programs/events/stars/").content.decode()
    assert html.count('name="session"') == 1 and html.count("<option") >= 3
    response = sign_up(client, "stars", session="")
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    sign_up(client, "stars", session=str(second.pk))
    registration = Registration.objects.get()
    assert (registration.session_id, registration.status) == (second.pk, "confirmed")


def test_a_course_is_booked_as_one(world, client):
    first, second = start_in(5), start_in(12)
    make_event(
        world["a"],
        kind="study_course",
        sessions=[
            {"starts_at": first, "ends_at": first + dt.timedelta(hours=2)},
            {"starts_at": second, "ends_at": second + dt.timedelta(hours=2)},
        ],
    )
    html = client.get("/programs/events/stars/").content.decode()
    assert "One registration books every session." in html
    assert 'name="session"' not in html
    sign_up(client, "stars")
    assert Registration.objects.get().session_id is None


# -- cancelling and checking in --------------------------------------------------------------


def test_cancelling_by_link_promotes_the_next_on_the_waiting_list(world, client):
    make_event(world["a"], capacity=1)
    sign_up(client, "stars", email="first@example.org")
    sign_up(client, "stars", email="second@example.org")
    first = Registration.objects.get(email="first@example.org")
    second = Registration.objects.get(email="second@example.org")
    assert client.get(f"/programs/registrations/{first.token}/cancel/").status_code == 405

    response = client.post(f"/programs/registrations/{first.token}/cancel/")
    assert response["Location"] == f"/programs/registrations/{first.token}/"
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("cancelled", "confirmed")
    assert "This registration is cancelled." in client.get(response["Location"]).content.decode()
    assert "Your place is confirmed." in (
        client.get(f"/programs/registrations/{second.token}/").content.decode()
    )


def test_an_unknown_token_is_a_404(world, client):
    assert client.get("/programs/registrations/nope/").status_code == 404
    assert client.post("/programs/registrations/nope/cancel/").status_code == 404


def test_check_in_is_for_the_organisers_editors_only(world, client):
    make_event(world["a"])
    sign_up(client, "stars")
    token = Registration.objects.get().token
    url = f"/programs/check-in/{token}/"

    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    for user in (world["editor_b"], world["editor_c"], make_user("viewer-a", world["a"], "viewer")):
        client.force_login(user)
        assert client.get(url).status_code == 403
        assert client.post(url).status_code == 403
    assert Registration.objects.get().checked_in_at is None

    client.force_login(world["editor_a"])
    html = client.get(url).content.decode()
    assert "Li Lei" in html and "not yet" in html
    assert client.post(url)["Location"] == url
    assert Registration.objects.get().checked_in_at is not None


# -- the organisers' workspace ---------------------------------------------------------------


def test_workspace_pages_are_for_the_organisers_editors(world, client):
    make_event(world["a"])
    viewer_a = make_user("viewer-a", world["a"], "viewer")
    pages = [
        "/workspace/programs/events/stars/",
        "/workspace/programs/events/stars/registrations/",
        "/workspace/programs/events/stars/registrations.csv",
        "/workspace/programs/events/stars/visitors/",
    ]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 302, page
        assert response["Location"].startswith("/accounts/login/")
    for user in (viewer_a, world["editor_b"], world["editor_c"]):
        client.force_login(user)
        for page in pages:
            assert client.get(page).status_code == 403, (user, page)
        assert (
            client.post(
                "/workspace/programs/events/stars/status/", {"status": "cancelled"}
            ).status_code
            == 403
        )
    assert Event.objects.get().status == "published"

    client.force_login(world["editor_a"])
    for page in pages:
        assert client.get(page).status_code == 200, page
    html = client.get("/workspace/programs/").content.decode()
    assert "Stars over the library" in html
    client.force_login(world["editor_c"])
    assert "Stars over the library" not in client.get("/workspace/programs/").content.decode()


def _event_form(**extra: Any) -> dict[str, Any]:
    data = {
        "slug": "weekly-reading",
        "kind": "reading_promotion",
        "title_zh-Hans": "周末读书会",
        "title_en": "Weekend reading club",
        "description_zh-Hans": "",
        "description_en": "",
        "organiser": "",
        "venue": str(make_venue().pk),
        "audience": "families",
        "booking": "per_session",
        "capacity": "20",
        "waitlist": "on",
        "schedule": "series",
        "first_start": start_in(2).strftime("%Y-%m-%dT%H:%M"),
        "duration_minutes": "90",
        "every_days": "7",
        "count": "4",
    }
    data.update(extra)
    return data


def test_an_editor_creates_a_weekly_series_and_publishes_it(world, client):
    client.force_login(world["editor_a"])
    response = client.post(
        "/workspace/programs/events/new/", _event_form(organiser=str(world["a"].pk))
    )
    assert response.status_code == 302
    event = Event.objects.get(slug="weekly-reading")
    assert event.status == "draft"
    assert event.title == {
        "zh-Hans": "周末读书会",
        "en": "Weekend reading club",
        "zh-Latn-pinyin": "zhōu mò dú shū huì",
    }
    starts = [s.starts_at for s in event.sessions.all()]
    assert len(starts) == 4
    assert [b - a for a, b in itertools.pairwise(starts)] == [dt.timedelta(days=7)] * 3

    client.post("/workspace/programs/events/weekly-reading/status/", {"status": "published"})
    assert Event.objects.get(slug="weekly-reading").status == "published"


def test_a_course_is_created_from_one_line_per_class(world, client):
    client.force_login(world["editor_a"])
    lines = "2031-07-01 09:30, 90, 星空\n2031-07-08 09:30, 120, Rockets"
    response = client.post(
        "/workspace/programs/events/new/",
        _event_form(
            organiser=str(world["a"].pk),
            slug="course",
            kind="study_course",
            booking="whole",
            schedule="course",
            course_sessions=lines,
        ),
    )
    assert response.status_code == 302
    sessions = list(Event.objects.get(slug="course").sessions.all())
    assert [timezone.localtime(s.starts_at).strftime("%Y-%m-%d %H:%M") for s in sessions] == [
        "2031-07-01 09:30",
        "2031-07-08 09:30",
    ]
    assert [s.ends_at - s.starts_at for s in sessions] == [
        dt.timedelta(minutes=90),
        dt.timedelta(minutes=120),
    ]
    assert sessions[1].title["en"] == "Rockets"


def test_the_event_form_names_its_errors_and_writes_nothing(world, client):
    client.force_login(world["editor_a"])
    response = client.post(
        "/workspace/programs/events/new/",
        _event_form(
            organiser=str(world["a"].pk),
            count="",
            course_sessions="",
            **{"title_zh-Hans": "", "title_en": ""},
        ),
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert '<ul class="errorlist" id="id_title_error"><li>This field is required.</li></ul>' in html
    assert "Give the number of sessions of the series." in html
    response = client.post(
        "/workspace/programs/events/new/",
        _event_form(organiser=str(world["a"].pk), schedule="course", course_sessions="tomorrow"),
    )
    assert "Line 1: write “YYYY-MM-DD HH:MM, minutes, title”." in response.content.decode()
    # Another institution's name on the form is not a choice for this editor.
    response = client.post(
        "/workspace/programs/events/new/", _event_form(organiser=str(world["c"].pk))
    )
    assert response.status_code == 400
    assert Event.objects.count() == 0


def test_the_csv_export_has_a_bom_and_the_personal_data(world, client):
    make_event(world["a"], capacity=1)
    sign_up(client, "stars", name="王小明", email="wang@example.org", phone="139")
    sign_up(client, "stars", name="Second", email="second@example.org")
    client.force_login(world["editor_a"])
    response = client.get("/workspace/programs/events/stars/registrations.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="registrations-stars.csv"'
    body = response.content
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0][:4] == ["status", "name", "email", "phone"]
    assert [row[:4] for row in rows[1:]] == [
        ["confirmed", "王小明", "wang@example.org", "139"],
        ["on the waiting list", "Second", "second@example.org", ""],
    ]
    # The header is in the language of the request that exports.
    chinese = client.get(
        "/workspace/programs/events/stars/registrations.csv", HTTP_ACCEPT_LANGUAGE="zh-Hans"
    )
    header = next(csv.reader(io.StringIO(chinese.content.decode("utf-8-sig"))))
    assert header[:4] == ["状态", "姓名", "电子邮箱", "电话"]
    client.force_login(world["editor_b"])  # a member of another institution
    assert client.get("/workspace/programs/events/stars/registrations.csv").status_code == 403


def test_erasing_blanks_the_personal_data_and_keeps_the_count(world, client):
    make_event(world["a"])
    sign_up(client, "stars")
    registration = Registration.objects.get()
    client.force_login(world["editor_c"])
    url = f"/workspace/programs/events/stars/registrations/{registration.pk}/erase/"
    assert client.post(url).status_code == 403
    client.force_login(world["editor_a"])
    assert client.post(url).status_code == 302
    registration.refresh_from_db()
    assert (registration.name, registration.email, registration.phone) == ("", "", "")
    assert registration.erased_at is not None and registration.status == "confirmed"
    html = client.get("/workspace/programs/events/stars/registrations/").content.decode()
    assert "Li Lei" not in html and "erased" in html


def test_visitor_counts_are_recorded_per_day(world, client):
    make_event(world["a"])
    client.force_login(world["editor_a"])
    url = "/workspace/programs/events/stars/visitors/"
    assert client.post(url, {"day": "2025-05-01", "visitors": "120"}).status_code == 302
    assert client.post(url, {"day": "2025-05-01", "visitors": "150"}).status_code == 302
    assert client.post(url, {"day": "", "visitors": "-1"}).status_code == 400
    assert list(VisitorCount.objects.values_list("day", "visitors")) == [(dt.date(2025, 5, 1), 150)]
    assert "Person-times so far (visitors and check-ins): 150" in client.get(url).content.decode()


def test_the_registrant_page_shows_no_one_elses_data(world, client):
    make_event(world["a"], capacity=1)
    mine = registration_services.registration_create(
        event=Event.objects.get(), name="Me", email="me@example.org"
    )
    registration_services.registration_create(
        event=Event.objects.get(), name="Other person", email="other@example.org"
    )
    html = client.get(f"/programs/registrations/{mine.token}/").content.decode()
    assert "Registered as Me." in html
    assert "Other person" not in html and "other@example.org" not in html


# -- the demo ----------------------------------------------------------------------------------


def test_the_demo_events_load_once_and_mark_what_is_sample(db, client):
    from tongwen.programs.demo.events import load_events_demo

    first = load_events_demo()
    assert first == {"events": 8, "venues": 5, "registrations": 11}
    assert load_events_demo() == {"events": 0, "venues": 5, "registrations": 0}
    events = Event.objects.filter(slug__startswith="demo-")
    kinds = set(events.values_list("kind", flat=True))
    assert kinds >= {"lecture", "summer_camp", "study_course", "science_activity", "livestream"}
    assert kinds >= {"exhibition", "forum", "reading_promotion"}
    for event in events:
        assert "Sample schedule" in event.description["en"]
        assert "示例日程" in event.description["zh-Hans"]
        assert event.venue is None or event.venue.is_sample
        assert client.get(f"/programs/events/{event.slug}/").status_code == 200
    assert Event.objects.get(slug="demo-community-science-series").sessions.count() == 4
    assert Event.objects.get(slug="demo-research-study-course").booking == "whole"
    assert set(Registration.objects.values_list("email", flat=True)) == {
        f"sample-reader-{n}@example.org" for n in range(1, 12)
    }
    assert all(
        name.startswith("示例读者 ") and "Sample reader" in name
        for name in Registration.objects.values_list("name", flat=True)
    )


def test_an_initiatives_events_are_listed_with_the_people_they_drew(world, client, initiative):
    from tongwen.programs.services import attendance

    venue = make_venue()
    lecture = make_event(world["a"], initiatives=[initiative], venue=venue)
    make_event(world["a"], slug="elsewhere", venue=venue)  # not the initiative's
    draft = make_event(world["a"], slug="draft", initiatives=[initiative], venue=venue)
    event_services.event_set_status(actor=SYSTEM, event=draft, status="draft")
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    attendance.visitor_count_record(actor=SYSTEM, event=lecture, day=yesterday, visitors=40)
    attendance.visitor_count_record(actor=SYSTEM, event=draft, day=yesterday, visitors=7)
    registration = registration_services.registration_create(
        event=lecture, name="Ann", email="ann@example.org"
    )
    registration_services.registration_check_in(actor=SYSTEM, token=registration.token)

    page = client.get("/programs/?initiative=science-tour").content.decode()
    assert 'href="/programs/events/stars/"' in page
    assert "/programs/events/elsewhere/" not in page
    assert "/programs/events/draft/" not in page  # a draft: neither listed nor counted
    assert "drew 41 person-times (visitors counted and people checked in)." in page
    # The initiative's page leads there.
    initiative_page = client.get("/initiatives/science-tour/").content.decode()
    assert 'href="/programs/?initiative=science-tour"' in initiative_page
