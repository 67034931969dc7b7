"""Django admin of programs, for platform superusers only: read-only views of the records;
every write goes through the workspace and the services (capacity, the waiting list and the
history depend on it). Registrants' personal data is left out of the lists."""

from django.contrib import admin

from tongwen.agreements.admin import ReadOnlyAdmin
from tongwen.catalog.admin import ReadOnlyInline
from tongwen.programs.models import (
    Event,
    IndicatorFeed,
    PlanRun,
    Registration,
    Session,
    Tour,
    TourCandidate,
    TourStop,
    Venue,
    VisitorCount,
)


class SessionInline(ReadOnlyInline):
    model = Session
    fields = ["starts_at", "ends_at", "title"]


class VisitorCountInline(ReadOnlyInline):
    model = VisitorCount
    fields = ["day", "visitors", "note", "recorded_by"]


@admin.register(Event)
class EventAdmin(ReadOnlyAdmin):
    list_display = ["slug", "kind", "organiser", "status", "booking", "capacity", "venue"]
    list_filter = ["kind", "status", "booking", "audience"]
    search_fields = ["slug", "title"]
    list_select_related = ["organiser", "venue"]
    inlines = [SessionInline, VisitorCountInline]


@admin.register(Registration)
class RegistrationAdmin(ReadOnlyAdmin):
    # No name, email or phone here: personal data is for the organiser's staff, in the workspace.
    list_display = ["event", "session", "status", "created_at", "checked_in_at", "erased_at"]
    list_filter = ["status"]
    list_select_related = ["event", "session"]
    exclude = ["name", "email", "phone", "token"]


@admin.register(IndicatorFeed)
class IndicatorFeedAdmin(ReadOnlyAdmin):
    list_display = ["indicator", "metric", "tour"]
    list_filter = ["metric"]
    list_select_related = ["indicator", "tour"]


@admin.register(Venue)
class VenueAdmin(ReadOnlyAdmin):
    list_display = ["slug", "kind", "division_code", "institution", "is_sample"]
    list_filter = ["kind", "is_sample"]
    search_fields = ["slug", "name", "division_code"]
    list_select_related = ["institution"]


class TourStopInline(ReadOnlyInline):
    model = TourStop
    fields = ["kit", "sequence", "venue", "starts_on", "ends_on", "status", "pinned", "locked"]


class TourCandidateInline(ReadOnlyInline):
    model = TourCandidate
    fields = ["venue", "available_from", "available_until"]


@admin.register(Tour)
class TourAdmin(ReadOnlyAdmin):
    list_display = ["slug", "organiser", "kits", "starts_on", "ends_on", "min_venues"]
    list_select_related = ["organiser"]
    inlines = [TourStopInline, TourCandidateInline]


@admin.register(PlanRun)
class PlanRunAdmin(ReadOnlyAdmin):
    list_display = ["tour", "started_at", "seconds", "solver_status", "total_km", "goals_met"]
    list_filter = ["goals_met"]
