"""API conventions shared by every context: structured, translated errors."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions
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
