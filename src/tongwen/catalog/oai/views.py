"""The OAI-PMH endpoint: who is asking, then the provider answers.

Partners' harvesters authenticate with HTTP Basic on every request; people browsing use their
session. Anyone else is anonymous and sees public records.

Checking a password costs ~0.4 s (PBKDF2, a million rounds), paid by every page of a harvest.
So credentials that passed are remembered for a few minutes in the cache, under an HMAC of
them, beside a digest of the user's password hash: changing the password or deactivating the
user ends it at once. Failures are never remembered.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
from typing import Any

from django.conf import settings
from django.contrib.auth import authenticate, get_user_model
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from tongwen.catalog.oai import provider

REALM = "Tongwen OAI-PMH"
#: How long credentials that passed are remembered.
CREDENTIALS_SECONDS = 300


class _BadCredentials(Exception):
    pass


def _basic_user(request: HttpRequest, header: str) -> Any:
    """The user of HTTP Basic credentials; :class:`_BadCredentials` when they fail."""
    try:
        decoded = base64.b64decode(header.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise _BadCredentials from None
    username, sep, password = decoded.partition(":")
    if not sep or not username:
        raise _BadCredentials
    key = "tongwen:oai:basic:" + _digest(f"{username}\0{password}")
    remembered = cache.get(key)
    if remembered is not None:
        pk, password_digest = remembered
        user = get_user_model()._default_manager.filter(pk=pk, is_active=True).first()
        if user is not None and hmac.compare_digest(_digest(user.password), password_digest):
            return user
    user = authenticate(request, username=username, password=password)
    if user is None:
        raise _BadCredentials
    cache.set(key, (user.pk, _digest(user.password)), CREDENTIALS_SECONDS)
    return user


def _digest(value: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), value.encode(), hashlib.sha256).hexdigest()


def _challenge() -> HttpResponse:
    response = HttpResponse(
        _("The user name or password is wrong."),
        status=401,
        content_type="text/plain; charset=utf-8",
    )
    response["WWW-Authenticate"] = f'Basic realm="{REALM}", charset="UTF-8"'
    return response


# Harvesters post forms without a CSRF token; the endpoint only reads, so that is harmless.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def endpoint(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    authorization = request.META.get("HTTP_AUTHORIZATION", "")
    scheme, _sep, credentials = authorization.partition(" ")
    if scheme.lower() == "basic":
        try:
            user = _basic_user(request, credentials)
        except _BadCredentials:
            return _challenge()
    params = request.POST if request.method == "POST" else request.GET
    body = provider.respond(
        params={name: params.getlist(name) for name in params},
        user=user,
        base_url=request.build_absolute_uri(reverse("oai")),
        site_url=f"{request.scheme}://{request.get_host()}",
    )
    response = HttpResponse(body, content_type="text/xml; charset=utf-8")
    patch_vary_headers(response, ["Authorization", "Cookie"])
    if getattr(user, "is_authenticated", False):
        patch_cache_control(response, private=True)
    return response
