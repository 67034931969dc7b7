"""The touring exhibition of the source documents, through the services, acting as the system.

Facts (agreements/demo/data.py, source nlc-lsc-cstm-2021): a 2020 pilot in Deqing (Zhejiang,
330521), Zhangshu (Jiangxi, 360982) and Dunhuang (Gansu, 620982) that lasted two months and
drew over 55,000 person-times; no fewer than 200 county-level public libraries in the 14th
Five-Year Plan period; 40 libraries in 17 provinces in 2021.

Sample (not in the source, marked as such): the pilot's dates at each place, the number of
kits, days per stop and between stops, the candidate venues (the registry's derived county
libraries), and the plan itself. The tour model has one "provinces each year" goal: the 17
the source gives for 2021 is applied to every year.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from typing import Any

from tongwen.agreements.models import Indicator, Initiative
from tongwen.common.actors import SYSTEM
from tongwen.institutions.models import Institution
from tongwen.programs.models import IndicatorFeed, Tour, Venue
from tongwen.programs.services import tours, venues
from tongwen.programs.services.attendance import indicator_feed_set

PILOT_SLUG = "lsc-cstm-pilot-tour-2020"
TOUR_SLUG = "lsc-cstm-tour-exhibition-14fyp"
PILOT_PLACES = ("330521", "360982", "620982")
#: Sample: candidates drawn per province (with a fixed seed), all of a small province.
CANDIDATES_PER_PROVINCE = 14
SAMPLE_KITS = 10


def _pilot(lsc: Institution) -> Tour:
    tour = Tour.objects.filter(slug=PILOT_SLUG).first()
    if tour is None:
        tour = tours.tour_create(
            actor=SYSTEM,
            slug=PILOT_SLUG,
            title={
                "en": "“China Mobile Science and Technology Museum” pilot tour (2020)",
                "zh-Hans": "“中国流动科技馆”巡展试点（2020年）",
            },
            description={
                "en": (
                    "Pilot places Deqing (Zhejiang), Zhangshu (Jiangxi) and Dunhuang (Gansu); the "
                    "exhibition lasted 2 months and drew over 55,000 person-times (source). "
                    "Sample: the dates at each place and one kit per place are not in the source."
                ),
                "zh-Hans": (
                    "试点地：浙江德清、江西樟树、甘肃敦煌；展期2个月，参观人数超过5.5万人次（据来源）。"
                    "示例：各地具体日期及每地一套展品为示例数据，来源未载明。"
                ),
            },
            organiser=lsc,
            initiative=Initiative.objects.filter(slug=PILOT_SLUG).first(),
            starts_on=dt.date(2020, 1, 1),
            ends_on=dt.date(2020, 12, 31),
            kits=3,
            stop_days=60,
            transfer_days=7,
            min_venues=3,
        )
    if not tour.stops.exists():
        for kit, code in enumerate(PILOT_PLACES, start=1):
            tours.stop_add(
                actor=SYSTEM,
                tour=tour,
                venue=Venue.objects.get(slug=venues.registry_slug(code)),
                kit=kit,
                starts_on=dt.date(2020, 9, 1),  # sample date
                status="held",
            )
    return tour


def _sample_candidates() -> list[Venue]:
    by_province: dict[str, list[Venue]] = defaultdict(list)
    for venue in Venue.objects.filter(
        kind=Venue.Kind.COUNTY_LIBRARY, slug__startswith="county-library-"
    ):
        by_province[venue.province_code].append(venue)
    rng = random.Random(14)
    chosen = []
    for province in sorted(by_province):
        options = sorted(by_province[province], key=lambda v: v.slug)
        # The tour is for county libraries: urban districts only where a province has few
        # counties (Beijing, Shanghai, Tianjin).
        counties = [v for v in options if not _is_urban_district(v)]
        if len(counties) >= CANDIDATES_PER_PROVINCE:
            options = counties
        chosen.extend(rng.sample(options, min(CANDIDATES_PER_PROVINCE, len(options))))
    return chosen


def _is_urban_district(venue: Venue) -> bool:
    division = venue.division
    return division is not None and division.name.endswith("区")


def _link_feeds(tour: Tour) -> int:
    linked = 0
    for slug, metric in (
        ("county-libraries-14fyp", IndicatorFeed.Metric.VENUES),
        ("county-libraries-2021", IndicatorFeed.Metric.VENUES),
        ("provinces-2021", IndicatorFeed.Metric.PROVINCES),
    ):
        indicator = Indicator.objects.filter(initiative__slug=TOUR_SLUG, slug=slug).first()
        if indicator is None or IndicatorFeed.objects.filter(indicator=indicator).exists():
            continue
        indicator_feed_set(actor=SYSTEM, indicator=indicator, metric=metric, tour=tour)
        linked += 1
    return linked


def load_tour_demo(*, time_limit: int = 8) -> dict[str, Any]:
    """Load the registry, the pilot and the 14th Five-Year Plan tour with one plan; running
    it again adds nothing. Needs the agreements demo (institutions ``lsc`` and ``cstm``)."""
    from tongwen.agreements.demo.loader import load_demo

    if not Institution.objects.filter(slug="lsc").exists():
        load_demo()
    lsc = Institution.objects.get(slug="lsc")
    registry_added = venues.venues_registry_load(actor=SYSTEM)
    pilot = _pilot(lsc)
    tour = Tour.objects.filter(slug=TOUR_SLUG).first()
    if tour is None:
        tour = tours.tour_create(
            actor=SYSTEM,
            slug=TOUR_SLUG,
            title={
                "en": "“China Mobile Science and Technology Museum” tour in county-level public "
                "libraries (14th Five-Year Plan period)",
                "zh-Hans": "“中国流动科技馆”县级公共图书馆巡展（“十四五”时期）",
            },
            description={
                "en": (
                    "Goals from the source: no fewer than 200 county-level public libraries in "
                    "the 14th Five-Year Plan period; 40 libraries in 17 provinces in 2021. The "
                    "tour has one provinces-per-year goal, so the 2021 figure (17) applies to "
                    "every year. Sample: 10 kits, 60 days per stop and 7 between stops, the "
                    "candidate venues and the plan are not in the source."
                ),
                "zh-Hans": (
                    "来源中的目标：“十四五”时期覆盖不少于200个县级公共图书馆；2021年在17个省（区、市）"
                    "的40个县级公共图书馆实施。本巡展只有一个“每年省份数”目标，故2021年的17个适用于每一年。"
                    "示例：10套展品、每站60天、站间7天、候选场馆及计划均为示例数据。"
                ),
            },
            organiser=lsc,
            initiative=Initiative.objects.filter(slug=TOUR_SLUG).first(),
            starts_on=dt.date(2021, 1, 1),
            ends_on=dt.date(2025, 12, 31),
            kits=SAMPLE_KITS,
            stop_days=60,
            transfer_days=7,
            min_venues=200,
            min_provinces_per_year=17,
        )
    if not tour.candidate_links.exists():
        tours.candidates_set(actor=SYSTEM, tour=tour, candidates=_sample_candidates())
    planned = None
    if not tour.plan_runs.exists():
        planned = tours.tour_plan(actor=SYSTEM, tour=tour, time_limit=time_limit)
    return {
        "registry_venues_added": registry_added,
        "pilot_stops": pilot.stops.count(),
        "tour_stops": tour.stops.count(),
        "planned": planned is not None,
        "goals_met": planned.goals_met if planned else None,
        "feeds_linked": _link_feeds(tour),
    }
