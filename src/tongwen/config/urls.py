from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from tongwen.config.api import api_root

api_v1: list[URLPattern | URLResolver] = [
    path("", api_root, name="api-root"),
    path("", include("tongwen.institutions.api")),
    path("", include("tongwen.agreements.api")),
    path("", include("tongwen.catalog.api_urls")),
    path("", include("tongwen.programs.api_urls")),
    path("", include("tongwen.search.api_urls")),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="docs"),
]

urlpatterns = [
    path("api/v1/", include(api_v1)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("accounts/", include("tongwen.accounts.urls")),
    path("oai", include("tongwen.catalog.oai.urls")),
    path("iiif/", include("tongwen.catalog.iiif.image_urls")),
    path("iiif/", include("tongwen.catalog.iiif.presentation_urls")),
    path("", include("tongwen.catalog.urls")),
    path("", include("tongwen.catalog.import_urls")),
    path("", include("tongwen.catalog.oai.harvest_urls")),
    path("", include("tongwen.programs.urls")),
    path("", include("tongwen.programs.tour_urls")),
    path("", include("tongwen.agreements.urls")),
    path("", include("tongwen.institutions.urls")),
    path("", include("tongwen.search.urls")),
    path("", include("tongwen.portal.urls")),
]
