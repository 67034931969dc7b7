"""Shared fixtures: data built through the real services, as users would build it."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import translation
from rest_framework.test import APIClient

from tongwen.accounts import services as accounts
from tongwen.agreements import services as agreements
from tongwen.common.actors import SYSTEM
from tongwen.institutions import services as institutions
from tongwen.search import backends as search_backends
from tongwen.search import services as search_services


@pytest.fixture(autouse=True)
def _fast_passwords_and_english(settings):  # type: ignore[no-untyped-def]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _own_image_store(settings, tmp_path):  # type: ignore[no-untyped-def]
    """Image files are written outside the database transaction: each test gets its own store
    and derivative cache, so nothing is left behind and no test sees another's files."""
    settings.TONGWEN_IMAGE_ROOT = tmp_path / "images"
    settings.TONGWEN_IIIF_CACHE_ROOT = tmp_path / "iiif-cache"


@pytest.fixture(autouse=True)
def _own_search_index(settings, tmp_path):  # type: ignore[no-untyped-def]
    """The search index is written after commits, outside the test's transaction: each test
    gets its own, opened on first use and closed after."""
    settings.TONGWEN_SEARCH_DIR = tmp_path / "search"
    yield
    search_services.discard_pending()
    search_backends.close_all()


def make_institution(slug: str, name_en: str, kind: str = "library", **extra):  # type: ignore[no-untyped-def]
    return institutions.institution_create(
        actor=SYSTEM, slug=slug, name={"en": name_en}, kind=kind, **extra
    )


def make_agreement(slug: str, parties, status: str = "signed", **extra):  # type: ignore[no-untyped-def]
    extra.setdefault("title", {"en": slug.replace("-", " ").title()})
    extra.setdefault("kind", "strategic_cooperation_agreement")
    extra.setdefault("signed_year", 2021)
    extra.setdefault("signed_month", 3)
    extra.setdefault("signed_day", 11)
    return agreements.agreement_create(
        actor=SYSTEM,
        slug=slug,
        parties=parties,
        status=status,
        **extra,
    )


def make_user(username: str, institution=None, role: str = "editor"):  # type: ignore[no-untyped-def]
    user = accounts.user_create(username=username, password="correct horse battery")
    if institution is not None:
        accounts.membership_grant(user=user, institution=institution, role=role)
    return user


@pytest.fixture
def world(db):  # type: ignore[no-untyped-def]
    """Three institutions; A–B signed, B–C draft; an editor at each and a viewer at B."""
    a = make_institution("inst-a", "Institution A")
    b = make_institution("inst-b", "Institution B", kind="museum")
    c = make_institution("inst-c", "Institution C", kind="publisher")
    ab = make_agreement("a-b", [a, b])
    bc = make_agreement("b-c-draft", [b, c], status="draft")
    commitment = agreements.commitment_create(
        actor=SYSTEM, agreement=ab, text={"en": "Share resources."}, category="resource_sharing"
    )
    return {
        "a": a,
        "b": b,
        "c": c,
        "ab": ab,
        "bc": bc,
        "commitment": commitment,
        "editor_a": make_user("editor-a", a),
        "editor_b": make_user("editor-b", b),
        "editor_c": make_user("editor-c", c),
        "viewer_b": make_user("viewer-b", b, "viewer"),
    }


@pytest.fixture
def client() -> Client:
    """Django's test client, asking for English unless a test asks otherwise."""
    return Client(HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture
def api() -> APIClient:
    return APIClient(HTTP_ACCEPT_LANGUAGE="en")
