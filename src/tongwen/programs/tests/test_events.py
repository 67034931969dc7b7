"""Events and sessions: creation rules, status changes, schedule, history, and what is seen."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tongwen.common.actors import SYSTEM
from tongwen.common.history import history_for
from tongwen.programs.models import Event, Session
from tongwen.programs.selectors import events as selectors
from tongwen.programs.services import events as services
from tongwen.programs.services.registration import registration_create
from tongwen.programs.tests.conftest import at


def create(world, **extra):  # type: ignore[no-untyped-def]
    extra.setdefault("slug", "talk")
    extra.setdefault("kind", Event.Kind.LECTURE)
    extra.setdefault("title", {"en": "A talk", "zh-Hans": "讲座"})
    extra.setdefault("organiser", world["a"])
    extra.setdefault("actor", world["editor_a"])
    return services.event_create(**extra)


def field_errors(call, *args, **kwargs):  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as caught:
        call(*args, **kwargs)
    return {field: [e.code for e in errors] for field, errors in caught.value.error_dict.items()}


def test_an_editor_creates_an_event_with_sessions_links_and_history(world, venue, initiative):
    event = create(
        world,
        venue=venue,
        partners=[world["b"]],
        initiatives=[initiative],
        commitments=[world["commitment"]],
        booking=Event.Booking.WHOLE,
        capacity=30,
        sessions=[
            {"starts_at": at(1), "ends_at": at(1, 21), "title": {"en": "Part one"}},
            {"starts_at": at(8), "ends_at": at(8, 21)},
        ],
    )
    assert [s.title for s in event.sessions.all()] == [{"en": "Part one"}, {}]
    assert list(event.partners.all()) == [world["b"]]
    assert list(event.initiatives.all()) == [initiative]
    (record,) = history_for(event)
    assert record.actor == world["editor_a"]
    assert record.changes["capacity"] == [None, 30]
    assert record.changes["partners"] == [None, ["inst-b"]]
    assert len(record.changes["sessions"][1]) == 2


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ({"kind": Event.Kind.LIVESTREAM}, {"online_url": ["required"]}),
        (
            {"kind": Event.Kind.TOUR_STOP, "online_url": "https://x.example"},
            {"venue": ["required"]},
        ),
        ({"status": Event.Status.PUBLISHED}, {"venue": ["required"]}),
        ({"capacity": 10}, {"capacity": ["no_registration"]}),
        ({"booking": Event.Booking.PER_SESSION}, {"booking": ["sessions_required"]}),
        (
            {
                "booking": Event.Booking.WHOLE,
                "registration_opens": at(2),
                "registration_closes": at(1),
            },
            {"registration_closes": ["invalid"]},
        ),
        (
            {"sessions": [{"starts_at": at(1, 21), "ends_at": at(1, 19)}]},
            {"ends_at": ["ends_before_start"]},
        ),
        ({"kind": "party"}, {"kind": ["invalid_choice"]}),
    ],
)
def test_inconsistent_events_are_refused_and_nothing_is_written(world, extra, expected):
    assert field_errors(create, world, **extra) == expected
    assert not Event.objects.exists()
    assert not Session.objects.exists()


def test_a_livestream_needs_no_venue_and_a_published_talk_may_be_online(world):
    stream = create(world, kind=Event.Kind.LIVESTREAM, online_url="https://live.example.org/1")
    assert stream.is_online
    talk = create(
        world, slug="online-talk", online_url="https://live.example.org/2", status="published"
    )
    assert talk.status == Event.Status.PUBLISHED


@pytest.mark.parametrize("who", ["editor_b", "viewer_b", "anonymous"])
def test_only_the_organisers_editors_create_and_change(world, who):
    user = AnonymousUser() if who == "anonymous" else world[who]
    with pytest.raises(PermissionDenied):
        create(world, actor=user)
    event = create(world)
    with pytest.raises(PermissionDenied):
        services.event_update(actor=user, event=event, capacity=None)
    with pytest.raises(PermissionDenied):
        services.event_set_status(actor=user, event=event, status="published")


def test_update_records_only_what_changed_and_refuses_other_fields(world, venue):
    event = create(world, venue=venue)
    services.event_update(
        actor=world["editor_a"], event=event, title={"en": "A better talk"}, partners=[world["c"]]
    )
    record = history_for(event).first()
    assert record is not None
    assert record.changes == {
        "title": [
            {"en": "A talk", "zh-Hans": "讲座", "zh-Latn-pinyin": "jiǎng zuò"},
            {"en": "A better talk"},
        ],
        "partners": [[], ["inst-c"]],
    }
    assert field_errors(services.event_update, actor=SYSTEM, event=event, organiser=world["b"]) == {
        "organiser": ["not_changeable"]
    }
    with pytest.raises(ValidationError):
        services.event_update(actor=SYSTEM, event=event, partners=[world["a"]])
    assert list(Event.objects.get(pk=event.pk).partners.all()) == [world["c"]]


def test_the_booking_mode_is_fixed_once_people_registered(event_factory):
    event = event_factory()
    registration_create(event=event, name="Ann", email="ann@example.org")
    assert field_errors(
        services.event_update, actor=SYSTEM, event=event, booking=Event.Booking.NONE, capacity=None
    ) == {"booking": ["has_registrations"]}
    assert Event.objects.get(pk=event.pk).booking == Event.Booking.WHOLE


def test_status_moves_forward_and_cancelled_is_final(world, venue):
    event = create(world, venue=venue)
    services.event_set_status(actor=world["editor_a"], event=event, status="published")
    services.event_set_status(actor=world["editor_a"], event=event, status="cancelled")
    with pytest.raises(ValidationError) as caught:
        services.event_set_status(actor=world["editor_a"], event=event, status="published")
    assert caught.value.messages == ["An event that is cancelled cannot become published."]
    assert Event.objects.get(pk=event.pk).status == Event.Status.CANCELLED
    assert [r.changes for r in history_for(event)][:2] == [
        {"status": ["published", "cancelled"]},
        {"status": ["draft", "published"]},
    ]


def test_publishing_needs_a_place_and_withdrawing_needs_no_registrations(world, event_factory):
    draft = create(world)
    assert field_errors(
        services.event_set_status, actor=SYSTEM, event=draft, status="published"
    ) == {"venue": ["required"]}
    assert Event.objects.get(pk=draft.pk).status == Event.Status.DRAFT
    event = event_factory()
    registration_create(event=event, name="Ann", email="ann@example.org")
    assert field_errors(services.event_set_status, actor=SYSTEM, event=event, status="draft") == {
        "status": ["has_registrations"]
    }


def test_sessions_are_added_and_deleted_with_history(world, event_factory):
    event = event_factory()
    added = services.session_add(
        actor=world["editor_a"], event=event, starts_at=at(3), ends_at=at(3, 20)
    )
    assert event.sessions.count() == 2
    services.session_delete(actor=world["editor_a"], session=added)
    assert event.sessions.count() == 1
    assert [r.action for r in history_for(event)][:2] == ["delete", "create"]
    with pytest.raises(ValidationError):
        services.session_add(actor=SYSTEM, event=event, starts_at=at(3, 20), ends_at=at(3, 20))
    assert event.sessions.count() == 1


def test_a_session_with_people_or_the_last_of_a_series_is_kept(series):
    first = series.sessions.first()
    registration_create(event=series, name="Ann", email="ann@example.org", session=first)
    with pytest.raises(ValidationError) as caught:
        services.session_delete(actor=SYSTEM, session=first)
    assert caught.value.code == "has_registrations"
    for session in list(series.sessions.all())[1:]:
        services.session_delete(actor=SYSTEM, session=session)
    first.registrations.update(status="cancelled")
    with pytest.raises(ValidationError) as caught:
        services.session_delete(actor=SYSTEM, session=first)
    assert caught.value.code == "sessions_required"
    assert series.sessions.count() == 1


def test_recurring_sessions_keep_the_local_time_every_week():
    first = timezone.make_aware(dt.datetime(2025, 3, 4, 19, 0))
    sessions = services.recurring_sessions(
        first_start=first, duration=dt.timedelta(minutes=90), every_days=7, count=4
    )
    starts = [timezone.localtime(s["starts_at"]) for s in sessions]
    assert [s.date() for s in starts] == [
        dt.date(2025, 3, 4),
        dt.date(2025, 3, 11),
        dt.date(2025, 3, 18),
        dt.date(2025, 3, 25),
    ]
    assert {s.time() for s in starts} == {dt.time(19, 0)}
    assert all(s["ends_at"] - s["starts_at"] == dt.timedelta(minutes=90) for s in sessions)
    with pytest.raises(ValidationError):
        services.recurring_sessions(
            first_start=first, duration=dt.timedelta(0), every_days=7, count=2
        )


def test_drafts_are_seen_by_organiser_and_partners_only(world, event_factory):
    draft = event_factory("draft-talk", status="draft", partners=[world["b"]])
    public = event_factory("public-talk")
    anonymous = AnonymousUser()
    assert list(selectors.event_list(user=anonymous)) == [public]
    assert set(selectors.event_list(user=world["viewer_b"])) == {draft, public}
    assert set(selectors.event_list(user=world["editor_a"])) == {draft, public}
    with pytest.raises(Event.DoesNotExist):
        selectors.event_get(user=world["editor_c"], slug="draft-talk")
    assert selectors.event_get(user=world["viewer_b"], slug="draft-talk") == draft


def test_events_are_filtered_by_kind_organiser_initiative_and_time(
    world, event_factory, initiative
):
    soon = event_factory("soon", sessions=[(at(1), at(1, 21))], initiatives=[initiative])
    later = event_factory("later", sessions=[(at(9), at(9, 21))])
    over = event_factory(
        "over", kind=Event.Kind.FORUM, booking="none", sessions=[(at(-3), at(-3, 21))]
    )
    user = AnonymousUser()
    assert list(selectors.event_list(user=user, when="upcoming")) == [soon, later]
    assert list(selectors.event_list(user=user, when="past")) == [over]
    assert list(selectors.event_list(user=user, kind="forum")) == [over]
    assert list(selectors.event_list(user=user, initiative=initiative)) == [soon]
    assert list(selectors.event_list(user=user, initiative="science-tour")) == [soon]
    assert list(selectors.event_list(user=user, organiser=world["b"])) == []
    assert len(selectors.event_list(user=user, organiser="inst-a")) == 3
    assert list(selectors.event_list(user=user, status="published")) == [later, soon, over]
