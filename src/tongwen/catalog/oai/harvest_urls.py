"""Workspace pages for harvesting partners' OAI-PMH repositories (included at "")."""

from django.urls import URLPattern, URLResolver, path

from tongwen.catalog.oai import harvest_views

app_name = "harvest"
urlpatterns: list[URLPattern | URLResolver] = [
    path("workspace/harvest/", harvest_views.source_list, name="list"),
    path("workspace/harvest/new/", harvest_views.source_create, name="create"),
    path("workspace/harvest/<slug:slug>/", harvest_views.source_detail, name="detail"),
    path("workspace/harvest/<slug:slug>/edit/", harvest_views.source_edit, name="edit"),
    path("workspace/harvest/<slug:slug>/run/", harvest_views.source_harvest, name="run"),
]
