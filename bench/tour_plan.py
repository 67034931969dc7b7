"""Touring planner: time and total distance for 200 venues over five years with ten kits.

    .venv/bin/python bench/tour_plan.py
    .venv/bin/python bench/tour_plan.py --time-limit 30 --factor 10 --candidates 600

The input is deterministic: ``--candidates`` county-level divisions drawn with a fixed seed
from the county registry (real coordinates from cpca), at least two per province, as
candidate venues of a tour of 2021-01-01..2025-12-31 with 10 kits, 60 days per stop and 7
between stops, and goals of at least 200 venues and 17 provinces each year. The planner runs
once with ``--time-limit`` seconds (the figure the goal is about: at most 60 s), then again on
the same input with ``--factor`` times the limit; the comparison is that run's distance (goal:
the first run within 10 % of it). Every plan is checked by the planner's independent checker.
Prints one JSON object per line per figure.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
BENCH = "tour_plan"


def emit(**fields: object) -> None:
    print(json.dumps({"bench": BENCH, **fields}), flush=True)


def setup_django() -> None:
    """The planner needs settings only for translating its messages."""
    from django.conf import settings

    if not settings.configured:
        settings.configure(USE_I18N=False)


def bench_input(candidates: int, seed: int):  # type: ignore[no-untyped-def]
    from tongwen.programs.planning import registry
    from tongwen.programs.planning.solver import Site, TourSpec

    counties = registry.county_registry()
    by_province = defaultdict(list)
    for county in counties:
        by_province[county.province_code].append(county)
    rng = random.Random(seed)
    chosen = []
    for province in sorted(by_province):
        chosen.extend(rng.sample(by_province[province], 2))
    rest = [c for c in counties if c not in set(chosen)]
    chosen.extend(rng.sample(rest, candidates - len(chosen)))
    sites = {
        c.code: Site(key=c.code, division_code=c.code, latitude=c.latitude, longitude=c.longitude)
        for c in sorted(chosen, key=lambda c: c.code)
    }
    beijing = registry.coordinates("110000")
    tour = TourSpec(
        kits=10,
        stop_days=60,
        transfer_days=7,
        starts_on=dt.date(2021, 1, 1),
        ends_on=dt.date(2025, 12, 31),
        min_venues=200,
        min_provinces_per_year=17,
        base=beijing,
    )
    return tour, sites


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--time-limit", type=float, default=30.0)
    parser.add_argument("--factor", type=float, default=10.0)
    parser.add_argument("--candidates", type=int, default=600)
    parser.add_argument("--seed", type=int, default=2021)
    args = parser.parse_args()
    setup_django()
    from tongwen.programs.planning.solver import plan_tour

    tour, sites = bench_input(args.candidates, args.seed)
    keys = list(sites)
    common = {
        "venues": tour.min_venues,
        "years": 5,
        "kits": tour.kits,
        "candidates": len(keys),
        "time_limit": args.time_limit,
    }
    plan = plan_tour(tour, sites, keys, [], time_limit=args.time_limit)
    emit(
        figure="plan_seconds",
        value=round(plan.seconds, 1),
        unit="s",
        goal="<= 60",
        met=plan.seconds <= 60,
        status=plan.status,
        **common,
    )
    emit(
        figure="total_km", value=round(plan.total_km), unit="km", stops=plan.stops_planned, **common
    )
    emit(
        figure="goals_met",
        value=plan.goals_met,
        issues=[i.message for i in plan.issues][:10],
        **common,
    )
    longer = plan_tour(tour, sites, keys, [], time_limit=args.time_limit * args.factor)
    ratio = plan.total_km / longer.total_km if longer.total_km else None
    emit(
        figure="comparison_km",
        value=round(longer.total_km),
        unit="km",
        seconds=round(longer.seconds, 1),
        time_limit=args.time_limit * args.factor,
        goals_met=longer.goals_met,
        status=longer.status,
    )
    emit(
        figure="ratio",
        value=None if ratio is None else round(ratio, 3),
        goal="<= 1.10",
        met=ratio is not None and ratio <= 1.10,
    )
    return 0 if plan.goals_met else 1


if __name__ == "__main__":
    sys.exit(main())
