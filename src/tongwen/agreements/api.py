"""REST endpoints for agreements and what hangs off them: thin, over services and selectors.

Input and output have their own serializers; every write is one service call, and every
read comes from a selector scoped to the requesting user.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import include, path
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.permissions import IsAuthenticatedOrReadOnly
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from tongwen.agreements import selectors, services
from tongwen.agreements.models import (
    Agreement,
    Commitment,
    CommitmentCategory,
    Indicator,
    Initiative,
    Measurement,
)
from tongwen.agreements.progress import indicator_progress
from tongwen.common.api import checked_body, checked_filters, referenced
from tongwen.common.serializers import LanguageMapField, SlugRelated
from tongwen.institutions.models import Institution

# -- output -------------------------------------------------------------------------------


class PartyOutput(serializers.Serializer):  # type: ignore[type-arg]
    slug = serializers.CharField(source="institution.slug")
    name = LanguageMapField(source="institution.name")
    abbreviations = serializers.ListField(source="institution.abbreviations")


class SignedOutput(serializers.Serializer):  # type: ignore[type-arg]
    year = serializers.IntegerField(source="signed_year", allow_null=True)
    month = serializers.IntegerField(source="signed_month", allow_null=True)
    day = serializers.IntegerField(source="signed_day", allow_null=True)
    year_status = serializers.CharField(source="signed_year_status")
    year_reason = LanguageMapField(source="signed_year_reason")
    date = serializers.DateField(source="signed_on", allow_null=True)


class TitleHeldOutput(serializers.Serializer):  # type: ignore[type-arg]
    institution = serializers.CharField(source="institution.slug", allow_null=True)
    title = LanguageMapField()


class ParticipantOutput(serializers.Serializer):  # type: ignore[type-arg]
    person = serializers.CharField(source="person.slug")
    name = LanguageMapField(source="person.name")
    role = serializers.CharField()
    titles = TitleHeldOutput(source="titles_held", many=True)


class CommitmentOutput(serializers.ModelSerializer):  # type: ignore[type-arg]
    id = serializers.IntegerField(read_only=True)
    agreement = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    text = LanguageMapField()

    class Meta:
        model = Commitment
        fields = ["id", "agreement", "number", "category", "text"]


class SourceOutput(serializers.Serializer):  # type: ignore[type-arg]
    title = serializers.CharField()
    publisher = serializers.CharField()
    published_on = serializers.DateField(allow_null=True)
    url = serializers.CharField()
    text = serializers.CharField()


class AgreementSummaryOutput(serializers.ModelSerializer):  # type: ignore[type-arg]
    title = LanguageMapField()
    parties = PartyOutput(source="party_links", many=True)
    signed = SignedOutput(source="*")

    class Meta:
        model = Agreement
        fields = ["slug", "kind", "title", "status", "parties", "signed"]


class AgreementDetailOutput(AgreementSummaryOutput):
    summary = LanguageMapField()
    notes = LanguageMapField()
    venue = LanguageMapField()
    ceremony = ParticipantOutput(source="participants", many=True)
    commitments = CommitmentOutput(many=True)
    initiatives = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    sources = SourceOutput(many=True)

    class Meta(AgreementSummaryOutput.Meta):
        fields = [
            *AgreementSummaryOutput.Meta.fields,
            "summary",
            "notes",
            "venue",
            "term_start",
            "term_end",
            "ceremony",
            "commitments",
            "initiatives",
            "sources",
        ]


class MeasurementOutput(serializers.ModelSerializer):  # type: ignore[type-arg]
    indicator = serializers.IntegerField(source="indicator_id", read_only=True)
    evidence = LanguageMapField()

    class Meta:
        model = Measurement
        fields = [
            "id",
            "indicator",
            "measured_on",
            "precision",
            "value",
            "qualifier",
            "evidence",
            "source_url",
        ]


class IndicatorOutput(serializers.ModelSerializer):  # type: ignore[type-arg]
    initiative = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    metric = LanguageMapField()
    unit = LanguageMapField()
    period_label = LanguageMapField()
    measurements = MeasurementOutput(many=True, read_only=True)
    progress = serializers.SerializerMethodField()

    class Meta:
        model = Indicator
        fields = [
            "id",
            "initiative",
            "slug",
            "metric",
            "unit",
            "comparator",
            "baseline",
            "target",
            "period_label",
            "period_start",
            "period_end",
            "measurements",
            "progress",
        ]

    def get_progress(self, obj: Indicator) -> dict[str, Any]:
        result = indicator_progress(obj, list(obj.measurements.all()), today=dt.date.today())
        return {
            "standing": result.standing.value,
            "percent": result.percent,
            "latest": str(result.latest.value) if result.latest else None,
        }


class InstitutionRoleOutput(serializers.Serializer):  # type: ignore[type-arg]
    institution = serializers.CharField(source="institution.slug")
    role = serializers.CharField()


class InitiativeOutput(serializers.ModelSerializer):  # type: ignore[type-arg]
    agreement = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    title = LanguageMapField()
    description = LanguageMapField()
    institutions = InstitutionRoleOutput(source="institution_links", many=True)
    commitments = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    indicators = IndicatorOutput(many=True, read_only=True)

    class Meta:
        model = Initiative
        fields = [
            "slug",
            "agreement",
            "title",
            "description",
            "status",
            "start",
            "start_precision",
            "end",
            "end_precision",
            "places",
            "institutions",
            "commitments",
            "indicators",
        ]


# -- input --------------------------------------------------------------------------------

_INSTITUTIONS = Institution.objects.all()


def _optional_int(*, maximum: int) -> serializers.IntegerField:
    return serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=maximum)


def _optional_number() -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=16, decimal_places=2, required=False, allow_null=True
    )


class AgreementInput(serializers.Serializer):  # type: ignore[type-arg]
    slug = serializers.SlugField(max_length=80)
    kind = serializers.CharField(max_length=40)
    title = LanguageMapField()
    parties = SlugRelated(_INSTITUTIONS, many=True)
    status = serializers.CharField(max_length=20, required=False)
    signed_year = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=9999
    )
    signed_month = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=12
    )
    signed_day = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=31
    )
    signed_year_status = serializers.CharField(max_length=10, required=False)
    signed_year_reason = LanguageMapField(required=False)
    venue = LanguageMapField(required=False)
    summary = LanguageMapField(required=False)
    notes = LanguageMapField(required=False)
    term_start = serializers.DateField(required=False, allow_null=True)
    term_end = serializers.DateField(required=False, allow_null=True)


class CommitmentInput(serializers.Serializer):  # type: ignore[type-arg]
    agreement = serializers.SlugField(max_length=80)
    number = serializers.IntegerField(required=False, min_value=1, max_value=999)
    text = LanguageMapField()
    category = serializers.CharField(max_length=40)


class InitiativeInput(serializers.Serializer):  # type: ignore[type-arg]
    agreement = serializers.SlugField(max_length=80)
    slug = serializers.SlugField(max_length=80)
    title = LanguageMapField()
    description = LanguageMapField(required=False)
    lead = SlugRelated(_INSTITUTIONS, many=True)
    partners = SlugRelated(_INSTITUTIONS, many=True, required=False)
    commitments = serializers.PrimaryKeyRelatedField(
        queryset=Commitment.objects.all(), many=True, required=False
    )
    status = serializers.CharField(max_length=20, required=False)
    start = serializers.DateField(required=False, allow_null=True)
    end = serializers.DateField(required=False, allow_null=True)
    places = serializers.ListField(
        child=serializers.CharField(max_length=6), required=False, max_length=500
    )


class IndicatorInput(serializers.Serializer):  # type: ignore[type-arg]
    initiative = serializers.SlugField(max_length=80)
    slug = serializers.SlugField(max_length=80)
    metric = LanguageMapField()
    unit = LanguageMapField()
    comparator = serializers.CharField(max_length=10, required=False)
    baseline = serializers.DecimalField(
        max_digits=16, decimal_places=2, required=False, allow_null=True
    )
    target = serializers.DecimalField(
        max_digits=16, decimal_places=2, required=False, allow_null=True
    )
    period_label = LanguageMapField(required=False)
    period_start = serializers.DateField(required=False, allow_null=True)
    period_end = serializers.DateField(required=False, allow_null=True)


class MeasurementInput(serializers.Serializer):  # type: ignore[type-arg]
    indicator = serializers.IntegerField(min_value=1)
    measured_on = serializers.DateField()
    value = serializers.DecimalField(max_digits=16, decimal_places=2)
    qualifier = serializers.CharField(max_length=15, required=False)
    precision = serializers.CharField(max_length=5, required=False)
    evidence = LanguageMapField(required=False)
    source_url = serializers.CharField(max_length=1000, required=False, allow_blank=True)


class AgreementFilterInput(serializers.Serializer):  # type: ignore[type-arg]
    party = serializers.SlugField(max_length=80, required=False)
    year = serializers.IntegerField(min_value=1, max_value=9999, required=False)
    kind = serializers.ChoiceField(choices=Agreement.Kind.choices, required=False)
    category = serializers.ChoiceField(choices=CommitmentCategory.choices, required=False)
    status = serializers.ChoiceField(choices=Agreement.Status.choices, required=False)


class IdFilterInput(serializers.Serializer):  # type: ignore[type-arg]
    indicator = serializers.IntegerField(min_value=1, required=False)


def _agreement_for(request: Request) -> Any:
    return lambda slug: selectors.agreement_get(user=request.user, slug=slug)


# -- views --------------------------------------------------------------------------------


class ReadViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,  # type: ignore[type-arg]
):
    permission_classes = [IsAuthenticatedOrReadOnly]


@extend_schema(
    parameters=[
        OpenApiParameter("party", str, description="institution identifier"),
        OpenApiParameter("year", int),
        OpenApiParameter("kind", str),
        OpenApiParameter("category", str),
        OpenApiParameter("status", str),
    ]
)
class AgreementViewSet(ReadViewSet):
    lookup_field = "slug"

    def get_serializer_class(self) -> Any:
        return AgreementDetailOutput if self.action == "retrieve" else AgreementSummaryOutput

    def get_queryset(self) -> Any:
        if self.action == "retrieve":
            return selectors.agreement_get_queryset(user=self.request.user)
        return selectors.agreement_list(
            user=self.request.user, **checked_filters(AgreementFilterInput, self.request)
        )

    @extend_schema(request=AgreementInput, responses={201: AgreementDetailOutput})
    def create(self, request: Request) -> Response:
        agreement = services.agreement_create(
            actor=request.user, **checked_body(AgreementInput, request)
        )
        agreement = selectors.agreement_get(user=request.user, slug=agreement.slug)
        return Response(AgreementDetailOutput(agreement).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=AgreementInput, responses={200: AgreementDetailOutput})
    def partial_update(self, request: Request, slug: str) -> Response:
        agreement = self.get_object()
        services.agreement_update(
            actor=request.user,
            agreement=agreement,
            **checked_body(AgreementInput, request, partial=True),
        )
        agreement = selectors.agreement_get(user=request.user, slug=agreement.slug)
        return Response(AgreementDetailOutput(agreement).data)


class CommitmentViewSet(ReadViewSet, mixins.DestroyModelMixin):
    serializer_class = CommitmentOutput

    def get_queryset(self) -> Any:
        return selectors.commitment_list(
            user=self.request.user, category=self.request.query_params.get("category")
        )

    @extend_schema(request=CommitmentInput, responses={201: CommitmentOutput})
    def create(self, request: Request) -> Response:
        data = checked_body(CommitmentInput, request)
        agreement = referenced("agreement", _agreement_for(request), data.pop("agreement"))
        commitment = services.commitment_create(actor=request.user, agreement=agreement, **data)
        return Response(CommitmentOutput(commitment).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=CommitmentInput, responses={200: CommitmentOutput})
    def partial_update(self, request: Request, pk: str) -> Response:
        data = checked_body(CommitmentInput, request, partial=True)
        data.pop("agreement", None)
        commitment = services.commitment_update(
            actor=request.user, commitment=self.get_object(), **data
        )
        return Response(CommitmentOutput(commitment).data)

    def perform_destroy(self, instance: Commitment) -> None:
        services.commitment_delete(actor=self.request.user, commitment=instance)


class InitiativeViewSet(ReadViewSet):
    serializer_class = InitiativeOutput
    lookup_field = "slug"

    def get_queryset(self) -> Any:
        return selectors.initiative_list(
            user=self.request.user, agreement=self.request.query_params.get("agreement")
        )

    @extend_schema(request=InitiativeInput, responses={201: InitiativeOutput})
    def create(self, request: Request) -> Response:
        data = checked_body(InitiativeInput, request)
        agreement = referenced("agreement", _agreement_for(request), data.pop("agreement"))
        initiative = services.initiative_create(actor=request.user, agreement=agreement, **data)
        initiative = selectors.initiative_get(user=request.user, slug=initiative.slug)
        return Response(InitiativeOutput(initiative).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=InitiativeInput, responses={200: InitiativeOutput})
    def partial_update(self, request: Request, slug: str) -> Response:
        data = checked_body(InitiativeInput, request, partial=True)
        data.pop("agreement", None)
        initiative = services.initiative_update(
            actor=request.user, initiative=self.get_object(), **data
        )
        initiative = selectors.initiative_get(user=request.user, slug=initiative.slug)
        return Response(InitiativeOutput(initiative).data)


class IndicatorViewSet(ReadViewSet):
    serializer_class = IndicatorOutput

    def get_queryset(self) -> Any:
        return selectors.indicator_list(
            user=self.request.user, initiative=self.request.query_params.get("initiative")
        )

    @extend_schema(request=IndicatorInput, responses={201: IndicatorOutput})
    def create(self, request: Request) -> Response:
        data = checked_body(IndicatorInput, request)
        initiative = referenced(
            "initiative",
            lambda slug: selectors.initiative_get(user=request.user, slug=slug),
            data.pop("initiative"),
        )
        indicator = services.indicator_create(actor=request.user, initiative=initiative, **data)
        return Response(IndicatorOutput(indicator).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=IndicatorInput, responses={200: IndicatorOutput})
    def partial_update(self, request: Request, pk: str) -> Response:
        data = checked_body(IndicatorInput, request, partial=True)
        data.pop("initiative", None)
        indicator = services.indicator_update(
            actor=request.user, indicator=self.get_object(), **data
        )
        return Response(IndicatorOutput(indicator).data)


class MeasurementViewSet(ReadViewSet, mixins.DestroyModelMixin):
    serializer_class = MeasurementOutput

    def get_queryset(self) -> Any:
        return selectors.measurement_list(
            user=self.request.user, **checked_filters(IdFilterInput, self.request)
        )

    @extend_schema(request=MeasurementInput, responses={201: MeasurementOutput})
    def create(self, request: Request) -> Response:
        data = checked_body(MeasurementInput, request)
        indicator = referenced(
            "indicator",
            lambda pk: selectors.indicator_list(user=request.user).get(pk=pk),
            data.pop("indicator"),
        )
        measurement = services.measurement_record(actor=request.user, indicator=indicator, **data)
        return Response(MeasurementOutput(measurement).data, status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance: Measurement) -> None:
        services.measurement_delete(actor=self.request.user, measurement=instance)


router = SimpleRouter()
router.register("agreements", AgreementViewSet, basename="agreement")
router.register("commitments", CommitmentViewSet, basename="commitment")
router.register("initiatives", InitiativeViewSet, basename="initiative")
router.register("indicators", IndicatorViewSet, basename="indicator")
router.register("measurements", MeasurementViewSet, basename="measurement")
urlpatterns = [path("", include(router.urls))]
