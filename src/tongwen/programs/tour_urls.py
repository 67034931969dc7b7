from django.urls import URLPattern, URLResolver, path

from tongwen.programs.views import tours as views

app_name = "tours"
urlpatterns: list[URLPattern | URLResolver] = [
    path("programs/tours/", views.tour_list, name="list"),
    path("programs/tours/<slug:slug>/", views.tour_detail, name="detail"),
    path("programs/tours/<slug:slug>/plan/", views.tour_workspace, name="workspace"),
    path("programs/tours/<slug:slug>/plan/run/", views.tour_plan, name="plan"),
    path("programs/tours/<slug:slug>/plan/reorder/", views.stops_reorder, name="reorder"),
    path("programs/tours/<slug:slug>/plan/candidates/", views.candidate_edit, name="candidate"),
    path("programs/tours/<slug:slug>/plan/stops/<int:pk>/", views.stop_action, name="stop"),
    path("programs/venues/", views.venue_list, name="venue-list"),
    path("programs/venues/import/", views.venue_import, name="venue-import"),
    path(
        "programs/venues/import/template.csv",
        views.venue_import_template,
        name="venue-import-template",
    ),
]
