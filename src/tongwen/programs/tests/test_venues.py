"""The county registry, venues and their CSV import."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tongwen.common.actors import SYSTEM
from tongwen.programs.models import Venue
from tongwen.programs.services import venues


def test_registry_has_deqing_with_its_cpca_coordinates() -> None:
    counties = venues.county_registry()
    deqing = next(c for c in counties if c.code == "330521")
    assert deqing.name == "德清县"
    assert deqing.path == ("浙江省", "湖州市", "德清县")
    assert deqing.longitude == pytest.approx(119.9774, abs=1e-4)
    assert deqing.latitude == pytest.approx(30.54251, abs=1e-4)
    assert deqing.english_name == "Deqing County"
    assert 2700 < len(counties) < 3000
    assert all(not c.code.endswith("00") for c in counties)
    assert len({c.province_code for c in counties}) == 31


def test_registry_load_is_idempotent_and_marks_names_as_sample(db) -> None:  # type: ignore[no-untyped-def]
    assert venues.venues_registry_load(actor=SYSTEM, codes=["330521", "620982"]) == 2
    assert venues.venues_registry_load(actor=SYSTEM, codes=["330521", "620982"]) == 0
    deqing = Venue.objects.get(slug="county-library-330521")
    assert deqing.name["zh-Hans"] == "德清县图书馆（候选）"
    assert deqing.name["en"] == "Deqing County public library (candidate)"
    assert deqing.kind == "county_library"
    assert deqing.is_sample is True
    assert deqing.note["en"].startswith("Sample: name derived from the division;")
    assert deqing.latitude == Decimal("30.542510")
    assert deqing.longitude == Decimal("119.977400")
    assert deqing.province_code == "330000"


def test_registry_load_needs_registry_rights(world) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        venues.venues_registry_load(actor=world["editor_a"], codes=["330521"])
    assert not Venue.objects.exists()


def test_venue_create_takes_coordinates_from_the_division(world) -> None:  # type: ignore[no-untyped-def]
    venue = venues.venue_create(
        actor=world["editor_a"],
        slug="a-hall",
        name={"en": "Hall of A"},
        kind="library",
        division_code="330521",
        institution=world["a"],
    )
    assert (venue.latitude, venue.longitude) == (Decimal("30.542510"), Decimal("119.977400"))
    with pytest.raises(PermissionDenied):
        venues.venue_update(actor=world["editor_b"], venue=venue, capacity=10)
    with pytest.raises(ValidationError) as error:
        venues.venue_update(actor=world["editor_a"], venue=venue, division_code="999999")
    assert error.value.message_dict["division_code"] == [
        "“999999” is not a GB/T 2260 administrative division code."
    ]


CSV_BAD = (
    "slug,name_zh,name_en,kind,division_code,latitude,longitude,capacity,address\n"
    "ok-one,德清县图书馆,,county_library,330521,,,300,\n"
    "bad one,,,castle,999999,north,,-3,\n"
    "ok-two,,Zhangshu library,library,360982,27.9,115.5,,\n"
)


def test_csv_import_reports_every_problem_by_row_and_column_and_saves_nothing(db) -> None:  # type: ignore[no-untyped-def]
    report = venues.venues_import_csv(actor=SYSTEM, file=io.BytesIO(CSV_BAD.encode()))
    problems = [(p.row, p.column, p.message) for p in report.problems]
    assert problems == [
        (3, "slug", "Use only letters, digits, hyphens and underscores."),
        (3, "name_zh", "Give a name in Chinese or English."),
        (3, "kind", "Unknown kind “castle”."),
        (3, "latitude", "“north” is not a number."),
        (3, "capacity", "Give a whole number of zero or more."),
    ]
    assert (report.rows, report.invalid, report.saved) == (3, 1, False)
    assert not Venue.objects.exists()


def test_csv_import_of_valid_rows_only_keeps_them_with_default_coordinates(db) -> None:  # type: ignore[no-untyped-def]
    report = venues.venues_import_csv(
        actor=SYSTEM, file=io.BytesIO(CSV_BAD.encode()), valid_rows_only=True
    )
    assert report.saved and report.created == 2
    one = Venue.objects.get(slug="ok-one")
    assert (one.latitude, one.longitude, one.capacity) == (
        Decimal("30.542510"),
        Decimal("119.977400"),
        300,
    )
    assert Venue.objects.get(slug="ok-two").latitude == Decimal("27.900000")


def test_csv_import_checks_divisions_and_header(db) -> None:  # type: ignore[no-untyped-def]
    report = venues.venues_import_csv(
        actor=SYSTEM,
        file=io.BytesIO(b"slug,name_en,division_code,colour\nx,X,999999,red\n"),
    )
    assert [(p.row, p.column, p.message) for p in report.problems] == [
        (1, "colour", "Unknown column.")
    ]
    report = venues.venues_import_csv(
        actor=SYSTEM, file=io.BytesIO(b"slug,name_en,division_code\nx,X,999999\n")
    )
    assert [(p.row, p.column, p.message) for p in report.problems] == [
        (2, "division_code", "“999999” is not a GB/T 2260 administrative division code.")
    ]
    assert not Venue.objects.exists()


def test_csv_import_needs_registry_rights(world) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        venues.venues_import_csv(actor=world["editor_b"], file=io.BytesIO(CSV_BAD.encode()))
