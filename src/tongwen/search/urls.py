"""The public search page."""

from django.urls import URLPattern, URLResolver, path

from tongwen.search import views

app_name = "search"
urlpatterns: list[URLPattern | URLResolver] = [
    path("search/", views.search_page, name="page"),
]
