"""Writes to the shared collection: resources, their creators and images, sharing grants.

Every function checks permission, validates, owns its transaction and records history: a
failing call leaves nothing behind (an image file written before a failure is removed).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Collection, Iterable, Sequence
from typing import Any, TypedDict

import langcodes
from django.core import validators as django_validators
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.expressions import DatabaseDefault
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

#: Called after a commit with the ids of the resources it changed in what they show (search
#: indexing), once per commit: a bulk import or a harvested page is one call.
resource_changed_hooks: list[Callable[[list[int]], None]] = []


class CreatorData(TypedDict, total=False):
    name: LanguageMap
    role: str
    period: str


def _after_commit(*resource_ids: int) -> None:
    ids = list(resource_ids)
    for hook in resource_changed_hooks:
        transaction.on_commit(lambda hook=hook: hook(ids))  # type: ignore[misc]


def _check_changeable(fields: dict[str, Any]) -> None:
    unknown = set(fields) - set(RESOURCE_FIELDS)
    if unknown:
        raise ValidationError({name: _("This field cannot be changed.") for name in unknown})


# Bulk writers validate the same few dates and language tags over and over; both readers are
# pure functions of their text and return immutable values.
_parse_written_date = functools.lru_cache(maxsize=4096)(periods.parse_written_date)
_tag_is_valid = functools.lru_cache(maxsize=1024)(langcodes.tag_is_valid)


def _normalise_dates(resource: Resource) -> None:
    """Fill the year range and period from the date as written, when not given."""
    if resource.date_written and resource.year_from is None and resource.year_to is None:
        parsed = _parse_written_date(resource.date_written)
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
        bulk_clean(resource, exclude=_BULK_EXCLUDE)
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
        if not isinstance(tag, str) or not _tag_is_valid(tag):
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


_BULK_EXCLUDE = frozenset({"harvest_source", "holder"})


def bulk_clean(instance: models.Model, *, exclude: Collection[str] = ()) -> None:
    """``instance.full_clean(exclude, validate_unique=False, validate_constraints=False)``
    with the field checks of :func:`clean_fields`: for bulk writers, who leave uniqueness and
    constraints to the database."""
    errors: dict[str, Any] = {}
    try:
        clean_fields(instance, exclude=exclude)
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    try:
        instance.clean()
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


def clean_fields(instance: models.Model, *, exclude: Collection[str] = ()) -> None:
    """``instance.clean_fields(exclude)``: the same checks, errors and cleaned values, several
    times faster, for writers that validate thousands of rows (the harvester).

    ``Model.clean_fields`` sends every value through ``field.clean`` (conversion, choices,
    blankness, validators), which dominates validating a bulk-written row. Here a value that
    already has the type the field stores (a ``str`` for a ``CharField``, an ``int`` for an
    ``IntegerField``, ...) is checked against the field's choices and blankness and its own
    validators directly; one that is of another type, fails any check or belongs to a field
    with its own ``clean`` (language maps, foreign keys) goes through ``field.clean``, which
    converts it or raises exactly as ``clean_fields`` would.
    """
    errors: dict[str, Any] = {}
    for check in _field_checks(type(instance), frozenset(exclude)):
        value = getattr(instance, check.attname)
        if check.blank and value in check.empty_values:
            continue
        if check.passes(value) or isinstance(value, DatabaseDefault):
            continue
        field = check.field
        try:
            setattr(instance, check.attname, field.clean(value, instance))
        except ValidationError as error:
            errors[field.name] = error.error_list
    if errors:
        raise ValidationError(errors)


def _plain_json(value: Any, depth: int = 0) -> bool:
    """Whether ``json.dumps`` certainly encodes ``value`` (nested dicts with text keys, lists,
    text, numbers, booleans and None)."""
    if value is None or type(value) in (str, int, float, bool):
        return True
    if depth > 8:
        return False
    if type(value) is list:
        return all(_plain_json(item, depth + 1) for item in value)
    if type(value) is dict:
        return all(type(key) is str and _plain_json(item, depth + 1) for key, item in value.items())
    return False


class _FieldCheck:
    """One field's checks, prepared once per model (see :func:`clean_fields`)."""

    def __init__(self, field: models.Field) -> None:  # type: ignore[type-arg]
        self.field = field
        self.attname = field.attname
        self.blank = field.blank
        self.empty_values = field.empty_values
        self.passes = _fast_check(field)


def _fast_check(field: models.Field) -> Callable[[Any], bool]:  # type: ignore[type-arg]
    """A predicate true only when ``field.clean(value)`` would return ``value`` itself without
    an error; false for what needs ``field.clean`` to convert it or to say what is wrong."""
    # The type whose values the field's to_python returns unchanged.
    stored: type | None = None
    if type(field) in _TEXT_FIELDS:
        stored = str
    elif type(field) in _INTEGER_FIELDS:
        stored = int
    elif type(field) is models.DateTimeField:
        stored = dt.datetime
    elif type(field) is models.JSONField:
        stored = list  # or dict; see below
    tests: list[Callable[[Any], bool]] = []
    if stored is list:
        # JSONField.validate also checks that json.dumps encodes the value.
        tests.append(lambda value: type(value) in (list, dict) and _plain_json(value))
    elif stored is not None:
        tests.append(lambda value: type(value) is stored)
    else:
        return lambda value: False
    # What Field.validate checks (nothing for fields that are not editable).
    if field.editable:
        if field.choices is not None:
            keys = [key for key, _label in field.flatchoices]
            if stored not in (str, int) or any(type(key) is not stored for key in keys):
                return lambda value: False
            choices = frozenset(keys)
            tests.append(lambda value: value in choices)
        if not field.blank:
            empty = field.empty_values
            tests.append(lambda value: value not in empty)
    tests += [_passes(validator) for validator in field.validators]

    def passes(value: Any) -> bool:
        # A loop, not all() over a generator: this runs for every field of every record.
        for test in tests:  # noqa: SIM110
            if not test(value):
                return False
        return True

    return passes


_TEXT_FIELDS = (models.CharField, models.SlugField)
_INTEGER_FIELDS = (
    models.IntegerField,
    models.SmallIntegerField,
    models.BigIntegerField,
    models.PositiveIntegerField,
    models.PositiveSmallIntegerField,
    models.PositiveBigIntegerField,
    models.AutoField,
    models.SmallAutoField,
    models.BigAutoField,
)


def _passes(validator: Any) -> Callable[[Any], bool]:
    """A predicate true exactly when ``validator`` accepts a value of the field's type."""
    kind = type(validator)
    limit = getattr(validator, "limit_value", None)
    if kind is django_validators.MaxLengthValidator and type(limit) is int:
        return lambda value: len(value) <= limit
    if kind is django_validators.MinValueValidator and type(limit) is int:
        return lambda value: value >= limit
    if kind is django_validators.MaxValueValidator and type(limit) is int:
        return lambda value: value <= limit
    if kind is django_validators.RegexValidator:
        regex, inverse = validator.regex, validator.inverse_match
        return lambda value: bool(regex.search(str(value))) is not inverse

    def calls(value: Any) -> bool:
        try:
            validator(value)
        except ValidationError:
            return False
        return True

    return calls


@functools.cache
def _field_checks(model: type[models.Model], exclude: frozenset[str]) -> tuple[_FieldCheck, ...]:
    return tuple(
        _FieldCheck(field)
        for field in model._meta.fields
        if field.name not in exclude and not field.generated
    )


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
    _after_commit(*ids)
