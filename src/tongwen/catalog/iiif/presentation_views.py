"""IIIF Presentation API endpoints, the viewer page and the embeddable viewer.

The JSON endpoints answer any origin (CORS ``*``), negotiate between JSON-LD and plain JSON,
and support conditional GET: the ETag is a digest of the body (so it changes with anything the
document shows, including what this user may download), Last-Modified is the newest
``modified_at`` among the resources shown. A resource the user may not see is a 404, the same
as one that does not exist.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.db.models import Max
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.html import format_html
from django.utils.http import http_date
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from tongwen.catalog import selectors
from tongwen.catalog.iiif import presentation
from tongwen.catalog.models import Resource
from tongwen.institutions.models import Institution
from tongwen.institutions.selectors import institution_get, institution_list

#: Mirador's names for the site's interface languages.
_VIEWER_LANGUAGES = {"zh-hans": "zh-CN", "en": "en"}
EMBED_WIDTH = 800
EMBED_HEIGHT = 600


def _base(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _media_type(request: HttpRequest) -> str:
    """JSON-LD with the Presentation 3 profile, unless the client asks for plain JSON only."""
    preferred = request.get_preferred_type(["application/ld+json", "application/json"])
    return "application/json" if preferred == "application/json" else presentation.JSONLD_MEDIA_TYPE


def _cors(response: HttpResponseBase) -> HttpResponseBase:
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _not_found(message: str) -> HttpResponseBase:
    return _cors(
        JsonResponse(
            {"errors": [{"field": None, "code": "not_found", "message": message}]}, status=404
        )
    )


def _document_response(
    request: HttpRequest, document: dict[str, Any], last_modified: Any
) -> HttpResponseBase:
    body = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()
    etag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
    # HTTP dates have whole seconds; a fractional timestamp would never compare as unmodified.
    timestamp = int(last_modified.timestamp()) if last_modified is not None else None
    response: HttpResponseBase | None = get_conditional_response(
        request, etag=etag, last_modified=timestamp
    )
    if response is None:
        response = HttpResponse(body, content_type=_media_type(request))
    response["ETag"] = etag
    if timestamp is not None:
        response["Last-Modified"] = http_date(timestamp)
    # What a user may see and download depends on who they are: caches must ask again.
    response["Cache-Control"] = "private, no-cache" if request.user.is_authenticated else "no-cache"
    patch_vary_headers(response, ("Accept", "Cookie"))
    return _cors(response)


def _viewer_language() -> str:
    return _VIEWER_LANGUAGES.get(get_language() or "", "en")


@require_safe
def manifest(request: HttpRequest, slug: str) -> HttpResponseBase:
    try:
        resource = selectors.resource_get(user=request.user, slug=slug)
    except Resource.DoesNotExist:
        return _not_found(_("No such resource."))
    access = selectors.resource_access(user=request.user, resource=resource)
    document = presentation.manifest_build(
        resource=resource, download=access.download, base=_base(request)
    )
    return _document_response(request, document, resource.modified_at)


@require_safe
def collection(request: HttpRequest, slug: str) -> HttpResponseBase:
    try:
        institution = institution_get(slug=slug)
    except Institution.DoesNotExist:
        return _not_found(_("No such institution."))
    resources = list(selectors.resource_list(user=request.user, holder=slug).order_by("slug"))
    document = presentation.collection_build(
        institution=institution, resources=resources, base=_base(request)
    )
    newest = max((r.modified_at for r in resources), default=None)
    return _document_response(request, document, newest)


@require_safe
def top_collection(request: HttpRequest) -> HttpResponseBase:
    visible = selectors.resource_list(user=request.user).order_by()
    holders = visible.values("holder_id")
    institutions = list(institution_list().filter(pk__in=holders).order_by("slug"))
    document = presentation.top_collection_build(institutions=institutions, base=_base(request))
    newest = visible.aggregate(newest=Max("modified_at"))["newest"]
    return _document_response(request, document, newest)


def _viewer_context(request: HttpRequest, resource: Resource) -> dict[str, Any]:
    manifest_id = presentation.manifest_url(_base(request), resource.slug)
    view = "book" if resource.kind in presentation.BOUND_KINDS else "single"
    config = {
        "id": "viewer",
        "language": _viewer_language(),
        "windows": [{"manifestId": manifest_id, "view": view}],
        "window": {
            "allowClose": False,
            "allowMaximize": False,
            "defaultSideBarPanel": "info",
            "sideBarOpenByDefault": False,
        },
        "thumbnailNavigation": {"defaultPosition": "far-bottom"},
        "workspace": {"showZoomControls": True},
        "workspaceControlPanel": {"enabled": False},
    }
    return {"resource": resource, "manifest_url": manifest_id, "viewer_config": config}


def _resource_or_404(request: HttpRequest, slug: str) -> Resource:
    try:
        return selectors.resource_get(user=request.user, slug=slug)
    except Resource.DoesNotExist:
        raise Http404 from None


@require_safe
def viewer(request: HttpRequest, slug: str) -> HttpResponse:
    resource = _resource_or_404(request, slug)
    return render(request, "catalog/viewer.html", _viewer_context(request, resource))


@require_safe
@xframe_options_exempt
def embed(request: HttpRequest, slug: str) -> HttpResponse:
    resource = _resource_or_404(request, slug)
    response = render(request, "catalog/embed.html", _viewer_context(request, resource))
    # Any site may frame the viewer: that is what it is for.
    response["Content-Security-Policy"] = "frame-ancestors *"
    return response


def embed_snippet(request: HttpRequest, resource: Resource) -> str:
    """The ``<iframe>`` a partner pastes into their page to show ``resource`` in the viewer.

    The frame loads without the reader's Tongwen session (browsers do not send it to a
    cross-site frame), so it shows public resources only.
    """
    src = request.build_absolute_uri(reverse("catalog-embed", args=[resource.slug]))
    return format_html(
        '<iframe src="{}" width="{}" height="{}" allowfullscreen title="{}"></iframe>',
        src,
        EMBED_WIDTH,
        EMBED_HEIGHT,
        _("%(title)s — image viewer") % {"title": resource.display_title},
    )
