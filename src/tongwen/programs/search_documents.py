"""Events in search.

Readers follow ``programs.permissions.visible_events_q``: every event that is not a draft
(published, cancelled, completed) is everyone's; a draft is read by the members of its
organiser and of its partners (``member:<id>``). Registrations, with their personal data,
never reach the index.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import Min, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tongwen.institutions.models import Institution
from tongwen.programs.models import Event, Session, Venue
from tongwen.search.engine import EVERYONE, Document
from tongwen.search.registry import Provider, english, one_line, texts

TYPE = "event"


def _queryset() -> QuerySet[Event]:
    return (
        Event.objects.select_related("organiser", "venue")
        .prefetch_related("partners")
        .annotate(first_start=Min("sessions__starts_at"))
    )


def _readers(event: Event, partners: list[Institution]) -> frozenset[str]:
    if event.status != Event.Status.DRAFT:
        return frozenset({EVERYONE})
    return frozenset(f"member:{i}" for i in {event.organiser_id, *(p.pk for p in partners)})


def _build(events: Iterable[Event]) -> Iterator[Document]:
    for event in events:
        partners = list(event.partners.all())
        institutions = [event.organiser, *partners]
        venue = event.venue
        place: list[str] = []
        if venue is not None:
            division = venue.division
            place = [*texts(venue.name), *texts(venue.address)]
            place += texts(division.label) if division else []
        first_start = getattr(event, "first_start", None)
        year = timezone.localtime(first_start).year if first_start else None
        yield Document(
            key=f"{TYPE}:{event.pk}",
            type=TYPE,
            url=reverse("programs:event-detail", args=[event.slug]),
            title=dict(event.title),
            readers=_readers(event, partners),
            names=tuple(t for i in institutions for t in texts(i.name)),
            text=tuple([*texts(event.description), *place]),
            english=english(event.description),
            identifiers=(event.slug,),
            year=year,
            facets={
                "institution": tuple(dict.fromkeys(i.slug for i in institutions)),
                "kind": (event.kind,),
            },
            summary=one_line([event.organiser.name, venue.name if venue else {}]),
        )


def _event_of(session: Session, **kwargs: Any) -> Iterator[str]:
    yield f"{TYPE}:{session.event_id}"


def _partners_changed(instance: Any, **kwargs: Any) -> Iterator[str]:
    """``event.partners`` changed: from the event's side the event, from an institution's side
    the events named."""
    if kwargs.get("reverse"):
        yield from (f"{TYPE}:{pk}" for pk in kwargs.get("pk_set") or ())
        if kwargs.get("action") == "pre_clear" and instance.pk:
            events = instance.partnered_events.values_list("pk", flat=True)
            yield from (f"{TYPE}:{pk}" for pk in events)
        return
    yield f"{TYPE}:{instance.pk}"


def _events_at(venue: Venue, **kwargs: Any) -> Iterator[str]:
    if venue.pk is None:
        return
    for pk in Event.objects.filter(venue_id=venue.pk).values_list("pk", flat=True):
        yield f"{TYPE}:{pk}"


def _events_of(institution: Institution, **kwargs: Any) -> Iterator[str]:
    """An institution's name is part of the events it organises or partners in."""
    if institution.pk is None:
        return
    organised = Event.objects.filter(organiser_id=institution.pk).values_list("pk", flat=True)
    partnered = Event.partners.through.objects.filter(institution_id=institution.pk)
    for pk in {*organised, *partnered.values_list("event_id", flat=True)}:
        yield f"{TYPE}:{pk}"


def providers() -> list[Provider]:
    return [
        Provider(
            type=TYPE,
            model=Event,
            label=_("Event"),
            queryset=_queryset,
            build=_build,
            follows={
                Session: _event_of,
                Event.partners.through: _partners_changed,
                Venue: _events_at,
                Institution: _events_of,
            },
            choices={"kind": Event.Kind},
        )
    ]
