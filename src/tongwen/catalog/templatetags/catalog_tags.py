"""Template helpers of the collection pages: IIIF image paths, titles in their original
script, periods and year ranges in the reader's language, the workspace block."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tongwen.accounts.selectors import is_platform_admin, member_institution_ids
from tongwen.catalog import periods, selectors
from tongwen.catalog.api import image_thumbnail_path, manifest_path, oai_record_path, viewer_path
from tongwen.catalog.models import Resource
from tongwen.common import langmap

register = template.Library()

# The content tag each script's text is stored under, for the "original script" line.
_SCRIPT_TAGS = {"Hant": "zh-Hant", "Hans": "zh-Hans"}
_ORIGINAL_TAGS = ("zh-Hant", "lzh", "zh", "zh-Hans")


def reader_language() -> str:
    """The content language tag of the interface language (``zh-Hans`` or ``en``)."""
    code = get_language() or "zh-hans"
    return "zh-Hans" if code.lower().startswith("zh") else code


@register.simple_tag
def period_name(code: str) -> str:
    """A dynasty or period code in the reader's language; the code itself when unknown."""
    try:
        return periods.period_label(code, reader_language())
    except KeyError:  # a code from before the period table knew it: show it as it is
        return code


@register.simple_tag
def years(resource: Resource) -> str:
    """'1775', '1644–1911', or '' when the years are unknown."""
    start, end = resource.year_from, resource.year_to
    if start is None:
        return ""
    if end is None or end == start:
        return _year(start)
    return _("%(start)s–%(end)s") % {"start": _year(start), "end": _year(end)}


def _year(year: int) -> str:
    return _("%(year)s BCE") % {"year": -year} if year < 0 else str(year)


@register.simple_tag
def original_title(resource: Resource) -> SafeString:
    """The title in its original script when the reader is shown another value."""
    title = resource.title or {}
    preferred = _SCRIPT_TAGS.get(resource.script)
    tags = ((preferred,) if preferred else ()) + _ORIGINAL_TAGS
    tag = next((t for t in tags if title.get(t)), None)
    if tag is None or title[tag] == langmap.best(title, reader_language()):
        return mark_safe("")
    return format_html('<span class="original" lang="{}">{}</span>', tag, title[tag])


@register.filter
def thumbnail(iiif_id: str, size: int = 200) -> str:
    return image_thumbnail_path(iiif_id, int(size))


@register.filter
def manifest_url(resource: Resource) -> str:
    return manifest_path(resource.slug)


@register.filter
def viewer_url(resource: Resource) -> str:
    return viewer_path(resource.slug)


@register.filter
def oai_url(resource: Resource) -> str:
    return oai_record_path(resource.slug)


@register.inclusion_tag("catalog/_workspace_block.html", takes_context=True)
def collection_workspace(context: dict[str, Any]) -> dict[str, Any]:
    """The "Shared collection" block of the workspace: what the user's institutions hold."""
    user = context["user"]
    ids = member_institution_ids(user)
    held = selectors.resource_list(user=user).filter(holder_id__in=ids)
    return {
        "held_count": held.count(),
        "recent": list(held.order_by("-modified_at")[:5]),
        "can_create": is_platform_admin(user) or bool(member_institution_ids(user, editing=True)),
        "grant_count": selectors.grant_list(user=user).count(),
    }
