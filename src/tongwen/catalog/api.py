"""REST endpoints of the shared collection: resources, their images, and sharing grants.

Thin, over services and selectors, in the style of the agreements API: input and output have
their own serializers, filters are validated like bodies, every write is one service call and
every read comes from a selector scoped to the requesting user. A resource the user may not see
is a 404, exactly like a missing one.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import IsAuthenticated, IsAuthenticatedOrReadOnly
from rest_framework.request import Request
from rest_framework.response import Response

from tongwen.agreements import selectors as agreement_selectors
from tongwen.catalog import images as image_store
from tongwen.catalog import periods, selectors, services
from tongwen.catalog.models import DigitalObject, Resource, SharingGrant
from tongwen.common.api import checked_body, checked_filters, referenced
from tongwen.common.serializers import LanguageMapField, SlugRelated
from tongwen.institutions.models import Institution

# -- discovery links ------------------------------------------------------------------------
# Paths of the other surfaces that show a resource; the pages use the same helpers.


def image_service_path(iiif_id: str) -> str:
    """The IIIF Image API 3.0 service of one image."""
    return f"/iiif/3/{iiif_id}"


def image_thumbnail_path(iiif_id: str, size: int = 300) -> str:
    """A thumbnail that fits in ``size``×``size``, through the image service."""
    return f"{image_service_path(iiif_id)}/full/!{size},{size}/0/default.jpg"


def manifest_path(slug: str) -> str:
    return reverse("iiif-manifest", args=[slug])


def viewer_path(slug: str) -> str:
    return reverse("catalog-viewer", args=[slug])


def oai_identifier(slug: str) -> str:
    return f"oai:{settings.TONGWEN_OAI_NAMESPACE}:{slug}"


def oai_record_path(slug: str) -> str:
    return f"/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier={oai_identifier(slug)}"


def _absolute(context: Mapping[str, Any], path: str) -> str:
    request: HttpRequest | None = context.get("request")
    return request.build_absolute_uri(path) if request is not None else path


# -- output ---------------------------------------------------------------------------------


class CreatorOutput(serializers.Serializer):  # type: ignore[type-arg]
    name = LanguageMapField()
    role = serializers.CharField()
    role_label = serializers.CharField(source="get_role_display")
    period = serializers.CharField()


class ImageOutput(serializers.Serializer):  # type: ignore[type-arg]
    iiif_id = serializers.CharField()
    order = serializers.IntegerField()
    # "label" shadows Field.label in the stubs only; DRF collects declared fields apart.
    label = LanguageMapField()  # type: ignore[assignment]
    width = serializers.IntegerField()
    height = serializers.IntegerField()
    service = serializers.SerializerMethodField()
    thumbnail = serializers.SerializerMethodField()

    def get_service(self, obj: DigitalObject) -> str:
        return _absolute(self.context, image_service_path(obj.iiif_id))

    def get_thumbnail(self, obj: DigitalObject) -> str:
        return _absolute(self.context, image_thumbnail_path(obj.iiif_id))


class HolderOutput(serializers.Serializer):  # type: ignore[type-arg]
    slug = serializers.CharField()
    name = LanguageMapField()


class RightsOutput(serializers.Serializer):  # type: ignore[type-arg]
    uri = serializers.CharField(source="rights")
    # "label" shadows Field.label in the stubs only; DRF collects declared fields apart.
    label = serializers.CharField(source="get_rights_display")  # type: ignore[assignment]


class ExtentOutput(serializers.Serializer):  # type: ignore[type-arg]
    juan = serializers.IntegerField(source="extent_juan", allow_null=True)
    volumes = serializers.IntegerField(source="extent_volumes", allow_null=True)
    pages = serializers.IntegerField(source="extent_pages", allow_null=True)
    note = LanguageMapField(source="extent_note")


class AccessOutput(serializers.Serializer):  # type: ignore[type-arg]
    view = serializers.BooleanField()
    download = serializers.BooleanField()
    derive = serializers.BooleanField()
    commercial = serializers.BooleanField()


class ResourceOutput(serializers.ModelSerializer):  # type: ignore[type-arg]
    """A resource as the list shows it: everything but what the user may do with it, which
    costs queries per resource and is on the detail."""

    title = LanguageMapField()
    edition_note = LanguageMapField()
    description = LanguageMapField()
    creators = CreatorOutput(many=True, read_only=True)
    holder = HolderOutput(read_only=True)
    extent = ExtentOutput(source="*", read_only=True)
    rights = RightsOutput(source="*", read_only=True)
    agreements = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    initiatives = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    images = ImageOutput(many=True, read_only=True)
    manifest = serializers.SerializerMethodField()
    viewer = serializers.SerializerMethodField()
    oai = serializers.SerializerMethodField()

    class Meta:
        model = Resource
        fields = [
            "slug",
            "kind",
            "title",
            "alt_titles",
            "creators",
            "date_written",
            "year_from",
            "year_to",
            "period",
            "edition",
            "edition_note",
            "extent",
            "dimensions",
            "subjects",
            "languages",
            "script",
            "call_number",
            "identifiers",
            "description",
            "rights",
            "visibility",
            "viewing_direction",
            "holder",
            "agreements",
            "initiatives",
            "images",
            "manifest",
            "viewer",
            "oai",
            "created_at",
            "modified_at",
        ]

    def get_manifest(self, obj: Resource) -> str:
        return _absolute(self.context, manifest_path(obj.slug))

    def get_viewer(self, obj: Resource) -> str:
        return _absolute(self.context, viewer_path(obj.slug))

    def get_oai(self, obj: Resource) -> str:
        return _absolute(self.context, oai_record_path(obj.slug))


class ResourceDetailOutput(ResourceOutput):
    access = serializers.SerializerMethodField()

    class Meta(ResourceOutput.Meta):
        fields = [*ResourceOutput.Meta.fields, "access"]

    @extend_schema_field(AccessOutput)
    def get_access(self, obj: Resource) -> dict[str, bool]:
        request: Request = self.context["request"]
        access = selectors.resource_access(user=request.user, resource=obj)
        return AccessOutput(access).data  # type: ignore[return-value]


class InstitutionRefOutput(serializers.Serializer):  # type: ignore[type-arg]
    slug = serializers.CharField()
    name = LanguageMapField()


class GrantOutput(serializers.ModelSerializer):  # type: ignore[type-arg]
    grantor = InstitutionRefOutput(read_only=True)
    grantee = InstitutionRefOutput(read_only=True)
    agreement = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    resources = serializers.SerializerMethodField()
    note = LanguageMapField()
    active = serializers.SerializerMethodField()

    class Meta:
        model = SharingGrant
        fields = [
            "id",
            "grantor",
            "grantee",
            "agreement",
            "all_resources",
            "resources",
            "can_download",
            "can_derive",
            "can_use_commercially",
            "valid_from",
            "valid_until",
            "note",
            "created_at",
            "revoked_at",
            "active",
        ]

    def get_resources(self, obj: SharingGrant) -> list[str]:
        # Withdrawn resources are no longer shared; their tombstones are not listed.
        return sorted(r.slug for r in obj.resources.all() if not r.is_deleted)

    def get_active(self, obj: SharingGrant) -> bool:
        return grant_is_active(obj)


def grant_is_active(grant: SharingGrant) -> bool:
    """In force today: not revoked, and inside its period."""
    today = timezone.localdate()
    return (
        grant.revoked_at is None
        and grant.valid_from <= today
        and (grant.valid_until is None or grant.valid_until >= today)
    )


# -- input ----------------------------------------------------------------------------------


def _list_of_texts(max_length: int) -> serializers.ListField:
    return serializers.ListField(
        child=serializers.CharField(max_length=max_length), required=False, max_length=200
    )


class LanguageMapInput(LanguageMapField):
    """A language map in a body: its shape is checked here (an object), its tags and texts by
    the service."""

    def to_internal_value(self, data: Any) -> Any:
        value = super().to_internal_value(data)
        if not isinstance(value, dict):
            raise serializers.ValidationError(
                _('Expected an object of language tags to text, such as {"en": "…"}.'),
                code="invalid",
            )
        return value


def _period_field() -> serializers.ChoiceField:
    return serializers.ChoiceField(choices=list(periods.PERIODS), required=False, allow_blank=True)


class CreatorInput(serializers.Serializer):  # type: ignore[type-arg]
    name = LanguageMapInput()
    role = serializers.CharField(max_length=20, required=False)
    period = _period_field()


class IdentifierInput(serializers.Serializer):  # type: ignore[type-arg]
    scheme = serializers.CharField(max_length=40)
    value = serializers.CharField(max_length=300)


def _optional_count() -> serializers.IntegerField:
    return serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=10**9)


class ResourceInput(serializers.Serializer):  # type: ignore[type-arg]
    """The shape of a resource body; the service checks the values (choices, dates, periods)."""

    holder = SlugRelated(Institution.objects.all())
    slug = serializers.SlugField(max_length=120)
    kind = serializers.CharField(max_length=30)
    title = LanguageMapInput()
    rights = serializers.CharField(max_length=100)
    visibility = serializers.CharField(max_length=10, required=False)
    creators = CreatorInput(many=True, required=False)
    alt_titles = _list_of_texts(1000)
    date_written = serializers.CharField(max_length=200, required=False, allow_blank=True)
    year_from = serializers.IntegerField(
        required=False, allow_null=True, min_value=-3000, max_value=9999
    )
    year_to = serializers.IntegerField(
        required=False, allow_null=True, min_value=-3000, max_value=9999
    )
    period = _period_field()
    edition = serializers.CharField(max_length=20, required=False, allow_blank=True)
    edition_note = LanguageMapInput(required=False)
    extent_juan = _optional_count()
    extent_volumes = _optional_count()
    extent_pages = _optional_count()
    extent_note = LanguageMapInput(required=False)
    dimensions = serializers.CharField(max_length=200, required=False, allow_blank=True)
    subjects = _list_of_texts(300)
    languages = _list_of_texts(35)
    script = serializers.CharField(max_length=4, required=False, allow_blank=True)
    call_number = serializers.CharField(max_length=120, required=False, allow_blank=True)
    identifiers = IdentifierInput(many=True, required=False)
    description = LanguageMapInput(required=False)
    viewing_direction = serializers.CharField(max_length=20, required=False)
    agreements = serializers.ListField(
        child=serializers.SlugField(max_length=80), required=False, max_length=100
    )
    initiatives = serializers.ListField(
        child=serializers.SlugField(max_length=80), required=False, max_length=100
    )


class ResourceFilterInput(serializers.Serializer):  # type: ignore[type-arg]
    holder = serializers.SlugField(max_length=80, required=False)
    kind = serializers.ChoiceField(choices=Resource.Kind.choices, required=False)
    period = serializers.SlugField(max_length=40, required=False)
    visibility = serializers.ChoiceField(choices=Resource.Visibility.choices, required=False)
    agreement = serializers.SlugField(max_length=80, required=False)
    initiative = serializers.SlugField(max_length=80, required=False)
    has_images = serializers.BooleanField(required=False, allow_null=True)
    page = serializers.IntegerField(min_value=1, required=False)


class ImageUploadInput(serializers.Serializer):  # type: ignore[type-arg]
    file = serializers.FileField(allow_empty_file=False)
    # "label" shadows Field.label in the stubs only; DRF collects declared fields apart.
    label = serializers.JSONField(required=False)  # type: ignore[assignment]
    order = serializers.IntegerField(required=False, min_value=0, max_value=100_000)


class ImageLabelInput(serializers.Serializer):  # type: ignore[type-arg]
    # "label" shadows Field.label in the stubs only; DRF collects declared fields apart.
    label = LanguageMapInput()  # type: ignore[assignment]


class ImageReorderInput(serializers.Serializer):  # type: ignore[type-arg]
    order = serializers.ListField(
        child=serializers.CharField(max_length=100), allow_empty=False, max_length=100_000
    )


class GrantInput(serializers.Serializer):  # type: ignore[type-arg]
    grantor = SlugRelated(Institution.objects.all())
    grantee = SlugRelated(Institution.objects.all())
    agreement = serializers.SlugField(max_length=80)
    resources = serializers.ListField(
        child=serializers.SlugField(max_length=120), required=False, max_length=10_000
    )
    all_resources = serializers.BooleanField(required=False, default=False)
    can_download = serializers.BooleanField(required=False, default=False)
    can_derive = serializers.BooleanField(required=False, default=False)
    can_use_commercially = serializers.BooleanField(required=False, default=False)
    valid_from = serializers.DateField()
    valid_until = serializers.DateField(required=False, allow_null=True)
    note = LanguageMapInput(required=False)


def _links(request: Request, data: dict[str, Any]) -> dict[str, Any]:
    """Turn agreement and initiative slugs of a body into the records, visible to the user."""
    user = request.user
    for name, get in (
        ("agreements", agreement_selectors.agreement_get),
        ("initiatives", agreement_selectors.initiative_get),
    ):
        if name in data:
            data[name] = [
                referenced(name, lambda slug, get=get: get(user=user, slug=slug), slug)
                for slug in data[name]
            ]
    if "identifiers" in data:
        data["identifiers"] = [dict(identifier) for identifier in data["identifiers"]]
    if "creators" in data:
        data["creators"] = [dict(creator) for creator in data["creators"]]
    return data


# -- views ----------------------------------------------------------------------------------

_IIIF_ID = OpenApiParameter("iiif_id", str, OpenApiParameter.PATH, description="image identifier")


@extend_schema(
    parameters=[
        OpenApiParameter("holder", str, description="identifier of the holding institution"),
        OpenApiParameter("kind", str, enum=Resource.Kind.values),
        OpenApiParameter("period", str, description="dynasty or period code"),
        OpenApiParameter("visibility", str, enum=Resource.Visibility.values),
        OpenApiParameter("agreement", str, description="agreement identifier"),
        OpenApiParameter("initiative", str, description="initiative identifier"),
        OpenApiParameter("has_images", bool),
    ]
)
class ResourceViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,  # type: ignore[type-arg]
):
    lookup_field = "slug"
    permission_classes = [IsAuthenticatedOrReadOnly]

    def get_serializer_class(self) -> Any:
        return ResourceOutput if self.action == "list" else ResourceDetailOutput

    def get_queryset(self) -> Any:
        return selectors.resource_list(
            user=self.request.user, **checked_filters(ResourceFilterInput, self.request)
        ).prefetch_related("agreements", "initiatives")

    def get_object(self) -> Resource:
        return self._resource(self.kwargs["slug"])

    def _resource(self, slug: str) -> Resource:
        # Hidden and missing resources both raise DoesNotExist, which is a 404.
        return selectors.resource_get(user=self.request.user, slug=slug)

    def _detail(self, request: Request, slug: str, code: int = status.HTTP_200_OK) -> Response:
        resource = self._resource(slug)
        return Response(
            ResourceDetailOutput(resource, context={"request": request}).data, status=code
        )

    @extend_schema(request=ResourceInput, responses={201: ResourceDetailOutput})
    def create(self, request: Request) -> Response:
        data = _links(request, checked_body(ResourceInput, request))
        resource = services.resource_create(actor=request.user, **data)
        return self._detail(request, resource.slug, status.HTTP_201_CREATED)

    @extend_schema(request=ResourceInput, responses={200: ResourceDetailOutput})
    def partial_update(self, request: Request, slug: str) -> Response:
        resource = self._resource(slug)
        data = _links(request, checked_body(ResourceInput, request, partial=True))
        if "holder" in data:
            raise serializers.ValidationError(
                {"holder": [_("The holding institution of a resource cannot be changed.")]}
            )
        resource = services.resource_update(actor=request.user, resource=resource, **data)
        return self._detail(request, resource.slug)

    @extend_schema(responses={204: None})
    def destroy(self, request: Request, slug: str) -> Response:
        services.resource_delete(actor=request.user, resource=self._resource(slug))
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(methods=["GET"], request=None, responses={200: ImageOutput(many=True)})
    @extend_schema(
        methods=["POST"],
        request={"multipart/form-data": ImageUploadInput},
        responses={201: ImageOutput},
    )
    @action(
        detail=True,
        methods=["get", "post"],
        url_path="images",
        parser_classes=[MultiPartParser],
        pagination_class=None,
    )
    def images(self, request: Request, slug: str) -> Response:
        """The resource's images in reading order; POST uploads one (multipart)."""
        resource = self._resource(slug)
        context = {"request": request}
        if request.method == "GET":
            rows = selectors.images_of(resource=resource)
            return Response(ImageOutput(rows, many=True, context=context).data)
        data = checked_body(ImageUploadInput, request)
        upload = data["file"]
        image = image_store.image_add(
            actor=request.user,
            resource=resource,
            file=upload,
            original_name=upload.name or "",
            label=data.get("label"),
            order=data.get("order"),
        )
        return Response(ImageOutput(image, context=context).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=ImageReorderInput, responses={200: ImageOutput(many=True)}, parameters=[]
    )
    @action(detail=True, methods=["post"], url_path="images/reorder", pagination_class=None)
    def images_reorder(self, request: Request, slug: str) -> Response:
        """Put the images in the given order (every image identifier, once)."""
        resource = self._resource(slug)
        data = checked_body(ImageReorderInput, request)
        image_store.images_reorder(actor=request.user, resource=resource, order=data["order"])
        rows = selectors.images_of(resource=resource)
        return Response(ImageOutput(rows, many=True, context={"request": request}).data)

    @extend_schema(
        methods=["PATCH"],
        request=ImageLabelInput,
        responses={200: ImageOutput},
        parameters=[_IIIF_ID],
    )
    @extend_schema(methods=["DELETE"], request=None, responses={204: None}, parameters=[_IIIF_ID])
    @action(
        detail=True,
        methods=["patch", "delete"],
        # "reorder" is the sibling action above, never an image identifier.
        url_path=r"images/(?P<iiif_id>(?!reorder/)[^/.]+)",
    )
    def image(self, request: Request, slug: str, iiif_id: str) -> Response:
        """Change the label of one image (PATCH), or remove it (DELETE)."""
        resource = self._resource(slug)
        image = resource.images.get(iiif_id=iiif_id)
        if request.method == "DELETE":
            image_store.image_delete(actor=request.user, image=image)
            return Response(status=status.HTTP_204_NO_CONTENT)
        data = checked_body(ImageLabelInput, request)
        image = image_store.image_update(actor=request.user, image=image, label=data["label"])
        return Response(ImageOutput(image, context={"request": request}).data)


class GrantViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,  # type: ignore[type-arg]
):
    """Sharing grants the user's institutions gave or received."""

    serializer_class = GrantOutput
    permission_classes = [IsAuthenticated]

    def get_queryset(self) -> Any:
        return selectors.grant_list(
            user=self.request.user, institution=self.request.query_params.get("institution")
        )

    @extend_schema(
        parameters=[OpenApiParameter("institution", str, description="grantor or grantee")]
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(request=GrantInput, responses={201: GrantOutput})
    def create(self, request: Request) -> Response:
        data = checked_body(GrantInput, request)
        user = request.user
        data["agreement"] = referenced(
            "agreement",
            lambda slug: agreement_selectors.agreement_get(user=user, slug=slug),
            data["agreement"],
        )
        data["resources"] = [
            referenced("resources", lambda slug: selectors.resource_get(user=user, slug=slug), s)
            for s in data.get("resources", [])
        ]
        grant = services.grant_create(actor=user, **data)
        return Response(self._output(grant), status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: GrantOutput})
    @action(detail=True, methods=["post"])
    def revoke(self, request: Request, pk: str) -> Response:
        grant = services.grant_revoke(actor=request.user, grant=self.get_object())
        return Response(self._output(grant))

    def _output(self, grant: SharingGrant) -> Any:
        """The grant as the list shows it, read again with its relations; not through
        ``get_queryset``, whose ``institution`` filter is for listing only (a grant just
        written is answered whatever the query string)."""
        grant = selectors.grant_list(user=self.request.user).get(pk=grant.pk)
        return GrantOutput(grant).data
