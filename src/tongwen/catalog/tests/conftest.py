"""Catalog fixtures: a small collection built through the real services.

``world`` (see the project conftest) gives institutions A, B, C; A–B signed, B–C draft.
Here B holds one resource of each visibility, and shares the private one with A only.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tongwen.catalog import services
from tongwen.catalog.models import Resource, Rights
from tongwen.common.actors import SYSTEM


def make_resource(holder, slug: str, visibility: str = "public", **extra):  # type: ignore[no-untyped-def]
    extra.setdefault("title", {"zh-Hant": "史記", "en": "Records of the Grand Historian"})
    extra.setdefault("kind", Resource.Kind.ANCIENT_BOOK)
    extra.setdefault("rights", Rights.PDM)
    return services.resource_create(
        actor=SYSTEM, holder=holder, slug=slug, visibility=visibility, **extra
    )


@pytest.fixture
def collection(world):  # type: ignore[no-untyped-def]
    b = world["b"]
    public = make_resource(
        b,
        "shiji-public",
        creators=[{"name": {"zh-Hant": "司馬遷"}, "role": "author", "period": "western-han"}],
        date_written="清乾隆四年",
    )
    partners = make_resource(
        b,
        "hanshu-partners",
        "partners",
        title={"zh-Hant": "漢書", "en": "Book of Han"},
        rights=Rights.INC,
    )
    private = make_resource(
        b, "houhanshu-private", "private", title={"zh-Hant": "後漢書"}, rights=Rights.INC
    )
    grant = services.grant_create(
        actor=SYSTEM,
        grantor=b,
        grantee=world["a"],
        agreement=world["ab"],
        valid_from=dt.date(2021, 1, 1),
        resources=[private],
    )
    return world | {"public": public, "partners": partners, "private": private, "grant": grant}
