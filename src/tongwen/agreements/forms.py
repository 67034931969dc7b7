"""Forms of the staff workspace. They only collect input; the services validate and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from tongwen.agreements.models import (
    Agreement,
    Commitment,
    CommitmentCategory,
    Indicator,
    Initiative,
    Measurement,
)
from tongwen.common import forms as common_forms
from tongwen.common.dates import YearStatus
from tongwen.institutions.models import Institution

FORM_LANGUAGES = (("zh-Hans", _("Chinese")), ("en", _("English")))


class LanguageMapFormField(common_forms.LanguageMapFormField):
    """One text per interface language, combined into a language map."""

    languages = FORM_LANGUAGES


class InstitutionChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Institution) -> str:  # type: ignore[override]
        return obj.display_name


class InstitutionChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Institution) -> str:  # type: ignore[override]
        return obj.display_name


class AgreementForm(forms.Form):
    slug = forms.SlugField(
        label=_("identifier"),
        max_length=80,
        required=False,
        help_text=_("Letters, digits and hyphens; leave empty to derive it from the title."),
    )
    kind = forms.ChoiceField(label=_("kind"), choices=Agreement.Kind.choices)
    title = LanguageMapFormField(label=_("title"))
    parties = InstitutionChoices(
        label=_("parties"),
        queryset=Institution.objects.all(),
        help_text=_("At least two institutions."),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    status = forms.ChoiceField(
        label=_("status"), choices=Agreement.Status.choices, initial=Agreement.Status.DRAFT
    )
    signed_year = forms.IntegerField(label=_("year signed"), required=False, min_value=1900)
    signed_month = forms.IntegerField(
        label=_("month signed"), required=False, min_value=1, max_value=12
    )
    signed_day = forms.IntegerField(
        label=_("day signed"), required=False, min_value=1, max_value=31
    )
    signed_year_status = forms.ChoiceField(
        label=_("year"), choices=YearStatus.choices, initial=YearStatus.STATED
    )
    signed_year_reason = LanguageMapFormField(label=_("why this year"), required=False)
    venue = LanguageMapFormField(label=_("venue"), required=False)
    summary = LanguageMapFormField(label=_("summary"), required=False, textarea=True)

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["slug"]

    @classmethod
    def initial_for(cls, agreement: Agreement) -> dict[str, Any]:
        names = (
            "kind",
            "title",
            "status",
            "signed_year",
            "signed_month",
            "signed_day",
            "signed_year_status",
            "signed_year_reason",
            "venue",
            "summary",
        )
        initial = {name: getattr(agreement, name) for name in names}
        initial["parties"] = [link.institution for link in agreement.party_links.all()]
        return initial


class CommitmentForm(forms.Form):
    text = LanguageMapFormField(label=_("text"), textarea=True)
    category = forms.ChoiceField(label=_("category"), choices=CommitmentCategory.choices)


class InitiativeForm(forms.Form):
    slug = forms.SlugField(label=_("identifier"), max_length=80)
    title = LanguageMapFormField(label=_("title"))
    lead = InstitutionChoice(label=_("lead"), queryset=Institution.objects.all())
    partners = InstitutionChoices(
        label=_("partners"), queryset=Institution.objects.all(), required=False
    )
    commitments = forms.ModelMultipleChoiceField(
        label=_("commitments"),
        queryset=Commitment.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    status = forms.ChoiceField(
        label=_("status"), choices=Initiative.Status.choices, initial=Initiative.Status.PLANNED
    )
    start = forms.DateField(
        label=_("start"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("end"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, commitments: QuerySet[Commitment], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["commitments"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = commitments


class IndicatorForm(forms.Form):
    slug = forms.SlugField(label=_("identifier"), max_length=80)
    metric = LanguageMapFormField(label=_("metric"))
    unit = LanguageMapFormField(label=_("unit"))
    comparator = forms.ChoiceField(
        label=_("comparator"),
        choices=Indicator.Comparator.choices,
        initial=Indicator.Comparator.AT_LEAST,
    )
    baseline = forms.DecimalField(label=_("baseline"), required=False, decimal_places=2)
    target = forms.DecimalField(label=_("target"), required=False, decimal_places=2)
    period_start = forms.DateField(
        label=_("period from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    period_end = forms.DateField(
        label=_("deadline"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class MeasurementForm(forms.Form):
    indicator = forms.ModelChoiceField(label=_("indicator"), queryset=Indicator.objects.none())
    measured_on = forms.DateField(
        label=_("measured on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    value = forms.DecimalField(label=_("value"), decimal_places=2)
    qualifier = forms.ChoiceField(
        label=_("qualifier"),
        choices=Measurement.Qualifier.choices,
        initial=Measurement.Qualifier.EXACT,
    )
    evidence = LanguageMapFormField(label=_("evidence"), required=False, textarea=True)
    source_url = forms.URLField(label=_("evidence address"), required=False)

    def __init__(self, *args: Any, indicators: QuerySet[Indicator], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["indicator"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = indicators


class AgreementFilterForm(forms.Form):
    """The GET filters of the public agreement list."""

    party = forms.ChoiceField(label=_("party"), required=False)
    year = forms.TypedChoiceField(label=_("year"), required=False, coerce=int, empty_value=None)
    kind = forms.ChoiceField(
        label=_("kind"), required=False, choices=[("", _("all")), *Agreement.Kind.choices]
    )
    category = forms.ChoiceField(
        label=_("category"),
        required=False,
        choices=[("", _("all")), *CommitmentCategory.choices],
    )
    status = forms.ChoiceField(
        label=_("status"), required=False, choices=[("", _("all")), *Agreement.Status.choices]
    )

    def __init__(
        self, *args: Any, institutions: list[Institution], years: list[int], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        party = self.fields["party"]
        assert isinstance(party, forms.ChoiceField)
        party.choices = [("", _("all")), *((i.slug, i.display_name) for i in institutions)]
        year = self.fields["year"]
        assert isinstance(year, forms.ChoiceField)
        year.choices = [("", _("all")), *((y, str(y)) for y in years)]
