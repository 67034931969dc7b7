"""Fixtures for events, registration and attendance, built through the real services.

Venues, tours and stops are made with the ORM here because their services belong to the tour
planner; the records are marked as sample data like the demo's.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from tongwen.agreements import services as agreements
from tongwen.common.actors import SYSTEM
from tongwen.conftest import make_user
from tongwen.programs.models import Event, Tour, TourStop, Venue
from tongwen.programs.services import events as event_services

_numbers = itertools.count(1)


def at(days: int, hour: int = 19) -> dt.datetime:
    """A local time ``days`` from today at ``hour`` o'clock."""
    day = timezone.localdate() + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def make_venue(slug: str, division_code: str, institution: Any = None) -> Venue:
    return Venue.objects.create(
        slug=slug,
        name={"en": f"Sample venue {slug}", "zh-Hans": f"示例场馆 {slug}"},
        kind=Venue.Kind.COUNTY_LIBRARY if institution is None else Venue.Kind.LIBRARY,
        institution=institution,
        division_code=division_code,
        is_sample=True,
        note={"en": "Sample", "zh-Hans": "示例"},
    )


@pytest.fixture
def venue(world: dict[str, Any]) -> Venue:
    return make_venue("sample-hall-a", "330521", institution=world["a"])


@pytest.fixture
def event_factory(world: dict[str, Any], venue: Venue) -> Callable[..., Event]:
    """Make a published lecture of institution A at its sample venue, tomorrow evening, unless
    told otherwise; ``sessions`` is a list of (start, end) pairs or of dicts."""

    def make(
        slug: str | None = None,
        *,
        kind: str = Event.Kind.LECTURE,
        booking: str = Event.Booking.WHOLE,
        capacity: int | None = 2,
        waitlist: bool = True,
        status: str = Event.Status.PUBLISHED,
        sessions: list[Any] | None = None,
        actor: Any = SYSTEM,
        **extra: Any,
    ) -> Event:
        number = next(_numbers)
        if sessions is None:
            sessions = [(at(1), at(1, 21))]
        extra.setdefault("venue", venue)
        extra.setdefault("organiser", world["a"])
        return event_services.event_create(
            actor=actor,
            slug=slug or f"event-{number}",
            kind=kind,
            title={"en": f"Event {number}", "zh-Hans": f"活动{number}"},
            booking=booking,
            capacity=capacity if booking != Event.Booking.NONE else None,
            waitlist=waitlist,
            status=status,
            sessions=[
                s if isinstance(s, dict) else {"starts_at": s[0], "ends_at": s[1]} for s in sessions
            ],
            **extra,
        )

    return make


@pytest.fixture
def course(event_factory: Callable[..., Event]) -> Event:
    """A research and study course of three weekly classes, booked as one, two places."""
    return event_factory(
        "study-course",
        kind=Event.Kind.STUDY_COURSE,
        booking=Event.Booking.WHOLE,
        capacity=2,
        sessions=[(at(1 + 7 * i), at(1 + 7 * i, 21)) for i in range(3)],
    )


@pytest.fixture
def series(event_factory: Callable[..., Event]) -> Event:
    """A weekly lecture series of three evenings, each booked separately, one place each."""
    return event_factory(
        "lecture-series",
        booking=Event.Booking.PER_SESSION,
        capacity=1,
        sessions=event_services.recurring_sessions(
            first_start=at(2), duration=dt.timedelta(hours=2), every_days=7, count=3
        ),
    )


@pytest.fixture
def viewer_a(world: dict[str, Any]) -> Any:
    return make_user("viewer-a", world["a"], "viewer")


@pytest.fixture
def initiative(world: dict[str, Any]) -> Any:
    return agreements.initiative_create(
        actor=SYSTEM,
        agreement=world["ab"],
        slug="science-tour",
        title={"en": "Science tour", "zh-Hans": "科技巡展"},
        lead=[world["a"]],
        partners=[world["b"]],
        start=dt.date(2020, 1, 1),
    )


@pytest.fixture
def indicator(initiative: Any) -> Any:
    return agreements.indicator_create(
        actor=SYSTEM,
        initiative=initiative,
        slug="person-times",
        metric={"en": "Visitors", "zh-Hans": "观众"},
        unit={"en": "person-times", "zh-Hans": "人次"},
    )


def make_tour(organiser: Any, initiative: Any = None) -> Tour:
    return Tour.objects.create(
        slug="sample-tour",
        title={"en": "Sample tour", "zh-Hans": "示例巡展"},
        organiser=organiser,
        initiative=initiative,
        kits=2,
        stop_days=30,
        starts_on=dt.date(2020, 1, 1),
        ends_on=dt.date(2025, 12, 31),
    )


def make_stop(
    tour: Tour, venue: Venue, kit: int, sequence: int, starts_on: dt.date, held: bool
) -> TourStop:
    return TourStop.objects.create(
        tour=tour,
        kit=kit,
        sequence=sequence,
        venue=venue,
        starts_on=starts_on,
        ends_on=starts_on + dt.timedelta(days=29),
        status=TourStop.Status.HELD if held else TourStop.Status.PLANNED,
    )
