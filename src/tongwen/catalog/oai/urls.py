"""The OAI-PMH endpoint, served at ``/oai`` (included at "oai" by the project URLconf)."""

from django.urls import URLPattern, URLResolver, path

from tongwen.catalog.oai import views

urlpatterns: list[URLPattern | URLResolver] = [path("", views.endpoint, name="oai")]
