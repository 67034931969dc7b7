"""Writes to institutions and people. Every caller comes through here."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tongwen.common.actors import SYSTEM, require
from tongwen.common.langmap import LanguageMap
from tongwen.institutions import permissions
from tongwen.institutions.models import Appointment, Institution, Person


def _clean_names(values: Any, field: str) -> list[Any]:
    if not isinstance(values, list):
        raise ValidationError({field: _("Expected a list.")}, code="invalid")
    return values


@transaction.atomic
def institution_create(
    *,
    actor: Any,
    slug: str,
    name: LanguageMap,
    kind: str,
    abbreviations: list[str] | None = None,
    alt_names: list[LanguageMap] | None = None,
    parent: Institution | None = None,
    parent_relation: str = "",
    division_code: str = "",
    website: str = "",
    description: LanguageMap | None = None,
) -> Institution:
    """Record an institution. Parent and relation go together."""
    require(actor is SYSTEM or permissions.can_create_institution(actor))
    if bool(parent) != bool(parent_relation):
        raise ValidationError(
            {"parent_relation": _("Give the relation together with the parent.")}, code="invalid"
        )
    institution = Institution(
        slug=slug,
        name=name,
        kind=kind,
        abbreviations=_clean_names(abbreviations or [], "abbreviations"),
        alt_names=_clean_names(alt_names or [], "alt_names"),
        parent=parent,
        parent_relation=parent_relation,
        division_code=division_code,
        website=website,
        description=description or {},
    )
    institution.full_clean()
    institution.save()
    return institution


@transaction.atomic
def institution_update(*, actor: Any, institution: Institution, **fields: Any) -> Institution:
    require(actor is SYSTEM or permissions.can_edit_institution(actor, institution))
    for name, value in fields.items():
        setattr(institution, name, value)
    institution.full_clean()
    institution.save()
    return institution


@transaction.atomic
def person_create(
    *, actor: Any, slug: str, name: LanguageMap, note: LanguageMap | None = None
) -> Person:
    require(actor is SYSTEM or permissions.can_edit_people(actor))
    person = Person(slug=slug, name=name, note=note or {})
    person.full_clean()
    person.save()
    return person


@transaction.atomic
def appointment_create(
    *,
    actor: Any,
    person: Person,
    institution: Institution | None,
    title: LanguageMap,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> Appointment:
    require(actor is SYSTEM or permissions.can_edit_people(actor))
    if start and end and end < start:
        raise ValidationError({"end": _("An appointment cannot end before it starts.")})
    appointment = Appointment(
        person=person, institution=institution, title=title, start=start, end=end
    )
    appointment.full_clean()
    appointment.save()
    return appointment
