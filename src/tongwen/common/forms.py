"""Form parts every context's pages share."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tongwen.common.langmap import LanguageMap

#: (BCP 47 tag, label) of the languages a form asks for, in the order shown.
FormLanguages = tuple[tuple[str, Any], ...]


class LanguageMapWidget(forms.MultiWidget):
    """One input per language, each marked with its ``lang``."""

    template_name = "portal/widgets/language_map.html"

    def __init__(self, *, languages: FormLanguages, textarea: bool = False) -> None:
        self.languages = languages
        widgets: dict[str, forms.Widget | type[forms.Widget]] = {}
        for tag, _label in languages:
            attrs = {"lang": tag}
            widgets[tag] = (
                forms.Textarea(attrs={**attrs, "rows": 3}) if textarea else forms.TextInput(attrs)
            )
        super().__init__(widgets)

    def decompress(self, value: Any) -> list[str]:
        value = value or {}
        return [value.get(tag, "") for tag, _label in self.languages]

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        for subwidget, (tag, label) in zip(
            context["widget"]["subwidgets"], self.languages, strict=True
        ):
            subwidget["language_label"] = label
            subwidget["language_tag"] = tag
        return context


class LanguageMapFormField(forms.MultiValueField):
    """One text per language of ``languages`` (set by each context's subclass), combined into
    a language map; empty texts are left out."""

    languages: FormLanguages = ()

    def __init__(self, *, textarea: bool = False, **kwargs: Any) -> None:
        fields = [forms.CharField(required=False, strip=True) for _tag in self.languages]
        super().__init__(
            fields=fields,
            widget=LanguageMapWidget(languages=self.languages, textarea=textarea),
            require_all_fields=False,
            **kwargs,
        )

    def compress(self, data_list: list[str]) -> LanguageMap:
        return {
            tag: text
            for (tag, _label), text in zip(self.languages, data_list or [], strict=False)
            if text
        }

    def clean(self, value: Any) -> LanguageMap:
        cleaned: LanguageMap = super().clean(value) or {}
        if self.required and not cleaned:
            raise ValidationError(_("Give a value in at least one language."), code="required")
        return cleaned
