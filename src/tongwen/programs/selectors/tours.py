"""Reads of venues, tours, stops and plans. Venues and tours are public; what staff may change
is decided by :mod:`tongwen.programs.permissions`, and the pages ask it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet

from tongwen.programs.models import IndicatorFeed, PlanRun, Tour, TourStop, Venue
from tongwen.programs.planning import registry


def venue_list(
    *,
    user: Any | None = None,
    division_prefix: str | None = None,
    kind: str | None = None,
    q: str | None = None,
) -> QuerySet[Venue]:
    """Venues, filtered by the start of their division code (``33`` a province, ``3305`` a
    prefecture), kind, and text in the identifier, division code or division name."""
    venues = Venue.objects.select_related("institution")
    if division_prefix:
        venues = venues.filter(division_code__startswith=division_prefix)
    if kind:
        venues = venues.filter(kind=kind)
    if q:
        text = q.strip()
        codes = [c.code for c in registry.county_registry() if text in "".join(c.path)]
        venues = venues.filter(
            Q(slug__icontains=text) | Q(division_code__startswith=text) | Q(division_code__in=codes)
        )
    return venues


def venue_get(*, user: Any | None = None, slug: str) -> Venue:
    """Raises ``Venue.DoesNotExist``."""
    return Venue.objects.select_related("institution").get(slug=slug)


def tour_list(*, user: Any | None = None, organiser: int | None = None) -> QuerySet[Tour]:
    tours = Tour.objects.select_related("organiser", "initiative")
    if organiser is not None:
        tours = tours.filter(organiser_id=organiser)
    return tours


def tour_get(*, user: Any | None = None, slug: str) -> Tour:
    """Raises ``Tour.DoesNotExist``."""
    return Tour.objects.select_related("organiser", "initiative").get(slug=slug)


def tour_stops(*, tour: Tour) -> QuerySet[TourStop]:
    return tour.stops.select_related("venue", "event").order_by("kit", "sequence")


def tour_stop_get(*, tour: Tour, pk: int) -> TourStop:
    """One stop of ``tour``. Raises ``TourStop.DoesNotExist``."""
    return tour.stops.select_related("venue", "event").get(pk=pk)


def tour_candidates(*, tour: Tour) -> QuerySet[Any]:
    return tour.candidate_links.select_related("venue").order_by("venue__division_code")


def plan_runs(*, tour: Tour) -> QuerySet[PlanRun]:
    return tour.plan_runs.select_related("requested_by")


@dataclass
class YearProgress:
    year: int
    held: int
    planned: int  # held and planned together
    target: int


@dataclass
class TourProgress:
    venues_held: int
    venues_planned: int  # held and planned together
    venues_target: int
    years: list[YearProgress]
    feeds: list[IndicatorFeed] = field(default_factory=list)
    provinces_held: set[str] = field(default_factory=set)
    provinces_planned: set[str] = field(default_factory=set)

    @property
    def venues_percent(self) -> int | None:
        if not self.venues_target:
            return None
        return min(100, round(100 * self.venues_held / self.venues_target))


def tour_progress(tour: Tour) -> TourProgress:
    """Venues covered and provinces per year (stops that open within the tour's period, a stop
    counting for the year it opens), held and held-or-planned, against the tour's targets."""
    stops = list(
        tour.stops.filter(starts_on__gte=tour.starts_on, starts_on__lte=tour.ends_on).values_list(
            "venue_id", "venue__division_code", "starts_on", "status"
        )
    )
    years = range(tour.starts_on.year, tour.ends_on.year + 1)
    held_by_year: dict[int, set[str]] = {y: set() for y in years}
    all_by_year: dict[int, set[str]] = {y: set() for y in years}
    held_venues: set[int] = set()
    all_venues: set[int] = set()
    for venue_id, code, opens, status in stops:
        province = code[:2] + "0000"
        all_venues.add(venue_id)
        all_by_year[opens.year].add(province)
        if status == TourStop.Status.HELD:
            held_venues.add(venue_id)
            held_by_year[opens.year].add(province)
    return TourProgress(
        venues_held=len(held_venues),
        venues_planned=len(all_venues),
        venues_target=tour.min_venues,
        years=[
            YearProgress(y, len(held_by_year[y]), len(all_by_year[y]), tour.min_provinces_per_year)
            for y in years
        ],
        feeds=list(tour.indicator_feeds.select_related("indicator", "indicator__initiative").all()),
        provinces_held=set().union(*held_by_year.values()) if held_by_year else set(),
        provinces_planned=set().union(*all_by_year.values()) if all_by_year else set(),
    )
