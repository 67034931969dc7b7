"""Search under /api/v1/: the search itself and suggestions while typing."""

from django.urls import URLPattern, URLResolver, path

from tongwen.search.api import SearchView, SuggestView

urlpatterns: list[URLPattern | URLResolver] = [
    path("search/", SearchView.as_view(), name="search"),
    path("search/suggest/", SuggestView.as_view(), name="search-suggest"),
]
