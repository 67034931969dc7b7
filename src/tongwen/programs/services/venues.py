"""Writes to venues: one at a time, the county-library registry in bulk, and CSV imports.

The registry turns every county-level division (:func:`county_registry`) into a candidate
venue of kind ``county_library``. Its names are derived from the division, not researched, so
every such venue is marked as sample and says so in its note.
"""

from __future__ import annotations

import csv
import io
import re
import time
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tongwen.catalog.importing import ImportProblem, ImportReport
from tongwen.common import history
from tongwen.common.actors import require
from tongwen.common.langmap import LanguageMap, with_pinyin
from tongwen.common.models import ChangeRecord
from tongwen.institutions.models import Institution
from tongwen.programs import permissions
from tongwen.programs.models import Venue
from tongwen.programs.planning import registry
from tongwen.programs.planning.registry import County

VENUE_FIELDS = (
    "slug",
    "name",
    "kind",
    "institution",
    "division_code",
    "address",
    "latitude",
    "longitude",
    "capacity",
    "is_sample",
    "note",
)
#: Columns of a venue CSV file, in template order.
CSV_COLUMNS = (
    "slug",
    "name_zh",
    "name_en",
    "kind",
    "division_code",
    "latitude",
    "longitude",
    "capacity",
    "address",
)
_SLUG = re.compile(r"^[-a-zA-Z0-9_]+$")
_COORD = Decimal("0.000001")


def county_registry() -> tuple[County, ...]:
    """County-level divisions with coordinates (cpca) and names (GB/T 2260)."""
    return registry.county_registry()


def registry_slug(code: str) -> str:
    return f"county-library-{code}"


def _coordinate(value: float | Decimal | None) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(_COORD)


def _default_coordinates(venue: Venue) -> None:
    if venue.latitude is None and venue.longitude is None and venue.division_code:
        found = registry.coordinates(venue.division_code)
        if found is not None:
            venue.latitude, venue.longitude = _coordinate(found[0]), _coordinate(found[1])


def _check_venue(venue: Venue) -> None:
    _default_coordinates(venue)
    venue.full_clean()
    if (venue.latitude is None) != (venue.longitude is None):
        raise ValidationError(
            {"longitude": _("Give both latitude and longitude, or neither.")}, code="invalid"
        )


@transaction.atomic
def venue_create(
    *,
    actor: Any,
    slug: str,
    name: LanguageMap,
    kind: str,
    division_code: str,
    institution: Institution | None = None,
    address: LanguageMap | None = None,
    latitude: float | Decimal | None = None,
    longitude: float | Decimal | None = None,
    capacity: int | None = None,
    is_sample: bool = False,
    note: LanguageMap | None = None,
) -> Venue:
    """Add a venue. Coordinates left out are taken from the division's seat (cpca)."""
    venue = Venue(
        slug=slug,
        name=name,
        kind=kind,
        division_code=division_code,
        institution=institution,
        address=address or {},
        latitude=_coordinate(latitude),
        longitude=_coordinate(longitude),
        capacity=capacity,
        is_sample=is_sample,
        note=note or {},
    )
    require(permissions.can_edit_venue(actor, venue))
    _check_venue(venue)
    venue.save()
    history.record_change(
        actor=actor,
        action=ChangeRecord.Action.CREATE,
        target=venue,
        changes={k: [None, v] for k, v in history.snapshot(venue, VENUE_FIELDS).items()},
    )
    return venue


@transaction.atomic
def venue_update(*, actor: Any, venue: Venue, **fields: Any) -> Venue:
    """Change a venue's fields; the actor must be allowed to edit it before and after."""
    require(permissions.can_edit_venue(actor, venue))
    unknown = set(fields) - set(VENUE_FIELDS)
    if unknown:
        raise ValidationError({name: _("This field cannot be changed.") for name in unknown})
    before = history.snapshot(venue, VENUE_FIELDS)
    for name, value in fields.items():
        if name in ("latitude", "longitude"):
            value = _coordinate(value)
        setattr(venue, name, value)
    require(permissions.can_edit_venue(actor, venue))
    _check_venue(venue)
    venue.save()
    history.record_change(
        actor=actor,
        action=ChangeRecord.Action.UPDATE,
        target=venue,
        changes=history.diff(before, history.snapshot(venue, VENUE_FIELDS)),
    )
    return venue


def registry_venue(county: County) -> Venue:
    """The candidate county library of ``county`` (unsaved)."""
    full = "".join(dict.fromkeys(county.path))
    return Venue(
        slug=registry_slug(county.code),
        name=with_pinyin(
            {
                "zh-Hans": f"{county.name}图书馆（候选）",
                "en": f"{county.english_name} public library (candidate)",
            }
        ),
        kind=Venue.Kind.COUNTY_LIBRARY,
        division_code=county.code,
        address=with_pinyin({"zh-Hans": full}),
        latitude=_coordinate(county.latitude),
        longitude=_coordinate(county.longitude),
        is_sample=True,
        note={
            "en": (
                "Sample: name derived from the division; not a researched library record. "
                "Coordinates are the division's seat from the cpca package."
            ),
            "zh-Hans": (
                "示例：名称由行政区划生成，并非核实的图书馆信息；"
                "坐标为 cpca 软件包中该行政区划驻地的坐标。"
            ),
        },
    )


@transaction.atomic
def venues_registry_load(*, actor: Any, codes: list[str] | None = None) -> int:
    """Create the candidate county library of every county (or of ``codes``) not yet present.

    Idempotent and in bulk; returns how many venues were created. Each creation is recorded.
    """
    require(permissions.can_edit_registry(actor))
    counties = county_registry()
    if codes is not None:
        wanted = set(codes)
        counties = tuple(c for c in counties if c.code in wanted)
    existing = set(
        Venue.objects.filter(slug__in=[registry_slug(c.code) for c in counties]).values_list(
            "slug", flat=True
        )
    )
    new = [registry_venue(c) for c in counties if registry_slug(c.code) not in existing]
    created = Venue.objects.bulk_create(new, batch_size=500)
    if created and created[0].pk is None:  # databases that do not return keys
        created = list(Venue.objects.filter(slug__in=[v.slug for v in new]))
    venue_type = ContentType.objects.get_for_model(Venue)
    user = actor if getattr(actor, "is_authenticated", False) else None
    ChangeRecord.objects.bulk_create(
        [
            ChangeRecord(
                actor=user,
                action=ChangeRecord.Action.CREATE,
                target_type=venue_type,
                target_id=venue.pk,
                target_repr=str(venue)[:300],
                context_type=venue_type,
                context_id=venue.pk,
                changes={"slug": [None, venue.slug], "division_code": [None, venue.division_code]},
            )
            for venue in created
        ],
        batch_size=500,
    )
    return len(created)


# CSV import -------------------------------------------------------------------------------


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValueError


_FIELD_COLUMN = {
    "name": "name_zh",
    "kind": "kind",
    "division_code": "division_code",
    "latitude": "latitude",
    "longitude": "longitude",
    "capacity": "capacity",
    "address": "address",
    "slug": "slug",
}


def _row_venue(row: dict[str, str], number: int, problems: list[ImportProblem]) -> Venue | None:
    """Parse one row into an unsaved venue (an existing one updated, or a new one)."""
    found: list[ImportProblem] = []

    def problem(column: str, message: str) -> None:
        found.append(ImportProblem(number, column, message))

    slug = row.get("slug", "")
    if not slug:
        problem("slug", _("Give an identifier."))
    elif not _SLUG.match(slug):
        problem("slug", _("Use only letters, digits, hyphens and underscores."))
    name: LanguageMap = {}
    if row.get("name_zh"):
        name["zh-Hans"] = row["name_zh"]
    if row.get("name_en"):
        name["en"] = row["name_en"]
    if not name:
        problem("name_zh", _("Give a name in Chinese or English."))
    kind = row.get("kind") or Venue.Kind.COUNTY_LIBRARY
    if kind not in Venue.Kind.values:
        problem("kind", _("Unknown kind “%(kind)s”.") % {"kind": kind})
    numbers: dict[str, Decimal | None] = {}
    for column in ("latitude", "longitude", "capacity"):
        text = row.get(column, "")
        if not text:
            numbers[column] = None
            continue
        try:
            numbers[column] = Decimal(text)
        except InvalidOperation:
            problem(column, _("“%(value)s” is not a number.") % {"value": text})
            numbers[column] = None
    capacity = numbers["capacity"]
    if capacity is not None and (capacity != capacity.to_integral_value() or capacity < 0):
        problem("capacity", _("Give a whole number of zero or more."))
        capacity = None
    if found:
        problems.extend(found)
        return None
    venue = Venue.objects.filter(slug=slug).first() or Venue(slug=slug)
    venue.name = with_pinyin(name)
    venue.kind = kind
    venue.division_code = row.get("division_code", "")
    venue.latitude = None if numbers["latitude"] is None else numbers["latitude"].quantize(_COORD)
    venue.longitude = (
        None if numbers["longitude"] is None else numbers["longitude"].quantize(_COORD)
    )
    venue.capacity = None if capacity is None else int(capacity)
    venue.address = with_pinyin({"zh-Hans": row["address"]}) if row.get("address") else {}
    try:
        _check_venue(venue)
    except ValidationError as error:
        for field_name, messages in error.message_dict.items():
            column = _FIELD_COLUMN.get(field_name, "")
            for message in messages:
                problem(column, message)
        problems.extend(found)
        return None
    return venue


def venues_import_csv(
    *, actor: Any, file: IO[bytes], valid_rows_only: bool = False, filename: str = "venues.csv"
) -> ImportReport:
    """Create or update registry venues (of no institution) from a CSV file with the columns
    :data:`CSV_COLUMNS` (``slug``, ``name_zh`` or ``name_en`` and ``division_code`` required;
    coordinates default to the division's seat). Every problem is reported as (row, column,
    problem), the header being row 1. A file with any problem saves nothing unless
    ``valid_rows_only``, which keeps the rows without problems."""
    require(permissions.can_edit_registry(actor))
    started = time.monotonic()
    report = ImportReport(filename=filename, valid_rows_only=valid_rows_only)
    try:
        text = _decode(file.read())
    except ValueError:
        report.problems.append(
            ImportProblem(0, "", _("The file's text encoding is neither UTF-8 nor GB18030."))
        )
        return report
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [h.strip().lower() for h in next(reader, [])]
    for column in header:
        if column and column not in CSV_COLUMNS:
            report.problems.append(ImportProblem(1, column, _("Unknown column.")))
    for column in ("slug", "division_code"):
        if column not in header:
            report.problems.append(
                ImportProblem(
                    1, column, _("The file needs a “%(column)s” column.") % {"column": column}
                )
            )
    if report.problems:
        report.seconds = time.monotonic() - started
        return report
    venues: list[Venue] = []
    seen: dict[str, int] = {}
    for number, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        report.rows += 1
        row = {
            column: (cells[i].strip() if i < len(cells) else "") for i, column in enumerate(header)
        }
        before = len(report.problems)
        if row.get("slug") in seen:
            report.problems.append(
                ImportProblem(
                    number,
                    "slug",
                    _("Same identifier as row %(row)d.") % {"row": seen[row["slug"]]},
                )
            )
        else:
            seen[row.get("slug", "")] = number
            venue = _row_venue(row, number, report.problems)
            if (
                venue is not None
                and venue.pk is not None
                and not permissions.can_edit_venue(actor, venue)
            ):
                report.problems.append(
                    ImportProblem(number, "slug", _("You may not change this venue."))
                )
            elif venue is not None:
                venues.append(venue)
        if len(report.problems) > before:
            report.invalid += 1
    report.created = sum(1 for v in venues if v.pk is None)
    report.updated = len(venues) - report.created
    if venues and (valid_rows_only or not report.problems):
        with transaction.atomic():
            for venue in venues:
                new = venue.pk is None
                venue.save()
                history.record_change(
                    actor=actor,
                    action=ChangeRecord.Action.CREATE if new else ChangeRecord.Action.UPDATE,
                    target=venue,
                    changes={"slug": [None, venue.slug]} if new else {"import": [None, filename]},
                )
        report.saved = True
    report.seconds = time.monotonic() - started
    return report


def template_csv() -> bytes:
    """The header and one sample row, marked as sample."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    writer.writerow(
        [
            "sample-deqing-library",
            "德清县图书馆（示例）",
            "Deqing County library (sample)",
            "county_library",
            "330521",
            "",
            "",
            "200",
            "浙江省湖州市德清县",
        ]
    )
    return out.getvalue().encode("utf-8-sig")
