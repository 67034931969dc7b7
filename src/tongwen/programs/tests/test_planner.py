"""The planner: the demo tour's plan meets every goal; pinned, locked and held stops hold."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tongwen.common.actors import SYSTEM
from tongwen.programs.demo.tour import TOUR_SLUG, load_tour_demo
from tongwen.programs.models import Tour, TourStop, Venue
from tongwen.programs.planning import solver
from tongwen.programs.services import tours, venues

# Two provinces' worth of counties in Zhejiang (33) and Jiangxi (36), plus Anhui (34).
CODES = [c.code for c in venues.county_registry() if c.code[:2] in ("33", "34", "36")][::4]


def _small_tour(world) -> Tour:  # type: ignore[no-untyped-def]
    venues.venues_registry_load(actor=SYSTEM, codes=CODES)
    tour = tours.tour_create(
        actor=SYSTEM,
        slug="small",
        title={"en": "Small tour"},
        organiser=world["a"],
        starts_on=dt.date(2021, 1, 1),
        ends_on=dt.date(2022, 12, 31),
        stop_days=30,
        transfer_days=5,
        kits=2,
        min_venues=12,
        min_provinces_per_year=3,
    )
    tours.candidates_set(
        actor=SYSTEM, tour=tour, candidates=list(Venue.objects.filter(division_code__in=CODES))
    )
    return tour


def _recheck(tour: Tour) -> tuple[int, dict[int, int]]:
    """Venues and provinces per year counted straight from the stops."""
    venues_seen = set()
    provinces: dict[int, set[str]] = defaultdict(set)
    for stop in tour.stops.select_related("venue"):
        if tour.starts_on <= stop.starts_on <= tour.ends_on:
            venues_seen.add(stop.venue_id)
            provinces[stop.starts_on.year].add(stop.venue.division_code[:2])
    return len(venues_seen), {year: len(p) for year, p in provinces.items()}


@pytest.mark.django_db
def test_the_demo_tour_plan_meets_every_coverage_goal() -> None:
    summary = load_tour_demo(time_limit=5)
    assert summary["goals_met"] is True
    tour = Tour.objects.get(slug=TOUR_SLUG)
    run = tour.plan_runs.get()
    assert run.goals_met and run.problems == []
    assert tours.tour_check(tour) == []
    count, per_year = _recheck(tour)
    assert count >= 200
    assert per_year.keys() == {2021, 2022, 2023, 2024, 2025}
    assert min(per_year.values()) >= 17
    assert tour.stops.filter(status="planned").count() == run.stops_planned
    pilot = Tour.objects.get(slug="lsc-cstm-pilot-tour-2020")
    assert sorted(pilot.stops.values_list("venue__division_code", "status")) == [
        ("330521", "held"),
        ("360982", "held"),
        ("620982", "held"),
    ]
    # Loading again changes nothing.
    before = list(tour.stops.values_list("pk", "starts_on"))
    assert load_tour_demo(time_limit=5)["planned"] is False
    assert list(tour.stops.values_list("pk", "starts_on")) == before


def test_replanning_keeps_held_pinned_and_locked_stops(world) -> None:  # type: ignore[no-untyped-def]
    tour = _small_tour(world)
    first = tours.tour_plan(actor=SYSTEM, tour=tour, time_limit=2)
    assert first.goals_met, first.problems
    venue_list = list(Venue.objects.filter(division_code__in=CODES))
    held = tours.stop_add(
        actor=SYSTEM,
        tour=tour,
        venue=venue_list[0],
        kit=1,
        starts_on=dt.date(2020, 10, 1),
        status="held",
    )
    planned = list(tour.stops.filter(status="planned").order_by("kit", "sequence"))
    pinned = tours.stop_pin(actor=SYSTEM, stop=planned[1])
    locked = tours.stop_lock(actor=SYSTEM, stop=planned[-1])
    run = tours.tour_plan(actor=SYSTEM, tour=tour, time_limit=2)
    assert run.goals_met, run.problems
    held.refresh_from_db()
    assert (held.venue_id, held.kit, held.starts_on, held.status) == (
        venue_list[0].pk,
        1,
        dt.date(2020, 10, 1),
        "held",
    )
    kept = TourStop.objects.get(pk=pinned.pk)
    assert (kept.venue_id, kept.kit, kept.pinned) == (pinned.venue_id, pinned.kit, True)
    fixed = TourStop.objects.get(pk=locked.pk)
    assert (fixed.venue_id, fixed.kit, fixed.starts_on, fixed.ends_on) == (
        locked.venue_id,
        locked.kit,
        locked.starts_on,
        locked.ends_on,
    )
    assert tours.tour_check(tour) == []
    count, per_year = _recheck(tour)
    assert count >= 12 and min(per_year.values()) >= 3


def test_held_stops_cannot_be_moved_or_removed(world) -> None:  # type: ignore[no-untyped-def]
    tour = _small_tour(world)
    venue = Venue.objects.filter(division_code__in=CODES).first()
    assert venue is not None
    stop = tours.stop_add(
        actor=SYSTEM, tour=tour, venue=venue, kit=1, starts_on=dt.date(2021, 1, 1)
    )
    tours.stop_mark_held(actor=SYSTEM, stop=stop)
    with pytest.raises(ValidationError) as error:
        tours.stop_update(actor=SYSTEM, stop=stop, starts_on=dt.date(2021, 2, 1))
    assert error.value.messages == ["This stop was held; it cannot be moved."]
    with pytest.raises(ValidationError):
        tours.stop_delete(actor=SYSTEM, stop=stop)
    stop.refresh_from_db()
    assert (stop.starts_on, stop.status) == (dt.date(2021, 1, 1), "held")


def test_reorder_swaps_date_slots_and_pins(world) -> None:  # type: ignore[no-untyped-def]
    tour = _small_tour(world)
    tours.tour_plan(actor=SYSTEM, tour=tour, time_limit=1)
    kit_stops = list(tour.stops.filter(kit=1).order_by("sequence"))
    ids = [s.pk for s in kit_stops]
    reordered = tours.stops_reorder(actor=SYSTEM, tour=tour, kit=1, stop_ids=ids[::-1])
    assert [s.pk for s in reordered] == ids[::-1]
    assert [s.starts_on for s in reordered] == [s.starts_on for s in kit_stops]
    assert all(s.pinned for s in reordered)
    run = tours.tour_plan(actor=SYSTEM, tour=tour, time_limit=1)
    order = list(tour.stops.filter(pk__in=ids).order_by("starts_on").values_list("pk", flat=True))
    assert order == ids[::-1], run.problems


def test_checker_finds_overlaps_and_missed_goals() -> None:
    spec = solver.TourSpec(
        kits=1,
        stop_days=10,
        transfer_days=2,
        starts_on=dt.date(2021, 1, 1),
        ends_on=dt.date(2021, 12, 31),
        min_venues=3,
        min_provinces_per_year=2,
    )
    sites = {
        "a": solver.Site("a", "330521", 30.54, 119.98),
        "b": solver.Site("b", "330522", 30.9, 119.7),
    }
    after = [
        solver.Stop("a", 1, dt.date(2021, 1, 1), dt.date(2021, 1, 10)),
        solver.Stop("b", 1, dt.date(2021, 1, 12), dt.date(2021, 1, 21)),
    ]
    messages = [i.message for i in solver.check_plan(spec, sites, [], after)]
    assert messages == [
        "Kit 1 cannot reach b by 2021-01-12: it leaves a on 2021-01-10 and needs 4 days to move.",
        "2 venues are covered; the goal is at least 3.",
        "2021: 1 provinces are covered; the goal is at least 2.",
    ]


def test_only_the_organisers_editors_plan(world) -> None:  # type: ignore[no-untyped-def]
    tour = _small_tour(world)
    with pytest.raises(PermissionDenied):
        tours.tour_plan(actor=world["editor_b"], tour=tour, time_limit=1)
    with pytest.raises(PermissionDenied):
        tours.tour_update(actor=world["viewer_b"], tour=tour, kits=3)
    assert not tour.plan_runs.exists()
    run = tours.tour_plan(actor=world["editor_a"], tour=tour, time_limit=1)
    assert run.requested_by == world["editor_a"]
