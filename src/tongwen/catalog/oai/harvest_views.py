"""Workspace pages for harvesting partners' repositories: the sources of the user's
institutions with their runs, registering and editing a source, and "harvest now" (which
runs in a background thread; the page reloads itself to show progress)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from tongwen.accounts.selectors import member_institution_ids
from tongwen.agreements.forms import InstitutionChoice, LanguageMapFormField
from tongwen.agreements.views import apply_validation_error
from tongwen.catalog import permissions, selectors
from tongwen.catalog.models import HarvestRun, HarvestSource, Rights
from tongwen.catalog.oai import harvester
from tongwen.catalog.oai.client import split_credentials
from tongwen.common import history
from tongwen.common.actors import require
from tongwen.institutions.models import Institution

#: Seconds between reloads of a page that shows a running harvest.
REFRESH_SECONDS = 3


class HarvestSourceForm(forms.Form):
    institution = InstitutionChoice(
        label=gettext_lazy("default holding institution"),
        queryset=Institution.objects.none(),
        help_text=gettext_lazy(
            "Records land here unless they name a holder Tongwen knows (by identifier or name)."
        ),
    )
    slug = forms.SlugField(
        label=gettext_lazy("identifier"),
        max_length=80,
        help_text=gettext_lazy(
            "Letters, digits and hyphens; it prefixes the records' identifiers."
        ),
    )
    name = LanguageMapFormField(label=gettext_lazy("name"))
    base_url = forms.CharField(
        label=gettext_lazy("base URL"),
        max_length=500,
        help_text=gettext_lazy(
            "The repository's OAI-PMH address. For HTTP Basic authentication write "
            "https://user:password@host/path; the password is never shown again."
        ),
    )
    metadata_prefix = forms.CharField(
        label=gettext_lazy("metadata prefix"), max_length=50, initial="oai_dc"
    )
    set_spec = forms.CharField(
        label=gettext_lazy("set"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("Leave empty to harvest the whole repository."),
    )
    mapping = forms.ChoiceField(
        label=gettext_lazy("mapping"),
        choices=HarvestSource.Mapping.choices,
        initial=HarvestSource.Mapping.OAI_DC,
    )
    default_rights = forms.ChoiceField(
        label=gettext_lazy("rights when the record gives none"),
        choices=Rights.choices,
        initial=Rights.CNE,
    )

    def __init__(self, *args: Any, user: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        institutions = Institution.objects.all()
        if not getattr(user, "is_superuser", False):
            institutions = institutions.filter(pk__in=member_institution_ids(user, editing=True))
        field = self.fields["institution"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = institutions
        if not self.is_bound and "institution" not in self.initial:
            only = list(institutions[:2])
            if len(only) == 1:  # the usual case: an editor of one institution
                self.initial["institution"] = only[0]
        if editing:
            del self.fields["slug"]


def _display_url(source: HarvestSource) -> str:
    return split_credentials(source.base_url)[0]


def _source_or_404(request: HttpRequest, slug: str) -> HarvestSource:
    try:
        return selectors.harvest_source_list(user=request.user).get(slug=slug)
    except HarvestSource.DoesNotExist:
        raise Http404 from None


def _run_view(run: HarvestRun | None) -> dict[str, Any] | None:
    if run is None:
        return None
    percent = None
    if run.complete_list_size:
        percent = (
            100 if run.status == "succeeded" else min(100, run.seen * 100 // run.complete_list_size)
        )
    return {"run": run, "percent": percent}


def _can_manage(request: HttpRequest, source: HarvestSource) -> bool:
    return permissions.can_manage_harvesting(request.user, source.institution_id)


@login_required
def source_list(request: HttpRequest) -> HttpResponse:
    rows: list[dict[str, Any]] = []
    for source in selectors.harvest_source_list(user=request.user):
        runs = selectors.harvest_runs(source=source, limit=1)
        rows.append(
            {
                "source": source,
                "url": _display_url(source),
                "last": _run_view(runs[0] if runs else None),
                "can_manage": _can_manage(request, source),
            }
        )
    running = any(r["last"] and r["last"]["run"].status == "running" for r in rows)
    return render(
        request,
        "catalog/harvest_list.html",
        {
            "rows": rows,
            "can_create": request.user.is_superuser
            or bool(member_institution_ids(request.user, editing=True)),
            "refresh": REFRESH_SECONDS if running else None,
        },
    )


@login_required
def source_detail(request: HttpRequest, slug: str) -> HttpResponse:
    source = _source_or_404(request, slug)
    runs = [_run_view(run) for run in selectors.harvest_runs(source=source, limit=20)]
    running = bool(runs) and runs[0] is not None and runs[0]["run"].status == "running"
    return render(
        request,
        "catalog/harvest_detail.html",
        {
            "source": source,
            "url": _display_url(source),
            "runs": runs,
            "latest": runs[0] if runs else None,
            "can_manage": _can_manage(request, source),
            "refresh": REFRESH_SECONDS if running else None,
            "history": [
                {"record": record, "fields": sorted(record.changes)}
                for record in history.history_for(source)[:50]
            ],
        },
    )


def _submit(
    request: HttpRequest, form: HarvestSourceForm, call: Any, context: dict[str, Any]
) -> HttpResponse:
    if form.is_valid():
        try:
            source = call(form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            return redirect(reverse("harvest:detail", args=[source.slug]))
    return render(request, "catalog/harvest_form.html", {**context, "form": form}, status=400)


@login_required
def source_create(request: HttpRequest) -> HttpResponse:
    require(request.user.is_superuser or bool(member_institution_ids(request.user, editing=True)))
    context = {"creating": True}
    if request.method != "POST":
        form = HarvestSourceForm(user=request.user)
        return render(request, "catalog/harvest_form.html", {**context, "form": form})

    def call(data: dict[str, Any]) -> HarvestSource:
        return harvester.harvest_source_create(actor=request.user, **data)

    return _submit(request, HarvestSourceForm(request.POST, user=request.user), call, context)


def _keep_credentials(current: str, edited: str) -> str:
    """The form never shows the stored password; a URL given without one keeps it."""
    _kept, credentials = split_credentials(current)
    _url, given = split_credentials(edited)
    if credentials is None or given is not None:
        return edited
    scheme, _sep, rest = edited.partition("://")
    return f"{scheme}://{current.partition('://')[2].partition('@')[0]}@{rest}"


@login_required
def source_edit(request: HttpRequest, slug: str) -> HttpResponse:
    source = _source_or_404(request, slug)
    require(_can_manage(request, source))
    context = {"creating": False, "source": source}
    if request.method != "POST":
        initial = {
            "institution": source.institution,
            "name": source.name,
            "base_url": _display_url(source),
            "metadata_prefix": source.metadata_prefix,
            "set_spec": source.set_spec,
            "mapping": source.mapping,
            "default_rights": source.default_rights,
        }
        form = HarvestSourceForm(initial=initial, user=request.user, editing=True)
        return render(request, "catalog/harvest_form.html", {**context, "form": form})

    def call(data: dict[str, Any]) -> HarvestSource:
        data = {**data, "base_url": _keep_credentials(source.base_url, data["base_url"])}
        return harvester.harvest_source_update(actor=request.user, source=source, **data)

    form = HarvestSourceForm(request.POST, user=request.user, editing=True)
    return _submit(request, form, call, context)


@login_required
@require_POST
def source_harvest(request: HttpRequest, slug: str) -> HttpResponse:
    source = _source_or_404(request, slug)
    require(_can_manage(request, source))
    try:
        harvester.harvest_in_background(actor=request.user, source=source)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Harvest of %(source)s started. This page shows its progress.") % {"source": source},
        )
    return redirect(reverse("harvest:detail", args=[source.slug]))
