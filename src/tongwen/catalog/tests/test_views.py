"""The collection pages: what each visitor sees, and the workspace forms that call the services."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from tongwen.accounts import services as accounts
from tongwen.catalog import images, services
from tongwen.catalog.models import DigitalObject, Resource, SharingGrant
from tongwen.catalog.tests.conftest import make_resource
from tongwen.common import history
from tongwen.common.actors import SYSTEM

pytestmark = pytest.mark.django_db

EN: dict[str, Any] = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def _image_store(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.TONGWEN_IMAGE_ROOT = tmp_path / "images"
    settings.TONGWEN_IIIF_CACHE_ROOT = tmp_path / "iiif-cache"


def _png_bytes(width: int = 40, height: int = 30) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (120, 90, 60)).save(buffer, "PNG")
    return buffer.getvalue()


def _add_image(resource: Resource) -> DigitalObject:
    return images.image_add(
        actor=SYSTEM, resource=resource, file=io.BytesIO(_png_bytes()), original_name="a.png"
    )


def _slugs(response) -> list[str]:  # type: ignore[no-untyped-def]
    return [r.slug for r in response.context["resources"]]


# -- the collection list ---------------------------------------------------------------------


def test_anonymous_list_shows_public_only_with_title_original_script_and_rights(
    collection, client: Client
):
    image = _add_image(collection["public"])
    response = client.get("/collection/", **EN)
    assert response.status_code == 200
    assert _slugs(response) == ["shiji-public"]
    html = response.content.decode()
    assert '<span lang="en">Records of the Grand Historian</span>' in html
    assert '<span class="original" lang="zh-Hant">史記</span>' in html
    assert f'src="/iiif/3/{image.iiif_id}/full/!200,200/0/default.jpg"' in html
    assert "Public Domain Mark 1.0" in html
    assert "[Western Han]" in html and "司馬遷" in html
    assert "清乾隆四年" in html and "(1739)" in html
    assert "Book of Han" not in html and "後漢書" not in html
    assert "visibility" not in response.context["form"].fields  # all they see is public


def test_c_sees_one_resource_and_no_trace_of_the_others(collection, client: Client):
    client.force_login(collection["editor_c"])
    response = client.get("/collection/", **EN)
    assert _slugs(response) == ["shiji-public"]
    assert response.context["page"].paginator.count == 1
    html = response.content.decode()
    assert "1 resource" in html
    assert "Book of Han" not in html and "後漢書" not in html
    response = client.get("/collection/?visibility=private", **EN)
    assert _slugs(response) == []


def test_a_sees_three_and_filters_them(collection, client: Client):
    _add_image(collection["private"])
    client.force_login(collection["editor_a"])
    assert _slugs(client.get("/collection/", **EN)) == [
        "hanshu-partners",
        "houhanshu-private",
        "shiji-public",
    ]
    assert _slugs(client.get("/collection/?visibility=partners", **EN)) == ["hanshu-partners"]
    assert _slugs(client.get("/collection/?has_images=yes", **EN)) == ["houhanshu-private"]
    assert _slugs(client.get("/collection/?has_images=no", **EN)) == [
        "hanshu-partners",
        "shiji-public",
    ]
    assert _slugs(client.get("/collection/?visibility=partners&kind=scroll", **EN)) == [
        "hanshu-partners"
    ]
    response = client.get("/collection/?period=qing&holder=inst-b", **EN)
    assert _slugs(response) == ["shiji-public"]
    assert response.context["filtered"] is True
    form = response.context["form"]
    assert ("qing", "Qing") in form.fields["period"].choices
    assert [c[0] for c in form.fields["holder"].choices] == ["", "inst-b"]


def test_list_pages_by_thirty(collection, client: Client):
    for n in range(30):
        make_resource(collection["b"], f"extra-{n:02d}")
    response = client.get("/collection/", **EN)
    assert len(_slugs(response)) == 30
    assert "page=2" in response.content.decode()
    assert _slugs(client.get("/collection/?page=2", **EN)) == ["shiji-public"]


# -- the resource page -----------------------------------------------------------------------


def test_public_page_links_viewer_manifest_and_oai_and_offers_the_embed(collection, client: Client):
    image = _add_image(collection["public"])
    response = client.get("/collection/shiji-public/", **EN)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="/iiif/viewer/shiji-public"' in html
    assert 'href="/iiif/presentation/shiji-public/manifest"' in html
    assert '<span class="iiif-logo" aria-hidden="true">IIIF</span>' in html
    assert f'src="/iiif/3/{image.iiif_id}/full/!300,300/0/default.jpg"' in html
    assert "identifier=oai:tongwen.local:shiji-public" in html
    assert "&lt;iframe src=&quot;http://testserver/iiif/embed/shiji-public&quot;" in html
    assert 'href="https://creativecommons.org/publicdomain/mark/1.0/"' in html
    access = response.context["access"]
    assert (access.view, access.download, access.derive, access.commercial) == (
        True,
        True,
        True,
        False,
    )
    assert "/collection/shiji-public/edit/" not in html
    assert "Change history" in html


def test_private_page_for_the_grantee_shows_capped_access_and_the_grant(collection, client: Client):
    _add_image(collection["private"])
    client.force_login(collection["editor_a"])
    response = client.get("/collection/houhanshu-private/", **EN)
    assert response.status_code == 200
    assert response.context["access"].download is False
    assert "Full resolution: not for you" in response.content.decode()
    assert response.context["grants"] == [collection["grant"]]
    assert response.context["embed"] is None  # only public resources can be embedded
    assert "/collection/houhanshu-private/edit/" not in response.content.decode()


@pytest.mark.parametrize("user", [None, "editor_c"])
def test_hidden_pages_are_404_for_outsiders(collection, client: Client, user):
    if user:
        client.force_login(collection[user])
    for slug in ("houhanshu-private", "hanshu-partners", "no-such-thing"):
        assert client.get(f"/collection/{slug}/").status_code == 404


def test_the_holders_editor_sees_the_editing_links_and_the_history(collection, client: Client):
    services.resource_update(
        actor=collection["editor_b"], resource=collection["private"], call_number="善 9"
    )
    client.force_login(collection["editor_b"])
    html = client.get("/collection/houhanshu-private/", **EN).content.decode()
    for link in ("edit/", "delete/", "images/"):
        assert f'href="/collection/houhanshu-private/{link}"' in html
    assert "editor-b" in html and "call_number" in html


@pytest.mark.parametrize(("language", "heading"), [("zh-hans", "史記"), ("en", "Records of")])
def test_pages_render_in_both_languages(collection, client: Client, language, heading):
    for url in ("/collection/", "/collection/shiji-public/"):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200
        html = response.content.decode()
        assert f'<html lang="{"zh-Hans" if language == "zh-hans" else "en"}">' in html
        assert 'href="/collection/"' in html  # the site navigation
        assert heading in html
    html = client.get("/collection/shiji-public/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert f'<h1><span lang="{"zh-Hant" if language == "zh-hans" else "en"}">' in html


# -- creating and editing --------------------------------------------------------------------


def _resource_post(collection: dict[str, Any], **extra: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "holder": collection["b"].pk,
        "slug": "",
        "kind": "ancient_book",
        "title_zh-Hant": "四庫全書總目",
        "title_zh-Hans": "",
        "title_en": "Annotated Catalogue of the Four Treasuries",
        "creators": "紀昀 | editor | qing\n永瑢 | compiler | 清\n陸錫熊",
        "date_written": "清乾隆四十年",
        "languages": "lzh, zh-Hant",
        "identifiers": "local | A-1",
        "subjects": "catalogues\nbibliography",
        "rights": "https://creativecommons.org/publicdomain/mark/1.0/",
        "visibility": "partners",
        "viewing_direction": "",
        "agreements": [collection["ab"].pk],
    }
    data.update(extra)
    return data


def test_create_through_the_form(collection, client: Client):
    client.force_login(collection["editor_b"])
    assert client.get("/collection/new/", **EN).status_code == 200
    response = client.post("/collection/new/", _resource_post(collection), **EN)
    assert response.status_code == 302
    resource = Resource.objects.get(slug="annotated-catalogue-of-the-four-treasuries")
    assert response["Location"] == f"/collection/{resource.slug}/"
    assert (resource.year_from, resource.year_to, resource.period) == (1775, 1775, "qing")
    assert resource.title["zh-Latn-pinyin"] == "sì kù quán shū zǒng mù"
    assert resource.viewing_direction == "right-to-left"
    assert (resource.languages, resource.subjects) == (
        ["lzh", "zh-Hant"],
        ["catalogues", "bibliography"],
    )
    assert resource.identifiers == [{"scheme": "local", "value": "A-1"}]
    assert [(c.name["zh"], c.role, c.period) for c in resource.creators.all()] == [
        ("紀昀", "editor", "qing"),
        ("永瑢", "compiler", "qing"),
        ("陸錫熊", "author", ""),
    ]
    assert [a.slug for a in resource.agreements.all()] == ["a-b"]
    assert history.history_for(resource).get().actor == collection["editor_b"]


def test_a_derived_identifier_that_is_taken_gets_a_number(collection, client: Client):
    client.force_login(collection["editor_b"])
    post = _resource_post(collection, title_en="", **{"title_zh-Hant": "史記"})
    make_resource(collection["b"], "shi-ji")
    assert client.post("/collection/new/", post).status_code == 302
    assert Resource.objects.filter(slug="shi-ji-2").exists()


@pytest.mark.parametrize(
    ("extra", "field", "message"),
    [
        ({"creators": "紀昀 | emperor"}, "creators", "Line 1: “emperor” is not a role."),
        (
            {"creators": "紀昀 | editor | atlantis"},
            "creators",
            ("Line 1: “atlantis” is not a dynasty or period."),
        ),
        ({"creators": "a | b | c | d"}, "creators", "Line 1: write “name | role | period”."),
        ({"identifiers": "just a value"}, "identifiers", "Line 1: write “scheme | value”."),
        ({"title_zh-Hant": "", "title_en": ""}, "title", "This field is required."),
        ({"languages": "klingon!"}, "languages", "“klingon!” is not a language tag."),
        (
            {"year_from": "1800", "year_to": "1700"},
            "__all__",
            ("Constraint “resource_year_range_ordered” is violated."),
        ),
        (
            {"holder": "a"},
            "holder",
            ("Select a valid choice. That choice is not one of the available choices."),
        ),
    ],
)
def test_create_errors_rerender_with_400_and_save_nothing(
    collection, client: Client, extra, field, message
):
    if extra.get("holder") == "a":
        extra["holder"] = collection["a"].pk
    client.force_login(collection["editor_b"])
    before = Resource.objects.count()
    response = client.post("/collection/new/", _resource_post(collection, **extra), **EN)
    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]
    assert Resource.objects.count() == before


def test_create_needs_an_institution_one_edits(collection, client: Client):
    client.force_login(collection["viewer_b"])
    response = client.get("/collection/new/", **EN)
    assert response.status_code == 403
    assert "Not allowed" in response.content.decode()
    client.logout()
    response = client.get("/collection/new/")
    assert response["Location"] == "/accounts/login/?next=/collection/new/"


def _edit_post(resource: Resource, **extra: Any) -> dict[str, Any]:
    from tongwen.catalog.forms import ResourceForm

    initial = ResourceForm.initial_for(resource, "en")
    data: dict[str, Any] = {}
    for name, value in initial.items():
        if name in ("title", "edition_note", "extent_note", "description"):
            for tag in ("zh-Hant", "zh-Hans", "en"):
                data[f"{name}_{tag}"] = value.get(tag, "")
        elif name in ("agreements", "initiatives"):
            data[name] = [v.pk for v in value]
        elif name in ("alt_titles", "subjects"):
            data[name] = "\n".join(value)
        elif name == "identifiers":
            data[name] = "\n".join(f"{i['scheme']} | {i['value']}" for i in value)
        else:
            data[name] = "" if value is None else value
    data.update(extra)
    return data


def test_edit_changes_only_what_changed_and_rederives_the_years(collection, client: Client):
    public = collection["public"]
    client.force_login(collection["editor_b"])
    assert client.get("/collection/shiji-public/edit/", **EN).status_code == 200
    response = client.post("/collection/shiji-public/edit/", _edit_post(public))
    assert response.status_code == 302
    assert not history.history_for(public).filter(action="update").exists()
    response = client.post(
        "/collection/shiji-public/edit/", _edit_post(public, date_written="明萬曆十年")
    )
    assert response.status_code == 302
    public.refresh_from_db()
    assert (public.year_from, public.period) == (1582, "ming")
    record = history.history_for(public).get(action="update")
    assert set(record.changes) == {"date_written", "year_from", "year_to", "period"}
    # The creator typed back as shown keeps its whole name map.
    assert public.creators.get().name == {"zh-Hant": "司馬遷", "zh-Latn-pinyin": "sī mǎ qiān"}


def test_edit_keeps_values_in_languages_the_form_does_not_show(collection, client: Client):
    public = collection["public"]
    services.resource_update(
        actor=SYSTEM, resource=public, title={**public.title, "fr": "Mémoires historiques"}
    )
    public.refresh_from_db()
    client.force_login(collection["editor_b"])
    response = client.post(
        "/collection/shiji-public/edit/", _edit_post(public, **{"title_zh-Hans": "史记"})
    )
    assert response.status_code == 302
    public.refresh_from_db()
    assert public.title == {
        "fr": "Mémoires historiques",
        "zh-Hant": "史記",
        "zh-Hans": "史记",
        "en": "Records of the Grand Historian",
        "zh-Latn-pinyin": "shǐ jì",
    }


def test_edit_by_a_partner_is_403_and_by_an_outsider_404(collection, client: Client):
    private = collection["private"]
    client.force_login(collection["editor_a"])
    assert client.get("/collection/houhanshu-private/edit/").status_code == 403
    post = _edit_post(private, call_number="hijacked")
    assert client.post("/collection/houhanshu-private/edit/", post).status_code == 403
    client.force_login(collection["editor_c"])
    assert client.post("/collection/houhanshu-private/edit/", post).status_code == 404
    assert Resource.objects.get(slug="houhanshu-private").call_number == ""


def test_delete_asks_then_withdraws(collection, client: Client):
    client.force_login(collection["editor_a"])
    assert client.post("/collection/hanshu-partners/delete/").status_code == 403
    client.force_login(collection["editor_b"])
    response = client.get("/collection/hanshu-partners/delete/", **EN)
    assert response.status_code == 200
    assert "cannot be undone" in response.content.decode()
    assert not Resource.objects.get(slug="hanshu-partners").is_deleted
    response = client.post("/collection/hanshu-partners/delete/", **EN)
    assert response["Location"] == "/collection/"
    assert Resource.objects.get(slug="hanshu-partners").is_deleted
    assert client.get("/collection/hanshu-partners/").status_code == 404


# -- images ----------------------------------------------------------------------------------


def test_upload_reorder_and_remove_images(
    collection, client: Client, django_capture_on_commit_callbacks
):
    client.force_login(collection["editor_b"])
    url = "/collection/shiji-public/images/"
    assert client.get(url, **EN).status_code == 200
    for n in range(2):
        upload = SimpleUploadedFile(f"leaf-{n}.png", _png_bytes(), content_type="image/png")
        response = client.post(url, {"file": upload, "label_en": f"Leaf {n}", "position": ""})
        assert response.status_code == 302, response.context["form"].errors
    first, second = DigitalObject.objects.order_by("order")
    assert (first.label, first.original_name) == ({"en": "Leaf 0"}, "leaf-0.png")
    upload = SimpleUploadedFile("front.png", _png_bytes(), content_type="image/png")
    client.post(url, {"file": upload, "position": "1"})
    front = DigitalObject.objects.get(original_name="front.png")
    assert [i.pk for i in DigitalObject.objects.order_by("order")] == [
        front.pk,
        first.pk,
        second.pk,
    ]

    response = client.post(
        url + "reorder/",
        {
            f"position-{front.iiif_id}": "3",
            f"position-{first.iiif_id}": "1",
            f"position-{second.iiif_id}": "2",
        },
    )
    assert response["Location"] == url
    assert [i.pk for i in DigitalObject.objects.order_by("order")] == [
        first.pk,
        second.pk,
        front.pk,
    ]

    html = client.get(url, **EN).content.decode()  # an image without a label shows too
    assert html.count('<span class="thumb">') == 3 and "front.png" in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{url}{front.iiif_id}/delete/")
    assert response["Location"] == url
    assert not DigitalObject.objects.filter(pk=front.pk).exists()
    assert not images.master_path(front).exists()
    assert client.post(f"{url}{front.iiif_id}/delete/").status_code == 404
    assert client.get(f"{url}reorder/").status_code == 405


def test_a_bad_upload_shows_the_problem(collection, client: Client):
    client.force_login(collection["editor_b"])
    upload = SimpleUploadedFile("notes.jpg", b"plain text pretending", content_type="image/jpeg")
    response = client.post("/collection/shiji-public/images/", {"file": upload}, **EN)
    assert response.status_code == 400
    assert response.context["form"].errors["file"] == ["The file is not a JPEG, PNG or TIFF image."]
    assert "The file is not a JPEG, PNG or TIFF image." in response.content.decode()
    assert not DigitalObject.objects.exists()


def test_image_pages_are_for_the_holders_editors(collection, client: Client):
    image = _add_image(collection["partners"])
    client.force_login(collection["editor_a"])
    assert client.get("/collection/hanshu-partners/images/").status_code == 403
    upload = SimpleUploadedFile("x.png", _png_bytes(), content_type="image/png")
    assert client.post("/collection/hanshu-partners/images/", {"file": upload}).status_code == 403
    url = f"/collection/hanshu-partners/images/{image.iiif_id}/delete/"
    assert client.post(url).status_code == 403
    client.force_login(collection["editor_c"])
    assert client.get("/collection/hanshu-partners/images/").status_code == 404
    assert DigitalObject.objects.filter(pk=image.pk).exists()


# -- sharing ---------------------------------------------------------------------------------


def _grant_post(collection: dict[str, Any], **extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "grantor": collection["b"].pk,
        "grantee": collection["a"].pk,
        "agreement": collection["ab"].pk,
        "resources": [collection["partners"].pk],
        "can_download": "on",
        "valid_from": "2024-01-01",
        "valid_until": "",
    }
    data.update(extra)
    return data


def test_sharing_page_lists_given_and_received(collection, client: Client):
    client.force_login(collection["editor_b"])
    response = client.get("/workspace/sharing/", **EN)
    assert response.status_code == 200
    assert response.context["given"] == [collection["grant"]]
    assert response.context["received"] == []
    html = response.content.decode()
    assert f'action="/workspace/sharing/{collection["grant"].pk}/revoke/"' in html
    client.force_login(collection["editor_a"])
    response = client.get("/workspace/sharing/", **EN)
    assert (response.context["given"], response.context["received"]) == ([], [collection["grant"]])
    assert "/revoke/" not in response.content.decode()  # the grantee cannot revoke


def test_give_a_grant_through_the_form(collection, client: Client):
    client.force_login(collection["editor_b"])
    response = client.post("/workspace/sharing/", _grant_post(collection))
    assert response["Location"] == "/workspace/sharing/"
    grant = SharingGrant.objects.latest("id")
    assert (grant.grantee, grant.can_download, list(grant.resources.all())) == (
        collection["a"],
        True,
        [collection["partners"]],
    )
    assert grant.created_by == collection["editor_b"]


@pytest.mark.parametrize(
    ("extra", "field", "message"),
    [
        ({"grantee": "c"}, "agreement", "Both institutions must be parties to the agreement."),
        (
            {"agreement": "bc"},
            "agreement",
            ("Select a valid choice. That choice is not one of the available choices."),
        ),
        ({"all_resources": "on"}, "resources", "A grant of all resources lists none."),
        ({"resources": []}, "resources", "Name the resources, or grant all of them."),
        (
            {"grantor": "a"},
            "grantor",
            ("Select a valid choice. That choice is not one of the available choices."),
        ),
    ],
)
def test_a_bad_grant_rerenders_with_the_error(collection, client: Client, extra, field, message):
    for key, name in (("grantee", "c"), ("grantor", "a")):
        if extra.get(key) == name:
            extra[key] = collection[name].pk
    if extra.get("agreement") == "bc":
        extra["agreement"] = collection["bc"].pk
    client.force_login(collection["editor_b"])
    response = client.post("/workspace/sharing/", _grant_post(collection, **extra), **EN)
    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]
    assert SharingGrant.objects.count() == 1


def test_viewers_see_grants_but_cannot_give_them(collection, client: Client):
    client.force_login(collection["viewer_b"])
    response = client.get("/workspace/sharing/", **EN)
    assert response.context["form"] is None
    assert response.context["given"] == [collection["grant"]]
    assert client.post("/workspace/sharing/", _grant_post(collection)).status_code == 403


def test_revoke_by_the_grantor_only(collection, client: Client):
    url = f"/workspace/sharing/{collection['grant'].pk}/revoke/"
    client.force_login(collection["editor_a"])
    assert client.post(url).status_code == 403
    client.force_login(collection["editor_c"])
    assert client.post(url).status_code == 404
    client.force_login(collection["editor_b"])
    assert client.get(url).status_code == 405
    assert client.post(url)["Location"] == "/workspace/sharing/"
    assert SharingGrant.objects.get().revoked_at is not None
    html = client.get("/workspace/sharing/", **EN).content.decode()
    assert "revoked" in html


def test_sharing_needs_sign_in(collection, client: Client):
    response = client.get("/workspace/sharing/")
    assert response["Location"] == "/accounts/login/?next=/workspace/sharing/"


def test_grant_period_badges(collection, client: Client):
    services.grant_create(
        actor=SYSTEM,
        grantor=collection["b"],
        grantee=collection["a"],
        agreement=collection["ab"],
        all_resources=True,
        valid_from=dt.date(2020, 1, 1),
        valid_until=dt.date(2020, 12, 31),
    )
    client.force_login(collection["editor_a"])
    html = client.get("/workspace/sharing/", **EN).content.decode()
    assert "expired" in html and "active" in html


# -- the workspace and the admin -------------------------------------------------------------


def test_workspace_shows_the_collection_block(collection, client: Client):
    client.force_login(collection["editor_b"])
    html = client.get("/workspace/", **EN).content.decode()
    assert "Your institutions hold 3 resources in the shared collection." in html
    assert 'href="/collection/new/"' in html and 'href="/workspace/sharing/"' in html
    client.force_login(collection["editor_c"])
    html = client.get("/workspace/", **EN).content.decode()
    assert "Your institutions hold 0 resources in the shared collection." in html


def test_admin_lists_the_collection_read_only_for_superusers(collection, client: Client):
    _add_image(collection["public"])
    root = accounts.user_create(username="root", password="correct horse battery")
    root.is_superuser = root.is_staff = True
    root.save()
    client.force_login(root)
    for url in (
        "/admin/catalog/resource/",
        f"/admin/catalog/resource/{collection['public'].pk}/change/",
        "/admin/catalog/sharinggrant/",
        "/admin/catalog/harvestsource/",
        "/admin/catalog/harvestrun/",
    ):
        assert client.get(url).status_code == 200, url
    assert client.get("/admin/catalog/resource/add/").status_code == 403
    client.force_login(collection["editor_b"])
    assert client.get("/admin/catalog/resource/").status_code == 302
