"""The bulk import page and its downloadable templates."""

from django.urls import URLPattern, URLResolver, path

from tongwen.catalog import import_views

app_name = "catalog_import"
urlpatterns: list[URLPattern | URLResolver] = [
    path("workspace/collection/import/", import_views.import_page, name="page"),
    path(
        "workspace/collection/import/template.<str:fmt>",
        import_views.import_template,
        name="template",
    ),
]
