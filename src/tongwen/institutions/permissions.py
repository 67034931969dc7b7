"""Who may do what with institutions and people. One entry per action."""

from __future__ import annotations

from typing import Any

from tongwen.accounts.models import Membership
from tongwen.accounts.selectors import is_platform_admin, member_institution_ids


def can_create_institution(user: Any) -> bool:
    """Editors record new partners when they prepare an agreement with them."""
    return is_platform_admin(user) or bool(member_institution_ids(user, editing=True))


def can_edit_institution(user: Any, institution: Any) -> bool:
    if is_platform_admin(user):
        return True
    return (
        Membership.objects.filter(
            user=user, institution=institution, role=Membership.Role.ADMIN
        ).exists()
        if getattr(user, "is_authenticated", False)
        else False
    )


def can_edit_people(user: Any) -> bool:
    return can_create_institution(user)
