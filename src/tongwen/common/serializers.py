"""Serializer pieces every API shares."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers


class LanguageMapField(serializers.JSONField):
    """A language map (``{"en": "…", "zh-Hans": "…"}``); validated by the service."""

    def to_representation(self, value: Any) -> Any:
        return value or {}


class SlugRelated(serializers.SlugRelatedField):  # type: ignore[type-arg]
    """Refer to related records by their stable identifier, not by database id."""

    def __init__(self, queryset: Any, **kwargs: Any) -> None:
        super().__init__(slug_field="slug", queryset=queryset, **kwargs)
