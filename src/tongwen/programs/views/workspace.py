"""The organisers' pages under /workspace/programs/: their events, schedules, registrations
(with CSV export and erasure), visitor counts, and indicators computed from attendance.

Every write is one service call; services check the permission again, so a form posted by
someone who may not is refused there too (PermissionDenied is a 403)."""

from __future__ import annotations

import csv
import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_POST

from tongwen.accounts.selectors import is_platform_admin, member_institution_ids
from tongwen.agreements import selectors as agreement_selectors
from tongwen.common import langmap
from tongwen.common.actors import require
from tongwen.institutions.models import Institution
from tongwen.programs import permissions
from tongwen.programs.forms import EventForm, IndicatorFeedForm, SessionForm, VisitorCountForm
from tongwen.programs.models import Event
from tongwen.programs.selectors import events as selectors
from tongwen.programs.services import attendance as attendance_services
from tongwen.programs.services import events as event_services
from tongwen.programs.services import registration as registration_services
from tongwen.programs.views.events import apply_validation_error, reader_language


def _organisers(user: Any) -> QuerySet[Institution]:
    if user.is_superuser or is_platform_admin(user):
        return Institution.objects.all()
    return Institution.objects.filter(id__in=member_institution_ids(user, editing=True))


def _managed_or_404(request: HttpRequest, slug: str) -> Event:
    try:
        event = selectors.event_get(user=request.user, slug=slug)
    except Event.DoesNotExist:
        raise Http404 from None
    require(permissions.can_manage_event(request.user, event))
    return event


def _venues(user: Any) -> Any:
    # Imported here: the venue registry is another module of the app, loaded on use.
    from tongwen.programs.selectors.tours import venue_list

    return venue_list(user=user)


def _event_form(request: HttpRequest, *args: Any, **kwargs: Any) -> EventForm:
    return EventForm(
        *args,
        organisers=_organisers(request.user),
        venues=_venues(request.user),
        initiatives=agreement_selectors.initiative_list(user=request.user),
        **kwargs,
    )


def _workspace_url(event: Event) -> str:
    return reverse("programs:workspace-event-edit", args=[event.slug])


@login_required
def my_events(request: HttpRequest) -> HttpResponse:
    events = selectors.managed_event_list(user=request.user)
    return render(
        request,
        "programs/workspace/my_events.html",
        {"events": events, "can_create": _organisers(request.user).exists()},
    )


def _sessions_from(data: dict[str, Any]) -> list[dict[str, Any]]:
    schedule = data["schedule"]
    if schedule == "course":
        return list(data["sessions"])
    duration = dt.timedelta(minutes=data["duration_minutes"])
    if schedule == "series":
        return event_services.recurring_sessions(
            first_start=data["first_start"],
            duration=duration,
            every_days=data["every_days"] or 7,
            count=data["count"],
        )
    return [{"starts_at": data["first_start"], "ends_at": data["first_start"] + duration}]


_EVENT_FIELDS = (
    "kind",
    "title",
    "description",
    "venue",
    "online_url",
    "audience",
    "booking",
    "capacity",
    "waitlist",
    "registration_opens",
    "registration_closes",
)


@login_required
def event_create(request: HttpRequest) -> HttpResponse:
    require(_organisers(request.user).exists())
    template = "programs/workspace/event_form.html"
    if request.method != "POST":
        return render(request, template, {"form": _event_form(request), "creating": True})
    form = _event_form(request, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            event = event_services.event_create(
                actor=request.user,
                slug=data["slug"],
                organiser=data["organiser"],
                partners=list(data["partners"]),
                initiatives=list(data["initiatives"]),
                sessions=_sessions_from(data),
                **{name: data[name] for name in _EVENT_FIELDS},
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The event was created as a draft."))
            return redirect(_workspace_url(event))
    return render(request, template, {"form": form, "creating": True}, status=400)


@login_required
def event_edit(request: HttpRequest, slug: str) -> HttpResponse:
    event = _managed_or_404(request, slug)
    template = "programs/workspace/event_form.html"
    context: dict[str, Any] = {
        "event": event,
        "session_form": SessionForm(),
        "sessions": list(event.sessions.all()),
    }
    if request.method != "POST":
        form = _event_form(request, initial=EventForm.initial_for(event), editing=True)
        return render(request, template, {**context, "form": form})
    form = _event_form(request, request.POST, editing=True)
    if form.is_valid():
        data = form.cleaned_data
        try:
            event_services.event_update(
                actor=request.user,
                event=event,
                partners=list(data["partners"]),
                initiatives=list(data["initiatives"]),
                **{name: data[name] for name in _EVENT_FIELDS},
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The event was saved."))
            return redirect(_workspace_url(event))
    return render(request, template, {**context, "form": form}, status=400)


@login_required
@require_POST
def event_status(request: HttpRequest, slug: str) -> HttpResponse:
    event = _managed_or_404(request, slug)
    status = request.POST.get("status", "")
    if status not in Event.Status.values:
        messages.error(request, _("Unknown status “%(status)s”.") % {"status": status})
    else:
        try:
            event_services.event_set_status(actor=request.user, event=event, status=status)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
    return redirect(_workspace_url(event))


@login_required
@require_POST
def session_add(request: HttpRequest, slug: str) -> HttpResponse:
    event = _managed_or_404(request, slug)
    form = SessionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            event_services.session_add(
                actor=request.user,
                event=event,
                starts_at=data["starts_at"],
                ends_at=data["starts_at"] + dt.timedelta(minutes=data["duration_minutes"]),
                title=data["title"] or None,
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
    else:
        for field, errors in form.errors.items():
            label = str(form.fields[field].label or "") if field in form.fields else ""
            for problem in errors:
                text = str(problem)
                messages.error(request, f"{label}: {text}" if label else text)
    return redirect(_workspace_url(event))


@login_required
@require_POST
def session_delete(request: HttpRequest, slug: str, session_id: int) -> HttpResponse:
    event = _managed_or_404(request, slug)
    session = event.sessions.filter(pk=session_id).first()
    if session is None:
        raise Http404
    try:
        event_services.session_delete(actor=request.user, session=session)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect(_workspace_url(event))


@login_required
def registrations(request: HttpRequest, slug: str) -> HttpResponse:
    event = _managed_or_404(request, slug)
    rows = selectors.registration_list(user=request.user, event=event)
    return render(
        request,
        "programs/workspace/registrations.html",
        {
            "event": event,
            "title": langmap.best(event.title, reader_language(request)),
            "registrations": rows,
            "availability": selectors.availability(event=event),
        },
    )


# Lazy: the header is translated into the language of the request that exports.
CSV_COLUMNS = (
    ("status", gettext_lazy("status")),
    ("name", pgettext_lazy("person", "name")),
    ("email", gettext_lazy("email")),
    ("phone", gettext_lazy("phone")),
    ("session", gettext_lazy("session")),
    ("registered", gettext_lazy("registered")),
    ("promoted", gettext_lazy("promoted from the waiting list")),
    ("cancelled", gettext_lazy("cancelled")),
    ("checked_in", gettext_lazy("checked in")),
    ("erased", gettext_lazy("personal data erased")),
)


def _when(value: dt.datetime | None) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def registrations_csv_rows(rows: Any) -> list[list[str]]:
    """The export's rows, header first; shared by the page and the API."""
    out = [[str(label) for _key, label in CSV_COLUMNS]]
    for r in rows:
        out.append(
            [
                str(r.get_status_display()),
                r.name,
                r.email,
                r.phone,
                _when(r.session.starts_at) if r.session_id else "",
                _when(r.created_at),
                _when(r.promoted_at),
                _when(r.cancelled_at),
                _when(r.checked_in_at),
                _when(r.erased_at),
            ]
        )
    return out


def csv_response(rows: list[list[str]], filename: str) -> HttpResponse:
    """UTF-8 with a byte-order mark, which Excel needs to read Chinese correctly."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerows(rows)
    return response


@login_required
def registrations_export(request: HttpRequest, slug: str) -> HttpResponse:
    event = _managed_or_404(request, slug)
    rows = selectors.registration_list(user=request.user, event=event)
    return csv_response(registrations_csv_rows(rows), f"registrations-{event.slug}.csv")


@login_required
@require_POST
def registration_erase(request: HttpRequest, slug: str, registration_id: int) -> HttpResponse:
    event = _managed_or_404(request, slug)
    registration = (
        selectors.registration_list(user=request.user, event=event)
        .filter(pk=registration_id)
        .first()
    )
    if registration is None:
        raise Http404
    registration_services.registration_erase(actor=request.user, registration=registration)
    messages.success(request, _("The registrant's personal data was erased."))
    return redirect(reverse("programs:workspace-registrations", args=[event.slug]))


@login_required
def visitor_counts(request: HttpRequest, slug: str) -> HttpResponse:
    event = _managed_or_404(request, slug)
    form = VisitorCountForm(request.POST or None, initial={"day": timezone.localdate()})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                attendance_services.visitor_count_record(
                    actor=request.user, event=event, **form.cleaned_data
                )
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, _("The visitor count was recorded."))
                return redirect(reverse("programs:workspace-visitors", args=[event.slug]))
        status = 400
    counts = list(selectors.visitor_count_list(user=request.user, event=event))
    return render(
        request,
        "programs/workspace/visitor_counts.html",
        {
            "event": event,
            "title": langmap.best(event.title, reader_language(request)),
            "form": form,
            "counts": counts,
            "person_times": selectors.person_times(events=[event]),
        },
        status=status,
    )


@login_required
def indicator_feeds(request: HttpRequest) -> HttpResponse:
    """Make an indicator computed from attendance of chosen events."""
    events = selectors.managed_event_list(user=request.user)
    organisers = _organisers(request.user)
    require(organisers.exists())
    indicators = (
        agreement_selectors.indicator_list(user=request.user)
        .filter(initiative__institution_links__institution__in=organisers)
        .select_related("initiative")
        .distinct()
    )
    form = IndicatorFeedForm(request.POST or None, indicators=indicators, events=events)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                attendance_services.indicator_feed_set(
                    actor=request.user,
                    indicator=data["indicator"],
                    metric=data["metric"],
                    events=list(data["events"]),
                )
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, _("The indicator is now computed from attendance."))
                return redirect(reverse("programs:workspace-feeds"))
        status = 400
    feeds = selectors.indicator_feed_list(indicators=indicators)
    return render(
        request,
        "programs/workspace/indicator_feeds.html",
        {"form": form, "feeds": feeds},
        status=status,
    )
