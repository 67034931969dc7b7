"""Visitor counts, person-times, and indicators computed from attendance and tour stops."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tongwen.agreements import services as agreements
from tongwen.agreements.models import Measurement
from tongwen.common.actors import SYSTEM
from tongwen.common.history import history_for
from tongwen.programs.models import IndicatorFeed, VisitorCount
from tongwen.programs.selectors import events as selectors
from tongwen.programs.services import attendance
from tongwen.programs.services.registration import registration_check_in, registration_create
from tongwen.programs.tests.conftest import make_stop, make_tour, make_venue


def yesterday() -> dt.date:
    return timezone.localdate() - dt.timedelta(days=1)


def test_a_days_count_is_recorded_once_and_corrected_in_place(world, event_factory):
    event = event_factory(booking="none")
    day = yesterday()
    attendance.visitor_count_record(actor=world["editor_a"], event=event, day=day, visitors=120)
    count = attendance.visitor_count_record(
        actor=world["editor_a"], event=event, day=day, visitors=135, note="recount"
    )
    assert list(VisitorCount.objects.values_list("day", "visitors", "note")) == [
        (day, 135, "recount")
    ]
    assert count.recorded_by == world["editor_a"]
    assert [r.changes for r in history_for(event)][:2] == [
        {"visitors": [120, 135], "note": ["", "recount"]},
        {"day": [None, day.isoformat()], "visitors": [None, 120], "note": [None, ""]},
    ]


def test_future_days_and_outsiders_are_refused(world, event_factory, viewer_a):
    event = event_factory(booking="none", partners=[world["b"]])
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as caught:
        attendance.visitor_count_record(actor=SYSTEM, event=event, day=tomorrow, visitors=1)
    assert caught.value.messages == ["Visitors cannot be counted for a day that has not come yet."]
    for user in (viewer_a, world["editor_b"], AnonymousUser()):
        with pytest.raises(PermissionDenied):
            attendance.visitor_count_record(actor=user, event=event, day=yesterday(), visitors=1)
    assert not VisitorCount.objects.exists()


def test_person_times_add_visitors_and_check_ins(world, event_factory, initiative):
    event = event_factory(capacity=3, initiatives=[initiative])
    other = event_factory(booking="none", initiatives=[initiative])
    people = [registration_create(event=event, name=n, email=f"{n}@example.org") for n in "abc"]
    for registration in people[:2]:
        registration_check_in(actor=world["editor_a"], token=registration.token)
    attendance.visitor_count_record(actor=SYSTEM, event=event, day=yesterday(), visitors=40)
    attendance.visitor_count_record(actor=SYSTEM, event=other, day=yesterday(), visitors=7)
    attendance.visitor_count_record(
        actor=SYSTEM, event=other, day=yesterday() - dt.timedelta(days=1), visitors=3
    )
    assert selectors.person_times(events=[event]) == 42
    assert selectors.person_times(events=[other], start=yesterday()) == 7
    assert selectors.initiative_person_times(initiative=initiative) == 52


def measurements(indicator):  # type: ignore[no-untyped-def]
    return list(Measurement.objects.filter(indicator=indicator).values_list("measured_on", "value"))


def test_attendance_arrives_as_the_days_measurement(
    world, event_factory, indicator, django_capture_on_commit_callbacks
):
    event = event_factory(capacity=5)
    ignored = event_factory(booking="none")
    with django_capture_on_commit_callbacks(execute=True):
        attendance.indicator_feed_set(
            actor=world["editor_a"],
            indicator=indicator,
            metric=IndicatorFeed.Metric.PERSON_TIMES,
            events=[event],
        )
    today = timezone.localdate()
    assert measurements(indicator) == []  # nothing has happened yet: no measured zero

    with django_capture_on_commit_callbacks(execute=True):
        attendance.visitor_count_record(actor=SYSTEM, event=event, day=yesterday(), visitors=55)
        attendance.visitor_count_record(actor=SYSTEM, event=ignored, day=yesterday(), visitors=9)
    assert measurements(indicator) == [(today, Decimal("55"))]

    ann = registration_create(event=event, name="Ann", email="ann@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        registration_check_in(actor=world["editor_a"], token=ann.token)
    assert measurements(indicator) == [(today, Decimal("56"))]
    measurement = Measurement.objects.get(indicator=indicator)
    assert measurement.evidence == {
        "en": "Computed from attendance of 1 event (visitor counts and check-ins).",
        "zh-Hans": "根据1项活动的出席数据（观众人数与签到）计算。",
        "zh-Latn-pinyin": measurement.evidence["zh-Latn-pinyin"],
    }

    with django_capture_on_commit_callbacks(execute=True):
        attendance.visitor_count_delete(
            actor=SYSTEM, visitor_count=VisitorCount.objects.get(event=event)
        )
    assert measurements(indicator) == [(today, Decimal("1"))]
    values = [r.changes.get("value") for r in history_for(indicator.initiative)]
    assert values[:3] == [["56.00", "1.00"], ["55.00", "56.00"], [None, "55.00"]]


def test_yesterdays_measurement_is_kept_and_today_gets_its_own(event_factory, indicator):
    event = event_factory(booking="none", initiatives=[indicator.initiative])
    feed = attendance.indicator_feed_set(
        actor=SYSTEM, indicator=indicator, metric=IndicatorFeed.Metric.PERSON_TIMES
    )
    attendance.visitor_count_record(actor=SYSTEM, event=event, day=yesterday(), visitors=10)
    attendance.feed_refresh(feed_id=feed.pk, today=yesterday())
    attendance.visitor_count_record(actor=SYSTEM, event=event, day=yesterday(), visitors=12)
    attendance.feed_refresh(feed_id=feed.pk)
    assert measurements(indicator) == [
        (yesterday(), Decimal("10")),
        (timezone.localdate(), Decimal("12")),
    ]
    # A later day with the same figure adds no row: a new measurement says something changed.
    attendance.feed_refresh(feed_id=feed.pk, today=timezone.localdate() + dt.timedelta(days=1))
    assert len(measurements(indicator)) == 2


def test_nothing_is_measured_before_the_initiative_starts(world, event_factory, indicator):
    initiative = indicator.initiative
    agreements.initiative_update(
        actor=SYSTEM, initiative=initiative, start=timezone.localdate() + dt.timedelta(days=30)
    )
    event = event_factory(booking="none", initiatives=[initiative])
    feed = attendance.indicator_feed_set(
        actor=SYSTEM, indicator=indicator, metric=IndicatorFeed.Metric.PERSON_TIMES
    )
    attendance.visitor_count_record(actor=SYSTEM, event=event, day=yesterday(), visitors=10)
    assert attendance.feed_refresh(feed_id=feed.pk) is None
    assert attendance.feeds_refresh_for_event(event) == []
    assert not Measurement.objects.exists()


def test_a_feed_is_set_by_the_initiatives_editors_with_a_fitting_source(world, indicator):
    with pytest.raises(PermissionDenied):
        attendance.indicator_feed_set(
            actor=world["editor_c"], indicator=indicator, metric="person_times"
        )
    with pytest.raises(ValidationError) as caught:
        attendance.indicator_feed_set(actor=world["editor_a"], indicator=indicator, metric="venues")
    assert caught.value.messages == ["Venues and provinces are computed from a tour."]
    assert not IndicatorFeed.objects.exists()


def test_venues_and_provinces_come_from_the_held_stops_of_the_tour(world, initiative):
    tour = make_tour(world["a"], initiative)
    deqing = make_venue("sample-deqing", "330521")
    zhangshu = make_venue("sample-zhangshu", "360982")
    dunhuang = make_venue("sample-dunhuang", "620982")
    anji = make_venue("sample-anji", "330523")
    make_stop(tour, deqing, 1, 1, dt.date(2020, 6, 1), held=True)
    make_stop(tour, zhangshu, 2, 1, dt.date(2020, 6, 1), held=True)
    make_stop(tour, deqing, 1, 2, dt.date(2021, 3, 1), held=True)
    make_stop(tour, anji, 2, 2, dt.date(2021, 3, 1), held=True)
    make_stop(tour, dunhuang, 1, 3, dt.date(2030, 1, 1), held=False)

    feeds = {}
    for slug, metric in (("venues", "venues"), ("provinces", "provinces")):
        indicator = agreements.indicator_create(
            actor=SYSTEM,
            initiative=initiative,
            slug=slug,
            metric={"en": slug},
            unit={"en": slug},
        )
        feeds[slug] = attendance.indicator_feed_set(
            actor=world["editor_a"], indicator=indicator, metric=metric, tour=tour
        )
    in_2021 = agreements.indicator_create(
        actor=SYSTEM,
        initiative=initiative,
        slug="venues-2021",
        metric={"en": "venues 2021"},
        unit={"en": "venues"},
        period_start=dt.date(2021, 1, 1),
        period_end=dt.date(2021, 12, 31),
    )
    attendance.indicator_feed_set(actor=SYSTEM, indicator=in_2021, metric="venues", tour=tour)

    written = attendance.feeds_refresh_for_tour(tour)
    by_slug = {m.indicator.slug: m for m in written}
    assert {slug: m.value for slug, m in by_slug.items()} == {
        "venues": Decimal("3"),  # Deqing twice, Zhangshu, Anji; Dunhuang only planned
        "provinces": Decimal("2"),  # Zhejiang and Jiangxi
        "venues-2021": Decimal("2"),  # Deqing and Anji
    }
    assert by_slug["provinces"].evidence["en"] == (
        "Computed from 4 held stops of the tour: distinct provinces."
    )
