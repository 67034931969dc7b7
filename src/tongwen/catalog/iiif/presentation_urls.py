"""IIIF Presentation API 3.0 documents and the viewer pages (included at ``iiif/``)."""

from django.urls import URLPattern, URLResolver, path

from tongwen.catalog.iiif import presentation_views as views

urlpatterns: list[URLPattern | URLResolver] = [
    path("presentation/<slug:slug>/manifest", views.manifest, name="iiif-manifest"),
    path("presentation/collection", views.top_collection, name="iiif-collections"),
    path("presentation/collection/<slug:slug>", views.collection, name="iiif-collection"),
    path("viewer/<slug:slug>", views.viewer, name="catalog-viewer"),
    path("embed/<slug:slug>", views.embed, name="catalog-embed"),
]
