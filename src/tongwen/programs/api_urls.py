"""Programs under /api/v1/: venues, events (sessions, sign-up, registrations, person-times),
registrations for organisers, a registrant's own registration by token, visitor counts."""

from django.urls import URLPattern, URLResolver, include, path
from rest_framework.routers import SimpleRouter

from tongwen.programs.api import (
    CheckInByTokenView,
    EventViewSet,
    InitiativePersonTimesView,
    OwnRegistrationCancelView,
    OwnRegistrationView,
    RegistrationViewSet,
    VenueViewSet,
    VisitorCountViewSet,
)

router = SimpleRouter()
router.register("venues", VenueViewSet, basename="venue")
router.register("events", EventViewSet, basename="event")
router.register("registrations", RegistrationViewSet, basename="registration")
router.register("visitor-counts", VisitorCountViewSet, basename="visitor-count")

urlpatterns: list[URLPattern | URLResolver] = [
    path(
        "registrations/by-token/<slug:token>/",
        OwnRegistrationView.as_view(),
        name="registration-by-token",
    ),
    path(
        "registrations/by-token/<slug:token>/cancel/",
        OwnRegistrationCancelView.as_view(),
        name="registration-by-token-cancel",
    ),
    path(
        "registrations/by-token/<slug:token>/check-in/",
        CheckInByTokenView.as_view(),
        name="registration-by-token-check-in",
    ),
    path(
        "attendance/initiatives/<slug:slug>/",
        InitiativePersonTimesView.as_view(),
        name="initiative-person-times",
    ),
    path("", include(router.urls)),
]
