"""Reads of institutions and people. Both are public records."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from tongwen.institutions.models import Appointment, Institution, Person


def institution_list(*, kind: str | None = None, q: str | None = None) -> QuerySet[Institution]:
    qs = Institution.objects.select_related("parent")
    if kind:
        qs = qs.filter(kind=kind)
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(abbreviations__icontains=q) | Q(slug__icontains=q))
    return qs


def institution_get(*, slug: str) -> Institution:
    return (
        Institution.objects.select_related("parent").prefetch_related("affiliates").get(slug=slug)
    )


def person_list() -> QuerySet[Person]:
    return Person.objects.prefetch_related(
        Prefetch("appointments", Appointment.objects.select_related("institution"))
    )


def appointments_at(*, institution: Institution) -> QuerySet[Appointment]:
    return Appointment.objects.filter(institution=institution).select_related("person")
