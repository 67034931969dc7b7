"""The index follows the database: every committed write is searchable at once, as it now is;
edits leave no stale hit, deletes no phantom; a rolled-back write never reaches the index; and
the drift check finds, and repair mends, an index that was tampered with.

These tests commit for real (``transactional_db``): the index is written after the commit, the
way it is in production. (Inside pytest-django's test transaction, ``on_commit`` callbacks run
only for ``django_capture_on_commit_callbacks``, and ``search.services.schedule`` registers one
flush per transaction, so a second captured block in the same test would never flush.)
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tongwen.agreements import services as agreement_services
from tongwen.agreements.models import Agreement
from tongwen.catalog import selectors as catalog_selectors
from tongwen.catalog import services as catalog_services
from tongwen.catalog.models import Resource, Rights
from tongwen.common.actors import SYSTEM
from tongwen.conftest import make_agreement, make_institution, make_user
from tongwen.institutions import services as institution_services
from tongwen.institutions.models import Institution
from tongwen.programs.models import Event
from tongwen.programs.services import events as event_services
from tongwen.programs.services import registration as registration_services
from tongwen.search import backends, permissions, registry, selectors, services
from tongwen.search.engine import Document, Query

pytestmark = pytest.mark.django_db(transaction=True)

WHEN = dt.datetime(2024, 5, 4, 19, 0, tzinfo=dt.UTC)


def keys(text: str = "", user: Any = SYSTEM, **filters: tuple[str, ...]) -> set[str]:
    """Keys of what ``user`` finds for ``text`` (everything, for the system)."""
    query = Query(text=text, readers=permissions.reader_tokens(user), limit=500, filters=filters)
    return {hit.key for hit in backends.get().search(query).hits}


def hit(key: str) -> Any:
    """The hit for ``key`` as the index holds it now."""
    type_, _ = registry.split_key(key)
    query = Query(limit=500, filters={"type": (type_,)})
    found = [h for h in backends.get().search(query).hits if h.key == key]
    assert len(found) <= 1
    return found[0] if found else None


def assert_clean() -> None:
    drift = services.check()
    assert (drift.missing, drift.stale, drift.phantom) == ([], [], [])


def make_resource(holder: Institution, slug: str, visibility: str = "public", **extra: Any):  # type: ignore[no-untyped-def]
    extra.setdefault("title", {"zh-Hant": "史記", "en": "Records of the Grand Historian"})
    extra.setdefault("kind", Resource.Kind.ANCIENT_BOOK)
    extra.setdefault("rights", Rights.PDM)
    return catalog_services.resource_create(
        actor=SYSTEM, holder=holder, slug=slug, visibility=visibility, **extra
    )


def test_everything_written_through_the_services_is_indexed(world: dict[str, Any]) -> None:
    expected = {f"institution:{world[x].pk}" for x in ("a", "b", "c")} | {
        f"agreement:{world['ab'].pk}",
        f"agreement:{world['bc'].pk}",
        f"commitment:{world['commitment'].pk}",
    }
    assert keys() == expected
    assert backends.get().count() == len(expected)
    assert_clean()


def test_resource_create_edit_delete(world: dict[str, Any]) -> None:
    resource = make_resource(world["a"], "shiji")
    key = f"resource:{resource.pk}"
    # Found in either script, and by everyone: it is public.
    assert keys("史記") == keys("史记") == {key}
    assert keys("史记", AnonymousUser()) == {key}
    assert hit(key).title == {
        "zh-Hant": "史記",
        "zh-Latn-pinyin": "shǐ jì",
        "en": "Records of the Grand Historian",
    }

    catalog_services.resource_update(
        actor=world["editor_a"], resource=resource, title={"zh-Hant": "漢書", "en": "Book of Han"}
    )
    assert keys("史记") == set()
    assert keys("汉书") == {key}
    assert hit(key).title == {"zh-Hant": "漢書", "zh-Latn-pinyin": "hàn shū", "en": "Book of Han"}
    assert_clean()

    catalog_services.resource_delete(actor=world["editor_a"], resource=resource)
    assert keys("汉书") == set()
    assert hit(key) is None
    assert key not in dict(backends.get().fingerprints())
    assert_clean()


def test_creators_and_holder_changes_reach_the_resource(world: dict[str, Any]) -> None:
    resource = make_resource(world["a"], "shiji")
    key = f"resource:{resource.pk}"
    assert keys("司马迁") == set()
    catalog_services.resource_update(
        actor=SYSTEM,
        resource=resource,
        creators=[{"name": {"zh-Hant": "司馬遷"}, "role": "author", "period": "western-han"}],
    )
    assert keys("司马迁") == {key}
    assert_clean()


def test_sharing_grant_created_and_revoked(world: dict[str, Any]) -> None:
    a, b = world["a"], world["b"]
    private = make_resource(b, "houhanshu", "private", title={"zh-Hant": "後漢書"})
    key = f"resource:{private.pk}"
    editor_a, editor_b, editor_c = world["editor_a"], world["editor_b"], world["editor_c"]

    def seen(user: Any) -> bool:
        in_search = key in keys("后汉书", user)
        allowed = catalog_selectors.resource_list(user=user).filter(pk=private.pk).exists()
        assert in_search == allowed
        return in_search

    assert (seen(editor_a), seen(editor_b), seen(editor_c)) == (False, True, False)
    assert seen(AnonymousUser()) is False

    grant = catalog_services.grant_create(
        actor=editor_b,
        grantor=b,
        grantee=a,
        agreement=world["ab"],
        valid_from=dt.date(2021, 1, 1),
        resources=[private],
    )
    assert (seen(editor_a), seen(make_user("viewer-a", a, "viewer")), seen(editor_c)) == (
        True,
        True,
        False,
    )
    assert_clean()

    catalog_services.grant_revoke(actor=editor_b, grant=grant)
    assert seen(editor_a) is False
    assert seen(editor_b) is True
    assert_clean()


def test_signing_makes_partners_see_partner_resources(world: dict[str, Any]) -> None:
    b = world["b"]
    partners = make_resource(b, "hanshu", "partners", title={"zh-Hant": "漢書"})
    key = f"resource:{partners.pk}"
    editor_a, editor_c = world["editor_a"], world["editor_c"]
    # A–B is signed, B–C a draft: A's members are B's partners, C's are not yet.
    assert key in keys("汉书", editor_a)
    assert key not in keys("汉书", editor_c)

    agreement_services.agreement_update(actor=SYSTEM, agreement=world["bc"], status="signed")
    assert key in keys("汉书", editor_c)
    assert_clean()


def test_visibility_private_to_public(world: dict[str, Any]) -> None:
    resource = make_resource(world["a"], "shiji", "private")
    key = f"resource:{resource.pk}"
    anonymous = AnonymousUser()
    assert keys("史记", anonymous) == set()
    assert keys("史记", world["editor_b"]) == set()
    assert keys("史记", world["editor_a"]) == {key}

    catalog_services.resource_update(actor=SYSTEM, resource=resource, visibility="public")
    assert keys("史记", anonymous) == {key}
    assert keys("史记", world["editor_b"]) == {key}

    catalog_services.resource_update(actor=SYSTEM, resource=resource, visibility="partners")
    assert keys("史记", anonymous) == set()
    assert keys("史记", world["editor_b"]) == {key}  # A–B is signed
    assert keys("史记", world["editor_c"]) == set()
    assert_clean()


def test_agreement_signing_publishes_its_commitments_and_initiatives(
    world: dict[str, Any],
) -> None:
    b, c = world["b"], world["c"]
    draft = world["bc"]
    commitment = agreement_services.commitment_create(
        actor=SYSTEM, agreement=draft, text={"zh-Hans": "联合举办古籍展览"}, category="exhibitions"
    )
    initiative = agreement_services.initiative_create(
        actor=SYSTEM,
        agreement=draft,
        slug="joint-show",
        title={"zh-Hans": "古籍联展"},
        lead=[b],
        partners=[c],
        commitments=[commitment],
        start=dt.date(2022, 6, 1),
    )
    expected = {
        f"agreement:{draft.pk}",
        f"commitment:{commitment.pk}",
        f"initiative:{initiative.pk}",
    }
    anonymous = AnonymousUser()
    assert keys("古籍", anonymous) == set()
    assert keys("古籍", world["editor_a"]) == set()
    assert keys("古籍", world["editor_b"]) == expected
    assert keys("古籍", world["editor_c"]) == expected

    agreement_services.agreement_update(actor=SYSTEM, agreement=draft, status="signed")
    assert keys("古籍", anonymous) == expected
    assert keys("古籍", world["editor_a"]) == expected
    assert_clean()

    # And back to draft, now between B and A: C's members lose it, A's gain it.
    agreement_services.agreement_update(
        actor=SYSTEM, agreement=draft, status="draft", parties=[b, world["a"]]
    )
    assert keys("古籍", anonymous) == set()
    assert keys("古籍", world["editor_c"]) == set()
    assert keys("古籍", world["editor_a"]) == expected
    assert_clean()


def test_agreement_edit_and_commitment_delete(world: dict[str, Any]) -> None:
    ab = world["ab"]
    commitment = world["commitment"]
    key = f"agreement:{ab.pk}"
    assert keys("share resources") == {key, f"commitment:{commitment.pk}"}

    agreement_services.agreement_update(
        actor=SYSTEM, agreement=ab, title={"zh-Hans": "战略合作协议", "en": "Strategic pact"}
    )
    # The commitment is found by its agreement's title too.
    assert keys("战略合作") == keys("strategic pact") == {key, f"commitment:{commitment.pk}"}
    assert hit(key).title["en"] == "Strategic pact"
    # The commitment carries its agreement's title.
    assert hit(f"commitment:{commitment.pk}").summary == {
        "en": "Strategic pact",
        "zh-Hans": "战略合作协议",
    }
    assert_clean()

    agreement_services.commitment_delete(actor=SYSTEM, commitment=commitment)
    assert keys("share resources") == set()
    assert hit(f"commitment:{commitment.pk}") is None
    assert_clean()


def test_agreement_deleted_in_the_admin_takes_its_parts_along(world: dict[str, Any]) -> None:
    ab = world["ab"]
    initiative = agreement_services.initiative_create(
        actor=SYSTEM,
        agreement=ab,
        slug="shared-reading",
        title={"en": "Shared reading"},
        lead=[world["a"]],
    )
    assert keys("shared reading") == {f"initiative:{initiative.pk}"}
    # The admin deletes through the ORM; the signals still reach the index.
    Agreement.objects.filter(pk=ab.pk).delete()
    assert keys() == {
        *(f"institution:{world[x].pk}" for x in ("a", "b", "c")),
        f"agreement:{world['bc'].pk}",
    }
    assert_clean()


def test_event_create_edit_publish_delete(world: dict[str, Any]) -> None:
    a, b, c = world["a"], world["b"], world["c"]
    event = event_services.event_create(
        actor=SYSTEM,
        slug="rubbings-talk",
        kind=Event.Kind.LECTURE,
        title={"zh-Hans": "碑帖讲座", "en": "A talk on rubbings"},
        organiser=a,
        partners=[c],
        online_url="https://example.org/live",
        sessions=[{"starts_at": WHEN, "ends_at": WHEN + dt.timedelta(hours=2)}],
    )
    key = f"event:{event.pk}"
    assert keys("碑帖", AnonymousUser()) == set()
    assert keys("碑帖", world["editor_a"]) == {key}
    assert keys("碑帖", world["editor_c"]) == {key}
    assert keys("碑帖", world["editor_b"]) == set()
    assert hit(key).year == 2024

    event_services.event_update(actor=SYSTEM, event=event, partners=[b])
    assert keys("碑帖", world["editor_b"]) == {key}
    assert keys("碑帖", world["editor_c"]) == set()

    event_services.session_add(
        actor=SYSTEM,
        event=event,
        starts_at=WHEN - dt.timedelta(days=400),
        ends_at=WHEN - dt.timedelta(days=400, hours=-1),
    )
    assert hit(key).year == 2023

    event_services.event_update(actor=SYSTEM, event=event, title={"zh-Hans": "拓片讲座"})
    event_services.event_set_status(actor=SYSTEM, event=event, status="published")
    assert keys("碑帖") == set()
    assert keys("拓片", AnonymousUser()) == {key}
    assert_clean()

    Event.objects.filter(pk=event.pk).delete()  # the admin's delete
    assert keys("拓片") == set()
    assert_clean()


def test_registrants_never_reach_the_index(world: dict[str, Any]) -> None:
    soon = timezone.now() + dt.timedelta(days=3)
    event = event_services.event_create(
        actor=SYSTEM,
        slug="open-day",
        kind=Event.Kind.LECTURE,
        title={"en": "Open day"},
        organiser=world["a"],
        online_url="https://example.org/live",
        booking=Event.Booking.WHOLE,
        status=Event.Status.PUBLISHED,
        sessions=[{"starts_at": soon, "ends_at": soon + dt.timedelta(hours=2)}],
    )
    registration_services.registration_create(
        event=event, name="Zhang Registrant", email="zhang@example.net", phone="13800000000"
    )
    assert keys("open day") == {f"event:{event.pk}"}
    for personal in ("Zhang", "Registrant", "zhang@example.net", "13800000000"):
        assert keys(personal) == set(), personal
    assert_clean()


def test_institution_create_edit_delete_reaches_what_names_it(world: dict[str, Any]) -> None:
    a = world["a"]
    d = institution_services.institution_create(
        actor=SYSTEM,
        slug="shanghai-library",
        name={"zh-Hans": "上海图书馆", "en": "Shanghai Library"},
        kind="library",
        abbreviations=["SHL"],
        division_code="310000",
    )
    key = f"institution:{d.pk}"
    assert keys("上海图书馆", AnonymousUser()) == {key}
    assert keys("shl") == {key}

    person = institution_services.person_create(actor=SYSTEM, slug="wang", name={"zh-Hans": "王明"})
    institution_services.appointment_create(
        actor=SYSTEM, person=person, institution=a, title={"zh-Hans": "馆长"}
    )
    person_key = f"person:{person.pk}"
    assert keys("王明") == {person_key}
    assert keys("馆长") == {person_key}

    institution_services.institution_update(
        actor=SYSTEM, institution=a, name={"zh-Hans": "国家图书馆", "en": "National Library"}
    )
    # Its own document, its agreement, its commitment's parties and its staff follow.
    expected = {
        f"institution:{a.pk}",
        f"agreement:{world['ab'].pk}",
        f"commitment:{world['commitment'].pk}",
        person_key,
    }
    assert keys("国家图书馆") == expected
    assert hit(f"institution:{a.pk}").title == {
        "zh-Hans": "国家图书馆",
        "zh-Latn-pinyin": "guó jiā tú shū guǎn",
        "en": "National Library",
    }
    assert_clean()

    Institution.objects.filter(pk=d.pk).delete()  # the admin's delete
    assert keys("上海图书馆") == set()
    assert_clean()


def test_facet_labels_follow_a_renamed_institution(world: dict[str, Any]) -> None:
    a = world["a"]

    def label() -> str:
        page = selectors.search(user=SYSTEM, filters={"institution": [a.slug]}, language="en")
        facet = next(f for f in page.facets if f.name == "institution")
        return {entry.value: entry.label for entry in facet.values}[a.slug]

    before = label()
    assert before == label() != "National Library"  # the second read comes from the cache
    institution_services.institution_update(
        actor=SYSTEM, institution=a, name={"zh-Hans": "国家图书馆", "en": "National Library"}
    )
    assert label() == "National Library"


def test_rolled_back_writes_never_reach_the_index(world: dict[str, Any]) -> None:
    before = dict(backends.get().fingerprints())

    class Boom(Exception):
        pass

    with pytest.raises(Boom), transaction.atomic():
        make_institution("gone", "Gone Library")
        make_resource(world["a"], "gone-book", title={"zh-Hant": "亡書"})
        agreement_services.agreement_update(actor=SYSTEM, agreement=world["ab"], status="draft")
        raise Boom
    assert dict(backends.get().fingerprints()) == before
    assert keys("gone library") == set()

    # A savepoint rolled back first: its flush is dropped, the outer write still gets one.
    with transaction.atomic():
        with pytest.raises(Boom), transaction.atomic():
            make_institution("gone-too", "Gone Too")
            raise Boom
        kept = make_institution("kept", "Kept Library")
    assert keys("library") == {f"institution:{kept.pk}"}
    assert_clean()


def test_check_finds_and_repair_mends_drift(world: dict[str, Any]) -> None:
    assert_clean()
    backend = backends.get()
    missing = f"institution:{world['a'].pk}"
    stale = f"agreement:{world['ab'].pk}"
    phantom = "institution:999999"
    indexed = {d.key: d for d in services.documents()}
    backend.delete([missing])
    backend.upsert(
        [
            dataclasses.replace(indexed[stale], title={"en": "Old title"}),
            Document(
                key=phantom,
                type="institution",
                url="/",
                title={"en": "Ghost"},
                readers=frozenset({"all"}),
            ),
        ]
    )
    backend.commit()
    assert keys("ghost") == {phantom}

    drift = services.check()
    assert (drift.missing, drift.stale, drift.phantom) == ([missing], [stale], [phantom])
    assert drift.checked == len(indexed)

    assert services.repair(drift) == (2, 1)
    assert_clean()
    assert keys("ghost") == set()
    assert keys("old title") == set()


@pytest.mark.django_db  # nothing here needs a commit
def test_building_documents_takes_the_same_queries_for_more_rows(world: dict[str, Any]) -> None:
    """Each provider's queryset prefetches what its documents need: no query per row."""
    types = sorted(registry.providers())
    assert types == [
        "agreement",
        "commitment",
        "event",
        "initiative",
        "institution",
        "person",
        "resource",
    ]

    def add(n: int) -> None:
        for i in range(n):
            slug = f"more-{n}-{i}"
            institution = make_institution(slug, f"Library {slug}")
            person = institution_services.person_create(actor=SYSTEM, slug=slug, name={"en": slug})
            institution_services.appointment_create(
                actor=SYSTEM, person=person, institution=institution, title={"en": "Director"}
            )
            agreement = make_agreement(slug, [institution, world["a"]])
            commitment = agreement_services.commitment_create(
                actor=SYSTEM, agreement=agreement, text={"en": "Share."}, category="exhibitions"
            )
            agreement_services.initiative_create(
                actor=SYSTEM,
                agreement=agreement,
                slug=slug,
                title={"en": slug},
                lead=[institution],
                commitments=[commitment],
            )
            event_services.event_create(
                actor=SYSTEM,
                slug=slug,
                kind=Event.Kind.LECTURE,
                title={"en": slug},
                organiser=institution,
                partners=[world["b"]],
                sessions=[{"starts_at": WHEN, "ends_at": WHEN + dt.timedelta(hours=1)}],
            )
            make_resource(
                institution, slug, creators=[{"name": {"en": "Sima Qian"}, "role": "author"}]
            )

    def queries() -> dict[str, int]:
        spent = {}
        for type_ in types:
            with CaptureQueriesContext(connection) as captured:
                built = list(services.documents([type_]))
            assert len(built) == registry.provider(type_).queryset().count() >= 2
            spent[type_] = len(captured)
        return spent

    add(2)
    few = queries()
    add(10)
    assert (
        queries()
        == few
        == {
            "agreement": 4,
            "commitment": 2,
            "event": 2,
            "initiative": 3,
            "institution": 1,
            "person": 2,
            "resource": 4,
        }
    )
