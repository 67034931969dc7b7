from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from tongwen.common import divisions, langmap
from tongwen.common.fields import LanguageMapField


class Institution(models.Model):
    class Kind(models.TextChoices):
        LIBRARY = "library", _("library")
        MUSEUM = "museum", _("museum")
        SCIENCE_MUSEUM = "science_museum", _("science museum")
        PUBLISHER = "publisher", _("publisher")
        NEWS_MEDIA = "news_media", _("news media")
        SOCIETY = "society", _("society or association")
        GOVERNMENT_BODY = "government_body", _("government body")
        COMPANY = "company", _("company")
        UNIVERSITY = "university", _("university")
        RESEARCH_INSTITUTE = "research_institute", _("research institute")
        OTHER = "other", _("other")

    class ParentRelation(models.TextChoices):
        AFFILIATED = "affiliated", _("affiliated to")
        PART_OF = "part_of", _("part of")

    slug = models.SlugField(_("identifier"), max_length=80, unique=True)
    name = LanguageMapField(_("name"), max_value_length=300)
    alt_names = models.JSONField(_("other names"), default=list, blank=True)
    abbreviations = models.JSONField(_("abbreviations"), default=list, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="affiliates",
    )
    parent_relation = models.CharField(
        _("relation to parent"), max_length=20, choices=ParentRelation.choices, blank=True
    )
    division_code = models.CharField(
        _("administrative division (GB/T 2260)"),
        max_length=6,
        blank=True,
        validators=[divisions.validate_code],
    )
    website = models.URLField(_("website"), blank=True)
    description = LanguageMapField(_("description"), blank=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return langmap.best(self.name, get_language() or "zh-Hans")

    @property
    def division(self) -> divisions.Division | None:
        return divisions.lookup(self.division_code) if self.division_code else None


class Person(models.Model):
    slug = models.SlugField(_("identifier"), max_length=80, unique=True)
    name = LanguageMapField(_("name"), max_value_length=200)
    note = LanguageMapField(_("note"), blank=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return langmap.best(self.name, get_language() or "zh-Hans")


class Appointment(models.Model):
    """A title a person holds at an institution, over a span of time when known."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="appointments")
    # Blank when the source gives a title without saying at which organisation.
    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="appointments", null=True, blank=True
    )
    title = LanguageMapField(_("title"), max_value_length=300)
    start = models.DateField(_("from"), null=True, blank=True)
    end = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        ordering = ["person", "institution", "id"]
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")

    def __str__(self) -> str:
        title = langmap.best(self.title, get_language() or "zh-Hans")
        return ", ".join(str(part) for part in (self.person, title, self.institution) if part)
