"""The IIIF Image API over HTTP: routes, statuses, headers, info.json, and who gets what size."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from PIL import Image

from tongwen.catalog import images, services
from tongwen.catalog.iiif import image_views
from tongwen.catalog.iiif.image import JSONLD_MEDIA_TYPE
from tongwen.catalog.models import DigitalObject, Resource
from tongwen.catalog.permissions import Access
from tongwen.common.actors import SYSTEM

pytestmark = pytest.mark.django_db

BASE = "http://testserver"
PROFILE_LINK = '<http://iiif.io/api/image/3/level2.json>;rel="profile"'
RED, GREEN, BLUE, YELLOW = (220, 30, 30), (30, 200, 60), (40, 60, 220), (240, 220, 40)
JPEG, PNG = b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n"


@pytest.fixture(autouse=True)
def _image_store(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.TONGWEN_IMAGE_ROOT = tmp_path / "images"
    settings.TONGWEN_IIIF_CACHE_ROOT = tmp_path / "iiif-cache"
    settings.TONGWEN_IIIF_PREVIEW_MAX = 200


def add_image(resource: Resource, width: int = 600, height: int = 400) -> DigitalObject:
    """A picture in four coloured quadrants, stored through the image store."""
    picture = Image.new("RGB", (width, height))
    half_w, half_h = width // 2, height // 2
    picture.paste(RED, (0, 0, half_w, half_h))
    picture.paste(GREEN, (half_w, 0, width, half_h))
    picture.paste(BLUE, (0, half_h, half_w, height))
    picture.paste(YELLOW, (half_w, half_h, width, height))
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    buffer.seek(0)
    return images.image_add(actor=SYSTEM, resource=resource, file=buffer, original_name="q.png")


def decode(data: bytes) -> Image.Image:
    picture = Image.open(io.BytesIO(data))
    picture.load()
    return picture


def near(got: Any, want: tuple[int, int, int], tolerance: int = 30) -> bool:
    return all(abs(g - w) <= tolerance for g, w in zip(got, want, strict=True))


def client_for(user: Any = None) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_login(user)
    return client


def service(image: DigitalObject) -> str:
    return f"/iiif/3/{image.iiif_id}"


def tile(client: Client, image: DigitalObject, path: str, **headers: str) -> Any:
    return client.get(f"{service(image)}/{path}", headers=headers)


def served_size(client: Client, image: DigitalObject, path: str) -> tuple[int, int]:
    response = tile(client, image, path)
    assert response.status_code == 200, response.content
    size: tuple[int, int] = decode(response.content).size
    return size


@pytest.fixture
def shared(collection):  # type: ignore[no-untyped-def]
    """One 600×400 image on each of B's resources (public PDM, partners InC, private InC)."""
    return collection | {
        "open_image": add_image(collection["public"]),
        "partners_image": add_image(collection["partners"]),
        "private_image": add_image(collection["private"]),
    }


# --- routes ----------------------------------------------------------------------------------


def test_routes_are_named() -> None:
    assert reverse("iiif-image-base", args=["abc"]) == "/iiif/3/abc"
    assert reverse("iiif-image-info", args=["abc"]) == "/iiif/3/abc/info.json"
    assert (
        reverse("iiif-image", args=["abc", "full", "max", "0", "default.jpg"])
        == "/iiif/3/abc/full/max/0/default.jpg"
    )


def test_base_uri_redirects_to_info_json(shared) -> None:  # type: ignore[no-untyped-def]
    image = shared["open_image"]
    client = client_for()
    for path in (service(image), service(image) + "/"):
        response = client.get(path)
        assert response.status_code == 303
        assert response["Location"] == f"{BASE}{service(image)}/info.json"
        assert response["Access-Control-Allow-Origin"] == "*"
    # Hidden and missing images are not redirected.
    assert client.get(service(shared["private_image"])).status_code == 404
    assert client.get("/iiif/3/nothing-here").status_code == 404


# --- info.json -------------------------------------------------------------------------------


def test_info_json_of_an_open_image(shared) -> None:  # type: ignore[no-untyped-def]
    image = shared["open_image"]
    response = client_for().get(f"{service(image)}/info.json")
    assert response.status_code == 200
    assert json.loads(response.content) == {
        "@context": "http://iiif.io/api/image/3/context.json",
        "id": f"{BASE}{service(image)}",
        "type": "ImageService3",
        "protocol": "http://iiif.io/api/image",
        "profile": "level2",
        "width": 600,
        "height": 400,
        "maxWidth": 600,
        "maxHeight": 400,
        "sizes": [
            {"width": 150, "height": 100},
            {"width": 300, "height": 200},
            {"width": 600, "height": 400},
        ],
        "tiles": [{"width": 256, "height": 256, "scaleFactors": [1, 2, 4]}],
        "rights": "http://creativecommons.org/publicdomain/mark/1.0/",
        "extraQualities": ["color", "gray", "bitonal"],
        "extraFormats": ["webp", "tif"],
        "extraFeatures": [
            "canonicalLinkHeader",
            "mirroring",
            "profileLinkHeader",
            "rotationArbitrary",
            "sizeUpscaling",
        ],
    }
    assert response["Content-Type"] == JSONLD_MEDIA_TYPE
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Link"] == PROFILE_LINK
    assert response["Cache-Control"] == f"public, max-age={image_views.IMAGE_MAX_AGE}"
    vary = {v.strip() for v in response["Vary"].split(",")}
    assert {"Accept", "Cookie"} <= vary


def test_info_json_id_is_the_request_url_less_info_json(shared) -> None:  # type: ignore[no-untyped-def]
    image = shared["open_image"]
    client = client_for()
    for path in (f"{service(image)}/info.json?x=1", f"/iiif/3/{image.iiif_id}/info.json"):
        document = json.loads(client.get(path).content)
        assert document["id"] == f"{BASE}/iiif/3/{image.iiif_id}"
    secure = client.get(f"{service(image)}/info.json", secure=True)
    assert json.loads(secure.content)["id"] == f"https://testserver{service(image)}"


@pytest.mark.parametrize(
    ("accept", "content_type"),
    [
        (None, JSONLD_MEDIA_TYPE),
        ("application/ld+json", JSONLD_MEDIA_TYPE),
        ("application/json, application/ld+json;q=0.9", JSONLD_MEDIA_TYPE),
        ("application/json", "application/json"),
        ("*/*", "application/json"),
    ],
)
def test_info_json_content_type_follows_accept(shared, accept, content_type) -> None:  # type: ignore[no-untyped-def]
    headers = {"Accept": accept} if accept else {}
    response = client_for().get(f"{service(shared['open_image'])}/info.json", headers=headers)
    assert response.status_code == 200
    assert response["Content-Type"] == content_type


def test_info_json_conditional_get_and_head(shared) -> None:  # type: ignore[no-untyped-def]
    url = f"{service(shared['open_image'])}/info.json"
    client = client_for()
    first = client.get(url)
    etag = first["ETag"]
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert again["Access-Control-Allow-Origin"] == "*"
    head = client.head(url)
    assert head.status_code == 200
    assert head.content == b""
    assert head["Content-Length"] == str(len(first.content))
    assert head["Content-Type"] == JSONLD_MEDIA_TYPE


# --- images ----------------------------------------------------------------------------------


def test_full_image_with_headers(shared) -> None:  # type: ignore[no-untyped-def]
    image = shared["open_image"]
    response = tile(client_for(), image, "full/max/0/default.jpg")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response.content.startswith(JPEG)
    picture = decode(response.content)
    assert picture.size == (600, 400)
    assert near(picture.getpixel((100, 100)), RED)
    assert near(picture.getpixel((500, 300)), YELLOW)
    assert response["Link"] == (
        f'<{BASE}{service(image)}/full/max/0/default.jpg>;rel="canonical", {PROFILE_LINK}'
    )
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Cache-Control"] == f"public, max-age={image_views.IMAGE_MAX_AGE}"
    assert response["ETag"].startswith('"')
    assert "Cookie" in response["Vary"]


def test_link_header_names_the_canonical_form(shared) -> None:  # type: ignore[no-untyped-def]
    image = shared["open_image"]
    response = tile(client_for(), image, "pct:50,0,50,50/pct:50/!0/color.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    picture = decode(response.content)
    assert picture.size == (150, 100)
    assert near(picture.convert("RGB").getpixel((75, 50)), GREEN)
    assert response["Link"] == (
        f'<{BASE}{service(image)}/300,0,300,200/150,100/!0/color.png>;rel="canonical", '
        f"{PROFILE_LINK}"
    )


@pytest.mark.parametrize(
    ("path", "content_type", "magic"),
    [
        ("full/max/0/default.png", "image/png", PNG),
        ("full/max/0/default.webp", "image/webp", b"RIFF"),
        ("full/max/0/default.tif", "image/tiff", b"II*\x00"),
        ("full/300,/90/gray.jpg", "image/jpeg", JPEG),
    ],
)
def test_formats_and_qualities(shared, path, content_type, magic) -> None:  # type: ignore[no-untyped-def]
    response = tile(client_for(), shared["open_image"], path)
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response.content.startswith(magic)


def test_rotated_gray_tile(shared) -> None:  # type: ignore[no-untyped-def]
    picture = decode(tile(client_for(), shared["open_image"], "full/300,/90/gray.jpg").content)
    assert (picture.mode, picture.size) == ("L", (200, 300))


def test_conditional_get_head_and_options(shared) -> None:  # type: ignore[no-untyped-def]
    image = shared["open_image"]
    client = client_for()
    path = f"{service(image)}/full/!100,100/0/default.jpg"
    first = client.get(path)
    etag = first["ETag"]

    unchanged = client.get(path, headers={"If-None-Match": etag})
    assert unchanged.status_code == 304
    assert unchanged.content == b""
    assert unchanged["ETag"] == etag
    assert unchanged["Access-Control-Allow-Origin"] == "*"
    assert unchanged["Link"] == first["Link"]
    assert client.get(path, headers={"If-None-Match": '"other"'}).status_code == 200

    head = client.head(path)
    assert head.status_code == 200
    assert head.content == b""
    assert head["Content-Length"] == str(len(first.content))
    assert head["Content-Type"] == "image/jpeg"
    assert head["ETag"] == etag

    preflight = client.options(
        path,
        headers={
            "Origin": "https://viewer.example",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "authorization",
        },
    )
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert preflight["Access-Control-Allow-Headers"] == "authorization"

    refused = client.post(path)
    assert refused.status_code == 405
    assert refused["Allow"] == "GET, HEAD, OPTIONS"
    assert refused["Access-Control-Allow-Origin"] == "*"
    # A different canonical request has a different ETag.
    assert tile(client, image, "full/!100,100/0/gray.jpg")["ETag"] != etag


@pytest.mark.parametrize(
    ("path", "status", "message"),
    [
        ("nowhere/max/0/default.jpg", 400, "Invalid region “nowhere”."),
        ("full/huge/0/default.jpg", 400, "Invalid size “huge”."),
        ("full/max/17x/default.jpg", 400, "Invalid rotation “17x”."),
        ("full/max/0/shiny.jpg", 400, "Unsupported quality “shiny”."),
        ("full/max/0/default.gif", 400, "Unsupported format “gif”."),
        (
            "full/max/0/default",
            400,
            "The last segment must be a quality and a format, as in “default.jpg”.",
        ),
        (
            "full/1200,/0/default.jpg",
            400,
            "Size 1200, is larger than the region (600×400); use “^” to upscale.",
        ),
        ("700,0,10,10/max/0/default.jpg", 400, "The region lies entirely outside the image."),
    ],
)
def test_bad_requests_are_400_with_a_short_text(shared, path, status, message) -> None:  # type: ignore[no-untyped-def]
    response = tile(client_for(), shared["open_image"], path)
    assert response.status_code == status
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == message + "\n"
    assert response["Access-Control-Allow-Origin"] == "*"


def test_error_messages_follow_the_request_language(shared) -> None:  # type: ignore[no-untyped-def]
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    response = client.get(f"/iiif/3/{shared['open_image'].iiif_id}/full/max/0/default.gif")
    assert response.status_code == 400
    assert response["Content-Language"] == "zh-hans"
    with translation.override("zh-hans"):
        expected = _("Unsupported format “%(format)s”.") % {"format": "gif"}
    assert response.content.decode() == expected + "\n"


def test_engine_failures_keep_their_status(shared) -> None:  # type: ignore[no-untyped-def]
    # A row that no longer matches its master (as after a botched restore) is the engine's 500.
    image = shared["open_image"]
    DigitalObject.objects.filter(pk=image.pk).update(width=601)
    response = tile(client_for(), image, "full/max/0/default.jpg")
    assert response.status_code == 500
    assert response.content.decode() == ("The stored image is 600×400, not 601×400 as recorded.\n")
    assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize(
    "path",
    [
        "/iiif/3/no-such-image/info.json",
        "/iiif/3/no-such-image/full/max/0/default.jpg",
        "/iiif/3/a/b/full/max/0/default.jpg",
        "/iiif/3/no-such-image/full/max",
    ],
)
def test_unknown_images_are_404(shared, path) -> None:  # type: ignore[no-untyped-def]
    response = client_for().get(path)
    assert response.status_code == 404
    assert response.content.decode() == "No such image.\n"
    assert response["Access-Control-Allow-Origin"] == "*"


def test_an_unknown_image_is_404_even_with_a_bad_request(shared) -> None:  # type: ignore[no-untyped-def]
    assert client_for().get("/iiif/3/missing/nowhere/max/0/default").status_code == 404


# --- permissions -----------------------------------------------------------------------------


def test_hidden_images_are_404_for_anonymous_and_outsiders(shared) -> None:  # type: ignore[no-untyped-def]
    for client in (client_for(), client_for(shared["editor_c"])):
        for image in (shared["private_image"], shared["partners_image"]):
            for path in ("info.json", "full/max/0/default.jpg"):
                response = tile(client, image, path)
                assert response.status_code == 404, (image, path)
                assert response.content.decode() == "No such image.\n"


def test_viewers_without_download_rights_are_capped(shared) -> None:  # type: ignore[no-untyped-def]
    client = client_for(shared["editor_a"])
    for image in (shared["private_image"], shared["partners_image"]):
        document = json.loads(tile(client, image, "info.json").content)
        assert (document["width"], document["height"]) == (600, 400)
        assert (document["maxWidth"], document["maxHeight"]) == (200, 200)
        assert document["sizes"] == [{"width": 150, "height": 100}, {"width": 200, "height": 133}]
        assert "tiles" not in document  # a 256-pixel tile does not fit the cap
        assert served_size(client, image, "full/max/0/default.jpg") == (200, 133)
        assert served_size(client, image, "full/150,/0/default.jpg") == (150, 100)

        response = tile(client, image, "full/max/0/default.jpg")
        assert response["Link"].startswith(
            f'<{BASE}{service(image)}/full/200,133/0/default.jpg>;rel="canonical"'
        )
        assert response["Cache-Control"] == "private, no-cache"

        too_big = tile(client, image, "full/600,400/0/default.jpg")
        assert too_big.status_code == 400
        zoomed = tile(client, image, "0,0,100,100/max/0/default.jpg")
        assert zoomed.status_code == 403
        assert zoomed.content.decode() == (
            "This image may only be viewed at up to 33.33% of its full resolution.\n"
        )
        assert zoomed["Access-Control-Allow-Origin"] == "*"
        assert tile(client, image, "0,0,300,300/100,/0/default.jpg").status_code == 200


def test_holders_and_open_resources_get_full_resolution(shared) -> None:  # type: ignore[no-untyped-def]
    editor_b = client_for(shared["editor_b"])
    for image in (shared["private_image"], shared["partners_image"], shared["open_image"]):
        assert served_size(editor_b, image, "full/max/0/default.jpg") == (600, 400)
        assert served_size(editor_b, image, "0,0,100,100/max/0/default.jpg") == (100, 100)
    for client in (client_for(), client_for(shared["editor_c"])):
        assert served_size(client, shared["open_image"], "full/max/0/default.jpg") == (600, 400)
    assert (
        tile(editor_b, shared["private_image"], "full/max/0/default.jpg")["Cache-Control"]
        == "private, no-cache"
    )
    # Open, but asked by a signed-in user: still private (what they see may depend on grants).
    assert (
        tile(editor_b, shared["open_image"], "full/max/0/default.jpg")["Cache-Control"]
        == "private, no-cache"
    )


def test_grants_widen_and_revocation_closes(shared, tmp_path) -> None:  # type: ignore[no-untyped-def]
    image = shared["private_image"]
    a, holder = client_for(shared["editor_a"]), client_for(shared["editor_b"])
    path = "full/max/0/default.jpg"
    # The holder fills the cache with the full-size rendering first: the capped user still
    # gets the capped one (a different canonical request, hence a different cache entry).
    assert served_size(holder, image, path) == (600, 400)
    capped = tile(a, image, path)
    assert decode(capped.content).size == (200, 133)
    cache_dir = Path(tmp_path / "iiif-cache")
    assert len([p for p in cache_dir.rglob("*") if p.is_file()]) == 2

    download = services.grant_create(
        actor=SYSTEM,
        grantor=shared["b"],
        grantee=shared["a"],
        agreement=shared["ab"],
        valid_from=dt.date(2021, 1, 1),
        resources=[shared["private"]],
        can_download=True,
    )
    full = tile(a, image, path)
    assert decode(full.content).size == (600, 400)
    assert full["ETag"] != capped["ETag"]
    # The capped copy A's browser holds is not confirmed as current.
    assert tile(a, image, path, **{"If-None-Match": capped["ETag"]}).status_code == 200
    assert json.loads(tile(a, image, "info.json").content)["maxWidth"] == 600

    services.grant_revoke(actor=SYSTEM, grant=download)
    assert decode(tile(a, image, path).content).size == (200, 133)
    services.grant_revoke(actor=SYSTEM, grant=shared["grant"])
    for probe in (path, "info.json", "full/200,133/0/default.jpg"):
        gone = tile(a, image, probe)
        assert gone.status_code == 404, probe
    # Not even a conditional request reveals anything.
    assert tile(a, image, path, **{"If-None-Match": full["ETag"]}).status_code == 404


# --- speed -----------------------------------------------------------------------------------


def test_anonymous_tiles_of_open_images_take_one_query(  # type: ignore[no-untyped-def]
    shared, django_assert_num_queries
) -> None:
    image = shared["open_image"]
    client = client_for()
    path = "0,0,256,256/256,/0/default.jpg"
    assert tile(client, image, path).status_code == 200  # rendered and cached
    with django_assert_num_queries(1):
        assert tile(client, image, path).status_code == 200
    with django_assert_num_queries(1):
        assert tile(client, image, "info.json").status_code == 200
    with django_assert_num_queries(0):
        assert client.options(f"{service(image)}/{path}").status_code == 204


def test_signed_in_tiles_stay_within_a_few_queries(  # type: ignore[no-untyped-def]
    shared, django_assert_max_num_queries
) -> None:
    client = client_for(shared["editor_a"])
    image = shared["private_image"]
    assert tile(client, image, "full/max/0/default.jpg").status_code == 200
    # Session, user, image, memberships, grants.
    with django_assert_max_num_queries(5):
        assert tile(client, image, "full/max/0/default.jpg").status_code == 200


def test_cache_and_backend_follow_the_settings(shared, settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    first = image_views.derivative_cache()
    assert first is image_views.derivative_cache()
    assert first.root == tmp_path / "iiif-cache"
    settings.TONGWEN_IIIF_CACHE_ROOT = tmp_path / "elsewhere"
    settings.TONGWEN_IIIF_BACKEND = "pillow"
    second = image_views.derivative_cache()
    assert second is not first
    assert second.root == tmp_path / "elsewhere"
    assert served_size(client_for(), shared["open_image"], "full/90,/0/default.png") == (90, 60)
    assert [p for p in (tmp_path / "elsewhere").rglob("*") if p.is_file()]


# --- the lean access query and the anonymous fast path ---------------------------------------


def test_image_access_row_decides_as_image_get(shared) -> None:  # type: ignore[no-untyped-def]
    from django.contrib.auth.models import AnonymousUser

    from tongwen.catalog import selectors

    users = [AnonymousUser(), shared["editor_a"], shared["editor_b"], shared["editor_c"], SYSTEM]
    kinds = ("open_image", "partners_image", "private_image")

    def decisions() -> list[Any]:
        found = []
        for user in users:
            for kind in kinds:
                answers: list[Any] = []
                for select in (selectors.image_get, selectors.image_access_row):
                    try:
                        image, access = select(user=user, iiif_id=shared[kind].iiif_id)
                    except DigitalObject.DoesNotExist:
                        answers.append(None)
                    else:
                        resource = image.resource
                        fields = (image.pk, image.iiif_id, image.width, image.height, image.master)
                        answers.append((fields, resource.pk, resource.is_open, access))
                assert answers[0] == answers[1], (user, kind)
                found.append(answers[1] and answers[1][-1])
        return found

    before = decisions()
    assert before[:3] == [
        Access(view=True, download=True, derive=True),  # anonymous: the open image only
        None,
        None,
    ]
    # A grant widens, its revocation closes, deletion hides: each seen on the next call.
    services.grant_revoke(actor=SYSTEM, grant=shared["grant"])
    services.resource_delete(actor=SYSTEM, resource=shared["public"])
    after = decisions()
    assert after[0] is None and after != before
    with pytest.raises(DigitalObject.DoesNotExist):
        selectors.image_access_row(user=SYSTEM, iiif_id="missing")


@pytest.fixture
def wsgi(monkeypatch):  # type: ignore[no-untyped-def]
    """Calls ``tongwen.config.wsgi.application`` as a server would; returns status, headers
    and body. Like Django's test client, it keeps the test's transaction open."""
    from django.core import signals
    from django.db import close_old_connections

    from tongwen.config import wsgi as wsgi_module

    handled: list[str] = []
    for name in ("django_application", "anonymous_iiif_application"):
        handler = getattr(wsgi_module, name)

        def spy(environ: Any, start: Any, handler: Any = handler, name: str = name) -> Any:
            handled.append(name)
            return handler(environ, start)

        monkeypatch.setattr(wsgi_module, name, spy)

    def call(path: str, method: str = "GET", **extra: str) -> tuple[str, dict[str, str], bytes]:
        environ = {
            "REQUEST_METHOD": method,
            "PATH_INFO": path,
            "SCRIPT_NAME": "",
            "QUERY_STRING": "",
            "SERVER_NAME": "testserver",
            "SERVER_PORT": "80",
            "HTTP_HOST": "testserver",
            "HTTP_ACCEPT_LANGUAGE": "en",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(b""),
            "wsgi.errors": io.StringIO(),
            **extra,
        }
        answer: dict[str, Any] = {}

        def start_response(status: str, headers: list[tuple[str, str]], *_: Any) -> None:
            answer["status"], answer["headers"] = status, dict(headers)

        signals.request_started.disconnect(close_old_connections)
        signals.request_finished.disconnect(close_old_connections)
        try:
            result = wsgi_module.application(environ, start_response)
            body = b"".join(result)
            result.close()  # type: ignore[attr-defined]
        finally:
            signals.request_started.connect(close_old_connections)
            signals.request_finished.connect(close_old_connections)
        return answer["status"], answer["headers"], body

    call.handled = handled  # type: ignore[attr-defined]
    return call


def test_anonymous_image_requests_take_the_lean_path(shared, wsgi) -> None:  # type: ignore[no-untyped-def]
    image = shared["open_image"]
    path = f"{service(image)}/full/max/0/default.jpg"
    status, headers, body = wsgi(path)
    assert status == "200 OK" and body.startswith(JPEG)
    assert wsgi.handled == ["anonymous_iiif_application"]
    # The same answer, headers included, as the full stack gives.
    full = client_for().get(path)
    assert body == full.content
    for name in ("Cache-Control", "ETag", "Link", "Content-Language", "X-Frame-Options"):
        assert headers[name] == full[name], name
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Content-Length"] == str(len(body))
    assert {v.strip() for v in headers["Vary"].split(",")} >= {"Cookie", "Accept-Language"}
    assert headers["Access-Control-Allow-Origin"] == "*"

    head_status, head_headers, head_body = wsgi(path, method="HEAD")
    assert (head_status, head_body, head_headers["Content-Length"]) == (
        "200 OK",
        b"",
        str(len(body)),
    )

    # Hidden images stay hidden, in the request's language.
    for hidden in (shared["private_image"], shared["partners_image"]):
        status, _headers, body = wsgi(f"{service(hidden)}/full/max/0/default.jpg")
        assert (status, body) == ("404 Not Found", b"No such image.\n")
    status, headers, body = wsgi(
        f"{service(shared['private_image'])}/info.json", HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    assert (status, headers["Content-Language"]) == ("404 Not Found", "zh-hans")
    with translation.override("zh-hans"):
        assert body.decode() == _("No such image.") + "\n"
    assert set(wsgi.handled) == {"anonymous_iiif_application"}


def test_signed_in_and_other_requests_take_the_full_stack(shared, wsgi) -> None:  # type: ignore[no-untyped-def]
    from django.conf import settings

    holder = client_for(shared["editor_b"])
    session = holder.cookies[settings.SESSION_COOKIE_NAME].value
    image = shared["private_image"]
    path = f"{service(image)}/full/max/0/default.jpg"

    # With the session cookie the holder gets the full image through the full stack.
    status, headers, body = wsgi(path, HTTP_COOKIE=f"{settings.SESSION_COOKIE_NAME}={session}")
    assert status == "200 OK" and decode(body).size == (600, 400)
    assert headers["Cache-Control"] == "private, no-cache"
    assert wsgi.handled == ["django_application"]
    # Without it the same request is anonymous, and the image hidden.
    assert wsgi(path)[0] == "404 Not Found"
    assert wsgi.handled[-1] == "anonymous_iiif_application"

    wsgi.handled.clear()
    assert wsgi(path, HTTP_AUTHORIZATION="Bearer x")[0] == "404 Not Found"
    assert wsgi(path, method="OPTIONS")[0] == "204 No Content"
    assert wsgi(f"{service(image)}/info.json", method="POST")[0] == "405 Method Not Allowed"
    assert wsgi("/iiif/presentation-elsewhere")[0].startswith(("3", "4"))
    assert wsgi.handled == ["django_application"] * 4
