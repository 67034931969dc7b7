"""Who may do what with programs. One entry per action.

Published events are public. The organiser's editors run an event: they edit it, see and export
its registrations, check people in, erase personal data and count visitors; partner
institutions' members see drafts but no personal data. Registrants act through the unguessable
token of their own registration (cancel), never through an account. Tours are planned by the
organiser's editors; venues are edited by the editors of the institution they belong to, and
venues of no institution (the county-library registry) by platform administrators and by
editors of any institution that organises a tour.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from tongwen.accounts.selectors import is_platform_admin, member_institution_ids
from tongwen.common.actors import SYSTEM
from tongwen.programs.models import Event, Tour, Venue


def _is_system_or_admin(user: Any) -> bool:
    return user is SYSTEM or is_platform_admin(user)


def visible_events_q(user: Any) -> Q:
    """Published, cancelled and completed events for everyone; drafts for the organiser's and
    partners' members."""
    public = ~Q(status=Event.Status.DRAFT)
    if _is_system_or_admin(user):
        return Q()
    mine = member_institution_ids(user)
    if not mine:
        return public
    return public | Q(organiser_id__in=mine) | Q(partners__id__in=mine)


def can_view_event(user: Any, event: Event) -> bool:
    if event.status != Event.Status.DRAFT or _is_system_or_admin(user):
        return True
    mine = member_institution_ids(user)
    return event.organiser_id in mine or bool(mine & {p.id for p in event.partners.all()})


def can_create_event(user: Any, organiser_id: int) -> bool:
    return _is_system_or_admin(user) or organiser_id in member_institution_ids(user, editing=True)


def can_manage_event(user: Any, event: Event) -> bool:
    """Edit, run registration and attendance, and see registrants' personal data."""
    return can_create_event(user, event.organiser_id)


def can_see_personal_data(user: Any, event: Event) -> bool:
    return can_manage_event(user, event)


def managed_events_q(user: Any) -> Q:
    if _is_system_or_admin(user):
        return Q()
    return Q(organiser_id__in=member_institution_ids(user, editing=True))


def can_edit_venue(user: Any, venue: Venue) -> bool:
    if _is_system_or_admin(user):
        return True
    if venue.institution_id is not None:
        return venue.institution_id in member_institution_ids(user, editing=True)
    return can_edit_registry(user)


def can_edit_registry(user: Any) -> bool:
    """Venues of no institution (candidate county-level libraries): administrators, and editors
    of an institution that organises a tour."""
    if _is_system_or_admin(user):
        return True
    mine = member_institution_ids(user, editing=True)
    return bool(mine) and Tour.objects.filter(organiser_id__in=mine).exists()


def can_create_tour(user: Any, organiser_id: int) -> bool:
    return can_create_event(user, organiser_id)


def can_plan_tour(user: Any, tour: Tour) -> bool:
    return can_create_event(user, tour.organiser_id)
