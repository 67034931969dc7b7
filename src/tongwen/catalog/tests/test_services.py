"""Writes to the shared collection: resources and sharing grants. Each service checks
permission, validates, records history, and leaves nothing behind when it refuses."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from PIL import Image

from tongwen.catalog import images, selectors, services
from tongwen.catalog.models import Creator, DigitalObject, Resource, Rights, SharingGrant
from tongwen.catalog.tests.conftest import make_resource
from tongwen.common import history
from tongwen.common.actors import SYSTEM
from tongwen.common.models import ChangeRecord
from tongwen.conftest import make_agreement

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _image_store(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.TONGWEN_IMAGE_ROOT = tmp_path / "images"
    settings.TONGWEN_IIIF_CACHE_ROOT = tmp_path / "iiif-cache"


def _counts() -> tuple[int, int, int, int]:
    return (
        Resource.objects.count(),
        Creator.objects.count(),
        SharingGrant.objects.count(),
        ChangeRecord.objects.count(),
    )


def _create(world: dict[str, Any], actor: Any = SYSTEM, **extra: Any) -> Resource:
    extra.setdefault("slug", "siku")
    extra.setdefault("kind", Resource.Kind.ANCIENT_BOOK)
    extra.setdefault("title", {"zh-Hant": "四庫全書總目"})
    extra.setdefault("rights", Rights.PDM)
    return services.resource_create(actor=actor, holder=world["b"], **extra)


# -- resource_create ---------------------------------------------------------------------------


def test_create_derives_years_and_period_from_the_date_as_written(world):
    resource = _create(world, date_written="清乾隆四十年")
    resource.refresh_from_db()
    assert (resource.year_from, resource.year_to, resource.period) == (1775, 1775, "qing")


def test_create_keeps_given_years_over_the_date_as_written(world):
    resource = _create(world, date_written="清乾隆間", year_from=1780, year_to=1790)
    assert (resource.year_from, resource.year_to, resource.period) == (1780, 1790, "qing")


def test_create_fills_period_from_a_bare_year(world):
    resource = _create(world, year_from=1600)
    assert (resource.year_from, resource.year_to, resource.period) == (1600, 1600, "ming")


def test_create_adds_pinyin_to_title_and_creator_names(world):
    resource = _create(
        world,
        creators=[{"name": {"zh-Hant": "紀昀"}, "role": "editor", "period": "qing"}],
    )
    assert resource.title == {"zh-Hant": "四庫全書總目", "zh-Latn-pinyin": "sì kù quán shū zǒng mù"}
    creator = resource.creators.get()
    assert (creator.name, creator.role, creator.period, creator.order) == (
        {"zh-Hant": "紀昀", "zh-Latn-pinyin": "jì yún"},
        "editor",
        "qing",
        0,
    )


@pytest.mark.parametrize(
    ("extra", "direction"),
    [
        ({}, "right-to-left"),  # an ancient Chinese book
        ({"kind": Resource.Kind.MANUSCRIPT_ARCHIVE, "languages": ["lzh"]}, "right-to-left"),
        ({"year_from": 1935}, "left-to-right"),  # a modern book reads left to right
        ({"languages": ["en"]}, "left-to-right"),
        ({"script": "Latn"}, "left-to-right"),
        ({"kind": Resource.Kind.RUBBING}, "left-to-right"),
        ({"viewing_direction": "top-to-bottom"}, "top-to-bottom"),  # what is given is kept
    ],
)
def test_create_defaults_viewing_direction_right_to_left_for_ancient_chinese_books(
    world, extra, direction
):
    assert _create(world, **extra).viewing_direction == direction


def test_create_records_history_with_actor_and_every_field(world):
    resource = _create(
        world,
        actor=world["editor_b"],
        creators=[{"name": {"zh-Hant": "紀昀"}, "role": "editor"}],
        agreements=[world["ab"]],
    )
    record = history.history_for(resource).get()
    assert (record.action, record.actor, record.target_id) == (
        "create",
        world["editor_b"],
        resource.pk,
    )
    assert record.changes["slug"] == "siku"
    assert record.changes["rights"] == Rights.PDM
    assert record.changes["creators"] == [{"name": {"zh-Hant": "紀昀"}, "role": "editor"}]
    assert [a.slug for a in resource.agreements.all()] == ["a-b"]


@pytest.mark.parametrize("user", ["editor_a", "viewer_b", "editor_c"])
def test_create_for_an_institution_one_does_not_edit_is_refused(world, user):
    before = _counts()
    with pytest.raises(PermissionDenied):
        _create(world, actor=world[user])
    assert _counts() == before


@pytest.mark.parametrize(
    ("extra", "field", "message"),
    [
        ({"kind": "scroll"}, "kind", "Value 'scroll' is not a valid choice."),
        ({"rights": "all rights"}, "rights", "Value 'all rights' is not a valid choice."),
        ({"visibility": "secret"}, "visibility", "Value 'secret' is not a valid choice."),
        ({"title": {}}, "title", "Give a value in at least one language."),
        (
            {"slug": "not a slug"},
            "slug",
            ("Enter a valid “slug” consisting of letters, numbers, underscores or hyphens."),
        ),
        ({"languages": ["zh-Hant", "klingon!"]}, "languages", "“klingon!” is not a language tag."),
        (
            {"identifiers": [{"scheme": "isbn"}]},
            "identifiers",
            "Each identifier needs a scheme and a value.",
        ),
        ({"subjects": ["history", ""]}, "subjects", "Give a list of texts."),
        ({"alt_titles": "史記"}, "alt_titles", "Give a list of texts."),
        ({"agreements": "bc"}, "agreements", "Institution B is not party to A C."),
        (
            {"creators": [{"name": {"en": "Ji Yun"}, "role": "emperor"}]},
            "creators",
            "Creator 1: Value 'emperor' is not a valid choice.",
        ),
        (
            {"creators": [{"name": {}}]},
            "creators",
            "Creator 1: Give a value in at least one language.",
        ),
    ],
)
def test_create_refuses_bad_values_naming_the_field_and_writes_nothing(
    world, extra, field, message
):
    if extra.get("agreements") == "bc":
        # An A–C agreement is not B's to link its resources to.
        agreement = make_agreement("a-c", [world["a"], world["c"]], title={"en": "A C"})
        extra["agreements"] = [agreement]
    before = _counts()
    with pytest.raises(ValidationError) as err:
        _create(world, **extra)
    assert err.value.message_dict[field] == [message]
    assert _counts() == before


def test_create_refuses_a_reversed_year_range(world):
    before = _counts()
    with pytest.raises(ValidationError) as err:
        _create(world, year_from=1800, year_to=1700)
    assert err.value.messages == ["Constraint “resource_year_range_ordered” is violated."]
    assert _counts() == before


def test_create_refuses_a_taken_identifier(world):
    _create(world)
    before = _counts()
    with pytest.raises(ValidationError) as err:
        _create(world, title={"en": "Another"})
    assert err.value.message_dict["slug"] == ["Resource with this Identifier already exists."]
    assert _counts() == before


def test_create_refuses_unknown_fields(world):
    with pytest.raises(ValidationError) as err:
        _create(world, deleted_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    assert err.value.message_dict == {"deleted_at": ["This field cannot be changed."]}


def test_create_refuses_an_unknown_period_naming_the_field(world):
    with pytest.raises(ValidationError) as err:
        _create(world, period="atlantis")
    assert err.value.message_dict == {"period": ["Unknown dynasty or period."]}


def test_create_refuses_a_title_that_is_not_a_language_map(world):
    with pytest.raises(ValidationError) as err:
        _create(world, title="四庫全書總目")
    assert err.value.message_dict == {
        "title": ['Expected an object of language tags to text, such as {"en": "…"}.']
    }


# -- resource_update ---------------------------------------------------------------------------


def test_update_of_the_date_as_written_derives_new_years_and_records_the_diff(world):
    resource = _create(world, date_written="清乾隆四十年")
    resource = services.resource_update(
        actor=world["editor_b"], resource=resource, date_written="明萬曆十年"
    )
    assert (resource.year_from, resource.year_to, resource.period) == (1582, 1582, "ming")
    record = ChangeRecord.objects.get(action="update")
    assert record.actor == world["editor_b"]
    assert record.changes == {
        "date_written": ["清乾隆四十年", "明萬曆十年"],
        "year_from": [1775, 1582],
        "year_to": [1775, 1582],
        "period": ["qing", "ming"],
    }


def test_update_records_creators_and_links_and_nothing_when_nothing_changed(world):
    resource = _create(world, creators=[{"name": {"zh-Hant": "紀昀"}, "role": "editor"}])
    services.resource_update(actor=SYSTEM, resource=resource, title=resource.title)
    assert not ChangeRecord.objects.filter(action="update").exists()
    services.resource_update(
        actor=SYSTEM,
        resource=resource,
        creators=[{"name": {"zh-Hant": "永瑢"}, "role": "compiler"}],
        agreements=[world["ab"]],
    )
    record = ChangeRecord.objects.get(action="update")
    assert record.changes["creators"][1] == [
        {
            "name": {"zh-Hant": "永瑢", "zh-Latn-pinyin": "yǒng róng"},
            "role": "compiler",
            "period": "",
        }
    ]
    assert record.changes["agreements"] == [[], [world["ab"].pk]]


def test_update_moves_the_datestamp_only_when_something_changed(world):
    resource = _create(world)
    stamp = Resource.objects.get(pk=resource.pk).modified_at
    services.resource_update(actor=SYSTEM, resource=resource, kind=resource.kind)
    assert Resource.objects.get(pk=resource.pk).modified_at == stamp
    services.resource_update(actor=SYSTEM, resource=resource, call_number="善 123")
    assert Resource.objects.get(pk=resource.pk).modified_at > stamp


def test_update_by_a_partner_is_refused_and_changes_nothing(world):
    resource = _create(world)
    before = _counts()
    with pytest.raises(PermissionDenied):
        services.resource_update(actor=world["editor_a"], resource=resource, call_number="x")
    assert Resource.objects.get(pk=resource.pk).call_number == ""
    assert _counts() == before


def test_update_refuses_bad_values_and_changes_nothing(world):
    resource = _create(world, date_written="清乾隆四十年")
    with pytest.raises(ValidationError) as err:
        services.resource_update(
            actor=SYSTEM, resource=resource, date_written="清乾隆四十一年", kind="scroll"
        )
    assert err.value.message_dict == {"kind": ["Value 'scroll' is not a valid choice."]}
    resource.refresh_from_db()
    assert (resource.date_written, resource.year_from) == ("清乾隆四十年", 1775)
    with pytest.raises(ValidationError) as err:
        services.resource_update(actor=SYSTEM, resource=resource, holder=world["a"])
    assert err.value.message_dict == {"holder": ["This field cannot be changed."]}


# -- resource_delete ---------------------------------------------------------------------------


def _add_image(resource: Resource) -> DigitalObject:
    buffer = io.BytesIO()
    Image.new("RGB", (30, 20), (10, 20, 30)).save(buffer, "PNG")
    buffer.seek(0)
    return images.image_add(actor=SYSTEM, resource=resource, file=buffer, original_name="p.png")


def test_delete_leaves_a_tombstone_and_removes_the_images(
    world, django_capture_on_commit_callbacks
):
    resource = _create(world)
    image = _add_image(resource)
    master = images.master_path(image)
    assert master.exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.resource_delete(actor=world["editor_b"], resource=resource)
    tomb = Resource.objects.get(pk=resource.pk)
    assert tomb.is_deleted and tomb.modified_at == tomb.deleted_at
    assert not DigitalObject.objects.filter(resource=resource).exists()
    assert not master.exists()
    assert ChangeRecord.objects.filter(action="delete", target_id=resource.pk).count() == 1
    assert list(selectors.resource_list(user=world["editor_b"])) == []
    assert [r.slug for r in selectors.feed_resources(user=SYSTEM)] == ["siku"]
    # A second delete changes nothing.
    services.resource_delete(actor=world["editor_b"], resource=tomb)
    assert ChangeRecord.objects.filter(action="delete", target_id=resource.pk).count() == 1


def test_delete_by_a_partner_is_refused(world):
    resource = _create(world)
    with pytest.raises(PermissionDenied):
        services.resource_delete(actor=world["editor_a"], resource=resource)
    assert not Resource.objects.get(pk=resource.pk).is_deleted


def test_a_deleted_resource_takes_no_images_and_no_changes(world):
    resource = services.resource_delete(actor=SYSTEM, resource=_create(world))
    with pytest.raises(ValidationError) as err:
        _add_image(resource)
    assert err.value.messages == ["This resource has been deleted; its images cannot be changed."]


def test_changes_are_announced_after_commit(world, django_capture_on_commit_callbacks):
    seen: list[int] = []
    services.resource_changed_hooks.append(seen.extend)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            resource = _create(world)
        with django_capture_on_commit_callbacks(execute=True):
            services.resource_update(actor=SYSTEM, resource=resource, kind=resource.kind)
        with django_capture_on_commit_callbacks(execute=True):
            services.resource_delete(actor=SYSTEM, resource=resource)
    finally:
        services.resource_changed_hooks.remove(seen.extend)
    assert seen == [resource.pk, resource.pk]  # the update changed nothing


# -- sharing grants ----------------------------------------------------------------------------


def _grant(collection: dict[str, Any], actor: Any = SYSTEM, **extra: Any) -> SharingGrant:
    extra.setdefault("grantor", collection["b"])
    extra.setdefault("grantee", collection["a"])
    extra.setdefault("agreement", collection["ab"])
    extra.setdefault("valid_from", dt.date(2024, 1, 1))
    return services.grant_create(actor=actor, **extra)


def test_grant_create_by_the_grantors_editor_records_history_under_the_grantor(collection):
    grant = _grant(
        collection,
        actor=collection["editor_b"],
        resources=[collection["partners"], collection["private"]],
        can_download=True,
        note={"en": "For the joint exhibition."},
    )
    assert grant.created_by == collection["editor_b"]
    assert sorted(r.slug for r in grant.resources.all()) == ["hanshu-partners", "houhanshu-private"]
    record = ChangeRecord.objects.filter(action="create").latest("id")
    assert (record.actor, record.context_id, record.target_id) == (
        collection["editor_b"],
        collection["b"].pk,
        grant.pk,
    )
    assert record.changes == {
        "grantee": collection["a"].pk,
        "agreement": collection["ab"].pk,
        "valid_from": "2024-01-01",
        "valid_until": None,
        "all_resources": False,
        "can_download": True,
        "can_derive": False,
        "can_use_commercially": False,
        "resources": sorted([collection["partners"].pk, collection["private"].pk]),
    }


@pytest.mark.parametrize("user", ["editor_a", "viewer_b", "editor_c"])
def test_grant_create_by_anyone_but_the_grantors_editor_is_refused(collection, user):
    before = _counts()
    with pytest.raises(PermissionDenied):
        _grant(collection, actor=collection[user], all_resources=True)
    assert _counts() == before


def _other_holders_resource(collection: dict[str, Any]) -> Resource:
    return make_resource(collection["a"], "a-owned")


@pytest.mark.parametrize(
    ("extra", "field", "message"),
    [
        (
            {"grantee": "c", "all_resources": True},
            "agreement",
            ("Both institutions must be parties to the agreement."),
        ),
        (
            {"grantee": "c", "agreement": "bc", "all_resources": True},
            "agreement",
            ("A draft agreement cannot be the basis of a grant."),
        ),
        ({"resources": "a-owned"}, "resources", "a-owned is not held by Institution B."),
        (
            {"resources": "private", "all_resources": True},
            "resources",
            ("A grant of all resources lists none."),
        ),
        ({}, "resources", "Name the resources, or grant all of them."),
        ({"resources": "deleted"}, "resources", "deleted-one is not held by Institution B."),
    ],
)
def test_grant_create_refuses_bad_grants_and_writes_nothing(collection, extra, field, message):
    if extra.get("grantee") == "c":
        extra["grantee"] = collection["c"]
    if extra.get("agreement") == "bc":
        extra["agreement"] = collection["bc"]
    if extra.get("resources") == "a-owned":
        extra["resources"] = [_other_holders_resource(collection)]
    elif extra.get("resources") == "private":
        extra["resources"] = [collection["private"]]
    elif extra.get("resources") == "deleted":
        gone = make_resource(collection["b"], "deleted-one")
        extra["resources"] = [services.resource_delete(actor=SYSTEM, resource=gone)]
    before = _counts()
    with pytest.raises(ValidationError) as err:
        _grant(collection, **extra)
    assert err.value.message_dict == {field: [message]}
    assert _counts() == before


def test_grant_create_refuses_a_reversed_period_and_a_grant_to_oneself(collection):
    before = _counts()
    with pytest.raises(ValidationError) as err:
        _grant(collection, all_resources=True, valid_until=dt.date(2023, 1, 1))
    assert err.value.messages == ["Constraint “grant_period_ordered” is violated."]
    with pytest.raises(ValidationError) as err:
        _grant(collection, grantee=collection["b"], all_resources=True)
    assert err.value.messages == ["Constraint “grant_not_to_self” is violated."]
    assert _counts() == before


def test_grant_revoke_by_the_grantor_records_it_once(collection):
    grant = collection["grant"]
    services.grant_revoke(actor=collection["editor_b"], grant=grant)
    grant.refresh_from_db()
    assert grant.revoked_at is not None
    record = ChangeRecord.objects.get(action="update", target_id=grant.pk)
    assert record.changes == {"revoked_at": [None, grant.revoked_at.isoformat()]}
    services.grant_revoke(actor=collection["editor_b"], grant=grant)
    assert ChangeRecord.objects.filter(action="update", target_id=grant.pk).count() == 1


@pytest.mark.parametrize("user", ["editor_a", "viewer_b", "editor_c"])
def test_grant_revoke_by_the_grantee_or_others_is_refused(collection, user):
    with pytest.raises(PermissionDenied):
        services.grant_revoke(actor=collection[user], grant=collection["grant"])
    assert SharingGrant.objects.get().revoked_at is None


def test_a_grant_announces_every_resource_it_covers(collection, django_capture_on_commit_callbacks):
    seen: list[int] = []
    services.resource_changed_hooks.append(seen.extend)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            _grant(collection, all_resources=True)
    finally:
        services.resource_changed_hooks.remove(seen.extend)
    assert sorted(seen) == sorted(
        r.pk for r in (collection["public"], collection["partners"], collection["private"])
    )
