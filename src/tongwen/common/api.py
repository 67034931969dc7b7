"""API conventions shared by every context: structured, translated errors; query parameters and
bodies checked by a serializer; references in a body resolved through a visibility-scoped
selector."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

NON_FIELD = "non_field_errors"


def _flatten(detail: Any, prefix: str = "") -> list[dict[str, str]]:
    if isinstance(detail, dict):
        errors: list[dict[str, str]] = []
        for key, value in detail.items():
            field = NON_FIELD if key == "__all__" else str(key)
            errors += _flatten(value, f"{prefix}.{field}" if prefix else field)
        return errors
    if isinstance(detail, list):
        errors = []
        for index, item in enumerate(detail):
            nested = isinstance(item, dict | list)
            errors += _flatten(item, f"{prefix}[{index}]" if nested else prefix)
        return errors
    code = getattr(detail, "code", None) or "invalid"
    return [{"field": prefix or NON_FIELD, "code": str(code), "message": str(detail)}]


def validation_error_detail(exc: DjangoValidationError) -> Any:
    if hasattr(exc, "error_dict"):
        return {
            field: [exceptions.ErrorDetail(m, code=e.code) for e in errs for m in e.messages]
            for field, errs in exc.error_dict.items()
        }
    return [exceptions.ErrorDetail(m, code=exc.code) for m in exc.messages]


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Every API error as ``{"errors": [{"field", "code", "message"}]}`` with a 4xx status."""
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(validation_error_detail(exc))
    elif isinstance(exc, Http404 | ObjectDoesNotExist):
        exc = exceptions.NotFound(_("Not found."))
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    detail = exc.detail if isinstance(exc, exceptions.APIException) else response.data
    if isinstance(exc, exceptions.ValidationError):
        errors = _flatten(detail)
    else:
        code = exc.get_codes() if isinstance(exc, exceptions.APIException) else "error"
        errors = [{"field": NON_FIELD, "code": str(code), "message": str(detail)}]
    response.data = {"errors": errors}
    return response


def checked_filters(
    serializer_class: type[serializers.Serializer], request: Request
) -> dict[str, Any]:  # type: ignore[type-arg]
    """Query parameters checked like a body: a malformed filter is a 400, never ignored. The
    page number is the paginator's."""
    serializer = serializer_class(data=request.query_params)
    serializer.is_valid(raise_exception=True)
    data = dict(serializer.validated_data)
    data.pop("page", None)
    return data


def checked_body(
    serializer_class: type[serializers.Serializer],  # type: ignore[type-arg]
    request: Request,
    *,
    partial: bool = False,
) -> dict[str, Any]:
    serializer = serializer_class(data=request.data, partial=partial)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def referenced(field: str, lookup: Any, key: Any) -> Any:
    """The record a request body refers to, or a 400 naming the field: it is the body that is
    wrong, not the URL. Invisible records are reported exactly like missing ones."""
    try:
        return lookup(key)
    except ObjectDoesNotExist:
        raise serializers.ValidationError(
            {field: [_("“%(key)s” does not exist or is not visible to you.") % {"key": key}]}
        ) from None


class StrictInput(serializers.Serializer):  # type: ignore[type-arg]
    """Input whose unknown names are refused, each by name, rather than silently dropped."""

    unknown_message = gettext_lazy("Unknown field.")
    unknown_code = "unknown_field"

    def to_internal_value(self, data: Any) -> Any:
        errors: dict[str, Any] = {}
        if hasattr(data, "keys"):
            errors = {
                name: [serializers.ErrorDetail(str(self.unknown_message), code=self.unknown_code)]
                for name in sorted(set(data) - set(self.fields))
            }
        try:
            value = super().to_internal_value(data)
        except serializers.ValidationError as exc:
            if not isinstance(exc.detail, dict):
                raise
            raise serializers.ValidationError({**exc.detail, **errors}) from None
        if errors:
            raise serializers.ValidationError(errors)
        return value
