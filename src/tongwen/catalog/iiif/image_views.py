"""The IIIF Image API 3.0 service: HTTP over the engine in :mod:`tongwen.catalog.iiif.image`.

Routes (see ``image_urls``), all answering GET and HEAD, and OPTIONS preflights:

* ``iiif/3/<id>`` and ``iiif/3/<id>/``: 303 to ``info.json``;
* ``iiif/3/<id>/info.json``: the image information, JSON-LD when the client asks for it or
  sends no Accept header, plain JSON otherwise;
* ``iiif/3/<id>/<region>/<size>/<rotation>/<quality>.<format>``: the image, rendered through
  the derivative cache, with the canonical and profile ``Link`` header and an ETag.

Who may see what is decided by :func:`tongwen.catalog.selectors.image_access_row` alone: a missing
image and one the user may not see are the same 404. A user without download rights gets the
image capped at ``TONGWEN_IIIF_PREVIEW_MAX`` pixels on each side, in info.json and in every
request (the engine then refuses, with 403, details finer than the capped image). Derivatives
are cached by their canonical request, which names the exact pixels returned, so a capped and
an uncapped user can share cache entries without either seeing more than they may.

Every answer, errors included, carries ``Access-Control-Allow-Origin: *``. Errors are short,
translated plain-text bodies with the engine's status (400, 403, 404, 500, 501).

The views stay thin on the hot path (tiles): one lean query for an anonymous user on a public
image (:func:`~tongwen.catalog.selectors.image_access_row`, which skips the query compiler but
decides access through :func:`~tongwen.catalog.permissions.resource_access` on every request),
no template, no JSON; the backend and the cache are built once per process (again when their
settings change, which tests do). Anonymous GET and HEAD requests reach these views through the
short middleware list of :mod:`tongwen.config.wsgi`; signed-in ones through the full stack.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from tongwen.catalog import images, selectors
from tongwen.catalog.iiif import image as engine
from tongwen.catalog.iiif.presentation import machine_rights_uri
from tongwen.catalog.models import DigitalObject
from tongwen.catalog.permissions import Access

__all__ = [
    "IMAGE_MAX_AGE",
    "derivative_cache",
    "image_base",
    "image_info",
    "image_request",
    "not_found",
]

#: How long shared caches may keep images of open resources fetched anonymously (seconds).
IMAGE_MAX_AGE = 86_400
_METHODS = "GET, HEAD, OPTIONS"
_TEXT = "text/plain; charset=utf-8"

ImageView = Callable[..., HttpResponseBase]


class _Refusal(Exception):
    """An answer other than the image: status and message, sent as short plain text."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


# --- the per-process derivative cache ---------------------------------------------------------

_cache_lock = threading.Lock()
_cache: tuple[tuple[Any, Any], engine.DerivativeCache] | None = None


def derivative_cache() -> engine.DerivativeCache:
    """The process's derivative cache, built on first use (and again if its settings change)."""
    global _cache
    key = (settings.TONGWEN_IIIF_CACHE_ROOT, settings.TONGWEN_IIIF_CACHE_MAX_BYTES)
    current = _cache
    if current is None or current[0] != key:
        with _cache_lock:
            current = _cache
            if current is None or current[0] != key:
                current = (key, engine.DerivativeCache(Path(key[0]), key[1]))
                _cache = current
    return current[1]


# --- helpers ---------------------------------------------------------------------------------


def _text(status: int, message: str) -> HttpResponse:
    return HttpResponse(message + "\n", status=status, content_type=_TEXT)


def _iiif_endpoint(view: ImageView) -> ImageView:
    """GET and HEAD go to ``view``; OPTIONS is a CORS preflight; anything else is 405.

    Refusals become plain-text answers, HEAD answers lose their body (keeping its length),
    and everything is open to any origin.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response: HttpResponseBase
        if request.method in ("GET", "HEAD"):
            try:
                response = view(request, *args, **kwargs)
            except _Refusal as refusal:
                response = _text(refusal.status, refusal.message)
            except engine.IIIFError as error:
                response = _text(error.status, error.message)
            if request.method == "HEAD" and isinstance(response, HttpResponse) and response.content:
                length = len(response.content)
                response.content = b""
                response["Content-Length"] = str(length)
        elif request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = _METHODS
            requested = request.headers.get("Access-Control-Request-Headers")
            if requested:
                response["Access-Control-Allow-Headers"] = requested
            response["Access-Control-Max-Age"] = "86400"
            response["Allow"] = _METHODS
        else:
            response = _text(405, _("Only GET, HEAD and OPTIONS are allowed here."))
            response["Allow"] = _METHODS
        response["Access-Control-Allow-Origin"] = "*"
        return response

    # Preflights and refusals of other methods must reach the wrapper, not the CSRF check.
    return csrf_exempt(wrapper)


def _image_or_404(request: HttpRequest, identifier: str) -> tuple[DigitalObject, Access]:
    try:
        return selectors.image_access_row(user=request.user, iiif_id=identifier)
    except DigitalObject.DoesNotExist:
        raise _Refusal(404, _("No such image.")) from None


def _cap(access: Access) -> int | None:
    """The longest edge this user may have, or ``None`` for full resolution."""
    return None if access.download else settings.TONGWEN_IIIF_PREVIEW_MAX


def _cache_control(request: HttpRequest, image: DigitalObject) -> str:
    # What a signed-in user sees depends on grants that can be revoked at any time: such
    # answers stay in the user's own cache and are checked again (cheaply, by ETag) each use.
    if image.resource.is_open and not request.user.is_authenticated:
        return f"public, max-age={IMAGE_MAX_AGE}"
    return "private, no-cache"


def _wants_json_ld(request: HttpRequest) -> bool:
    accept = request.headers.get("Accept")
    return accept is None or "application/ld+json" in accept


# --- views -----------------------------------------------------------------------------------


@_iiif_endpoint
def image_base(request: HttpRequest, identifier: str) -> HttpResponseBase:
    """The base URI: a 303 to the image information (spec section 2.1)."""
    _image_or_404(request, identifier)
    response = HttpResponse(status=303)
    response["Location"] = request.build_absolute_uri(request.path.rstrip("/") + "/info.json")
    return response


@_iiif_endpoint
def image_info(request: HttpRequest, identifier: str) -> HttpResponseBase:
    """``info.json``, with the caps that apply to this user."""
    image, access = _image_or_404(request, identifier)
    cap = _cap(access)
    # The validator insists on ``id`` being exactly the URL asked for, less "/info.json".
    service_url = request.build_absolute_uri(request.path).removesuffix("/info.json")
    document = engine.info(
        service_url,
        image.width,
        image.height,
        max_width=cap,
        max_height=cap,
        rights=machine_rights_uri(image.resource.rights),
    )
    body = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()
    etag = f'"{hashlib.blake2b(body, digest_size=16).hexdigest()}"'
    content_type = engine.JSONLD_MEDIA_TYPE if _wants_json_ld(request) else "application/json"
    response = get_conditional_response(request, etag=etag) or HttpResponse(
        body, content_type=content_type
    )
    response["ETag"] = etag
    response["Cache-Control"] = _cache_control(request, image)
    response["Link"] = engine.link_header(service_url)
    patch_vary_headers(response, ("Accept", "Cookie"))
    return response


@_iiif_endpoint
def image_request(
    request: HttpRequest,
    identifier: str,
    region: str,
    size: str,
    rotation: str,
    quality_format: str,
) -> HttpResponseBase:
    """One image: parsed against this user's caps, rendered through the derivative cache."""
    quality, dot, fmt = quality_format.rpartition(".")
    image, access = _image_or_404(request, identifier)
    if not dot:
        raise _Refusal(
            400,
            _("The last segment must be a quality and a format, as in “default.jpg”."),
        )
    cap = _cap(access)
    iiif_request = engine.parse_request(
        region,
        size,
        rotation,
        quality,
        fmt,
        width=image.width,
        height=image.height,
        max_width=cap,
        max_height=cap,
    )
    service_url = request.build_absolute_uri(request.path.rsplit("/", 4)[0])
    key = f"{image.iiif_id}\n{iiif_request.canonical}\n{cap}".encode()
    etag = f'"{hashlib.blake2b(key, digest_size=16).hexdigest()}"'
    response = get_conditional_response(request, etag=etag)
    if response is None:
        data, _hit = engine.render_cached(
            images.master_path(image),
            iiif_request,
            engine.get_backend(settings.TONGWEN_IIIF_BACKEND),
            derivative_cache(),
            image.iiif_id,
        )
        response = HttpResponse(data, content_type=iiif_request.media_type)
    response["ETag"] = etag
    response["Cache-Control"] = _cache_control(request, image)
    response["Link"] = engine.link_header(service_url, iiif_request)
    patch_vary_headers(response, ("Cookie",))
    return response


@_iiif_endpoint
def not_found(request: HttpRequest, rest: str = "") -> HttpResponseBase:
    """Anything else under ``iiif/3/`` (such as an identifier with an unescaped slash)."""
    raise _Refusal(404, _("No such image."))
