"""The public search page: one box, facets to narrow, result cards, a cursor to read on.

Everything the page shows comes from ``search.selectors.search``, scoped to the reader. The
page is a plain GET form, so every state of it is a link: facet values toggle by link, the
next page is a link carrying the cursor, and the page works without JavaScript; the script
only adds suggestions while typing and submits when the sort order changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from tongwen.search import selectors
from tongwen.search.engine import FACETS

MAX_TEXT = 200
YEAR_LIMIT = 9999

SORT_LABELS = {
    "relevance": gettext_lazy("Best match"),
    "date": gettext_lazy("Oldest first"),
    "-date": gettext_lazy("Newest first"),
    "title": gettext_lazy("Title"),
}


class SearchForm(forms.Form):
    """What the page's form sends besides the facet filters, which repeat and are read as
    lists. Sort order and cursor are checked by the selector, as for the API."""

    q = forms.CharField(required=False, max_length=MAX_TEXT, label=gettext_lazy("Search"))
    year_from = forms.IntegerField(
        required=False,
        min_value=-YEAR_LIMIT,
        max_value=YEAR_LIMIT,
        label=gettext_lazy("From year"),
    )
    year_to = forms.IntegerField(
        required=False, min_value=-YEAR_LIMIT, max_value=YEAR_LIMIT, label=gettext_lazy("To year")
    )
    sort = forms.CharField(required=False, max_length=20, label=gettext_lazy("Sort"))
    cursor = forms.CharField(required=False, max_length=500, label="")


@dataclass(frozen=True)
class FacetLink:
    value: str
    label: str
    count: int
    selected: bool
    href: str


@dataclass(frozen=True)
class FacetBlock:
    name: str
    label: str
    links: list[FacetLink]


@dataclass(frozen=True)
class Card:
    hit: selectors.PageHit
    year_label: str


@dataclass(frozen=True)
class Chosen:
    """A filter in force, with the link that lifts it."""

    facet_label: str
    label: str
    href: str


def year_label(year: int | None) -> str:
    if year is None:
        return ""
    if year < 0:
        return _("%(year)d BCE") % {"year": -year}
    return str(year)


def _link(params: QueryDict) -> str:
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


def _toggled(params: QueryDict, name: str, value: str) -> str:
    changed = params.copy()
    changed.pop("cursor", None)
    values = changed.getlist(name)
    changed.setlist(
        name, [v for v in values if v != value] if value in values else [*values, value]
    )
    return _link(changed)


def _filters(params: QueryDict) -> dict[str, list[str]]:
    return {name: params.getlist(name) for name in FACETS if params.getlist(name)}


def search_page(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    params = request.GET.copy()
    errors: list[str] = []
    page: selectors.Page | None = None
    if not form.is_valid():
        errors = [
            _("%(field)s: %(message)s") % {"field": form.fields[name].label, "message": message}
            if form.fields[name].label
            else str(message)
            for name, messages in form.errors.items()
            for message in messages
        ]
    else:
        data = form.cleaned_data
        try:
            page = selectors.search(
                user=request.user,
                text=data["q"].strip(),
                filters=_filters(request.GET),
                year_from=data["year_from"],
                year_to=data["year_to"],
                sort=data["sort"] or "relevance",
                cursor=data["cursor"] or None,
            )
        except selectors.InvalidSearch as exc:
            errors = [exc.message]
    context: dict[str, Any] = {
        "form": form,
        "q": request.GET.get("q", ""),
        "errors": errors,
        "page": page,
        "sorts": [(value, str(label)) for value, label in SORT_LABELS.items()],
        "sort": request.GET.get("sort") or "relevance",
        "kept": [
            (name, value) for name, values in _filters(request.GET).items() for value in values
        ],
    }
    if page is not None:
        context |= _shown(params, page)
    return render(request, "search/page.html", context, status=400 if errors else 200)


def _shown(params: QueryDict, page: selectors.Page) -> dict[str, Any]:
    """The page's links: each facet value toggling itself, the filters in force, the next
    page."""
    facets = [
        FacetBlock(
            name=facet.name,
            label=facet.label,
            links=[
                FacetLink(
                    value=v.value,
                    label=v.label,
                    count=v.count,
                    selected=v.selected,
                    href=_toggled(params, facet.name, v.value),
                )
                for v in facet.values
            ],
        )
        for facet in page.facets
    ]
    labels = {(block.name, link.value): link.label for block in facets for link in block.links}
    chosen = []
    for name, values in page.filters.items():
        # A chosen value the results no longer hold has no count, but still a name.
        missing = [v for v in values if (name, v) not in labels]
        if missing:
            found = selectors.facet_labels(name, missing, get_language() or "zh-hans")
            labels |= {(name, v): found.get(v, v) for v in missing}
        chosen += [
            Chosen(
                facet_label=str(selectors.FACET_NAMES[name]),
                label=labels[(name, value)],
                href=_toggled(params, name, value),
            )
            for value in values
        ]
    cleared = params.copy()
    for name in (*FACETS, "cursor", "year_from", "year_to"):
        cleared.pop(name, None)
    next_href = ""
    if page.next_cursor:
        following = params.copy()
        following["cursor"] = page.next_cursor
        next_href = _link(following)
    first = params.copy()
    first.pop("cursor", None)
    return {
        "facets": facets,
        "chosen": chosen,
        "clear_href": _link(cleared),
        "next_href": next_href,
        "first_href": _link(first) if page.offset else "",
        "cards": [Card(hit=hit, year_label=year_label(hit.year)) for hit in page.hits],
        "first_number": page.offset + 1,
        "last_number": page.offset + len(page.hits),
        "narrowed": bool(chosen) or bool(params.get("year_from") or params.get("year_to")),
    }
