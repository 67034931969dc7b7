"""REST endpoints of programs: venues, events with their sessions, registrations and attendance.

Thin, over services and selectors, in the style of the agreements and catalog APIs. Public
responses never carry personal data: registrants' names, emails and phones are served only to
the event's organisers (``registrations``), and a registrant reaches their own registration
through its unguessable token. Bodies are strict: an unknown field is a 400 naming it.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny, IsAuthenticated, IsAuthenticatedOrReadOnly
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tongwen.agreements import selectors as agreement_selectors
from tongwen.common.actors import require
from tongwen.common.api import StrictInput, checked_body, checked_filters, referenced
from tongwen.common.serializers import LanguageMapField, SlugRelated
from tongwen.institutions.models import Institution
from tongwen.programs import permissions
from tongwen.programs.models import Event, Registration, Session, Venue, VisitorCount
from tongwen.programs.selectors import events as selectors
from tongwen.programs.services import attendance as attendance_services
from tongwen.programs.services import events as event_services
from tongwen.programs.services import registration as registration_services
from tongwen.programs.views.events import registration_notify, registration_path
from tongwen.programs.views.workspace import csv_response, registrations_csv_rows


def _venue_list(**kwargs: Any) -> Any:
    # Imported on use: the venue registry is another module of the app.
    from tongwen.programs.selectors.tours import venue_list

    return venue_list(**kwargs)


def _venue_get(*, user: Any, slug: str) -> Venue:
    from tongwen.programs.selectors.tours import venue_get

    return venue_get(user=user, slug=slug)


def _venue_services() -> Any:
    from tongwen.programs.services import venues

    return venues


# -- output ---------------------------------------------------------------------------------


class EventInstitutionOutput(serializers.Serializer):  # type: ignore[type-arg]
    slug = serializers.CharField()
    name = LanguageMapField()


class VenueOutput(serializers.ModelSerializer):  # type: ignore[type-arg]
    name = LanguageMapField()
    address = LanguageMapField()
    note = LanguageMapField()
    institution = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    province_code = serializers.CharField(read_only=True)
    division = serializers.SerializerMethodField()

    class Meta:
        model = Venue
        fields = [
            "slug",
            "name",
            "kind",
            "institution",
            "division_code",
            "province_code",
            "division",
            "address",
            "latitude",
            "longitude",
            "capacity",
            "is_sample",
            "note",
        ]

    def get_division(self, obj: Venue) -> dict[str, str]:
        division = obj.division
        return dict(division.label) if division else {}


class SessionOutput(serializers.ModelSerializer):  # type: ignore[type-arg]
    title = LanguageMapField()

    class Meta:
        model = Session
        fields = ["id", "starts_at", "ends_at", "title"]


class AvailabilityOutput(serializers.Serializer):  # type: ignore[type-arg]
    capacity = serializers.IntegerField(allow_null=True)
    confirmed = serializers.IntegerField()
    waitlisted = serializers.IntegerField()
    remaining = serializers.IntegerField(allow_null=True)


class EventOutput(serializers.ModelSerializer):  # type: ignore[type-arg]
    title = LanguageMapField()
    description = LanguageMapField()
    organiser = EventInstitutionOutput(read_only=True)
    partners = EventInstitutionOutput(many=True, read_only=True)
    initiatives = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    commitments = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    venue = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    sessions = SessionOutput(many=True, read_only=True)
    availability = serializers.SerializerMethodField()

    class Meta:
        model = Event
        fields = [
            "slug",
            "kind",
            "title",
            "description",
            "organiser",
            "partners",
            "initiatives",
            "commitments",
            "venue",
            "online_url",
            "audience",
            "booking",
            "capacity",
            "waitlist",
            "registration_opens",
            "registration_closes",
            "status",
            "sessions",
            "availability",
            "created_at",
            "updated_at",
        ]

    @extend_schema_field(AvailabilityOutput(allow_null=True))
    def get_availability(self, obj: Event) -> dict[str, Any] | None:
        if obj.booking == Event.Booking.NONE:
            return None
        if obj.booking == Event.Booking.PER_SESSION:
            return None
        return dict(AvailabilityOutput(selectors.availability(event=obj)).data)


class RegistrationOutput(serializers.ModelSerializer):  # type: ignore[type-arg]
    """A registration as its event's organisers see it: with the personal data."""

    event = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    session = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = Registration
        fields = [
            "id",
            "event",
            "session",
            "status",
            "name",
            "email",
            "phone",
            "created_at",
            "promoted_at",
            "cancelled_at",
            "checked_in_at",
            "erased_at",
        ]


class OwnRegistrationOutput(serializers.Serializer):  # type: ignore[type-arg]
    """What the registrant (the holder of the token) sees: no personal data at all."""

    event = serializers.CharField(source="event.slug")
    session = serializers.IntegerField(source="session_id", allow_null=True)
    status = serializers.CharField()
    position = serializers.SerializerMethodField()
    link = serializers.SerializerMethodField()

    def get_position(self, obj: Registration) -> int | None:
        return selectors.waitlist_position(registration=obj)

    def get_link(self, obj: Registration) -> str:
        request = self.context["request"]
        return str(request.build_absolute_uri(registration_path(obj)))


class VisitorCountOutput(serializers.ModelSerializer):  # type: ignore[type-arg]
    event = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = VisitorCount
        fields = ["id", "event", "day", "visitors", "note", "recorded_at"]


class PersonTimesOutput(serializers.Serializer):  # type: ignore[type-arg]
    slug = serializers.CharField()
    person_times = serializers.IntegerField()


# -- input ----------------------------------------------------------------------------------


class LanguageMapInput(LanguageMapField):
    def to_internal_value(self, data: Any) -> Any:
        value = super().to_internal_value(data)
        if not isinstance(value, dict):
            raise serializers.ValidationError(
                _('Expected an object of language tags to text, such as {"en": "…"}.'),
                code="invalid",
            )
        return value


class VenueInput(StrictInput):
    slug = serializers.SlugField(max_length=80)
    name = LanguageMapInput()
    kind = serializers.CharField(max_length=20)
    division_code = serializers.CharField(max_length=6)
    institution = SlugRelated(Institution.objects.all(), required=False, allow_null=True)
    address = LanguageMapInput(required=False)
    latitude = serializers.DecimalField(
        max_digits=9, decimal_places=6, required=False, allow_null=True
    )
    longitude = serializers.DecimalField(
        max_digits=9, decimal_places=6, required=False, allow_null=True
    )
    capacity = serializers.IntegerField(min_value=0, required=False, allow_null=True)
    is_sample = serializers.BooleanField(required=False)
    note = LanguageMapInput(required=False)


class SessionInput(StrictInput):
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    title = LanguageMapInput(required=False)


class EventInput(StrictInput):
    slug = serializers.SlugField(max_length=80)
    kind = serializers.CharField(max_length=20)
    title = LanguageMapInput()
    description = LanguageMapInput(required=False)
    organiser = SlugRelated(Institution.objects.all())
    partners = SlugRelated(Institution.objects.all(), many=True, required=False)
    initiatives = serializers.ListField(
        child=serializers.SlugField(max_length=80), required=False, max_length=100
    )
    venue = serializers.SlugField(max_length=80, required=False, allow_null=True)
    online_url = serializers.URLField(required=False, allow_blank=True, max_length=200)
    audience = serializers.CharField(max_length=20, required=False)
    booking = serializers.CharField(max_length=20, required=False)
    capacity = serializers.IntegerField(min_value=1, required=False, allow_null=True)
    waitlist = serializers.BooleanField(required=False)
    registration_opens = serializers.DateTimeField(required=False, allow_null=True)
    registration_closes = serializers.DateTimeField(required=False, allow_null=True)
    status = serializers.CharField(max_length=20, required=False)
    sessions = SessionInput(many=True, required=False)


class EventUpdateInput(EventInput):
    """Identifier, organiser and sessions are not changed by an update (sessions have their
    own endpoint)."""

    slug = None  # type: ignore[assignment]
    organiser = None  # type: ignore[assignment]
    sessions = None  # type: ignore[assignment]


class SignUpInput(StrictInput):
    name = serializers.CharField(max_length=200)
    email = serializers.EmailField(max_length=254)
    phone = serializers.CharField(max_length=40, required=False, allow_blank=True)
    session = serializers.IntegerField(min_value=1, required=False, allow_null=True)


class VisitorCountInput(StrictInput):
    event = serializers.SlugField(max_length=80)
    day = serializers.DateField()
    visitors = serializers.IntegerField(min_value=0, max_value=10**8)
    note = serializers.CharField(max_length=300, required=False, allow_blank=True)


class VisitorCountUpdateInput(StrictInput):
    visitors = serializers.IntegerField(min_value=0, max_value=10**8)
    note = serializers.CharField(max_length=300, required=False, allow_blank=True)


class VenueFilterInput(StrictInput):
    province = serializers.RegexField(r"^\d{2}(0000)?$", required=False)
    kind = serializers.ChoiceField(choices=Venue.Kind.choices, required=False)
    q = serializers.CharField(max_length=100, required=False)
    page = serializers.IntegerField(min_value=1, required=False)


class EventFilterInput(StrictInput):
    kind = serializers.ChoiceField(choices=Event.Kind.choices, required=False)
    organiser = serializers.SlugField(max_length=80, required=False)
    initiative = serializers.SlugField(max_length=80, required=False)
    when = serializers.ChoiceField(choices=["upcoming", "past"], required=False)
    status = serializers.ChoiceField(choices=Event.Status.choices, required=False)
    page = serializers.IntegerField(min_value=1, required=False)


class EventRefFilterInput(StrictInput):
    event = serializers.SlugField(max_length=80, required=False)
    page = serializers.IntegerField(min_value=1, required=False)


def _event_links(request: Request, data: dict[str, Any]) -> dict[str, Any]:
    user = request.user
    if "initiatives" in data:
        data["initiatives"] = [
            referenced(
                "initiatives",
                lambda slug: agreement_selectors.initiative_get(user=user, slug=slug),
                slug,
            )
            for slug in data["initiatives"]
        ]
    if data.get("venue"):
        data["venue"] = referenced(
            "venue", lambda slug: _venue_get(user=user, slug=slug), data["venue"]
        )
    if "sessions" in data:
        data["sessions"] = [dict(session) for session in data["sessions"]]
    return data


def _event(request: Request, slug: str) -> Event:
    # Invisible and missing events are both DoesNotExist, which is a 404.
    return selectors.event_get(user=request.user, slug=slug)


def _managed_event(request: Request, slug: str) -> Event:
    event = _event(request, slug)
    require(permissions.can_manage_event(request.user, event))
    return event


# -- views ----------------------------------------------------------------------------------


@extend_schema(
    parameters=[
        OpenApiParameter("province", str, description="province code: 2 or 6 digits"),
        OpenApiParameter("kind", str, enum=Venue.Kind.values),
        OpenApiParameter("q", str, description="text in the name"),
    ]
)
class VenueViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,  # type: ignore[type-arg]
):
    serializer_class = VenueOutput
    lookup_field = "slug"
    permission_classes = [IsAuthenticatedOrReadOnly]

    def get_queryset(self) -> Any:
        filters = checked_filters(VenueFilterInput, self.request) if self.action == "list" else {}
        province = filters.pop("province", None)
        return _venue_list(
            user=self.request.user,
            division_prefix=province[:2] if province else None,
            **filters,
        )

    def get_object(self) -> Venue:
        return _venue_get(user=self.request.user, slug=self.kwargs["slug"])

    @extend_schema(request=VenueInput, responses={201: VenueOutput})
    def create(self, request: Request) -> Response:
        venue = _venue_services().venue_create(
            actor=request.user, **checked_body(VenueInput, request)
        )
        return Response(VenueOutput(venue).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=VenueInput, responses={200: VenueOutput})
    def partial_update(self, request: Request, slug: str) -> Response:
        data = checked_body(VenueInput, request, partial=True)
        if "slug" in data and data["slug"] != slug:
            raise serializers.ValidationError(
                {"slug": [_("The identifier of a venue cannot be changed.")]}
            )
        data.pop("slug", None)
        venue = _venue_services().venue_update(actor=request.user, venue=self.get_object(), **data)
        return Response(VenueOutput(venue).data)


_REGISTRANT = OpenApiResponse(OwnRegistrationOutput, description="the registrant's own view")


@extend_schema(
    parameters=[
        OpenApiParameter("kind", str, enum=Event.Kind.values),
        OpenApiParameter("organiser", str, description="organiser's identifier"),
        OpenApiParameter("initiative", str, description="initiative identifier"),
        OpenApiParameter("when", str, enum=["upcoming", "past"]),
        OpenApiParameter("status", str, enum=Event.Status.values),
    ]
)
class EventViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,  # type: ignore[type-arg]
):
    serializer_class = EventOutput
    lookup_field = "slug"
    permission_classes = [IsAuthenticatedOrReadOnly]

    def get_queryset(self) -> Any:
        filters = checked_filters(EventFilterInput, self.request) if self.action == "list" else {}
        # An organiser's identifier is matched by the selector; an unknown one matches nothing.
        if filters.get("initiative"):
            filters["initiative"] = referenced(
                "initiative",
                lambda s: agreement_selectors.initiative_get(user=self.request.user, slug=s),
                filters["initiative"],
            )
        return selectors.event_list(user=self.request.user, **filters)

    def get_object(self) -> Event:
        return _event(self.request, self.kwargs["slug"])

    @extend_schema(request=EventInput, responses={201: EventOutput})
    def create(self, request: Request) -> Response:
        data = _event_links(request, checked_body(EventInput, request))
        event = event_services.event_create(actor=request.user, **data)
        return Response(EventOutput(_event(request, event.slug)).data, status=201)

    @extend_schema(request=EventUpdateInput, responses={200: EventOutput})
    def partial_update(self, request: Request, slug: str) -> Response:
        event = _managed_event(request, slug)
        data = _event_links(request, checked_body(EventUpdateInput, request, partial=True))
        status_value = data.pop("status", None)
        if data:
            event = event_services.event_update(actor=request.user, event=event, **data)
        if status_value is not None:
            event_services.event_set_status(actor=request.user, event=event, status=status_value)
        return Response(EventOutput(_event(request, slug)).data)

    @extend_schema(request=SessionInput, responses={201: SessionOutput})
    @action(detail=True, methods=["post"], url_path="sessions")
    def sessions(self, request: Request, slug: str) -> Response:
        """Add a session to the event (organisers)."""
        event = _managed_event(request, slug)
        data = checked_body(SessionInput, request)
        session = event_services.session_add(actor=request.user, event=event, **data)
        return Response(SessionOutput(session).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=None,
        responses={204: None},
        parameters=[OpenApiParameter("session_id", int, OpenApiParameter.PATH)],
    )
    @action(detail=True, methods=["delete"], url_path=r"sessions/(?P<session_id>\d+)")
    def session_delete(self, request: Request, slug: str, session_id: str) -> Response:
        event = _managed_event(request, slug)
        session = event.sessions.get(pk=int(session_id))
        event_services.session_delete(actor=request.user, session=session)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(methods=["GET"], request=None, responses={200: RegistrationOutput(many=True)})
    @extend_schema(
        methods=["POST"],
        request=SignUpInput,
        responses={201: _REGISTRANT},
        description="Public sign-up. The response, for the registrant only, carries the link "
        "to their registration (status, cancellation, check-in code).",
    )
    @action(
        detail=True,
        methods=["get", "post"],
        url_path="registrations",
        permission_classes=[AllowAny],
        pagination_class=None,
    )
    def registrations(self, request: Request, slug: str) -> Response:
        """GET: the event's registrations, for its organisers. POST: sign up (anyone)."""
        event = _event(request, slug)
        if request.method == "GET":
            rows = selectors.registration_list(user=request.user, event=event)
            return Response(RegistrationOutput(rows, many=True).data)
        data = checked_body(SignUpInput, request)
        session_id = data.pop("session", None)
        session = None
        if session_id is not None:
            session = referenced("session", lambda pk: event.sessions.get(pk=pk), session_id)
        registration = registration_services.registration_create(
            event=event, session=session, **data
        )
        context = {"request": request}
        link = request.build_absolute_uri(registration_path(registration))
        # robust: a mail server that is down must not turn a place already taken into an
        # error page; the failure is logged.
        transaction.on_commit(
            lambda: registration_notify(link=link, registration=registration), robust=True
        )
        return Response(
            OwnRegistrationOutput(registration, context=context).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        request=None,
        responses={(200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="CSV")},
    )
    @action(detail=True, methods=["get"], url_path="registrations/export")
    def registrations_export(self, request: Request, slug: str) -> HttpResponse:
        """The event's registrations as CSV (UTF-8 with BOM), for its organisers."""
        event = _event(request, slug)
        rows = selectors.registration_list(user=request.user, event=event)
        return csv_response(registrations_csv_rows(rows), f"registrations-{event.slug}.csv")

    @extend_schema(request=None, responses={200: PersonTimesOutput})
    @action(detail=True, methods=["get"], url_path="person-times")
    def person_times(self, request: Request, slug: str) -> Response:
        """Visitors counted plus check-ins: no personal data, public."""
        event = _event(request, slug)
        total = selectors.person_times(events=[event])
        return Response({"slug": event.slug, "person_times": total})


class RegistrationViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,  # type: ignore[type-arg]
):
    """Registrations of the events the user runs (organisers only)."""

    serializer_class = RegistrationOutput
    permission_classes = [IsAuthenticated]
    lookup_value_regex = r"\d+"

    def get_queryset(self) -> Any:
        filters = (
            checked_filters(EventRefFilterInput, self.request) if self.action == "list" else {}
        )
        return selectors.managed_registration_list(
            user=self.request.user, event=filters.get("event")
        )

    @extend_schema(parameters=[OpenApiParameter("event", str, description="event identifier")])
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(request=None, responses={200: RegistrationOutput})
    @action(detail=True, methods=["post"])
    def erase(self, request: Request, pk: str) -> Response:
        """Blank the registrant's name, email and phone (on their request)."""
        registration = registration_services.registration_erase(
            actor=request.user, registration=self.get_object()
        )
        return Response(RegistrationOutput(registration).data)

    @extend_schema(request=None, responses={200: RegistrationOutput})
    @action(detail=True, methods=["post"], url_path="check-in")
    def check_in(self, request: Request, pk: str) -> Response:
        registration = self.get_object()
        registration = registration_services.registration_check_in(
            actor=request.user, token=registration.token
        )
        return Response(RegistrationOutput(registration).data)


_TOKEN = OpenApiParameter("token", str, OpenApiParameter.PATH, description="registrant's token")


class OwnRegistrationView(APIView):
    """A registrant's own registration, reached through the token in their link."""

    permission_classes = [AllowAny]

    @extend_schema(parameters=[_TOKEN], responses={200: _REGISTRANT})
    def get(self, request: Request, token: str) -> Response:
        registration = selectors.registration_by_token(token=token)
        return Response(OwnRegistrationOutput(registration, context={"request": request}).data)


class OwnRegistrationCancelView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(request=None, parameters=[_TOKEN], responses={200: _REGISTRANT})
    def post(self, request: Request, token: str) -> Response:
        """Cancel by token; the first on the waiting list takes the place."""
        selectors.registration_by_token(token=token)
        registration = registration_services.registration_cancel(token=token)
        return Response(OwnRegistrationOutput(registration, context={"request": request}).data)


class CheckInByTokenView(APIView):
    """What an organiser's scanner posts after reading a registrant's QR code."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, parameters=[_TOKEN], responses={200: RegistrationOutput})
    def post(self, request: Request, token: str) -> Response:
        registration = registration_services.registration_check_in(actor=request.user, token=token)
        return Response(RegistrationOutput(registration).data)


class VisitorCountViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,  # type: ignore[type-arg]
):
    """Walk-in visitors per event and day, recorded by the event's organisers."""

    serializer_class = VisitorCountOutput
    permission_classes = [IsAuthenticated]

    def get_queryset(self) -> Any:
        filters = (
            checked_filters(EventRefFilterInput, self.request) if self.action == "list" else {}
        )
        return selectors.managed_visitor_count_list(
            user=self.request.user, event=filters.get("event")
        )

    @extend_schema(parameters=[OpenApiParameter("event", str, description="event identifier")])
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(request=VisitorCountInput, responses={201: VisitorCountOutput})
    def create(self, request: Request) -> Response:
        data = checked_body(VisitorCountInput, request)
        event = referenced("event", lambda slug: _event(request, slug), data.pop("event"))
        count = attendance_services.visitor_count_record(actor=request.user, event=event, **data)
        return Response(VisitorCountOutput(count).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=VisitorCountUpdateInput, responses={200: VisitorCountOutput})
    def partial_update(self, request: Request, pk: str) -> Response:
        current = self.get_object()
        data = checked_body(VisitorCountUpdateInput, request, partial=True)
        count = attendance_services.visitor_count_record(
            actor=request.user,
            event=current.event,
            day=current.day,
            visitors=data.get("visitors", current.visitors),
            note=data.get("note", current.note),
        )
        return Response(VisitorCountOutput(count).data)

    @extend_schema(responses={204: None})
    def destroy(self, request: Request, pk: str) -> Response:
        attendance_services.visitor_count_delete(
            actor=request.user, visitor_count=self.get_object()
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class InitiativePersonTimesView(APIView):
    """Person-times of every event of an initiative (visitors and check-ins)."""

    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[OpenApiParameter("slug", str, OpenApiParameter.PATH)],
        responses={200: PersonTimesOutput},
    )
    def get(self, request: Request, slug: str) -> Response:
        initiative = agreement_selectors.initiative_get(user=request.user, slug=slug)
        total = selectors.initiative_person_times(initiative=initiative)
        return Response({"slug": initiative.slug, "person_times": total})
