"""The search page: what a reader sees for a search, in either language, and how each link
(facet, next page) keeps the rest of the search."""

from __future__ import annotations

import re
from typing import Any

import lxml.html  # type: ignore[import-untyped]  # lxml ships no stubs
import pytest
from django.utils import translation

from tongwen.search.tests.test_api import indexed_library

pytestmark = pytest.mark.django_db

PAGE = "/search/"


@pytest.fixture
def library(world):  # type: ignore[no-untyped-def]
    return indexed_library(world)


def _css(selector: str) -> str:
    """The XPath of a simple CSS selector: tags, .class, #id, [attr] and [attr="value"],
    joined by descendant spaces (enough for these pages, without another dependency)."""
    steps = []
    for part in selector.split(" "):
        match = re.match(r"^([a-z0-9]*)(.*)$", part)
        assert match is not None
        tag, rest = match.group(1) or "*", match.group(2)
        tests = []
        for kind, name, value in re.findall(r'([.#]|\[)([\w-]+)(?:="?([^"\]]*)"?\])?\]?', rest):
            if kind == ".":
                tests.append(f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')")
            elif kind == "#":
                tests.append(f"@id='{name}'")
            elif value:
                tests.append(f"@{name}='{value}'")
            else:
                tests.append(f"@{name}")
        steps.append(tag + "".join(f"[{t}]" for t in tests))
    return "descendant-or-self::" + "//".join(steps)


def _select(node: Any, selector: str) -> list[Any]:
    return list(node.xpath(_css(selector)))


def _tree(response: Any) -> Any:
    return lxml.html.fromstring(response.content.decode())


def _text(node: Any) -> str:
    return " ".join(node.text_content().split())


def _facet(tree: Any, name: str) -> dict[str, tuple[int, bool, str]]:
    """label → (count, selected, link) for one facet."""
    found = {}
    for link in _select(tree, f'[data-facet="{name}"] a.facet-value'):
        label = _text(_select(link, ".facet-label")[0])
        count = int(_text(_select(link, ".count")[0]))
        found[label] = (count, "selected" in link.get("class"), link.get("href"))
    return found


def _titles(tree: Any) -> list[str]:
    return [_text(a) for a in _select(tree, ".hit-title a")]


def _in(language: str, message: str) -> str:
    with translation.override(language):
        return translation.gettext(message)


def test_the_page_shows_cards_facets_and_a_count(library, client):  # type: ignore[no-untyped-def]
    response = client.get(PAGE, {"q": "史记"})
    assert response.status_code == 200
    tree = _tree(response)
    assert tree.get("lang") == "en"
    assert _text(_select(tree, "#result-count")[0]) == "2 results"
    assert _titles(tree) == ["Records of the Grand Historian", "Book of Han"]
    box = _select(tree, "#search-q")[0]
    assert box.get("value") == "史记"
    assert box.get("autofocus") is not None
    assert box.get("role") == "combobox"
    assert box.get("data-suggest-url") == "/api/v1/search/suggest/"

    first = _select(tree, ".hit")[0]
    image = library["shiji"].images.get()
    thumbnail = _select(first, ".hit-thumb img")[0]
    assert thumbnail.get("src") == f"/iiif/3/{image.iiif_id}/full/!200,200/0/default.jpg"
    assert thumbnail.get("loading") == "lazy"
    assert thumbnail.get("alt") == "Image of Records of the Grand Historian"
    assert _text(_select(first, ".hit-type")[0]) == "Resource"
    assert _text(_select(first, ".hit-year")[0]) == "91 BCE"
    assert _select(first, ".hit-title a")[0].get("href") == "/collection/shiji/"
    assert _text(_select(first, ".hit-summary")[0]) == "西漢 司馬遷"
    snippet = lxml.html.tostring(_select(first, ".hit-snippet")[0], encoding="unicode")
    assert "纪传体通<mark>史</mark>，<mark>记</mark>黄帝至汉武帝" in snippet
    second = _select(tree, ".hit")[1]
    assert _select(second, "img") == []
    assert _text(_select(second, ".hit-year")[0]) == "111"

    assert _facet(tree, "institution") == {
        "Institution B": (2, False, "?q=%E5%8F%B2%E8%AE%B0&institution=inst-b")
    }
    assert {k: v[0] for k, v in _facet(tree, "period").items()} == {
        "Eastern Han": 1,
        "Western Han": 1,
    }
    assert {k: v[0] for k, v in _facet(tree, "has_images").items()} == {
        "Without images": 1,
        "With images": 1,
    }
    # The page is the search: no second search box in the header.
    assert _select(tree, "#site-search-q") == []


def test_the_page_speaks_chinese(library, client):  # type: ignore[no-untyped-def]
    response = client.get(PAGE, {"q": "史記"}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    tree = _tree(response)
    assert tree.get("lang") == "zh-Hans"
    # The titles are the Simplified Chinese ones, shown in the script the reader typed.
    assert _titles(tree) == ["史記", "漢書"]
    title = lxml.html.tostring(_select(tree, ".hit-title a")[0], encoding="unicode")
    assert "<mark>史記</mark>" in title
    assert _select(tree, ".hit-title a")[0].get("lang") == "zh-Hans"
    assert set(_facet(tree, "period")) == {"东汉", "西汉"}
    assert _text(_select(tree, '[data-facet="period"] h2')[0]) == _in(
        "zh-hans", "Dynasty or period"
    )
    assert _text(_select(tree, ".hit-type")[0]) == _in("zh-hans", "Resource")
    assert _text(_select(tree, ".hit-year")[0]) == _in("zh-hans", "%(year)d BCE") % {"year": 91}
    assert _select(tree, "#search-q")[0].get("placeholder") == _in(
        "zh-hans", "Titles, people, places — in Chinese, pinyin or English"
    )


def test_a_facet_link_toggles_its_value_and_keeps_the_search(library, client):  # type: ignore[no-untyped-def]
    tree = _tree(client.get(PAGE, {"q": "史记"}))
    _count, _selected, link = _facet(tree, "has_images")["With images"]
    narrowed = _tree(client.get(PAGE + link))
    assert _titles(narrowed) == ["Records of the Grand Historian"]
    count, selected, back = _facet(narrowed, "has_images")["With images"]
    assert (count, selected) == (1, True)
    assert back == "?q=%E5%8F%B2%E8%AE%B0"
    # The filter in force is shown, can be lifted, and rides along with a new search.
    chips = _select(narrowed, ".chosen .chip")
    assert [_text(c) for c in chips] == ["Images: With images ×"]
    assert chips[0].get("href") == back
    hidden = [(i.get("name"), i.get("value")) for i in _select(narrowed, "input[type=hidden]")]
    assert ("has_images", "yes") in hidden
    assert _titles(_tree(client.get(PAGE + back))) == [
        "Records of the Grand Historian",
        "Book of Han",
    ]


def test_the_next_page_link_carries_the_cursor(library, client, settings):  # type: ignore[no-untyped-def]
    settings.TONGWEN_SEARCH_PAGE_SIZE = 2
    tree = _tree(client.get(PAGE, {"type": "resource", "sort": "date"}))
    assert _text(_select(tree, "#result-count")[0]) == "3 results"
    assert _titles(tree) == ["Records of the Grand Historian", "Book of Han"]
    link = _select(tree, 'a[rel="next"]')[0].get("href")
    assert link.startswith("?type=resource&sort=date&cursor=")
    following = _tree(client.get(PAGE + link))
    assert _titles(following) == ["Three Hundred Tang Poems"]
    assert _text(_select(following, "#result-count")[0]) == "3 results · showing 3–3"
    assert _select(following, "ol.hits")[0].get("start") == "3"
    assert _select(following, 'a[rel="next"]') == []
    first = _select(following, ".pager a")[0]
    assert first.get("href") == "?type=resource&sort=date"
    # The sort select offers every order, the current one chosen.
    options = _select(following, 'select[name="sort"] option')
    assert [(o.get("value"), o.get("selected") is not None) for o in options] == [
        ("relevance", False),
        ("date", True),
        ("-date", False),
        ("title", False),
    ]


def test_nothing_found_says_so_and_offers_a_way_out(library, client):  # type: ignore[no-untyped-def]
    tree = _tree(client.get(PAGE, {"q": "zzzzqqq", "institution": "inst-a"}))
    assert _text(_select(tree, "#result-count")[0]) == "No results"
    assert [_text(c) for c in _select(tree, ".chosen .chip")] == ["Institution: Institution A ×"]
    empty = _select(tree, ".empty")[0]
    assert _text(_select(empty, ".empty-title")[0]) == "Nothing found for “zzzzqqq”."
    assert _select(empty, "a")[0].get("href") == "?q=zzzzqqq"


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": "史", "year_from": "Han"}, "From year: Enter a whole number."),
        ({"year_to": "12345"}, "To year: Ensure this value is less than or equal to 9999."),
        ({"sort": "popular"}, "Sort by one of: relevance, date, -date, title."),
        ({"cursor": "abc"}, "This cursor is not valid; start the search again."),
        ({"cursor": "x" * 501}, "Ensure this value has at most 500 characters (it has 501)."),
        ({"year_from": "9", "year_to": "1"}, "The first year comes after the last."),
    ],
)
def test_bad_input_is_a_400_with_a_clear_message(library, client, params, message):  # type: ignore[no-untyped-def]
    response = client.get(PAGE, params)
    assert response.status_code == 400
    tree = _tree(response)
    alert = _select(tree, '.search-errors[role="alert"]')[0]
    assert [_text(li) for li in _select(alert, "li")] == [message]
    assert _select(tree, ".hit") == []
    assert _select(tree, "#search-q")  # the reader can search again at once


def test_bad_input_is_explained_in_chinese(library, client):  # type: ignore[no-untyped-def]
    response = client.get(PAGE, {"sort": "popular"}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 400
    alert = _select(_tree(response), ".search-errors li")[0]
    assert _text(alert) == _in("zh-hans", "Sort by one of: %(sorts)s.") % {
        "sorts": "relevance, date, -date, title"
    }


def test_others_private_resources_never_show_on_the_page(library, client):  # type: ignore[no-untyped-def]
    tree = _tree(client.get(PAGE, {"q": "史記"}))
    assert "Forest of Comments on the Records" not in _titles(tree)
    assert set(_facet(tree, "institution")) == {"Institution B"}
    assert "manuscript or archive" not in _facet(tree, "kind")

    client.force_login(library["editor_c"])
    tree = _tree(client.get(PAGE, {"q": "史記"}))
    assert "Forest of Comments on the Records" in _titles(tree)
    assert _facet(tree, "institution")["Institution C"][0] == 1


def test_every_page_has_a_search_box_in_the_header(db, client):  # type: ignore[no-untyped-def]
    tree = _tree(client.get("/"))
    form = _select(tree, 'header form[role="search"]')[0]
    assert form.get("action") == PAGE
    assert form.get("method") == "get"
    assert _select(form, "input#site-search-q")[0].get("name") == "q"
