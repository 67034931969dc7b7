"""The shared collection under /api/v1/: resources (with their images) and sharing grants."""

from django.urls import URLPattern, URLResolver, include, path
from rest_framework.routers import SimpleRouter

from tongwen.catalog.api import GrantViewSet, ResourceViewSet

router = SimpleRouter()
router.register("resources", ResourceViewSet, basename="resource")
router.register("grants", GrantViewSet, basename="grant")

urlpatterns: list[URLPattern | URLResolver] = [path("", include(router.urls))]
