"""The shared collection: resources held by institutions, their images, who may use them,
and the partner repositories they are harvested from."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from tongwen.common import langmap
from tongwen.common.fields import LanguageMapField
from tongwen.institutions.models import Institution


class Rights(models.TextChoices):
    """One standard statement per resource: rightsstatements.org and Creative Commons URIs."""

    PDM = "https://creativecommons.org/publicdomain/mark/1.0/", _("Public Domain Mark 1.0")
    CC0 = "https://creativecommons.org/publicdomain/zero/1.0/", _("CC0 1.0 (no rights reserved)")
    CC_BY = "https://creativecommons.org/licenses/by/4.0/", _("CC BY 4.0")
    CC_BY_SA = "https://creativecommons.org/licenses/by-sa/4.0/", _("CC BY-SA 4.0")
    CC_BY_NC = "https://creativecommons.org/licenses/by-nc/4.0/", _("CC BY-NC 4.0")
    CC_BY_NC_SA = "https://creativecommons.org/licenses/by-nc-sa/4.0/", _("CC BY-NC-SA 4.0")
    CC_BY_ND = "https://creativecommons.org/licenses/by-nd/4.0/", _("CC BY-ND 4.0")
    CC_BY_NC_ND = "https://creativecommons.org/licenses/by-nc-nd/4.0/", _("CC BY-NC-ND 4.0")
    NOC_US = "http://rightsstatements.org/vocab/NoC-US/1.0/", _("No Copyright - United States")
    NOC_NC = (
        "http://rightsstatements.org/vocab/NoC-NC/1.0/",
        _("No Copyright - Non-Commercial Use Only"),
    )
    NOC_CR = (
        "http://rightsstatements.org/vocab/NoC-CR/1.0/",
        _("No Copyright - Contractual Restrictions"),
    )
    NOC_OKLR = (
        "http://rightsstatements.org/vocab/NoC-OKLR/1.0/",
        _("No Copyright - Other Known Legal Restrictions"),
    )
    INC = "http://rightsstatements.org/vocab/InC/1.0/", _("In Copyright")
    INC_EDU = (
        "http://rightsstatements.org/vocab/InC-EDU/1.0/",
        _("In Copyright - Educational Use Permitted"),
    )
    INC_NC = (
        "http://rightsstatements.org/vocab/InC-NC/1.0/",
        _("In Copyright - Non-Commercial Use Permitted"),
    )
    INC_OW_EU = (
        "http://rightsstatements.org/vocab/InC-OW-EU/1.0/",
        _("In Copyright - EU Orphan Work"),
    )
    INC_RUU = (
        "http://rightsstatements.org/vocab/InC-RUU/1.0/",
        _("In Copyright - Rights-holder(s) Unlocatable or Unidentifiable"),
    )
    CNE = "http://rightsstatements.org/vocab/CNE/1.0/", _("Copyright Not Evaluated")
    UND = "http://rightsstatements.org/vocab/UND/1.0/", _("Copyright Undetermined")
    NKC = "http://rightsstatements.org/vocab/NKC/1.0/", _("No Known Copyright")


#: Statements under which anyone may take the full-resolution image.
OPEN_RIGHTS = frozenset({Rights.PDM, Rights.CC0, Rights.CC_BY, Rights.CC_BY_SA, Rights.NOC_US})


class Resource(models.Model):
    """An object an institution holds and shares: a book, a rubbing, a painting, a film..."""

    class Kind(models.TextChoices):
        ANCIENT_BOOK = "ancient_book", _("ancient book")
        RUBBING = "rubbing", _("rubbing")
        MAP = "map", _("map")
        PAINTING_CALLIGRAPHY = "painting_calligraphy", _("painting and calligraphy")
        ARTEFACT = "artefact", _("artefact")
        PHOTOGRAPH = "photograph", _("photograph")
        SCIENCE_POPULARISATION = "science_popularisation", _("science-popularisation resource")
        AUDIO_VIDEO = "audio_video", _("audio/video")
        TEXT = "text", pgettext_lazy("resource kind", "text")
        PERIODICAL = "periodical", _("periodical")
        MANUSCRIPT_ARCHIVE = "manuscript_archive", _("manuscript or archive")
        OTHER = "other", _("other")

    class Edition(models.TextChoices):
        WOODBLOCK = "woodblock", _("woodblock print")
        MANUSCRIPT = "manuscript", _("manuscript")
        MOVABLE_TYPE = "movable_type", _("movable-type print")
        LITHOGRAPH = "lithograph", _("lithograph")
        RUBBING = "rubbing", _("rubbing")
        FACSIMILE = "facsimile", _("facsimile reprint")
        TYPESET = "typeset", _("modern typeset edition")
        ORIGINAL_WORK = "original_work", _("original work")
        BORN_DIGITAL = "born_digital", _("born digital")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("public")
        PARTNERS = "partners", pgettext_lazy("visibility", "partners")
        PRIVATE = "private", _("private")

    class ViewingDirection(models.TextChoices):
        LEFT_TO_RIGHT = "left-to-right", _("left to right")
        RIGHT_TO_LEFT = "right-to-left", _("right to left")
        TOP_TO_BOTTOM = "top-to-bottom", _("top to bottom")
        BOTTOM_TO_TOP = "bottom-to-top", _("bottom to top")

    slug = models.SlugField(_("identifier"), max_length=120, unique=True)
    holder = models.ForeignKey(
        Institution,
        verbose_name=_("holding institution"),
        on_delete=models.PROTECT,
        related_name="resources",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, db_index=True)
    # The title in its original script plus translations; pinyin is added by the service.
    title = LanguageMapField(_("title"), max_value_length=1000)
    alt_titles = models.JSONField(_("other titles"), default=list, blank=True)
    date_written = models.CharField(_("date as written"), max_length=200, blank=True)
    year_from = models.SmallIntegerField(_("from year"), null=True, blank=True, db_index=True)
    year_to = models.SmallIntegerField(_("to year"), null=True, blank=True)
    period = models.CharField(_("dynasty or period"), max_length=40, blank=True, db_index=True)
    edition = models.CharField(_("edition"), max_length=20, choices=Edition.choices, blank=True)
    edition_note = LanguageMapField(_("edition statement"), blank=True)
    extent_juan = models.PositiveIntegerField(_("juan (卷)"), null=True, blank=True)
    extent_volumes = models.PositiveIntegerField(_("volumes (册)"), null=True, blank=True)
    extent_pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    extent_note = LanguageMapField(_("extent"), blank=True)
    dimensions = models.CharField(_("dimensions"), max_length=200, blank=True)
    subjects = models.JSONField(_("subjects"), default=list, blank=True)
    # BCP 47 language tags of the content (lzh = classical Chinese) and ISO 15924 script codes.
    languages = models.JSONField(_("languages"), default=list, blank=True)
    script = models.CharField(_("script"), max_length=4, blank=True)
    call_number = models.CharField(_("call number"), max_length=120, blank=True)
    identifiers = models.JSONField(_("identifiers"), default=list, blank=True)
    description = LanguageMapField(_("description"), blank=True)
    rights = models.CharField(_("rights statement"), max_length=100, choices=Rights.choices)
    visibility = models.CharField(
        _("visibility"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
        db_index=True,
    )
    viewing_direction = models.CharField(
        _("viewing direction"),
        max_length=20,
        choices=ViewingDirection.choices,
        default=ViewingDirection.LEFT_TO_RIGHT,
    )
    agreements = models.ManyToManyField(
        "agreements.Agreement", verbose_name=_("agreements"), blank=True, related_name="resources"
    )
    initiatives = models.ManyToManyField(
        "agreements.Initiative",
        verbose_name=_("initiatives"),
        blank=True,
        related_name="resources",
    )
    # Set when the record came from a partner repository; the pair is the upsert key.
    harvest_source = models.ForeignKey(
        "HarvestSource",
        verbose_name=_("harvested from"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="resources",
    )
    origin_identifier = models.CharField(_("identifier at source"), max_length=300, blank=True)
    origin_datestamp = models.CharField(_("datestamp at source"), max_length=30, blank=True)
    origin_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # The OAI-PMH datestamp: every change, deletion included, moves it forward.
    modified_at = models.DateTimeField(_("modified"), db_index=True)
    # Deleted records stay as tombstones so OAI-PMH harvesters learn of the deletion.
    deleted_at = models.DateTimeField(_("deleted"), null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        constraints = [
            models.UniqueConstraint(
                fields=["harvest_source", "origin_identifier"],
                condition=models.Q(harvest_source__isnull=False),
                name="resource_unique_origin",
            ),
            models.CheckConstraint(
                condition=models.Q(year_from__isnull=True)
                | models.Q(year_to__isnull=True)
                | models.Q(year_from__lte=models.F("year_to")),
                name="resource_year_range_ordered",
            ),
        ]
        indexes = [models.Index(fields=["modified_at", "id"], name="resource_datestamp_idx")]

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        return langmap.best(self.title, get_language() or "zh-Hans")

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def is_open(self) -> bool:
        """Public with an open rights statement: anyone may take the full-resolution image."""
        return self.visibility == self.Visibility.PUBLIC and self.rights in OPEN_RIGHTS


class Creator(models.Model):
    """A person or body responsible for a resource, in a role, placed in a period."""

    class Role(models.TextChoices):
        AUTHOR = "author", _("author")
        COMPILER = "compiler", _("compiler")
        EDITOR = "editor", _("editor")
        COMMENTATOR = "commentator", _("commentator")
        TRANSLATOR = "translator", _("translator")
        ANNOTATOR = "annotator", _("annotator")
        CALLIGRAPHER = "calligrapher", _("calligrapher")
        PAINTER = "painter", _("painter")
        ENGRAVER = "engraver", _("engraver")
        PUBLISHER = "publisher", pgettext_lazy("creator role", "publisher")
        PHOTOGRAPHER = "photographer", _("photographer")
        MAKER = "maker", _("maker")
        CONTRIBUTOR = "contributor", _("contributor")

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="creators")
    order = models.PositiveSmallIntegerField(default=0)
    name = LanguageMapField(_("name"), max_value_length=300)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.AUTHOR)
    period = models.CharField(_("dynasty or period"), max_length=40, blank=True)
    person = models.ForeignKey(
        "institutions.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["resource", "order", "id"]
        verbose_name = _("creator")
        verbose_name_plural = _("creators")

    def __str__(self) -> str:
        return langmap.best(self.name, get_language() or "zh-Hans")


def _new_image_id() -> str:
    return uuid.uuid4().hex


class DigitalObject(models.Model):
    """One image of a resource, in reading order, stored under the data directory."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="images")
    order = models.PositiveIntegerField(_("position"), default=0)
    # The IIIF identifier: opaque, stable, URL-safe.
    iiif_id = models.CharField(
        _("image identifier"), max_length=100, unique=True, default=_new_image_id
    )
    label = LanguageMapField(_("label"), blank=True)
    # Path of the stored master, relative to the image store root.
    master = models.CharField(max_length=300, editable=False)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    media_type = models.CharField(_("uploaded type"), max_length=30)
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    byte_size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(max_length=64, db_index=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["resource", "order", "id"]
        verbose_name = _("digital object")
        verbose_name_plural = _("digital objects")

    def __str__(self) -> str:
        return f"{self.resource_id}#{self.order} ({self.iiif_id})"


class SharingGrant(models.Model):
    """Institution A lets institution B use a set of its resources, under an agreement, for a
    period. What B may do is the set of flags; viewing is always included."""

    grantor = models.ForeignKey(
        Institution,
        verbose_name=_("granted by"),
        on_delete=models.PROTECT,
        related_name="grants_given",
    )
    grantee = models.ForeignKey(
        Institution,
        verbose_name=_("granted to"),
        on_delete=models.PROTECT,
        related_name="grants_received",
    )
    agreement = models.ForeignKey(
        "agreements.Agreement",
        verbose_name=_("under agreement"),
        on_delete=models.PROTECT,
        related_name="sharing_grants",
    )
    # Either every resource the grantor holds, or the listed ones.
    all_resources = models.BooleanField(_("all resources of the grantor"), default=False)
    resources = models.ManyToManyField(
        Resource, verbose_name=_("resources"), blank=True, related_name="grants"
    )
    can_download = models.BooleanField(_("download full resolution"), default=False)
    can_derive = models.BooleanField(_("make derivatives"), default=False)
    can_use_commercially = models.BooleanField(_("use commercially"), default=False)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    note = LanguageMapField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["grantor", "grantee", "-valid_from", "id"]
        verbose_name = _("sharing grant")
        verbose_name_plural = _("sharing grants")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(grantor=models.F("grantee")), name="grant_not_to_self"
            ),
            models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True)
                | models.Q(valid_until__gte=models.F("valid_from")),
                name="grant_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.grantor_id} → {self.grantee_id} ({self.agreement_id})"


class HarvestSource(models.Model):
    """A partner's OAI-PMH endpoint that Tongwen harvests into the shared collection."""

    class Mapping(models.TextChoices):
        OAI_DC = "oai_dc", _("simple Dublin Core (oai_dc)")
        QDC = "qdc", _("qualified Dublin Core")
        MODS = "mods", _("MODS")

    slug = models.SlugField(_("identifier"), max_length=80, unique=True)
    name = LanguageMapField(_("name"), max_value_length=300)
    base_url = models.URLField(_("base URL"), max_length=500)
    metadata_prefix = models.CharField(_("metadata prefix"), max_length=50, default="oai_dc")
    set_spec = models.CharField(_("set"), max_length=200, blank=True)
    mapping = models.CharField(
        _("mapping"), max_length=10, choices=Mapping.choices, default=Mapping.OAI_DC
    )
    # Records land under this institution unless the record names a holder Tongwen knows.
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("default holding institution"),
        on_delete=models.PROTECT,
        related_name="harvest_sources",
    )
    default_rights = models.CharField(
        _("rights when the record gives none"),
        max_length=100,
        choices=Rights.choices,
        default=Rights.CNE,
    )
    # The responseDate of the last run that completed: the next run asks from here.
    last_harvested = models.DateTimeField(_("harvested up to"), null=True, blank=True)
    enabled = models.BooleanField(_("enabled"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("harvest source")
        verbose_name_plural = _("harvest sources")

    def __str__(self) -> str:
        return langmap.best(self.name, get_language() or "zh-Hans")


class HarvestRun(models.Model):
    """One harvest of a source: what it asked for, how far it got, what it changed."""

    class Status(models.TextChoices):
        RUNNING = "running", _("running")
        SUCCEEDED = "succeeded", _("succeeded")
        FAILED = "failed", _("failed")

    source = models.ForeignKey(HarvestSource, on_delete=models.CASCADE, related_name="runs")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.RUNNING
    )
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    from_datestamp = models.DateTimeField(_("from"), null=True, blank=True)
    response_date = models.DateTimeField(null=True, blank=True)
    # The token of the next page to ask for: a run that died resumes from here.
    resumption_token = models.TextField(blank=True)
    complete_list_size = models.PositiveIntegerField(null=True, blank=True)
    pages = models.PositiveIntegerField(default=0)
    seen = models.PositiveIntegerField(_("records seen"), default=0)
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    deleted = models.PositiveIntegerField(_("deleted"), default=0)
    failed = models.PositiveIntegerField(_("failed"), default=0)
    errors = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("harvest run")
        verbose_name_plural = _("harvest runs")

    def __str__(self) -> str:
        return f"{self.source_id} {self.started_at:%Y-%m-%d %H:%M} {self.status}"
