"""Pages of agreements and initiatives: public reading and the staff forms that write."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from tongwen.accounts.selectors import member_institution_ids
from tongwen.agreements import permissions, selectors, services
from tongwen.agreements.forms import (
    FORM_LANGUAGES,
    AgreementFilterForm,
    AgreementForm,
    CommitmentForm,
    IndicatorForm,
    InitiativeForm,
    MeasurementForm,
)
from tongwen.agreements.models import Agreement, CeremonyRole, Indicator, Initiative
from tongwen.agreements.progress import indicator_progress
from tongwen.common import divisions, history, langmap
from tongwen.common.actors import require
from tongwen.institutions.selectors import institution_list


def apply_validation_error(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ``ValidationError`` on the form: by field where the form has it."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _submit(
    request: HttpRequest,
    form: forms.Form,
    call: Callable[[dict[str, Any]], Model],
    template: str,
    context: dict[str, Any],
    success: Callable[[Model], str],
) -> HttpResponse:
    """Validate ``form``, hand its data to a service and redirect, or re-render with 400."""
    if form.is_valid():
        try:
            obj = call(form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            return redirect(success(obj))
    return render(request, template, {**context, "form": form}, status=400)


def _agreement_or_404(request: HttpRequest, slug: str) -> Agreement:
    try:
        return selectors.agreement_get(user=request.user, slug=slug)
    except Agreement.DoesNotExist:
        raise Http404 from None


def _initiative_or_404(request: HttpRequest, slug: str) -> Initiative:
    try:
        return selectors.initiative_get(user=request.user, slug=slug)
    except Initiative.DoesNotExist:
        raise Http404 from None


def _indicator_rows(initiative: Initiative, today: dt.date) -> list[dict[str, Any]]:
    rows = []
    for indicator in initiative.indicators.all():
        measurements = list(indicator.measurements.all())
        rows.append(
            {
                "indicator": indicator,
                "measurements": measurements,
                "progress": indicator_progress(indicator, measurements, today=today),
            }
        )
    return rows


def _history_rows(target: Model) -> list[dict[str, Any]]:
    return [
        {"record": record, "fields": sorted(record.changes)}
        for record in history.history_for(target)[:100]
    ]


def agreement_list(request: HttpRequest) -> HttpResponse:
    form = AgreementFilterForm(
        request.GET or None,
        institutions=list(institution_list()),
        years=selectors.agreement_years(user=request.user),
    )
    filters: dict[str, Any] = {}
    if form.is_bound and form.is_valid():
        filters = {key: value for key, value in form.cleaned_data.items() if value}
    agreements = selectors.agreement_list(user=request.user, **filters)
    page = Paginator(agreements, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "agreements/agreement_list.html",
        {"form": form, "page": page, "agreements": page.object_list, "filtered": bool(filters)},
    )


def agreement_detail(request: HttpRequest, slug: str) -> HttpResponse:
    agreement = _agreement_or_404(request, slug)
    today = dt.date.today()
    participants_by_role = []
    participants = list(agreement.participants.all())
    for role, label in CeremonyRole.choices:
        people = [p for p in participants if p.role == role]
        if people:
            participants_by_role.append({"role": role, "label": label, "people": people})
    initiatives = [
        {"initiative": initiative, "indicators": _indicator_rows(initiative, today)}
        for initiative in agreement.initiatives.all()
    ]
    return render(
        request,
        "agreements/agreement_detail.html",
        {
            "agreement": agreement,
            "participants_by_role": participants_by_role,
            "initiatives": initiatives,
            "history": _history_rows(agreement),
            "can_edit": permissions.can_edit_agreement(request.user, agreement),
        },
    )


def initiative_detail(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = _initiative_or_404(request, slug)
    language = "zh-Hans" if (request.LANGUAGE_CODE or "").startswith("zh") else "en"
    rows = _indicator_rows(initiative, dt.date.today())
    chart = [
        {
            "id": row["indicator"].pk,
            "label": langmap.best(row["indicator"].metric, language),
            "unit": langmap.best(row["indicator"].unit, language),
            "target": float(row["indicator"].target)
            if row["indicator"].target is not None
            else None,
            "points": [
                {"x": m.measured_on.isoformat(), "y": float(m.value)}
                for m in sorted(row["measurements"], key=lambda m: (m.measured_on, m.pk))
            ],
        }
        for row in rows
        if row["measurements"]
    ]
    links = list(initiative.institution_links.all())
    places = []
    for code in initiative.places:
        division = divisions.lookup(str(code))
        places.append({"code": code, "label": division.label if division else {"und": code}})
    return render(
        request,
        "agreements/initiative_detail.html",
        {
            "initiative": initiative,
            "lead": [link.institution for link in links if link.role == "lead"],
            "partners": [link.institution for link in links if link.role == "partner"],
            "places": places,
            "indicators": rows,
            "chart": chart,
            "history": _history_rows(initiative),
            "can_edit": permissions.can_edit_initiative(request.user, initiative),
        },
    )


def _derive_slug(data: dict[str, Any]) -> str:
    title = data["title"]
    base = data.get("slug") or slugify(
        title.get("en") or langmap.to_pinyin(langmap.best(title)), allow_unicode=False
    )
    return base[:80] or "agreement"


def _agreement_url(agreement: Any) -> str:
    return reverse("agreements:detail", args=[agreement.slug])


def _initiative_url(obj: Any) -> str:
    initiative = obj if isinstance(obj, Initiative) else obj.initiative
    return reverse("agreements:initiative", args=[initiative.slug])


@login_required
def agreement_create(request: HttpRequest) -> HttpResponse:
    require(request.user.is_superuser or bool(member_institution_ids(request.user, editing=True)))
    template = "agreements/agreement_form.html"
    if request.method != "POST":
        return render(request, template, {"form": AgreementForm(), "creating": True})

    def call(data: dict[str, Any]) -> Agreement:
        return services.agreement_create(
            actor=request.user,
            slug=_derive_slug(data),
            kind=data["kind"],
            title=data["title"],
            parties=list(data["parties"]),
            status=data["status"],
            signed_year=data["signed_year"],
            signed_month=data["signed_month"],
            signed_day=data["signed_day"],
            signed_year_status=data["signed_year_status"],
            signed_year_reason=data["signed_year_reason"],
            venue=data["venue"],
            summary=data["summary"],
        )

    return _submit(
        request, AgreementForm(request.POST), call, template, {"creating": True}, _agreement_url
    )


def _keep_other_languages(
    current: langmap.LanguageMap, edited: langmap.LanguageMap
) -> langmap.LanguageMap:
    """The form edits Chinese and English only; values in other languages stay as they were.
    Pinyin is left out so that it is derived again from the edited Chinese."""
    shown = {tag for tag, _label in FORM_LANGUAGES} | {langmap.PINYIN_TAG}
    return {**{tag: v for tag, v in (current or {}).items() if tag not in shown}, **edited}


def _form_context(heading: str, subject: Any, cancel_url: str) -> dict[str, Any]:
    """What the shared record form shows: its heading, the record it hangs off, a way back."""
    return {"heading": heading, "subject": subject, "cancel_url": cancel_url}


@login_required
def agreement_edit(request: HttpRequest, slug: str) -> HttpResponse:
    agreement = _agreement_or_404(request, slug)
    require(permissions.can_edit_agreement(request.user, agreement))
    template = "agreements/agreement_form.html"
    context = {"agreement": agreement, "creating": False}
    if request.method != "POST":
        form = AgreementForm(initial=AgreementForm.initial_for(agreement), editing=True)
        return render(request, template, {**context, "form": form})

    def call(data: dict[str, Any]) -> Agreement:
        fields = {name: value for name, value in data.items() if name != "parties"}
        for name, value in fields.items():
            if isinstance(value, dict):
                fields[name] = _keep_other_languages(getattr(agreement, name), value)
        return services.agreement_update(
            actor=request.user, agreement=agreement, parties=list(data["parties"]), **fields
        )

    form = AgreementForm(request.POST, editing=True)
    return _submit(request, form, call, template, context, _agreement_url)


@login_required
def commitment_create(request: HttpRequest, slug: str) -> HttpResponse:
    agreement = _agreement_or_404(request, slug)
    require(permissions.can_edit_agreement(request.user, agreement))
    template = "agreements/record_form.html"
    context = _form_context(_("Add commitment"), agreement.title, _agreement_url(agreement))
    if request.method != "POST":
        return render(request, template, {**context, "form": CommitmentForm()})

    def call(data: dict[str, Any]) -> Any:
        return services.commitment_create(
            actor=request.user, agreement=agreement, text=data["text"], category=data["category"]
        )

    return _submit(
        request,
        CommitmentForm(request.POST),
        call,
        template,
        context,
        lambda _obj: _agreement_url(agreement),
    )


@login_required
def initiative_create(request: HttpRequest, slug: str) -> HttpResponse:
    agreement = _agreement_or_404(request, slug)
    require(permissions.can_create_initiative(request.user, agreement))
    template = "agreements/record_form.html"
    context = _form_context(_("New initiative"), agreement.title, _agreement_url(agreement))
    commitments = agreement.commitments.all()
    if request.method != "POST":
        form = InitiativeForm(commitments=commitments)
        return render(request, template, {**context, "form": form})

    def call(data: dict[str, Any]) -> Initiative:
        return services.initiative_create(
            actor=request.user,
            agreement=agreement,
            slug=data["slug"],
            title=data["title"],
            lead=[data["lead"]],
            partners=list(data["partners"]),
            commitments=list(data["commitments"]),
            status=data["status"],
            start=data["start"],
            end=data["end"],
        )

    form = InitiativeForm(request.POST, commitments=commitments)
    return _submit(request, form, call, template, context, _initiative_url)


@login_required
def indicator_create(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = _initiative_or_404(request, slug)
    require(permissions.can_edit_initiative(request.user, initiative))
    template = "agreements/record_form.html"
    context = _form_context(_("Add indicator"), initiative.title, _initiative_url(initiative))
    if request.method != "POST":
        return render(request, template, {**context, "form": IndicatorForm()})

    def call(data: dict[str, Any]) -> Indicator:
        return services.indicator_create(actor=request.user, initiative=initiative, **data)

    return _submit(request, IndicatorForm(request.POST), call, template, context, _initiative_url)


@login_required
def measurement_record(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = _initiative_or_404(request, slug)
    require(permissions.can_edit_initiative(request.user, initiative))
    template = "agreements/record_form.html"
    context = _form_context(_("Record measurement"), initiative.title, _initiative_url(initiative))
    indicators = selectors.indicator_list(user=request.user, initiative=initiative.slug)
    if request.method != "POST":
        initial = {"indicator": request.GET.get("indicator")}
        form = MeasurementForm(initial=initial, indicators=indicators)
        return render(request, template, {**context, "form": form})

    def call(data: dict[str, Any]) -> Any:
        return services.measurement_record(actor=request.user, **data)

    form = MeasurementForm(request.POST, indicators=indicators)
    return _submit(request, form, call, template, context, lambda _obj: _initiative_url(initiative))
