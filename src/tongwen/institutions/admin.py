from django.contrib import admin

from tongwen.institutions.models import Appointment, Institution, Person


@admin.register(Institution)
class InstitutionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["slug", "kind", "division_code"]
    list_filter = ["kind"]
    search_fields = ["slug", "name", "abbreviations"]


class AppointmentInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Appointment
    extra = 0
    autocomplete_fields = ["institution"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    search_fields = ["slug", "name"]
    inlines = [AppointmentInline]
