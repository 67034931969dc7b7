"""Search under /api/v1/: one page of hits with facets and a cursor, and suggestions while
typing.

Thin, over ``search.selectors``, which scopes every search to the user inside the engine: hits
and facet counts alike hold only what the caller may see. Anyone may search, signed in or not.
Facet filters repeat (``?type=resource&type=event``), as an HTML form sends checkboxes: values
within one filter are alternatives, filters together must all hold. Parameters are checked like a
body: an unknown one, or a bad value, is a 400 naming it, never silently ignored.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tongwen.common.api import StrictInput, checked_filters
from tongwen.search import selectors
from tongwen.search.engine import FACETS, SORTS

MAX_TEXT = 200
YEAR_LIMIT = 9999  # years are historical: 9999 BCE to 9999 CE is room enough
MAX_SUGGESTIONS = 20


# -- input ----------------------------------------------------------------------------------


class _StrictParameters(StrictInput):
    """Query parameters whose unknown names are refused, each by name."""

    unknown_message = gettext_lazy("Unknown parameter.")
    unknown_code = "unknown_parameter"


def _values() -> serializers.ListField:
    return serializers.ListField(
        child=serializers.CharField(max_length=100, allow_blank=True), required=False
    )


class SearchInput(_StrictParameters):
    q = serializers.CharField(max_length=MAX_TEXT, required=False, allow_blank=True)
    type = _values()
    institution = _values()
    kind = _values()
    period = _values()
    language = _values()
    rights = _values()
    has_images = _values()
    year_from = serializers.IntegerField(
        min_value=-YEAR_LIMIT, max_value=YEAR_LIMIT, required=False
    )
    year_to = serializers.IntegerField(min_value=-YEAR_LIMIT, max_value=YEAR_LIMIT, required=False)
    # The selector checks sort, cursor and page size, so the page and the API say the same.
    sort = serializers.CharField(max_length=20, required=False)
    cursor = serializers.CharField(max_length=500, required=False, allow_blank=True)
    limit = serializers.IntegerField(required=False)

    def validate_has_images(self, value: list[str]) -> list[str]:
        for choice in value:
            if choice not in ("yes", "no"):
                raise serializers.ValidationError(
                    _("“%(value)s” is neither yes nor no.") % {"value": choice}
                )
        return value


class SuggestInput(_StrictParameters):
    q = serializers.CharField(max_length=MAX_TEXT, required=False, allow_blank=True)
    limit = serializers.IntegerField(min_value=1, max_value=MAX_SUGGESTIONS, required=False)


# -- output ---------------------------------------------------------------------------------


class HitOutput(serializers.Serializer):  # type: ignore[type-arg]
    key = serializers.CharField(help_text="type and identifier, unique among all hits")
    type = serializers.CharField()
    type_label = serializers.CharField(help_text="the type's name in the reader's language")
    url = serializers.URLField()
    title = serializers.CharField(help_text="in the reader's language where there is one")
    title_html = serializers.CharField(help_text="the title, escaped, matches in <mark>")
    title_lang = serializers.CharField(help_text="BCP 47 tag of the title")
    summary = serializers.CharField()
    snippet = serializers.CharField(help_text="HTML: a window of matching text, in <mark>")
    thumbnail = serializers.CharField(help_text="IIIF image URL, or empty")
    year = serializers.IntegerField(allow_null=True, help_text="negative before the Common Era")


class FacetValueOutput(serializers.Serializer):  # type: ignore[type-arg]
    value = serializers.CharField(help_text="what to pass back as a filter")
    # A declared field, though Field has a label attribute; the serializer's metaclass takes it.
    label = serializers.CharField()  # type: ignore[assignment]
    count = serializers.IntegerField()
    selected = serializers.BooleanField()


class FacetsOutput(serializers.Serializer):  # type: ignore[type-arg]
    type = FacetValueOutput(many=True, required=False)
    institution = FacetValueOutput(many=True, required=False)
    kind = FacetValueOutput(many=True, required=False)
    period = FacetValueOutput(many=True, required=False)
    language = FacetValueOutput(many=True, required=False)
    rights = FacetValueOutput(many=True, required=False)
    has_images = FacetValueOutput(many=True, required=False)


class SearchOutput(serializers.Serializer):  # type: ignore[type-arg]
    count = serializers.IntegerField()
    results = HitOutput(many=True)
    facets = FacetsOutput(help_text="only facets with values are present")
    next = serializers.URLField(allow_null=True, help_text="the next page, or null at the end")


class SuggestionOutput(serializers.Serializer):  # type: ignore[type-arg]
    title = serializers.CharField()
    url = serializers.URLField()
    type = serializers.CharField()
    type_label = serializers.CharField()


class SuggestOutput(serializers.Serializer):  # type: ignore[type-arg]
    suggestions = SuggestionOutput(many=True)


def _absolute(request: Request, url: str) -> str:
    return request.build_absolute_uri(url) if url else ""


def _hit(request: Request, hit: selectors.PageHit) -> dict[str, Any]:
    return {
        "key": hit.key,
        "type": hit.type,
        "type_label": hit.type_label,
        "url": _absolute(request, hit.url),
        "title": hit.title_text,
        "title_html": str(hit.title),
        "title_lang": hit.title_lang,
        "summary": hit.summary,
        "snippet": str(hit.snippet),
        "thumbnail": _absolute(request, hit.thumbnail),
        "year": hit.year,
    }


def _next(request: Request, cursor: str | None) -> str | None:
    if cursor is None:
        return None
    params = request.query_params.copy()
    params["cursor"] = cursor
    return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")


def _invalid(exc: selectors.InvalidSearch) -> serializers.ValidationError:
    return serializers.ValidationError(
        {exc.field: [serializers.ErrorDetail(exc.message, code="invalid")]}
    )


_FILTER_DESCRIPTIONS = {
    "type": "document type, such as resource",
    "institution": "identifier of an institution",
    "kind": "kind of resource",
    "period": "dynasty or period code",
    "language": "language of the content, a BCP 47 tag",
    "rights": "rights statement URI",
    "has_images": "yes or no",
}


def _filter_parameter(name: str) -> OpenApiParameter:
    return OpenApiParameter(
        name,
        OpenApiTypes.STR,
        many=True,
        explode=True,
        style="form",
        enum=["yes", "no"] if name == "has_images" else None,
        description=(
            f"{_FILTER_DESCRIPTIONS[name]}; repeat the parameter for more than one value "
            "(any of them matches), at most 50"
        ),
    )


class SearchView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="search",
        parameters=[
            OpenApiParameter(
                "q",
                str,
                description="what to find: Chinese in either script, pinyin, English; "
                '"quoted" for a phrase',
            ),
            *[_filter_parameter(name) for name in FACETS],
            OpenApiParameter("year_from", int, description="first year, negative for BCE"),
            OpenApiParameter("year_to", int, description="last year, negative for BCE"),
            OpenApiParameter("sort", str, enum=list(SORTS), default="relevance"),
            OpenApiParameter(
                "cursor", str, description="from a previous response's next link; opaque"
            ),
            OpenApiParameter(
                "limit", int, description=f"hits per page, 1 to {selectors.MAX_LIMIT}"
            ),
        ],
        responses={200: SearchOutput},
    )
    def get(self, request: Request) -> Response:
        data = checked_filters(SearchInput, request)
        try:
            page = selectors.search(
                user=request.user,
                text=data.get("q", ""),
                filters={name: data[name] for name in FACETS if name in data},
                year_from=data.get("year_from"),
                year_to=data.get("year_to"),
                sort=data.get("sort") or "relevance",
                cursor=data.get("cursor") or None,
                limit=data.get("limit"),
            )
        except selectors.InvalidSearch as exc:
            raise _invalid(exc) from None
        return Response(
            {
                "count": page.total,
                "results": [_hit(request, hit) for hit in page.hits],
                "facets": {
                    facet.name: [
                        {
                            "value": v.value,
                            "label": v.label,
                            "count": v.count,
                            "selected": v.selected,
                        }
                        for v in facet.values
                    ]
                    for facet in page.facets
                },
                "next": _next(request, page.next_cursor),
            }
        )


class SuggestView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="search_suggest",
        parameters=[
            OpenApiParameter("q", str, description="what has been typed so far"),
            OpenApiParameter("limit", int, description=f"1 to {MAX_SUGGESTIONS}, default 8"),
        ],
        responses={200: SuggestOutput},
    )
    def get(self, request: Request) -> Response:
        data = checked_filters(SuggestInput, request)
        found = selectors.suggest(
            user=request.user, text=data.get("q", ""), limit=data.get("limit") or 8
        )
        return Response(
            {
                "suggestions": [
                    {
                        "title": s["title"],
                        "url": _absolute(request, s["url"]),
                        "type": s["type"],
                        "type_label": s["type_label"],
                    }
                    for s in found
                ]
            }
        )
