"""Public pages of events: the list, an event with its sign-up form, a registrant's own page
(reached through the unguessable link sent to them), and the organisers' check-in page."""

from __future__ import annotations

from typing import Any

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tongwen.agreements import selectors as agreement_selectors
from tongwen.common import langmap
from tongwen.common.actors import require
from tongwen.programs import permissions
from tongwen.programs.forms import EventFilterForm, SignUpForm
from tongwen.programs.models import Event, Registration
from tongwen.programs.selectors import events as selectors
from tongwen.programs.services import registration as registration_services


def reader_language(request: HttpRequest) -> str:
    """The content language tag for the reader: Django's codes are lower case."""
    return "zh-Hans" if (getattr(request, "LANGUAGE_CODE", "") or "").startswith("zh") else "en"


def registration_path(registration: Registration) -> str:
    return reverse("programs:registration", args=[registration.token])


def check_in_path(registration: Registration) -> str:
    return reverse("programs:check-in", args=[registration.token])


def registration_notify(*, link: str, registration: Registration) -> None:
    """Mail the registrant their link, in the language of the page they signed up on."""
    event = registration.event
    title = langmap.best(event.title, "zh-Hans" if _zh() else "en")
    if registration.status == Registration.Status.CONFIRMED:
        subject = _("Your place at “%(title)s” is confirmed") % {"title": title}
    else:
        subject = _("You are on the waiting list for “%(title)s”") % {"title": title}
    body = _(
        "Hello %(name)s,\n\n"
        "Thank you for signing up for “%(title)s”.\n"
        "Your registration, with its status and a way to cancel it, is here:\n%(link)s\n\n"
        "Keep this link to yourself: anyone who has it can cancel your place.\n"
    ) % {"name": registration.name, "title": title, "link": link}
    send_mail(subject, body, None, [registration.email])


def _zh() -> bool:
    from django.utils.translation import get_language

    return (get_language() or "").startswith("zh")


def _session_rows(event: Event) -> list[dict[str, Any]]:
    per_session = event.booking == Event.Booking.PER_SESSION
    return [
        {
            "session": session,
            "availability": selectors.availability(event=event, session=session)
            if per_session
            else None,
        }
        for session in event.sessions.all()
    ]


def _event_or_404(request: HttpRequest, slug: str) -> Event:
    try:
        return selectors.event_get(user=request.user, slug=slug)
    except Event.DoesNotExist:
        raise Http404 from None


def event_list(request: HttpRequest) -> HttpResponse:
    organisers = selectors.organiser_list()
    initiatives = (
        agreement_selectors.initiative_list(user=request.user)
        .filter(events__isnull=False)
        .distinct()
    )
    form = EventFilterForm(request.GET or None, organisers=organisers, initiatives=initiatives)
    filters: dict[str, Any] = {}
    if form.is_bound and form.is_valid():
        filters = {key: value for key, value in form.cleaned_data.items() if value}
    events = selectors.event_list(user=request.user, **filters)
    page = Paginator(events, 30).get_page(request.GET.get("page"))
    initiative = filters.get("initiative")
    return render(
        request,
        "programs/events/event_list.html",
        {
            "form": form,
            "page": page,
            "events": page.object_list,
            "filtered": bool(filters),
            "initiative": initiative,
            # What an initiative's programs drew: visitors counted plus people checked in.
            "person_times": selectors.person_times(events=events) if initiative else None,
        },
    )


def _registration_state(event: Event) -> dict[str, Any]:
    """Whether the sign-up form is offered, and why not when it is not."""
    now = timezone.now()
    if event.booking == Event.Booking.NONE:
        return {"open": False, "reason": ""}
    if event.status != Event.Status.PUBLISHED:
        return {"open": False, "reason": _("Registration is closed.")}
    if event.registration_opens and now < event.registration_opens:
        return {"open": False, "reason": _("Registration has not opened yet.")}
    if event.registration_closes and now >= event.registration_closes:
        return {"open": False, "reason": _("Registration is closed.")}
    return {"open": True, "reason": ""}


def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event_or_404(request, slug)
    form = SignUpForm(event=event)
    return _render_event(request, event, form)


def _render_event(
    request: HttpRequest, event: Event, form: SignUpForm, status: int = 200
) -> HttpResponse:
    language = reader_language(request)
    venue = event.venue
    division = venue.division if venue is not None else None
    whole = selectors.availability(event=event) if event.booking == Event.Booking.WHOLE else None
    return render(
        request,
        "programs/events/event_detail.html",
        {
            "event": event,
            "title": langmap.best(event.title, language),
            "title_tag": langmap.best_tag(event.title, language),
            "description": langmap.best(event.description, language),
            "description_tag": langmap.best_tag(event.description, language),
            "division_label": langmap.best(division.label, language) if division else "",
            "sessions": _session_rows(event),
            "availability": whole,
            "registration": _registration_state(event),
            "form": form,
            "can_manage": permissions.can_manage_event(request.user, event),
        },
        status=status,
    )


@require_POST
def event_register(request: HttpRequest, slug: str) -> HttpResponse:
    """The sign-up form's target: a place, or the waiting list, or the form again with why."""
    event = _event_or_404(request, slug)
    form = SignUpForm(request.POST, event=event)
    if form.is_valid():
        data = form.cleaned_data
        try:
            registration = registration_services.registration_create(
                event=event,
                name=data["name"],
                email=data["email"],
                phone=data.get("phone") or "",
                session=data.get("session"),
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            link = request.build_absolute_uri(registration_path(registration))
            # robust: a mail server that is down must not turn a place already taken into an
            # error page; the failure is logged.
            transaction.on_commit(
                lambda: registration_notify(link=link, registration=registration), robust=True
            )
            return redirect(registration_path(registration))
    return _render_event(request, event, form, status=400)


def apply_validation_error(form: Any, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: on its field when the form has one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _registration_or_404(token: str) -> Registration:
    try:
        return selectors.registration_by_token(token=token)
    except Registration.DoesNotExist:
        raise Http404 from None


def qr_svg(url: str) -> str:
    """The QR code of ``url`` as inline SVG (no file, no external request)."""
    return segno.make(url, error="m").svg_inline(scale=5, title=url)


def registration_detail(request: HttpRequest, token: str) -> HttpResponse:
    registration = _registration_or_404(token)
    event = registration.event
    language = reader_language(request)
    context: dict[str, Any] = {
        "registration": registration,
        "event": event,
        "title": langmap.best(event.title, language),
        "position": selectors.waitlist_position(registration=registration),
        "sessions": list(event.sessions.all())
        if registration.session_id is None
        else [registration.session],
    }
    if registration.status == Registration.Status.CONFIRMED:
        check_in_url = request.build_absolute_uri(check_in_path(registration))
        context["check_in_url"] = check_in_url
        context["qr"] = mark_safe(qr_svg(check_in_url))
    return render(request, "programs/events/registration_detail.html", context)


@require_POST
def registration_cancel(request: HttpRequest, token: str) -> HttpResponse:
    registration = _registration_or_404(token)
    if registration.status != Registration.Status.CANCELLED:
        try:
            registration_services.registration_cancel(token=token)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
    return redirect(registration_path(registration))


@login_required
def check_in(request: HttpRequest, token: str) -> HttpResponse:
    """What an organiser sees on scanning a registrant's QR code; POST checks them in."""
    registration = _registration_or_404(token)
    require(permissions.can_manage_event(request.user, registration.event))
    error = ""
    if request.method == "POST":
        try:
            registration = registration_services.registration_check_in(
                actor=request.user, token=token
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            return redirect(check_in_path(registration))
    event = registration.event
    return render(
        request,
        "programs/events/check_in.html",
        {
            "registration": registration,
            "event": event,
            "title": langmap.best(event.title, reader_language(request)),
            "error": error,
        },
        status=400 if error else 200,
    )
