"""IIIF Image API 3.0 routes (included at ``iiif/``): ``3/<identifier>/…``.

Path converters keep "/" out of every segment, so an identifier holding an unescaped slash
matches nothing here but the catch-all, which answers 404 (with CORS, as the rest).
"""

from django.urls import URLPattern, URLResolver, path, re_path

from tongwen.catalog.iiif import image_views as views

urlpatterns: list[URLPattern | URLResolver] = [
    path("3/<str:identifier>", views.image_base, name="iiif-image-base"),
    path("3/<str:identifier>/", views.image_base),
    path("3/<str:identifier>/info.json", views.image_info, name="iiif-image-info"),
    path(
        "3/<str:identifier>/<str:region>/<str:size>/<str:rotation>/<str:quality_format>",
        views.image_request,
        name="iiif-image",
    ),
    re_path(r"^3/(?P<rest>.*)$", views.not_found),
]
