"""Writes to the shared collection: resources, their creators and images, sharing grants.

Every function checks permission, validates, owns its transaction and records history: a
failing call leaves nothing behind (an image file written before a failure is removed).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypedDict

import langcodes
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tongwen.agreements.models import Agreement, Initiative
from tongwen.catalog import periods, permissions
from tongwen.catalog.models import Creator, Resource, SharingGrant
from tongwen.common import history
from tongwen.common.actors import require
from tongwen.common.langmap import LanguageMap
from tongwen.common.models import ChangeRecord
from tongwen.institutions.models import Institution

RESOURCE_FIELDS = (
    "slug",
    "kind",
    "title",
    "alt_titles",
    "date_written",
    "year_from",
    "year_to",
    "period",
    "edition",
    "edition_note",
    "extent_juan",
    "extent_volumes",
    "extent_pages",
    "extent_note",
    "dimensions",
    "subjects",
    "languages",
    "script",
    "call_number",
    "identifiers",
    "description",
    "rights",
    "visibility",
    "viewing_direction",
)
GRANT_FLAGS = ("can_download", "can_derive", "can_use_commercially")

#: Called with a resource id after a commit that changed what it shows (search indexing).
resource_changed_hooks: list[Callable[[int], None]] = []


class CreatorData(TypedDict, total=False):
    name: LanguageMap
    role: str
    period: str


def _after_commit(resource_id: int) -> None:
    for hook in resource_changed_hooks:
        transaction.on_commit(lambda hook=hook: hook(resource_id))  # type: ignore[misc]


def _check_changeable(fields: dict[str, Any]) -> None:
    unknown = set(fields) - set(RESOURCE_FIELDS)
    if unknown:
        raise ValidationError({name: _("This field cannot be changed.") for name in unknown})


def _normalise_dates(resource: Resource) -> None:
    """Fill the year range and period from the date as written, when not given."""
    if resource.date_written and resource.year_from is None and resource.year_to is None:
        parsed = periods.parse_written_date(resource.date_written)
        if parsed is not None:
            resource.year_from, resource.year_to = parsed.year_from, parsed.year_to
            resource.period = resource.period or parsed.period
    if resource.year_from is not None and resource.year_to is None:
        resource.year_to = resource.year_from
    if resource.year_from is not None and not resource.period:
        resource.period = periods.period_for_year(resource.year_from)


def validate_resource(resource: Resource, *, check_database: bool = True) -> None:
    """Everything a resource must satisfy before it is saved; fills derived values (years and
    period from the date as written, pinyin of the title).

    ``check_database=False`` leaves out the checks that query the database (slug uniqueness,
    the holder's existence, constraints), for bulk writers such as the harvester that check
    those once per batch and let the database enforce them on insert.
    """
    _normalise_dates(resource)
    if check_database:
        resource.full_clean(exclude=["harvest_source"])  # language maps come back with pinyin
    else:
        resource.full_clean(
            exclude=["harvest_source", "holder"], validate_unique=False, validate_constraints=False
        )
    if (
        resource.year_from is not None
        and resource.year_to is not None
        and resource.year_from > resource.year_to
    ):
        raise ValidationError(
            {"year_to": _("The range cannot end before it starts.")}, code="invalid"
        )
    if resource.period and resource.period not in periods.PERIODS:
        raise ValidationError({"period": _("Unknown dynasty or period.")}, code="invalid")
    if not isinstance(resource.languages, list):
        raise ValidationError({"languages": _("Give a list of language tags.")}, code="invalid")
    for tag in resource.languages:
        if not isinstance(tag, str) or not langcodes.tag_is_valid(tag):
            raise ValidationError(
                {"languages": _("“%(tag)s” is not a language tag.") % {"tag": tag}},
                code="invalid",
            )
    if not isinstance(resource.identifiers, list):
        raise ValidationError(
            {"identifiers": _("Each identifier needs a scheme and a value.")}, code="invalid"
        )
    for identifier in resource.identifiers:
        if not (
            isinstance(identifier, dict)
            and set(identifier) == {"scheme", "value"}
            and all(isinstance(v, str) and v for v in identifier.values())
        ):
            raise ValidationError(
                {"identifiers": _("Each identifier needs a scheme and a value.")}, code="invalid"
            )
    for name in ("subjects", "alt_titles"):
        values = getattr(resource, name)
        if not isinstance(values, list) or not all(isinstance(v, str) and v for v in values):
            raise ValidationError({name: _("Give a list of texts.")}, code="invalid")


def _set_creators(resource: Resource, creators: Sequence[CreatorData]) -> None:
    resource.creators.all().delete()
    built = []
    for order, data in enumerate(creators):
        creator = Creator(
            resource=resource,
            order=order,
            name=data.get("name") or {},
            role=data.get("role") or Creator.Role.AUTHOR,
            period=data.get("period", ""),
        )
        try:
            creator.full_clean(exclude=["resource", "person"])
            if creator.period and creator.period not in periods.PERIODS:
                raise ValidationError(_("Unknown dynasty or period."), code="invalid")
        except ValidationError as error:
            raise ValidationError(
                {
                    "creators": _("Creator %(n)s: %(problem)s")
                    % {"n": order + 1, "problem": "; ".join(error.messages)}
                }
            ) from error
        built.append(creator)
    Creator.objects.bulk_create(built)


def _creator_snapshot(resource: Resource) -> list[dict[str, Any]]:
    return [
        {"name": c.name, "role": c.role, "period": c.period}
        for c in resource.creators.order_by("order", "id")
    ]


def _check_links(
    holder: Institution, agreements: Iterable[Agreement], initiatives: Iterable[Initiative]
) -> None:
    for agreement in agreements:
        if not agreement.party_links.filter(institution=holder).exists():
            raise ValidationError(
                {
                    "agreements": _("%(holder)s is not party to %(agreement)s.")
                    % {"holder": holder, "agreement": agreement}
                }
            )
    for initiative in initiatives:
        if not initiative.agreement.party_links.filter(institution=holder).exists():
            raise ValidationError(
                {
                    "initiatives": _("%(holder)s is not party to the agreement of %(initiative)s.")
                    % {"holder": holder, "initiative": initiative}
                }
            )


@transaction.atomic
def resource_create(
    *,
    actor: Any,
    holder: Institution,
    slug: str,
    kind: str,
    title: LanguageMap,
    rights: str,
    creators: Sequence[CreatorData] = (),
    agreements: Sequence[Agreement] = (),
    initiatives: Sequence[Initiative] = (),
    **fields: Any,
) -> Resource:
    require(permissions.can_create_resource(actor, holder.pk))
    _check_changeable(fields)
    resource = Resource(
        holder=holder,
        slug=slug,
        kind=kind,
        title=title,
        rights=rights,
        modified_at=timezone.now(),
        **fields,
    )
    if "viewing_direction" not in fields and reads_right_to_left(
        kind=resource.kind,
        script=resource.script,
        languages=resource.languages,
        year_from=resource.year_from,
    ):
        resource.viewing_direction = Resource.ViewingDirection.RIGHT_TO_LEFT
    validate_resource(resource)
    _check_links(holder, agreements, initiatives)
    resource.save()
    _set_creators(resource, creators)
    resource.agreements.set(agreements)
    resource.initiatives.set(initiatives)
    history.record_change(
        actor=actor,
        action=ChangeRecord.Action.CREATE,
        target=resource,
        changes=history.snapshot(resource, RESOURCE_FIELDS) | {"creators": list(creators)},
    )
    _after_commit(resource.pk)
    return resource


def reads_right_to_left(
    *, kind: str, script: str, languages: Sequence[str], year_from: int | None
) -> bool:
    """Traditional Chinese books (vertical text, bound on the right) read right to left."""
    bound = kind in (Resource.Kind.ANCIENT_BOOK, Resource.Kind.MANUSCRIPT_ARCHIVE)
    chinese = script in ("Hant", "Hani", "") and (
        not languages or any(t.split("-")[0] in ("zh", "lzh") for t in languages)
    )
    return bound and chinese and (year_from is None or year_from < 1912)


@transaction.atomic
def resource_update(
    *,
    actor: Any,
    resource: Resource,
    creators: Sequence[CreatorData] | None = None,
    agreements: Sequence[Agreement] | None = None,
    initiatives: Sequence[Initiative] | None = None,
    **fields: Any,
) -> Resource:
    require(permissions.can_edit_resource(actor, resource))
    _check_changeable(fields)
    resource = Resource.objects.select_for_update().get(pk=resource.pk)
    before = history.snapshot(resource, RESOURCE_FIELDS)
    before_creators = _creator_snapshot(resource)
    if "date_written" in fields and not {"year_from", "year_to"} & set(fields):
        resource.year_from = resource.year_to = None
        fields.setdefault("period", "")
    for name, value in fields.items():
        setattr(resource, name, value)
    validate_resource(resource)
    _check_links(
        resource.holder,
        agreements if agreements is not None else resource.agreements.all(),
        initiatives if initiatives is not None else resource.initiatives.all(),
    )
    changes = history.diff(before, history.snapshot(resource, RESOURCE_FIELDS))
    if creators is not None:
        _set_creators(resource, creators)
        after_creators = _creator_snapshot(resource)
        if after_creators != before_creators:
            changes["creators"] = [before_creators, after_creators]
    for name, values in (("agreements", agreements), ("initiatives", initiatives)):
        if values is None:
            continue
        manager = getattr(resource, name)
        old = sorted(manager.values_list("pk", flat=True))
        manager.set(values)
        new = sorted(v.pk for v in values)
        if old != new:
            changes[name] = [old, new]
    if changes:
        resource.modified_at = timezone.now()
    resource.save()
    history.record_change(
        actor=actor, action=ChangeRecord.Action.UPDATE, target=resource, changes=changes
    )
    if changes:
        _after_commit(resource.pk)
    return resource


@transaction.atomic
def resource_delete(*, actor: Any, resource: Resource) -> Resource:
    """Withdraw a resource. Its record stays as a tombstone so harvesters learn of it; its
    images are removed from the store when the transaction commits."""
    require(permissions.can_edit_resource(actor, resource))
    resource = Resource.objects.select_for_update().get(pk=resource.pk)
    if resource.is_deleted:
        return resource
    from tongwen.catalog import images  # the image store, kept out of import cycles

    doomed = list(resource.images.all())
    resource.deleted_at = resource.modified_at = timezone.now()
    resource.save(update_fields=["deleted_at", "modified_at"])
    for image in doomed:
        images.discard(image)
    history.record_change(actor=actor, action=ChangeRecord.Action.DELETE, target=resource)
    _after_commit(resource.pk)
    return resource


def touch(resource: Resource) -> None:
    """Move the datestamp forward after a change to a resource's parts (images)."""
    Resource.objects.filter(pk=resource.pk).update(modified_at=timezone.now())
    _after_commit(resource.pk)


# Sharing ---------------------------------------------------------------------------------


def _check_grant(grant: SharingGrant, resources: Sequence[Resource]) -> None:
    grant.full_clean(exclude=["created_by"])
    parties = set(grant.agreement.party_links.values_list("institution_id", flat=True))
    if not {grant.grantor_id, grant.grantee_id} <= parties:
        raise ValidationError(
            {"agreement": _("Both institutions must be parties to the agreement.")},
            code="not_parties",
        )
    if grant.agreement.status == Agreement.Status.DRAFT:
        raise ValidationError(
            {"agreement": _("A draft agreement cannot be the basis of a grant.")}, code="draft"
        )
    if not grant.all_resources and not resources:
        raise ValidationError(
            {"resources": _("Name the resources, or grant all of them.")}, code="required"
        )
    if grant.all_resources and resources:
        raise ValidationError(
            {"resources": _("A grant of all resources lists none.")}, code="invalid"
        )
    for resource in resources:
        if resource.holder_id != grant.grantor_id or resource.is_deleted:
            raise ValidationError(
                {
                    "resources": _("%(resource)s is not held by %(grantor)s.")
                    % {"resource": resource.slug, "grantor": grant.grantor}
                },
                code="not_held",
            )


@transaction.atomic
def grant_create(
    *,
    actor: Any,
    grantor: Institution,
    grantee: Institution,
    agreement: Agreement,
    valid_from: dt.date,
    valid_until: dt.date | None = None,
    resources: Sequence[Resource] = (),
    all_resources: bool = False,
    can_download: bool = False,
    can_derive: bool = False,
    can_use_commercially: bool = False,
    note: LanguageMap | None = None,
) -> SharingGrant:
    require(permissions.can_grant(actor, grantor.pk))
    grant = SharingGrant(
        grantor=grantor,
        grantee=grantee,
        agreement=agreement,
        valid_from=valid_from,
        valid_until=valid_until,
        all_resources=all_resources,
        can_download=can_download,
        can_derive=can_derive,
        can_use_commercially=can_use_commercially,
        note=note or {},
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    _check_grant(grant, resources)
    grant.save()
    grant.resources.set(resources)
    history.record_change(
        actor=actor,
        action=ChangeRecord.Action.CREATE,
        target=grant,
        context=grantor,
        changes=history.snapshot(
            grant,
            ("grantee", "agreement", "valid_from", "valid_until", "all_resources", *GRANT_FLAGS),
        )
        | {"resources": sorted(r.pk for r in resources)},
    )
    _after_grant_change(grant)
    return grant


@transaction.atomic
def grant_revoke(*, actor: Any, grant: SharingGrant) -> SharingGrant:
    require(permissions.can_grant(actor, grant.grantor_id))
    grant = SharingGrant.objects.select_for_update().get(pk=grant.pk)
    if grant.revoked_at is None:
        grant.revoked_at = timezone.now()
        grant.save(update_fields=["revoked_at"])
        history.record_change(
            actor=actor,
            action=ChangeRecord.Action.UPDATE,
            target=grant,
            context=grant.grantor,
            changes={"revoked_at": [None, grant.revoked_at.isoformat()]},
        )
        _after_grant_change(grant)
    return grant


def _after_grant_change(grant: SharingGrant) -> None:
    """Who sees what changed: every resource the grant covers is re-announced."""
    if grant.all_resources:
        ids = list(Resource.objects.filter(holder_id=grant.grantor_id).values_list("pk", flat=True))
    else:
        ids = list(grant.resources.values_list("pk", flat=True))
    for resource_id in ids:
        _after_commit(resource_id)
