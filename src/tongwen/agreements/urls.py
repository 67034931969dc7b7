from django.urls import path

from tongwen.agreements import views

app_name = "agreements"
urlpatterns = [
    path("agreements/", views.agreement_list, name="list"),
    path("agreements/new/", views.agreement_create, name="create"),
    path("agreements/<slug:slug>/", views.agreement_detail, name="detail"),
    path("agreements/<slug:slug>/edit/", views.agreement_edit, name="edit"),
    path(
        "agreements/<slug:slug>/commitments/new/",
        views.commitment_create,
        name="commitment_create",
    ),
    path(
        "agreements/<slug:slug>/initiatives/new/",
        views.initiative_create,
        name="initiative_create",
    ),
    path("initiatives/<slug:slug>/", views.initiative_detail, name="initiative"),
    path(
        "initiatives/<slug:slug>/indicators/new/",
        views.indicator_create,
        name="indicator_create",
    ),
    path(
        "initiatives/<slug:slug>/measurements/new/",
        views.measurement_record,
        name="measurement_record",
    ),
]
