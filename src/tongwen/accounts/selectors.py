"""Which institutions a user belongs to, and in which role: the input to every policy."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from tongwen.accounts.models import Membership

EDITING_ROLES = (Membership.Role.EDITOR, Membership.Role.ADMIN)


def _institution_ids(user: Any, roles: tuple[str, ...] | None, cache_name: str) -> set[int]:
    if not getattr(user, "is_authenticated", False):
        return set()
    cached: set[int] | None = getattr(user, cache_name, None)
    if cached is None:
        memberships = Membership.objects.filter(user=user)
        if roles is not None:
            memberships = memberships.filter(role__in=roles)
        cached = set(memberships.values_list("institution_id", flat=True))
        setattr(user, cache_name, cached)
    return cached


def member_institution_ids(user: Any, *, editing: bool = False) -> set[int]:
    """Ids of the institutions ``user`` belongs to (as editor or admin when ``editing``).

    Cached on the user object for the length of a request.
    """
    if editing:
        return _institution_ids(user, EDITING_ROLES, "_tongwen_edit_ids")
    return _institution_ids(user, None, "_tongwen_member_ids")


def administered_institution_ids(user: Any) -> set[int]:
    """Ids of the institutions ``user`` administers."""
    return _institution_ids(user, (Membership.Role.ADMIN,), "_tongwen_admin_ids")


def is_platform_admin(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_superuser)


def memberships_of(user: Any) -> QuerySet[Membership]:
    """The user's memberships with their institutions, for the workspace."""
    if not getattr(user, "is_authenticated", False):
        return Membership.objects.none()
    return Membership.objects.filter(user=user).select_related("institution")
