"""IIIF Presentation API 3.0 documents: a Manifest per resource, a Collection per holding
institution and a top Collection listing the institutions.

Spec: https://iiif.io/api/presentation/3.0/. The documents are built as plain dicts: the
``iiif-prezi3`` models validate them in the tests, but building through them costs ~0.4 s for
a 300-page book (validation alone ~0.1 s) against ~5 ms here, and a manifest is built on
every request a viewer makes.

Language rules. Record text (titles, names, descriptions) keeps the record's own BCP 47 tags;
text this module composes (field labels, roles, extents, year ranges) is given in the site's
interface languages, zh-Hans and en, each through gettext. Keys are ordered Chinese first
(Simplified, then Traditional), then English, other languages, and pinyin last: viewers that
match a reader's language loosely (Mirador matches ``zh-CN`` to the first ``zh…`` key) then
show characters rather than romanisation.

Callers pass resources they got from the catalog selectors (already scoped to the user) and
what the user may do with each; nothing here queries for visibility.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.conf import settings
from django.conf.locale import LANG_INFO
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from tongwen.catalog import periods
from tongwen.catalog.iiif.image import IIIFError, parse_request
from tongwen.catalog.models import Creator, DigitalObject, Resource, Rights
from tongwen.common import langmap
from tongwen.common.langmap import LanguageMap
from tongwen.institutions.models import Institution

CONTEXT = "http://iiif.io/api/presentation/3/context.json"
#: The media type of every response (spec section 6.3).
JSONLD_MEDIA_TYPE = f'application/ld+json;profile="{CONTEXT}"'
IMAGE_SERVICE_TYPE = "ImageService3"
IMAGE_SERVICE_PROFILE = "level2"
MODS_PROFILE = "http://www.loc.gov/mods/v3"
#: The longest edge of a thumbnail (never more than the preview cap).
THUMBNAIL_EDGE = 300

#: The interface languages: (BCP 47 tag in the documents, Django language code).
INTERFACE_LANGUAGES = (("zh-Hans", "zh-hans"), ("en", "en"))

#: Kinds whose images are the leaves of a bound object: shown in a page-turning view.
BOUND_KINDS = frozenset(
    {
        Resource.Kind.ANCIENT_BOOK,
        Resource.Kind.PERIODICAL,
        Resource.Kind.TEXT,
        Resource.Kind.MANUSCRIPT_ARCHIVE,
    }
)

# Names of content languages Django's own table lacks (or names too generally).
_LANGUAGE_NAMES = {
    "zh": gettext_lazy("Chinese"),
    "lzh": gettext_lazy("Classical Chinese"),
    "mnc": gettext_lazy("Manchu"),
    "bo": gettext_lazy("Tibetan"),
    "la": gettext_lazy("Latin"),
}


# Language maps ----------------------------------------------------------------------------


def _tag_rank(tag: str) -> int:
    lower = tag.lower()
    if lower == "zh-hans":
        return 0
    if lower == "zh-hant":
        return 1
    if lower == "none":
        return 7
    primary, _sep, rest = lower.partition("-")
    if primary in ("zh", "lzh"):
        return 6 if "latn" in rest.split("-") else 2
    if primary == "en":
        return 3
    return 4


def _ordered(value: dict[str, list[str]]) -> dict[str, list[str]]:
    return dict(sorted(value.items(), key=lambda item: _tag_rank(item[0])))


def language_map(value: LanguageMap | None) -> dict[str, list[str]]:
    """A stored language map as an IIIF one: every language, each value in an array."""
    return _ordered({tag: [text] for tag, text in (value or {}).items() if text})


def _none(*texts: str) -> dict[str, list[str]]:
    """Text of no particular language (codes, numbers, names of unknown language)."""
    return {"none": [t for t in texts if t]}


def _interface(compose: Callable[[str], str | None]) -> dict[str, list[str]]:
    """``compose(tag)`` run with each interface language active; empty results are left out."""
    out: dict[str, list[str]] = {}
    for tag, code in INTERFACE_LANGUAGES:
        with translation.override(code):
            text = compose(tag)
        if text:
            out[tag] = [text]
    return out


def _label(text: Any) -> dict[str, list[str]]:
    """An interface string (lazy) in every interface language."""
    return _interface(lambda _tag: str(text))


def _pair(label: Any, value: dict[str, list[str]]) -> dict[str, Any]:
    return {"label": _label(label), "value": value}


def _ui_language(tag: str) -> str:
    """The interface language to compose text in for content in ``tag``."""
    primary, _sep, rest = tag.lower().partition("-")
    chinese = primary in ("zh", "lzh") and "latn" not in rest.split("-")
    return "zh-hans" if chinese else "en"


# URLs -------------------------------------------------------------------------------------


def manifest_url(base: str, slug: str) -> str:
    return base + reverse("iiif-manifest", args=[slug])


def collection_url(base: str, institution_slug: str) -> str:
    return base + reverse("iiif-collection", args=[institution_slug])


def top_collection_url(base: str) -> str:
    return base + reverse("iiif-collections")


def image_service_url(base: str, image: DigitalObject) -> str:
    # The image service is routed at iiif/3/<iiif_id>/… by the image API's own URL module.
    return f"{base}/iiif/3/{image.iiif_id}"


def resource_page_url(base: str, slug: str) -> str:
    try:
        return base + reverse("catalog:resource-detail", args=[slug])
    except NoReverseMatch:
        return f"{base}/collection/{slug}/"


def institution_page_url(base: str, slug: str) -> str:
    return base + reverse("institutions:detail", args=[slug])


def oai_mods_url(base: str, slug: str) -> str:
    namespace = settings.TONGWEN_OAI_NAMESPACE
    return f"{base}/oai?verb=GetRecord&metadataPrefix=mods&identifier=oai:{namespace}:{slug}"


def machine_rights_uri(uri: str) -> str:
    """The rights URI as the spec wants it: Creative Commons and RightsStatements.org define
    their machine-actionable URIs with ``http``; the model keeps CC's ``https`` form."""
    prefix = "https://creativecommons.org/"
    return "http://creativecommons.org/" + uri[len(prefix) :] if uri.startswith(prefix) else uri


# Images -----------------------------------------------------------------------------------


def served_size(image: DigitalObject, *, capped: bool, size: str = "max") -> tuple[int, int]:
    """The pixel size the image service returns for ``full/<size>`` to a requester who may
    (``capped=False``) or may not download full resolution; resolved by the image API's own
    request parser so the two always agree."""
    cap = settings.TONGWEN_IIIF_PREVIEW_MAX if capped else None
    return _resolved_size(image.width, image.height, cap, size)


@functools.lru_cache(maxsize=4096)
def _resolved_size(width: int, height: int, cap: int | None, size: str) -> tuple[int, int]:
    # Leaves of one book share a handful of sizes: resolving each once keeps a 300-page
    # manifest cheap.
    request = parse_request(
        "full",
        size,
        "0",
        "default",
        "jpg",
        width=width,
        height=height,
        max_width=cap,
        max_height=cap,
    )
    return request.output_size


def _service(base: str, image: DigitalObject) -> list[dict[str, str]]:
    return [
        {
            "id": image_service_url(base, image),
            "type": IMAGE_SERVICE_TYPE,
            "profile": IMAGE_SERVICE_PROFILE,
        }
    ]


def thumbnail(base: str, image: DigitalObject) -> list[dict[str, Any]]:
    """A small rendering of ``image``: the same for every user (never above the preview cap),
    so collections need no per-resource permission check."""
    edge = min(THUMBNAIL_EDGE, settings.TONGWEN_IIIF_PREVIEW_MAX)
    size = "max" if image.width <= edge and image.height <= edge else f"!{edge},{edge}"
    try:
        width, height = served_size(image, capped=False, size=size)
    except IIIFError:  # an image whose size the service refuses: leave the thumbnail out
        return []
    return [
        {
            "id": f"{image_service_url(base, image)}/full/{size}/0/default.jpg",
            "type": "Image",
            "format": "image/jpeg",
            "width": width,
            "height": height,
            "service": _service(base, image),
        }
    ]


def _canvas(
    base: str,
    manifest_base: str,
    n: int,
    image: DigitalObject,
    capped: bool,
    page_labels: dict[str, str],
) -> dict[str, Any]:
    canvas_id = f"{manifest_base}/canvas/{n}"
    width, height = served_size(image, capped=capped)
    label = language_map(image.label) or {
        tag: [pattern % {"n": n}] for tag, pattern in page_labels.items()
    }
    return {
        "id": canvas_id,
        "type": "Canvas",
        "label": label,
        "width": image.width,
        "height": image.height,
        "items": [
            {
                "id": f"{manifest_base}/page/{n}",
                "type": "AnnotationPage",
                "items": [
                    {
                        "id": f"{manifest_base}/annotation/{n}",
                        "type": "Annotation",
                        "motivation": "painting",
                        "target": canvas_id,
                        "body": {
                            "id": f"{image_service_url(base, image)}/full/max/0/default.jpg",
                            "type": "Image",
                            "format": "image/jpeg",
                            "width": width,
                            "height": height,
                            "service": _service(base, image),
                        },
                    }
                ],
            }
        ],
    }


# Descriptive metadata ---------------------------------------------------------------------


def _year(year: int) -> str:
    return _("%(year)d BCE") % {"year": -year} if year < 0 else str(year)


def _years(resource: Resource) -> str:
    if resource.year_from is None:
        return ""
    if resource.year_to is None or resource.year_to == resource.year_from:
        return _year(resource.year_from)
    return _("%(start)s–%(end)s") % {
        "start": _year(resource.year_from),
        "end": _year(resource.year_to),
    }


def _period(code: str, tag: str) -> str:
    """The period's name for content in ``tag``; the code itself if the table lacks it."""
    try:
        return periods.period_label(code, tag)
    except KeyError:
        return code


def _creator_text(creator: Creator, tag: str) -> str:
    name = creator.name.get(tag) or langmap.best(creator.name, tag)
    with translation.override(_ui_language(tag)):
        role = str(Creator.Role(creator.role).label) if creator.role else ""
        period = _period(creator.period, tag)
        if period:
            return _("%(name)s (%(role)s, %(period)s)") % {
                "name": name,
                "role": role,
                "period": period,
            }
        return _("%(name)s (%(role)s)") % {"name": name, "role": role}


def _creators(creators: Sequence[Creator]) -> dict[str, list[str]]:
    tags: list[str] = []
    for creator in creators:
        tags.extend(t for t in creator.name if t not in tags)
    return _ordered({tag: [_creator_text(c, tag) for c in creators] for tag in tags})


def _date(resource: Resource) -> Callable[[str], str | None]:
    def compose(tag: str) -> str | None:
        years = _years(resource)
        period = _period(resource.period, tag)
        detail = ", ".join(t for t in (period, years) if t)
        if resource.date_written and detail:
            return _("%(written)s (%(detail)s)") % {
                "written": resource.date_written,
                "detail": detail,
            }
        return resource.date_written or detail

    return compose


def _edition(resource: Resource) -> Callable[[str], str | None]:
    def compose(tag: str) -> str | None:
        edition = str(Resource.Edition(resource.edition).label) if resource.edition else ""
        note = langmap.best(resource.edition_note, tag)
        return "; ".join(t for t in (edition, note) if t)

    return compose


def _extent(resource: Resource) -> Callable[[str], str | None]:
    def compose(tag: str) -> str | None:
        parts = []
        if resource.extent_juan is not None:
            n = resource.extent_juan
            parts.append(ngettext("%(n)d juan", "%(n)d juan", n) % {"n": n})
        if resource.extent_volumes is not None:
            n = resource.extent_volumes
            parts.append(ngettext("%(n)d volume", "%(n)d volumes", n) % {"n": n})
        if resource.extent_pages is not None:
            n = resource.extent_pages
            parts.append(ngettext("%(n)d page", "%(n)d pages", n) % {"n": n})
        note = langmap.best(resource.extent_note, tag)
        if note:
            parts.append(note)
        if resource.dimensions:
            parts.append(resource.dimensions)
        return "; ".join(parts)

    return compose


def language_name(code: str) -> str:
    """The name of a content language in the active interface language; the code itself
    when no name is known."""
    lower = code.lower()
    primary = lower.split("-")[0]
    if lower in _LANGUAGE_NAMES:
        return str(_LANGUAGE_NAMES[lower])
    for key in (lower, primary):
        info = LANG_INFO.get(key)
        if info and "name" in info:
            return _(info["name"])
    if primary in _LANGUAGE_NAMES:
        return str(_LANGUAGE_NAMES[primary])
    return code


def _languages(resource: Resource) -> Callable[[str], str | None]:
    def compose(tag: str) -> str | None:
        return ", ".join(language_name(code) for code in resource.languages)

    return compose


def _linked_titles(values: Iterable[LanguageMap]) -> dict[str, list[str]]:
    maps = list(values)
    tags: list[str] = []
    for value in maps:
        tags.extend(t for t in value if t not in tags)
    return _ordered(
        {tag: [value.get(tag) or langmap.best(value, tag) for value in maps] for tag in tags}
    )


def metadata(resource: Resource) -> list[dict[str, Any]]:
    """The label/value pairs a viewer shows beside the images, in reading order."""
    creators = list(resource.creators.all())
    pairs: list[dict[str, Any]] = []

    def add(label: Any, value: dict[str, list[str]]) -> None:
        if any(value.values()):
            pairs.append(_pair(label, value))

    if creators:
        add(gettext_lazy("Creators"), _creators(creators))
    add(gettext_lazy("Date"), _interface(_date(resource)))
    add(gettext_lazy("Edition"), _interface(_edition(resource)))
    add(gettext_lazy("Extent"), _interface(_extent(resource)))
    if resource.subjects:
        add(gettext_lazy("Subjects"), _none(*resource.subjects))
    if resource.languages:
        add(gettext_lazy("Languages"), _interface(_languages(resource)))
    if resource.call_number:
        add(gettext_lazy("Call number"), _none(resource.call_number))
    if resource.identifiers:
        add(
            gettext_lazy("Identifiers"),
            _none(*(f"{i['scheme']}: {i['value']}" for i in resource.identifiers)),
        )
    add(gettext_lazy("Holding institution"), language_map(resource.holder.name))
    agreements = list(resource.agreements.all())
    if agreements:
        add(gettext_lazy("Agreements"), _linked_titles(a.title for a in agreements))
    add(gettext_lazy("Rights"), _label(Rights(resource.rights).label))
    return pairs


# Documents --------------------------------------------------------------------------------


def _agent(base: str, institution: Institution) -> dict[str, Any]:
    page = institution_page_url(base, institution.slug)
    homepages = [
        {
            "id": page,
            "type": "Text",
            "label": language_map(institution.name),
            "format": "text/html",
        }
    ]
    if institution.website:
        homepages.append(
            {
                "id": institution.website,
                "type": "Text",
                "label": language_map(institution.name),
                "format": "text/html",
            }
        )
    return {
        "id": page,
        "type": "Agent",
        "label": language_map(institution.name),
        "homepage": homepages,
    }


def manifest_build(*, resource: Resource, download: bool, base: str) -> dict[str, Any]:
    """The Manifest of ``resource`` for a user who may (``download``) or may not take the
    full-resolution images; ``base`` is the site's scheme and host, without a trailing slash.

    The resource must come from ``selectors.resource_get`` (creators, images and agreements
    prefetched, holder joined): the build then makes no query.
    """
    own_url = manifest_url(base, resource.slug)
    manifest_base = own_url.removesuffix("/manifest")
    images = sorted(resource.images.all(), key=lambda i: (i.order, i.id))
    holder = resource.holder
    page_labels = {tag: text[0] for tag, text in _label(gettext_lazy("p. %(n)d")).items()}
    document: dict[str, Any] = {
        "@context": CONTEXT,
        "id": own_url,
        "type": "Manifest",
        "label": language_map(resource.title),
        "metadata": metadata(resource),
    }
    if resource.description:
        document["summary"] = language_map(resource.description)
    document |= {
        "rights": machine_rights_uri(resource.rights),
        "requiredStatement": {
            "label": _label(gettext_lazy("Attribution")),
            "value": language_map(holder.name),
        },
        "provider": [_agent(base, holder)],
        "viewingDirection": resource.viewing_direction,
        "behavior": ["paged" if resource.kind in BOUND_KINDS else "individuals"],
        "homepage": [
            {
                "id": resource_page_url(base, resource.slug),
                "type": "Text",
                "label": language_map(resource.title),
                "format": "text/html",
            }
        ],
        "seeAlso": [
            {
                "id": oai_mods_url(base, resource.slug),
                "type": "Dataset",
                "label": _label(gettext_lazy("MODS record")),
                "format": "application/xml",
                "profile": MODS_PROFILE,
            }
        ],
        "partOf": [
            {
                "id": collection_url(base, holder.slug),
                "type": "Collection",
                "label": language_map(holder.name),
            }
        ],
    }
    if images:
        document["thumbnail"] = thumbnail(base, images[0])
    document["items"] = [
        _canvas(base, manifest_base, n, image, not download, page_labels)
        for n, image in enumerate(images, start=1)
    ]
    return document


def manifest_reference(*, resource: Resource, base: str) -> dict[str, Any]:
    """How a Collection lists a Manifest: id, type, label and thumbnail."""
    reference: dict[str, Any] = {
        "id": manifest_url(base, resource.slug),
        "type": "Manifest",
        "label": language_map(resource.title),
    }
    images = sorted(resource.images.all(), key=lambda i: (i.order, i.id))
    if images:
        reference["thumbnail"] = thumbnail(base, images[0])
    return reference


def collection_build(
    *, institution: Institution, resources: Iterable[Resource], base: str
) -> dict[str, Any]:
    """The Collection of what ``institution`` holds, limited to ``resources`` (the ones the
    user may see, from ``selectors.resource_list(holder=…)``), in slug order."""
    document: dict[str, Any] = {
        "@context": CONTEXT,
        "id": collection_url(base, institution.slug),
        "type": "Collection",
        "label": language_map(institution.name),
    }
    if institution.description:
        document["summary"] = language_map(institution.description)
    document |= {
        "provider": [_agent(base, institution)],
        "homepage": [
            {
                "id": institution_page_url(base, institution.slug),
                "type": "Text",
                "label": language_map(institution.name),
                "format": "text/html",
            }
        ],
        "partOf": [{"id": top_collection_url(base), "type": "Collection", "label": _top_label()}],
        "items": [
            manifest_reference(resource=r, base=base)
            for r in sorted(resources, key=lambda r: r.slug)
        ],
    }
    return document


def _top_label() -> dict[str, list[str]]:
    return _label(gettext_lazy("Tongwen shared collection"))


def top_collection_build(*, institutions: Iterable[Institution], base: str) -> dict[str, Any]:
    """The Collection of institution Collections (those holding something the user sees)."""
    return {
        "@context": CONTEXT,
        "id": top_collection_url(base),
        "type": "Collection",
        "label": _top_label(),
        "items": [
            {
                "id": collection_url(base, institution.slug),
                "type": "Collection",
                "label": language_map(institution.name),
            }
            for institution in sorted(institutions, key=lambda i: i.slug)
        ],
    }
