"""The WSGI application, with a lean path for anonymous IIIF image requests.

Tiles are by far the most frequent request, and most come from viewers that carry no session.
Such a request (GET or HEAD under ``/iiif/3/``, no session cookie, no ``Authorization``
header) needs none of the session, CSRF, messages or authentication middleware: it is
anonymous whatever they would do. :func:`application` sends it to a second Django handler whose
middleware is only what changes such an answer (security headers, the language of error
messages, frame options), with ``request.user`` set to ``AnonymousUser``. It resolves the same
URLconf and runs the same views, which decide access afresh on every request. Everything else,
signed-in users included, goes through the full stack.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from typing import Any

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tongwen.config.settings")
django_application = get_wsgi_application()

from django.conf import settings  # noqa: E402  (after setup)
from django.contrib.auth.models import AnonymousUser  # noqa: E402
from django.core.handlers.exception import convert_exception_to_response  # noqa: E402
from django.core.handlers.wsgi import WSGIHandler  # noqa: E402
from django.http import HttpRequest, HttpResponse, HttpResponseBase  # noqa: E402
from django.middleware.clickjacking import XFrameOptionsMiddleware  # noqa: E402
from django.middleware.locale import LocaleMiddleware  # noqa: E402
from django.middleware.security import SecurityMiddleware  # noqa: E402

IIIF_IMAGE_PREFIX = "/iiif/3/"
_LEAN_MIDDLEWARE = (SecurityMiddleware, LocaleMiddleware, XFrameOptionsMiddleware)


class AnonymousIIIFHandler(WSGIHandler):
    """Django's WSGI handler with a short middleware list, for anonymous image requests."""

    def load_middleware(self, is_async: bool = False) -> None:
        self._view_middleware: list[Any] = []
        self._template_response_middleware: list[Any] = []
        self._exception_middleware: list[Any] = []
        handler = convert_exception_to_response(self._get_response)  # type: ignore[attr-defined]
        for middleware in reversed(_LEAN_MIDDLEWARE):
            handler = convert_exception_to_response(middleware(handler))
        self._middleware_chain = handler

    def get_response(self, request: HttpRequest) -> HttpResponseBase:
        request.user = AnonymousUser()
        response = super().get_response(request)
        if isinstance(response, HttpResponse) and not response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))  # as CommonMiddleware
        return response


anonymous_iiif_application = AnonymousIIIFHandler()
_SESSION_COOKIE = settings.SESSION_COOKIE_NAME


def is_anonymous_image_request(environ: dict[str, Any]) -> bool:
    """GET or HEAD under ``/iiif/3/`` that cannot be signed in (any doubt: no)."""
    return (
        environ.get("REQUEST_METHOD") in ("GET", "HEAD")
        and environ.get("PATH_INFO", "").startswith(IIIF_IMAGE_PREFIX)
        and "HTTP_AUTHORIZATION" not in environ
        and _SESSION_COOKIE not in environ.get("HTTP_COOKIE", "")
    )


def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    if is_anonymous_image_request(environ):
        return anonymous_iiif_application(environ, start_response)
    return django_application(environ, start_response)


def _warm_search() -> None:
    """Open the search index and touch what a first search would load (the analysis tables,
    the facet columns), so the first reader of each worker does not wait for it."""
    from tongwen.search import backends

    try:
        backends.warm_up()
    except Exception:  # a missing or locked index must not stop the site; searches will say
        import logging

        logging.getLogger(__name__).exception("search index warm-up failed")


_warm_search()
