"""From a partner's metadata to Tongwen's resource fields: simple Dublin Core (``oai_dc``),
qualified Dublin Core (``qdc``) and MODS.

A mapping only reads the record: it returns a :class:`MappedRecord` (resource fields,
creators, what the record says about its holder and rights) and leaves to the harvester
what needs the database (which institution holds it, validation). A record that cannot
become a resource (no title) raises :class:`MappingError`.

Tongwen's own provider (``tongwen.catalog.oai.formats``) writes MODS so that every resource
field comes back; the Dublin Core mappings are necessarily lossier.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import langcodes
from django.utils.translation import gettext as _
from django.utils.translation import override

from tongwen.catalog import periods
from tongwen.catalog.models import Creator, Resource, Rights
from tongwen.common.langmap import PINYIN_TAG, LanguageMap

DC = "http://purl.org/dc/elements/1.1/"
DCTERMS = "http://purl.org/dc/terms/"
MODS = "http://www.loc.gov/mods/v3"
XLINK = "http://www.w3.org/1999/xlink"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

UNDETERMINED = "und"
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_YEARS = re.compile(r"^\s*(-?\d{1,4})(?:\s*[/–-]\s*(-?\d{1,4}))?\s*$")
_COUNTED = re.compile(r"^\s*(\d{1,9})\s+(juan|volumes|pages)\s*$", re.IGNORECASE)
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]{0,19}):(\S.*)$")
_SCRIPT = re.compile(r"^[A-Z][a-z]{3}$")


class MappingError(ValueError):
    """The record cannot become a resource; the message says why."""


@dataclass
class MappedRecord:
    """What one record says, in Tongwen's terms.

    ``fields`` holds every mapped resource field (empty values included, so that an update
    clears what the partner removed). ``rights`` is a :class:`Rights` value or "".
    """

    fields: dict[str, Any]
    creators: list[dict[str, Any]] = field(default_factory=list)
    holder_slugs: list[str] = field(default_factory=list)
    holder_names: list[str] = field(default_factory=list)
    rights: str = ""


def empty_fields() -> dict[str, Any]:
    return {
        "kind": Resource.Kind.OTHER.value,
        "title": {},
        "alt_titles": [],
        "date_written": "",
        "year_from": None,
        "year_to": None,
        "period": "",
        "edition": "",
        "edition_note": {},
        "extent_juan": None,
        "extent_volumes": None,
        "extent_pages": None,
        "extent_note": {},
        "dimensions": "",
        "subjects": [],
        "languages": [],
        "script": "",
        "call_number": "",
        "identifiers": [],
        "description": {},
    }


# Shared helpers ---------------------------------------------------------------------------


def text_of(element: Any) -> str:
    """The element's text with its descendants', whitespace collapsed."""
    if len(element):
        return " ".join("".join(element.itertext()).split())
    text = element.text  # the common case: a leaf
    return " ".join(text.split()) if text else ""


def local_name(element: Any) -> str:
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return _local(tag)


@functools.lru_cache(maxsize=512)
def _local(tag: str) -> str:
    """The local part of a qualified tag; records repeat the same few dozen tags."""
    return tag.rsplit("}", 1)[-1]


def _guess_tag(text: str) -> str:
    """A tag for a value the partner did not tag: Chinese when it is written in Han
    characters, undetermined otherwise."""
    return "zh" if _HAN.search(text) else UNDETERMINED


def normalise_tag(tag: str | None) -> str | None:
    """A BCP 47 tag in its standard form; None for what is not one."""
    if not tag:
        return None
    return _normalised(tag.strip())


# normalise_tag of an xml:lang as read, absent included: every language-tagged element
# asks, and records repeat a few tags.
_explicit_tag = functools.lru_cache(maxsize=1024)(normalise_tag)


@functools.lru_cache(maxsize=1024)
def _normalised(tag: str) -> str | None:
    try:
        if langcodes.tag_is_valid(tag):
            return str(langcodes.standardize_tag(tag))
    except (LookupError, ValueError):
        return None
    return None


def _tag_from(lang: str | None, script: str | None, transliteration: str | None) -> str | None:
    """A BCP 47 tag from MODS' ``lang`` (ISO 639-2), ``script`` and ``transliteration``."""
    if transliteration and "pinyin" in transliteration.lower():
        return PINYIN_TAG
    language = normalise_tag(lang)
    if language and script and _SCRIPT.match(script.strip()):
        return normalise_tag(f"{language}-{script.strip()}") or language
    return language


def add_language_value(target: LanguageMap, tag: str, text: str, *, joiner: str) -> None:
    if not text:
        return
    if tag in target:
        target[tag] = f"{target[tag]}{joiner}{text}"
    else:
        target[tag] = text


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


#: Language names partners write instead of codes (``langcodes.find`` needs data not shipped).
_LANGUAGE_NAMES = {
    "chinese": "zh",
    "classical chinese": "lzh",
    "literary chinese": "lzh",
    "english": "en",
    "japanese": "ja",
    "korean": "ko",
    "french": "fr",
    "german": "de",
    "russian": "ru",
    "spanish": "es",
    "italian": "it",
    "latin": "la",
    "manchu": "mnc",
    "mongolian": "mn",
    "tibetan": "bo",
    "uighur": "ug",
    "uyghur": "ug",
    "vietnamese": "vi",
    "中文": "zh",
    "汉语": "zh",
    "漢語": "zh",
    "文言文": "lzh",
    "英语": "en",
    "英語": "en",
    "日语": "ja",
    "日語": "ja",
    "满文": "mnc",
    "滿文": "mnc",
}


def language_tag(value: str) -> str | None:
    """A content language as a BCP 47 tag: codes (``chi``, ``zh-Hant``) or common names."""
    text = value.strip()
    named = _LANGUAGE_NAMES.get(text.lower())
    if named:
        return named
    tag = normalise_tag(text)
    if tag in (None, UNDETERMINED, "zxx", "mul", "mis"):
        return None
    return tag


def _rights_key(uri: str) -> str:
    key = uri.strip().lower().split("://", 1)[-1].split("?")[0].split("#")[0].rstrip("/")
    return key.replace("rightsstatements.org/page/", "rightsstatements.org/vocab/")


_RIGHTS = {_rights_key(choice.value): choice.value for choice in Rights}


def rights_statement(value: str) -> str:
    """The :class:`Rights` value a URI names (scheme and trailing slash aside), else ""."""
    if "://" not in value:
        return ""
    return _RIGHTS.get(_rights_key(value), "")


def identifier_entry(value: str, scheme: str | None = None) -> dict[str, str] | None:
    value = value.strip()
    if not value:
        return None
    if scheme:
        return {"scheme": scheme.strip().lower(), "value": value}
    if re.match(r"^https?://", value, re.IGNORECASE):
        return {"scheme": "uri", "value": value}
    match = _SCHEME.match(value)
    if match:
        return {"scheme": match.group(1).lower(), "value": match.group(2)}
    return {"scheme": "local", "value": value}


@functools.cache
def _english_labels(choices: Any) -> dict[str, str]:
    """Lower-cased English labels to values: what partners write is data, so English."""
    with override("en"):
        return {str(label).lower(): str(value) for value, label in choices.choices}


_KIND_VALUES = {kind.value for kind in Resource.Kind}
_EDITION_VALUES = {edition.value for edition in Resource.Edition}
# Words in types, genres, formats and media that tell the kind, checked in this order.
_KIND_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("rubbing", ("rubbing", "拓片", "拓本")),
    ("map", ("map", "cartographic", "atlas", "地图", "地圖", "舆图", "輿圖")),
    (
        "painting_calligraphy",
        ("painting", "calligraphy", "书画", "書畫", "绘画", "繪畫", "书法", "書法"),
    ),
    ("photograph", ("photograph", "photo", "照片", "摄影", "攝影")),
    ("ancient_book", ("ancient book", "古籍", "善本")),
    ("periodical", ("periodical", "journal", "newspaper", "serial", "magazine", "期刊", "报纸")),
    ("manuscript_archive", ("manuscript", "archive", "手稿", "档案", "檔案", "写本", "寫本")),
    (
        "audio_video",
        ("moving image", "movingimage", "sound", "video", "audio", "film", "音像", "视频"),
    ),
    (
        "artefact",
        (
            "physical object",
            "physicalobject",
            "three dimensional",
            "artefact",
            "artifact",
            "文物",
            "器物",
        ),
    ),
    ("text", ("text", "book", "文本", "图书", "圖書")),
)


def guess_kind(values: Iterable[str]) -> str:
    """The kind named by a type, genre or format: a Tongwen kind code or English label
    first, then telling words (English and Chinese); ``other`` when nothing tells."""
    values = [v.strip() for v in values if v and v.strip()]
    labels = _english_labels(Resource.Kind)
    for value in values:
        if value in _KIND_VALUES:
            return value
    for value in values:
        if value.lower() in labels:
            return labels[value.lower()]
    for kind, words in _KIND_WORDS:
        for value in values:
            lowered = value.lower()
            if any(word in lowered for word in words):
                return kind
    return Resource.Kind.OTHER.value


def edition_code(value: str) -> str:
    value = value.strip()
    if value in _EDITION_VALUES:
        return value
    return _english_labels(Resource.Edition).get(value.lower(), "")


_ROLE_VALUES = frozenset(role.value for role in Creator.Role)
_ROLE_CODES = {
    "aut": "author",
    "com": "compiler",
    "edt": "editor",
    "cwt": "commentator",
    "trl": "translator",
    "ann": "annotator",
    "cll": "calligrapher",
    "art": "painter",
    "ill": "painter",
    "egr": "engraver",
    "pbl": "publisher",
    "pht": "photographer",
    "cre": "maker",
    "ctb": "contributor",
    "scr": "calligrapher",
}


def creator_role(values: Iterable[str], default: str = Creator.Role.AUTHOR.value) -> str:
    labels = _english_labels(Creator.Role)
    roles = _ROLE_VALUES
    for value in values:
        lowered = value.strip().lower()
        if lowered in _ROLE_CODES:
            return _ROLE_CODES[lowered]
        if lowered in roles:
            return lowered
        if lowered in labels:
            return labels[lowered]
        if lowered in ("creator", "artist"):
            return Creator.Role.MAKER.value if lowered == "creator" else "painter"
    return default


@functools.cache
def _period_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for period in periods.PERIODS.values():
        for name in (period.code, period.zh_hans, period.zh_hant, period.en, period.pinyin):
            if name:
                names.setdefault(name.strip().casefold(), period.code)
    return names


def period_code(labels: Iterable[str]) -> str:
    """The period code one of ``labels`` names: a code, or its name in Chinese (simplified
    or traditional), English or pinyin, as Tongwen's provider writes them."""
    names = _period_names()
    for label in labels:
        code = names.get(label.strip().casefold())
        if code:
            return code
    return ""


def years(value: str) -> tuple[int, int] | None:
    """A normalised year or range (``1739``, ``1368/1644``, ``-0090``) as a pair.

    Years are written in ISO 8601 / EDTF numbering, which has a year 0 (1 BCE) and counts
    ``-0090`` as 91 BCE; Tongwen stores historical years (no year 0, -91 for 91 BCE).
    """
    match = _YEARS.match(value)
    if not match:
        return None
    first = _historical(int(match.group(1)))
    last = _historical(int(match.group(2))) if match.group(2) else first
    if first > last:
        return None
    return first, last


def _historical(iso_year: int) -> int:
    return iso_year if iso_year > 0 else iso_year - 1


def _finish(mapped: MappedRecord) -> MappedRecord:
    fields = mapped.fields
    if not any(tag != PINYIN_TAG and text for tag, text in fields["title"].items()):
        raise MappingError(_("The record has no title."))
    fields["alt_titles"] = _unique(fields["alt_titles"])
    fields["subjects"] = _unique(fields["subjects"])
    fields["languages"] = _unique(fields["languages"])
    seen: set[tuple[str, str]] = set()
    identifiers = []
    for entry in fields["identifiers"]:
        key = (entry["scheme"], entry["value"])
        if key not in seen:
            seen.add(key)
            identifiers.append(entry)
    fields["identifiers"] = identifiers
    mapped.holder_slugs = _unique(mapped.holder_slugs)
    mapped.holder_names = _unique(mapped.holder_names)
    return mapped


# Dublin Core (simple and qualified) -----------------------------------------------------


def _dc_tag(element: Any, text: str) -> str:
    return normalise_tag(element.get(XML_LANG)) or _guess_tag(text)


def _dc_people(elements: list[Any], role: str) -> list[dict[str, Any]]:
    """Creators from DC elements. Consecutive values in distinct languages are one person
    named in several languages (as Tongwen writes them); a repeated language starts the
    next person."""
    people: list[dict[str, Any]] = []
    current: LanguageMap = {}
    current_period = ""
    tagged = False
    for element in elements:
        text = text_of(element)
        if not text:
            continue
        explicit = normalise_tag(element.get(XML_LANG))
        tag = explicit or _guess_tag(text)
        name, period = _split_period(text, tag)
        if current and (not explicit or not tagged or tag in current):
            people.append({"name": current, "role": role, "period": current_period})
            current, current_period = {}, ""
        current[tag] = name
        current_period = current_period or period
        tagged = explicit is not None
    if current:
        people.append({"name": current, "role": role, "period": current_period})
    return people


_LEADING_PERIOD = re.compile(r"^[（(]([^）)]{1,20})[）)]\s*(.+)$")
_TRAILING_PERIOD = re.compile(r"^(.+?)\s+\(([^)]{1,40})\)$")


def _split_period(text: str, tag: str) -> tuple[str, str]:
    """A name and its period from ``（清）王念孫`` or ``Wang Niansun (Qing)``, when the
    bracketed part names a period Tongwen knows; the text unchanged otherwise."""
    for pattern, name_group, period_group in ((_LEADING_PERIOD, 2, 1), (_TRAILING_PERIOD, 1, 2)):
        match = pattern.match(text)
        if match:
            code = period_code([match.group(period_group)])
            if code:
                return match.group(name_group).strip(), code
    return text, ""


def _map_dc(metadata: Any, *, qualified: bool) -> MappedRecord:
    fields = empty_fields()
    mapped = MappedRecord(fields=fields)
    by_name: dict[str, list[Any]] = {}
    for element in metadata.iter():
        if element is metadata or not isinstance(element.tag, str):
            continue
        by_name.setdefault(local_name(element), []).append(element)

    def values(*names: str) -> list[str]:
        return [t for n in names for e in by_name.get(n, []) if (t := text_of(e))]

    for element in by_name.get("title", []):
        text = text_of(element)
        if not text:
            continue
        tag = normalise_tag(element.get(XML_LANG))
        if tag and tag not in fields["title"]:
            fields["title"][tag] = text
        elif not tag and not fields["title"]:
            fields["title"][_guess_tag(text)] = text
        else:
            fields["alt_titles"].append(text)
    fields["alt_titles"] += values("alternative")

    mapped.creators = _dc_people(by_name.get("creator", []), Creator.Role.AUTHOR.value)
    mapped.creators += _dc_people(by_name.get("contributor", []), Creator.Role.CONTRIBUTOR.value)

    dates = values("created", "date", "issued") if qualified else values("date")
    # The first date is the one as written; a normalised year or range may follow it.
    fields["date_written"] = dates[0] if dates else ""
    span = next((s for s in map(years, dates) if s), None)
    if span:
        fields["year_from"], fields["year_to"] = span

    fields["subjects"] = (
        values("subject", "spatial", "temporal") if qualified else values("subject")
    )
    for element in by_name.get("description", []) + by_name.get("abstract", []):
        text = text_of(element)
        add_language_value(fields["description"], _dc_tag(element, text), text, joiner="\n\n")

    type_values = values("type", "format", "medium") if qualified else values("type", "format")
    fields["kind"] = guess_kind(type_values)
    formats = by_name.get("format", []) + by_name.get("extent", []) + by_name.get("medium", [])
    for element in formats:
        text = text_of(element)
        counted = _COUNTED.match(text)
        code = edition_code(text)
        if counted:
            fields[f"extent_{counted.group(2).lower()}"] = int(counted.group(1))
        elif code and not fields["edition"]:
            fields["edition"] = code
        elif local_name(element) == "extent" or element.get(XML_LANG):
            add_language_value(fields["extent_note"], _dc_tag(element, text), text, joiner="; ")

    fields["languages"] = [t for v in values("language") if (t := language_tag(v))]
    for text in values("identifier"):
        entry = identifier_entry(text)
        if entry:
            fields["identifiers"].append(entry)
    rights_names = ("rights", "license", "accessRights") if qualified else ("rights",)
    for element in [e for n in rights_names for e in by_name.get(n, [])]:
        uri = element.get(f"{{{XLINK}}}href") or element.get(
            "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}resource"
        )
        mapped.rights = mapped.rights or rights_statement(uri or text_of(element))
    mapped.holder_names = values("publisher") + (values("provenance") if qualified else [])
    return _finish(mapped)


def map_oai_dc(metadata: Any) -> MappedRecord:
    """Simple Dublin Core: ``dc:*`` elements, language from ``xml:lang``."""
    return _map_dc(metadata, qualified=False)


def map_qdc(metadata: Any) -> MappedRecord:
    """Qualified Dublin Core: ``dc:*`` and ``dcterms:*`` refinements (alternative, created,
    extent, medium, provenance, spatial, temporal, license) and ``edm:rights``."""
    return _map_dc(metadata, qualified=True)


# MODS ------------------------------------------------------------------------------------


@functools.cache
def _m(name: str) -> str:
    return f"{{{MODS}}}{name}"


_TITLE_INFO = _m("titleInfo")
_NAME = _m("name")
_NAME_PART = _m("namePart")
_ROLE = _m("role")
_ROLE_TERM = _m("roleTerm")
_GENRE = _m("genre")
_ORIGIN_INFO = _m("originInfo")
_PHYSICAL_DESCRIPTION = _m("physicalDescription")
_TYPE_OF_RESOURCE = _m("typeOfResource")
_LANGUAGE = _m("language")
_LANGUAGE_TERM = _m("languageTerm")
_SCRIPT_TERM = _m("scriptTerm")
_ABSTRACT = _m("abstract")
_SUBJECT = _m("subject")
_ACCESS_CONDITION = _m("accessCondition")
_LOCATION = _m("location")
_PHYSICAL_LOCATION = _m("physicalLocation")
_SHELF_LOCATOR = _m("shelfLocator")
_IDENTIFIER = _m("identifier")
_XLINK_HREF = f"{{{XLINK}}}href"
_NONE: tuple[Any, ...] = ()


def _children(element: Any) -> dict[Any, list[Any]]:
    """The element's children by (qualified) tag, each list in document order: what
    ``findall(tag)`` finds, for every tag in one pass over the children."""
    grouped: dict[Any, list[Any]] = {}
    for child in element:
        tag = child.tag
        if tag in grouped:
            grouped[tag].append(child)
        else:
            grouped[tag] = [child]
    return grouped


def _mods_tag(element: Any, text: str, parent: Any = None) -> str:
    explicit = _explicit_tag(element.get(XML_LANG))
    if explicit:
        return explicit
    for source in (element, parent):
        if source is None:
            continue
        tag = _tag_from(source.get("lang"), source.get("script"), source.get("transliteration"))
        if tag:
            return tag
    return _guess_tag(text)


def _mods_title(info: Any) -> str:
    parts = {local_name(child): text_of(child) for child in info if isinstance(child.tag, str)}
    title = " ".join(p for p in (parts.get("nonSort", ""), parts.get("title", "")) if p)
    if parts.get("subTitle"):
        title = f"{title}: {parts['subTitle']}" if title else parts["subTitle"]
    if parts.get("partNumber") or parts.get("partName"):
        extra = ". ".join(p for p in (parts.get("partNumber"), parts.get("partName")) if p)
        title = f"{title}. {extra}" if title else extra
    return title.strip()


def _mods_titles(infos: Iterable[Any], fields: dict[str, Any]) -> None:
    for info in infos:
        text = _mods_title(info)
        if not text:
            continue
        kind = info.get("type", "")
        if kind in ("alternative", "abbreviated", "uniform"):
            fields["alt_titles"].append(text)
            continue
        tag = _mods_tag(info, text)
        if tag in fields["title"]:
            fields["alt_titles"].append(text)
        else:
            fields["title"][tag] = text


def _mods_names(names: Iterable[Any]) -> list[dict[str, Any]]:
    people: list[dict[str, Any]] = []
    groups: dict[str, dict[str, Any]] = {}
    for name in names:
        parts: dict[str, list[tuple[str, str]]] = {}
        period_labels: list[str] = []
        role_terms: list[str] = []
        for child in name:
            child_tag = child.tag
            if child_tag == _ROLE:
                role_terms += [text_of(term) for term in child if term.tag == _ROLE_TERM]
                continue
            if child_tag != _NAME_PART:
                continue
            text = text_of(child)
            if not text:
                continue
            part_type = child.get("type", "")
            if part_type == "date":
                period_labels.append(text)
            elif part_type != "termsOfAddress":
                parts.setdefault(_mods_tag(child, text, name), []).append((part_type, text))
        if not parts:
            continue
        label = {}
        for tag, pieces in parts.items():
            family = [t for kind, t in pieces if kind == "family"]
            rest = [t for kind, t in pieces if kind != "family"]
            if all(_HAN.search(t) for t in family + rest):
                label[tag] = "".join(family + rest)  # 段玉裁: family name first, no space
            elif family and rest:
                label[tag] = f"{' '.join(family)}, {' '.join(rest)}"
            else:
                label[tag] = " ".join(family + rest)
        person = {
            "name": label,
            "role": creator_role(role_terms),
            "period": period_code(period_labels),
        }
        group = name.get("altRepGroup")
        if group and group in groups:
            groups[group]["name"].update(label)
            continue
        if group:
            groups[group] = person
        people.append(person)
    return people


def _mods_origin(origins: Iterable[Any], fields: dict[str, Any]) -> None:
    written = ""
    encoded: list[tuple[str, str]] = []
    period_labels: list[str] = []
    for origin in origins:
        for element in origin:
            name = local_name(element)
            text = text_of(element)
            if not text:
                continue
            if name == "edition":
                tag = _mods_tag(element, text)
                add_language_value(fields["edition_note"], tag, text, joiner="; ")
            elif name == "dateOther" and element.get("type") == "period":
                period_labels.append(text)
            elif name in ("dateOther", "dateCreated", "dateIssued", "copyrightDate"):
                if element.get("encoding") or element.get("point"):
                    encoded.append((element.get("point", ""), text))
                elif not written and element.get("type", "written") == "written":
                    written = text
    fields["date_written"] = written
    starts = [years(t) for point, t in encoded if point in ("", "start")]
    ends = [years(t) for point, t in encoded if point == "end"]
    start = next((s for s in starts if s), None)
    end = next((e for e in ends if e), None)
    if start:
        fields["year_from"] = start[0]
        fields["year_to"] = end[1] if end else start[1]
        if fields["year_to"] < fields["year_from"]:
            fields["year_to"] = fields["year_from"]
        if not written:
            fields["date_written"] = encoded[0][1] if end is None else f"{start[0]}–{end[1]}"
    fields["period"] = period_code(period_labels)


def _mods_physical(
    descriptions: Iterable[Any], fields: dict[str, Any], kind_hints: list[str]
) -> None:
    for physical in descriptions:
        for element in physical:
            name = local_name(element)
            text = text_of(element)
            if not text:
                continue
            if name == "form":
                code = edition_code(text) if element.get("type") == "edition" else ""
                if code:
                    fields["edition"] = code
                else:
                    kind_hints.append(text)
            elif name == "extent":
                unit = element.get("unit", "")
                counted = _COUNTED.match(f"{text} {unit}") if unit else _COUNTED.match(text)
                if counted:
                    fields[f"extent_{counted.group(2).lower()}"] = int(counted.group(1))
                else:
                    tag = _mods_tag(element, text)
                    add_language_value(fields["extent_note"], tag, text, joiner="; ")
            elif name == "note" and element.get("type") == "dimensions":
                fields["dimensions"] = text


def _mods_languages(languages: Iterable[Any], fields: dict[str, Any]) -> None:
    for language in languages:
        terms = _children(language)
        for term in terms.get(_LANGUAGE_TERM, _NONE):
            text = text_of(term)
            if term.get("type", "code") == "code" or term.get("authority"):
                tag = language_tag(text)
            else:
                tag = _LANGUAGE_NAMES.get(text.lower())
            if tag:
                fields["languages"].append(tag)
        for term in terms.get(_SCRIPT_TERM, _NONE):
            text = text_of(term)
            if _SCRIPT.match(text) and not fields["script"]:
                fields["script"] = text


def _mods_location(locations: Iterable[Any], mapped: MappedRecord) -> None:
    for location in locations:
        shelf = None
        for child in location:
            child_tag = child.tag
            if child_tag == _PHYSICAL_LOCATION:
                label = (child.get("displayLabel") or "").strip()
                if label:
                    mapped.holder_slugs.append(label)
                text = text_of(child)
                if text and not text.isdigit():
                    mapped.holder_names.append(text)
            elif child_tag == _SHELF_LOCATOR and shelf is None:
                shelf = child
        if shelf is not None and not mapped.fields["call_number"]:
            mapped.fields["call_number"] = text_of(shelf)


def map_mods(metadata: Any) -> MappedRecord:
    """MODS 3.x, read the way Tongwen's provider writes it (see
    ``tongwen.catalog.oai.formats.mods``) and tolerant of other repositories' MODS."""
    # Every part is found among the record's children, grouped in one pass.
    children = _children(metadata)
    fields = empty_fields()
    mapped = MappedRecord(fields=fields)
    _mods_titles(children.get(_TITLE_INFO, _NONE), fields)
    mapped.creators = _mods_names(children.get(_NAME, _NONE))
    kind_hints: list[str] = []
    for genre in children.get(_GENRE, _NONE):
        text = text_of(genre)
        if genre.get("authority") == "local" and text in _KIND_VALUES:
            kind_hints.insert(0, text)
        else:
            kind_hints.append(text)
    _mods_origin(children.get(_ORIGIN_INFO, _NONE), fields)
    _mods_physical(children.get(_PHYSICAL_DESCRIPTION, _NONE), fields, kind_hints)
    for element in children.get(_TYPE_OF_RESOURCE, _NONE):
        if element.get("manuscript") == "yes":
            kind_hints.append("manuscript")
        kind_hints.append(text_of(element))
    fields["kind"] = guess_kind(kind_hints)
    _mods_languages(children.get(_LANGUAGE, _NONE), fields)
    for abstract in children.get(_ABSTRACT, _NONE):
        text = text_of(abstract)
        add_language_value(fields["description"], _mods_tag(abstract, text), text, joiner="\n\n")
    for subject in children.get(_SUBJECT, _NONE):
        for element in subject:
            if local_name(element) in ("topic", "geographic", "temporal", "occupation"):
                fields["subjects"].append(text_of(element))
    for condition in children.get(_ACCESS_CONDITION, _NONE):
        href = condition.get(_XLINK_HREF) or ""
        mapped.rights = (
            mapped.rights or rights_statement(href) or rights_statement(text_of(condition))
        )
    _mods_location(children.get(_LOCATION, _NONE), mapped)
    for identifier in children.get(_IDENTIFIER, _NONE):
        entry = identifier_entry(text_of(identifier), identifier.get("type"))
        if entry:
            fields["identifiers"].append(entry)
    return _finish(mapped)


MAPPINGS: dict[str, Callable[[Any], MappedRecord]] = {
    "oai_dc": map_oai_dc,
    "qdc": map_qdc,
    "mods": map_mods,
}


def map_record(mapping: str, metadata: Any) -> MappedRecord:
    """Map one record's metadata element with the source's mapping."""
    if metadata is None:
        raise MappingError(_("The record has no metadata."))
    return MAPPINGS[mapping](metadata)
