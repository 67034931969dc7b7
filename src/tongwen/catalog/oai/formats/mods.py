"""MODS 3.7 (``mods``): the full record, so another Tongwen (or any MODS harvester) can map it
back into a resource field by field.

Where each resource field goes (the harvester reads the same paths):

* ``title`` — one ``titleInfo`` per language, ``xml:lang`` giving the exact BCP 47 tag, with
  ``lang`` (ISO 639-2/B) and ``script``; Chinese values are untyped (the first one
  ``usage="primary"``), other languages ``type="translated"``; the pinyin reading carries
  ``transliteration="pinyin"``. ``alt_titles`` are ``titleInfo type="alternative"``.
* creators — one ``name`` each, in order: a ``namePart`` per language of the name (same
  attributes as titles), the period as ``namePart type="date"`` in Chinese and English, and
  ``role/roleTerm`` as a MARC relator code (``authority="marcrelator" type="code"``) and text.
* ``date_written`` — ``originInfo/dateOther type="written"``; ``year_from``/``year_to`` —
  ``originInfo/dateCreated`` (``keyDate="yes"``; ``point="start"``/``"end"`` for a range,
  W3CDTF years; EDTF for years BCE, numbered astronomically: 91 BCE is ``-0090``);
  ``period`` — ``originInfo/dateOther type="period"`` in Chinese and English;
  ``edition_note`` — ``originInfo/edition`` per language.
* ``edition`` — ``physicalDescription/form authority="local" type="edition"`` (the code);
  ``extent_juan``/``extent_volumes``/``extent_pages`` — ``physicalDescription/extent`` with
  ``unit="juan"``/``"volumes"``/``"pages"``; ``extent_note`` — ``extent`` per language;
  ``dimensions`` — ``physicalDescription/note type="dimensions"``.
* ``kind`` — ``genre authority="local"`` (the code), plus ``typeOfResource``.
* ``subjects`` — ``subject/topic``; ``languages`` — ``language/languageTerm
  authority="rfc5646" type="code"``; ``script`` — ``language/scriptTerm authority="iso15924"``.
* ``description`` — ``abstract`` per language; ``rights`` — ``accessCondition type="use and
  reproduction"`` with ``xlink:href`` the statement URI.
* holder — ``location/physicalLocation`` (name per language, ``displayLabel`` = holder slug);
  ``call_number`` — ``location/shelfLocator``; the page — ``location/url usage="primary
  display"``; the IIIF manifest — ``location/url note="iiif-manifest"``.
* ``identifiers`` — ``identifier type=<scheme>``; ``slug`` — ``recordInfo/recordIdentifier``
  (``source`` = the OAI namespace).

Visibility and viewing direction are not exported: a harvester only ever receives what its
user may see.
"""

from __future__ import annotations

import functools
from typing import Any

from django.utils.translation import override

from tongwen.catalog.models import Creator, Resource, Rights
from tongwen.catalog.oai.formats import (
    XLINK,
    XSI,
    MetadataFormat,
    Record,
    RecordContext,
    chinese_language,
    datestamp,
    escape,
    language_values,
    period_label,
    tag_parts,
    year_text,
)

MODS = "http://www.loc.gov/mods/v3"
SCHEMA = "http://www.loc.gov/standards/mods/v3/mods-3-7.xsd"

#: MARC relator codes (https://id.loc.gov/vocabulary/relators) of the creator roles.
MARC_RELATORS: dict[str, str] = {
    Creator.Role.AUTHOR: "aut",
    Creator.Role.COMPILER: "com",
    Creator.Role.EDITOR: "edt",
    Creator.Role.COMMENTATOR: "cwt",
    Creator.Role.TRANSLATOR: "trl",
    Creator.Role.ANNOTATOR: "ann",
    Creator.Role.CALLIGRAPHER: "cll",
    Creator.Role.PAINTER: "art",
    Creator.Role.ENGRAVER: "egr",
    Creator.Role.PUBLISHER: "pbl",
    Creator.Role.PHOTOGRAPHER: "pht",
    Creator.Role.MAKER: "cre",
    Creator.Role.CONTRIBUTOR: "ctb",
}
#: The MODS typeOfResource closest to each kind.
TYPE_OF_RESOURCE: dict[str, str] = {
    Resource.Kind.ANCIENT_BOOK: "text",
    Resource.Kind.RUBBING: "still image",
    Resource.Kind.MAP: "cartographic",
    Resource.Kind.PAINTING_CALLIGRAPHY: "still image",
    Resource.Kind.ARTEFACT: "three dimensional object",
    Resource.Kind.PHOTOGRAPH: "still image",
    Resource.Kind.SCIENCE_POPULARISATION: "mixed material",
    Resource.Kind.AUDIO_VIDEO: "moving image",
    Resource.Kind.TEXT: "text",
    Resource.Kind.PERIODICAL: "text",
    Resource.Kind.MANUSCRIPT_ARCHIVE: "text",
    Resource.Kind.OTHER: "mixed material",
}
_EXTENT_UNITS = (("extent_juan", "juan"), ("extent_volumes", "volumes"), ("extent_pages", "pages"))


_OPEN = (
    f'<mods:mods xmlns:mods="{MODS}" xmlns:xlink="{XLINK}" xmlns:xsi="{XSI}" version="3.7"'
    f' xsi:schemaLocation="{MODS} {SCHEMA}">'
)
_LABELS: dict[tuple[str, str], str] = {}


def _english(choices: Any, code: str) -> str:
    """The English label of a choice: MODS text values are data, not interface text."""
    key = (choices.__name__, code)
    if key not in _LABELS:
        with override("en"):
            try:
                _LABELS[key] = str(choices(code).label)
            except ValueError:
                _LABELS[key] = code
    return _LABELS[key]


def _el(out: list[str], name: str, text: Any, attrs: str = "") -> None:
    """Append ``<mods:name attrs>text</mods:name>``; ``attrs`` is already escaped."""
    out.append(f"<mods:{name}{attrs}>{escape(text)}</mods:{name}>")


@functools.lru_cache(maxsize=256)
def _language_attrs(tag: str) -> str:
    """`` xml:lang="…" lang="…" script="…"`` (and ``transliteration`` for pinyin) of a tag."""
    code, script, pinyin = tag_parts(tag)
    attrs = f' xml:lang="{escape(tag)}"'
    if code:
        attrs += f' lang="{escape(code)}"'
    if script:
        attrs += f' script="{escape(script)}"'
    if pinyin:
        attrs += ' transliteration="pinyin"'
    return attrs


def _titles(out: list[str], resource: Record) -> None:
    primary = True
    for tag, text in language_values(resource.title):
        attrs = _language_attrs(tag)
        if chinese_language(tag) and primary:
            attrs += ' usage="primary"'
            primary = False
        elif not chinese_language(tag) and "transliteration" not in attrs:
            attrs += ' type="translated"'
        out.append(f"<mods:titleInfo{attrs}>")
        _el(out, "title", text)
        out.append("</mods:titleInfo>")
    for text in resource.alt_titles or ():
        out.append('<mods:titleInfo type="alternative">')
        _el(out, "title", text)
        out.append("</mods:titleInfo>")


def _names(out: list[str], resource: Record) -> None:
    for creator in resource.creators:
        out.append("<mods:name>")
        for tag, text in language_values(creator.name):
            _el(out, "namePart", text, _language_attrs(tag))
        if creator.period:
            for language in ("zh-Hans", "en"):
                label = period_label(creator.period, language)
                _el(out, "namePart", label, f' type="date" xml:lang="{language}"')
        code = MARC_RELATORS.get(creator.role, "ctb")
        out.append("<mods:role>")
        _el(out, "roleTerm", code, ' type="code" authority="marcrelator"')
        _el(
            out,
            "roleTerm",
            _english(Creator.Role, creator.role),
            ' type="text" authority="marcrelator"',
        )
        out.append("</mods:role></mods:name>")


def _origin(out: list[str], resource: Record) -> None:
    notes = list(language_values(resource.edition_note))
    has_years = resource.year_from is not None or resource.year_to is not None
    if not (resource.date_written or has_years or resource.period or notes):
        return
    out.append('<mods:originInfo eventType="production">')
    if resource.date_written:
        _el(out, "dateOther", resource.date_written, ' type="written"')
    years = [y for y in (resource.year_from, resource.year_to) if y is not None]
    if years:
        first, last = years[0], years[-1]
        if first == last:
            attrs = f' encoding="{_encoding(first)}" keyDate="yes"'
            _el(out, "dateCreated", year_text(first), attrs)
        else:
            attrs = f' encoding="{_encoding(first)}" keyDate="yes" point="start"'
            _el(out, "dateCreated", year_text(first), attrs)
            _el(out, "dateCreated", year_text(last), f' encoding="{_encoding(last)}" point="end"')
    if resource.period:
        for language in ("zh-Hans", "en"):
            label = period_label(resource.period, language)
            _el(out, "dateOther", label, f' type="period" xml:lang="{language}"')
    for tag, text in notes:
        _el(out, "edition", text, _language_attrs(tag))
    out.append("</mods:originInfo>")


def _encoding(year: int) -> str:
    # W3CDTF has no years before the common era; EDTF does.
    return "w3cdtf" if year > 0 else "edtf"


def _physical(out: list[str], resource: Record) -> None:
    extents = [(getattr(resource, field), unit) for field, unit in _EXTENT_UNITS]
    extents = [(value, unit) for value, unit in extents if value is not None]
    notes = list(language_values(resource.extent_note))
    if not (resource.edition or extents or notes or resource.dimensions):
        return
    out.append("<mods:physicalDescription>")
    if resource.edition:
        _el(out, "form", resource.edition, ' authority="local" type="edition"')
    for value, unit in extents:
        _el(out, "extent", value, f' unit="{unit}"')
    for tag, text in notes:
        _el(out, "extent", text, _language_attrs(tag))
    if resource.dimensions:
        _el(out, "note", resource.dimensions, ' type="dimensions"')
    out.append("</mods:physicalDescription>")


def _languages(out: list[str], resource: Record) -> None:
    script = ""
    if resource.script:
        script = f'<mods:scriptTerm type="code" authority="iso15924">{escape(resource.script)}'
        script += "</mods:scriptTerm>"
    for tag in resource.languages or ():
        out.append("<mods:language>")
        _el(out, "languageTerm", tag, ' type="code" authority="rfc5646"')
        out.append(script)
        out.append("</mods:language>")
    if script and not resource.languages:
        out.append(f"<mods:language>{script}</mods:language>")


def _location(out: list[str], resource: Record, context: RecordContext) -> None:
    holder = resource.holder
    out.append("<mods:location>")
    slug = escape(holder.slug)
    for tag, text in language_values(holder.name, pinyin=False):
        _el(out, "physicalLocation", text, f' displayLabel="{slug}" xml:lang="{escape(tag)}"')
    if resource.call_number:
        _el(out, "shelfLocator", resource.call_number)
    out.append("</mods:location><mods:location>")
    _el(
        out,
        "url",
        context.page_url(resource.slug),
        ' usage="primary display" access="object in context"',
    )
    _el(
        out,
        "url",
        context.manifest_url(resource.slug),
        ' access="raw object" displayLabel="IIIF manifest" note="iiif-manifest"',
    )
    out.append("</mods:location>")


def serialize(resource: Record, context: RecordContext) -> str:
    out = [_OPEN]
    _titles(out, resource)
    _names(out, resource)
    manuscript = resource.kind == Resource.Kind.MANUSCRIPT_ARCHIVE or (
        resource.edition == Resource.Edition.MANUSCRIPT
    )
    _el(
        out,
        "typeOfResource",
        TYPE_OF_RESOURCE.get(resource.kind, "mixed material"),
        ' manuscript="yes"' if manuscript else "",
    )
    _el(out, "genre", resource.kind, ' authority="local"')
    _origin(out, resource)
    _physical(out, resource)
    _languages(out, resource)
    for tag, text in language_values(resource.description):
        _el(out, "abstract", text, _language_attrs(tag))
    for subject in resource.subjects or ():
        out.append("<mods:subject>")
        _el(out, "topic", subject)
        out.append("</mods:subject>")
    _el(
        out,
        "accessCondition",
        _english(Rights, resource.rights),
        f' type="use and reproduction" xlink:href="{escape(resource.rights)}"',
    )
    _location(out, resource, context)
    for identifier in resource.identifiers or ():
        _el(out, "identifier", identifier["value"], f' type="{escape(identifier["scheme"])}"')
    out.append("<mods:recordInfo>")
    if resource.created_at is not None:
        _el(out, "recordCreationDate", datestamp(resource.created_at), ' encoding="w3cdtf"')
    _el(out, "recordChangeDate", datestamp(resource.modified_at), ' encoding="w3cdtf"')
    _el(out, "recordIdentifier", resource.slug, f' source="{escape(context.namespace)}"')
    out.append("</mods:recordInfo></mods:mods>")
    return "".join(out)


FORMAT = MetadataFormat(prefix="mods", schema=SCHEMA, namespace=MODS, serialize=serialize)
