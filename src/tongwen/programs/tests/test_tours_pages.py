"""Tour and venue pages: what they show, and who may use the planning workspace."""

from __future__ import annotations

import datetime as dt

from tongwen.common.actors import SYSTEM
from tongwen.programs.models import Tour, TourStop, Venue
from tongwen.programs.services import tours, venues

CODES = ["330521", "360982", "620982", "110101"]


def _tour(world) -> Tour:  # type: ignore[no-untyped-def]
    venues.venues_registry_load(actor=SYSTEM, codes=CODES)
    tour = tours.tour_create(
        actor=SYSTEM,
        slug="page-tour",
        title={"en": "Page tour", "zh-Hans": "页面巡展"},
        organiser=world["a"],
        starts_on=dt.date(2021, 1, 1),
        ends_on=dt.date(2021, 12, 31),
        stop_days=60,
        transfer_days=7,
        kits=2,
        min_venues=3,
        min_provinces_per_year=3,
    )
    tours.candidates_set(actor=SYSTEM, tour=tour, candidates=list(Venue.objects.all()))
    tours.stop_add(
        actor=SYSTEM,
        tour=tour,
        venue=Venue.objects.get(division_code="330521"),
        kit=1,
        starts_on=dt.date(2021, 1, 10),
        status="held",
    )
    return tour


def test_tour_page_shows_progress_timeline_and_map(world, client) -> None:  # type: ignore[no-untyped-def]
    tour = _tour(world)
    tours.tour_plan(actor=SYSTEM, tour=tour, time_limit=1)
    response = client.get("/programs/tours/page-tour/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<svg class="tour-map"' in html
    assert 'class="province province-held" data-province="330000"' in html
    assert 'class="venue-dot venue-held"' in html
    assert 'class="timeline-bar bar-held"' in html
    assert 'class="timeline-bar bar-planned"' in html
    assert "Provinces in 2021" in html
    assert "Kit 2" in html
    assert "Plan this tour" not in html


def test_workspace_is_for_the_organisers_editors(world, client) -> None:  # type: ignore[no-untyped-def]
    tour = _tour(world)
    assert client.get("/programs/tours/page-tour/plan/").status_code == 302
    client.force_login(world["editor_b"])
    assert client.get("/programs/tours/page-tour/plan/").status_code == 403
    assert client.post("/programs/tours/page-tour/plan/run/", {"time_limit": 1}).status_code == 403
    assert not tour.plan_runs.exists()
    client.force_login(world["editor_a"])
    assert client.get("/programs/tours/page-tour/plan/").status_code == 200
    response = client.post("/programs/tours/page-tour/plan/run/", {"time_limit": 1})
    assert response.status_code == 302
    assert tour.plan_runs.count() == 1
    stop = tour.stops.filter(status="planned").first()
    assert stop is not None
    client.post(f"/programs/tours/page-tour/plan/stops/{stop.pk}/", {"action": "lock"})
    stop.refresh_from_db()
    assert (stop.locked, stop.pinned) == (True, True)
    page = client.get("/programs/tours/page-tour/").content.decode()
    assert "Plan this tour" in page and 'class="timeline-bar bar-locked"' in page


def test_stop_actions_are_refused_to_others(world, client) -> None:  # type: ignore[no-untyped-def]
    tour = _tour(world)
    stop = TourStop.objects.get(tour=tour)
    client.force_login(world["editor_c"])
    response = client.post(f"/programs/tours/page-tour/plan/stops/{stop.pk}/", {"action": "delete"})
    assert response.status_code == 403
    assert TourStop.objects.filter(pk=stop.pk).exists()
    client.force_login(world["editor_a"])
    response = client.post(f"/programs/tours/page-tour/plan/stops/{stop.pk}/", {"action": "fly"})
    assert response.status_code == 400
    assert response.content.decode() == "“fly” is not something a stop can do."


def test_venue_list_filters_by_province_and_kind(world, client) -> None:  # type: ignore[no-untyped-def]
    _tour(world)
    html = client.get("/programs/venues/?province=33&kind=county_library").content.decode()
    assert "Deqing County public library (candidate)" in html
    assert "Dunhuang City public library (candidate)" not in html
    assert "Import venues from CSV" not in html


def test_venue_import_page_permissions_and_report(world, client) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world["editor_a"])
    assert client.get("/programs/venues/import/").status_code == 403  # no tour organised yet
    _tour(world)
    assert client.get("/programs/venues/import/").status_code == 200
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile(
        "v.csv", b"slug,name_en,division_code\nnew-one,New,999999\n", content_type="text/csv"
    )
    response = client.post("/programs/venues/import/", {"file": upload})
    assert response.status_code == 400
    assert "“999999” is not a GB/T 2260 administrative division code." in response.content.decode()
    assert not Venue.objects.filter(slug="new-one").exists()
    client.force_login(world["editor_b"])
    assert client.get("/programs/venues/import/").status_code == 403
