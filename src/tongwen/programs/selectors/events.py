"""Reads of events, sessions, registrations and attendance, scoped by
:mod:`tongwen.programs.permissions`.

Registrants' personal data is read only through :func:`registration_list` and
:func:`registration_rows`, which refuse everyone but the organiser's editors.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, NamedTuple

from django.db.models import Count, F, Max, Min, Prefetch, Q, QuerySet, Sum
from django.utils import timezone

from tongwen.agreements.models import Initiative
from tongwen.common.actors import require
from tongwen.institutions.models import Institution
from tongwen.programs import permissions
from tongwen.programs.models import Event, IndicatorFeed, Registration, Session, VisitorCount


class Availability(NamedTuple):
    """Places of one booking unit. ``capacity`` and ``remaining`` are None without a limit."""

    capacity: int | None
    confirmed: int
    waitlisted: int
    remaining: int | None


def _event_queryset() -> Any:
    # Any: the annotations (first_start, last_end) are beyond django-stubs' model types.
    return (
        Event.objects.select_related("organiser", "venue", "tour")
        .prefetch_related(
            Prefetch("sessions", queryset=Session.objects.order_by("starts_at", "id")),
            "partners",
            "initiatives",
            "commitments",
        )
        .annotate(first_start=Min("sessions__starts_at"), last_end=Max("sessions__ends_at"))
    )


def _visible(user: Any) -> Any:
    # A subquery, not a join, so that partners do not multiply rows or disturb annotations.
    visible_ids = Event.objects.filter(permissions.visible_events_q(user)).values("pk")
    return _event_queryset().filter(pk__in=visible_ids)


def event_list(
    *,
    user: Any,
    kind: str | None = None,
    organiser: Institution | int | str | None = None,
    initiative: Initiative | int | str | None = None,
    when: str | None = None,
    status: str | None = None,
) -> QuerySet[Event]:
    """Events ``user`` may see. ``when``: "upcoming" (not over yet, soonest first) or "past"
    (over, latest first); otherwise newest first. Organiser and initiative may be given as
    objects, ids or identifiers (slugs)."""
    events = _visible(user)
    if kind:
        events = events.filter(kind=kind)
    if organiser:
        events = events.filter(**_ref("organiser", organiser))
    if initiative:
        ids = Event.objects.filter(**_ref("initiatives", initiative)).values("pk")
        events = events.filter(pk__in=ids)
    if status:
        events = events.filter(status=status)
    now = timezone.now()
    if when == "upcoming":
        return events.filter(last_end__gte=now).order_by(F("first_start").asc(), "id")
    if when == "past":
        return events.filter(last_end__lt=now).order_by(F("last_end").desc(), "-id")
    return events.order_by(F("first_start").desc(nulls_last=True), "-id")


def _ref(name: str, value: Any) -> dict[str, Any]:
    if isinstance(value, str):
        return {f"{name}__slug": value}
    return {f"{name}__pk": getattr(value, "pk", value)}


def organiser_list() -> QuerySet[Institution]:
    """Institutions that organise at least one event: the choices of the event list's filter."""
    return Institution.objects.filter(organised_events__isnull=False).distinct()


def event_get(*, user: Any, slug: str) -> Event:
    """The event, if ``user`` may see it; raises ``Event.DoesNotExist`` otherwise."""
    return _visible(user).get(slug=slug)


def availability(*, event: Event, session: Session | None = None) -> Availability:
    """Places taken and left in one booking unit: the event (``session`` None) for a course
    booked as one, or one session of a series booked session by session."""
    counts = Registration.objects.filter(event_id=event.pk, session=session).aggregate(
        confirmed=Count("pk", filter=Q(status=Registration.Status.CONFIRMED)),
        waitlisted=Count("pk", filter=Q(status=Registration.Status.WAITLISTED)),
    )
    confirmed, waitlisted = counts["confirmed"], counts["waitlisted"]
    capacity = event.capacity
    remaining = None if capacity is None else max(capacity - confirmed, 0)
    return Availability(capacity, confirmed, waitlisted, remaining)


def registration_list(*, user: Any, event: Event) -> QuerySet[Registration]:
    """Everyone who registered for ``event``, for its organiser's editors only (anyone else:
    ``PermissionDenied``), in order of arrival."""
    require(permissions.can_see_personal_data(user, event))
    return (
        Registration.objects.filter(event_id=event.pk)
        .select_related("event", "session")
        .order_by("created_at", "id")
    )


def registration_rows(*, user: Any, event: Event) -> list[dict[str, Any]]:
    """One plain row per registration, for the organiser's CSV export. Erased registrations
    keep their status and dates with blank personal fields."""
    rows = []
    for registration in registration_list(user=user, event=event):
        session = registration.session
        rows.append(
            {
                "name": registration.name,
                "email": registration.email,
                "phone": registration.phone,
                "session": timezone.localtime(session.starts_at).isoformat() if session else "",
                "status": registration.status,
                "registered": timezone.localtime(registration.created_at).isoformat(),
                "checked_in": timezone.localtime(registration.checked_in_at).isoformat()
                if registration.checked_in_at
                else "",
            }
        )
    return rows


def registration_by_token(*, token: str) -> Registration:
    """The registration behind a registrant's link; raises ``Registration.DoesNotExist``."""
    return Registration.objects.select_related(
        "event", "event__organiser", "event__venue", "session"
    ).get(token=token)


def visitor_count_list(*, user: Any, event: Event) -> QuerySet[VisitorCount]:
    """The event's daily visitor counts (counts are not personal: anyone who sees the event)."""
    if not permissions.can_view_event(user, event):
        return VisitorCount.objects.none()
    return VisitorCount.objects.filter(event_id=event.pk).order_by("day")


def _event_ids(events: Iterable[Event] | QuerySet[Event]) -> Any:
    if isinstance(events, QuerySet):
        return events.values("pk")
    return [event.pk for event in events]


def person_times(
    *,
    events: Iterable[Event] | QuerySet[Event],
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> int:
    """Walk-in visitors plus checked-in registrations of ``events``, optionally only those
    counted (or checked in) between ``start`` and ``end`` inclusive (local dates)."""
    ids = _event_ids(events)
    visits = VisitorCount.objects.filter(event_id__in=ids)
    checked_in = Registration.objects.filter(
        event_id__in=ids, status=Registration.Status.CONFIRMED, checked_in_at__isnull=False
    )
    if start is not None:
        visits = visits.filter(day__gte=start)
        checked_in = checked_in.filter(checked_in_at__date__gte=start)
    if end is not None:
        visits = visits.filter(day__lte=end)
        checked_in = checked_in.filter(checked_in_at__date__lte=end)
    visitors = visits.aggregate(total=Sum("visitors"))["total"] or 0
    return int(visitors) + checked_in.count()


def initiative_person_times(*, initiative: Initiative) -> int:
    """Person-times of every event linked to ``initiative``."""
    return person_times(events=Event.objects.filter(initiatives=initiative))


def managed_event_list(*, user: Any) -> QuerySet[Event]:
    """Events ``user`` runs (drafts included), newest first: the organiser's workspace."""
    return (
        Event.objects.filter(permissions.managed_events_q(user))
        .select_related("organiser", "venue")
        .prefetch_related("sessions")
        .order_by("-id")
    )


def managed_registration_list(*, user: Any, event: str | None = None) -> QuerySet[Registration]:
    """Registrations of the events ``user`` runs (of the one with slug ``event`` if given)."""
    events = managed_event_list(user=user)
    if event:
        events = events.filter(slug=event)
    return (
        Registration.objects.filter(event__in=events)
        .select_related("event", "session")
        .order_by("event_id", "created_at", "id")
    )


def managed_visitor_count_list(*, user: Any, event: str | None = None) -> QuerySet[VisitorCount]:
    """Visitor counts of the events ``user`` runs (of the one with slug ``event`` if given)."""
    events = managed_event_list(user=user)
    if event:
        events = events.filter(slug=event)
    return (
        VisitorCount.objects.filter(event__in=events)
        .select_related("event")
        .order_by("event_id", "day")
    )


def indicator_feed_list(*, indicators: QuerySet[Any]) -> QuerySet[IndicatorFeed]:
    """Feeds of ``indicators`` (already scoped to what the user may see), with their events."""
    return (
        IndicatorFeed.objects.filter(indicator__in=indicators)
        .select_related("indicator__initiative")
        .prefetch_related("events")
    )


def waitlist_position(*, registration: Registration) -> int | None:
    """1 for the first on the waiting list of the registration's event (or session)."""
    if registration.status != Registration.Status.WAITLISTED:
        return None
    ahead = Registration.objects.filter(
        event_id=registration.event_id,
        session=registration.session,
        status=Registration.Status.WAITLISTED,
    ).filter(
        Q(created_at__lt=registration.created_at)
        | Q(created_at=registration.created_at, id__lt=registration.id)
    )
    return ahead.count() + 1
