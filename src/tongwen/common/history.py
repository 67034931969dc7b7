"""Recording and reading the change history that services write."""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from tongwen.common.models import ChangeRecord


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


def snapshot(obj: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The values of ``fields`` in a form that can be stored as JSON and compared."""
    return {name: _plain(getattr(obj, name)) for name in fields}


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    return {
        name: [before.get(name), value]
        for name, value in after.items()
        if before.get(name) != value
    }


def record_change(
    *,
    actor: Any,
    action: str,
    target: models.Model,
    context: models.Model | None = None,
    changes: dict[str, Any] | None = None,
) -> ChangeRecord | None:
    """Keep who changed what and when; an update that changed nothing is not recorded."""
    if action == ChangeRecord.Action.UPDATE and not changes:
        return None
    context = context or target
    return ChangeRecord.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        target_type=ContentType.objects.get_for_model(target),
        target_id=target.pk,
        target_repr=str(target)[:300],
        context_type=ContentType.objects.get_for_model(context),
        context_id=context.pk,
        changes=changes or {},
    )


def history_for(context: models.Model) -> models.QuerySet[ChangeRecord]:
    return ChangeRecord.objects.filter(
        context_type=ContentType.objects.get_for_model(context), context_id=context.pk
    ).select_related("actor", "target_type")
