"""Metadata formats the OAI-PMH provider disseminates: one serializer module per format.

Each module (:mod:`.oai_dc`, :mod:`.mods`) declares a :class:`MetadataFormat` whose
``serialize`` appends one record's metadata under the ``<metadata>`` element it is given.
Everything here is shared by the serializers: the record context (URLs) and the helpers
that make database text safe for XML 1.0.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import langcodes
from django.urls import NoReverseMatch, reverse

from tongwen.catalog import periods
from tongwen.common.langmap import PINYIN_TAG, LanguageMap

XSI = "http://www.w3.org/2001/XMLSchema-instance"
XLINK = "http://www.w3.org/1999/xlink"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SCHEMA_LOCATION = f"{{{XSI}}}schemaLocation"

# Characters XML 1.0 does not allow (C0 controls but tab, CR, LF; lone surrogates; FFFE/FFFF).
_ILLEGAL_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_NEEDS_ESCAPE = re.compile('[&<>"\t\n\r]')
_ESCAPES = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "\t": "&#9;",
        "\n": "&#10;",
        "\r": "&#13;",
    }
)


def xml_text(value: Any) -> str:
    """``value`` as text that lxml accepts: characters illegal in XML 1.0 are dropped."""
    text = value if isinstance(value, str) else str(value)
    return _ILLEGAL_XML.sub("", text)


def escape(value: Any) -> str:
    """``value`` ready to write between tags or inside a double-quoted attribute: illegal
    characters dropped, markup characters escaped, and CR, LF and tab kept as character
    references so that attribute normalisation cannot change them."""
    text = _ILLEGAL_XML.sub("", value if isinstance(value, str) else str(value))
    if _NEEDS_ESCAPE.search(text) is None:
        return text
    return text.translate(_ESCAPES)


def datestamp(value: dt.datetime) -> str:
    """A UTC datestamp at the repository's granularity, ``YYYY-MM-DDThh:mm:ssZ``."""
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class RecordContext:
    """What a serializer needs beyond the resource: where the site answers."""

    #: Scheme and host of the request, without a trailing slash: ``https://tongwen.example``.
    site_url: str
    #: The OAI repository identifier (``settings.TONGWEN_OAI_NAMESPACE``).
    namespace: str
    #: Path of a resource's page with ``{slug}`` in place of the slug.
    page_path: str

    def page_url(self, slug: str) -> str:
        return self.site_url + self.page_path.replace("{slug}", slug)

    def manifest_url(self, slug: str) -> str:
        return f"{self.site_url}/iiif/presentation/{slug}/manifest"

    def oai_identifier(self, slug: str) -> str:
        return f"oai:{self.namespace}:{slug}"


_SLUG_MARK = "slug-placeholder"


def resource_page_path() -> str:
    """The path of a resource's public page (``catalog:resource-detail``), with ``{slug}``
    to fill in; ``/collection/{slug}/`` while the catalog pages are not routed."""
    try:
        path = reverse("catalog:resource-detail", args=[_SLUG_MARK])
    except NoReverseMatch:
        return "/collection/{slug}/"
    return path.replace(_SLUG_MARK, "{slug}")


#: The resource fields a header needs, in the order :class:`Record` takes them.
HEADER_FIELDS = ("id", "slug", "holder_id", "kind", "modified_at", "deleted_at")
#: The resource fields the metadata formats export.
METADATA_FIELDS = (
    "title",
    "alt_titles",
    "date_written",
    "year_from",
    "year_to",
    "period",
    "edition",
    "edition_note",
    "extent_juan",
    "extent_volumes",
    "extent_pages",
    "extent_note",
    "dimensions",
    "subjects",
    "languages",
    "script",
    "call_number",
    "identifiers",
    "description",
    "rights",
    "created_at",
)


@dataclass(slots=True)
class HolderRecord:
    slug: str
    name: LanguageMap


@dataclass(slots=True)
class CreatorRecord:
    name: LanguageMap
    role: str
    period: str


@dataclass(slots=True)
class Record:
    """What the provider serves of one resource: plain values read in bulk.

    Harvests read thousands of resources a second; building model instances (and their
    prefetch caches) for each would cost more than writing the XML, so the provider reads
    rows of the fields below (from the scoped selector) into these: ``Record(holder, *row)``
    with a row of :data:`HEADER_FIELDS` and, for full records, :data:`METADATA_FIELDS`.
    """

    holder: HolderRecord
    id: int
    slug: str
    holder_id: int
    kind: str
    modified_at: dt.datetime
    deleted_at: dt.datetime | None
    title: LanguageMap = field(default_factory=dict)
    alt_titles: list[str] = field(default_factory=list)
    date_written: str = ""
    year_from: int | None = None
    year_to: int | None = None
    period: str = ""
    edition: str = ""
    edition_note: LanguageMap = field(default_factory=dict)
    extent_juan: int | None = None
    extent_volumes: int | None = None
    extent_pages: int | None = None
    extent_note: LanguageMap = field(default_factory=dict)
    dimensions: str = ""
    subjects: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    script: str = ""
    call_number: str = ""
    identifiers: list[dict[str, str]] = field(default_factory=list)
    description: LanguageMap = field(default_factory=dict)
    rights: str = ""
    created_at: dt.datetime | None = None
    creators: list[CreatorRecord] = field(default_factory=list)


@dataclass(frozen=True)
class MetadataFormat:
    prefix: str
    schema: str
    namespace: str
    #: The metadata of a live record: one XML element, as text (see :func:`escape`).
    serialize: Callable[[Record, RecordContext], str]


def language_values(
    value: dict[str, str] | None, *, pinyin: bool = True
) -> Iterator[tuple[str, str]]:
    """(tag, text) pairs of a language map, as stored: Chinese first, then the other
    languages, then the pinyin reading, each group by tag. The order is fixed because
    databases do not keep the order of a JSON object's keys (PostgreSQL's jsonb sorts them).

    Without ``pinyin`` the ``zh-Latn-pinyin`` reading is left out.
    """
    if not value:
        return
    for tag in sorted(value, key=_tag_order):
        text = value[tag]
        if not text or (tag == PINYIN_TAG and not pinyin):
            continue
        yield tag, text


@functools.lru_cache(maxsize=256)
def _tag_order(tag: str) -> tuple[int, str]:
    if tag == PINYIN_TAG:
        return 2, tag
    return (0 if chinese_language(tag) else 1), tag


@functools.lru_cache(maxsize=512)
def period_label(code: str, language: str) -> str:
    """The name of a dynasty or period in ``language`` (a BCP 47 tag); the code itself for a
    code the vocabulary does not know (a record harvested from elsewhere)."""
    try:
        return periods.period_label(code, language)
    except KeyError:
        return code


@functools.lru_cache(maxsize=256)
def tag_parts(tag: str) -> tuple[str, str, bool]:
    """(MARC/ISO 639-2/B language code, ISO 15924 script, is pinyin) of a BCP 47 tag."""
    try:
        language = langcodes.Language.get(tag)
        code = language.to_alpha3(variant="B") if language.language else ""
    except (LookupError, ValueError):
        return "", "", False
    script = language.script or ""
    if not script and language.language in ("zh", "lzh"):
        script = "Hani"
    return code, script, tag == PINYIN_TAG


def chinese_language(tag: str) -> bool:
    return tag.split("-")[0].lower() in ("zh", "lzh") and tag != PINYIN_TAG


def year_text(year: int) -> str:
    """A historical year (no year 0; -91 is 91 BCE) in ISO 8601 / EDTF form: four digits,
    astronomical numbering before the common era (91 BCE is ``-0090``, 1 BCE ``0000``)."""
    if year > 0:
        return f"{year:04d}"
    astronomical = year + 1
    return f"-{-astronomical:04d}" if astronomical else "0000"


def years_text(year_from: int | None, year_to: int | None) -> str:
    """The normalised year or range, ``1739`` or ``1368/1644`` (ISO 8601 interval)."""
    if year_from is None:
        return "" if year_to is None else year_text(year_to)
    if year_to is None or year_to == year_from:
        return year_text(year_from)
    return f"{year_text(year_from)}/{year_text(year_to)}"
