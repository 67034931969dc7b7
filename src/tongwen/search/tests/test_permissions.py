"""No hit and no facet count leaks across permissions: each user finds exactly what the catalog,
agreements and programs selectors let them see, and every facet counts only that.

The data is written through the services, then indexed in one rebuild (inside the test's
transaction no on-commit update runs); ``test_freshness`` shows the on-commit updates build the
same index.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from tongwen.accounts import services as accounts
from tongwen.agreements import selectors as agreement_selectors
from tongwen.agreements import services as agreement_services
from tongwen.catalog import selectors as catalog_selectors
from tongwen.catalog import services as catalog_services
from tongwen.catalog.models import Resource, Rights
from tongwen.common.actors import SYSTEM
from tongwen.conftest import make_agreement, make_institution, make_user
from tongwen.institutions import services as institution_services
from tongwen.institutions.models import Institution, Person
from tongwen.programs.models import Event
from tongwen.programs.selectors import events as event_selectors
from tongwen.programs.services import events as event_services
from tongwen.search import backends, permissions, services
from tongwen.search.engine import FACETS, Query, Result

pytestmark = pytest.mark.django_db

WHEN = dt.datetime(2024, 5, 4, 19, 0, tzinfo=dt.UTC)
SECRET_COUNTS = {
    "type": {"resource": 1},
    "institution": {"inst-a": 1},
    "kind": {"ancient_book": 1},
    "rights": {Rights.PDM.value: 1},
    "has_images": {"no": 1},
}
USERS = ("anonymous", "editor_a", "editor_b", "editor_c", "viewer_b", "grantee", "admin")


def _resource(holder: Institution, slug: str, visibility: str, title: str) -> Resource:
    return catalog_services.resource_create(
        actor=SYSTEM,
        holder=holder,
        slug=slug,
        visibility=visibility,
        kind=Resource.Kind.ANCIENT_BOOK,
        rights=Rights.PDM,
        title={"zh-Hant": title},
    )


@pytest.fixture
def scene(world: dict[str, Any]) -> dict[str, Any]:
    """``world`` (A–B signed, B–C draft) and: D, with A–D signed; A's public, private and
    partners-only books, the private one granted to D; B's private book; a commitment and an
    initiative under each of A–B and the draft B–C; a draft event of C with A as partner and a
    published event of B; a person with a title at B; a platform administrator."""
    a, b, c = world["a"], world["b"], world["c"]
    d = make_institution("inst-d", "Institution D", kind="university")
    ad = make_agreement("a-d", [a, d], kind="framework_agreement")
    books = {
        "a_public": _resource(a, "a-public", "public", "公開藏書"),
        "a_private": _resource(a, "a-private", "private", "秘閣藏書"),
        "a_partners": _resource(a, "a-partners", "partners", "夥伴藏書"),
        "b_private": _resource(b, "b-private", "private", "乙館藏書"),
    }
    catalog_services.grant_create(
        actor=SYSTEM,
        grantor=a,
        grantee=d,
        agreement=ad,
        valid_from=dt.date(2021, 1, 1),
        resources=[books["a_private"]],
    )
    draft_commitment = agreement_services.commitment_create(
        actor=SYSTEM,
        agreement=world["bc"],
        text={"zh-Hans": "草案藏书交换"},
        category="exhibitions",
    )
    agreement_services.initiative_create(
        actor=SYSTEM,
        agreement=world["bc"],
        slug="draft-initiative",
        title={"zh-Hans": "草案藏书项目"},
        lead=[b],
        partners=[c],
        commitments=[draft_commitment],
    )
    agreement_services.initiative_create(
        actor=SYSTEM,
        agreement=world["ab"],
        slug="public-initiative",
        title={"zh-Hans": "公开藏书项目"},
        lead=[a],
        partners=[b],
        commitments=[world["commitment"]],
        start=dt.date(2022, 1, 1),
    )
    session = [{"starts_at": WHEN, "ends_at": WHEN + dt.timedelta(hours=2)}]
    event_services.event_create(
        actor=SYSTEM,
        slug="draft-event",
        kind=Event.Kind.EXHIBITION,
        title={"zh-Hans": "藏书展草案"},
        organiser=c,
        partners=[a],
        sessions=session,
    )
    event_services.event_create(
        actor=SYSTEM,
        slug="public-event",
        kind=Event.Kind.LECTURE,
        title={"zh-Hans": "藏书讲座"},
        organiser=b,
        online_url="https://example.org/live",
        status=Event.Status.PUBLISHED,
        sessions=session,
    )
    person = institution_services.person_create(actor=SYSTEM, slug="li", name={"zh-Hans": "李藏书"})
    institution_services.appointment_create(
        actor=SYSTEM, person=person, institution=b, title={"zh-Hans": "馆长"}
    )
    users = {
        "anonymous": AnonymousUser(),
        "grantee": make_user("grantee-d", d, "viewer"),
        "admin": accounts.user_create(username="admin", password=None, is_superuser=True),
    }
    services.rebuild()
    return world | books | users | {"d": d, "ad": ad}


def allowed(user: Any) -> set[str]:
    """Every key the contexts' own selectors let ``user`` see."""
    groups: list[tuple[str, Any]] = [
        ("resource", catalog_selectors.resource_list(user=user)),
        ("agreement", agreement_selectors.agreement_list(user=user)),
        ("commitment", agreement_selectors.commitment_list(user=user)),
        ("initiative", agreement_selectors.initiative_list(user=user)),
        ("event", event_selectors.event_list(user=user)),
        ("institution", Institution.objects.all()),
        ("person", Person.objects.all()),
    ]
    return {f"{type_}:{pk}" for type_, qs in groups for pk in qs.values_list("pk", flat=True)}


def search(user: Any, text: str = "", **filters: tuple[str, ...]) -> Result:
    query = Query(text=text, filters=filters, readers=permissions.reader_tokens(user), limit=1000)
    return backends.get().search(query)


def counts(result: Result) -> dict[str, dict[str, int]]:
    return {
        facet: {v.value: v.count for v in values if v.count}
        for facet, values in result.facets.items()
        if any(v.count for v in values)
    }


def expected_counts(keys: set[str]) -> dict[str, dict[str, int]]:
    """Facet counts over the documents ``keys`` name, as the providers build them now."""
    tally: dict[str, Counter[str]] = {facet: Counter() for facet in FACETS}
    for document in services.documents():
        if document.key not in keys:
            continue
        tally["type"][document.type] += 1
        for facet, values in document.facets.items():
            tally[facet].update(set(values))
    return {facet: dict(c) for facet, c in tally.items() if c}


@pytest.mark.parametrize("who", USERS)
def test_each_user_finds_exactly_what_the_selectors_allow(who: str, scene: dict[str, Any]) -> None:
    user = scene[who]
    visible = allowed(user)
    result = search(user)
    assert {hit.key for hit in result.hits} == visible
    assert result.total == len(visible)
    assert counts(result) == expected_counts(visible)


@pytest.mark.parametrize("who", USERS)
def test_text_search_and_its_facets_stay_within_what_is_visible(
    who: str, scene: dict[str, Any]
) -> None:
    user = scene[who]
    result = search(user, "藏书")
    found = {hit.key for hit in result.hits}
    assert found  # everyone sees the public book, events, initiative and person at least
    assert found <= allowed(user)
    assert counts(result) == expected_counts(found)
    # Filtering by type leaves the type counts alone and narrows every other facet.
    books = search(user, "藏书", type=("resource",))
    assert {hit.key for hit in books.hits} == {k for k in found if k.startswith("resource:")}
    assert counts(books)["type"] == counts(result)["type"]
    assert counts(books)["institution"] == expected_counts({hit.key for hit in books.hits}).get(
        "institution"
    )


def test_exact_counts_for_an_anonymous_reader_and_a_party_to_the_draft(
    scene: dict[str, Any],
) -> None:
    public_types = {
        "institution": 4,
        "person": 1,
        "agreement": 2,
        "commitment": 1,
        "initiative": 1,
        "event": 1,
        "resource": 1,
    }
    anonymous = counts(search(scene["anonymous"]))
    assert anonymous["type"] == public_types
    assert anonymous["kind"] == {
        "library": 1,
        "museum": 1,
        "publisher": 1,
        "university": 1,
        "strategic_cooperation_agreement": 1,
        "framework_agreement": 1,
        "lecture": 1,
        "ancient_book": 1,
    }
    # B's members add the draft B–C with its commitment and initiative, A's partners-only
    # book (A–B is signed) and B's own private book; not C's draft event.
    editor_b = counts(search(scene["editor_b"]))
    assert editor_b["type"] == public_types | {
        "agreement": 3,
        "commitment": 2,
        "initiative": 2,
        "resource": 3,
    }
    # A's members see the draft event C made with A; not the draft B–C.
    editor_a = counts(search(scene["editor_a"]))
    assert editor_a["type"] == public_types | {"event": 2, "resource": 3}
    assert editor_a["kind"]["exhibition"] == 1
    # The grantee sees A's public book, the private one granted to D and, D being A's
    # partner, the partners-only one.
    grantee = counts(search(scene["grantee"], "藏书", type=("resource",)))
    assert grantee["institution"] == {"inst-a": 3}


def test_hidden_titles_give_no_hit_no_count_no_suggestion(scene: dict[str, Any]) -> None:
    backend = backends.get()
    secret = f"resource:{scene['a_private'].pk}"
    for who, sees in {
        "anonymous": False,
        "editor_a": True,
        "editor_b": False,
        "editor_c": False,
        "viewer_b": False,
        "grantee": True,
        "admin": True,
    }.items():
        tokens = permissions.reader_tokens(scene[who])
        result = search(scene[who], "秘阁")
        assert ({hit.key for hit in result.hits} == {secret}) is sees, who
        assert (result.total, counts(result)) == ((1, SECRET_COUNTS) if sees else (0, {})), who
        suggested = {s.key for s in backend.suggest("秘阁", readers=tokens, limit=10)}
        assert (secret in suggested) is sees, who
