"""URL patterns (filled in by the module that owns the views)."""

from django.urls import URLPattern, URLResolver

urlpatterns: list[URLPattern | URLResolver] = []
