"""The programs API: public reading without personal data, organisers' registrations and
attendance, sign-up and cancellation by token, strict bodies, and the error shape."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import TestCase

from tongwen.agreements import services as agreements
from tongwen.common.actors import SYSTEM
from tongwen.conftest import make_user
from tongwen.programs.models import Event, Registration, VisitorCount
from tongwen.programs.tests.test_event_pages import make_event, make_venue, start_in

pytestmark = pytest.mark.django_db

EVENTS = "/api/v1/events/"
PERSONAL = ("name", "email", "phone", "token")


def _errors(response: Any) -> set[tuple[str, str, str]]:
    return {(e["field"], e["code"], e["message"]) for e in response.json()["errors"]}


def _sign_up(api: Any, slug: str = "stars", **body: Any) -> Any:
    body.setdefault("name", "Li Lei")
    body.setdefault("email", "li.lei@example.org")
    with TestCase.captureOnCommitCallbacks(execute=True):  # the mail is sent on commit
        return api.post(f"{EVENTS}{slug}/registrations/", body, format="json")


def _walk(value: Any) -> list[str]:
    """Every key of a JSON document, at any depth."""
    if isinstance(value, dict):
        return [k for k, v in value.items() for k in [k, *_walk(v)]]
    if isinstance(value, list):
        return [k for item in value for k in _walk(item)]
    return []


def _values(value: Any) -> list[Any]:
    """Every scalar of a JSON document, at any depth."""
    if isinstance(value, dict):
        return [v for item in value.values() for v in _values(item)]
    if isinstance(value, list):
        return [v for item in value for v in _values(item)]
    return [value]


# -- public reading ------------------------------------------------------------------------


def test_events_are_public_without_personal_data(world, api):
    make_event(world["a"], capacity=1)
    make_event(world["a"], slug="draft", status="draft")
    _sign_up(api)
    _sign_up(api, email="second@example.org")

    listing = api.get(EVENTS).json()
    assert [e["slug"] for e in listing["results"]] == ["stars"]
    detail = api.get(f"{EVENTS}stars/").json()
    assert detail["organiser"] == {"slug": "inst-a", "name": {"en": "Institution A"}}
    assert detail["venue"] == "sample-hall"
    assert detail["availability"] == {
        "capacity": 1,
        "confirmed": 1,
        "waitlisted": 1,
        "remaining": 0,
    }
    assert len(detail["sessions"]) == 1
    token = Registration.objects.first().token  # type: ignore[union-attr]
    for body in (listing, detail):
        keys = set(_walk(body))
        assert not keys & {"email", "phone", "token", "registrations"}
        assert not {"Li Lei", "li.lei@example.org", "second@example.org", token} & set(
            _values(body)
        )
    assert api.get(f"{EVENTS}draft/").status_code == 404


def test_event_filters_are_checked(world, api):
    make_event(world["a"])
    make_event(world["b"], slug="camp", kind="summer_camp")
    assert [e["slug"] for e in api.get(f"{EVENTS}?kind=summer_camp").json()["results"]] == ["camp"]
    assert [e["slug"] for e in api.get(f"{EVENTS}?organiser=inst-a").json()["results"]] == ["stars"]
    assert api.get(f"{EVENTS}?when=upcoming").json()["count"] == 2
    response = api.get(f"{EVENTS}?kind=picnic&colour=red")
    assert response.status_code == 400
    assert _errors(response) == {
        ("kind", "invalid_choice", '"picnic" is not a valid choice.'),
        ("colour", "unknown_field", "Unknown field."),
    }


def test_venues_list_filter_and_write(world, api):
    make_venue("haidian-hall", division_code="110108", kind="library")
    make_venue("deqing-library", division_code="330521", kind="county_library")
    assert [v["slug"] for v in api.get("/api/v1/venues/?province=33").json()["results"]] == [
        "deqing-library"
    ]
    assert [v["slug"] for v in api.get("/api/v1/venues/?kind=library").json()["results"]] == [
        "haidian-hall"
    ]
    detail = api.get("/api/v1/venues/deqing-library/").json()
    assert detail["division"]["zh-Hans"] == "浙江省湖州市德清县"
    assert (detail["province_code"], detail["is_sample"]) == ("330000", True)

    body = {
        "slug": "inst-a-hall",
        "name": {"en": "Hall of A"},
        "kind": "library",
        "division_code": "110101",
        "institution": "inst-a",
    }
    assert api.post("/api/v1/venues/", body, format="json").status_code == 403
    api.force_authenticate(world["editor_c"])
    assert api.post("/api/v1/venues/", body, format="json").status_code == 403
    api.force_authenticate(world["editor_a"])
    created = api.post("/api/v1/venues/", body, format="json")
    assert created.status_code == 201, created.json()
    assert created.json()["institution"] == "inst-a"
    changed = api.patch("/api/v1/venues/inst-a-hall/", {"capacity": 120}, format="json")
    assert changed.json()["capacity"] == 120
    bad = api.post("/api/v1/venues/", {**body, "slug": "x", "kind": "castle"}, format="json")
    assert _errors(bad) == {("kind", "invalid_choice", "Value 'castle' is not a valid choice.")}


# -- organisers write events ---------------------------------------------------------------


def _event_body(**extra: Any) -> dict[str, Any]:
    first = start_in(10)
    body = {
        "slug": "api-lecture",
        "kind": "lecture",
        "title": {"en": "A lecture", "zh-Hans": "一场讲座"},
        "organiser": "inst-a",
        "partners": ["inst-b"],
        "venue": make_venue().slug,
        "booking": "whole",
        "capacity": 30,
        "sessions": [
            {"starts_at": first.isoformat(), "ends_at": (first + dt.timedelta(hours=2)).isoformat()}
        ],
    }
    body.update(extra)
    return body


def test_organisers_create_and_update_events(world, api):
    assert api.post(EVENTS, _event_body(), format="json").status_code == 403
    api.force_authenticate(world["editor_c"])
    assert api.post(EVENTS, _event_body(), format="json").status_code == 403
    api.force_authenticate(world["editor_a"])
    created = api.post(EVENTS, _event_body(), format="json")
    assert created.status_code == 201, created.json()
    body = created.json()
    assert (body["status"], body["partners"][0]["slug"], len(body["sessions"])) == (
        "draft",
        "inst-b",
        1,
    )
    changed = api.patch(
        f"{EVENTS}api-lecture/", {"capacity": 40, "status": "published"}, format="json"
    )
    assert changed.status_code == 200, changed.json()
    assert (changed.json()["capacity"], changed.json()["status"]) == (40, "published")

    second = start_in(17)
    added = api.post(
        f"{EVENTS}api-lecture/sessions/",
        {"starts_at": second.isoformat(), "ends_at": (second + dt.timedelta(hours=1)).isoformat()},
        format="json",
    )
    assert added.status_code == 201
    session_id = added.json()["id"]
    assert api.delete(f"{EVENTS}api-lecture/sessions/{session_id}/").status_code == 204
    assert Event.objects.get(slug="api-lecture").sessions.count() == 1

    api.force_authenticate(world["editor_b"])  # a partner: sees it, may not change it
    assert api.patch(f"{EVENTS}api-lecture/", {"capacity": 1}, format="json").status_code == 403
    assert Event.objects.get(slug="api-lecture").capacity == 40


def test_bodies_are_strict_and_errors_name_the_field(world, api):
    api.force_authenticate(world["editor_a"])
    response = api.post(EVENTS, _event_body(colour="red", capacity=0), format="json")
    assert response.status_code == 400
    assert _errors(response) == {
        ("colour", "unknown_field", "Unknown field."),
        ("capacity", "min_value", "Ensure this value is greater than or equal to 1."),
    }
    response = api.post(EVENTS, _event_body(kind="party"), format="json")
    assert _errors(response) == {("kind", "invalid_choice", "Value 'party' is not a valid choice.")}
    response = api.post(EVENTS, _event_body(kind="livestream", venue=None), format="json")
    assert _errors(response) == {("online_url", "required", "A livestream needs its online link.")}
    response = api.post(EVENTS, _event_body(initiatives=["nope"]), format="json")
    assert _errors(response) == {
        ("initiatives", "invalid", "“nope” does not exist or is not visible to you.")
    }
    assert Event.objects.count() == 0


# -- sign-up, cancellation by token ----------------------------------------------------------


def test_sign_up_returns_the_registrants_link_only(world, api):
    make_event(world["a"], capacity=1)
    first = _sign_up(api)
    assert first.status_code == 201
    registration = Registration.objects.get()
    assert first.json() == {
        "event": "stars",
        "session": None,
        "status": "confirmed",
        "position": None,
        "link": f"http://testserver/programs/registrations/{registration.token}/",
    }
    assert mail.outbox[0].to == ["li.lei@example.org"]
    second = _sign_up(api, email="second@example.org").json()
    assert (second["status"], second["position"]) == ("waitlisted", 1)

    own = api.get(f"/api/v1/registrations/by-token/{registration.token}/").json()
    assert own["status"] == "confirmed" and not set(own) & set(PERSONAL)
    cancelled = api.post(f"/api/v1/registrations/by-token/{registration.token}/cancel/")
    assert cancelled.json()["status"] == "cancelled"
    assert Registration.objects.get(email="second@example.org").status == "confirmed"
    assert api.get("/api/v1/registrations/by-token/nope/").status_code == 404


def test_sign_up_refusals_have_the_error_shape_and_write_nothing(world, api):
    make_event(world["a"], capacity=1, waitlist=False)
    _sign_up(api)
    mail.outbox.clear()
    full = _sign_up(api, email="x@example.org")
    assert (full.status_code, _errors(full)) == (
        400,
        {("non_field_errors", "full", "Sorry, this event is full.")},
    )
    duplicate = _sign_up(api, name="Again")
    assert _errors(duplicate) == {
        ("email", "duplicate", "This email address is already registered here.")
    }
    bad = _sign_up(api, email="nope", name="", phone="1", extra=True)
    assert _errors(bad) == {
        ("extra", "unknown_field", "Unknown field."),
        ("email", "invalid", "Enter a valid email address."),
        ("name", "blank", "This field may not be blank."),
    }
    assert Registration.objects.count() == 1
    assert mail.outbox == []


def test_errors_are_translated(world, api):
    make_event(world["a"])
    response = api.post(
        f"{EVENTS}stars/registrations/",
        {"name": "", "email": "x@example.org"},
        format="json",
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert _errors(response) == {("name", "blank", "该字段不能为空。")}


# -- organisers only: registrations, export, erase, check-in ---------------------------------


def test_registrations_are_for_the_organisers_only(world, api):
    make_event(world["a"])
    _sign_up(api)
    url = f"{EVENTS}stars/registrations/"
    assert api.get(url).status_code == 403
    for user in (world["editor_b"], world["editor_c"], make_user("viewer-a", world["a"], "viewer")):
        api.force_authenticate(user)
        response = api.get(url)
        assert response.status_code == 403
        assert _errors(response) == {
            ("non_field_errors", "permission_denied", "You do not have permission to do this.")
        }
        assert api.get(f"{url}export/").status_code == 403
        assert api.get("/api/v1/registrations/").json()["results"] == []
    api.force_authenticate(world["editor_a"])
    rows = api.get(url).json()
    assert [(r["name"], r["email"], r["status"]) for r in rows] == [
        ("Li Lei", "li.lei@example.org", "confirmed")
    ]
    assert api.get("/api/v1/registrations/?event=stars").json()["count"] == 1


def test_export_erase_and_check_in(world, api):
    make_event(world["a"])
    _sign_up(api, name="王小明")
    registration = Registration.objects.get()
    api.force_authenticate(world["editor_a"])
    export = api.get(f"{EVENTS}stars/registrations/export/")
    assert export["Content-Type"] == "text/csv; charset=utf-8"
    assert export.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert rows[1][:3] == ["confirmed", "王小明", "li.lei@example.org"]

    checked = api.post(f"/api/v1/registrations/{registration.pk}/check-in/").json()
    assert checked["checked_in_at"] is not None
    again = api.post(f"/api/v1/registrations/by-token/{registration.token}/check-in/")
    assert again.json()["checked_in_at"] == checked["checked_in_at"]
    erased = api.post(f"/api/v1/registrations/{registration.pk}/erase/").json()
    assert (erased["name"], erased["email"], erased["phone"]) == ("", "", "")

    api.force_authenticate(world["editor_c"])
    assert api.post(f"/api/v1/registrations/{registration.pk}/erase/").status_code == 404
    refused = api.post(f"/api/v1/registrations/by-token/{registration.token}/check-in/")
    assert refused.status_code == 403


# -- attendance -------------------------------------------------------------------------------


def test_visitor_counts_and_person_times(world, api):
    event = make_event(world["a"])
    initiative = agreements.initiative_create(
        actor=SYSTEM,
        agreement=world["ab"],
        slug="reading-month",
        title={"en": "Reading month"},
        lead=[world["a"]],
    )
    event.initiatives.add(initiative)
    body = {"event": "stars", "day": "2025-05-01", "visitors": 120}
    assert api.post("/api/v1/visitor-counts/", body, format="json").status_code == 403
    api.force_authenticate(world["editor_b"])
    assert api.post("/api/v1/visitor-counts/", body, format="json").status_code == 403
    api.force_authenticate(world["editor_a"])
    created = api.post("/api/v1/visitor-counts/", body, format="json")
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    api.post(
        "/api/v1/visitor-counts/", {**body, "day": "2025-05-02", "visitors": 30}, format="json"
    )
    changed = api.patch(f"/api/v1/visitor-counts/{pk}/", {"visitors": 150}, format="json")
    assert changed.json()["visitors"] == 150
    listing = api.get("/api/v1/visitor-counts/?event=stars").json()
    assert [(c["day"], c["visitors"]) for c in listing["results"]] == [
        ("2025-05-01", 150),
        ("2025-05-02", 30),
    ]
    future = api.post("/api/v1/visitor-counts/", {**body, "day": "2099-01-01"}, format="json")
    assert future.status_code == 400
    assert {(e["field"], e["message"]) for e in future.json()["errors"]} == {
        ("day", "Visitors cannot be counted for a day that has not come yet.")
    }

    api.force_authenticate(None)
    assert api.get(f"{EVENTS}stars/person-times/").json() == {"slug": "stars", "person_times": 180}
    assert api.get("/api/v1/attendance/initiatives/reading-month/").json() == {
        "slug": "reading-month",
        "person_times": 180,
    }
    assert VisitorCount.objects.count() == 2


# -- the schema ----------------------------------------------------------------------------


def test_the_schema_generates_without_warnings(db, tmp_path):
    target = tmp_path / "schema.yaml"
    call_command("spectacular", "--fail-on-warn", "--validate", "--file", str(target))
    schema = target.read_text()
    for path in (
        "/api/v1/events/{slug}/registrations/:",
        "/api/v1/venues/{slug}/:",
        "/api/v1/registrations/by-token/{token}/cancel/:",
        "/api/v1/visitor-counts/{id}/:",
        "/api/v1/attendance/initiatives/{slug}/:",
    ):
        assert path in schema
