"""Pages of the shared collection and the workspace pages that change it."""

from django.urls import URLPattern, URLResolver, path

from tongwen.catalog import views

app_name = "catalog"
urlpatterns: list[URLPattern | URLResolver] = [
    path("collection/", views.resource_list, name="resource-list"),
    path("collection/new/", views.resource_create, name="resource-create"),
    path("collection/<slug:slug>/", views.resource_detail, name="resource-detail"),
    path("collection/<slug:slug>/edit/", views.resource_edit, name="resource-edit"),
    path("collection/<slug:slug>/delete/", views.resource_delete, name="resource-delete"),
    path("collection/<slug:slug>/images/", views.resource_images, name="resource-images"),
    path(
        "collection/<slug:slug>/images/reorder/",
        views.resource_images_reorder,
        name="resource-images-reorder",
    ),
    path(
        "collection/<slug:slug>/images/<str:iiif_id>/delete/",
        views.resource_image_delete,
        name="resource-image-delete",
    ),
    path("workspace/sharing/", views.sharing, name="sharing"),
    path("workspace/sharing/<int:pk>/revoke/", views.grant_revoke, name="grant-revoke"),
]
