"""Simple Dublin Core (``oai_dc``), the format every OAI-PMH repository must offer.

Mapping: title in every language (``xml:lang``) and the other titles; creators with their
period, ``（清）王念孫`` / ``Wang Niansun (Qing)`` (``dc:creator`` for those who made the work,
``dc:contributor`` for editors, commentators, publishers and the like); the date as written and the
normalised years; subjects; description; type (DCMI type and the Tongwen kind); format
(edition, extent, dimensions); languages; the rights statement URI; the holding institution
as publisher; identifiers, the record's page and its IIIF manifest.
"""

from __future__ import annotations

from django.utils.translation import override

from tongwen.catalog.models import Creator, Resource
from tongwen.catalog.oai.formats import (
    XSI,
    MetadataFormat,
    Record,
    RecordContext,
    chinese_language,
    escape,
    language_values,
    period_label,
    years_text,
)
from tongwen.common.langmap import PINYIN_TAG

OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
SCHEMA = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
NSMAP = {"oai_dc": OAI_DC, "dc": DC, "xsi": XSI}

_OPEN = (
    f'<oai_dc:dc xmlns:oai_dc="{OAI_DC}" xmlns:dc="{DC}" xmlns:xsi="{XSI}"'
    f' xsi:schemaLocation="{OAI_DC} {SCHEMA}">'
)

#: The DCMI Type Vocabulary term closest to each kind.
DCMI_TYPE: dict[str, str] = {
    Resource.Kind.ANCIENT_BOOK: "Text",
    Resource.Kind.RUBBING: "StillImage",
    Resource.Kind.MAP: "StillImage",
    Resource.Kind.PAINTING_CALLIGRAPHY: "StillImage",
    Resource.Kind.ARTEFACT: "PhysicalObject",
    Resource.Kind.PHOTOGRAPH: "StillImage",
    Resource.Kind.SCIENCE_POPULARISATION: "Collection",
    Resource.Kind.AUDIO_VIDEO: "MovingImage",
    Resource.Kind.TEXT: "Text",
    Resource.Kind.PERIODICAL: "Text",
    Resource.Kind.MANUSCRIPT_ARCHIVE: "Text",
    Resource.Kind.OTHER: "PhysicalObject",
}
_CONTRIBUTING = {
    Creator.Role.EDITOR,
    Creator.Role.COMMENTATOR,
    Creator.Role.TRANSLATOR,
    Creator.Role.ANNOTATOR,
    Creator.Role.CONTRIBUTOR,
    # A historical publisher (a printing house) contributed to the object; dc:publisher is
    # the institution that makes the record and its images available.
    Creator.Role.PUBLISHER,
}
_EDITION_LABELS: dict[str, str] = {}


def _edition_label(code: str) -> str:
    # Labels in English: the values are data for machines and other catalogues, not UI.
    if code not in _EDITION_LABELS:
        with override("en"):
            _EDITION_LABELS[code] = str(Resource.Edition(code).label)
    return _EDITION_LABELS[code]


def _add(out: list[str], name: str, text: str, lang: str | None = None) -> None:
    if lang:
        out.append(f'<dc:{name} xml:lang="{escape(lang)}">{escape(text)}</dc:{name}>')
    else:
        out.append(f"<dc:{name}>{escape(text)}</dc:{name}>")


def _creator_text(name: str, tag: str, period: str) -> str:
    if not period:
        return name
    if chinese_language(tag):
        return f"（{period_label(period, tag)}）{name}"
    label = period_label(period, "en")
    return f"{name} ({label})"


def serialize(resource: Record, context: RecordContext) -> str:
    out = [_OPEN]
    for tag, text in language_values(resource.title):
        _add(out, "title", text, tag)
    for text in resource.alt_titles or ():
        _add(out, "title", text)
    for creator in resource.creators:
        element = "contributor" if creator.role in _CONTRIBUTING else "creator"
        for tag, text in language_values(creator.name):
            period = "" if tag == PINYIN_TAG else creator.period
            _add(out, element, _creator_text(text, tag, period), tag)
    if resource.date_written:
        _add(out, "date", resource.date_written)
    years = years_text(resource.year_from, resource.year_to)
    if years:
        _add(out, "date", years)
    for subject in resource.subjects or ():
        _add(out, "subject", subject)
    for tag, text in language_values(resource.description, pinyin=False):
        _add(out, "description", text, tag)
    _add(out, "type", DCMI_TYPE.get(resource.kind, "PhysicalObject"))
    _add(out, "type", resource.kind)
    if resource.edition:
        _add(out, "format", _edition_label(resource.edition), "en")
    for _tag, text in language_values(resource.edition_note, pinyin=False):
        # Untagged: an edition statement is not an extent, which tagged formats are read as.
        _add(out, "format", text)
    for count, unit in (
        (resource.extent_juan, "juan"),
        (resource.extent_volumes, "volumes"),
        (resource.extent_pages, "pages"),
    ):
        if count is not None:
            _add(out, "format", f"{count} {unit}", "en")
    for tag, text in language_values(resource.extent_note, pinyin=False):
        _add(out, "format", text, tag)
    if resource.dimensions:
        _add(out, "format", resource.dimensions)
    for language in resource.languages or ():
        _add(out, "language", language)
    _add(out, "rights", resource.rights)
    for tag, text in language_values(resource.holder.name, pinyin=False):
        _add(out, "publisher", text, tag)
    _add(out, "identifier", context.page_url(resource.slug))
    _add(out, "identifier", context.manifest_url(resource.slug))
    for identifier in resource.identifiers or ():
        scheme, value = identifier["scheme"], identifier["value"]
        _add(out, "identifier", value if "://" in value else f"{scheme}:{value}")
    out.append("</oai_dc:dc>")
    return "".join(out)


FORMAT = MetadataFormat(prefix="oai_dc", schema=SCHEMA, namespace=OAI_DC, serialize=serialize)
