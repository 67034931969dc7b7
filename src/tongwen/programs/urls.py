"""Public event pages, registrants' links, check-in, and the organisers' workspace."""

from django.urls import URLPattern, URLResolver, path

from tongwen.programs.views import events, workspace

app_name = "programs"
urlpatterns: list[URLPattern | URLResolver] = [
    path("programs/", events.event_list, name="event-list"),
    path("programs/events/<slug:slug>/", events.event_detail, name="event-detail"),
    path("programs/events/<slug:slug>/register/", events.event_register, name="event-register"),
    path(
        "programs/registrations/<slug:token>/",
        events.registration_detail,
        name="registration",
    ),
    path(
        "programs/registrations/<slug:token>/cancel/",
        events.registration_cancel,
        name="registration-cancel",
    ),
    path("programs/check-in/<slug:token>/", events.check_in, name="check-in"),
    path("workspace/programs/", workspace.my_events, name="workspace"),
    path("workspace/programs/events/new/", workspace.event_create, name="workspace-event-create"),
    path(
        "workspace/programs/events/<slug:slug>/",
        workspace.event_edit,
        name="workspace-event-edit",
    ),
    path(
        "workspace/programs/events/<slug:slug>/status/",
        workspace.event_status,
        name="workspace-event-status",
    ),
    path(
        "workspace/programs/events/<slug:slug>/sessions/",
        workspace.session_add,
        name="workspace-session-add",
    ),
    path(
        "workspace/programs/events/<slug:slug>/sessions/<int:session_id>/delete/",
        workspace.session_delete,
        name="workspace-session-delete",
    ),
    path(
        "workspace/programs/events/<slug:slug>/registrations/",
        workspace.registrations,
        name="workspace-registrations",
    ),
    path(
        "workspace/programs/events/<slug:slug>/registrations.csv",
        workspace.registrations_export,
        name="workspace-registrations-csv",
    ),
    path(
        "workspace/programs/events/<slug:slug>/registrations/<int:registration_id>/erase/",
        workspace.registration_erase,
        name="workspace-registration-erase",
    ),
    path(
        "workspace/programs/events/<slug:slug>/visitors/",
        workspace.visitor_counts,
        name="workspace-visitors",
    ),
    path("workspace/programs/indicators/", workspace.indicator_feeds, name="workspace-feeds"),
]
