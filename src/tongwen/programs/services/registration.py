"""Sign-up, waiting list, cancellation, check-in and erasure of registrations.

Places are counted per booking unit: the whole event (a course booked as one: one
registration covers every session and takes one place) or each session (a series booked session
by session). Every write that counts or frees places first locks the event's row
(``SELECT ... FOR UPDATE``; on SQLite the settings open write transactions IMMEDIATE, which
serialises writers the same way), so parallel sign-ups for the last place cannot both win.

History never holds personal data: registrations are recorded by status only, so erasing the
row's name, email and phone leaves nothing personal behind.
"""

from __future__ import annotations

import datetime as dt
import functools
import random
import time
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

from django.core.exceptions import ValidationError
from django.db import OperationalError, connection, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from tongwen.common import history
from tongwen.common.actors import SYSTEM, require
from tongwen.common.models import ChangeRecord
from tongwen.programs import permissions
from tongwen.programs.models import Event, Registration, Session

CONFIRMED = Registration.Status.CONFIRMED
WAITLISTED = Registration.Status.WAITLISTED
CANCELLED = Registration.Status.CANCELLED
ACTIVE = (CONFIRMED, WAITLISTED)

# SQLite has no row locks: a writer that finds the database locked gives up after the
# connection's timeout, and an in-memory shared-cache database (the test database) gives up
# at once ("database table is locked"). Sign-ups and cancellations then start their
# transaction again, with a short random pause, a bounded number of times.
LOCKED_RETRIES = 60
_P = ParamSpec("_P")
_R = TypeVar("_R")


def _retry_when_locked(func: Callable[_P, _R]) -> Callable[_P, _R]:
    @functools.wraps(func)
    def attempt(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        for tries in range(LOCKED_RETRIES + 1):
            try:
                return func(*args, **kwargs)
            except OperationalError as error:
                retryable = (
                    connection.vendor == "sqlite"
                    and not connection.in_atomic_block  # a caller's transaction cannot restart
                    and "locked" in str(error)
                    and tries < LOCKED_RETRIES
                )
                if not retryable:
                    raise
                time.sleep(random.uniform(0.005, 0.05))
        raise AssertionError("unreachable")

    return attempt


def _lock_event(event: Event) -> Event:
    """The event's current row, locked until the transaction ends."""
    return Event.objects.select_for_update().get(pk=event.pk)


def _unit(event: Event, session: Session | None) -> QuerySet[Registration]:
    return Registration.objects.filter(event_id=event.pk, session=session)


def _record(actor: Any, action: str, registration: Registration, changes: dict[str, Any]) -> None:
    history.record_change(
        actor=actor,
        action=action,
        target=registration,
        context=registration.event,
        changes=changes,
    )


def _refresh_feeds_on_commit(event: Event) -> None:
    from tongwen.programs.services.attendance import feeds_refresh_for_event

    transaction.on_commit(lambda: feeds_refresh_for_event(event), robust=True)


def waitlist_promote(*, event: Event, session: Session | None = None) -> list[Registration]:
    """Confirm people from the waiting list, first come first served, while places are free.

    Called by the services that free or add places (cancellation, a larger capacity), inside
    their transaction; it takes the event's lock itself (re-entrant for the same transaction).
    Only a published event moves its waiting list.
    """
    locked = _lock_event(event)
    if locked.status != Event.Status.PUBLISHED:
        return []
    waiting = _unit(locked, session).filter(status=WAITLISTED).order_by("created_at", "id")
    if locked.capacity is not None:
        free = locked.capacity - _unit(locked, session).filter(status=CONFIRMED).count()
        if free <= 0:
            return []
        waiting = waiting[:free]
    promoted = list(waiting)
    now = timezone.now()
    for registration in promoted:
        registration.event = locked
        registration.status = CONFIRMED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at"])
        _record(
            SYSTEM,
            ChangeRecord.Action.UPDATE,
            registration,
            {"status": [WAITLISTED, CONFIRMED], "promoted_at": [None, now.isoformat()]},
        )
    return promoted


def _check_open(event: Event, session: Session | None, now: dt.datetime) -> None:
    if event.booking == Event.Booking.NONE:
        raise ValidationError(_("This event does not take registrations."), code="no_registration")
    if event.status == Event.Status.DRAFT:
        raise ValidationError(_("Registration has not opened yet."), code="not_open")
    if event.status != Event.Status.PUBLISHED:
        raise ValidationError(_("Registration is closed."), code="closed")
    if event.registration_opens and now < event.registration_opens:
        raise ValidationError(_("Registration has not opened yet."), code="not_open")
    if event.registration_closes and now >= event.registration_closes:
        raise ValidationError(_("Registration is closed."), code="closed")
    if event.booking == Event.Booking.PER_SESSION and session is None:
        raise ValidationError(
            {"session": ValidationError(_("Choose a session."), code="session_required")}
        )
    if event.booking == Event.Booking.WHOLE and session is not None:
        raise ValidationError(
            {
                "session": ValidationError(
                    _("This event is booked as a whole, not session by session."),
                    code="session_not_allowed",
                )
            }
        )
    if session is not None and session.event_id != event.pk:
        raise ValidationError(
            {
                "session": ValidationError(
                    _("This session is not part of this event."), code="session_not_allowed"
                )
            }
        )
    sessions = [session] if session is not None else list(event.sessions.all())
    if sessions and all(s.ends_at <= now for s in sessions):
        raise ValidationError(_("Registration is closed."), code="closed")


@_retry_when_locked
@transaction.atomic
def registration_create(
    *,
    event: Event,
    name: str,
    email: str,
    phone: str = "",
    session: Session | None = None,
) -> Registration:
    """Sign someone up (public: registrants have no account). Returns a confirmed place, or a
    place on the waiting list when the booking unit is full and the event keeps one.

    Refused (``ValidationError`` with a code) when the event takes no registrations
    (``no_registration``), is not open yet (``not_open``) or any more (``closed``), is full
    without a waiting list (``full``), when the session is missing (``session_required``) or
    not allowed (``session_not_allowed``), or when the same email already holds or waits for a
    place here (``duplicate``).
    """
    locked = _lock_event(event)
    now = timezone.now()
    _check_open(locked, session, now)
    registration = Registration(
        event=locked,
        session=session,
        name=name.strip(),
        email=email.strip(),
        phone=phone.strip(),
        status=WAITLISTED,
    )
    errors: dict[str, Any] = {
        field: [ValidationError(_("This field cannot be blank."), code="required")]
        for field in ("name", "email")
        if not getattr(registration, field)
    }
    try:
        registration.full_clean(exclude=["status", "token", *errors])
    except ValidationError as invalid:
        errors.update(invalid.error_dict)
    if errors:
        raise ValidationError(errors)
    if _unit(locked, session).filter(status__in=ACTIVE, email__iexact=registration.email).exists():
        raise ValidationError(
            {
                "email": ValidationError(
                    _("This email address is already registered here."), code="duplicate"
                )
            }
        )
    # Keep the invariant "no free place while people wait" before judging this arrival.
    waitlist_promote(event=locked, session=session)
    confirmed = _unit(locked, session).filter(status=CONFIRMED).count()
    if locked.capacity is None or confirmed < locked.capacity:
        registration.status = CONFIRMED
    elif not locked.waitlist:
        raise ValidationError(_("Sorry, this event is full."), code="full")
    registration.save()
    _record(
        SYSTEM,
        ChangeRecord.Action.CREATE,
        registration,
        {
            "status": [None, registration.status],
            "session": [None, session.pk if session else None],
        },
    )
    return registration


@_retry_when_locked
@transaction.atomic
def registration_cancel(*, token: str) -> Registration:
    """Give up a place (or a place on the waiting list) through the registrant's link.

    Idempotent: cancelling again changes nothing; a cancellation cannot be undone (sign up
    again instead). A freed place goes to the first person waiting for the same event or
    session. Refused once the registrant has been checked in.
    """
    found = Registration.objects.select_related("event").get(token=token)
    _lock_event(found.event)
    registration = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("event", "session")
        .get(pk=found.pk)
    )
    if registration.status == CANCELLED:
        return registration
    if registration.checked_in_at is not None:
        raise ValidationError(
            _("This registration has been checked in and can no longer be cancelled."),
            code="checked_in",
        )
    before = registration.status
    registration.status = CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    _record(
        SYSTEM,
        ChangeRecord.Action.UPDATE,
        registration,
        {
            "status": [before, CANCELLED],
            "cancelled_at": [None, registration.cancelled_at.isoformat()],
        },
    )
    if before == CONFIRMED:
        waitlist_promote(event=registration.event, session=registration.session)
    return registration


@_retry_when_locked
@transaction.atomic
def registration_check_in(*, actor: Any, token: str) -> Registration:
    """Mark a confirmed registrant as arrived (the organiser's staff scan their QR code).

    Idempotent: a second check-in keeps the time of the first. Waiting-list and cancelled
    registrations are refused.
    """
    found = Registration.objects.select_related("event").get(token=token)
    require(permissions.can_manage_event(actor, found.event))
    registration = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("event", "session")
        .get(pk=found.pk)
    )
    if registration.status == CANCELLED:
        raise ValidationError(_("This registration was cancelled."), code="cancelled")
    if registration.status != CONFIRMED:
        raise ValidationError(
            _("This registration is on the waiting list, not confirmed."), code="not_confirmed"
        )
    if registration.checked_in_at is not None:
        return registration
    registration.checked_in_at = timezone.now()
    registration.save(update_fields=["checked_in_at"])
    _record(
        actor,
        ChangeRecord.Action.UPDATE,
        registration,
        {"checked_in_at": [None, registration.checked_in_at.isoformat()]},
    )
    _refresh_feeds_on_commit(registration.event)
    return registration


@transaction.atomic
def registration_erase(*, actor: Any, registration: Registration) -> Registration:
    """Blank the registrant's name, email and phone on request, keeping the row (its status,
    check-in and dates) so that counts stay true. Erasing twice changes nothing."""
    require(permissions.can_see_personal_data(actor, registration.event))
    locked = Registration.objects.select_for_update().get(pk=registration.pk)
    if locked.erased_at is not None:
        return locked
    locked.name = locked.email = locked.phone = ""
    locked.erased_at = timezone.now()
    locked.save(update_fields=["name", "email", "phone", "erased_at"])
    # The diff names what was erased, never its values.
    _record(
        actor,
        ChangeRecord.Action.UPDATE,
        locked,
        {
            "erased_at": [None, locked.erased_at.isoformat()],
            "personal_data": ["kept", "erased"],
        },
    )
    for name in ("name", "email", "phone", "erased_at"):
        setattr(registration, name, getattr(locked, name))
    return registration
