"""REST endpoints for institutions and people: thin, over services and selectors."""

from __future__ import annotations

from typing import Any

from django.urls import include, path
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.permissions import IsAuthenticatedOrReadOnly
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from tongwen.common.serializers import LanguageMapField, SlugRelated
from tongwen.institutions import selectors, services
from tongwen.institutions.models import Institution, Person


class InstitutionOutput(serializers.ModelSerializer):  # type: ignore[type-arg]
    # "parent" shadows Field.parent in the stubs only; DRF collects declared fields apart.
    parent = serializers.SlugRelatedField(slug_field="slug", read_only=True)  # type: ignore[assignment]
    division = serializers.SerializerMethodField()

    class Meta:
        model = Institution
        fields = [
            "slug",
            "name",
            "alt_names",
            "abbreviations",
            "kind",
            "parent",
            "parent_relation",
            "division_code",
            "division",
            "website",
            "description",
        ]

    def get_division(self, obj: Institution) -> dict[str, str] | None:
        division = obj.division
        return division.label if division else None


class InstitutionInput(serializers.Serializer):  # type: ignore[type-arg]
    slug = serializers.SlugField(max_length=80)
    name = LanguageMapField()
    kind = serializers.CharField(max_length=30)
    abbreviations = serializers.ListField(
        child=serializers.CharField(max_length=30), required=False, max_length=20
    )
    alt_names = serializers.ListField(child=LanguageMapField(), required=False, max_length=20)
    parent = SlugRelated(Institution.objects.all(), required=False, allow_null=True)  # type: ignore[assignment]
    parent_relation = serializers.CharField(max_length=20, required=False, allow_blank=True)
    division_code = serializers.CharField(max_length=6, required=False, allow_blank=True)
    website = serializers.CharField(max_length=200, required=False, allow_blank=True)
    description = LanguageMapField(required=False)


class InstitutionViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,  # type: ignore[type-arg]
):
    serializer_class = InstitutionOutput
    lookup_field = "slug"
    permission_classes = [IsAuthenticatedOrReadOnly]

    def get_queryset(self) -> Any:
        params = self.request.query_params
        return selectors.institution_list(kind=params.get("kind"), q=params.get("q"))

    def create(self, request: Request) -> Response:
        data = InstitutionInput(data=request.data)
        data.is_valid(raise_exception=True)
        institution = services.institution_create(actor=request.user, **data.validated_data)
        return Response(InstitutionOutput(institution).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request: Request, slug: str) -> Response:
        institution = self.get_object()
        data = InstitutionInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        fields = {k: v for k, v in data.validated_data.items() if k != "slug"}
        institution = services.institution_update(
            actor=request.user, institution=institution, **fields
        )
        return Response(InstitutionOutput(institution).data)


class AppointmentOutput(serializers.Serializer):  # type: ignore[type-arg]
    institution = serializers.CharField(source="institution.slug", allow_null=True)
    title = LanguageMapField()
    start = serializers.DateField(allow_null=True)
    end = serializers.DateField(allow_null=True)


class PersonOutput(serializers.ModelSerializer):  # type: ignore[type-arg]
    appointments = AppointmentOutput(many=True, read_only=True)

    class Meta:
        model = Person
        fields = ["slug", "name", "note", "appointments"]


class PersonInput(serializers.Serializer):  # type: ignore[type-arg]
    slug = serializers.SlugField(max_length=80)
    name = LanguageMapField()
    note = LanguageMapField(required=False)


class PersonViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,  # type: ignore[type-arg]
):
    serializer_class = PersonOutput
    lookup_field = "slug"
    permission_classes = [IsAuthenticatedOrReadOnly]

    def get_queryset(self) -> Any:
        return selectors.person_list()

    def create(self, request: Request) -> Response:
        data = PersonInput(data=request.data)
        data.is_valid(raise_exception=True)
        person = services.person_create(actor=request.user, **data.validated_data)
        return Response(PersonOutput(person).data, status=status.HTTP_201_CREATED)


router = SimpleRouter()
router.register("institutions", InstitutionViewSet, basename="institution")
router.register("people", PersonViewSet, basename="person")
urlpatterns = [path("", include(router.urls))]
