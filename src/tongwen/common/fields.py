from __future__ import annotations

from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from tongwen.common import langmap


class _UnescapedJSONEncoder(DjangoJSONEncoder):
    """Store CJK text as itself, not as \\uXXXX escapes, so text lookups can match it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["ensure_ascii"] = False
        super().__init__(*args, **kwargs)


class LanguageMapField(models.JSONField):  # type: ignore[type-arg]
    """A JSON language map (see :mod:`tongwen.common.langmap`), validated on ``full_clean``."""

    def __init__(self, *args: Any, max_value_length: int = langmap.MAX_VALUE_LENGTH, **kwargs: Any):
        self.max_value_length = max_value_length
        kwargs.setdefault("default", dict)
        kwargs["encoder"] = _UnescapedJSONEncoder
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("encoder", None)  # always the same; not a migration concern
        if self.max_value_length != langmap.MAX_VALUE_LENGTH:
            kwargs["max_value_length"] = self.max_value_length
        return name, path, args, kwargs

    def clean(self, value: Any, model_instance: models.Model | None) -> Any:
        return langmap.clean(value, required=not self.blank, max_length=self.max_value_length)
