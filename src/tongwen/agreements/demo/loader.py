"""Load the five source agreements (``data.py``) through the services, once.

Everything here goes through the same services a user's edits do, acting as the system.
Running it again changes nothing: records are looked up by their identifiers first.
"""

from __future__ import annotations

import calendar
import datetime as dt
from decimal import Decimal
from importlib import resources
from typing import Any

from django.db import transaction

from tongwen.agreements import services
from tongwen.agreements.demo import data
from tongwen.agreements.models import Agreement
from tongwen.common.actors import SYSTEM
from tongwen.institutions import services as institution_services
from tongwen.institutions.models import Appointment, Institution, Person


def _partial(value: dict[str, Any] | None) -> tuple[dt.date | None, str]:
    """A {year, month, day} dict as the first day of the period it names, and its precision."""
    if not value or not value.get("year"):
        return None, "day"
    if value.get("month") is None:
        return dt.date(value["year"], 1, 1), "year"
    if value.get("day") is None:
        return dt.date(value["year"], value["month"], 1), "month"
    return dt.date(value["year"], value["month"], value["day"]), "day"


def _end_of(value: dict[str, Any] | None) -> tuple[dt.date | None, str]:
    start, precision = _partial(value)
    if start is None or precision == "day":
        return start, precision
    if precision == "year":
        return dt.date(start.year, 12, 31), precision
    last = calendar.monthrange(start.year, start.month)[1]
    return dt.date(start.year, start.month, last), precision


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _source_text(key: str) -> str:
    return (resources.files("tongwen.agreements.demo") / "sources" / data.SOURCES[key]).read_text(
        encoding="utf-8"
    )


def _load_institutions() -> dict[str, Institution]:
    by_key: dict[str, Institution] = {}
    # Parents first: the list may name an affiliate before its parent.
    pending = list(data.INSTITUTIONS)
    while pending:
        row = pending.pop(0)
        if row["parent"] and row["parent"] not in by_key:
            pending.append(row)
            continue
        existing = Institution.objects.filter(slug=row["key"]).first()
        by_key[row["key"]] = existing or institution_services.institution_create(
            actor=SYSTEM,
            slug=row["key"],
            name=row["name"],
            kind=row["kind"],
            abbreviations=row["abbreviations"],
            alt_names=row["alt_names"],
            parent=by_key[row["parent"]] if row["parent"] else None,
            parent_relation=row["parent_relation"] or "",
            division_code=row["division_code"] or "",
            website=row["website"] or "",
            description=row["description"] or {},
        )
    return by_key


def _load_people(
    institutions: dict[str, Institution],
) -> tuple[dict[str, Person], dict[tuple[str, str | None, str], Appointment]]:
    people: dict[str, Person] = {}
    titles: dict[tuple[str, str | None, str], Appointment] = {}
    for row in data.PEOPLE:
        person = Person.objects.filter(slug=row["key"]).first()
        if person is None:
            person = institution_services.person_create(
                actor=SYSTEM, slug=row["key"], name=row["name"], note=row.get("note") or {}
            )
            for appointment in row["appointments"]:
                institution_services.appointment_create(
                    actor=SYSTEM,
                    person=person,
                    institution=institutions[appointment["institution"]]
                    if appointment["institution"]
                    else None,
                    title=appointment["title"],
                )
        people[row["key"]] = person
        for appointment in person.appointments.select_related("institution"):
            slug = appointment.institution.slug if appointment.institution else None
            titles[(person.slug, slug, appointment.title.get("en", ""))] = appointment
    return people, titles


def _load_agreement(
    row: dict[str, Any],
    institutions: dict[str, Institution],
    people: dict[str, Person],
    titles: dict[tuple[str, str | None, str], Appointment],
) -> Agreement:
    signed = row["signed"]
    agreement = services.agreement_create(
        actor=SYSTEM,
        slug=row["key"],
        kind=row["kind"],
        title=row["title"],
        parties=[institutions[key] for key in row["parties"]],
        status=row["status"],
        signed_year=signed["year"],
        signed_month=signed["month"],
        signed_day=signed["day"],
        signed_year_status=signed["year_status"],
        signed_year_reason=signed.get("year_reason") or {},
        venue=row["venue"],
        summary=row.get("summary") or {},
        notes=row.get("notes") or {},
    )
    for participant in row["participants"]:
        services.ceremony_participant_add(
            actor=SYSTEM,
            agreement=agreement,
            person=people[participant["person"]],
            role=participant["role"],
            appointments=[
                titles[(participant["person"], institution, title)]
                for institution, title in participant["appointments"]
            ],
        )
    for commitment in row["commitments"]:
        services.commitment_create(
            actor=SYSTEM,
            agreement=agreement,
            number=commitment["number"],
            text=commitment["text"],
            category=commitment["category"],
        )
    for source in row["sources"]:
        services.source_document_add(
            actor=SYSTEM,
            agreement=agreement,
            title=source["title"],
            publisher=source.get("publisher") or "",
            published_on=_date(source.get("published_on")),
            url=source.get("url") or "",
            text=_source_text(source["key"]),
        )
    return agreement


def _load_initiative(
    row: dict[str, Any], agreements: dict[str, Agreement], institutions: dict[str, Institution]
) -> None:
    agreement = agreements[row["agreement"]]
    start, start_precision = _partial(row.get("start"))
    end, end_precision = _end_of(row.get("end"))
    initiative = services.initiative_create(
        actor=SYSTEM,
        agreement=agreement,
        slug=row["key"],
        title=row["title"],
        description=row.get("description") or {},
        lead=[institutions[key] for key in row["lead"]],
        partners=[institutions[key] for key in row["partners"]],
        commitments=list(agreement.commitments.filter(number__in=row["commitments"])),
        status=row["status"],
        start=start,
        start_precision=start_precision,
        end=end,
        end_precision=end_precision,
        places=row.get("places") or [],
    )
    for spec in row["indicators"]:
        indicator = services.indicator_create(
            actor=SYSTEM,
            initiative=initiative,
            slug=spec["key"],
            metric=spec["metric"],
            unit=spec["unit"],
            comparator=spec["comparator"],
            baseline=None if spec["baseline"] is None else Decimal(spec["baseline"]),
            target=None if spec["target"] is None else Decimal(spec["target"]),
            target_evidence=spec.get("target_evidence") or {},
            period_label=spec.get("period_label") or {},
            period_start=_date(spec.get("period_start")),
            period_end=_date(spec.get("period_end")),
        )
        for measurement in spec["measurements"]:
            services.measurement_record(
                actor=SYSTEM,
                indicator=indicator,
                measured_on=dt.date.fromisoformat(measurement["measured_on"]),
                precision=measurement.get("precision", "day"),
                value=Decimal(measurement["value"]),
                qualifier=measurement["qualifier"],
                evidence=measurement.get("evidence") or {},
                note=measurement.get("note") or {},
            )


@transaction.atomic
def load_demo() -> dict[str, int]:
    """Load every source agreement not yet present; returns how many records were added."""
    institutions = _load_institutions()
    people, titles = _load_people(institutions)
    existing = set(Agreement.objects.values_list("slug", flat=True))
    agreements = {a.slug: a for a in Agreement.objects.all()}
    added = 0
    for row in data.AGREEMENTS:
        if row["key"] not in existing:
            agreements[row["key"]] = _load_agreement(row, institutions, people, titles)
            added += 1
    for row in data.INITIATIVES:
        if row["agreement"] in agreements and row["agreement"] not in existing:
            _load_initiative(row, agreements, institutions)
    return {"agreements": added, "institutions": len(institutions), "people": len(people)}
