"""Writes to events and their sessions: create, change, publish or cancel, schedule.

Every function checks permission, validates, owns its transaction and records history: a
failing call leaves nothing behind. Registration itself lives in
:mod:`tongwen.programs.services.registration`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tongwen.agreements.models import Commitment, Initiative
from tongwen.common import history
from tongwen.common.actors import require
from tongwen.common.langmap import LanguageMap
from tongwen.common.models import ChangeRecord
from tongwen.institutions.models import Institution
from tongwen.programs import permissions
from tongwen.programs.models import Event, Registration, Session, Tour, Venue

EVENT_FIELDS = (
    "slug",
    "kind",
    "title",
    "description",
    "organiser",
    "venue",
    "online_url",
    "audience",
    "booking",
    "capacity",
    "waitlist",
    "registration_opens",
    "registration_closes",
    "status",
    "tour",
)
# What event_update may change; the organiser and the status have their own paths.
CHANGEABLE_FIELDS = tuple(f for f in EVENT_FIELDS if f not in ("organiser", "status"))
LINK_FIELDS = ("partners", "initiatives", "commitments")

# Which status an event may move to from each status. Cancelled and completed are final;
# a published event goes back to draft only while nobody has registered.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    Event.Status.DRAFT: (Event.Status.PUBLISHED, Event.Status.CANCELLED),
    Event.Status.PUBLISHED: (Event.Status.DRAFT, Event.Status.CANCELLED, Event.Status.COMPLETED),
    Event.Status.CANCELLED: (),
    Event.Status.COMPLETED: (),
}
ACTIVE = (Registration.Status.CONFIRMED, Registration.Status.WAITLISTED)


def _check_changeable(fields: Mapping[str, Any]) -> None:
    unknown = set(fields) - set(CHANGEABLE_FIELDS)
    if unknown:
        raise ValidationError(
            {
                name: ValidationError(_("This field cannot be changed."), code="not_changeable")
                for name in unknown
            }
        )


def _check_event(event: Event, *, session_count: int) -> None:
    """Field validation plus the rules that tie fields together."""
    event.full_clean()
    errors: dict[str, ValidationError] = {}
    if event.kind == Event.Kind.LIVESTREAM and not event.online_url:
        errors["online_url"] = ValidationError(
            _("A livestream needs its online link."), code="required"
        )
    if event.kind == Event.Kind.TOUR_STOP and event.venue_id is None:
        errors["venue"] = ValidationError(
            _("A touring exhibition stop needs a venue."), code="required"
        )
    if (
        event.status == Event.Status.PUBLISHED
        and event.venue_id is None
        and not event.online_url
        and "venue" not in errors
    ):
        errors["venue"] = ValidationError(
            _("Give a venue or an online link before publishing."), code="required"
        )
    if event.booking == Event.Booking.NONE and event.capacity is not None:
        errors["capacity"] = ValidationError(
            _("Capacity applies only to events that take registrations."), code="no_registration"
        )
    if event.capacity == 0:
        errors["capacity"] = ValidationError(
            _("Capacity must be at least 1; leave it empty for no limit."), code="min_value"
        )
    if event.booking == Event.Booking.PER_SESSION and session_count == 0:
        errors["booking"] = ValidationError(
            _("Booking each session separately needs at least one session."),
            code="sessions_required",
        )
    opens, closes = event.registration_opens, event.registration_closes
    if opens and closes and closes <= opens:
        errors["registration_closes"] = ValidationError(
            _("Registration must close after it opens."), code="invalid"
        )
    if errors:
        raise ValidationError(errors)


def _check_partners(organiser: Institution, partners: Sequence[Institution]) -> None:
    if any(p.pk == organiser.pk for p in partners):
        raise ValidationError(
            {
                "partners": ValidationError(
                    _("The organiser cannot also be a partner."), code="invalid"
                )
            }
        )
    if len({p.pk for p in partners}) != len(partners):
        raise ValidationError(
            {"partners": ValidationError(_("An institution is listed twice."), code="invalid")}
        )


def _new_session(event: Event, data: Mapping[str, Any]) -> Session:
    starts_at: Any = data.get("starts_at")
    ends_at: Any = data.get("ends_at")
    session = Session(
        event=event,
        starts_at=starts_at,
        ends_at=ends_at,
        title=data.get("title") or {},
    )
    # The model's check constraint would say the same without naming the field.
    session.full_clean(exclude=["event"], validate_constraints=False)
    if session.ends_at <= session.starts_at:
        raise ValidationError(
            {
                "ends_at": ValidationError(
                    _("A session must end after it starts."), code="ends_before_start"
                )
            }
        )
    return session


def _session_changes(session: Session) -> dict[str, list[Any]]:
    return {
        "starts_at": [None, session.starts_at.isoformat()],
        "ends_at": [None, session.ends_at.isoformat()],
        "title": [None, session.title],
    }


@transaction.atomic
def event_create(
    *,
    actor: Any,
    slug: str,
    kind: str,
    title: LanguageMap,
    organiser: Institution,
    description: LanguageMap | None = None,
    partners: Sequence[Institution] = (),
    initiatives: Sequence[Initiative] = (),
    commitments: Sequence[Commitment] = (),
    venue: Venue | None = None,
    online_url: str = "",
    audience: str = Event.Audience.GENERAL,
    booking: str = Event.Booking.NONE,
    capacity: int | None = None,
    waitlist: bool = True,
    registration_opens: dt.datetime | None = None,
    registration_closes: dt.datetime | None = None,
    status: str = Event.Status.DRAFT,
    sessions: Sequence[Mapping[str, Any]] = (),
    tour: Tour | None = None,
) -> Event:
    """Create an event for ``organiser`` with its sessions (``{"starts_at", "ends_at",
    "title"?}``), all or nothing.

    A livestream needs its link, a touring exhibition stop its venue, and a published event a
    venue or a link. Capacity counts places per booking unit (the event, or each session) and
    applies only when the event takes registrations.
    """
    require(permissions.can_create_event(actor, organiser.pk))
    partners, initiatives, commitments = list(partners), list(initiatives), list(commitments)
    event = Event(
        slug=slug,
        kind=kind,
        title=title,
        description=description or {},
        organiser=organiser,
        venue=venue,
        online_url=online_url,
        audience=audience,
        booking=booking,
        capacity=capacity,
        waitlist=waitlist,
        registration_opens=registration_opens,
        registration_closes=registration_closes,
        status=status,
        tour=tour,
    )
    _check_event(event, session_count=len(sessions))
    _check_partners(organiser, partners)
    new_sessions = [_new_session(event, data) for data in sessions]
    event.save()
    for session in new_sessions:
        session.event = event
    Session.objects.bulk_create(new_sessions)
    event.partners.set(partners)
    event.initiatives.set(initiatives)
    event.commitments.set(commitments)
    changes: dict[str, Any] = {
        k: [None, v] for k, v in history.snapshot(event, EVENT_FIELDS).items()
    }
    changes["partners"] = [None, [p.slug for p in partners]]
    changes["initiatives"] = [None, [i.slug for i in initiatives]]
    changes["commitments"] = [None, [c.pk for c in commitments]]
    changes["sessions"] = [None, [s.starts_at.isoformat() for s in new_sessions]]
    history.record_change(
        actor=actor, action=ChangeRecord.Action.CREATE, target=event, changes=changes
    )
    return event


def _has_registrations(event: Event) -> bool:
    return event.registrations.exists()


@transaction.atomic
def event_update(
    *,
    actor: Any,
    event: Event,
    partners: Sequence[Institution] | None = None,
    initiatives: Sequence[Initiative] | None = None,
    commitments: Sequence[Commitment] | None = None,
    **fields: Any,
) -> Event:
    """Change an event's fields and, when given, its partners, initiatives and commitments.

    The booking mode cannot change once people have registered. Raising the capacity (or
    removing it) moves people up from the waiting list, first come first served.
    """
    require(permissions.can_manage_event(actor, event))
    _check_changeable(fields)
    # Lock the row: sign-ups count places under the same lock.
    locked = Event.objects.select_for_update().get(pk=event.pk)
    before = history.snapshot(locked, EVENT_FIELDS)
    if "booking" in fields and fields["booking"] != locked.booking and _has_registrations(locked):
        raise ValidationError(
            {
                "booking": ValidationError(
                    _("The booking mode cannot change once people have registered."),
                    code="has_registrations",
                )
            }
        )
    for name, value in fields.items():
        setattr(event, name, value)
    _check_event(event, session_count=event.sessions.count())
    changes = history.diff(before, history.snapshot(event, EVENT_FIELDS))
    links = {"partners": partners, "initiatives": initiatives, "commitments": commitments}
    if partners is not None:
        _check_partners(event.organiser, list(partners))
    event.save()
    for name, values in links.items():
        if values is None:
            continue
        manager = getattr(event, name)
        key = "pk" if name == "commitments" else "slug"
        old = sorted(getattr(o, key) for o in manager.all())
        manager.set(values)
        new = sorted(getattr(o, key) for o in values)
        if old != new:
            changes[name] = [old, new]
    history.record_change(
        actor=actor, action=ChangeRecord.Action.UPDATE, target=event, changes=changes
    )
    if "capacity" in changes or "waitlist" in changes:
        from tongwen.programs.services.registration import waitlist_promote

        if event.booking == Event.Booking.PER_SESSION:
            for session in event.sessions.all():
                waitlist_promote(event=event, session=session)
        else:
            waitlist_promote(event=event, session=None)
    return event


@transaction.atomic
def event_set_status(*, actor: Any, event: Event, status: str) -> Event:
    """Publish, cancel, complete or withdraw an event (see :data:`TRANSITIONS`).

    Cancelling keeps registrations as they are, so organisers can still reach the people
    concerned; new sign-ups are refused.
    """
    require(permissions.can_manage_event(actor, event))
    locked = Event.objects.select_for_update().get(pk=event.pk)
    if status not in Event.Status.values:
        raise ValidationError(
            {"status": ValidationError(_("Unknown status."), code="invalid_choice")}
        )
    if status == locked.status:
        return event
    if status not in TRANSITIONS[locked.status]:
        raise ValidationError(
            {
                "status": ValidationError(
                    _("An event that is %(current)s cannot become %(new)s.")
                    % {
                        "current": Event.Status(locked.status).label,
                        "new": Event.Status(status).label,
                    },
                    code="invalid_transition",
                )
            }
        )
    if status == Event.Status.DRAFT and _has_registrations(locked):
        raise ValidationError(
            {
                "status": ValidationError(
                    _("An event with registrations cannot go back to draft."),
                    code="has_registrations",
                )
            }
        )
    before = locked.status
    event.status = status
    _check_event(event, session_count=event.sessions.count())
    event.save(update_fields=["status", "updated_at"])
    history.record_change(
        actor=actor,
        action=ChangeRecord.Action.UPDATE,
        target=event,
        changes={"status": [before, status]},
    )
    return event


@transaction.atomic
def session_add(
    *,
    actor: Any,
    event: Event,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    title: LanguageMap | None = None,
) -> Session:
    """Add a sitting to an event (a further class of a course, a further date of a series)."""
    require(permissions.can_manage_event(actor, event))
    session = _new_session(event, {"starts_at": starts_at, "ends_at": ends_at, "title": title})
    session.save()
    history.record_change(
        actor=actor,
        action=ChangeRecord.Action.CREATE,
        target=session,
        context=event,
        changes=_session_changes(session),
    )
    return session


@transaction.atomic
def session_delete(*, actor: Any, session: Session) -> None:
    """Remove a sitting. Refused while people hold or wait for a place at it, and for the
    last session of an event booked session by session."""
    event = session.event
    require(permissions.can_manage_event(actor, event))
    Event.objects.select_for_update().filter(pk=event.pk).first()
    if session.registrations.filter(status__in=ACTIVE).exists():
        raise ValidationError(
            _("People are registered for this session; cancel their places first."),
            code="has_registrations",
        )
    if event.booking == Event.Booking.PER_SESSION and event.sessions.count() <= 1:
        raise ValidationError(
            _("Booking each session separately needs at least one session."),
            code="sessions_required",
        )
    history.record_change(
        actor=actor,
        action=ChangeRecord.Action.DELETE,
        target=session,
        context=event,
        changes={
            "starts_at": [session.starts_at.isoformat(), None],
            "ends_at": [session.ends_at.isoformat(), None],
        },
    )
    session.delete()


def recurring_sessions(
    *, first_start: dt.datetime, duration: dt.timedelta, every_days: int, count: int
) -> list[dict[str, Any]]:
    """``count`` sessions of ``duration``, the first at ``first_start``, then every
    ``every_days`` days (7 for a weekly series), as :func:`event_create` takes them.

    Dates step in local wall-clock time, so a weekly 19:00 talk stays at 19:00.
    """
    if count < 1:
        raise ValidationError(_("A series needs at least one session."), code="min_value")
    if every_days < 1:
        raise ValidationError(_("Sessions must be at least a day apart."), code="min_value")
    if duration <= dt.timedelta(0):
        raise ValidationError(_("A session must end after it starts."), code="ends_before_start")
    aware = timezone.is_aware(first_start)
    local = timezone.localtime(first_start) if aware else first_start
    sessions = []
    for index in range(count):
        wall = local.replace(tzinfo=None) + dt.timedelta(days=every_days * index)
        start = timezone.make_aware(wall, local.tzinfo) if aware else wall  # type: ignore[arg-type]
        sessions.append({"starts_at": start, "ends_at": start + duration})
    return sessions
