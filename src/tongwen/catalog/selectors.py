"""Reads of the shared collection, always scoped to what the user may see."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from tongwen.accounts.selectors import member_institution_ids
from tongwen.catalog import permissions
from tongwen.catalog.models import (
    Creator,
    DigitalObject,
    HarvestRun,
    HarvestSource,
    Resource,
    SharingGrant,
)
from tongwen.catalog.permissions import Access
from tongwen.common.actors import SYSTEM

_CREATORS = Prefetch("creators", Creator.objects.order_by("order", "id"))
_IMAGES = Prefetch("images", DigitalObject.objects.order_by("order", "id"))


def resource_list(
    *,
    user: Any,
    holder: str | None = None,
    kind: str | None = None,
    period: str | None = None,
    visibility: str | None = None,
    agreement: str | None = None,
    initiative: str | None = None,
    has_images: bool | None = None,
) -> QuerySet[Resource]:
    qs = Resource.objects.filter(permissions.visible_resources_q(user))
    if holder:
        qs = qs.filter(holder__slug=holder)
    if kind:
        qs = qs.filter(kind=kind)
    if period:
        qs = qs.filter(Q(period=period) | Q(creators__period=period)).distinct()
    if visibility:
        qs = qs.filter(visibility=visibility)
    if agreement:
        qs = qs.filter(agreements__slug=agreement)
    if initiative:
        qs = qs.filter(initiatives__slug=initiative)
    if has_images is not None:
        qs = qs.filter(images__isnull=not has_images).distinct()
    return qs.select_related("holder").prefetch_related(_CREATORS, _IMAGES)


def resource_get(*, user: Any, slug: str) -> Resource:
    """The resource ``slug`` if ``user`` may see it; ``Resource.DoesNotExist`` otherwise, so
    a hidden resource and a missing one look the same."""
    return (
        Resource.objects.filter(permissions.visible_resources_q(user), slug=slug)
        .select_related("holder", "harvest_source")
        .prefetch_related(_CREATORS, _IMAGES, "agreements", "initiatives")
        .get()
    )


def resource_access(*, user: Any, resource: Resource) -> Access:
    return permissions.resource_access(user, resource)


def image_get(*, user: Any, iiif_id: str) -> tuple[DigitalObject, Access]:
    """An image and what ``user`` may do with it; ``DigitalObject.DoesNotExist`` when the
    image is missing or its resource hidden."""
    # Only what the access decision and the image service need: this runs for every tile.
    image = (
        DigitalObject.objects.select_related("resource")
        .only(
            "iiif_id",
            "width",
            "height",
            "master",
            "resource__holder_id",
            "resource__visibility",
            "resource__rights",
            "resource__deleted_at",
        )
        .get(iiif_id=iiif_id)
    )
    access = permissions.resource_access(user, image.resource)
    if not access.view:
        raise DigitalObject.DoesNotExist
    return image, access


def images_of(*, resource: Resource) -> list[DigitalObject]:
    """The resource's images in reading order (the resource was already checked)."""
    return list(resource.images.order_by("order", "id"))


def feed_resources(*, user: Any) -> QuerySet[Resource]:
    """Resources for OAI-PMH: what ``user`` may see, plus tombstones of what they could."""
    return (
        Resource.objects.filter(permissions.visible_resources_q(user, include_deleted=True))
        .select_related("holder")
        .prefetch_related(_CREATORS, _IMAGES)
    )


def grant_list(*, user: Any, institution: str | None = None) -> QuerySet[SharingGrant]:
    """Grants the user's institutions gave or received (all of them for platform admins)."""
    qs = SharingGrant.objects.select_related("grantor", "grantee", "agreement")
    if user is not SYSTEM and not getattr(user, "is_superuser", False):
        ids = member_institution_ids(user)
        qs = qs.filter(Q(grantor_id__in=ids) | Q(grantee_id__in=ids))
    if institution:
        qs = qs.filter(Q(grantor__slug=institution) | Q(grantee__slug=institution))
    return qs.prefetch_related("resources")


def harvest_source_list(*, user: Any) -> QuerySet[HarvestSource]:
    qs = HarvestSource.objects.select_related("institution")
    if user is SYSTEM or getattr(user, "is_superuser", False):
        return qs
    return qs.filter(institution_id__in=member_institution_ids(user))


def harvest_runs(*, source: HarvestSource, limit: int = 20) -> list[HarvestRun]:
    return list(source.runs.all()[:limit])
