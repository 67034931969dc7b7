"""The collection API: who sees what, what each write does and refuses, and in what shape."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from tongwen.catalog import images, services
from tongwen.catalog.models import DigitalObject, Resource, Rights, SharingGrant
from tongwen.catalog.tests.conftest import make_resource
from tongwen.common import history
from tongwen.common.actors import SYSTEM

pytestmark = pytest.mark.django_db

RESOURCES = "/api/v1/resources/"
GRANTS = "/api/v1/grants/"
BASE = "http://testserver"


@pytest.fixture(autouse=True)
def _image_store(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.TONGWEN_IMAGE_ROOT = tmp_path / "images"
    settings.TONGWEN_IIIF_CACHE_ROOT = tmp_path / "iiif-cache"


def _errors(response) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return {(e["field"], e["message"]) for e in response.json()["errors"]}


def _slugs(response) -> list[str]:  # type: ignore[no-untyped-def]
    return [r["slug"] for r in response.json()["results"]]


def _png(width: int = 40, height: int = 30, name: str = "leaf.png") -> io.BytesIO:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (120, 90, 60)).save(buffer, "PNG")
    buffer.seek(0)
    buffer.name = name
    return buffer


def _add_image(resource: Resource, **extra: Any) -> DigitalObject:
    return images.image_add(
        actor=SYSTEM, resource=resource, file=_png(), original_name="leaf.png", **extra
    )


# -- reading: who sees what ------------------------------------------------------------------


def test_anonymous_sees_public_only_and_hidden_is_a_404_like_missing(collection, api):
    response = api.get(RESOURCES)
    assert response.status_code == 200
    assert (response.json()["count"], _slugs(response)) == (1, ["shiji-public"])
    for slug in ("hanshu-partners", "houhanshu-private", "no-such-thing"):
        response = api.get(f"{RESOURCES}{slug}/")
        assert response.status_code == 404
        assert response.json() == {
            "errors": [{"field": "non_field_errors", "code": "not_found", "message": "Not found."}]
        }


def test_partner_a_sees_partners_and_granted_private_with_view_only_access(collection, api):
    api.force_authenticate(collection["editor_a"])
    response = api.get(RESOURCES)
    assert response.json()["count"] == 3
    assert _slugs(response) == ["hanshu-partners", "houhanshu-private", "shiji-public"]
    private = api.get(f"{RESOURCES}houhanshu-private/").json()
    assert private["access"] == {
        "view": True,
        "download": False,
        "derive": False,
        "commercial": False,
    }
    public = api.get(f"{RESOURCES}shiji-public/").json()
    assert public["access"] == {"view": True, "download": True, "derive": True, "commercial": False}


def test_c_does_not_see_bs_private_or_partners_resources_not_even_in_counts(collection, api):
    api.force_authenticate(collection["editor_c"])
    response = api.get(RESOURCES)
    assert (response.json()["count"], _slugs(response)) == (1, ["shiji-public"])
    assert api.get(RESOURCES, {"visibility": "private"}).json()["count"] == 0
    assert api.get(RESOURCES, {"holder": "inst-b"}).json()["count"] == 1
    assert api.get(f"{RESOURCES}houhanshu-private/").status_code == 404
    assert api.get(f"{RESOURCES}hanshu-partners/").status_code == 404
    assert api.get(f"{RESOURCES}houhanshu-private/images/").status_code == 404


def test_the_holders_viewer_has_full_access(collection, api):
    api.force_authenticate(collection["viewer_b"])
    body = api.get(f"{RESOURCES}houhanshu-private/").json()
    assert body["access"] == {"view": True, "download": True, "derive": True, "commercial": True}


def test_a_revoked_grant_takes_the_private_resource_away(collection, api):
    services.grant_revoke(actor=SYSTEM, grant=collection["grant"])
    api.force_authenticate(collection["editor_a"])
    assert api.get(RESOURCES).json()["count"] == 2
    assert api.get(f"{RESOURCES}houhanshu-private/").status_code == 404


def test_detail_has_every_part_and_absolute_discovery_links(collection, api, settings):
    settings.TONGWEN_OAI_NAMESPACE = "tongwen.example.org"
    public = collection["public"]
    services.resource_update(
        actor=SYSTEM,
        resource=public,
        extent_juan=130,
        call_number="善 001",
        agreements=[collection["ab"]],
    )
    first = _add_image(public, label={"en": "Cover"})
    body = api.get(f"{RESOURCES}shiji-public/").json()
    assert body["title"] == {
        "zh-Hant": "史記",
        "en": "Records of the Grand Historian",
        "zh-Latn-pinyin": "shǐ jì",
    }
    assert body["creators"] == [
        {
            "name": {"zh-Hant": "司馬遷", "zh-Latn-pinyin": "sī mǎ qiān"},
            "role": "author",
            "role_label": "author",
            "period": "western-han",
        }
    ]
    assert (body["date_written"], body["year_from"], body["year_to"], body["period"]) == (
        "清乾隆四年",
        1739,
        1739,
        "qing",
    )
    assert body["extent"] == {"juan": 130, "volumes": None, "pages": None, "note": {}}
    assert body["rights"] == {"uri": Rights.PDM.value, "label": "Public Domain Mark 1.0"}
    assert body["holder"] == {"slug": "inst-b", "name": {"en": "Institution B"}}
    assert (body["visibility"], body["agreements"], body["initiatives"]) == ("public", ["a-b"], [])
    service = f"{BASE}/iiif/3/{first.iiif_id}"
    assert body["images"] == [
        {
            "iiif_id": first.iiif_id,
            "order": 0,
            "label": {"en": "Cover"},
            "width": 40,
            "height": 30,
            "service": service,
            "thumbnail": f"{service}/full/!300,300/0/default.jpg",
        }
    ]
    assert body["manifest"] == f"{BASE}/iiif/presentation/shiji-public/manifest"
    assert body["viewer"] == f"{BASE}/iiif/viewer/shiji-public"
    assert body["oai"] == (
        f"{BASE}/oai?verb=GetRecord&metadataPrefix=oai_dc"
        "&identifier=oai:tongwen.example.org:shiji-public"
    )


# -- filters -----------------------------------------------------------------------------------


def test_filters(collection, api):
    _add_image(collection["private"])
    api.force_authenticate(collection["editor_a"])
    assert _slugs(api.get(RESOURCES, {"visibility": "partners"})) == ["hanshu-partners"]
    assert _slugs(api.get(RESOURCES, {"period": "qing"})) == ["shiji-public"]
    assert _slugs(api.get(RESOURCES, {"has_images": "true"})) == ["houhanshu-private"]
    assert _slugs(api.get(RESOURCES, {"has_images": "false"})) == [
        "hanshu-partners",
        "shiji-public",
    ]
    assert api.get(RESOURCES, {"kind": "map"}).json()["count"] == 0
    assert api.get(RESOURCES, {"holder": "inst-a"}).json()["count"] == 0
    services.resource_update(
        actor=SYSTEM, resource=collection["partners"], agreements=[collection["ab"]]
    )
    assert _slugs(api.get(RESOURCES, {"agreement": "a-b"})) == ["hanshu-partners"]
    assert api.get(RESOURCES, {"initiative": "nothing"}).json()["count"] == 0


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"kind": "scroll"}, "kind", '"scroll" is not a valid choice.'),
        ({"visibility": "secret"}, "visibility", '"secret" is not a valid choice.'),
        ({"has_images": "perhaps"}, "has_images", "Must be a valid boolean."),
        (
            {"holder": "not a slug"},
            "holder",
            ('Enter a valid "slug" consisting of letters, numbers, underscores or hyphens.'),
        ),
        ({"page": "0"}, "page", "Ensure this value is greater than or equal to 1."),
    ],
)
def test_a_bad_filter_is_a_400_naming_it(collection, api, params, field, message):
    response = api.get(RESOURCES, params)
    assert response.status_code == 400
    assert _errors(response) == {(field, message)}


def test_pages_of_fifty(collection, api):
    for n in range(50):
        make_resource(collection["b"], f"extra-{n:02d}")
    first = api.get(RESOURCES).json()
    assert (first["count"], len(first["results"])) == (51, 50)
    assert first["next"] == f"{BASE}{RESOURCES}?page=2"
    second = api.get(RESOURCES, {"page": 2}).json()
    assert [r["slug"] for r in second["results"]] == ["shiji-public"]


def test_the_list_costs_the_same_queries_for_3_or_23_resources(collection, api):
    api.force_authenticate(collection["editor_a"])
    api.get(RESOURCES)  # the user's memberships are read once, then kept on the user
    with CaptureQueriesContext(connection) as small:
        assert api.get(RESOURCES).status_code == 200
    for n in range(20):
        resource = make_resource(collection["b"], f"more-{n:02d}", "partners")
        _add_image(resource)
    with CaptureQueriesContext(connection) as large:
        assert api.get(RESOURCES).json()["count"] == 23
    # partners, count, page, then creators, images, agreements, initiatives prefetched
    assert len(large) == len(small) == 7


# -- writing resources -----------------------------------------------------------------------


def _body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "holder": "inst-b",
        "slug": "siku",
        "kind": "ancient_book",
        "title": {"zh-Hant": "四庫全書總目", "en": "Annotated Catalogue of the Four Treasuries"},
        "rights": Rights.PDM.value,
        "date_written": "清乾隆四十年",
        "creators": [{"name": {"zh-Hant": "紀昀"}, "role": "editor", "period": "qing"}],
        "languages": ["lzh"],
        "identifiers": [{"scheme": "local", "value": "A-1"}],
        "agreements": ["a-b"],
    }
    body.update(overrides)
    return body


def test_the_holders_editor_creates_a_resource(collection, api):
    api.force_authenticate(collection["editor_b"])
    response = api.post(RESOURCES, _body(), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["year_from"], body["year_to"], body["period"]) == (1775, 1775, "qing")
    assert body["title"]["zh-Latn-pinyin"] == "sì kù quán shū zǒng mù"
    assert body["viewing_direction"] == "right-to-left"
    assert body["creators"][0]["name"] == {"zh-Hant": "紀昀", "zh-Latn-pinyin": "jì yún"}
    assert (body["agreements"], body["identifiers"]) == (
        ["a-b"],
        [{"scheme": "local", "value": "A-1"}],
    )
    assert body["access"]["download"] is True
    resource = Resource.objects.get(slug="siku")
    assert history.history_for(resource).get().actor == collection["editor_b"]


@pytest.mark.parametrize("user", ["editor_a", "viewer_b", None])
def test_create_for_b_by_anyone_but_bs_editors_is_refused(collection, api, user):
    if user:
        api.force_authenticate(collection[user])
    response = api.post(RESOURCES, _body(), format="json")
    assert response.status_code == 403
    assert not Resource.objects.filter(slug="siku").exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"kind": "scroll"}, "kind", "Value 'scroll' is not a valid choice."),
        ({"rights": "mine"}, "rights", "Value 'mine' is not a valid choice."),
        (
            {"title": "四庫全書總目"},
            "title",
            'Expected an object of language tags to text, such as {"en": "…"}.',
        ),
        ({"title": {}}, "title", "Give a value in at least one language."),
        ({"period": "atlantis"}, "period", '"atlantis" is not a valid choice.'),
        ({"holder": "nope"}, "holder", "Object with slug=nope does not exist."),
        (
            {"slug": "has space"},
            "slug",
            ('Enter a valid "slug" consisting of letters, numbers, underscores or hyphens.'),
        ),
        (
            {"agreements": ["b-c-draft", "nope"]},
            "agreements",
            "“nope” does not exist or is not visible to you.",
        ),
        (
            {"creators": [{"name": "紀昀"}]},
            "creators.0.name",
            ('Expected an object of language tags to text, such as {"en": "…"}.'),
        ),
        ({"creators": [{"role": "editor"}]}, "creators.0.name", "This field is required."),
        (
            {"creators": [{"name": {"en": "X"}, "period": "atlantis"}]},
            "creators.0.period",
            '"atlantis" is not a valid choice.',
        ),
        ({"languages": ["klingon!"]}, "languages", "“klingon!” is not a language tag."),
        (
            {"year_from": 1800, "year_to": 1700},
            "non_field_errors",
            ("Constraint “resource_year_range_ordered” is violated."),
        ),
        ({"identifiers": [{"scheme": "isbn"}]}, "identifiers.0.value", "This field is required."),
    ],
)
def test_bad_input_is_a_400_naming_the_field_and_writes_nothing(
    collection, api, overrides, field, message
):
    api.force_authenticate(collection["editor_b"])
    response = api.post(RESOURCES, _body(**overrides), format="json")
    assert response.status_code == 400
    assert (field, message) in _errors(response)
    assert not Resource.objects.filter(slug__in=["siku", "has space"]).exists()


def test_a_taken_identifier_is_a_400(collection, api):
    api.force_authenticate(collection["editor_b"])
    response = api.post(RESOURCES, _body(slug="shiji-public"), format="json")
    assert response.status_code == 400
    assert _errors(response) == {("slug", "Resource with this Identifier already exists.")}


def test_patch_by_the_holders_editor_rederives_dates_and_records_history(collection, api):
    api.force_authenticate(collection["editor_b"])
    response = api.patch(
        f"{RESOURCES}shiji-public/",
        {"date_written": "明萬曆十年", "visibility": "partners"},
        format="json",
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["year_from"], body["period"], body["visibility"]) == (1582, "ming", "partners")
    record = history.history_for(collection["public"]).filter(action="update").get()
    assert record.actor == collection["editor_b"]
    assert set(record.changes) == {"date_written", "year_from", "year_to", "period", "visibility"}


def test_patch_cannot_move_a_resource_to_another_holder(collection, api):
    api.force_authenticate(collection["editor_b"])
    response = api.patch(f"{RESOURCES}shiji-public/", {"holder": "inst-a"}, format="json")
    assert response.status_code == 400
    assert _errors(response) == {
        ("holder", "The holding institution of a resource cannot be changed.")
    }


def test_patch_by_a_partner_who_sees_it_is_403_by_an_outsider_404(collection, api):
    api.force_authenticate(collection["editor_a"])
    response = api.patch(f"{RESOURCES}houhanshu-private/", {"call_number": "x"}, format="json")
    assert response.status_code == 403
    assert response.json()["errors"][0]["message"] == "You do not have permission to do this."
    api.force_authenticate(collection["editor_c"])
    response = api.patch(f"{RESOURCES}houhanshu-private/", {"call_number": "x"}, format="json")
    assert response.status_code == 404
    assert Resource.objects.get(slug="houhanshu-private").call_number == ""


def test_delete_leaves_a_tombstone_that_no_one_sees(collection, api):
    api.force_authenticate(collection["editor_a"])
    assert api.delete(f"{RESOURCES}hanshu-partners/").status_code == 403
    api.force_authenticate(collection["editor_b"])
    assert api.delete(f"{RESOURCES}hanshu-partners/").status_code == 204
    assert Resource.objects.get(slug="hanshu-partners").is_deleted
    assert api.get(f"{RESOURCES}hanshu-partners/").status_code == 404
    assert "hanshu-partners" not in _slugs(api.get(RESOURCES))
    assert api.delete(f"{RESOURCES}hanshu-partners/").status_code == 404


def test_anonymous_cannot_write(collection, api):
    assert api.patch(f"{RESOURCES}shiji-public/", {"kind": "map"}, format="json").status_code == 403
    assert api.delete(f"{RESOURCES}shiji-public/").status_code == 403


# -- images ------------------------------------------------------------------------------------


def _images_url(slug: str = "shiji-public") -> str:
    return f"{RESOURCES}{slug}/images/"


def test_upload_stores_the_image_and_lists_it(collection, api):
    api.force_authenticate(collection["editor_b"])
    response = api.post(
        _images_url(),
        {"file": _png(64, 48), "label": '{"en": "Cover", "zh-Hans": "封面"}'},
        format="multipart",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    image = DigitalObject.objects.get()
    assert body == {
        "iiif_id": image.iiif_id,
        "order": 0,
        "label": {"en": "Cover", "zh-Hans": "封面", "zh-Latn-pinyin": "fēng miàn"},
        "width": 64,
        "height": 48,
        "service": f"{BASE}/iiif/3/{image.iiif_id}",
        "thumbnail": f"{BASE}/iiif/3/{image.iiif_id}/full/!300,300/0/default.jpg",
    }
    assert images.master_path(image).exists()
    second = api.post(_images_url(), {"file": _png(), "order": "0"}, format="multipart").json()
    listed = api.get(_images_url()).json()
    assert [i["iiif_id"] for i in listed] == [second["iiif_id"], image.iiif_id]
    assert [i["order"] for i in listed] == [0, 1]
    # Anyone who sees the resource sees its images.
    api.force_authenticate(None)
    assert len(api.get(_images_url()).json()) == 2


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"file": io.BytesIO(b"just some text, no image")},
            "file",
            "The file is not a JPEG, PNG or TIFF image.",
        ),
        ({}, "file", "No file was submitted."),
        (
            {"file": "not a file"},
            "file",
            ("The submitted data was not a file. Check the encoding type on the form."),
        ),
        ({"file": "png", "label": "{not json"}, "label", "Value must be valid JSON."),
        ({"file": "png", "label": '{"klingon!": "x"}'}, "label", None),
        (
            {"file": "png", "order": "-1"},
            "order",
            "Ensure this value is greater than or equal to 0.",
        ),
    ],
)
def test_a_bad_upload_is_a_400_naming_the_problem(collection, api, data, field, message):
    if data.get("file") == "png":
        data["file"] = _png()
    elif isinstance(data.get("file"), io.BytesIO):
        data["file"].name = "notes.jpg"
    api.force_authenticate(collection["editor_b"])
    response = api.post(_images_url(), data, format="multipart")
    assert response.status_code == 400
    if message is None:  # the store's own check of the label
        assert _errors(response) == {("label", "“klingon!” is not a valid language tag.")}
    else:
        assert _errors(response) == {(field, message)}
    assert not DigitalObject.objects.exists()


def test_upload_must_be_multipart(collection, api):
    api.force_authenticate(collection["editor_b"])
    response = api.post(_images_url(), {"file": "x"}, format="json")
    assert response.status_code == 415


def test_upload_by_a_partner_is_403_by_an_outsider_404(collection, api):
    api.force_authenticate(collection["editor_a"])
    response = api.post(_images_url("houhanshu-private"), {"file": _png()}, format="multipart")
    assert response.status_code == 403
    api.force_authenticate(collection["editor_c"])
    response = api.post(_images_url("houhanshu-private"), {"file": _png()}, format="multipart")
    assert response.status_code == 404
    assert not DigitalObject.objects.exists()


def test_reorder_relabel_and_remove_images(collection, api, django_capture_on_commit_callbacks):
    public = collection["public"]
    first, second, third = (_add_image(public) for _ in range(3))
    api.force_authenticate(collection["editor_b"])
    wanted = [third.iiif_id, first.iiif_id, second.iiif_id]
    response = api.post(_images_url() + "reorder/", {"order": wanted}, format="json")
    assert response.status_code == 200
    assert [i["iiif_id"] for i in response.json()] == wanted

    response = api.post(_images_url() + "reorder/", {"order": wanted[:2]}, format="json")
    assert response.status_code == 400
    assert _errors(response) == {("order", "List each image of this resource exactly once.")}
    response = api.post(_images_url() + "reorder/", {"order": []}, format="json")
    assert _errors(response) == {("order", "This list may not be empty.")}

    response = api.patch(
        f"{_images_url()}{first.iiif_id}/", {"label": {"en": "Preface"}}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["label"] == {"en": "Preface"}

    with django_capture_on_commit_callbacks(execute=True):
        response = api.delete(f"{_images_url()}{third.iiif_id}/")
    assert response.status_code == 204
    assert [i["iiif_id"] for i in api.get(_images_url()).json()] == [first.iiif_id, second.iiif_id]
    assert not images.master_path(third).exists()
    assert api.delete(f"{_images_url()}{third.iiif_id}/").status_code == 404


def test_image_changes_by_a_partner_are_refused(collection, api):
    image = _add_image(collection["partners"])
    api.force_authenticate(collection["editor_a"])
    url = _images_url("hanshu-partners")
    assert api.post(url + "reorder/", {"order": [image.iiif_id]}, format="json").status_code == 403
    assert api.delete(f"{url}{image.iiif_id}/").status_code == 403
    assert DigitalObject.objects.filter(pk=image.pk).exists()


def test_an_image_is_addressed_through_its_own_resource_only(collection, api):
    image = _add_image(collection["private"])
    api.force_authenticate(collection["editor_b"])
    assert api.delete(f"{_images_url('shiji-public')}{image.iiif_id}/").status_code == 404
    assert DigitalObject.objects.filter(pk=image.pk).exists()


# -- grants ------------------------------------------------------------------------------------


def test_grants_are_listed_to_the_two_parties_only(collection, api):
    assert api.get(GRANTS).status_code == 403
    api.force_authenticate(collection["editor_a"])
    body = api.get(GRANTS).json()
    assert body["count"] == 1
    grant = body["results"][0]
    assert (grant["grantor"]["slug"], grant["grantee"]["slug"], grant["agreement"]) == (
        "inst-b",
        "inst-a",
        "a-b",
    )
    assert (grant["resources"], grant["active"], grant["revoked_at"]) == (
        ["houhanshu-private"],
        True,
        None,
    )
    api.force_authenticate(collection["editor_c"])
    assert api.get(GRANTS).json()["count"] == 0
    assert api.get(f"{GRANTS}{collection['grant'].pk}/").status_code == 404


def _grant_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "grantor": "inst-b",
        "grantee": "inst-a",
        "agreement": "a-b",
        "resources": ["hanshu-partners"],
        "can_download": True,
        "valid_from": "2024-01-01",
        "valid_until": "2030-12-31",
        "note": {"en": "For the exhibition."},
    }
    body.update(overrides)
    return body


def test_the_grantors_editor_creates_a_grant_that_takes_effect(collection, api):
    api.force_authenticate(collection["editor_b"])
    response = api.post(GRANTS, _grant_body(), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["resources"], body["can_download"], body["valid_until"], body["active"]) == (
        ["hanshu-partners"],
        True,
        "2030-12-31",
        True,
    )
    api.force_authenticate(collection["editor_a"])
    detail = api.get(f"{RESOURCES}hanshu-partners/").json()
    assert detail["access"]["download"] is True


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"agreement": "b-c-draft", "grantee": "inst-c"},
            "agreement",
            ("A draft agreement cannot be the basis of a grant."),
        ),
        ({"grantee": "inst-c"}, "agreement", "Both institutions must be parties to the agreement."),
        ({"agreement": "nope"}, "agreement", "“nope” does not exist or is not visible to you."),
        ({"resources": ["nope"]}, "resources", "“nope” does not exist or is not visible to you."),
        ({"all_resources": True}, "resources", "A grant of all resources lists none."),
        ({"resources": []}, "resources", "Name the resources, or grant all of them."),
        (
            {"valid_from": "someday"},
            "valid_from",
            ("Date has wrong format. Use one of these formats instead: YYYY-MM-DD."),
        ),
        ({"grantee": "inst-z"}, "grantee", "Object with slug=inst-z does not exist."),
    ],
)
def test_a_bad_grant_is_a_400_naming_the_field(collection, api, overrides, field, message):
    api.force_authenticate(collection["editor_b"])
    response = api.post(GRANTS, _grant_body(**overrides), format="json")
    assert response.status_code == 400
    assert _errors(response) == {(field, message)}
    assert SharingGrant.objects.count() == 1


def test_a_grant_by_someone_who_does_not_edit_the_grantor_is_403(collection, api):
    api.force_authenticate(collection["editor_a"])
    response = api.post(GRANTS, _grant_body(resources=["shiji-public"]), format="json")
    assert response.status_code == 403
    assert SharingGrant.objects.count() == 1


def test_revoke_by_the_grantor_only(collection, api):
    url = f"{GRANTS}{collection['grant'].pk}/revoke/"
    api.force_authenticate(collection["editor_a"])  # the grantee
    assert api.post(url).status_code == 403
    api.force_authenticate(collection["editor_c"])
    assert api.post(url).status_code == 404
    api.force_authenticate(collection["editor_b"])
    response = api.post(url)
    assert response.status_code == 200
    assert response.json()["active"] is False
    assert response.json()["revoked_at"] is not None
    api.force_authenticate(collection["editor_a"])
    assert api.get(f"{RESOURCES}houhanshu-private/").status_code == 404


def test_a_grant_not_yet_valid_is_listed_as_inactive(collection, api):
    services.grant_create(
        actor=SYSTEM,
        grantor=collection["b"],
        grantee=collection["a"],
        agreement=collection["ab"],
        all_resources=True,
        valid_from=dt.date.today() + dt.timedelta(days=3),
    )
    api.force_authenticate(collection["editor_a"])
    actives = [g["active"] for g in api.get(GRANTS, {"institution": "inst-b"}).json()["results"]]
    assert sorted(actives) == [False, True]


# -- the API as a whole ------------------------------------------------------------------------


def test_root_and_schema_list_the_collection(collection, api):
    root = api.get("/api/v1/").json()
    assert root["resource"] == f"{BASE}/api/v1/resources/"
    assert root["grant"] == f"{BASE}/api/v1/grants/"
    schema = api.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    paths = schema["paths"]
    for path in (
        "/api/v1/resources/",
        "/api/v1/resources/{slug}/",
        "/api/v1/resources/{slug}/images/",
        "/api/v1/resources/{slug}/images/reorder/",
        "/api/v1/resources/{slug}/images/{iiif_id}/",
        "/api/v1/grants/",
        "/api/v1/grants/{id}/revoke/",
    ):
        assert path in paths, path
    upload = paths["/api/v1/resources/{slug}/images/"]["post"]["requestBody"]["content"]
    assert list(upload) == ["multipart/form-data"]
    filters = {p["name"] for p in paths["/api/v1/resources/"]["get"]["parameters"]}
    assert filters >= {"holder", "kind", "period", "visibility", "agreement", "has_images"}


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_both_languages_answer_in_the_same_shape(collection, api, language):
    response = api.get(f"{RESOURCES}shiji-public/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    assert response["Content-Language"] == language
    body = response.json()
    assert body["rights"]["uri"] == Rights.PDM.value
    assert isinstance(body["rights"]["label"], str) and body["rights"]["label"]
    missing = api.get(f"{RESOURCES}nope/", HTTP_ACCEPT_LANGUAGE=language)
    assert missing.status_code == 404
    assert missing.json()["errors"][0]["code"] == "not_found"
