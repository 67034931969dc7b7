"""The search API: what anyone finds, in what shape, how it pages, and what it refuses."""

from __future__ import annotations

import io
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from PIL import Image, ImageDraw

from tongwen.catalog import images
from tongwen.catalog.models import Resource, Rights
from tongwen.catalog.tests.conftest import make_resource
from tongwen.common.actors import SYSTEM
from tongwen.search import services

pytestmark = pytest.mark.django_db

SEARCH = "/api/v1/search/"
SUGGEST = "/api/v1/search/suggest/"
BASE = "http://testserver"


def jpeg() -> io.BytesIO:
    """A page-like image: paper, a dark frame, four columns of 'text'."""
    image = Image.new("RGB", (300, 420), (236, 224, 196))
    draw = ImageDraw.Draw(image)
    draw.rectangle((20, 24, 280, 396), outline=(60, 40, 30), width=5)
    for column in range(4):
        x = 230 - column * 50
        draw.rectangle((x, 50, x + 18, 370), fill=(40, 30, 25))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG")
    buffer.seek(0)
    return buffer


def build_library(world: dict[str, Any]) -> dict[str, Any]:
    """Four resources anyone may see at B and A, one only A's partners may see, one private to
    C. Call it inside ``django_capture_on_commit_callbacks(execute=True)`` so the index
    follows."""
    shiji = make_resource(
        world["b"],
        "shiji",
        title={"zh-Hant": "史記", "zh-Hans": "史记", "en": "Records of the Grand Historian"},
        creators=[{"name": {"zh-Hant": "司馬遷"}, "role": "author", "period": "western-han"}],
        description={"zh-Hant": "紀傳體通史，記黃帝至漢武帝三千餘年事。"},
        period="western-han",
        year_from=-91,
        languages=["lzh"],
    )
    images.image_add(actor=SYSTEM, resource=shiji, file=jpeg(), original_name="leaf-1.jpg")
    hanshu = make_resource(
        world["b"],
        "hanshu",
        title={"zh-Hant": "漢書", "zh-Hans": "汉书", "en": "Book of Han"},
        creators=[{"name": {"zh-Hant": "班固"}, "role": "author", "period": "eastern-han"}],
        description={"zh-Hant": "紀傳體斷代史，繼史記而作。"},
        period="eastern-han",
        year_from=111,
        rights=Rights.CC_BY,
    )
    tangshi = make_resource(
        world["a"],
        "tangshi",
        title={"zh-Hant": "唐詩三百首", "en": "Three Hundred Tang Poems"},
        description={"en": "An anthology of poems of the Tang dynasty."},
        period="qing",
        year_from=1763,
        kind=Resource.Kind.TEXT,
    )
    sanguo = make_resource(
        world["b"],
        "sanguozhi-partners",
        "partners",
        title={"zh-Hant": "三國志", "en": "Records of the Three Kingdoms"},
        description={"zh-Hant": "紀傳體史書，記三國事。"},
        year_from=290,
    )
    secret = make_resource(
        world["c"],
        "secret-shiji",
        "private",
        title={"zh-Hant": "史記評林", "en": "Forest of Comments on the Records"},
        description={"zh-Hant": "史記的評點本。"},
        kind=Resource.Kind.MANUSCRIPT_ARCHIVE,
        year_from=1576,
    )
    return {
        "shiji": shiji,
        "hanshu": hanshu,
        "tangshi": tangshi,
        "sanguo": sanguo,
        "secret": secret,
    }


def indexed_library(world: dict[str, Any]) -> dict[str, Any]:
    """The library, indexed as ``rebuild`` does it."""
    made = build_library(world)
    services.rebuild()
    return world | made


@pytest.fixture
def library(world):  # type: ignore[no-untyped-def]
    return indexed_library(world)


def _errors(response) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(e["field"], e["message"]) for e in response.json()["errors"]]


def _keys(response) -> list[str]:  # type: ignore[no-untyped-def]
    return [hit["key"] for hit in response.json()["results"]]


def _counts(body: dict[str, Any], facet: str) -> dict[str, int]:
    return {v["value"]: v["count"] for v in body["facets"].get(facet, [])}


def _in(language: str, message: str) -> str:
    with translation.override(language):
        return translation.gettext(message)


# -- results --------------------------------------------------------------------------------


def test_a_search_answers_with_hits_facets_and_no_next_page(library, api):  # type: ignore[no-untyped-def]
    response = api.get(SEARCH, {"q": "史记"})
    assert response.status_code == 200
    body = response.json()
    shiji, hanshu = library["shiji"], library["hanshu"]
    assert body["count"] == 2
    assert body["next"] is None
    first = body["results"][0]
    image = shiji.images.get()
    assert first == {
        "key": f"resource:{shiji.pk}",
        "type": "resource",
        "type_label": "Resource",
        "url": f"{BASE}/collection/shiji/",
        "title": "Records of the Grand Historian",
        "title_html": "Records of the Grand Historian",
        "title_lang": "en",
        "summary": "西漢 司馬遷",
        "snippet": "纪传体通<mark>史</mark>，<mark>记</mark>黄帝至汉武帝三千余年事。",
        "thumbnail": f"{BASE}/iiif/3/{image.iiif_id}/full/!200,200/0/default.jpg",
        "year": -91,
    }
    second = body["results"][1]
    assert second["key"] == f"resource:{hanshu.pk}"
    assert second["snippet"] == "纪传体断代<mark>史</mark>，继<mark>史记</mark>而作。"
    assert second["thumbnail"] == ""
    assert body["facets"]["institution"] == [
        {"value": "inst-b", "label": "Institution B", "count": 2, "selected": False}
    ]
    assert _counts(body, "period") == {"eastern-han": 1, "western-han": 1}
    assert _counts(body, "has_images") == {"yes": 1, "no": 1}
    assert [v["label"] for v in body["facets"]["rights"]] == ["CC BY 4.0", "Public Domain Mark 1.0"]
    assert list(body["facets"]) == [
        "type",
        "institution",
        "kind",
        "period",
        "language",
        "rights",
        "has_images",
    ]


def test_the_reader_of_chinese_gets_chinese_titles_marked_in_their_script(library, api):  # type: ignore[no-untyped-def]
    body = api.get(SEARCH, {"q": "史記", "type": "resource"}, HTTP_ACCEPT_LANGUAGE="zh-hans").json()
    first = body["results"][0]
    assert first["title"] == "史记"
    assert first["title_lang"] == "zh-Hans"
    # Typed in traditional characters: the marks are in traditional characters too.
    assert first["title_html"] == "<mark>史記</mark>"
    assert first["type_label"] == _in("zh-hans", "Resource")
    period = {v["value"]: v["label"] for v in body["facets"]["period"]}
    assert period["western-han"] == "西汉"


def test_filters_repeat_and_combine(library, api):  # type: ignore[no-untyped-def]
    both = api.get(
        SEARCH, {"type": "resource", "institution": ["inst-a", "inst-b"], "sort": "date"}
    )
    assert _keys(both) == [
        f"resource:{library[name].pk}" for name in ("shiji", "hanshu", "tangshi")
    ]
    institutions = {v["value"]: v["selected"] for v in both.json()["facets"]["institution"]}
    assert institutions == {"inst-a": True, "inst-b": True}
    one = api.get(SEARCH, {"type": "resource", "institution": "inst-b", "has_images": "yes"})
    assert _keys(one) == [f"resource:{library['shiji'].pk}"]
    years = api.get(
        SEARCH, {"type": "resource", "year_from": "0", "year_to": "1800", "sort": "-date"}
    )
    assert _keys(years) == [f"resource:{library[n].pk}" for n in ("tangshi", "hanshu")]
    bce = api.get(SEARCH, {"year_to": "-1"})
    assert _keys(bce) == [f"resource:{library['shiji'].pk}"]


def test_the_next_link_carries_a_cursor_to_the_following_page(library, api):  # type: ignore[no-untyped-def]
    params = {"type": "resource", "sort": "date", "limit": "2"}
    first = api.get(SEARCH, params).json()
    assert first["count"] == 3
    assert [r["year"] for r in first["results"]] == [-91, 111]
    following = first["next"]
    assert following.startswith(f"{BASE}{SEARCH}?")
    query = parse_qs(urlsplit(following).query)
    assert query["type"] == ["resource"] and query["sort"] == ["date"] and query["limit"] == ["2"]
    second = api.get(following).json()
    assert [r["year"] for r in second["results"]] == [1763]
    assert second["count"] == 3
    assert second["next"] is None

    # The cursor belongs to its search: another query, sort or filter refuses it.
    cursor = query["cursor"][0]
    moved = api.get(SEARCH, {"type": "resource", "sort": "-date", "cursor": cursor})
    assert moved.status_code == 400
    assert _errors(moved) == [
        ("cursor", "This cursor belongs to another search; start the search again.")
    ]


def test_an_empty_search_lists_everything_visible(library, api):  # type: ignore[no-untyped-def]
    body = api.get(SEARCH, {"type": "resource"}).json()
    assert body["count"] == 3
    nothing = api.get(SEARCH, {"q": "zzzzqqq"}).json()
    assert nothing == {"count": 0, "results": [], "facets": {}, "next": None}


def test_the_cost_does_not_grow_with_the_hits(library, api):  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as one:
        assert len(api.get(SEARCH, {"limit": "1"}).json()["results"]) == 1
    with CaptureQueriesContext(connection) as many:
        assert len(api.get(SEARCH, {"limit": "8"}).json()["results"]) == 8
    assert len(many) <= len(one) <= 3


# -- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"sort": "popular"}, [("sort", "Sort by one of: relevance, date, -date, title.")]),
        ({"cursor": "abc"}, [("cursor", "This cursor is not valid; start the search again.")]),
        ({"year_from": "Han"}, [("year_from", "A valid integer is required.")]),
        ({"year_to": "99999"}, [("year_to", "Ensure this value is less than or equal to 9999.")]),
        (
            {"year_from": "5", "year_to": "1"},
            [("year_from", "The first year comes after the last.")],
        ),
        ({"limit": "0"}, [("limit", "The page size must be between 1 and 100.")]),
        ({"limit": "101"}, [("limit", "The page size must be between 1 and 100.")]),
        ({"limit": "ten"}, [("limit", "A valid integer is required.")]),
        ({"has_images": "maybe"}, [("has_images", "“maybe” is neither yes nor no.")]),
        ({"colour": "red", "q": "史"}, [("colour", "Unknown parameter.")]),
        ({"q": "史" * 201}, [("q", "Ensure this field has no more than 200 characters.")]),
        (
            {"kind": [f"k{n}" for n in range(51)]},
            [("kind", "At most 50 values per filter.")],
        ),
    ],
)
def test_bad_input_is_a_400_naming_the_parameter(library, api, params, expected):  # type: ignore[no-untyped-def]
    response = api.get(SEARCH, params)
    assert response.status_code == 400
    assert _errors(response) == expected


def test_errors_speak_the_readers_language(library, api):  # type: ignore[no-untyped-def]
    response = api.get(SEARCH, {"year_from": "Han"}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert _errors(response) == [("year_from", "请填写合法的整数值。")]
    response = api.get(SEARCH, {"sort": "popular"}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    expected = _in("zh-hans", "Sort by one of: %(sorts)s.") % {
        "sorts": "relevance, date, -date, title"
    }
    assert _errors(response) == [("sort", expected)]


# -- who sees what --------------------------------------------------------------------------


def test_others_private_resources_never_show_nor_count(library, api):  # type: ignore[no-untyped-def]
    anonymous = api.get(SEARCH, {"type": "resource"}).json()
    assert f"resource:{library['secret'].pk}" not in _keys_of(anonymous)
    assert f"resource:{library['sanguo'].pk}" not in _keys_of(anonymous)
    assert _counts(anonymous, "institution") == {"inst-b": 2, "inst-a": 1}
    assert "manuscript_archive" not in _counts(anonymous, "kind")
    assert api.get(SEARCH, {"q": "评林"}).json()["count"] == 0

    # C's editor finds C's private book; A's editor, a partner of B, finds B's partners' one.
    api.force_login(library["editor_c"])
    own = api.get(SEARCH, {"type": "resource"}).json()
    assert _counts(own, "institution") == {"inst-b": 2, "inst-a": 1, "inst-c": 1}
    assert _counts(own, "kind")["manuscript_archive"] == 1
    assert api.get(SEARCH, {"q": "评林"}).json()["count"] == 1
    api.force_login(library["editor_a"])
    partner = api.get(SEARCH, {"type": "resource"}).json()
    assert f"resource:{library['sanguo'].pk}" in _keys_of(partner)
    assert f"resource:{library['secret'].pk}" not in _keys_of(partner)
    assert _counts(partner, "institution") == {"inst-b": 3, "inst-a": 1}


def _keys_of(body: dict[str, Any]) -> list[str]:
    return [hit["key"] for hit in body["results"]]


# -- suggestions ----------------------------------------------------------------------------


def test_suggestions_forgive_a_typo_and_a_missing_ending(library, api):  # type: ignore[no-untyped-def]
    expected = {
        "title": "Records of the Grand Historian",
        "url": f"{BASE}/collection/shiji/",
        "type": "resource",
        "type_label": "Resource",
    }
    assert api.get(SUGGEST, {"q": "shij"}).json() == {"suggestions": [expected]}
    assert api.get(SUGGEST, {"q": "shiij"}).json()["suggestions"][0] == expected
    chinese = api.get(SUGGEST, {"q": "史记"}, HTTP_ACCEPT_LANGUAGE="zh-hans").json()
    assert [s["title"] for s in chinese["suggestions"]] == ["史记"]
    assert api.get(SUGGEST, {"q": " "}).json() == {"suggestions": []}


def test_suggestions_stay_within_what_the_user_may_see(library, api):  # type: ignore[no-untyped-def]
    assert [s["url"] for s in api.get(SUGGEST, {"q": "史記"}).json()["suggestions"]] == [
        f"{BASE}/collection/shiji/"
    ]
    api.force_login(library["editor_c"])
    found = {s["url"] for s in api.get(SUGGEST, {"q": "史記"}).json()["suggestions"]}
    assert found == {f"{BASE}/collection/shiji/", f"{BASE}/collection/secret-shiji/"}


def test_suggest_refuses_unknown_parameters_and_bad_limits(library, api):  # type: ignore[no-untyped-def]
    response = api.get(SUGGEST, {"q": "shi", "type": "resource"})
    assert response.status_code == 400
    assert _errors(response) == [("type", "Unknown parameter.")]
    response = api.get(SUGGEST, {"q": "shi", "limit": "21"})
    assert _errors(response) == [("limit", "Ensure this value is less than or equal to 20.")]


# -- the schema -----------------------------------------------------------------------------


def test_the_schema_documents_search(library, api):  # type: ignore[no-untyped-def]
    schema = api.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    operation = schema["paths"]["/api/v1/search/"]["get"]
    parameters = {p["name"]: p for p in operation["parameters"]}
    assert set(parameters) == {
        "q",
        "type",
        "institution",
        "kind",
        "period",
        "language",
        "rights",
        "has_images",
        "year_from",
        "year_to",
        "sort",
        "cursor",
        "limit",
    }
    assert parameters["institution"]["explode"] is True
    assert parameters["institution"]["schema"]["type"] == "array"
    assert set(parameters["sort"]["schema"]["enum"]) == {"relevance", "date", "-date", "title"}
    assert "/api/v1/search/suggest/" in schema["paths"]
    assert api.get("/api/v1/").json()["search"] == f"{BASE}{SEARCH}"


def test_the_schema_generates_without_warnings(db, tmp_path):  # type: ignore[no-untyped-def]
    target = tmp_path / "schema.yaml"
    call_command("spectacular", "--fail-on-warn", "--validate", "--file", str(target))
    assert "/api/v1/search/suggest/:" in target.read_text()
