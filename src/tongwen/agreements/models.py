"""Agreements, what they commit to, the initiatives that deliver, and how that is measured."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from tongwen.common import langmap
from tongwen.common.dates import DatePrecision, YearStatus
from tongwen.common.fields import LanguageMapField
from tongwen.institutions.models import Appointment, Institution, Person

NON_NEGATIVE = [MinValueValidator(Decimal(0))]


def _best(value: langmap.LanguageMap) -> str:
    return langmap.best(value, get_language() or "zh-Hans")


class CommitmentCategory(models.TextChoices):
    """One controlled vocabulary for every cooperation area the source agreements name."""

    RESOURCE_SHARING = "resource_sharing", _("resource sharing")
    CLASSICS_PUBLISHING = "classics_publishing", _("innovative publishing of classics")
    CULTURAL_CREATIVE_IP = (
        "cultural_creative_ip",
        _("cultural & creative products and IP licensing"),
    )
    RESEARCH_STUDY_COURSES = "research_study_courses", _("research and study courses")
    CULTURAL_SPACES = "cultural_spaces", _("cultural spaces")
    CONVERGENCE_MEDIA_TECH = "convergence_media_tech", _("convergence media and new technology")
    EXHIBITIONS = "exhibitions", _("exhibitions")
    SCIENCE_POPULARISATION = "science_popularisation", _("science popularisation activities")
    ACADEMIC_EXCHANGE_TALENT = "academic_exchange_talent", _("academic exchange and talent")
    DIGITAL_RESOURCES_IT = "digital_resources_it", _("digital resources and IT")
    MEDIA_PROMOTION = "media_promotion", _("media promotion")
    INTERNATIONAL_COMMUNICATION = "international_communication", _("international communication")
    EVENTS_FORUMS = "events_forums", _("events and forums")
    TRADE_CHANNELS_FUNDRAISING = "trade_channels_fundraising", _("trade channels and fundraising")
    CULTURE_TOURISM = "culture_tourism", _("culture-tourism integration")


class Agreement(models.Model):
    class Kind(models.TextChoices):
        STRATEGIC_COOPERATION = (
            "strategic_cooperation_agreement",
            _("strategic cooperation agreement"),
        )
        FRAMEWORK = "framework_agreement", _("framework agreement")
        MOU = "memorandum_of_understanding", _("memorandum of understanding")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SIGNED = "signed", _("signed")
        IN_FORCE = "in_force", _("in force")
        EXPIRED = "expired", _("expired")
        TERMINATED = "terminated", _("terminated")

    slug = models.SlugField(_("identifier"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices)
    title = LanguageMapField(_("title"), max_value_length=500)
    summary = LanguageMapField(_("summary"), blank=True)
    notes = LanguageMapField(_("notes"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    # The signing date as the source gives it: the year may be unstated or inferred.
    signed_year = models.PositiveSmallIntegerField(_("year signed"), null=True, blank=True)
    signed_month = models.PositiveSmallIntegerField(
        _("month signed"), null=True, blank=True, validators=[MaxValueValidator(12)]
    )
    signed_day = models.PositiveSmallIntegerField(
        _("day signed"), null=True, blank=True, validators=[MaxValueValidator(31)]
    )
    signed_year_status = models.CharField(
        _("year"), max_length=10, choices=YearStatus.choices, default=YearStatus.STATED
    )
    signed_year_reason = LanguageMapField(_("why this year"), blank=True)
    venue = LanguageMapField(_("venue"), blank=True, max_value_length=300)
    term_start = models.DateField(_("term from"), null=True, blank=True)
    term_end = models.DateField(_("term until"), null=True, blank=True)
    parties = models.ManyToManyField(
        Institution, through="AgreementParty", related_name="agreements", verbose_name=_("parties")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-signed_year", "-signed_month", "-signed_day", "slug"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")

    def __str__(self) -> str:
        return _best(self.title)

    @property
    def is_published(self) -> bool:
        return self.status != self.Status.DRAFT

    @property
    def signed_on(self) -> dt.date | None:
        if self.signed_year and self.signed_month and self.signed_day:
            return dt.date(self.signed_year, self.signed_month, self.signed_day)
        return None


class AgreementParty(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="party_links")
    institution = models.ForeignKey(Institution, on_delete=models.PROTECT, related_name="+")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "institution"], name="party_once")
        ]

    def __str__(self) -> str:
        return str(self.institution)


class CeremonyRole(models.TextChoices):
    SIGNED = "signed", _("signed")
    PRESIDED = "presided", _("presided")
    SPOKE = "spoke", _("spoke")
    ATTENDED = "attended", _("attended")
    WITNESSED = "witnessed", _("witnessed")
    QUOTED = "quoted", _("quoted in the report")


class CeremonyParticipant(models.Model):
    """A person at the signing, in one role, with the titles the source gives them there."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="participants")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="ceremonies")
    role = models.CharField(_("role"), max_length=20, choices=CeremonyRole.choices)
    appointments = models.ManyToManyField(
        Appointment, blank=True, related_name="+", verbose_name=_("titles held")
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "person", "role"], name="participant_once")
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"


class SourceDocument(models.Model):
    """Where the facts of an agreement come from: provenance, kept with the text."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="sources")
    title = models.CharField(_("title"), max_length=500)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    published_on = models.DateField(_("published"), null=True, blank=True)
    url = models.URLField(_("address"), blank=True, max_length=1000)
    text = models.TextField(_("text"), blank=True, max_length=200_000)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title


class Commitment(models.Model):
    """One enumerated area of cooperation ("First... Second...")."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="commitments")
    number = models.PositiveSmallIntegerField(_("number"))
    text = LanguageMapField(_("text"))
    category = models.CharField(_("category"), max_length=40, choices=CommitmentCategory.choices)

    class Meta:
        ordering = ["agreement", "number"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "number"], name="commitment_number_once")
        ]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")

    def __str__(self) -> str:
        return f"{self.number}. {self.get_category_display()}"


class Initiative(models.Model):
    """A project that delivers one or more commitments."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        ACTIVE = "active", _("active")
        COMPLETED = "completed", _("completed")
        SUSPENDED = "suspended", _("suspended")
        CANCELLED = "cancelled", _("cancelled")
        UNKNOWN = "unknown", _("not reported")

    slug = models.SlugField(_("identifier"), max_length=80, unique=True)
    title = LanguageMapField(_("title"), max_value_length=500)
    description = LanguageMapField(_("description"), blank=True)
    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="initiatives", verbose_name=_("agreement")
    )
    commitments = models.ManyToManyField(
        Commitment, blank=True, related_name="initiatives", verbose_name=_("commitments")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    start = models.DateField(_("start"), null=True, blank=True)
    start_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    end = models.DateField(_("end"), null=True, blank=True)
    end_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    places = models.JSONField(_("places (GB/T 2260)"), default=list, blank=True)
    institutions = models.ManyToManyField(
        Institution, through="InitiativeInstitution", related_name="initiatives"
    )

    class Meta:
        ordering = ["agreement", "start", "slug"]
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")

    def __str__(self) -> str:
        return _best(self.title)


class InitiativeInstitution(models.Model):
    class Role(models.TextChoices):
        LEAD = "lead", _("lead")
        PARTNER = "partner", _("partner")

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="institution_links"
    )
    institution = models.ForeignKey(Institution, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)

    class Meta:
        ordering = ["role", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "institution"], name="initiative_institution_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.institution} ({self.role})"


class Indicator(models.Model):
    """A countable target. Progress and on-track/at-risk are derived (see ``progress``)."""

    class Comparator(models.TextChoices):
        AT_LEAST = "at_least", _("at least")
        AT_MOST = "at_most", _("at most")
        EXACTLY = "exactly", _("exactly")

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="indicators")
    slug = models.SlugField(_("identifier"), max_length=80)
    metric = LanguageMapField(_("metric"), max_value_length=300)
    unit = LanguageMapField(_("unit"), max_value_length=100)
    comparator = models.CharField(
        _("comparator"), max_length=10, choices=Comparator.choices, default=Comparator.AT_LEAST
    )
    baseline = models.DecimalField(
        _("baseline"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        validators=NON_NEGATIVE,
    )
    target = models.DecimalField(
        _("target"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        validators=NON_NEGATIVE,
    )
    target_evidence = LanguageMapField(_("where the target comes from"), blank=True)
    period_label = LanguageMapField(_("period"), blank=True, max_value_length=200)
    period_start = models.DateField(_("period from"), null=True, blank=True)
    period_end = models.DateField(_("deadline"), null=True, blank=True)

    class Meta:
        ordering = ["initiative", "id"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "slug"], name="indicator_slug_once")
        ]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return _best(self.metric)


class Measurement(models.Model):
    class Qualifier(models.TextChoices):
        EXACT = "exact", _("exactly")
        MORE_THAN = "more_than", _("more than")
        AT_LEAST = "at_least", _("at least")
        APPROXIMATELY = "approximately", _("approximately")

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="measurements")
    measured_on = models.DateField(_("measured on"))
    precision = models.CharField(
        _("precision"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    value = models.DecimalField(
        _("value"), max_digits=16, decimal_places=2, validators=NON_NEGATIVE
    )
    qualifier = models.CharField(
        _("qualifier"), max_length=15, choices=Qualifier.choices, default=Qualifier.EXACT
    )
    evidence = LanguageMapField(_("evidence"), blank=True)
    note = LanguageMapField(_("note"), blank=True)
    source_url = models.URLField(_("evidence address"), blank=True, max_length=1000)

    class Meta:
        ordering = ["indicator", "measured_on", "id"]
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")

    def __str__(self) -> str:
        return f"{self.value} @ {self.measured_on}"
