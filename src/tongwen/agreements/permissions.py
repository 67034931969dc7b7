"""Who may do what with agreements and everything hanging off them. One entry per action.

Editors act for their institution: they change agreements it is party to and initiatives
it leads or partners in. Drafts are seen by the parties only; everything else is public.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from tongwen.accounts.selectors import is_platform_admin, member_institution_ids
from tongwen.agreements.models import Agreement, Initiative
from tongwen.common.actors import SYSTEM


def _party_ids(agreement: Agreement) -> set[int]:
    return {link.institution_id for link in agreement.party_links.all()}


def can_view_agreement(user: Any, agreement: Agreement) -> bool:
    if agreement.is_published or user is SYSTEM or is_platform_admin(user):
        return True
    return bool(_party_ids(agreement) & member_institution_ids(user))


def can_create_agreement(user: Any, party_ids: Iterable[int]) -> bool:
    if user is SYSTEM or is_platform_admin(user):
        return True
    return bool(set(party_ids) & member_institution_ids(user, editing=True))


def can_edit_agreement(user: Any, agreement: Agreement) -> bool:
    if user is SYSTEM or is_platform_admin(user):
        return True
    return bool(_party_ids(agreement) & member_institution_ids(user, editing=True))


def can_create_initiative(user: Any, agreement: Agreement) -> bool:
    return can_edit_agreement(user, agreement)


def can_edit_initiative(user: Any, initiative: Initiative) -> bool:
    if user is SYSTEM or is_platform_admin(user):
        return True
    involved = {link.institution_id for link in initiative.institution_links.all()}
    return bool(involved & member_institution_ids(user, editing=True))
