"""Forms of the programs pages. They only collect input; the services validate and write."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tongwen.agreements.forms import InstitutionChoice, InstitutionChoices, LanguageMapFormField
from tongwen.agreements.models import Indicator, Initiative
from tongwen.institutions.models import Institution
from tongwen.programs.models import Event, IndicatorFeed, Session, Venue

WHEN_CHOICES = (
    ("", pgettext_lazy("events filter", "any time")),
    ("upcoming", _("upcoming")),
    ("past", _("past")),
)


class EventFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("kind"),
        required=False,
        choices=[("", pgettext_lazy("events filter", "any kind")), *Event.Kind.choices],
    )
    organiser = forms.ModelChoiceField(
        label=_("organiser"),
        required=False,
        queryset=Institution.objects.none(),
        to_field_name="slug",
        empty_label=pgettext_lazy("events filter", "any organiser"),
    )
    initiative = forms.ModelChoiceField(
        label=_("initiative"),
        required=False,
        queryset=Initiative.objects.none(),
        to_field_name="slug",
        empty_label=pgettext_lazy("events filter", "any initiative"),
    )
    when = forms.ChoiceField(label=_("when"), required=False, choices=WHEN_CHOICES)

    def __init__(
        self, *args: Any, organisers: Any = None, initiatives: Any = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if organisers is not None:
            self.fields["organiser"].queryset = organisers  # type: ignore[attr-defined]
        if initiatives is not None:
            self.fields["initiative"].queryset = initiatives  # type: ignore[attr-defined]


class SessionChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Session) -> str:  # type: ignore[override]
        from django.utils import timezone
        from django.utils.translation import get_language

        from tongwen.common import langmap

        start = timezone.localtime(obj.starts_at)
        language = "zh-Hans" if (get_language() or "").startswith("zh") else "en"
        title = langmap.best(obj.title, language)
        text = f"{start:%Y-%m-%d %H:%M}"
        return f"{text} · {title}" if title else text


class SignUpForm(forms.Form):
    """A place at an event: who is coming and, for a series, which session."""

    name = forms.CharField(label=_("your name"), max_length=200)
    email = forms.EmailField(label=_("email"), max_length=254)
    phone = forms.CharField(label=_("phone (optional)"), max_length=40, required=False)
    session = SessionChoice(label=_("session"), queryset=Session.objects.none(), required=False)

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if event.booking == Event.Booking.PER_SESSION:
            field = self.fields["session"]
            field.queryset = event.sessions.all()  # type: ignore[attr-defined]
            field.required = True
            field.empty_label = None  # type: ignore[attr-defined]
        else:
            del self.fields["session"]


SCHEDULE_CHOICES = (
    ("single", _("a single session")),
    ("series", _("a weekly (or regular) series")),
    ("course", _("a course of several classes")),
)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


# A month: the longest session the forms accept.
MAX_SESSION_MINUTES = 60 * 24 * 31


def _parse_course_lines(text: str) -> list[dict[str, Any]]:
    """One class per line: ``2026-07-01 09:30, 90, title`` (start, minutes, optional title)."""
    from django.utils import timezone

    rows: list[dict[str, Any]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        parts = [part.strip() for part in line.split(",", 2)]
        try:
            start = dt.datetime.fromisoformat(parts[0].replace(" ", "T", 1))
            minutes = int(parts[1]) if len(parts) > 1 else 0
        except ValueError:
            raise ValidationError(
                _("Line %(number)s: write “YYYY-MM-DD HH:MM, minutes, title”."),
                code="invalid",
                params={"number": number},
            ) from None
        if minutes <= 0:
            raise ValidationError(
                _("Line %(number)s: the length in minutes must be more than 0."),
                code="invalid",
                params={"number": number},
            )
        if minutes > MAX_SESSION_MINUTES:
            raise ValidationError(
                _("Line %(number)s: a class cannot last more than %(limit)s minutes."),
                code="max_value",
                params={"number": number, "limit": MAX_SESSION_MINUTES},
            )
        try:
            if timezone.is_naive(start):
                start = timezone.make_aware(start)
            ends = start + dt.timedelta(minutes=minutes)
        except (OverflowError, ValueError):
            raise ValidationError(
                _("Line %(number)s: write “YYYY-MM-DD HH:MM, minutes, title”."),
                code="invalid",
                params={"number": number},
            ) from None
        row: dict[str, Any] = {"starts_at": start, "ends_at": ends}
        if len(parts) > 2 and parts[2]:
            row["title"] = {"zh-Hans" if _has_han(parts[2]) else "en": parts[2]}
        rows.append(row)
    return rows


def _has_han(text: str) -> bool:
    return any("\u4e00" <= char <= "\u9fff" for char in text)


class EventForm(forms.Form):
    """An event's own fields; on creation also its schedule."""

    slug = forms.SlugField(
        label=_("identifier"),
        max_length=80,
        help_text=_("Letters, digits and hyphens; part of the event's address."),
    )
    kind = forms.ChoiceField(label=_("kind"), choices=Event.Kind.choices)
    title = LanguageMapFormField(label=_("title"))
    description = LanguageMapFormField(label=_("description"), required=False, textarea=True)
    organiser = InstitutionChoice(label=_("organiser"), queryset=Institution.objects.none())
    partners = InstitutionChoices(
        label=_("partners"),
        queryset=Institution.objects.all(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    initiatives = forms.ModelMultipleChoiceField(
        label=_("initiatives"),
        queryset=Initiative.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    venue = forms.ModelChoiceField(
        label=pgettext_lazy("programs", "venue"),
        queryset=Venue.objects.none(),
        required=False,
        help_text=_("Leave empty for an online event."),
    )
    online_url = forms.URLField(
        label=_("livestream or online link"),
        required=False,
        assume_scheme="https",
        help_text=_("Shown embedded on the event page."),
    )
    audience = forms.ChoiceField(label=_("audience"), choices=Event.Audience.choices)
    booking = forms.ChoiceField(label=_("registration"), choices=Event.Booking.choices)
    capacity = forms.IntegerField(
        label=_("capacity"),
        min_value=1,
        max_value=10**8,
        required=False,
        help_text=_("Places per booking unit: the whole event, or each session. Empty: no limit."),
    )
    waitlist = forms.BooleanField(label=_("waiting list when full"), required=False, initial=True)
    registration_opens = forms.DateTimeField(
        label=_("registration opens"), required=False, widget=DateTimeInput()
    )
    registration_closes = forms.DateTimeField(
        label=_("registration closes"), required=False, widget=DateTimeInput()
    )
    # The schedule, on creation only.
    schedule = forms.ChoiceField(label=_("schedule"), choices=SCHEDULE_CHOICES, initial="single")
    first_start = forms.DateTimeField(
        label=_("first session starts"), required=False, widget=DateTimeInput()
    )
    duration_minutes = forms.IntegerField(
        label=_("length of a session (minutes)"),
        min_value=1,
        max_value=MAX_SESSION_MINUTES,
        required=False,
        initial=90,
    )
    every_days = forms.IntegerField(
        label=_("series: days between sessions"),
        min_value=1,
        max_value=366,
        required=False,
        initial=7,
    )
    count = forms.IntegerField(
        label=_("series: number of sessions"), min_value=1, max_value=200, required=False
    )
    course_sessions = forms.CharField(
        label=_("course: one class per line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "“YYYY-MM-DD HH:MM, minutes, title”, for example “2026-07-01 09:30, 90, Stars”."
        ),
    )

    SCHEDULE_FIELDS = (
        "schedule",
        "first_start",
        "duration_minutes",
        "every_days",
        "count",
        "course_sessions",
    )

    def __init__(
        self,
        *args: Any,
        organisers: Any,
        venues: Any,
        initiatives: Any,
        editing: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organiser"].queryset = organisers  # type: ignore[attr-defined]
        self.fields["venue"].queryset = venues  # type: ignore[attr-defined]
        self.fields["initiatives"].queryset = initiatives  # type: ignore[attr-defined]
        if editing:
            for name in ("slug", "organiser", *self.SCHEDULE_FIELDS):
                del self.fields[name]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if "schedule" not in self.fields:
            return cleaned
        schedule = cleaned.get("schedule")
        if schedule == "course":
            try:
                sessions = _parse_course_lines(cleaned.get("course_sessions") or "")
            except ValidationError as error:
                self.add_error("course_sessions", error)
                return cleaned
            if not sessions:
                self.add_error("course_sessions", _("List at least one class."))
            cleaned["sessions"] = sessions
            return cleaned
        if not cleaned.get("first_start"):
            self.add_error("first_start", _("Give the date and time of the first session."))
        if not cleaned.get("duration_minutes"):
            self.add_error("duration_minutes", _("Give the length of a session."))
        if schedule == "series" and not cleaned.get("count"):
            self.add_error("count", _("Give the number of sessions of the series."))
        return cleaned

    @classmethod
    def initial_for(cls, event: Event) -> dict[str, Any]:
        names = (
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
        initial = {name: getattr(event, name) for name in names}
        initial["partners"] = list(event.partners.all())
        initial["initiatives"] = list(event.initiatives.all())
        return initial


class SessionForm(forms.Form):
    starts_at = forms.DateTimeField(label=_("starts"), widget=DateTimeInput())
    duration_minutes = forms.IntegerField(
        label=_("length (minutes)"), min_value=1, max_value=MAX_SESSION_MINUTES, initial=90
    )
    title = LanguageMapFormField(label=_("title"), required=False)


class VisitorCountForm(forms.Form):
    day = forms.DateField(label=_("day"), widget=forms.DateInput(attrs={"type": "date"}))
    visitors = forms.IntegerField(label=_("visitors"), min_value=0, max_value=10**8)
    note = forms.CharField(label=_("note"), max_length=300, required=False)


class IndicatorChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Indicator) -> str:  # type: ignore[override]
        from tongwen.common import langmap

        return f"{langmap.best(obj.initiative.title)} · {langmap.best(obj.metric)}"


class IndicatorFeedForm(forms.Form):
    indicator = IndicatorChoice(label=_("indicator"), queryset=Indicator.objects.none())
    metric = forms.ChoiceField(
        label=_("computed as"),
        choices=[
            (IndicatorFeed.Metric.PERSON_TIMES.value, IndicatorFeed.Metric.PERSON_TIMES.label)
        ],
    )
    events = forms.ModelMultipleChoiceField(
        label=_("events"),
        queryset=Event.objects.none(),
        required=False,
        help_text=_("Empty: every event of the indicator's initiative."),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    def __init__(self, *args: Any, indicators: Any, events: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = indicators  # type: ignore[attr-defined]
        self.fields["events"].queryset = events  # type: ignore[attr-defined]
