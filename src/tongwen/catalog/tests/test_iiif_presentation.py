"""IIIF Presentation 3.0 manifests and collections: content, validity, who sees what, HTTP."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from typing import Any

import pytest
from django.test import Client
from django.test.client import RequestFactory
from django.utils import translation
from django.utils.http import http_date
from iiif_prezi3 import Collection, Manifest  # type: ignore[import-untyped]
from PIL import Image

from tongwen.catalog import images, periods, services
from tongwen.catalog.iiif.presentation_views import embed_snippet
from tongwen.catalog.models import Resource, Rights
from tongwen.catalog.tests.conftest import make_resource
from tongwen.common.actors import SYSTEM

pytestmark = pytest.mark.django_db

BASE = "http://testserver"
JSONLD = 'application/ld+json;profile="http://iiif.io/api/presentation/3/context.json"'
# The official IIIF 3.0 JSON schema's rule for ``rights`` (iiif-prezi3 checks only that it is
# a URI): Creative Commons or RightsStatements.org, in their http form.
RIGHTS_PATTERN = re.compile(
    r"^(http://creativecommons\.org/licenses/.*|http://creativecommons\.org/publicdomain/"
    r"(mark|zero)/1\.0/|http://rightsstatements\.org/vocab/.*)$"
)


@pytest.fixture(autouse=True)
def _image_store(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.TONGWEN_IMAGE_ROOT = tmp_path / "images"
    settings.TONGWEN_IIIF_CACHE_ROOT = tmp_path / "iiif-cache"
    settings.TONGWEN_IIIF_PREVIEW_MAX = 200


def add_image(resource: Resource, width: int, height: int, label: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (180, 150, 110)).save(buffer, "JPEG")
    buffer.seek(0)
    return images.image_add(
        actor=SYSTEM, resource=resource, file=buffer, original_name="leaf.jpg", label=label
    )


def get_json(client: Client, url: str, **headers: str) -> tuple[Any, dict[str, Any]]:
    response = client.get(url, headers=headers)
    assert response.status_code == 200, response.content[:300]
    return response, json.loads(response.content)


def validate_manifest(document: dict[str, Any]) -> None:
    """Valid for iiif-prezi3, and nothing it ignores: the round trip gives the same JSON."""
    model = Manifest(**document)
    assert json.loads(model.json()) == document
    assert RIGHTS_PATTERN.match(document["rights"])


def validate_collection(document: dict[str, Any]) -> None:
    model = Collection(**document)
    assert json.loads(model.json()) == document


@pytest.fixture
def book(world):  # type: ignore[no-untyped-def]
    """A Qing woodblock book held by B, public domain, with three leaves."""
    resource = make_resource(
        world["b"],
        "shiji-qianlong",
        title={"zh-Hant": "史記", "zh-Hans": "史记", "en": "Records of the Grand Historian"},
        creators=[
            {"name": {"zh-Hant": "司馬遷", "en": "Sima Qian"}, "role": "author"},
            {"name": {"zh-Hant": "裴駰"}, "role": "commentator"},
        ],
        date_written="清乾隆四年",
        edition=Resource.Edition.WOODBLOCK,
        extent_juan=130,
        extent_volumes=24,
        subjects=["正史", "紀傳體"],
        languages=["lzh"],
        call_number="善 01234",
        identifiers=[{"scheme": "local", "value": "B-0001"}],
        description={"zh-Hans": "乾隆四年武英殿刻本。", "en": "Wuyingdian palace edition."},
    )
    add_image(resource, 300, 480, label={"zh-Hant": "書衣", "en": "Cover"})
    add_image(resource, 320, 500)
    add_image(resource, 150, 240)
    return world | {"book": resource}


# Content ----------------------------------------------------------------------------------


def test_manifest_of_a_traditional_chinese_book(book, client: Client):
    _response, manifest = get_json(client, "/iiif/presentation/shiji-qianlong/manifest")
    resource = Resource.objects.get(slug="shiji-qianlong")
    leaves = list(resource.images.order_by("order"))
    url = f"{BASE}/iiif/presentation/shiji-qianlong"

    assert manifest["@context"] == "http://iiif.io/api/presentation/3/context.json"
    assert manifest["id"] == f"{url}/manifest"
    assert manifest["type"] == "Manifest"
    assert manifest["label"] == {
        "zh-Hans": ["史记"],
        "zh-Hant": ["史記"],
        "en": ["Records of the Grand Historian"],
        "zh-Latn-pinyin": ["shǐ jì"],
    }
    # Chinese first and pinyin last, so a loose "zh" match finds characters.
    assert list(manifest["label"]) == ["zh-Hans", "zh-Hant", "en", "zh-Latn-pinyin"]
    assert manifest["summary"] == {
        "zh-Hans": ["乾隆四年武英殿刻本。"],
        "en": ["Wuyingdian palace edition."],
        "zh-Latn-pinyin": ["qián lóng sì nián wǔ yīng diàn kè běn 。"],
    }
    assert manifest["viewingDirection"] == "right-to-left"
    assert manifest["behavior"] == ["paged"]
    assert manifest["rights"] == "http://creativecommons.org/publicdomain/mark/1.0/"
    assert manifest["requiredStatement"] == {
        "label": {"zh-Hans": [_zh("Attribution")], "en": ["Attribution"]},
        "value": {"en": ["Institution B"]},
    }
    assert manifest["provider"] == [
        {
            "id": f"{BASE}/institutions/inst-b/",
            "type": "Agent",
            "label": {"en": ["Institution B"]},
            "homepage": [
                {
                    "id": f"{BASE}/institutions/inst-b/",
                    "type": "Text",
                    "label": {"en": ["Institution B"]},
                    "format": "text/html",
                }
            ],
        }
    ]
    assert manifest["homepage"][0]["id"] == f"{BASE}/collection/shiji-qianlong/"
    assert manifest["homepage"][0]["format"] == "text/html"
    assert manifest["seeAlso"] == [
        {
            "id": f"{BASE}/oai?verb=GetRecord&metadataPrefix=mods"
            "&identifier=oai:tongwen.local:shiji-qianlong",
            "type": "Dataset",
            "label": {"zh-Hans": [_zh("MODS record")], "en": ["MODS record"]},
            "format": "application/xml",
            "profile": "http://www.loc.gov/mods/v3",
        }
    ]
    assert manifest["partOf"] == [
        {
            "id": f"{BASE}/iiif/presentation/collection/inst-b",
            "type": "Collection",
            "label": {"en": ["Institution B"]},
        }
    ]
    first = f"{BASE}/iiif/3/{leaves[0].iiif_id}"
    assert manifest["thumbnail"] == [
        {
            "id": f"{first}/full/!200,200/0/default.jpg",
            "type": "Image",
            "format": "image/jpeg",
            "width": 125,
            "height": 200,
            "service": [{"id": first, "type": "ImageService3", "profile": "level2"}],
        }
    ]

    canvases = manifest["items"]
    assert [c["id"] for c in canvases] == [f"{url}/canvas/{n}" for n in (1, 2, 3)]
    assert [(c["width"], c["height"]) for c in canvases] == [(300, 480), (320, 500), (150, 240)]
    assert canvases[0]["label"] == {
        "zh-Hant": ["書衣"],
        "en": ["Cover"],
        "zh-Latn-pinyin": ["shū yī"],
    }
    assert canvases[1]["label"] == {"zh-Hans": [_zh("p. %(n)d") % {"n": 2}], "en": ["p. 2"]}
    for n, (canvas, leaf) in enumerate(zip(canvases, leaves, strict=True), start=1):
        service = f"{BASE}/iiif/3/{leaf.iiif_id}"
        page = canvas["items"][0]
        assert page["id"] == f"{url}/page/{n}"
        assert page["type"] == "AnnotationPage"
        (annotation,) = page["items"]
        assert annotation["id"] == f"{url}/annotation/{n}"
        assert annotation["motivation"] == "painting"
        assert annotation["target"] == canvas["id"]
        assert annotation["body"] == {
            "id": f"{service}/full/max/0/default.jpg",
            "type": "Image",
            "format": "image/jpeg",
            # Public domain: everyone may take the full resolution.
            "width": leaf.width,
            "height": leaf.height,
            "service": [{"id": service, "type": "ImageService3", "profile": "level2"}],
        }
    validate_manifest(manifest)


def _zh(text: str) -> str:
    with translation.override("zh-hans"):
        return translation.gettext(text)


def _metadata(manifest: dict[str, Any]) -> dict[str, dict[str, list[str]]]:
    return {pair["label"]["en"][0]: pair["value"] for pair in manifest["metadata"]}


def test_metadata_labels_are_in_both_interface_languages_and_values_in_the_records(
    book, client: Client
):
    _response, manifest = get_json(client, "/iiif/presentation/shiji-qianlong/manifest")
    for pair in manifest["metadata"]:
        assert set(pair["label"]) == {"zh-Hans", "en"}
    with translation.override("zh-hans"):
        assert [pair["label"]["zh-Hans"][0] for pair in manifest["metadata"]] == [
            translation.gettext(pair["label"]["en"][0]) for pair in manifest["metadata"]
        ]
    values = _metadata(manifest)
    assert list(values) == [
        "Creators",
        "Date",
        "Edition",
        "Extent",
        "Subjects",
        "Languages",
        "Call number",
        "Identifiers",
        "Holding institution",
        "Rights",
    ]
    # Names in each language the record gives them in; roles in that reader's language.
    assert values["Creators"]["en"] == ["Sima Qian (author)", "裴駰 (commentator)"]
    assert list(values["Creators"]) == ["zh-Hant", "en", "zh-Latn-pinyin"]
    assert values["Creators"]["zh-Latn-pinyin"] == ["sī mǎ qiān (author)", "péi yīn (commentator)"]
    assert values["Date"]["en"] == ["清乾隆四年 (Qing, 1739)"]
    assert values["Edition"]["en"] == ["woodblock print"]
    assert values["Extent"]["en"] == ["130 juan; 24 volumes"]
    assert values["Subjects"] == {"none": ["正史", "紀傳體"]}
    assert values["Languages"]["en"] == ["Classical Chinese"]
    assert values["Call number"] == {"none": ["善 01234"]}
    assert values["Identifiers"] == {"none": ["local: B-0001"]}
    assert values["Holding institution"] == {"en": ["Institution B"]}
    assert values["Rights"]["en"] == ["Public Domain Mark 1.0"]


def test_a_single_sheet_is_individuals_left_to_right_and_agreements_are_listed(
    world, client: Client
):
    painting = make_resource(
        world["b"],
        "landscape",
        title={"zh-Hans": "山水图", "en": "Landscape"},
        kind=Resource.Kind.PAINTING_CALLIGRAPHY,
        rights=Rights.CC_BY,
        agreements=[world["ab"]],
        creators=[{"name": {"zh-Hans": "佚名"}, "role": "painter", "period": "song"}],
        year_from=-206,
        year_to=-91,
        period="western-han",
    )
    add_image(painting, 400, 250)
    _response, manifest = get_json(client, "/iiif/presentation/landscape/manifest")
    assert manifest["viewingDirection"] == "left-to-right"
    assert manifest["behavior"] == ["individuals"]
    # CC keeps its machine-actionable http URI in IIIF.
    assert manifest["rights"] == "http://creativecommons.org/licenses/by/4.0/"
    values = _metadata(manifest)
    assert values["Agreements"] == {"en": ["A B"]}
    assert values["Creators"]["zh-Latn-pinyin"] == ["yì míng (painter, Sòng)"]
    western_han = periods.period_label("western-han", "en")
    assert values["Date"]["en"] == [f"{western_han}, 206 BCE–91 BCE"]
    validate_manifest(manifest)


def test_a_resource_without_images_is_a_valid_manifest_with_no_canvas(collection, client):  # type: ignore[no-untyped-def]
    _response, manifest = get_json(client, "/iiif/presentation/shiji-public/manifest")
    assert manifest["items"] == []
    assert "thumbnail" not in manifest
    assert manifest["label"]["zh-Hant"] == ["史記"]
    validate_manifest(manifest)


# Who gets what ----------------------------------------------------------------------------


@pytest.fixture
def in_copyright(world):  # type: ignore[no-untyped-def]
    """A public resource in copyright: viewable by all, full resolution for few."""
    resource = make_resource(world["b"], "lienu-inc", rights=Rights.INC)
    add_image(resource, 300, 480)
    add_image(resource, 500, 120)
    return world | {"resource": resource}


def _bodies(manifest: dict[str, Any]) -> list[tuple[int, int]]:
    return [
        (c["items"][0]["items"][0]["body"]["width"], c["items"][0]["items"][0]["body"]["height"])
        for c in manifest["items"]
    ]


def test_body_sizes_are_capped_for_users_who_may_not_download(in_copyright, client: Client):
    capped = [(125, 200), (200, 48)]
    full = [(300, 480), (500, 120)]

    _r, anonymous = get_json(client, "/iiif/presentation/lienu-inc/manifest")
    assert _bodies(anonymous) == capped
    # The canvas keeps the image's own size: the viewer scales the capped image onto it.
    assert [(c["width"], c["height"]) for c in anonymous["items"]] == full
    validate_manifest(anonymous)

    client.force_login(in_copyright["editor_c"])
    assert _bodies(get_json(client, "/iiif/presentation/lienu-inc/manifest")[1]) == capped

    client.force_login(in_copyright["viewer_b"])  # the holder's members
    assert _bodies(get_json(client, "/iiif/presentation/lienu-inc/manifest")[1]) == full

    client.force_login(in_copyright["editor_a"])
    assert _bodies(get_json(client, "/iiif/presentation/lienu-inc/manifest")[1]) == capped
    services.grant_create(
        actor=SYSTEM,
        grantor=in_copyright["b"],
        grantee=in_copyright["a"],
        agreement=in_copyright["ab"],
        valid_from=dt.date(2021, 1, 1),
        resources=[in_copyright["resource"]],
        can_download=True,
    )
    granted = get_json(client, "/iiif/presentation/lienu-inc/manifest")[1]
    assert _bodies(granted) == full
    validate_manifest(granted)


@pytest.mark.parametrize(
    ("user", "slug", "status"),
    [
        ("editor_c", "houhanshu-private", 404),
        ("editor_a", "houhanshu-private", 200),
        ("editor_b", "houhanshu-private", 200),
        (None, "houhanshu-private", 404),
        (None, "hanshu-partners", 404),
        ("editor_c", "hanshu-partners", 404),
        ("editor_a", "hanshu-partners", 200),
        (None, "shiji-public", 200),
        (None, "no-such-thing", 404),
    ],
)
def test_a_resource_the_user_may_not_see_is_404(collection, client: Client, user, slug, status):  # type: ignore[no-untyped-def]
    if user:
        client.force_login(collection[user])
    response = client.get(f"/iiif/presentation/{slug}/manifest")
    assert response.status_code == status
    assert response["Access-Control-Allow-Origin"] == "*"
    if status == 404:
        assert json.loads(response.content) == {
            "errors": [{"field": None, "code": "not_found", "message": "No such resource."}]
        }


def test_a_deleted_resource_is_404(collection, client: Client):
    services.resource_delete(actor=SYSTEM, resource=collection["public"])
    assert client.get("/iiif/presentation/shiji-public/manifest").status_code == 404


# HTTP -------------------------------------------------------------------------------------


def test_content_type_follows_the_accept_header_and_cors_is_open(book, client: Client):
    url = "/iiif/presentation/shiji-qianlong/manifest"
    for accept, expected in [
        (None, JSONLD),
        ("*/*", JSONLD),
        ("application/ld+json", JSONLD),
        ("application/json", "application/json"),
        ("application/json, application/ld+json;q=0.5", "application/json"),
        ("application/ld+json, application/json", JSONLD),
        ("text/html", JSONLD),
    ]:
        headers = {"Accept": accept} if accept else {}
        response = client.get(url, headers=headers)
        assert response.status_code == 200
        assert response["Content-Type"] == expected, accept
        assert response["Access-Control-Allow-Origin"] == "*"
        assert "Accept" in response["Vary"]
    assert client.post(url).status_code == 405


def test_conditional_get_answers_304_until_the_resource_changes(book, client: Client):
    url = "/iiif/presentation/shiji-qianlong/manifest"
    first = client.get(url)
    etag = first["ETag"]
    resource = Resource.objects.get(slug="shiji-qianlong")
    assert first["Last-Modified"] == http_date(resource.modified_at.timestamp())

    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert again["Access-Control-Allow-Origin"] == "*"
    assert client.get(url, headers={"If-Modified-Since": first["Last-Modified"]}).status_code == 304

    services.resource_update(
        actor=SYSTEM, resource=resource, title={"zh-Hant": "史記", "en": "Shiji"}
    )
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert json.loads(changed.content)["label"]["en"] == ["Shiji"]


def test_users_with_different_rights_get_different_etags(in_copyright, client: Client):
    url = "/iiif/presentation/lienu-inc/manifest"
    anonymous = client.get(url)["ETag"]
    client.force_login(in_copyright["editor_b"])
    holder = client.get(url)
    assert holder["ETag"] != anonymous
    assert client.get(url, headers={"If-None-Match": anonymous}).status_code == 200
    assert holder["Cache-Control"] == "private, no-cache"


# Collections ------------------------------------------------------------------------------


def _slugs(collection_document: dict[str, Any]) -> list[str]:
    return [item["id"].split("/")[-2] for item in collection_document["items"]]


@pytest.mark.parametrize(
    ("user", "expected"),
    [
        (None, ["shiji-public"]),
        ("editor_c", ["shiji-public"]),
        ("editor_a", ["hanshu-partners", "houhanshu-private", "shiji-public"]),
        ("viewer_b", ["hanshu-partners", "houhanshu-private", "shiji-public"]),
    ],
)
def test_an_institution_collection_lists_what_the_user_may_see(collection, client, user, expected):  # type: ignore[no-untyped-def]
    if user:
        client.force_login(collection[user])
    response, document = get_json(client, "/iiif/presentation/collection/inst-b")
    assert response["Content-Type"] == JSONLD
    assert response["Access-Control-Allow-Origin"] == "*"
    assert document["id"] == f"{BASE}/iiif/presentation/collection/inst-b"
    assert document["type"] == "Collection"
    assert document["label"] == {"en": ["Institution B"]}
    assert _slugs(document) == expected
    assert document["items"][-1] == {
        "id": f"{BASE}/iiif/presentation/shiji-public/manifest",
        "type": "Manifest",
        "label": {
            "zh-Hant": ["史記"],
            "en": ["Records of the Grand Historian"],
            "zh-Latn-pinyin": ["shǐ jì"],
        },
    }
    validate_collection(document)


def test_collection_items_carry_a_thumbnail_of_the_first_image(book, client: Client):
    _r, document = get_json(client, "/iiif/presentation/collection/inst-b")
    (item,) = document["items"]
    first = Resource.objects.get(slug="shiji-qianlong").images.order_by("order").first()
    assert first is not None
    assert (
        item["thumbnail"][0]["id"] == f"{BASE}/iiif/3/{first.iiif_id}/full/!200,200/0/default.jpg"
    )
    assert document["partOf"][0]["id"] == f"{BASE}/iiif/presentation/collection"
    validate_collection(document)


def test_the_top_collection_lists_institutions_holding_something_visible(
    collection, client: Client
):
    make_resource(collection["a"], "a-private", "private")
    _r, document = get_json(client, "/iiif/presentation/collection")
    assert document["id"] == f"{BASE}/iiif/presentation/collection"
    assert document["items"] == [
        {
            "id": f"{BASE}/iiif/presentation/collection/inst-b",
            "type": "Collection",
            "label": {"en": ["Institution B"]},
        }
    ]
    validate_collection(document)
    client.force_login(collection["editor_a"])
    _r, document = get_json(client, "/iiif/presentation/collection")
    assert [item["id"].rsplit("/", 1)[1] for item in document["items"]] == ["inst-a", "inst-b"]
    validate_collection(document)


def test_an_unknown_institution_is_404_and_one_showing_nothing_is_empty(collection, client: Client):
    response = client.get("/iiif/presentation/collection/no-such-place")
    assert response.status_code == 404
    assert json.loads(response.content)["errors"][0]["message"] == "No such institution."
    _r, document = get_json(client, "/iiif/presentation/collection/inst-c")
    assert document["items"] == []
    validate_collection(document)


def test_collection_304_and_a_new_etag_when_a_resource_becomes_visible(collection, client: Client):
    url = "/iiif/presentation/collection/inst-b"
    etag = client.get(url)["ETag"]
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
    services.resource_update(actor=SYSTEM, resource=collection["partners"], visibility="public")
    refreshed = client.get(url, headers={"If-None-Match": etag})
    assert refreshed.status_code == 200
    assert _slugs(json.loads(refreshed.content)) == ["hanshu-partners", "shiji-public"]


# Viewer pages -----------------------------------------------------------------------------


def _config(html: str) -> dict[str, Any]:
    match = re.search(r'<script id="viewer-config" type="application/json">(.*?)</script>', html)
    assert match, "no viewer configuration on the page"
    return json.loads(match.group(1))


def test_the_viewer_page_loads_the_local_mirador_with_the_manifest(book, client: Client):
    response = client.get("/iiif/viewer/shiji-qianlong", headers={"Accept-Language": "zh-Hans"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="site-header"' in html  # within the site
    assert '<script src="/static/vendor/mirador/mirador.min.js"></script>' in html
    assert '<script src="/static/catalog/viewer.js"></script>' in html
    config = _config(html)
    assert config["language"] == "zh-CN"
    assert config["windows"] == [
        {"manifestId": f"{BASE}/iiif/presentation/shiji-qianlong/manifest", "view": "book"}
    ]
    english = client.get("/iiif/viewer/shiji-qianlong", headers={"Accept-Language": "en"})
    assert _config(english.content.decode())["language"] == "en"
    # Every script and stylesheet the page loads is this site's own.
    for url in re.findall(r'(?:src|href)="([^"]+)"', html):
        assert url.startswith(("/", "#", BASE)), url


def test_the_embed_page_has_no_site_chrome_and_may_be_framed_anywhere(book, client: Client):
    response = client.get("/iiif/embed/shiji-qianlong")
    assert response.status_code == 200
    html = response.content.decode()
    assert "site-header" not in html
    assert "X-Frame-Options" not in response
    assert response["Content-Security-Policy"] == "frame-ancestors *"
    assert _config(html)["windows"][0]["manifestId"].endswith("/shiji-qianlong/manifest")
    # The site's other pages still refuse to be framed.
    assert client.get("/iiif/viewer/shiji-qianlong")["X-Frame-Options"] == "DENY"


def test_viewer_and_embed_are_404_for_a_hidden_resource(collection, client: Client):
    client.force_login(collection["editor_c"])
    assert client.get("/iiif/viewer/houhanshu-private").status_code == 404
    assert client.get("/iiif/embed/houhanshu-private").status_code == 404
    client.force_login(collection["editor_a"])
    assert client.get("/iiif/viewer/houhanshu-private").status_code == 200


def test_embed_snippet_is_an_iframe_of_the_embed_page(book):
    request = RequestFactory().get("/collection/shiji-qianlong/")
    with translation.override("en"):
        html = embed_snippet(request, book["book"])
    assert html == (
        '<iframe src="http://testserver/iiif/embed/shiji-qianlong" width="800" height="600" '
        'allowfullscreen title="Records of the Grand Historian — image viewer"></iframe>'
    )


def test_embed_snippet_escapes_the_title(world):
    resource = make_resource(world["b"], "quoted", title={"en": 'The "<Odd>" Book'})
    html = embed_snippet(RequestFactory().get("/"), resource)
    assert 'title="The &quot;&lt;Odd&gt;&quot; Book — image viewer"' in html
