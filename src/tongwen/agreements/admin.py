"""Django admin, for superusers only. Edits here bypass nothing: read-mostly views of the
records, with writes left to the workspace, which goes through the services."""

from django.contrib import admin

from tongwen.agreements.models import Agreement, Commitment, Indicator, Initiative, Measurement
from tongwen.common.models import ChangeRecord


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Agreement)
class AgreementAdmin(ReadOnlyAdmin):
    list_display = ["slug", "kind", "status", "signed_year", "signed_month", "signed_day"]
    list_filter = ["kind", "status", "signed_year"]
    search_fields = ["slug", "title"]


@admin.register(Commitment)
class CommitmentAdmin(ReadOnlyAdmin):
    list_display = ["agreement", "number", "category"]
    list_filter = ["category"]


@admin.register(Initiative)
class InitiativeAdmin(ReadOnlyAdmin):
    list_display = ["slug", "agreement", "status", "start"]


@admin.register(Indicator)
class IndicatorAdmin(ReadOnlyAdmin):
    list_display = ["slug", "initiative", "comparator", "target"]


@admin.register(Measurement)
class MeasurementAdmin(ReadOnlyAdmin):
    list_display = ["indicator", "measured_on", "value", "qualifier"]


@admin.register(ChangeRecord)
class ChangeRecordAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor", "action", "target_repr"]
    list_filter = ["action"]
