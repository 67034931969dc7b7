"""The touring planner: which kit goes where and when, with OR-Tools.

Inputs are plain data (:class:`TourSpec`, :class:`Site`, :class:`Stop`), so the same code runs
for a tour in the database, for the benchmark and for tests. :func:`plan_tour` solves in two
stages under one time limit:

1. **Province-years (CP-SAT).** For every calendar year of the period that still lacks
   provinces, pick which provinces to add and one representative candidate venue for each,
   preferring venues in dense clusters of candidates (a cheap stand-in for short travel), each
   venue at most once, within each year's capacity. Small and solved to optimality in well
   under a second.
2. **Itineraries (routing).** A vehicle routing model with one vehicle per kit: each kit starts
   where its last held stop was (or at the organiser's base, or the first candidate), a time
   dimension in days (a visit takes ``stop_days + transfer_days`` plus the days on the road,
   :func:`~tongwen.programs.planning.geo.travel_days`), time windows from the venue's
   availability, the tour period and, for the representatives, their year. Representatives,
   pinned and locked stops carry a very large drop penalty; other candidates a large one, and
   a per-kit count of visits caps the total at what the venue goal still needs, so the solver
   fills exactly that many visits and, among them, minimises the total distance (guided local
   search until the time limit).

The result is checked by :func:`check_plan`, written independently of the model: every stop
within its venue's window and the period, one stop at a time per kit with transfer and road
days between, held stops untouched, locked stops untouched, pinned stops on their kit and
venue, and the coverage goals counted from the stops themselves.

Conventions: a stop counts for the calendar year in which it opens; venues count when a stop
opens within the tour period; held stops are history and a kit's new stops come after its last
held one; planning never revisits a venue already covered in the period.
"""

from __future__ import annotations

import datetime as dt
import itertools
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tongwen.programs.planning.geo import EARTH_RADIUS_KM, KM_PER_DAY, haversine_km, travel_days

HELD = "held"
PLANNED = "planned"

#: Drop penalties, far above any distance (in tenths of a kilometre) the plan can run up.
_PENALTY_OPTIONAL = 10**8
_PENALTY_REQUIRED = 10**10
#: How many nearest candidates measure how remote a venue is (stage 1).
_NEIGHBOURS = 6


@dataclass(frozen=True)
class TourSpec:
    kits: int
    stop_days: int
    transfer_days: int
    starts_on: dt.date
    ends_on: dt.date
    min_venues: int = 0
    min_provinces_per_year: int = 0
    base: tuple[float, float] | None = None  # (latitude, longitude) the kits leave from


@dataclass(frozen=True)
class Site:
    """A venue as the planner sees it."""

    key: str
    division_code: str
    latitude: float
    longitude: float
    available_from: dt.date | None = None
    available_until: dt.date | None = None
    name: str = ""  # shown in the validator's messages; the key when empty

    @property
    def province(self) -> str:
        return self.division_code[:2] + "0000"


@dataclass(frozen=True)
class Stop:
    site: str
    kit: int
    starts_on: dt.date
    ends_on: dt.date
    status: str = PLANNED
    pinned: bool = False
    locked: bool = False
    ref: Any = None  # the caller's handle (a TourStop's id), carried through

    @property
    def fixed(self) -> bool:
        return self.status == HELD or self.pinned or self.locked


@dataclass(frozen=True)
class PlanIssue:
    code: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


@dataclass
class Coverage:
    venues: set[str] = field(default_factory=set)
    provinces_by_year: dict[int, set[str]] = field(default_factory=dict)


@dataclass
class Plan:
    stops: list[Stop]
    status: str
    seconds: float
    total_km: float
    goals_met: bool
    issues: list[PlanIssue]
    stops_planned: int


# Coverage and the checker -----------------------------------------------------------------


def years_of(tour: TourSpec) -> list[int]:
    return list(range(tour.starts_on.year, tour.ends_on.year + 1))


def coverage(tour: TourSpec, sites: dict[str, Site], stops: Iterable[Stop]) -> Coverage:
    """Distinct venues and provinces per year of the stops that open within the period."""
    found = Coverage(provinces_by_year={year: set() for year in years_of(tour)})
    for stop in stops:
        if not tour.starts_on <= stop.starts_on <= tour.ends_on:
            continue
        found.venues.add(stop.site)
        found.provinces_by_year[stop.starts_on.year].add(sites[stop.site].province)
    return found


def stop_km(sites: dict[str, Site], a: str, b: str) -> float:
    one, other = sites[a], sites[b]
    return haversine_km(one.latitude, one.longitude, other.latitude, other.longitude)


def total_km(sites: dict[str, Site], stops: Iterable[Stop], *, planned_only: bool = True) -> float:
    """Kilometres between consecutive stops of each kit (into and between planned stops)."""
    total = 0.0
    for route in by_kit(stops).values():
        for before, after in itertools.pairwise(route):
            if planned_only and after.status == HELD:
                continue
            total += stop_km(sites, before.site, after.site)
    return total


def by_kit(stops: Iterable[Stop]) -> dict[int, list[Stop]]:
    routes: dict[int, list[Stop]] = defaultdict(list)
    for stop in stops:
        routes[stop.kit].append(stop)
    for route in routes.values():
        route.sort(key=lambda s: (s.starts_on, s.ends_on))
    return dict(sorted(routes.items()))


def check_plan(
    tour: TourSpec,
    sites: dict[str, Site],
    before: Sequence[Stop],
    after: Sequence[Stop],
) -> list[PlanIssue]:
    """Every way ``after`` (a whole plan) breaks the tour's rules, given the stops ``before``.

    Independent of the solver: it reads only the stops, the venues and the tour.
    """
    issues: list[PlanIssue] = []
    stop_span = dt.timedelta(days=tour.stop_days - 1)

    def add(code: str, message: str, **params: Any) -> None:
        issues.append(PlanIssue(code, message % params if params else message))

    def name(key: str) -> str:
        site = sites.get(key)
        return (site.name or key) if site is not None else key

    for stop in after:
        if stop.site not in sites:
            add("unknown_venue", _("A stop is at a venue the planner does not know."))
            continue
        if not 1 <= stop.kit <= tour.kits:
            add(
                "kit",
                _("Stop at %(venue)s uses kit %(kit)d of %(kits)d."),
                venue=name(stop.site),
                kit=stop.kit,
                kits=tour.kits,
            )
        if stop.status == HELD:
            continue
        site = sites[stop.site]
        if stop.ends_on != stop.starts_on + stop_span:
            add(
                "duration",
                _("The stop at %(venue)s does not last %(days)d days."),
                venue=name(stop.site),
                days=tour.stop_days,
            )
        if stop.starts_on < tour.starts_on or stop.ends_on > tour.ends_on:
            add(
                "period",
                _("The stop at %(venue)s falls outside the tour's period."),
                venue=name(stop.site),
            )
        if (site.available_from and stop.starts_on < site.available_from) or (
            site.available_until and stop.ends_on > site.available_until
        ):
            add(
                "window",
                _("The stop at %(venue)s falls outside the venue's availability."),
                venue=name(stop.site),
            )

    for kit, route in by_kit(after).items():
        for one, two in itertools.pairwise(route):
            if two.status == HELD and one.status == HELD:
                continue
            if one.site not in sites or two.site not in sites:
                continue
            days = travel_days(stop_km(sites, one.site, two.site))
            earliest = one.ends_on + dt.timedelta(days=1 + tour.transfer_days + days)
            if two.starts_on < earliest:
                add(
                    "overlap",
                    _(
                        "Kit %(kit)d cannot reach %(venue)s by %(date)s: it leaves %(previous)s "
                        "on %(left)s and needs %(days)d days to move."
                    ),
                    kit=kit,
                    venue=name(two.site),
                    date=two.starts_on.isoformat(),
                    previous=name(one.site),
                    left=one.ends_on.isoformat(),
                    days=tour.transfer_days + days + 1,
                )
            if two.status == HELD and one.status != HELD:
                add(
                    "after_held",
                    _("Kit %(kit)d has a planned stop before its held stop at %(venue)s."),
                    kit=kit,
                    venue=name(two.site),
                )

    after_keys = {(s.site, s.kit, s.starts_on, s.ends_on, s.status) for s in after}
    for stop in before:
        if stop.status == HELD and (
            (stop.site, stop.kit, stop.starts_on, stop.ends_on, HELD) not in after_keys
        ):
            add(
                "held_moved",
                _("The held stop at %(venue)s was changed or removed."),
                venue=name(stop.site),
            )
        elif stop.locked and (
            (stop.site, stop.kit, stop.starts_on, stop.ends_on, PLANNED) not in after_keys
        ):
            add(
                "locked_moved",
                _("The locked stop at %(venue)s was changed or removed."),
                venue=name(stop.site),
            )
        elif stop.pinned and not any(
            s.site == stop.site and s.kit == stop.kit and s.status == PLANNED for s in after
        ):
            add(
                "pinned_moved",
                _("The pinned stop at %(venue)s left its kit or was removed."),
                venue=name(stop.site),
            )
    issues.extend(coverage_issues(tour, sites, after))
    return issues


def coverage_issues(
    tour: TourSpec, sites: dict[str, Site], stops: Iterable[Stop]
) -> list[PlanIssue]:
    found = coverage(tour, sites, [s for s in stops if s.site in sites])
    issues = []
    if len(found.venues) < tour.min_venues:
        issues.append(
            PlanIssue(
                "venues",
                ngettext(
                    "%(count)d venue is covered; the goal is at least %(goal)d.",
                    "%(count)d venues are covered; the goal is at least %(goal)d.",
                    len(found.venues),
                )
                % {"count": len(found.venues), "goal": tour.min_venues},
            )
        )
    for year, provinces in found.provinces_by_year.items():
        if len(provinces) < tour.min_provinces_per_year:
            issues.append(
                PlanIssue(
                    "provinces",
                    _("%(year)d: %(count)d provinces are covered; the goal is at least %(goal)d.")
                    % {"year": year, "count": len(provinces), "goal": tour.min_provinces_per_year},
                )
            )
    return issues


COVERAGE_CODES = frozenset({"venues", "provinces"})


# The solver --------------------------------------------------------------------------------


def _distance_matrix(points: np.ndarray) -> np.ndarray:
    """Haversine kilometres between every pair of (latitude, longitude) rows."""
    lat = np.radians(points[:, 0])[:, None]
    lon = np.radians(points[:, 1])[:, None]
    a = (
        np.sin((lat.T - lat) / 2) ** 2
        + np.cos(lat) * np.cos(lat.T) * np.sin((lon.T - lon) / 2) ** 2
    )
    return np.asarray(2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(a))))


@dataclass
class _Window:
    lo: int
    hi: int


def _start_window(tour: TourSpec, site: Site, year: int | None = None) -> _Window | None:
    """Days (from the period's start) on which a stop at ``site`` may open."""
    first = max(tour.starts_on, site.available_from or tour.starts_on)
    last_end = min(tour.ends_on, site.available_until or tour.ends_on)
    last = last_end - dt.timedelta(days=tour.stop_days - 1)
    if year is not None:
        first = max(first, dt.date(year, 1, 1))
        last = min(last, dt.date(year, 12, 31))
    if last < first:
        return None
    return _Window((first - tour.starts_on).days, (last - tour.starts_on).days)


def _select_representatives(
    tour: TourSpec,
    sites: dict[str, Site],
    pool: list[str],
    remoteness: dict[str, int],
    need: dict[int, int],
    covered: dict[int, set[str]],
    capacity: dict[int, int],
    time_limit: float,
) -> tuple[dict[str, int], list[PlanIssue]]:
    """Stage 1 (CP-SAT): one venue per province still needed in each year."""
    from ortools.sat.python import cp_model

    model = cp_model.CpModel()
    choose: dict[tuple[str, int], Any] = {}
    by_province_year: dict[tuple[str, int], list[Any]] = defaultdict(list)
    for key in pool:
        site = sites[key]
        for year, missing in need.items():
            if missing <= 0 or site.province in covered[year]:
                continue
            if _start_window(tour, site, year) is None:
                continue
            var = model.new_bool_var(f"x_{key}_{year}")
            choose[key, year] = var
            by_province_year[site.province, year].append(var)
    for key in pool:
        mine = [var for (k, _year), var in choose.items() if k == key]
        if len(mine) > 1:
            model.add_at_most_one(mine)
    picked_by_year: dict[int, list[Any]] = defaultdict(list)
    for (_province, year), options in by_province_year.items():
        picked = model.new_bool_var("")
        model.add(sum(options) == picked)
        picked_by_year[year].append(picked)
    issues = []
    for year, missing in need.items():
        if missing <= 0:
            continue
        options = picked_by_year.get(year, [])
        if len(options) < missing:
            issues.append(
                PlanIssue(
                    "provinces",
                    _(
                        "%(year)d: only %(count)d more provinces have candidate venues "
                        "available; %(goal)d are needed."
                    )
                    % {"year": year, "count": len(options), "goal": missing},
                )
            )
            missing = len(options)
        model.add(sum(options) == min(missing, capacity[year]))
    model.minimize(sum(remoteness[key] * var for (key, _year), var in choose.items()))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(1.0, time_limit)
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 0
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        issues.append(PlanIssue("selection", _("No choice of provinces per year fits.")))
        return {}, issues
    chosen = {key: year for (key, year), var in choose.items() if solver.value(var)}
    return chosen, issues


def plan_tour(
    tour: TourSpec,
    sites: dict[str, Site],
    candidates: Sequence[str],
    stops: Sequence[Stop],
    *,
    time_limit: float,
) -> Plan:
    """Plan the stops of ``tour``; ``stops`` are its current ones (held, pinned and locked are
    kept; other planned stops are replaced). ``time_limit`` bounds the whole run in seconds."""
    from ortools.constraint_solver import (  # type: ignore[import-untyped]
        pywrapcp,
        routing_enums_pb2,
    )

    started = time.monotonic()
    issues: list[PlanIssue] = []
    held = [s for s in stops if s.status == HELD]
    fixed = [s for s in stops if s.status != HELD and (s.pinned or s.locked)]
    horizon = (tour.ends_on - tour.starts_on).days + 1
    service = tour.stop_days + tour.transfer_days

    # Where and when each kit is free.
    kit_routes = by_kit(held)
    start_points: list[tuple[float, float]] = []
    available: list[int] = []
    default_base = tour.base
    if default_base is None:
        first = next((sites[k] for k in candidates if k in sites), None)
        default_base = (first.latitude, first.longitude) if first else (35.0, 105.0)
    for kit in range(1, tour.kits + 1):
        route = kit_routes.get(kit)
        if route:
            last = route[-1]
            site = sites[last.site]
            start_points.append((site.latitude, site.longitude))
            free = last.ends_on + dt.timedelta(days=1 + tour.transfer_days)
            available.append(max(0, (free - tour.starts_on).days))
        else:
            start_points.append(default_base)
            available.append(0)

    # What is already covered, and what still has to be.
    committed = held + [s for s in fixed if s.locked]
    already = coverage(tour, sites, committed)
    covered_venues = already.venues | {s.site for s in fixed}
    fixed_sites = {s.site for s in fixed}
    pool = [
        key
        for key in dict.fromkeys(candidates)
        if key in sites
        and key not in covered_venues
        and key not in fixed_sites
        and _start_window(tour, sites[key]) is not None
    ]
    need_venues = max(0, tour.min_venues - len(covered_venues))
    need_provinces = {
        year: max(0, tour.min_provinces_per_year - len(provinces))
        for year, provinces in already.provinces_by_year.items()
    }

    # Node layout: kit starts, one shared end, fixed stops, then the candidate pool.
    node_sites: list[str | None] = [None] * (tour.kits + 1)
    points = [*start_points, default_base]
    for stop in fixed:
        node_sites.append(stop.site)
    for key in pool:
        node_sites.append(key)
    for site_key in node_sites[tour.kits + 1 :]:
        assert site_key is not None
        points.append((sites[site_key].latitude, sites[site_key].longitude))
    km = _distance_matrix(np.array(points, dtype=float)) if points else np.zeros((0, 0))
    n = len(node_sites)
    end_node = tour.kits
    first_pool = tour.kits + 1 + len(fixed)

    # Stage 1: representatives of the provinces each year still needs.
    pool_idx = np.arange(first_pool, n)
    remoteness: dict[str, int] = {}
    if len(pool_idx):
        sub = km[np.ix_(pool_idx, pool_idx)]
        nearest = np.sort(sub, axis=1)[:, 1 : _NEIGHBOURS + 1]
        for key, value in zip(pool, nearest.mean(axis=1) if nearest.size else [], strict=False):
            remoteness[key] = round(float(value))
        for key in pool:
            remoteness.setdefault(key, 0)
    year_capacity = {}
    for year in years_of(tour):
        first_day = max(tour.starts_on, dt.date(year, 1, 1))
        last_day = min(tour.ends_on, dt.date(year, 12, 31))
        year_capacity[year] = tour.kits * (((last_day - first_day).days // service) + 1)
    representatives, stage_issues = _select_representatives(
        tour,
        sites,
        pool,
        remoteness,
        need_provinces,
        already.provinces_by_year,
        year_capacity,
        time_limit * 0.1,
    )
    issues.extend(stage_issues)

    # Stage 2: the routing model.
    dist = np.rint(km * 10).astype(np.int64)  # tenths of a kilometre
    days = np.ceil(km / KM_PER_DAY - 1e-9).clip(min=0).astype(np.int64)
    is_venue = np.zeros(n, dtype=bool)
    is_venue[tour.kits + 1 :] = True
    transit = np.where(is_venue[:, None], service, 0) + days
    dist[:, end_node] = 0
    transit[:, end_node] = 0
    dist[end_node, :] = 0
    transit[end_node, :] = 0

    manager = pywrapcp.RoutingIndexManager(
        n, tour.kits, list(range(tour.kits)), [end_node] * tour.kits
    )
    routing = pywrapcp.RoutingModel(manager)
    dist_cb = routing.RegisterTransitMatrix(dist.tolist())
    time_cb = routing.RegisterTransitMatrix(transit.tolist())
    routing.SetArcCostEvaluatorOfAllVehicles(dist_cb)
    slack = horizon + service
    routing.AddDimension(time_cb, slack, horizon + slack, False, "time")
    time_dim = routing.GetDimensionOrDie("time")
    count_cb = routing.RegisterUnaryTransitVector([int(v) for v in is_venue])

    # Visits per kit: the fixed ones plus an even share of what the goal still needs.
    fixed_per_kit: dict[int, int] = defaultdict(int)
    for stop in fixed:
        fixed_per_kit[stop.kit] += 1
    wanted = min(max(need_venues, len(representatives)), len(pool))
    max_per_kit = [
        max(0, (horizon - tour.stop_days - available[k]) // service + 1) for k in range(tour.kits)
    ]
    spare = [max(0, max_per_kit[k] - fixed_per_kit[k + 1]) for k in range(tour.kits)]
    caps = [fixed_per_kit[k + 1] for k in range(tour.kits)]
    left = wanted
    while left > 0 and any(caps[k] - fixed_per_kit[k + 1] < spare[k] for k in range(tour.kits)):
        for k in sorted(range(tour.kits), key=lambda k: caps[k] - fixed_per_kit[k + 1]):
            if left and caps[k] - fixed_per_kit[k + 1] < spare[k]:
                caps[k] += 1
                left -= 1
    if left:
        issues.append(
            PlanIssue(
                "capacity",
                _("The kits have time for %(count)d more stops; the goal needs %(goal)d.")
                % {"count": wanted - left, "goal": wanted},
            )
        )
    routing.AddDimensionWithVehicleCapacity(count_cb, 0, caps, True, "count")

    for k in range(tour.kits):
        time_dim.CumulVar(routing.Start(k)).SetValue(min(available[k], horizon + slack))
    for offset, stop in enumerate(fixed):
        node = tour.kits + 1 + offset
        index = manager.NodeToIndex(node)
        routing.VehicleVar(index).SetValues([-1, stop.kit - 1])
        if stop.locked:
            day = (stop.starts_on - tour.starts_on).days
            time_dim.CumulVar(index).SetValue(max(0, min(day, horizon)))
        else:
            window = _start_window(tour, sites[stop.site])
            if window is not None:
                time_dim.CumulVar(index).SetRange(window.lo, window.hi)
        routing.AddDisjunction([index], _PENALTY_REQUIRED)
    # Staff's order of a kit's pinned and locked stops stands.
    solver = routing.solver()
    order = sorted(range(len(fixed)), key=lambda i: (fixed[i].kit, fixed[i].starts_on))
    for one, two in itertools.pairwise(order):
        if fixed[one].kit == fixed[two].kit:
            a = manager.NodeToIndex(tour.kits + 1 + one)
            b = manager.NodeToIndex(tour.kits + 1 + two)
            solver.Add(time_dim.CumulVar(b) >= time_dim.CumulVar(a) + service)
    for offset, key in enumerate(pool):
        index = manager.NodeToIndex(first_pool + offset)
        rep_year = representatives.get(key)
        window = _start_window(tour, sites[key], rep_year)
        assert window is not None
        time_dim.CumulVar(index).SetRange(window.lo, window.hi)
        routing.AddDisjunction([index], _PENALTY_REQUIRED if rep_year else _PENALTY_OPTIONAL)
    for k in range(tour.kits):
        routing.AddVariableMinimizedByFinalizer(time_dim.CumulVar(routing.End(k)))

    params = pywrapcp.DefaultRoutingSearchParameters()
    params.first_solution_strategy = (
        routing_enums_pb2.FirstSolutionStrategy.PARALLEL_CHEAPEST_INSERTION
    )
    params.local_search_metaheuristic = (
        routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
    )
    remaining = time_limit - (time.monotonic() - started)
    params.time_limit.FromMilliseconds(max(1000, int(remaining * 1000)))
    solution = routing.SolveWithParameters(params)
    status = routing_enums_pb2.RoutingSearchStatus.Value.Name(routing.status())

    new_stops: list[Stop] = [*held]
    if solution is None:
        issues.append(PlanIssue("no_solution", _("The solver found no plan in the time given.")))
        new_stops.extend(fixed)
    else:
        placed: set[int] = set()
        for k in range(tour.kits):
            index = solution.Value(routing.NextVar(routing.Start(k)))
            while not routing.IsEnd(index):
                node = manager.IndexToNode(index)
                day = solution.Min(time_dim.CumulVar(index))
                opens = tour.starts_on + dt.timedelta(days=day)
                closes = opens + dt.timedelta(days=tour.stop_days - 1)
                if node < first_pool:
                    stop = fixed[node - tour.kits - 1]
                    placed.add(node - tour.kits - 1)
                    new_stops.append(
                        stop if stop.locked else replace(stop, starts_on=opens, ends_on=closes)
                    )
                else:
                    key = node_sites[node]
                    assert key is not None
                    new_stops.append(Stop(key, k + 1, opens, closes))
                index = solution.Value(routing.NextVar(index))
        # A pinned or locked stop the solver could not fit stays as it was (the checker says).
        new_stops.extend(stop for i, stop in enumerate(fixed) if i not in placed)

    checked = check_plan(tour, sites, stops, new_stops)
    all_issues = issues + [i for i in checked if i not in issues]
    return Plan(
        stops=new_stops,
        status=status,
        seconds=time.monotonic() - started,
        total_km=total_km(sites, new_stops),
        goals_met=not any(i.code in COVERAGE_CODES for i in checked),
        issues=all_issues,
        stops_planned=sum(1 for s in new_stops if s.status != HELD),
    )
