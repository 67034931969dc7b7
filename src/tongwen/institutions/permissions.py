"""Who may do what with institutions and people. One entry per action."""

from __future__ import annotations

from typing import Any

from tongwen.accounts.selectors import (
    administered_institution_ids,
    is_platform_admin,
    member_institution_ids,
)


def can_create_institution(user: Any) -> bool:
    """Editors record new partners when they prepare an agreement with them."""
    return is_platform_admin(user) or bool(member_institution_ids(user, editing=True))


def can_edit_institution(user: Any, institution: Any) -> bool:
    """An institution's own administrators keep its record."""
    return is_platform_admin(user) or institution.pk in administered_institution_ids(user)


def can_edit_people(user: Any) -> bool:
    return can_create_institution(user)
