"""Institutions and people in search: both are public records (``institutions.selectors``), so
every document is read by everyone.

A person is indexed with their names and the titles they hold, the facts the agreements'
signing ceremonies report; the editorial note stays out. There is no page of a person: a hit
leads to the institution where they hold a title, or to their record in the API.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import F, Prefetch, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tongwen.institutions.models import Appointment, Institution, Person
from tongwen.search.engine import EVERYONE, Document
from tongwen.search.registry import Provider, english, one_line, texts

INSTITUTION = "institution"
PERSON = "person"
PUBLIC = frozenset({EVERYONE})


def _institutions() -> QuerySet[Institution]:
    return Institution.objects.select_related("parent")


def _build_institutions(institutions: Iterable[Institution]) -> Iterator[Document]:
    for institution in institutions:
        division = institution.division
        place = texts(division.label) if division else []
        parent = texts(institution.parent.name) if institution.parent else []
        yield Document(
            key=f"{INSTITUTION}:{institution.pk}",
            type=INSTITUTION,
            url=reverse("institutions:detail", args=[institution.slug]),
            title=dict(institution.name),
            readers=PUBLIC,
            names=tuple([*texts(institution.alt_names), *texts(institution.abbreviations)]),
            text=tuple([*texts(institution.description), *place, *parent]),
            english=english(institution.description),
            identifiers=(institution.slug,),
            facets={"institution": (institution.slug,), "kind": (institution.kind,)},
            summary=one_line([division.label] if division else []),
        )


def _affiliates(institution: Institution, **kwargs: Any) -> Iterator[str]:
    """An institution's name is part of its affiliates' documents."""
    if institution.pk is None:
        return
    for pk in Institution.objects.filter(parent_id=institution.pk).values_list("pk", flat=True):
        yield f"{INSTITUTION}:{pk}"


def _people() -> QuerySet[Person]:
    return Person.objects.prefetch_related(
        Prefetch(
            "appointments",
            Appointment.objects.select_related("institution").order_by(
                F("start").desc(nulls_last=True), "id"
            ),
        )
    )


def _build_people(people: Iterable[Person]) -> Iterator[Document]:
    for person in people:
        appointments = list(person.appointments.all())
        at = next((a.institution for a in appointments if a.institution is not None), None)
        url = (
            reverse("institutions:detail", args=[at.slug])
            if at is not None
            else reverse("person-detail", args=[person.slug])
        )
        titles = [t for a in appointments for t in texts(a.title)]
        places = [t for a in appointments if a.institution for t in texts(a.institution.name)]
        first = appointments[0] if appointments else None
        yield Document(
            key=f"{PERSON}:{person.pk}",
            type=PERSON,
            url=url,
            title=dict(person.name),
            readers=PUBLIC,
            names=tuple(texts(person.name)),
            text=tuple(dict.fromkeys([*titles, *places])),
            identifiers=(person.slug,),
            facets={
                "institution": tuple(
                    sorted({a.institution.slug for a in appointments if a.institution})
                )
            },
            summary=one_line(
                [first.title, first.institution.name if first.institution else {}] if first else []
            ),
        )


def _person_of(appointment: Appointment, **kwargs: Any) -> Iterator[str]:
    yield f"{PERSON}:{appointment.person_id}"


def _people_at(institution: Institution, **kwargs: Any) -> Iterator[str]:
    """Whose titles name this institution."""
    if institution.pk is None:
        return
    appointments = Appointment.objects.filter(institution_id=institution.pk)
    for pk in appointments.values_list("person_id", flat=True).distinct():
        yield f"{PERSON}:{pk}"


def providers() -> list[Provider]:
    return [
        Provider(
            type=INSTITUTION,
            model=Institution,
            label=_("Institution"),
            queryset=_institutions,
            build=_build_institutions,
            follows={Institution: _affiliates},
            choices={"kind": Institution.Kind},
        ),
        Provider(
            type=PERSON,
            model=Person,
            label=_("Person"),
            queryset=_people,
            build=_build_people,
            follows={Appointment: _person_of, Institution: _people_at},
        ),
    ]
