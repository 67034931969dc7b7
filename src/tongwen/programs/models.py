"""Programs: the exhibitions, tours, lectures, camps, courses, forums and livestreams that the
agreements promise, who signs up for them, who comes, and how a touring exhibition moves.

An :class:`Event` happens in one or more :class:`Session` s (a single lecture has one, a weekly
series one per week, a course one per class). Registration is per event for a course (booked as
one) and per session for a series. Attendance is counted two ways: walk-in visitors per event
and day (:class:`VisitorCount`), and check-ins of registrations. A :class:`Tour` sends K kits
(copies of an exhibition) round candidate venues; each stop is a :class:`TourStop`.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from tongwen.common import divisions, langmap
from tongwen.common.fields import LanguageMapField


def _best(value: langmap.LanguageMap) -> str:
    return langmap.best(value, get_language() or "zh-Hans")


def new_token() -> str:
    """An unguessable token for links sent to one registrant (cancel, check-in)."""
    return secrets.token_urlsafe(24)


class Venue(models.Model):
    """A place that hosts events: an institution's site, or a candidate county-level library."""

    class Kind(models.TextChoices):
        COUNTY_LIBRARY = "county_library", _("county-level public library")
        LIBRARY = "library", _("library")
        MUSEUM = "museum", _("museum")
        SCIENCE_MUSEUM = "science_museum", _("science museum")
        SCHOOL = "school", _("school or campus")
        COMMUNITY = "community", _("community centre")
        BOOKSHOP = "bookshop", _("bookshop or cultural space")
        OTHER = "other", pgettext_lazy("venue", "other")

    slug = models.SlugField(_("identifier"), max_length=80, unique=True)
    name = LanguageMapField(_("name"), max_value_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    institution = models.ForeignKey(
        "institutions.Institution",
        verbose_name=_("institution"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="venues",
    )
    division_code = models.CharField(
        _("administrative division (GB/T 2260)"),
        max_length=6,
        validators=[divisions.validate_code],
    )
    address = LanguageMapField(pgettext_lazy("postal", "address"), blank=True, max_value_length=300)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    is_sample = models.BooleanField(
        _("sample record"),
        default=False,
        help_text=_("Made up for demonstration, not a fact from a source."),
    )
    note = LanguageMapField(_("note"), blank=True)

    class Meta:
        ordering = ["division_code", "slug"]
        verbose_name = pgettext_lazy("programs", "venue")
        verbose_name_plural = _("venues")

    def __str__(self) -> str:
        return _best(self.name)

    @property
    def division(self) -> divisions.Division | None:
        return divisions.lookup(self.division_code) if self.division_code else None

    @property
    def province_code(self) -> str:
        return self.division_code[:2] + "0000"


class Event(models.Model):
    class Kind(models.TextChoices):
        EXHIBITION = "exhibition", _("exhibition")
        TOUR_STOP = "tour_stop", _("touring exhibition stop")
        LECTURE = "lecture", _("lecture")
        SUMMER_CAMP = "summer_camp", _("youth summer camp")
        STUDY_COURSE = "study_course", _("research and study course")
        SCIENCE_ACTIVITY = "science_activity", _("campus or community science activity")
        FORUM = "forum", _("forum")
        LIVESTREAM = "livestream", _("livestream")
        READING_PROMOTION = "reading_promotion", _("reading promotion")

    class Booking(models.TextChoices):
        NONE = "none", _("no registration")
        WHOLE = "whole", _("one booking for all sessions")
        PER_SESSION = "per_session", _("each session booked separately")

    class Audience(models.TextChoices):
        GENERAL = "general", _("general public")
        CHILDREN = "children", _("children")
        YOUTH = "youth", _("young people")
        STUDENTS = "students", _("students")
        FAMILIES = "families", _("families")
        PROFESSIONALS = "professionals", _("professionals")

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("event", "draft")
        PUBLISHED = "published", pgettext_lazy("event", "published")
        CANCELLED = "cancelled", pgettext_lazy("event", "cancelled")
        COMPLETED = "completed", pgettext_lazy("event", "completed")

    slug = models.SlugField(_("identifier"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = LanguageMapField(_("title"), max_value_length=300)
    description = LanguageMapField(_("description"), blank=True)
    organiser = models.ForeignKey(
        "institutions.Institution",
        verbose_name=_("organiser"),
        on_delete=models.PROTECT,
        related_name="organised_events",
    )
    partners = models.ManyToManyField(
        "institutions.Institution",
        verbose_name=_("partners"),
        blank=True,
        related_name="partnered_events",
    )
    initiatives = models.ManyToManyField(
        "agreements.Initiative", verbose_name=_("initiatives"), blank=True, related_name="events"
    )
    commitments = models.ManyToManyField(
        "agreements.Commitment", verbose_name=_("commitments"), blank=True, related_name="events"
    )
    venue = models.ForeignKey(
        Venue,
        verbose_name=pgettext_lazy("programs", "venue"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
    )
    online_url = models.URLField(
        _("livestream or online link"), blank=True, help_text=_("Shown embedded on the event page.")
    )
    audience = models.CharField(
        _("audience"), max_length=20, choices=Audience.choices, default=Audience.GENERAL
    )
    booking = models.CharField(
        _("registration"), max_length=20, choices=Booking.choices, default=Booking.NONE
    )
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        help_text=_("Places per booking unit: the whole event, or each session. Empty: no limit."),
    )
    waitlist = models.BooleanField(_("waiting list when full"), default=True)
    registration_opens = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes = models.DateTimeField(_("registration closes"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    tour = models.ForeignKey(
        "Tour",
        verbose_name=_("tour"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self) -> str:
        return _best(self.title)

    @property
    def is_online(self) -> bool:
        return self.venue_id is None and bool(self.online_url)


class Session(models.Model):
    """One sitting of an event: a date and time, optionally its own title (a course's class)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    title = LanguageMapField(_("title"), blank=True, max_value_length=300)

    class Meta:
        ordering = ["event", "starts_at", "id"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="session_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.event} · {self.starts_at:%Y-%m-%d %H:%M}"


class Registration(models.Model):
    """One person's place at an event (``session`` empty) or at one session of a series.

    Personal data (name, email, phone) is seen by the organiser's staff only and is blanked by
    :func:`tongwen.programs.services.registration_erase`; the row stays so counts stay true.
    """

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("confirmed")
        WAITLISTED = "waitlisted", _("on the waiting list")
        CANCELLED = "cancelled", pgettext_lazy("registration", "cancelled")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    session = models.ForeignKey(
        Session, null=True, blank=True, on_delete=models.CASCADE, related_name="registrations"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    promoted_at = models.DateTimeField(_("promoted from the waiting list"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    erased_at = models.DateTimeField(_("personal data erased"), null=True, blank=True)

    class Meta:
        ordering = ["event", "created_at", "id"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        indexes = [models.Index(fields=["event", "session", "status"])]

    def __str__(self) -> str:
        return f"{self.event} · {self.get_status_display()}"


class VisitorCount(models.Model):
    """Walk-in visitors counted at an event on one day (an exhibition counts every day)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="visitor_counts")
    day = models.DateField(_("day"))
    visitors = models.PositiveIntegerField(_("visitors"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now=True)

    class Meta:
        ordering = ["event", "day"]
        verbose_name = _("visitor count")
        verbose_name_plural = _("visitor counts")
        constraints = [
            models.UniqueConstraint(fields=["event", "day"], name="visitor_count_once_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.event} · {self.day:%Y-%m-%d} · {self.visitors}"


class IndicatorFeed(models.Model):
    """An indicator whose measurements are computed from programs, not typed in.

    Person-times: visitor counts plus check-ins of ``events`` (or of every event of the
    indicator's initiative when ``events`` is empty). Venues and provinces: distinct venues and
    provinces of the held stops of ``tour``. Each change records a measurement for the day.
    """

    class Metric(models.TextChoices):
        PERSON_TIMES = "person_times", _("person-times (visitors and check-ins)")
        VENUES = "venues", _("venues where tour stops were held")
        PROVINCES = "provinces", _("provinces where tour stops were held")

    indicator = models.OneToOneField(
        "agreements.Indicator",
        verbose_name=_("indicator"),
        on_delete=models.CASCADE,
        related_name="programs_feed",
    )
    metric = models.CharField(_("computed as"), max_length=20, choices=Metric.choices)
    events = models.ManyToManyField(
        Event, verbose_name=_("events"), blank=True, related_name="indicator_feeds"
    )
    tour = models.ForeignKey(
        "Tour",
        verbose_name=_("tour"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="indicator_feeds",
    )

    class Meta:
        verbose_name = _("computed indicator")
        verbose_name_plural = _("computed indicators")

    def __str__(self) -> str:
        return f"{self.indicator} ← {self.get_metric_display()}"


class Tour(models.Model):
    """A touring exhibition: ``kits`` copies travel from venue to venue.

    A stop lasts ``stop_days``; moving a kit takes ``transfer_days`` plus the travel time the
    planner derives from distance. Coverage goals: at least ``min_venues`` venues over the tour's
    period and at least ``min_provinces_per_year`` provinces each calendar year.
    """

    slug = models.SlugField(_("identifier"), max_length=80, unique=True)
    title = LanguageMapField(_("title"), max_value_length=300)
    description = LanguageMapField(_("description"), blank=True)
    organiser = models.ForeignKey(
        "institutions.Institution",
        verbose_name=_("organiser"),
        on_delete=models.PROTECT,
        related_name="tours",
    )
    initiative = models.ForeignKey(
        "agreements.Initiative",
        verbose_name=_("initiative"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tours",
    )
    kits = models.PositiveSmallIntegerField(
        _("kits"), default=1, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    stop_days = models.PositiveSmallIntegerField(
        _("days per stop"), validators=[MinValueValidator(1)]
    )
    transfer_days = models.PositiveSmallIntegerField(_("days between stops"), default=0)
    starts_on = models.DateField(_("period from"))
    ends_on = models.DateField(_("period until"))
    min_venues = models.PositiveIntegerField(_("at least this many venues"), default=0)
    min_provinces_per_year = models.PositiveSmallIntegerField(
        _("at least this many provinces each year"), default=0
    )
    candidates = models.ManyToManyField(
        Venue, through="TourCandidate", related_name="candidate_for_tours", blank=True
    )

    class Meta:
        ordering = ["slug"]
        verbose_name = _("tour")
        verbose_name_plural = _("tours")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gt=models.F("starts_on")), name="tour_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return _best(self.title)


class TourCandidate(models.Model):
    """A venue that may host the tour, with the window in which it can (empty: any time)."""

    tour = models.ForeignKey(Tour, on_delete=models.CASCADE, related_name="candidate_links")
    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="tour_candidacies")
    available_from = models.DateField(_("available from"), null=True, blank=True)
    available_until = models.DateField(_("available until"), null=True, blank=True)

    class Meta:
        ordering = ["tour", "venue"]
        constraints = [
            models.UniqueConstraint(fields=["tour", "venue"], name="tour_candidate_once")
        ]

    def __str__(self) -> str:
        return f"{self.tour} · {self.venue}"


class TourStop(models.Model):
    """A kit at a venue for a period. Held stops are history; planned ones the solver may move
    unless staff pinned (fixed venue and kit) or locked (fixed dates too) them."""

    class Status(models.TextChoices):
        HELD = "held", _("held")
        PLANNED = "planned", _("planned")

    tour = models.ForeignKey(Tour, on_delete=models.CASCADE, related_name="stops")
    kit = models.PositiveSmallIntegerField(_("kit"), validators=[MinValueValidator(1)])
    sequence = models.PositiveIntegerField(_("order"))
    venue = models.ForeignKey(
        Venue,
        verbose_name=pgettext_lazy("programs", "venue"),
        on_delete=models.PROTECT,
        related_name="tour_stops",
    )
    starts_on = models.DateField(_("opens"))
    ends_on = models.DateField(_("closes"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    pinned = models.BooleanField(_("pinned"), default=False)
    locked = models.BooleanField(_("locked"), default=False)
    event = models.OneToOneField(
        Event,
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tour_stop",
    )

    class Meta:
        ordering = ["tour", "kit", "sequence"]
        verbose_name = _("tour stop")
        verbose_name_plural = _("tour stops")
        constraints = [
            models.UniqueConstraint(fields=["tour", "kit", "sequence"], name="tour_stop_order"),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="tour_stop_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tour} · {self.kit} · {self.venue}"


class PlanRun(models.Model):
    """One run of the planner: its inputs' size, the solver's outcome and the plan's figures."""

    tour = models.ForeignKey(Tour, on_delete=models.CASCADE, related_name="plan_runs")
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    seconds = models.FloatField(_("seconds"), default=0)
    time_limit = models.PositiveIntegerField(_("time limit (s)"))
    solver_status = models.CharField(_("solver status"), max_length=80, blank=True)
    total_km = models.FloatField(_("total distance (km)"), null=True, blank=True)
    stops_planned = models.PositiveIntegerField(_("stops planned"), default=0)
    goals_met = models.BooleanField(_("coverage goals met"), default=False)
    problems = models.JSONField(_("problems"), default=list, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("plan run")
        verbose_name_plural = _("plan runs")

    def __str__(self) -> str:
        return f"{self.tour} · {self.started_at:%Y-%m-%d %H:%M}"
