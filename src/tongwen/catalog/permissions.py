"""Who may see and use which resources. One entry per action; services and selectors call
these, so every surface (pages, API, IIIF, OAI-PMH, search) applies the same rules.

A resource is always fully usable by its holder's members. Beyond that:

* ``public`` resources are seen by everyone; the full-resolution image is free only when the
  rights statement is open (public domain, CC0, CC BY, CC BY-SA), otherwise it is capped;
* ``partners`` resources are seen by the members of every institution that is party to a
  signed agreement with the holder;
* ``private`` resources are seen by the holder only;
* a sharing grant adds what it names (view, download, derivatives, commercial use) for the
  grantee's members, for the grant's period, on top of all three.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils import timezone

from tongwen.accounts.selectors import is_platform_admin, member_institution_ids
from tongwen.agreements.models import Agreement, AgreementParty
from tongwen.catalog.models import Resource, SharingGrant
from tongwen.common.actors import SYSTEM


@dataclass(frozen=True)
class Access:
    """What one user may do with one resource."""

    view: bool = False
    download: bool = False
    derive: bool = False
    commercial: bool = False

    def __or__(self, other: Access) -> Access:
        return Access(
            view=self.view or other.view,
            download=self.download or other.download,
            derive=self.derive or other.derive,
            commercial=self.commercial or other.commercial,
        )


NONE = Access()
FULL = Access(view=True, download=True, derive=True, commercial=True)


def _is_all_powerful(user: Any) -> bool:
    return user is SYSTEM or is_platform_admin(user)


def partner_institution_ids(institution_ids: set[int]) -> set[int]:
    """Institutions party to a signed (not draft) agreement with any of ``institution_ids``."""
    if not institution_ids:
        return set()
    agreements = AgreementParty.objects.filter(institution_id__in=institution_ids).exclude(
        agreement__status=Agreement.Status.DRAFT
    )
    return set(
        AgreementParty.objects.filter(
            agreement_id__in=agreements.values("agreement_id")
        ).values_list("institution_id", flat=True)
    ) - set(institution_ids)


def active_grants_q(today: dt.date | None = None) -> Q:
    today = today or timezone.localdate()
    return Q(revoked_at__isnull=True, valid_from__lte=today) & (
        Q(valid_until__isnull=True) | Q(valid_until__gte=today)
    )


def grants_for(user: Any, resource: Resource) -> list[SharingGrant]:
    ids = member_institution_ids(user)
    if not ids:
        return []
    return list(
        SharingGrant.objects.filter(
            active_grants_q(), grantee_id__in=ids, grantor=resource.holder_id
        )
        .filter(Q(all_resources=True) | Q(resources=resource))
        .distinct()
    )


def resource_access(user: Any, resource: Resource) -> Access:
    """Everything ``user`` may do with ``resource``, after every rule above."""
    if resource.is_deleted:
        return NONE
    if _is_all_powerful(user):
        return FULL
    ids = member_institution_ids(user)
    if resource.holder_id in ids:
        return FULL
    access = NONE
    if resource.visibility == Resource.Visibility.PUBLIC:
        access = Access(view=True, download=resource.is_open, derive=resource.is_open)
    elif resource.visibility == Resource.Visibility.PARTNERS and resource.holder_id in (
        partner_institution_ids(ids)
    ):
        access = Access(view=True)
    for grant in grants_for(user, resource):
        access |= Access(
            view=True,
            download=grant.can_download,
            derive=grant.can_derive,
            commercial=grant.can_use_commercially,
        )
    return access


def visible_resources_q(user: Any, *, include_deleted: bool = False) -> Q:
    """The filter that limits a Resource queryset to what ``user`` may see.

    With ``include_deleted``, tombstones of resources the user could see are kept (OAI-PMH
    reports them as deleted).
    """
    alive = Q() if include_deleted else Q(deleted_at__isnull=True)
    if _is_all_powerful(user):
        return alive
    seen = Q(visibility=Resource.Visibility.PUBLIC)
    ids = member_institution_ids(user)
    if ids:
        grants = SharingGrant.objects.filter(active_grants_q(), grantee_id__in=ids)
        seen |= Q(holder_id__in=ids)
        seen |= Q(
            visibility=Resource.Visibility.PARTNERS,
            holder_id__in=partner_institution_ids(ids),
        )
        seen |= Q(holder_id__in=grants.filter(all_resources=True).values("grantor_id"))
        seen |= Q(pk__in=grants.filter(resources__isnull=False).values("resources"))
    return alive & seen


def can_create_resource(user: Any, holder_id: int) -> bool:
    return _is_all_powerful(user) or holder_id in member_institution_ids(user, editing=True)


def can_edit_resource(user: Any, resource: Resource) -> bool:
    return can_create_resource(user, resource.holder_id)


def can_grant(user: Any, grantor_id: int) -> bool:
    """Editors of an institution share its resources with partners."""
    return can_create_resource(user, grantor_id)


def can_manage_harvesting(user: Any, institution_id: int) -> bool:
    return can_create_resource(user, institution_id)
