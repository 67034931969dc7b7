"""Django admin of the shared collection, for platform superusers only: read-only views of
the records; every write goes through the workspace and the services."""

from django.contrib import admin

from tongwen.agreements.admin import ReadOnlyAdmin
from tongwen.catalog.models import (
    Creator,
    DigitalObject,
    HarvestRun,
    HarvestSource,
    Resource,
    SharingGrant,
)


class ReadOnlyInline(admin.TabularInline):  # type: ignore[type-arg]
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


class CreatorInline(ReadOnlyInline):
    model = Creator
    fields = ["order", "name", "role", "period", "person"]


class DigitalObjectInline(ReadOnlyInline):
    model = DigitalObject
    fields = ["order", "iiif_id", "label", "original_name", "media_type", "width", "height"]


@admin.register(Resource)
class ResourceAdmin(ReadOnlyAdmin):
    list_display = ["slug", "holder", "kind", "period", "visibility", "rights", "deleted_at"]
    list_filter = ["kind", "visibility", "rights", "holder"]
    search_fields = ["slug", "title", "call_number"]
    list_select_related = ["holder"]
    inlines = [CreatorInline, DigitalObjectInline]


@admin.register(SharingGrant)
class SharingGrantAdmin(ReadOnlyAdmin):
    list_display = [
        "grantor",
        "grantee",
        "agreement",
        "all_resources",
        "can_download",
        "valid_from",
        "valid_until",
        "revoked_at",
    ]
    list_filter = ["all_resources", "can_download", "can_derive", "can_use_commercially"]
    list_select_related = ["grantor", "grantee", "agreement"]


@admin.register(HarvestSource)
class HarvestSourceAdmin(ReadOnlyAdmin):
    list_display = ["slug", "base_url", "metadata_prefix", "institution", "enabled"]
    list_filter = ["enabled", "mapping"]


@admin.register(HarvestRun)
class HarvestRunAdmin(ReadOnlyAdmin):
    list_display = ["source", "status", "started_at", "finished_at", "seen", "created", "failed"]
    list_filter = ["status"]
