"""Reads of the shared collection, always scoped to what the user may see."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.models import Prefetch, Q, QuerySet

from tongwen.accounts.selectors import is_platform_admin, member_institution_ids
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
from tongwen.institutions.models import Institution
from tongwen.institutions.selectors import institution_list

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


def editable_institutions(*, user: Any) -> QuerySet[Institution]:
    """Institutions ``user`` may create and edit resources for (all of them for platform
    admins): the holders the workspace pages offer."""
    holders = institution_list()
    if is_platform_admin(user):
        return holders
    return holders.filter(pk__in=member_institution_ids(user, editing=True))


def harvest_source_list(*, user: Any) -> QuerySet[HarvestSource]:
    qs = HarvestSource.objects.select_related("institution")
    if user is SYSTEM or getattr(user, "is_superuser", False):
        return qs
    return qs.filter(institution_id__in=member_institution_ids(user))


def harvest_runs(*, source: HarvestSource, limit: int = 20) -> list[HarvestRun]:
    return list(source.runs.all()[:limit])


# What the image service reads of an image and what the access decision reads of its resource.
_IMAGE_FIELDS = frozenset({"id", "iiif_id", "master", "width", "height"})
_RESOURCE_FIELDS = frozenset({"id", "holder_id", "visibility", "rights", "deleted_at"})
_IMAGE_ACCESS_SQL: dict[str, tuple[str, list[str], list[str]]] = {}


def _image_access_sql(vendor: str) -> tuple[str, list[str], list[str]]:
    """The one query behind :func:`image_access_row` and the image's and resource's field
    names in the order it returns them (the models' order, as ``from_db`` wants), built from
    the models' metadata once per database vendor: the ORM would compile the same SQL again
    for every tile."""
    found = _IMAGE_ACCESS_SQL.get(vendor)
    if found is None:
        qn = connection.ops.quote_name

        def column(model: Any, name: str) -> str:
            return qn(str(model._meta.get_field(name).column))

        image, resource = DigitalObject._meta, Resource._meta
        image_fields = [f for f in image.concrete_fields if f.attname in _IMAGE_FIELDS]
        resource_fields = [f for f in resource.concrete_fields if f.attname in _RESOURCE_FIELDS]
        columns = [f"i.{qn(str(f.column))}" for f in image_fields]
        columns += [f"r.{qn(str(f.column))}" for f in resource_fields]
        sql = (
            f"SELECT {', '.join(columns)} FROM {qn(image.db_table)} i"
            f" INNER JOIN {qn(resource.db_table)} r"
            f" ON r.{column(Resource, 'id')} = i.{column(DigitalObject, 'resource')}"
            f" WHERE i.{column(DigitalObject, 'iiif_id')} = %s"
        )
        found = (
            sql,
            [f.attname for f in image_fields],
            [f.attname for f in resource_fields],
        )
        _IMAGE_ACCESS_SQL[vendor] = found
    return found


def image_access_row(*, user: Any, iiif_id: str) -> tuple[DigitalObject, Access]:
    """What :func:`image_get` answers, from one lean query: the image with only the fields the
    image service needs and its resource with only those :func:`permissions.resource_access`
    reads (the rest deferred, as ``.only()`` leaves them). ``DigitalObject.DoesNotExist`` when
    the image is missing or its resource hidden. It runs for every tile, so it skips the query
    compiler; the access decision is the shared one, made afresh on every call."""
    sql, image_names, resource_names = _image_access_sql(connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(sql, [iiif_id])
        row = cursor.fetchone()
    if row is None:
        raise DigitalObject.DoesNotExist
    split = len(image_names)
    resource_values = list(row[split:])
    deleted_at = resource_names.index("deleted_at")
    if resource_values[deleted_at] is not None:  # SQLite hands back text
        field = Resource._meta.get_field("deleted_at")
        resource_values[deleted_at] = field.to_python(resource_values[deleted_at])
    resource = Resource.from_db(connection.alias, resource_names, resource_values)
    access = permissions.resource_access(user, resource)
    if not access.view:
        raise DigitalObject.DoesNotExist
    image = DigitalObject.from_db(connection.alias, image_names, row[:split])
    image.resource = resource
    return image, access
