"""Forms of the shared collection's pages. They only collect and shape input; the services
validate the values and write."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from tongwen.agreements.forms import InstitutionChoice
from tongwen.agreements.models import Agreement, Initiative
from tongwen.catalog import periods
from tongwen.catalog.models import Creator, Resource, Rights
from tongwen.catalog.services import CreatorData
from tongwen.common import forms as common_forms
from tongwen.common import langmap
from tongwen.common.langmap import LanguageMap
from tongwen.institutions.models import Institution

#: The languages the resource forms ask for: the original script of most of the collection
#: (traditional characters), the reading script of the interface, and English.
FORM_LANGUAGES = (
    ("zh-Hant", _("Traditional Chinese")),
    ("zh-Hans", _("Simplified Chinese")),
    ("en", _("English")),
)
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0003134f]")


def keep_other_languages(current: LanguageMap | None, edited: LanguageMap) -> LanguageMap:
    """The forms edit three languages; values in other languages stay as they were. Pinyin is
    left out so that the service derives it again from the edited Chinese."""
    shown = {tag for tag, _label in FORM_LANGUAGES} | {langmap.PINYIN_TAG}
    return {**{tag: v for tag, v in (current or {}).items() if tag not in shown}, **edited}


class LanguageMapFormField(common_forms.LanguageMapFormField):
    """One text per form language (traditional and simplified Chinese, English)."""

    languages = FORM_LANGUAGES


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class LinesField(forms.CharField):
    """A textarea of one value per line, cleaned to a list."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 3}))
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list | tuple):
            return "\n".join(str(v) for v in value)
        return value

    def clean(self, value: Any) -> list[str]:  # type: ignore[override]
        return _lines(super().clean(value))


def _name_tag(text: str, script: str) -> str:
    """The language tag of a name typed into the form: Chinese when it has Han characters
    (in the resource's script when that is known), English otherwise."""
    if not _HAN.search(text):
        return "en"
    return {"Hant": "zh-Hant", "Hans": "zh-Hans"}.get(script, "zh")


def _reader_language() -> str:
    code = get_language() or "zh-hans"
    return "zh-Hans" if code.lower().startswith("zh") else code


def period_choices() -> list[tuple[str, str]]:
    """Every dynasty or period, in chronological order, named in the reader's language."""
    language = _reader_language()
    return [(code, period.label(language)) for code, period in periods.PERIODS.items()]


def _period_from(text: str) -> str | None:
    """A period code from its code or its name in any language the table has."""
    wanted = text.strip()
    if not wanted or wanted in periods.PERIODS:
        return wanted
    folded = wanted.lower()
    for code, period in periods.PERIODS.items():
        names = (period.zh_hans, period.zh_hant, period.en, period.pinyin)
        if folded in (name.lower() for name in names):
            return code
    return None


def _role_from(text: str) -> str | None:
    wanted = text.strip().lower()
    if not wanted:
        return Creator.Role.AUTHOR
    for value, label in Creator.Role.choices:
        if wanted in (value, str(label).lower()):
            return value
    return None


class CreatorsField(forms.CharField):
    """Creators, one a line: ``name | role | period`` (role and period optional). Cleans to
    ``(name, role, period)`` tuples; the view turns names into language maps."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 3}))
        super().__init__(**kwargs)

    def clean(self, value: Any) -> list[tuple[str, str, str]]:  # type: ignore[override]
        creators = []
        for number, line in enumerate(_lines(super().clean(value)), start=1):
            parts = [part.strip() for part in line.split("|")]
            if len(parts) > 3 or not parts[0]:
                raise ValidationError(
                    _("Line %(n)s: write “name | role | period”."),
                    code="invalid",
                    params={"n": number},
                )
            parts += [""] * (3 - len(parts))
            role = _role_from(parts[1])
            if role is None:
                raise ValidationError(
                    _("Line %(n)s: “%(role)s” is not a role."),
                    code="invalid",
                    params={"n": number, "role": parts[1]},
                )
            period = _period_from(parts[2])
            if period is None:
                raise ValidationError(
                    _("Line %(n)s: “%(period)s” is not a dynasty or period."),
                    code="invalid",
                    params={"n": number, "period": parts[2]},
                )
            creators.append((parts[0], role, period))
        return creators


class IdentifiersField(forms.CharField):
    """Identifiers, one a line: ``scheme | value``."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 2}))
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return "\n".join(f"{i.get('scheme', '')} | {i.get('value', '')}" for i in value)
        return value

    def clean(self, value: Any) -> list[dict[str, str]]:  # type: ignore[override]
        identifiers = []
        for number, line in enumerate(_lines(super().clean(value)), start=1):
            scheme, bar, text = (part.strip() for part in line.partition("|"))
            if not (bar and scheme and text):
                raise ValidationError(
                    _("Line %(n)s: write “scheme | value”."), code="invalid", params={"n": number}
                )
            identifiers.append({"scheme": scheme, "value": text})
        return identifiers


class ResourceForm(forms.Form):
    holder = InstitutionChoice(label=_("holding institution"), queryset=Institution.objects.none())
    slug = forms.SlugField(
        label=_("identifier"),
        max_length=120,
        required=False,
        help_text=_("Letters, digits and hyphens; leave empty to derive it from the title."),
    )
    kind = forms.ChoiceField(label=_("kind"), choices=Resource.Kind.choices)
    title = LanguageMapFormField(label=_("title"))
    alt_titles = LinesField(label=_("other titles"), help_text=_("One a line."))
    creators = CreatorsField(
        label=_("creators"),
        help_text=_(
            "One a line: “name | role | period”, for example “司馬遷 | author | western-han”."
        ),
    )
    date_written = forms.CharField(
        label=_("date as written"),
        max_length=200,
        required=False,
        help_text=_("As the item gives it, for example “清乾隆四十年”; the years are derived."),
    )
    year_from = forms.IntegerField(label=_("from year"), required=False)
    year_to = forms.IntegerField(label=_("to year"), required=False)
    period = forms.ChoiceField(
        label=_("dynasty or period"),
        required=False,
        help_text=_("Derived from the date when left empty."),
    )
    edition = forms.ChoiceField(
        label=_("edition"), required=False, choices=[("", "—"), *Resource.Edition.choices]
    )
    edition_note = LanguageMapFormField(label=_("edition statement"), required=False)
    extent_juan = forms.IntegerField(label=_("juan (卷)"), required=False, min_value=0)
    extent_volumes = forms.IntegerField(label=_("volumes (册)"), required=False, min_value=0)
    extent_pages = forms.IntegerField(label=_("pages"), required=False, min_value=0)
    extent_note = LanguageMapFormField(label=_("extent"), required=False)
    dimensions = forms.CharField(label=_("dimensions"), max_length=200, required=False)
    subjects = LinesField(label=_("subjects"), help_text=_("One a line."))
    languages = forms.CharField(
        label=_("languages"),
        required=False,
        help_text=_("Language tags separated by spaces, for example “lzh zh-Hant”."),
    )
    script = forms.CharField(
        label=_("script"),
        max_length=4,
        required=False,
        help_text=_("ISO 15924 code, for example “Hant”."),
    )
    call_number = forms.CharField(label=_("call number"), max_length=120, required=False)
    identifiers = IdentifiersField(
        label=_("identifiers"), help_text=_("One a line: “scheme | value”.")
    )
    description = LanguageMapFormField(label=_("description"), required=False, textarea=True)
    rights = forms.ChoiceField(label=_("rights statement"), choices=Rights.choices)
    visibility = forms.ChoiceField(
        label=_("visibility"),
        choices=Resource.Visibility.choices,
        initial=Resource.Visibility.PUBLIC,
    )
    viewing_direction = forms.ChoiceField(
        label=_("viewing direction"),
        required=False,
        choices=[("", _("automatic")), *Resource.ViewingDirection.choices],
        help_text=_("Automatic: right to left for traditional Chinese books."),
    )
    agreements = forms.ModelMultipleChoiceField(
        label=_("agreements"), queryset=Agreement.objects.none(), required=False
    )
    initiatives = forms.ModelMultipleChoiceField(
        label=_("initiatives"), queryset=Initiative.objects.none(), required=False
    )

    def __init__(
        self,
        *args: Any,
        holders: QuerySet[Institution] | None = None,
        agreements: QuerySet[Agreement],
        initiatives: QuerySet[Initiative],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if holders is None:  # editing: the holder and the identifier stay
            del self.fields["holder"]
            del self.fields["slug"]
            self.fields["viewing_direction"].choices = Resource.ViewingDirection.choices  # type: ignore[attr-defined]
            self.fields["viewing_direction"].required = True
            self.fields["viewing_direction"].help_text = ""
        else:
            holder = self.fields["holder"]
            assert isinstance(holder, forms.ModelChoiceField)
            holder.queryset = holders
        period = self.fields["period"]
        assert isinstance(period, forms.ChoiceField)
        period.choices = [("", "—"), *period_choices()]
        for name, queryset in (("agreements", agreements), ("initiatives", initiatives)):
            field = self.fields[name]
            assert isinstance(field, forms.ModelMultipleChoiceField)
            field.queryset = queryset

    def clean_languages(self) -> list[str]:
        return self.cleaned_data["languages"].replace(",", " ").split()

    @classmethod
    def initial_for(cls, resource: Resource, language: str) -> dict[str, Any]:
        names = (
            "kind",
            "title",
            "alt_titles",
            "date_written",
            "year_from",
            "year_to",
            "period",
            "edition",
            "edition_note",
            "extent_juan",
            "extent_volumes",
            "extent_pages",
            "extent_note",
            "dimensions",
            "subjects",
            "script",
            "call_number",
            "identifiers",
            "description",
            "rights",
            "visibility",
            "viewing_direction",
        )
        initial = {name: getattr(resource, name) for name in names}
        initial["languages"] = " ".join(resource.languages)
        initial["creators"] = "\n".join(
            " | ".join(
                [langmap.best(c.name, language), c.role, c.period]
                if c.period
                else [langmap.best(c.name, language), c.role]
            )
            for c in resource.creators.all()
        )
        initial["agreements"] = list(resource.agreements.all())
        initial["initiatives"] = list(resource.initiatives.all())
        return initial

    def creator_data(self, existing: list[Creator] | None = None) -> list[CreatorData]:
        """The creators as the service takes them. A name that matches a value of an existing
        creator keeps that creator's whole name map (its other languages, its pinyin)."""
        script = self.cleaned_data.get("script") or ""
        known = [c.name for c in existing or []]
        result: list[CreatorData] = []
        for name, role, period in self.cleaned_data["creators"]:
            match = next((m for m in known if name in m.values()), None)
            result.append(
                {"name": match or {_name_tag(name, script): name}, "role": role, "period": period}
            )
        return result


class ResourceFilterForm(forms.Form):
    """The GET filters of the collection list."""

    holder = forms.ChoiceField(label=_("holder"), required=False)
    kind = forms.ChoiceField(
        label=_("kind"), required=False, choices=[("", _("all")), *Resource.Kind.choices]
    )
    period = forms.ChoiceField(label=_("dynasty or period"), required=False)
    visibility = forms.ChoiceField(
        label=_("visibility"),
        required=False,
        choices=[("", _("all")), *Resource.Visibility.choices],
    )
    has_images = forms.TypedChoiceField(
        label=_("images"),
        required=False,
        choices=[("", _("all")), ("yes", _("with images")), ("no", _("without images"))],
        coerce=lambda value: value == "yes",
        empty_value=None,
    )

    def __init__(
        self,
        *args: Any,
        holders: list[Institution],
        periods: list[tuple[str, str]],
        signed_in: bool,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        holder = self.fields["holder"]
        assert isinstance(holder, forms.ChoiceField)
        holder.choices = [("", _("all")), *((i.slug, i.display_name) for i in holders)]
        period = self.fields["period"]
        assert isinstance(period, forms.ChoiceField)
        period.choices = [("", _("all")), *periods]
        if not signed_in:  # everything an anonymous visitor sees is public
            del self.fields["visibility"]


class ImageUploadForm(forms.Form):
    file = forms.FileField(label=_("image file"), help_text=_("JPEG, PNG or TIFF."))
    label = LanguageMapFormField(label=_("label"), required=False)
    position = forms.IntegerField(
        label=_("position"),
        required=False,
        min_value=1,
        help_text=_("1 puts it first; leave empty to add it at the end."),
    )


class GrantForm(forms.Form):
    grantor = InstitutionChoice(label=_("granted by"), queryset=Institution.objects.none())
    grantee = InstitutionChoice(label=_("granted to"), queryset=Institution.objects.all())
    agreement = forms.ModelChoiceField(
        label=_("under agreement"), queryset=Agreement.objects.none()
    )
    all_resources = forms.BooleanField(
        label=_("all resources of the grantor"),
        required=False,
        help_text=_("Includes resources added later."),
    )
    resources = forms.ModelMultipleChoiceField(
        label=_("resources"),
        queryset=Resource.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    can_download = forms.BooleanField(label=_("download full resolution"), required=False)
    can_derive = forms.BooleanField(label=_("make derivatives"), required=False)
    can_use_commercially = forms.BooleanField(label=_("use commercially"), required=False)
    valid_from = forms.DateField(
        label=_("valid from"), widget=forms.DateInput(attrs={"type": "date"})
    )
    valid_until = forms.DateField(
        label=_("valid until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    note = LanguageMapFormField(label=_("note"), required=False, textarea=True)

    def __init__(
        self,
        *args: Any,
        grantors: QuerySet[Institution],
        agreements: QuerySet[Agreement],
        resources: QuerySet[Resource],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        for name, queryset in (
            ("grantor", grantors),
            ("agreement", agreements),
            ("resources", resources),
        ):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = queryset
