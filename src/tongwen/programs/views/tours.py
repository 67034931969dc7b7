"""Pages of tours and venues: the public tour page (progress, timeline per kit, map), the
organiser's planning workspace, the venue list and the venue CSV import."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from tongwen.common import divisions, langmap
from tongwen.common.actors import require
from tongwen.programs import permissions
from tongwen.programs.models import Tour, TourStop, Venue
from tongwen.programs.planning import mapsvg
from tongwen.programs.selectors import tours as selectors
from tongwen.programs.services import tours as services
from tongwen.programs.services import venues as venue_services
from tongwen.programs.views.events import reader_language


def _tour_or_404(slug: str) -> Tour:
    try:
        return selectors.tour_get(slug=slug)
    except Tour.DoesNotExist:
        raise Http404 from None


def _province_choices() -> list[tuple[str, str]]:
    codes = sorted({c.code[:2] for c in venue_services.county_registry()})
    choices = [("", _("All provinces"))]
    for code in codes:
        division = divisions.lookup(code + "0000")
        choices.append((code, division.name if division else code))
    return choices


class VenueFilterForm(forms.Form):
    province = forms.ChoiceField(label=gettext_lazy("Province"), required=False)
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), required=False)
    q = forms.CharField(label=gettext_lazy("Search"), required=False, max_length=100)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["province"].choices = _province_choices()  # type: ignore[attr-defined]
        self.fields["kind"].choices = [("", _("All kinds")), *Venue.Kind.choices]  # type: ignore[attr-defined]


class VenueImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV file"),
        help_text=gettext_lazy(
            "Columns: slug, name_zh, name_en, kind, division_code, latitude, longitude, "
            "capacity, address. Coordinates left empty come from the division."
        ),
    )
    valid_rows_only = forms.BooleanField(
        label=gettext_lazy("Save the valid rows even if others have problems"), required=False
    )


class PlanForm(forms.Form):
    time_limit = forms.IntegerField(
        label=gettext_lazy("Time limit (seconds)"), min_value=1, max_value=600, initial=20
    )


class CandidateForm(forms.Form):
    venue = forms.SlugField(label=gettext_lazy("Venue identifier"))
    available_from = forms.DateField(label=gettext_lazy("Available from"), required=False)
    available_until = forms.DateField(label=gettext_lazy("Available until"), required=False)


# Timeline ----------------------------------------------------------------------------------


def stop_state(stop: TourStop) -> str:
    if stop.status == TourStop.Status.HELD:
        return "held"
    if stop.locked:
        return "locked"
    if stop.pinned:
        return "pinned"
    return "planned"


def timeline(tour: Tour, stops: list[TourStop], language: str) -> dict[str, Any]:
    """One row per kit, each stop a bar placed by its dates (percentages of the span)."""
    first = min([tour.starts_on, *(s.starts_on for s in stops)])
    last = max([tour.ends_on, *(s.ends_on for s in stops)])
    span = max(1, (last - first).days + 1)

    def at(day: dt.date) -> float:
        return round(100 * (day - first).days / span, 3)

    rows = []
    for kit in range(1, tour.kits + 1):
        bars = []
        for stop in (s for s in stops if s.kit == kit):
            bars.append(
                {
                    "left": at(stop.starts_on),
                    "width": max(
                        0.25, round(100 * ((stop.ends_on - stop.starts_on).days + 1) / span, 3)
                    ),
                    "state": stop_state(stop),
                    "label": langmap.best(stop.venue.name, language),
                    "stop": stop,
                }
            )
        rows.append({"kit": kit, "bars": bars})
    years = [
        {"year": year, "left": at(max(first, dt.date(year, 1, 1)))}
        for year in range(first.year, last.year + 1)
    ]
    return {"rows": rows, "years": years}


def tour_map(tour: Tour, stops: list[TourStop], language: str, title: str) -> Any:
    progress = selectors.tour_progress(tour)
    dots = []
    for stop in stops:
        venue = stop.venue
        if venue.latitude is None or venue.longitude is None:
            continue
        dots.append(
            mapsvg.MapDot(
                float(venue.latitude),
                float(venue.longitude),
                langmap.best(venue.name, language),
                stop_state(stop) if stop_state(stop) == "held" else "planned",
            )
        )
    held = {s.venue.province_code for s in stops if s.status == TourStop.Status.HELD}
    planned = {s.venue.province_code for s in stops} | progress.provinces_planned
    return mapsvg.china_map(held_provinces=held, planned_provinces=planned, dots=dots, title=title)


# Public pages ------------------------------------------------------------------------------


def tour_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "programs/tours/tour_list.html", {"tours": selectors.tour_list(user=request.user)}
    )


def tour_detail(request: HttpRequest, slug: str) -> HttpResponse:
    tour = _tour_or_404(slug)
    language = reader_language(request)
    stops = list(selectors.tour_stops(tour=tour))
    progress = selectors.tour_progress(tour)
    return render(
        request,
        "programs/tours/tour_detail.html",
        {
            "tour": tour,
            "stops": stops,
            "progress": progress,
            "timeline": timeline(tour, stops, language),
            "map": tour_map(tour, stops, language, _("Map of the tour's venues and provinces")),
            "runs": list(selectors.plan_runs(tour=tour)[:5]),
            "can_plan": permissions.can_plan_tour(request.user, tour),
        },
    )


# Workspace ---------------------------------------------------------------------------------


def _workspace_url(tour: Tour) -> str:
    return reverse("tours:workspace", args=[tour.slug])


@login_required
def tour_workspace(request: HttpRequest, slug: str) -> HttpResponse:
    tour = _tour_or_404(slug)
    require(permissions.can_plan_tour(request.user, tour))
    stops = list(selectors.tour_stops(tour=tour))
    return render(
        request,
        "programs/tours/workspace.html",
        {
            "tour": tour,
            "stops": stops,
            "candidates": list(selectors.tour_candidates(tour=tour)[:1000]),
            "runs": list(selectors.plan_runs(tour=tour)[:20]),
            "plan_form": PlanForm(),
            "candidate_form": CandidateForm(),
            "issues": services.tour_check(tour),
            "kits": range(1, tour.kits + 1),
        },
    )


@login_required
@require_POST
def tour_plan(request: HttpRequest, slug: str) -> HttpResponse:
    tour = _tour_or_404(slug)
    require(permissions.can_plan_tour(request.user, tour))
    form = PlanForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a time limit between 1 and 600 seconds."))
        return redirect(_workspace_url(tour))
    run = services.tour_plan(
        actor=request.user, tour=tour, time_limit=form.cleaned_data["time_limit"]
    )
    if run.goals_met:
        messages.success(
            request,
            ngettext(
                "Planned %(count)d stop; every goal is met.",
                "Planned %(count)d stops; every goal is met.",
                run.stops_planned,
            )
            % {"count": run.stops_planned},
        )
    else:
        messages.warning(
            request,
            ngettext(
                "Planned %(count)d stop; some goals are not met.",
                "Planned %(count)d stops; some goals are not met.",
                run.stops_planned,
            )
            % {"count": run.stops_planned},
        )
    return redirect(_workspace_url(tour))


@login_required
@require_POST
def stop_action(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    tour = _tour_or_404(slug)
    require(permissions.can_plan_tour(request.user, tour))
    try:
        stop = selectors.tour_stop_get(tour=tour, pk=pk)
    except TourStop.DoesNotExist:
        raise Http404 from None
    action = request.POST.get("action", "")
    actions = {
        "pin": lambda: services.stop_pin(actor=request.user, stop=stop, pinned=True),
        "unpin": lambda: services.stop_pin(actor=request.user, stop=stop, pinned=False),
        "lock": lambda: services.stop_lock(actor=request.user, stop=stop, locked=True),
        "unlock": lambda: services.stop_lock(actor=request.user, stop=stop, locked=False),
        "held": lambda: services.stop_mark_held(actor=request.user, stop=stop),
        "delete": lambda: services.stop_delete(actor=request.user, stop=stop),
    }
    if action not in actions:
        return HttpResponseBadRequest(
            _("“%(action)s” is not something a stop can do.") % {"action": action[:40]}
        )
    try:
        actions[action]()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(_workspace_url(tour))


@login_required
@require_POST
def stops_reorder(request: HttpRequest, slug: str) -> HttpResponse:
    tour = _tour_or_404(slug)
    require(permissions.can_plan_tour(request.user, tour))
    try:
        kit = int(request.POST.get("kit", ""))
        order = [
            int(part) for part in request.POST.get("order", "").replace(" ", "").split(",") if part
        ]
        services.stops_reorder(actor=request.user, tour=tour, kit=kit, stop_ids=order)
    except ValueError:
        messages.error(request, _("Give the kit and the stops' numbers separated by commas."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(_workspace_url(tour))


@login_required
@require_POST
def candidate_edit(request: HttpRequest, slug: str) -> HttpResponse:
    tour = _tour_or_404(slug)
    require(permissions.can_plan_tour(request.user, tour))
    form = CandidateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Check the candidate's identifier and dates."))
        return redirect(_workspace_url(tour))
    try:
        venue = selectors.venue_get(user=request.user, slug=form.cleaned_data["venue"])
    except Venue.DoesNotExist:
        messages.error(request, _("No venue has this identifier."))
        return redirect(_workspace_url(tour))
    try:
        services.candidate_update(
            actor=request.user,
            tour=tour,
            venue=venue,
            available_from=form.cleaned_data["available_from"],
            available_until=form.cleaned_data["available_until"],
            remove=request.POST.get("action") == "remove",
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(_workspace_url(tour))


# Venues ------------------------------------------------------------------------------------


def venue_list(request: HttpRequest) -> HttpResponse:
    form = VenueFilterForm(request.GET or None)
    filters: dict[str, Any] = {}
    if form.is_bound and form.is_valid():
        filters = {
            "division_prefix": form.cleaned_data["province"] or None,
            "kind": form.cleaned_data["kind"] or None,
            "q": form.cleaned_data["q"] or None,
        }
    venues = selectors.venue_list(user=request.user, **filters)
    page = Paginator(venues, 100).get_page(request.GET.get("page"))
    return render(
        request,
        "programs/venues/venue_list.html",
        {
            "form": form,
            "page": page,
            "venues": page.object_list,
            "can_import": request.user.is_authenticated
            and permissions.can_edit_registry(request.user),
            "query": request.GET.urlencode() if request.GET else "",
        },
    )


@login_required
def venue_import(request: HttpRequest) -> HttpResponse:
    require(permissions.can_edit_registry(request.user))
    report = None
    status = 200
    if request.method == "POST":
        form = VenueImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            report = venue_services.venues_import_csv(
                actor=request.user,
                file=upload,
                valid_rows_only=form.cleaned_data["valid_rows_only"],
                filename=upload.name or "venues.csv",
            )
            if report.problems and not report.saved:
                status = 400
        else:
            status = 400
    else:
        form = VenueImportForm()
    return render(
        request,
        "programs/venues/venue_import.html",
        {"form": form, "report": report},
        status=status,
    )


def venue_import_template(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(venue_services.template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="venues-template.csv"'
    return response
