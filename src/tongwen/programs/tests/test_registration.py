"""Sign-up, capacity, waiting list, cancellation, check-in, erasure and who sees personal data."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tongwen.common.actors import SYSTEM
from tongwen.common.models import ChangeRecord
from tongwen.programs.models import Event, Registration
from tongwen.programs.selectors import events as selectors
from tongwen.programs.services import events as event_services
from tongwen.programs.services.registration import (
    registration_cancel,
    registration_check_in,
    registration_create,
    registration_erase,
)
from tongwen.programs.tests.conftest import at

CONFIRMED = Registration.Status.CONFIRMED
WAITLISTED = Registration.Status.WAITLISTED
CANCELLED = Registration.Status.CANCELLED


def sign_up(event, who, session=None, **extra):  # type: ignore[no-untyped-def]
    return registration_create(
        event=event, name=who.title(), email=f"{who}@example.org", session=session, **extra
    )


def refused(code, call, *args, **kwargs):  # type: ignore[no-untyped-def]
    """Run ``call`` expecting a ValidationError with ``code``; return the error's messages."""
    with pytest.raises(ValidationError) as caught:
        call(*args, **kwargs)
    error = caught.value
    if hasattr(error, "error_dict"):
        codes = [e.code for errors in error.error_dict.values() for e in errors]
    else:
        codes = [e.code for e in error.error_list]
    assert codes == [code]
    return error.messages


# Capacity and the waiting list


def test_places_are_confirmed_up_to_capacity_then_people_wait(event_factory):
    event = event_factory(capacity=2)
    first, second, third = (sign_up(event, who) for who in ("ann", "bo", "cy"))
    assert [first.status, second.status, third.status] == [CONFIRMED, CONFIRMED, WAITLISTED]
    assert selectors.availability(event=event) == selectors.Availability(2, 2, 1, 0)


def test_without_a_limit_everyone_is_confirmed(event_factory):
    event = event_factory(capacity=None)
    statuses = {sign_up(event, f"p{i}").status for i in range(5)}
    assert statuses == {CONFIRMED}
    assert selectors.availability(event=event) == selectors.Availability(None, 5, 0, None)


def test_full_without_waiting_list_is_refused_and_nothing_is_written(event_factory):
    event = event_factory(capacity=1, waitlist=False)
    sign_up(event, "ann")
    messages = refused("full", sign_up, event, "bo")
    assert messages == ["Sorry, this event is full."]
    assert list(event.registrations.values_list("email", flat=True)) == ["ann@example.org"]


def test_cancelling_a_confirmed_place_promotes_the_first_in_arrival_order(event_factory):
    event = event_factory(capacity=1)
    ann, bo, cy, di = (sign_up(event, who) for who in ("ann", "bo", "cy", "di"))
    assert [r.status for r in (ann, bo, cy, di)] == [CONFIRMED, WAITLISTED, WAITLISTED, WAITLISTED]

    registration_cancel(token=ann.token)
    bo.refresh_from_db()
    cy.refresh_from_db()
    assert bo.status == CONFIRMED
    assert bo.promoted_at is not None
    assert cy.status == WAITLISTED and cy.promoted_at is None

    registration_cancel(token=bo.token)
    cy.refresh_from_db()
    di.refresh_from_db()
    assert (cy.status, di.status) == (CONFIRMED, WAITLISTED)
    assert selectors.availability(event=event) == selectors.Availability(1, 1, 1, 0)


def test_cancelling_from_the_waiting_list_promotes_nobody(event_factory):
    event = event_factory(capacity=1)
    sign_up(event, "ann")
    bo, cy = sign_up(event, "bo"), sign_up(event, "cy")
    registration_cancel(token=bo.token)
    cy.refresh_from_db()
    assert cy.status == WAITLISTED
    assert selectors.availability(event=event) == selectors.Availability(1, 1, 1, 0)


def test_raising_the_capacity_promotes_in_arrival_order(event_factory):
    event = event_factory(capacity=1)
    sign_up(event, "ann")
    waiting = [sign_up(event, who) for who in ("bo", "cy", "di")]
    event_services.event_update(actor=SYSTEM, event=event, capacity=3)
    assert [Registration.objects.get(pk=r.pk).status for r in waiting] == [
        CONFIRMED,
        CONFIRMED,
        WAITLISTED,
    ]


# A course booked as one, a series booked per session


def test_a_course_is_booked_as_one_place_covering_every_session(course):
    assert course.sessions.count() == 3
    ann = sign_up(course, "ann")
    assert (ann.status, ann.session) == (CONFIRMED, None)
    assert course.registrations.count() == 1
    assert selectors.availability(event=course) == selectors.Availability(2, 1, 0, 1)
    sign_up(course, "bo")
    assert sign_up(course, "cy").status == WAITLISTED


def test_a_course_refuses_a_single_session(course):
    session = course.sessions.first()
    messages = refused("session_not_allowed", sign_up, course, "ann", session=session)
    assert messages == ["This event is booked as a whole, not session by session."]
    assert not course.registrations.exists()


def test_a_series_counts_places_per_session(series):
    first, second, _third = series.sessions.all()
    assert sign_up(series, "ann", session=first).status == CONFIRMED
    assert sign_up(series, "bo", session=first).status == WAITLISTED
    assert sign_up(series, "bo", session=second).status == CONFIRMED
    assert selectors.availability(event=series, session=first) == selectors.Availability(1, 1, 1, 0)
    assert selectors.availability(event=series, session=second) == selectors.Availability(
        1, 1, 0, 0
    )


def test_cancelling_in_a_series_promotes_only_within_the_session(series):
    first, second, _third = series.sessions.all()
    ann = sign_up(series, "ann", session=first)
    bo_first = sign_up(series, "bo", session=first)
    sign_up(series, "cy", session=second)
    cy_waiting_second = sign_up(series, "di", session=second)
    registration_cancel(token=ann.token)
    bo_first.refresh_from_db()
    cy_waiting_second.refresh_from_db()
    assert bo_first.status == CONFIRMED
    assert cy_waiting_second.status == WAITLISTED


def test_a_series_needs_a_session_of_its_own(series, course):
    assert refused("session_required", sign_up, series, "ann") == ["Choose a session."]
    foreign = course.sessions.first()
    assert refused("session_not_allowed", sign_up, series, "ann", session=foreign) == [
        "This session is not part of this event."
    ]
    assert not series.registrations.exists()


# When registration is open


def test_registration_is_refused_outside_its_window(event_factory):
    draft = event_factory(status=Event.Status.DRAFT)
    assert refused("not_open", sign_up, draft, "ann") == ["Registration has not opened yet."]
    later = event_factory(registration_opens=at(0, 0) + dt.timedelta(days=1))
    assert refused("not_open", sign_up, later, "ann") == ["Registration has not opened yet."]
    over = event_factory(registration_closes=timezone.now() - dt.timedelta(minutes=1))
    assert refused("closed", sign_up, over, "ann") == ["Registration is closed."]
    past = event_factory(sessions=[(at(-2), at(-2, 21))])
    assert refused("closed", sign_up, past, "ann") == ["Registration is closed."]
    none = event_factory(booking=Event.Booking.NONE)
    assert refused("no_registration", sign_up, none, "ann") == [
        "This event does not take registrations."
    ]
    assert not Registration.objects.exists()


def test_a_cancelled_event_takes_no_more_sign_ups(event_factory):
    event = event_factory()
    event_services.event_set_status(actor=SYSTEM, event=event, status=Event.Status.CANCELLED)
    assert refused("closed", sign_up, event, "ann") == ["Registration is closed."]


def test_the_same_email_cannot_hold_two_places_but_may_return_after_cancelling(event_factory):
    event = event_factory(capacity=5)
    ann = sign_up(event, "ann")
    with pytest.raises(ValidationError) as caught:
        registration_create(event=event, name="Ann again", email="ANN@example.org")
    assert caught.value.error_dict["email"][0].code == "duplicate"
    assert caught.value.messages == ["This email address is already registered here."]
    assert event.registrations.count() == 1
    registration_cancel(token=ann.token)
    assert sign_up(event, "ann").status == CONFIRMED


def test_name_and_email_are_required_and_checked(event_factory):
    event = event_factory()
    with pytest.raises(ValidationError) as caught:
        registration_create(event=event, name="  ", email="not-an-email")
    assert set(caught.value.error_dict) == {"name", "email"}
    assert not event.registrations.exists()


# Cancellation by link


def test_cancelling_twice_changes_nothing_and_cannot_be_undone(event_factory):
    event = event_factory(capacity=1)
    ann = sign_up(event, "ann")
    first = registration_cancel(token=ann.token)
    again = registration_cancel(token=ann.token)
    assert first.status == again.status == CANCELLED
    assert again.cancelled_at == first.cancelled_at
    updates = ChangeRecord.objects.filter(
        target_id=ann.pk, action=ChangeRecord.Action.UPDATE, changes__has_key="status"
    )
    assert updates.count() == 1


def test_an_unknown_token_cancels_nothing(event_factory):
    with pytest.raises(Registration.DoesNotExist):
        registration_cancel(token="no-such-token")


# Check-in


def test_the_organisers_editor_checks_in_once(world, event_factory):
    event = event_factory()
    ann = sign_up(event, "ann")
    first = registration_check_in(actor=world["editor_a"], token=ann.token)
    assert first.checked_in_at is not None
    again = registration_check_in(actor=world["editor_a"], token=ann.token)
    assert again.checked_in_at == first.checked_in_at


def test_check_in_refuses_waiting_and_cancelled_registrations(world, event_factory):
    event = event_factory(capacity=1)
    ann, bo = sign_up(event, "ann"), sign_up(event, "bo")
    assert refused(
        "not_confirmed", registration_check_in, actor=world["editor_a"], token=bo.token
    ) == ["This registration is on the waiting list, not confirmed."]
    registration_cancel(token=bo.token)
    registration_cancel(token=ann.token)
    assert refused(
        "cancelled", registration_check_in, actor=world["editor_a"], token=ann.token
    ) == ["This registration was cancelled."]
    assert not Registration.objects.filter(checked_in_at__isnull=False).exists()


def test_a_checked_in_place_cannot_be_cancelled(world, event_factory):
    event = event_factory()
    ann = sign_up(event, "ann")
    registration_check_in(actor=world["editor_a"], token=ann.token)
    refused("checked_in", registration_cancel, token=ann.token)
    ann.refresh_from_db()
    assert ann.status == CONFIRMED


@pytest.mark.parametrize("who", ["viewer_a", "editor_b", "editor_c", "anonymous"])
def test_only_the_organisers_editors_check_in(world, event_factory, viewer_a, who):
    event = event_factory(partners=[world["b"]])
    ann = sign_up(event, "ann")
    users = {**world, "viewer_a": viewer_a, "anonymous": AnonymousUser()}
    with pytest.raises(PermissionDenied):
        registration_check_in(actor=users[who], token=ann.token)
    ann.refresh_from_db()
    assert ann.checked_in_at is None


# Erasure and who sees personal data


def test_erasure_leaves_nothing_personal_in_the_row_or_the_history(world, event_factory):
    event = event_factory(capacity=1)
    ann = registration_create(
        event=event, name="Zhang Wei", email="zhang.wei@example.org", phone="+86 138 0000 0000"
    )
    bo = sign_up(event, "bo")
    registration_check_in(actor=world["editor_a"], token=ann.token)
    erased = registration_erase(actor=world["editor_a"], registration=ann)

    row = Registration.objects.get(pk=ann.pk)
    assert (row.name, row.email, row.phone) == ("", "", "")
    assert row.erased_at is not None and erased.erased_at == row.erased_at
    assert row.status == CONFIRMED and row.checked_in_at is not None
    assert selectors.availability(event=event) == selectors.Availability(1, 1, 1, 0)
    assert selectors.person_times(events=[event]) == 1
    history = json.dumps(
        list(ChangeRecord.objects.values("changes", "target_repr")), ensure_ascii=False
    )
    for personal in ("Zhang Wei", "zhang.wei@example.org", "138 0000", "Bo", "bo@example.org"):
        assert personal not in history
    assert ChangeRecord.objects.filter(
        target_id=ann.pk, changes__personal_data=["kept", "erased"]
    ).exists()
    assert bo.status == WAITLISTED


def test_erasing_is_for_the_organisers_editors(world, event_factory, viewer_a):
    event = event_factory(partners=[world["b"]])
    ann = sign_up(event, "ann")
    for user in (viewer_a, world["editor_b"], world["editor_c"], AnonymousUser()):
        with pytest.raises(PermissionDenied):
            registration_erase(actor=user, registration=ann)
    ann.refresh_from_db()
    assert (ann.name, ann.erased_at) == ("Ann", None)


def test_registrations_are_listed_and_exported_for_the_organisers_editors(world, event_factory):
    event = event_factory(capacity=1, partners=[world["b"]])
    ann, bo = sign_up(event, "ann", phone="123"), sign_up(event, "bo")
    registration_check_in(actor=world["editor_a"], token=ann.token)
    registration_erase(actor=world["editor_a"], registration=bo)

    assert list(selectors.registration_list(user=world["editor_a"], event=event)) == [ann, bo]
    rows = selectors.registration_rows(user=world["editor_a"], event=event)
    assert [(r["name"], r["email"], r["phone"], r["status"]) for r in rows] == [
        ("Ann", "ann@example.org", "123", CONFIRMED),
        ("", "", "", WAITLISTED),
    ]
    assert rows[0]["checked_in"] and not rows[1]["checked_in"]
    assert rows[0]["session"] == ""


@pytest.mark.parametrize("who", ["viewer_a", "editor_b", "viewer_b", "editor_c", "anonymous"])
def test_nobody_else_sees_personal_data(world, event_factory, viewer_a, who):
    event = event_factory(partners=[world["b"]])
    sign_up(event, "ann")
    users = {**world, "viewer_a": viewer_a, "anonymous": AnonymousUser()}
    with pytest.raises(PermissionDenied):
        selectors.registration_list(user=users[who], event=event)
    with pytest.raises(PermissionDenied):
        selectors.registration_rows(user=users[who], event=event)


def test_a_registration_is_found_by_its_token_only(event_factory):
    event = event_factory()
    ann = sign_up(event, "ann")
    assert selectors.registration_by_token(token=ann.token) == ann
    with pytest.raises(Registration.DoesNotExist):
        selectors.registration_by_token(token=ann.token[:-1])
