"""The sharing rules, on every read path: lists, single reads, what a user may do, images,
grants, the OAI-PMH feed. ``collection``: B holds a public (PDM), a partners (InC) and a
private (InC) resource; the private one is granted to A (view only); A–B signed, B–C draft."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.contrib.auth.models import AnonymousUser
from PIL import Image

from tongwen.accounts import services as accounts
from tongwen.agreements import services as agreements
from tongwen.catalog import images, permissions, selectors, services
from tongwen.catalog.models import DigitalObject, Resource, Rights, SharingGrant
from tongwen.catalog.permissions import FULL, NONE, Access
from tongwen.catalog.tests.conftest import make_resource
from tongwen.common.actors import SYSTEM

pytestmark = pytest.mark.django_db

VIEW_ONLY = Access(view=True)
OPEN = Access(view=True, download=True, derive=True)
ALL_THREE = ["hanshu-partners", "houhanshu-private", "shiji-public"]


@pytest.fixture(autouse=True)
def _image_store(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.TONGWEN_IMAGE_ROOT = tmp_path / "images"
    settings.TONGWEN_IIIF_CACHE_ROOT = tmp_path / "iiif-cache"


def _slugs(user) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(r.slug for r in selectors.resource_list(user=user))


def _access(user, collection) -> dict[str, Access]:  # type: ignore[no-untyped-def]
    return {
        name: permissions.resource_access(user, collection[name])
        for name in ("public", "partners", "private")
    }


def _add_image(resource: Resource) -> DigitalObject:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (180, 150, 110)).save(buffer, "PNG")
    buffer.seek(0)
    return images.image_add(actor=SYSTEM, resource=resource, file=buffer, original_name="a.png")


def _grant(collection, **extra) -> SharingGrant:  # type: ignore[no-untyped-def]
    extra.setdefault("valid_from", dt.date(2021, 1, 1))
    if not extra.get("all_resources"):
        extra.setdefault("resources", [collection["private"]])
    return services.grant_create(
        actor=SYSTEM,
        grantor=collection["b"],
        grantee=collection["a"],
        agreement=collection["ab"],
        **extra,
    )


# -- who sees what --------------------------------------------------------------------------


def test_anonymous_sees_public_only(collection):
    anonymous = AnonymousUser()
    assert _slugs(anonymous) == ["shiji-public"]
    assert _access(anonymous, collection) == {
        "public": OPEN,  # public domain: full resolution for everyone
        "partners": NONE,
        "private": NONE,
    }
    with pytest.raises(Resource.DoesNotExist):
        selectors.resource_get(user=anonymous, slug="houhanshu-private")
    with pytest.raises(Resource.DoesNotExist):
        selectors.resource_get(user=anonymous, slug="hanshu-partners")


def test_a_sees_partners_by_signed_agreement_and_private_by_grant(collection):
    editor_a = collection["editor_a"]
    assert _slugs(editor_a) == ALL_THREE
    assert _access(editor_a, collection) == {
        "public": OPEN,
        "partners": VIEW_ONLY,
        "private": VIEW_ONLY,  # the grant gives no download
    }
    assert selectors.resource_get(user=editor_a, slug="houhanshu-private").slug == (
        "houhanshu-private"
    )


def test_c_sees_public_only_because_a_draft_agreement_makes_no_partner(collection):
    editor_c = collection["editor_c"]
    assert permissions.partner_institution_ids({collection["c"].pk}) == set()
    assert _slugs(editor_c) == ["shiji-public"]
    assert _access(editor_c, collection) == {"public": OPEN, "partners": NONE, "private": NONE}
    for slug in ("hanshu-partners", "houhanshu-private"):
        with pytest.raises(Resource.DoesNotExist):
            selectors.resource_get(user=editor_c, slug=slug)


def test_signing_the_draft_makes_c_a_partner_but_not_a_grantee(collection):
    agreements.agreement_update(actor=SYSTEM, agreement=collection["bc"], status="signed")
    editor_c = collection["editor_c"]
    assert _slugs(editor_c) == ["hanshu-partners", "shiji-public"]
    assert permissions.resource_access(editor_c, collection["private"]) == NONE


def test_every_member_of_the_holder_has_full_use_even_a_viewer(collection):
    for user in (collection["editor_b"], collection["viewer_b"]):
        assert _slugs(user) == ALL_THREE
        assert _access(user, collection) == {"public": FULL, "partners": FULL, "private": FULL}


def test_platform_admin_and_system_see_and_use_everything(collection):
    admin = accounts.user_create(username="root", password="correct horse battery")
    admin.is_superuser = True
    admin.save()
    for user in (admin, SYSTEM):
        assert _slugs(user) == ALL_THREE
        assert _access(user, collection)["private"] == FULL


def test_public_resource_in_copyright_is_capped_for_outsiders(collection):
    inc = make_resource(collection["b"], "inc-public", rights=Rights.INC)
    cc_by_nc = make_resource(collection["b"], "nc-public", rights=Rights.CC_BY_NC)
    for user in (AnonymousUser(), collection["editor_a"], collection["editor_c"]):
        assert permissions.resource_access(user, inc) == VIEW_ONLY
        assert permissions.resource_access(user, cc_by_nc) == VIEW_ONLY
    assert permissions.resource_access(collection["viewer_b"], inc) == FULL


def test_grant_flags_add_download_derivatives_and_commercial_use(collection):
    _grant(
        collection,
        resources=[collection["partners"]],
        can_download=True,
        can_derive=True,
    )
    editor_a = collection["editor_a"]
    assert permissions.resource_access(editor_a, collection["partners"]) == OPEN
    assert permissions.resource_access(editor_a, collection["private"]) == VIEW_ONLY
    _grant(collection, can_use_commercially=True)
    assert permissions.resource_access(editor_a, collection["private"]) == Access(
        view=True, commercial=True
    )
    # Neither grant reaches C.
    assert permissions.resource_access(collection["editor_c"], collection["partners"]) == NONE


def test_a_grant_of_all_resources_covers_resources_added_later(collection):
    _grant(collection, all_resources=True, can_download=True)
    later = make_resource(collection["b"], "later-private", "private", rights=Rights.INC)
    editor_a = collection["editor_a"]
    assert "later-private" in _slugs(editor_a)
    assert permissions.resource_access(editor_a, later) == Access(view=True, download=True)
    assert "later-private" not in _slugs(collection["editor_c"])


def test_a_revoked_grant_gives_nothing(collection):
    services.grant_revoke(actor=SYSTEM, grant=collection["grant"])
    editor_a = collection["editor_a"]
    assert _slugs(editor_a) == ["hanshu-partners", "shiji-public"]
    assert permissions.resource_access(editor_a, collection["private"]) == NONE
    assert permissions.grants_for(editor_a, collection["private"]) == []


def test_an_expired_grant_gives_nothing(collection):
    services.grant_revoke(actor=SYSTEM, grant=collection["grant"])
    yesterday = dt.date.today() - dt.timedelta(days=1)
    _grant(collection, valid_from=dt.date(2020, 1, 1), valid_until=yesterday, can_download=True)
    editor_a = collection["editor_a"]
    assert "houhanshu-private" not in _slugs(editor_a)
    assert permissions.resource_access(editor_a, collection["private"]) == NONE


def test_a_grant_not_yet_valid_gives_nothing(collection):
    services.grant_revoke(actor=SYSTEM, grant=collection["grant"])
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    _grant(collection, valid_from=tomorrow, can_download=True)
    editor_a = collection["editor_a"]
    assert "houhanshu-private" not in _slugs(editor_a)
    assert permissions.resource_access(editor_a, collection["private"]) == NONE


def test_a_grant_valid_until_today_still_counts(collection):
    services.grant_revoke(actor=SYSTEM, grant=collection["grant"])
    _grant(collection, valid_until=dt.date.today(), can_download=True)
    assert permissions.resource_access(collection["editor_a"], collection["private"]) == Access(
        view=True, download=True
    )


def test_membership_in_a_grantee_counts_for_viewers_too(collection):
    viewer_a = accounts.user_create(username="viewer-a", password="correct horse battery")
    accounts.membership_grant(user=viewer_a, institution=collection["a"], role="viewer")
    assert _slugs(viewer_a) == ALL_THREE
    assert permissions.resource_access(viewer_a, collection["private"]) == VIEW_ONLY


# -- filters never widen what is seen --------------------------------------------------------


def test_filters_apply_inside_the_visible_set(collection):
    editor_c = collection["editor_c"]
    hidden = selectors.resource_list(user=editor_c, visibility="private")
    assert list(hidden) == []
    assert selectors.resource_list(user=editor_c, holder="inst-b").count() == 1
    assert [r.slug for r in selectors.resource_list(user=AnonymousUser(), kind="ancient_book")] == [
        "shiji-public"
    ]
    assert [r.slug for r in selectors.resource_list(user=SYSTEM, period="qing")] == ["shiji-public"]
    assert [r.slug for r in selectors.resource_list(user=SYSTEM, period="western-han")] == [
        "shiji-public"
    ]  # the creator's period


def test_has_images_filter(collection):
    _add_image(collection["private"])
    editor_a = collection["editor_a"]
    assert [r.slug for r in selectors.resource_list(user=editor_a, has_images=True)] == [
        "houhanshu-private"
    ]
    assert [r.slug for r in selectors.resource_list(user=editor_a, has_images=False)] == [
        "hanshu-partners",
        "shiji-public",
    ]
    assert list(selectors.resource_list(user=collection["editor_c"], has_images=True)) == []


# -- images follow their resource ------------------------------------------------------------


def test_an_image_is_seen_exactly_by_who_sees_its_resource(collection):
    image = _add_image(collection["private"])
    found, access = selectors.image_get(user=collection["editor_a"], iiif_id=image.iiif_id)
    assert (found.pk, access) == (image.pk, VIEW_ONLY)
    for user in (AnonymousUser(), collection["editor_c"]):
        with pytest.raises(DigitalObject.DoesNotExist):
            selectors.image_get(user=user, iiif_id=image.iiif_id)
    with pytest.raises(DigitalObject.DoesNotExist):
        selectors.image_get(user=SYSTEM, iiif_id="no-such-image")


# -- tombstones ------------------------------------------------------------------------------


def test_a_deleted_resource_is_hidden_everywhere_but_stays_in_the_feed(collection):
    public = collection["public"]
    services.resource_delete(actor=SYSTEM, resource=public)
    for user in (AnonymousUser(), collection["editor_a"], collection["editor_b"], SYSTEM):
        assert "shiji-public" not in _slugs(user)
        with pytest.raises(Resource.DoesNotExist):
            selectors.resource_get(user=user, slug="shiji-public")
    public.refresh_from_db()
    assert permissions.resource_access(collection["editor_b"], public) == NONE
    assert permissions.resource_access(SYSTEM, public) == NONE
    feed = {r.slug: r.is_deleted for r in selectors.feed_resources(user=AnonymousUser())}
    assert feed == {"shiji-public": True}


def test_the_feed_keeps_tombstones_only_of_what_the_reader_could_see(collection):
    services.resource_delete(actor=SYSTEM, resource=collection["private"])
    assert "houhanshu-private" not in {
        r.slug for r in selectors.feed_resources(user=collection["editor_c"])
    }
    assert "houhanshu-private" in {
        r.slug for r in selectors.feed_resources(user=collection["editor_a"])
    }


# -- grants are seen by the two parties only -------------------------------------------------


def test_grants_are_listed_to_grantor_and_grantee_only(collection):
    grant = collection["grant"]
    assert list(selectors.grant_list(user=collection["editor_a"])) == [grant]
    assert list(selectors.grant_list(user=collection["viewer_b"])) == [grant]
    assert list(selectors.grant_list(user=collection["editor_c"])) == []
    assert list(selectors.grant_list(user=AnonymousUser())) == []
    assert list(selectors.grant_list(user=SYSTEM, institution="inst-c")) == []
    assert list(selectors.grant_list(user=SYSTEM, institution="inst-a")) == [grant]


# -- who may write ---------------------------------------------------------------------------


def test_only_editors_of_the_holder_may_edit_and_grant(collection):
    b, private = collection["b"], collection["private"]
    assert permissions.can_edit_resource(collection["editor_b"], private)
    assert permissions.can_grant(collection["editor_b"], b.pk)
    for user in (collection["viewer_b"], collection["editor_a"], AnonymousUser()):
        assert not permissions.can_edit_resource(user, private)
        assert not permissions.can_grant(user, b.pk)
        assert not permissions.can_create_resource(user, b.pk)
    assert permissions.can_edit_resource(SYSTEM, private)
